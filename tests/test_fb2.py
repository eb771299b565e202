"""FictionBook 2 (readers/fb2.py): the e-book format Russian literature is handed out in,
as .fb2 (often windows-1251) or zipped as .fb2.zip."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner

from workbench.cli import main
from workbench.core import store
from workbench.core.readers import read_source
from workbench.core.readers.sniff import sniff

BOOK = """<?xml version="1.0" encoding="windows-1251"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
 <description>
  <title-info><author><first-name>Лев</first-name><last-name>Толстой</last-name></author>
   <book-title>Анна Каренина</book-title><annotation><p>Роман о любви.</p></annotation></title-info>
 </description>
 <body>
  <title><p>Анна Каренина</p></title>
  <epigraph><p>Мне отмщение, и аз воздам.</p></epigraph>
  <section>
   <title><p>Часть первая</p></title>
   <section>
    <title><p>I</p></title>
    <p>Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива по-своему.</p>
    <p>Все смешалось в доме <emphasis>Облонских</emphasis>.<a l:href="#n1" type="note">[1]</a> Жена узнала, что муж был в связи с гувернанткой.</p>
    <empty-line/>
    <poem><stanza><v>Мой дядя самых честных правил,</v><v>Когда не в шутку занемог.</v></stanza></poem>
    <table><tr><td>Москва</td><td>1873</td></tr></table>
   </section>
  </section>
 </body>
 <body name="notes">
  <title><p>Примечания</p></title>
  <section id="n1"><title><p>1</p></title><p>Облонские — княжеская семья.</p></section>
 </body>
 <binary id="cover.jpg" content-type="image/jpeg">/9j/4AAQSkZJRgABAQ==</binary>
</FictionBook>
"""
EXPECTED = [
    ("heading", 1, None, "Анна Каренина"),
    ("paragraph", None, None, "Мне отмщение, и аз воздам."),
    ("heading", 2, None, "Часть первая"),
    ("heading", 3, None, "I"),
    ("paragraph", None, None, "Все счастливые семьи похожи друг на друга, каждая несчастливая "
                              "семья несчастлива по-своему."),
    ("paragraph", None, None, "Все смешалось в доме Облонских. Жена узнала, что муж был в связи "
                              "с гувернанткой."),
    ("paragraph", None, None, "Мой дядя самых честных правил,"),
    ("paragraph", None, None, "Когда не в шутку занемог."),
    ("table-cell", None, None, "Москва"), ("table-cell", None, None, "1873"),
    ("footnote", None, "note n1", "Облонские — княжеская семья."),
]


def _got(path):
    return [(p.kind, p.level, p.where, p.text) for p in read_source(path, "ru").paragraphs]


def test_a_windows_1251_book_is_read_body_by_body_without_its_description(tmp_path):
    book = tmp_path / "anna.fb2"
    book.write_bytes(BOOK.encode("cp1251"))
    assert sniff(book) == "fb2"
    assert _got(book) == EXPECTED


def test_a_zipped_book_is_read_the_same(tmp_path):
    packed = tmp_path / "anna.fb2.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Tolstoy_Anna_Karenina.fb2", BOOK.encode("cp1251"))
    assert sniff(packed) == "fb2.zip"
    assert _got(packed) == EXPECTED


def test_align_a_book_with_its_translation_keeps_the_kinds(tmp_path):
    book = tmp_path / "anna.fb2"
    book.write_bytes(BOOK.encode("cp1251"))
    en = tmp_path / "anna.en.txt"
    en.write_text("Anna Karenina\nVengeance is mine; I will repay.\nPart One\nI\n"
                  "All happy families are alike; each unhappy family is unhappy in its own way.\n"
                  "Everything was in confusion in the Oblonskys' house. The wife had discovered "
                  "that the husband was carrying on an intrigue with the governess.\n",
                  encoding="utf-8")
    out = tmp_path / "anna.yaml"
    res = CliRunner().invoke(main, ["align", str(book), str(en), "-o", str(out),
                                    "--source-lang", "ru", "--target-lang", "en"])
    assert res.exit_code == 0, res.output
    doc = store.load(out)
    assert [s.text for s in doc.source.sentences][:2] == ["Анна Каренина", "Мне отмщение, и аз воздам."]
    assert "kind: heading" in out.read_text(encoding="utf-8")
    assert "kind: footnote" in out.read_text(encoding="utf-8")


def test_a_damaged_book_says_where(tmp_path):
    book = tmp_path / "bad.fb2"
    book.write_text(BOOK.replace("</section>\n </body>", "</body>", 1), encoding="utf-8")
    res = CliRunner().invoke(main, ["align", str(book), str(book), "-o", str(tmp_path / "o.yaml")])
    assert res.exit_code == 2
    assert "bad.fb2" in res.output and "not well-formed XML" in res.output
