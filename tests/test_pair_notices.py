"""Warnings about a pair as a whole, with lengths measured across scripts."""

from __future__ import annotations

from workbench.core.document import Document, make_side
from workbench.core.pipeline import pair_notices
from workbench.core.textio import text_size

ZH = ["今天早上，我们在北京的一家小餐馆吃了早饭。", "餐馆的老板是一位六十岁的老人，他在这里工作了三十年。",
      "他告诉我们，这条街以前非常安静。"]
EN = ["This morning we had breakfast at a small restaurant in Beijing.",
      "The owner of the restaurant is a sixty-year-old man; he has worked here for thirty years.",
      "He told us that this street used to be very quiet."]


def _doc(src, tgt, langs=("zh", "en")) -> Document:
    return Document(make_side(langs[0], [(t, 0) for t in src], path="a.txt"),
                    make_side(langs[1], [(t, 0) for t in tgt], path="b.txt"), [])


def test_dense_scripts_count_as_several_latin_characters():
    assert text_size("Beijing") == 7
    assert text_size("北京") == 6  # Han: 3 each
    assert text_size("ひらがな") == 8 and text_size("한국어") == 6  # kana, Hangul: 2 each
    assert text_size("Москва, 2006 г.") == len("Москва, 2006 г.")
    assert text_size("北京 2008") == 6 + 5


def test_a_chinese_text_and_its_english_translation_are_not_lopsided():
    assert sum(map(len, EN)) > 3 * sum(map(len, ZH))  # by raw characters they would be
    assert pair_notices(_doc(ZH, EN)) == []


def test_a_really_lopsided_pair_is_still_warned_about():
    (notice,) = pair_notices(_doc(ZH, EN * 4))
    assert "b.txt is" in str(notice) and "a Chinese one counted as 3" in str(notice)
    (notice,) = pair_notices(_doc(["Short."], [EN[1] * 3], ("en", "en")))
    assert "characters)" in str(notice) and "Chinese" not in str(notice)


# ---------------------------------------------------------------- a side in another script

def test_a_side_in_another_script_is_named():
    from workbench.core.pipeline import script_problem

    cases = [
        ("سكان باكاي دافعوا عن منازلهم", "en", "Arabic"),
        ("תושבי בקאי הגנו על בתיהם", "en", "Hebrew"),
        ("".join(ZH), "en", "Chinese characters (Han)"),
        ("Οι κάτοικοι υπερασπίστηκαν τα σπίτια τους", "de", "Greek"),
        ("ひらがなとカタカナ", "en", "Japanese kana"),
        ("한국어 문장입니다", "fr", "Korean Hangul"),
        (" ".join(EN), "ar", "Latin"), (" ".join(EN), "zh", "Latin"), (" ".join(EN), "ru", "Latin"),
        ("Жители Бакая отстояли свои дома", "en", "Cyrillic"),
    ]
    for text, lang, script in cases:
        problem = script_problem(text, lang)
        assert problem is not None and f"of its letters are {script}:" in problem, (text, lang)


def test_a_side_in_its_own_script_is_fine():
    from workbench.core.pipeline import script_problem

    fine = [("".join(ZH) + " Beijing 2008", "zh"), ("東京でひらがなを書きます", "ja"),
            ("한국어 文章", "ko"), ("Жители Бакая и Shanyrak отстояли свои дома", "ru"),
            (" ".join(EN), "en"), ("سكان باكاي دافعوا عن منازلهم", "fa"), ("123 456 ...", "en"),
            ("any text at all", "xx")]
    for text, lang in fine:
        assert script_problem(text, lang) is None, (text, lang)


def test_a_big_side_is_judged_on_samples_quickly():
    import time

    from workbench.core.scripts import script_counts

    text = ("سكان باكاي دافعوا عن منازلهم. " * 200_000)  # 6 MB of characters
    start = time.perf_counter()
    counts = script_counts(text)
    assert time.perf_counter() - start < 2.0
    assert set(counts) == {"Arabic"} and sum(counts.values()) < 200_000


def test_a_language_without_sentence_marks_is_said_to_stay_in_paragraphs(tmp_path):
    """Thai ends a sentence with a space, as it ends a clause: no splitter here knows it, so
    the user is told that each paragraph is one row, and how to get finer ones."""
    from workbench.core.pipeline import new_document

    (tmp_path / "th.txt").write_text("วันนี้อากาศดีมาก ฉันไปตลาดกับแม่\n\nนายสมชายเป็นครู\n",
                                     encoding="utf-8")
    (tmp_path / "en.txt").write_text("The weather is nice today. I went to the market.\n\n"
                                     "Mr. Somchai is a teacher.\n", encoding="utf-8")
    notices = []
    doc = new_document(tmp_path / "th.txt", tmp_path / "en.txt", "th", "en", notices=notices)
    assert len(doc.source.sentences) == 2
    said = [n for n in notices if "without sentence marks" in n.message]
    assert len(said) == 1 and "Thai" in said[0].message and "--presegmented" in said[0].message
    assert said[0].path == str(tmp_path / "th.txt")
    notices = []
    new_document(tmp_path / "th.txt", tmp_path / "en.txt", "th", "en", presegmented=True,
                 notices=notices)
    assert not [n for n in notices if "without sentence marks" in n.message]


def test_a_script_names_a_language_only_when_no_other_shares_it():
    from workbench.core.scripts import lang_of_text

    assert lang_of_text("これは日本語の文です。漢字も多い。")[0] == "ja"
    assert lang_of_text("这是中文的句子。")[0] == "zh"
    assert lang_of_text("한국어 문장입니다. 漢字")[0] == "ko"
    assert lang_of_text("Καλημέρα κόσμε")[0] == "el"
    assert lang_of_text("สวัสดีครับ")[0] == "th"
    # Latin, Cyrillic, Arabic, Hebrew: many languages, no guess
    for text in ("This is English.", "Это русский.", "مرحبا بالعالم", "שלום עולם", "123 ..."):
        assert lang_of_text(text) is None
    # a Chinese name or two in an English text is English all the same
    assert lang_of_text("He met 王小明 in Beijing yesterday afternoon.") is None
