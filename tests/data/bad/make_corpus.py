"""Writes the bad-input corpus of this folder (run from the repository root:
``.venv/bin/python tests/data/bad/make_corpus.py``). The files are committed; this script
documents how each was made. ``tests/test_bad_input.py`` holds what each must produce."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from workbench.core import store  # noqa: E402
from workbench.core.document import Bead, Document, Sentence, Side  # noqa: E402

RU = ("Жители микрорайона Бакай отстояли свои дома.\n"
      "Суд уже постановил снести сто двадцать домов в соседнем Шаныраке.\n"
      "Общее собрание решило направить туда группу поддержки.\n")
EN = ("The residents of Bakai defended their homes.\n"
      "A court has already ordered 120 houses in neighbouring Shanyrak demolished.\n"
      "A general meeting decided to send a support group there.\n")
OTHER = ("Весной в горах выпало много снега.\n"
         "Реки разлились раньше обычного срока.\n"
         "Фермеры начали сев на две недели позже.\n"
         "A lot of snow fell in the mountains this spring.\n"
         "The rivers flooded earlier than usual.\n"
         "Farmers began sowing two weeks late.\n")
AR = ("دافع سكان باكاي عن منازلهم.\n"
      "أمرت المحكمة بالفعل بهدم 120 منزلا في شانيراك المجاورة.\n"
      "قرر اجتماع عام إرسال مجموعة دعم إلى هناك.\n")
HE = ("תושבי בקאי הגנו על בתיהם.\n"
      "בית המשפט כבר הורה להרוס 120 בתים בשאניראק השכנה.\n"
      "אסיפה כללית החליטה לשלוח לשם קבוצת תמיכה.\n")
ZH = ("巴凯的居民保卫了他们的家园。\n"
      "法院已经下令拆除邻近的沙尼拉克的120所房屋。\n"
      "全体会议决定派一个支援小组去那里。\n")
OLD_EDITOR = str.maketrans({"—": "-", "«": '"', "»": '"'})


def good_document() -> str:
    src = Side("ru", [Sentence(i, t) for i, t in enumerate(RU.splitlines())])
    tgt = Side("en", [Sentence(i, t) for i, t in enumerate(EN.splitlines())])
    beads = [Bead((0,), (0,), 0.91, "confirmed"), Bead((1,), (1,), 0.84), Bead((2,), (2,), 0.77)]
    extra = {
        "spelling": [{"ignore": "shanyrak", "lang": "en"}],
        "glossary": [{"source": "снос", "target": "demolition"}],
        "flags": [{"id": 1, "src": [1], "tgt": [1], "category": "Accuracy/Mistranslation",
                   "severity": "minor", "status": "open", "comment": "120 or сто двадцать?",
                   "author": "anna", "created": "2026-01-05T10:00:00+00:00", "origin": "manual"}],
    }
    return store.dumps(Document(src, tgt, beads, model="use-v3", extra=extra))


def main() -> None:
    t = HERE / "text"
    t.mkdir(exist_ok=True)
    (t / "en.txt").write_text(EN, encoding="utf-8")
    (t / "ru.txt").write_text(RU, encoding="utf-8")
    for codec, name in (("cp1251", "ru_cp1251"), ("koi8_r", "ru_koi8r"), ("cp866", "ru_cp866"),
                        ("mac_cyrillic", "ru_mac_cyrillic"), ("utf-16", "ru_utf16le_bom"),
                        ("utf-8-sig", "ru_utf8_bom")):
        (t / f"{name}.txt").write_bytes(RU.translate(OLD_EDITOR).encode(codec))
    (t / "ru_utf16be_bom.txt").write_bytes(b"\xfe\xff" + RU.encode("utf-16-be"))
    (t / "ru_crlf.txt").write_bytes(RU.replace("\n", "\r\n").encode("utf-8"))
    (t / "empty.txt").write_bytes(b"")
    (t / "whitespace.txt").write_bytes(b"  \n\t\n\r\n   \n")
    (t / "punctuation.txt").write_text("...\n--- !!! ***\n", encoding="utf-8")
    (t / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (t / "nul.bin").write_bytes(b"some text\x00\x00\x01\x02 more" * 20)
    (t / "ru.txt.gz").write_bytes(gzip.compress(RU.encode("utf-8"), mtime=0))
    (t / "document.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    (t / "document.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40)
    (t / "controls.txt").write_bytes(b"text \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f " * 30)
    (t / "utf16_no_bom.txt").write_bytes(EN.encode("utf-16-le"))
    (t / "en_as_ru.txt").write_text(EN, encoding="utf-8")  # English given as the Russian side
    (t / "ru_long.txt").write_text(RU * 12, encoding="utf-8")  # lopsided against en.txt
    # UTF-8 but for one bad byte (line 2): read as UTF-8 and named, never as KOI8-R
    ru_bytes = RU.encode("utf-8")
    cut = ru_bytes.index("постановил".encode("utf-8"))
    (t / "ru_utf8_bad_byte.txt").write_bytes(ru_bytes[:cut] + b"\xff" + ru_bytes[cut:])
    # two lines of UTF-8, then one of windows-1251: refused, neither reading is right
    first, second, third = RU.splitlines(keepends=True)
    (t / "ru_mixed_utf8_cp1251.txt").write_bytes(
        (first + second).encode("utf-8") + third.encode("cp1251"))
    # other scripts given as the English side
    for name, text in (("ar_as_en", AR), ("he_as_en", HE), ("zh_as_en", ZH)):
        (t / f"{name}.txt").write_text(text, encoding="utf-8")

    y = HERE / "yaml"
    y.mkdir(exist_ok=True)
    good = good_document()
    (y / "good.yaml").write_text(good, encoding="utf-8")
    lines = good.splitlines(keepends=True)

    def variant(name: str, old: str, new: str, count: int = 1) -> None:
        assert good.count(old) >= 1, (name, old)
        (y / name).write_text(good.replace(old, new, count), encoding="utf-8")

    variant("malformed_flow.yaml", "- {src: [1], tgt: [1]", "- {src: [1, tgt: [1]")
    variant("malformed_indent.yaml", "target_sentences:\n- {id: 0", "target_sentences:\n  - {id: 0\n -")
    variant("malformed_quote.yaml", "text: The residents", "text: 'The residents")
    variant("tab_indent.yaml", "source:", "source:\n\t  x: 1\n  y:")
    variant("unknown_id.yaml", "- {src: [2], tgt: [2]", "- {src: [2], tgt: [9]")
    variant("duplicate_id.yaml", "- {id: 2, para: 0, text: Общее", "- {id: 1, para: 0, text: Общее")
    variant("sentence_in_two_rows.yaml", "- {src: [2], tgt: [2]", "- {src: [1, 2], tgt: [2]")
    variant("sentence_in_no_row.yaml", "- {src: [2], tgt: [2]", "- {src: [], tgt: [2]")
    variant("rows_out_of_order.yaml", "- {src: [1], tgt: [1]", "- {src: [2], tgt: [1]")
    (y / "rows_out_of_order.yaml").write_text(
        (y / "rows_out_of_order.yaml").read_text(encoding="utf-8").replace(
            "- {src: [2], tgt: [2]", "- {src: [1], tgt: [2]"), encoding="utf-8")
    variant("bad_status.yaml", "status: confirmed", "status: done")
    variant("bad_confidence.yaml", "confidence: 0.84", "confidence: 84")
    variant("empty_row.yaml", "- {src: [2], tgt: [2], confidence: 0.77, status: proposed}",
            "- {src: [2], tgt: [2], confidence: 0.77, status: proposed}\n- {src: [], tgt: []}")
    variant("bad_flag_category.yaml", "category: Accuracy/Mistranslation", "category: Accuracy/Wrong")
    variant("bad_flag_severity.yaml", "severity: minor", "severity: huge")
    variant("flag_unknown_sentence.yaml", "{id: 1, src: [1], tgt: [1]", "{id: 1, src: [1], tgt: [40]")
    variant("newer_format.yaml", "format: 1", "format: 3")
    variant("format_not_a_number.yaml", "format: 1", "format: one")
    variant("no_format.yaml", "format: 1\n", "")
    variant("text_not_text.yaml", "text: Общее собрание решило направить туда группу поддержки.",
            "text: [Общее, собрание]")
    variant("src_not_a_list.yaml", "- {src: [1], tgt: [1]", "- {src: '1', tgt: [1]")
    variant("id_not_a_number.yaml", "- {id: 1, para: 0, text: Суд", "- {id: one, para: 0, text: Суд")
    variant("source_not_a_mapping.yaml", "source: {lang: ru, next_id: 3}", "source: ru")
    variant("bad_spelling_entry.yaml", "{ignore: shanyrak, lang: en}", "{ignore: shanyrak}")
    variant("bad_glossary_term.yaml", "{source: снос, target: demolition}", "{source: снос}")
    (y / "truncated.yaml").write_text("".join(lines[: len(lines) * 2 // 3])[:-9], encoding="utf-8")
    (y / "not_a_mapping.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (y / "empty.yaml").write_bytes(b"")
    (y / "utf16.yaml").write_bytes(good.encode("utf-16"))
    (y / "latin1.yaml").write_bytes(good.replace("Общее", "Ç'est").encode("latin-1", "replace"))
    (y / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + good.encode("utf-8"))  # fine: loads
    (y / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    # valid YAML the loader refuses: aliases expand on save, deep nesting overflows recursion
    variant("alias_text.yaml", "text: The residents of Bakai defended their homes.",
            "text: &t The residents of Bakai defended their homes.")
    (y / "alias_text.yaml").write_text((y / "alias_text.yaml").read_text(encoding="utf-8").replace(
        "text: A general meeting decided to send a support group there.", "text: *t"),
        encoding="utf-8")
    laughs = "lol:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"  {c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    (y / "billion_laughs.yaml").write_text(good + laughs, encoding="utf-8")
    (y / "deep_nesting.yaml").write_text(good + "notes: " + "[" * 990 + "]" * 990 + "\n",
                                         encoding="utf-8")
    (y / "deep_block.yaml").write_text(good + "notes:\n" + "".join(
        "  " * (i + 1) + f"k{i}:\n" for i in range(40)) + "  " * 41 + "end\n", encoding="utf-8")
    head = "format: 1\nsource_lang: ru\ntarget_lang: en\nterms:\n"
    (y / "glossary_alias.yaml").write_text(
        head + "- {source: снос, target: &d demolition}\n- {source: сносы, target: *d}\n",
        encoding="utf-8")
    (y / "glossary_deep.yaml").write_text(head + "- " + "[" * 600 + "]" * 600 + "\n",
                                          encoding="utf-8")
    (y / "dictionary_alias.yaml").write_text("format: 1\nen: &w\n- Shanyrak\nru: *w\n",
                                             encoding="utf-8")
    # another text altogether, with the same ids: eval and merge against good.yaml must refuse
    other = good
    for old, new in zip(RU.splitlines() + EN.splitlines(), OTHER.splitlines()):
        other = other.replace(old, new)
    (y / "other_document.yaml").write_text(other, encoding="utf-8")

    g = HERE / "glossary"  # glossary files for import: each refused whole, with its line
    g.mkdir(exist_ok=True)
    head = "ru,en,note,forbidden\n"
    (g / "unclosed_quote.csv").write_text(
        head + '"снос,demolition,,\nосада,siege,,\nсуд,court,,\n', encoding="utf-8")
    (g / "bad_quote.csv").write_text(head + '"снос"x,demolition,,\n', encoding="utf-8")
    (g / "extra_cells.csv").write_text(head + "снос,demolition,,\nосада,siege,a note,,x\n",
                                       encoding="utf-8")
    (g / "nul.csv").write_text(head + "снос,demolition,,\nосада,si\x00ege,,\n", encoding="utf-8")
    (g / "nul.tsv").write_text("снос\tdemolition\nосада\tsi\x00ege\n", encoding="utf-8")
    (g / "extra_tabs.tsv").write_text("снос\tdemolition\nосада\tsiege\tnote\tmore\n",
                                      encoding="utf-8")
    (g / "entities.tbx").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif [\n <!ENTITY a "lol">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="ru"><tig><term>&b;'
        '</term></tig></langSet><langSet xml:lang="en"><tig><term>x</term></tig></langSet>'
        '</termEntry></body></text></martif>\n', encoding="utf-8")

    b = HERE / "beads"  # bead files for eval (good.yaml aligns 3 and 3 sentences)
    b.mkdir(exist_ok=True)
    (b / "good.txt").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    (b / "duplicate.txt").write_text("[0]:[0]\n[0, 1]:[1]\n[2]:[2]\n", encoding="utf-8")
    (b / "negative.txt").write_text("[0]:[0]\n[1]:[-1]\n[2]:[2]\n", encoding="utf-8")
    (b / "no_beads.txt").write_text("\n\n", encoding="utf-8")
    (b / "not_beads.txt").write_text("Sentence one.\nSentence two.\n", encoding="utf-8")
    (b / "short.txt").write_text("[0]:[0]\n", encoding="utf-8")
    (b / "long.txt").write_text("".join(f"[{i}]:[{i}]\n" for i in range(40)), encoding="utf-8")


if __name__ == "__main__":
    main()
