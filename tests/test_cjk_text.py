"""Chinese, Japanese and Korean plain text as it comes: in its own multi-byte code page (GBK,
Shift_JIS ...: core/textio.py), and Japanese literature in Aozora Bunko's markup, whose ruby,
notes and frame are left out (core/aozora.py)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.aozora import cleaned, is_aozora
from workbench.core.textio import detect_encoding, read_paragraphs, read_text

ZH = ("据报道，法医检查确认是这头公猪撕咬该农民致其死亡的。当地警方表示，事发时农民正在喂猪，"
      "家人在猪圈里发现了他的遗体。")
JA = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所で泣いていた。"
ZH_TW = "據報道，法醫檢查確認是這頭公豬撕咬該農民致其死亡的。當地警方表示，家人在豬圈裡發現了他的遺體。"
KO = "국가 기관이 발표한 자료에 따르면 올해 관광객 수는 작년보다 크게 늘었다. 정부는 새로운 정책을 준비하고 있다."


@pytest.mark.parametrize("text, codec", [(ZH, "gbk"), (ZH, "gb18030"), (JA, "cp932"),
                                         (JA, "euc_jp"), (KO, "euc_kr"), (ZH_TW, "big5")])
def test_a_cjk_code_page_is_told_whatever_language_the_side_is_said_to_be(text, codec):
    data = (text + "\n") * 3
    raw = data.encode(codec)
    for lang in (None, "ru", "en", "zh", "ja", "ko"):
        assert raw.decode(detect_encoding(raw, lang).encoding) == data


def test_russian_and_latin_code_pages_are_not_taken_for_cjk():
    for text, codec in (("Маленькая победа самозастройщиков Бакая.", "cp1251"),
                        ("Маленькая победа самозастройщиков Бакая.", "koi8_r"),
                        ("Die Gletscher schmelzen für immer, sagt der Bergführer.", "cp1252")):
        raw = text.encode(codec)
        for lang in (None, "ru", "de"):
            assert raw.decode(detect_encoding(raw, lang).encoding) == text


AOZORA = """\
吾輩は猫である
夏目漱石

-------------------------------------------------------
【テキスト中に現れる記号について】

《》：ルビ
（例）吾輩《わがはい》

［＃］：入力者注　主に外字の説明や、傍点の位置の指定
-------------------------------------------------------

［＃８字下げ］一［＃「一」は中見出し］

　吾輩《わがはい》は猫である。名前はまだ無い。
　それは書生という人間中で一番｜獰悪《どうあく》な種族であったそうだ。
　※［＃「言＋墟のつくり」、第4水準2-88-74］を見た。

底本：「夏目漱石全集1」ちくま文庫、筑摩書房
入力：柴田卓治
"""


def test_aozora_markup_and_frame_are_left_out_and_lines_keep_their_numbers():
    lines = AOZORA.split("\n")
    assert is_aozora(lines)
    out, block, colophon = cleaned(lines)
    assert block == (3, 11) and colophon == 18
    read = read_paragraphs(AOZORA)
    assert read.lines == [(1, "吾輩は猫である"), (2, "夏目漱石"), (13, "一"),
                          (15, "吾輩は猫である。名前はまだ無い。"),
                          (16, "それは書生という人間中で一番獰悪な種族であったそうだ。"),
                          (17, "※を見た。")]


def test_text_that_only_uses_brackets_like_aozora_is_read_as_it_is():
    text = "彼は《重要》と書いた。\n［注意］を読んでください。\n"
    assert not is_aozora(text.split("\n"))
    assert [p for _, p in read_paragraphs(text).lines] == ["彼は《重要》と書いた。", "［注意］を読んでください。"]


def test_align_reads_a_shift_jis_aozora_book_and_says_what_it_left_out(tmp_path):
    book = tmp_path / "neko.txt"
    book.write_bytes(AOZORA.encode("cp932"))
    assert read_text(book).encoding == "cp932"
    en = tmp_path / "cat.txt"
    en.write_text("I Am a Cat\nNatsume Soseki\nOne\nI am a cat. As yet I have no name.\n"
                  "It was a student, of the most ferocious kind.\nI saw a thing.\n", encoding="utf-8")
    out = tmp_path / "cat.yaml"
    res = CliRunner().invoke(main, ["align", str(book), str(en), "-o", str(out),
                                    "--target-lang", "en"])
    assert res.exit_code == 0, res.output
    assert "read " + str(book) + " as Shift_JIS" in res.output
    assert ("it is an Aozora Bunko text: its ruby readings 《》 and input notes ［＃］, its notes "
            "on the symbols (lines 4-11) and its colophon (from line 19) are left out") in res.output
    assert "from 7 ja and 7 en sentences" in res.output
    assert "わがはい" not in out.read_text(encoding="utf-8")
