"""Real documents through a real office suite (LibreOffice headless, converted once per
session): the Bakai pair read from DOCX (ru) and a saved web page (en) aligns as well as from
text; ODT, EPUB and PDF give the text's sentences; XLSX and DOCX exports open in LibreOffice
and give back the pairs; a changed DOCX is re-anchored; and OmegaT applies every 1-1 pair of a
Bakai aligned with --segmentation srx (console-translate, sentence segmentation on, the
untouched texts/ru/bakai.txt as source)."""

from __future__ import annotations

import csv
import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.core import store
from workbench.core.align.realign import align_sides
from workbench.core.evaluate import document_beads, score
from workbench.core.export import export
from workbench.core.pipeline import new_document
from workbench.core.readers import read_source
from workbench.core.sources import segment_source
from workbench.launcher import main

from test_readers import saved_page

ROOT = Path(__file__).resolve().parent.parent
RU, EN, GOLD = ROOT / "texts/ru/bakai.txt", ROOT / "texts/en/bakai.txt", ROOT / "alignments/bakai.yaml"
SOFFICE = shutil.which("soffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: "
                                  "libreoffice-writer-nogui libreoffice-calc-nogui)")


def fodt(text: str, styles: str = "", automatic: str = "", master: str = "") -> str:
    """A flat ODF text document (Writer reads it as it reads an .odt) of ``text``."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>{styles}</office:styles>
 <office:automatic-styles>{automatic}</office:automatic-styles>
 <office:master-styles>{master}</office:master-styles>
 <office:body><office:text>{text}</office:text></office:body>
</office:document>
"""


#: a table of contents whose tab stops draw dotted leaders (Writer's "Contents 1")
CONTENTS_FODT = fodt("""
  <text:table-of-content text:name="Contents"><text:index-body>
   <text:index-title><text:p>Contents</text:p></text:index-title>
   <text:p text:style-name="Contents_20_1">1 What this book is about<text:tab/>1</text:p>
   <text:p text:style-name="Contents_20_1">2 How to read it, and why you might want to<text:tab/>1</text:p>
  </text:index-body></text:table-of-content>
  <text:h text:outline-level="1">1 What this book is about</text:h>
  <text:p>This book is about aligning a text with its translation. It is short.</text:p>
  <text:h text:outline-level="1">2 How to read it, and why you might want to</text:h>
  <text:p>Read it from the start. Then read it again.</text:p>""", styles="""
  <style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph">
   <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm"
    style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>
   </style:paragraph-properties>
  </style:style>""")


def book_fodt() -> str:
    """Four chapters, a page each, under a running header that names the chapter; each has a
    footnote and a bulleted list."""
    chapters = []
    for n, title in enumerate(["The pass", "The glacier", "The summit", "The descent"], 1):
        body = "".join(f"<text:p>Paragraph {k} of the chapter about {title.lower()} runs on for "
                       f"a while, as paragraphs of a book do, and ends here.</text:p>"
                       for k in (1, 2, 3))
        chapters.append(
            f'<text:h text:style-name="{"P1" if n == 1 else "P2"}" text:outline-level="1">'
            f'{title}</text:h><text:p>We reached the hut late<text:note text:id="n{n}" '
            f'text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f"<text:note-body><text:p>The hut by {title.lower()} was closed.</text:p></text:note-body>"
            f'</text:note>. Nobody was there.</text:p><text:list text:style-name="L1">'
            f"<text:list-item><text:p>Rope and axes.</text:p></text:list-item><text:list-item>"
            f"<text:p>Food for three days.</text:p></text:list-item></text:list>{body}")
    return fodt("".join(chapters), automatic="""
  <style:style style:name="P1" style:family="paragraph"/>
  <style:style style:name="P2" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/></style:style>
  <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1"
   text:bullet-char="•"><style:list-level-properties text:space-before="0.6cm"
   text:min-label-width="0.6cm"/></text:list-level-style-bullet></text:list-style>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm"
   fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm"
   fo:margin-right="2cm"/><style:header-style><style:header-footer-properties
   fo:min-height="0cm" fo:margin-bottom="1.5cm"/></style:header-style></style:page-layout>""",
                master="""
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p>Chapter: <text:chapter text:display="name" text:outline-level="1"/>
  </text:p></style:header></style:master-page>""")


#: paragraphs of a two-column page: many words with capitals, so that many lines open with one
_WALK = ("Anna crossed the ridge with Boris and Fritz before the Geneva party reached Chamonix, "
         "and I saw them from the hut below Jannu and went on to the next camp.").split()
COLUMN_TEXT = [(lambda t: t[0].upper() + t[1:])(" ".join(_WALK[k % 7:])) for k in range(12)]


def columns_fodt() -> str:
    """A page set in two justified columns (Writer's section columns)."""
    paras = "".join(f'<text:p text:style-name="J">{t}</text:p>' for t in COLUMN_TEXT * 2)
    return fodt(f'<text:section text:style-name="S" text:name="S">{paras}</text:section>',
                automatic="""
  <style:style style:name="S" style:family="section"><style:section-properties>
   <style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties>
  </style:style>
  <style:style style:name="J" style:family="paragraph"><style:paragraph-properties
   fo:text-align="justify" fo:margin-bottom="0.3cm"/></style:style>""")


#: a table with borders whose cells wrap: (left cell, right cell) per row
TABLE_ROWS = [
    ("Match on the package name", "The name of the package, matched as a regular expression "
                                  "against every package the archive has."),
    ("Match on the description", "The long description."),
    ("Match on broken dependencies of the given type", "Packages whose dependencies of that "
                                                       "type cannot be satisfied by any version.")]


def table_fodt() -> str:
    """A paragraph, a two-column table with a border around every cell, a paragraph."""
    cells = "".join(
        f'<table:table-row><table:table-cell table:style-name="C"><text:p>{a}</text:p>'
        f'</table:table-cell><table:table-cell table:style-name="C"><text:p>{b}</text:p>'
        f"</table:table-cell></table:table-row>" for a, b in TABLE_ROWS)
    doc = fodt(f"""<text:p>The rules are listed below.</text:p>
  <table:table table:name="T"><table:table-column table:style-name="A"/>
   <table:table-column table:style-name="B"/>{cells}</table:table>
  <text:p>That is all there is to it.</text:p>""", automatic="""
  <style:style style:name="A" style:family="table-column"><style:table-column-properties
   style:column-width="4cm"/></style:style>
  <style:style style:name="B" style:family="table-column"><style:table-column-properties
   style:column-width="8cm"/></style:style>
  <style:style style:name="C" style:family="table-cell"><style:table-cell-properties
   fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>""")
    return doc.replace("xmlns:fo=", 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                                    "xmlns:fo=")


def paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]


def soffice(out: Path, target: str, *files: Path, infilter: str | None = None) -> None:
    args = [SOFFICE, f"-env:UserInstallation=file://{out}/profile", "--headless"]
    if infilter:
        args.append(f"--infilter={infilter}")
    subprocess.run([*args, "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """Every file the tests need from LibreOffice, converted in one go."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    d = tmp_path_factory.mktemp("office")
    ru = paragraphs(RU)

    def page(paras: list[str]) -> str:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                f"<h1>{html.escape(paras[0])}</h1>{body}</body></html>")

    (d / "ru.html").write_text(page(ru), encoding="utf-8")
    changed = [p.replace("Маленькая победа", "Малая победа") for p in ru] + \
        ["Новый абзац, которого не было."]
    (d / "ru2.html").write_text(page(changed), encoding="utf-8")
    shutil.copy(RU, d / "ru.txt")
    shutil.copy(EN, d / "en.txt")
    export(store.load(GOLD), "xlsx", d / "pairs.xlsx")
    export(store.load(GOLD), "docx", d / "pairs.docx")
    soffice(d, "docx:MS Word 2007 XML", d / "ru.html", d / "ru2.html",
            infilter="HTML (StarWriter)")
    soffice(d, "odt", d / "ru.html", infilter="HTML (StarWriter)")
    soffice(d, "epub", d / "ru.html", infilter="HTML (StarWriter)")
    (d / "toc.fodt").write_text(CONTENTS_FODT, encoding="utf-8")
    (d / "book.fodt").write_text(book_fodt(), encoding="utf-8")
    (d / "columns.fodt").write_text(columns_fodt(), encoding="utf-8")
    (d / "table.fodt").write_text(table_fodt(), encoding="utf-8")
    soffice(d, "pdf", d / "ru.txt", d / "en.txt", d / "toc.fodt", d / "book.fodt",
            d / "columns.fodt", d / "table.fodt")
    soffice(d, "docx:MS Word 2007 XML", d / "toc.fodt")
    soffice(d, "html", d / "toc.fodt")
    soffice(d, "epub", d / "toc.fodt")
    soffice(d, "csv:Text - txt - csv (StarCalc):44,34,76", d / "pairs.xlsx")
    soffice(d, "html", d / "pairs.docx")
    (d / "en.html").write_text(saved_page(paragraphs(EN)[1:], paragraphs(EN)[0]),
                               encoding="utf-8")
    return d


def sentences(path: Path, lang: str) -> list[str]:
    return [s.text for s in segment_source(read_source(path, lang), lang)]


@needs_office
def test_bakai_from_docx_and_html_aligns_as_well_as_from_text(office, use_encoder):
    gold = document_beads(store.load(GOLD))
    f1 = {}
    for name, (src, tgt) in {"text": (RU, EN),
                             "docx+html": (office / "ru.docx", office / "en.html")}.items():
        doc = new_document(src, tgt)
        doc.beads = align_sides(doc.source, doc.target, use_encoder)
        f1[name] = score(document_beads(doc), gold)["strict"].f1
        if name != "text":
            assert doc.extra["source_paragraphs"] == [{"para": 0, "kind": "heading", "level": 1}]
            assert doc.extra["target_paragraphs"][0]["kind"] == "heading"
    assert f1["text"] > 0.95
    assert abs(f1["docx+html"] - f1["text"]) <= 0.01, f1


@needs_office
@pytest.mark.parametrize("name", ["ru.docx", "ru.odt", "ru.epub", "ru.pdf"])
def test_documents_give_the_sentences_of_the_text(office, name):
    assert sentences(office / name, "ru") == sentences(RU, "ru")


@needs_office
def test_pdf_english_and_kinds(office):
    assert sentences(office / "en.pdf", "en") == sentences(EN, "en")
    for name in ("ru.docx", "ru.odt"):
        first = read_source(office / name, "ru").paragraphs[0]
        assert (first.kind, first.level) == ("heading", 1)


@needs_office
def test_pdf_contents_leaders_are_left_out(office):
    """Writer draws a contents entry's tab leader as dots in the PDF's text layer: each entry
    is read as its title alone."""
    got = [(p.kind, p.text) for p in read_source(office / "toc.pdf", "en").paragraphs]
    assert got[:3] == [("paragraph", "Contents"), ("paragraph", "1 What this book is about"),
                       ("paragraph", "2 How to read it, and why you might want to")]
    assert ("heading", "1 What this book is about") in got
    assert not any(".." in text for _, text in got)


@needs_office
def test_pdf_running_headers_note_marks_and_bullets(office):
    """A running header that names each page's chapter is left out, though its words change;
    a footnote's mark is left out of its sentence and the note kept; a bullet's sign is left
    out and the paragraph is a list item."""
    got = [(p.kind, p.text) for p in read_source(office / "book.pdf", "en").paragraphs]
    assert got[:4] == [("paragraph", "The pass"),
                       ("paragraph", "We reached the hut late. Nobody was there."),
                       ("list-item", "Rope and axes."), ("list-item", "Food for three days.")]
    assert not any("Chapter:" in text for _, text in got)
    assert [text for _, text in got if "closed" in text] == [
        "1 The hut by the pass was closed.", "2 The hut by the glacier was closed.",
        "3 The hut by the summit was closed.", "4 The hut by the descent was closed."]
    assert ("paragraph", "The descent") in got


@needs_office
def test_pdf_ruled_table_read_row_by_row_a_cell_a_paragraph(office):
    """Writer draws a table's cell borders as rules: each cell comes back as one paragraph
    (kind table-cell), its wrapped lines joined, row by row, and the text after the table
    after it (pdfminer gives the left column, the paragraph after the table, then the right
    column; before, the left column's cells ran together into one paragraph)."""
    got = [(p.kind, p.text) for p in read_source(office / "table.pdf", "en").paragraphs]
    assert got == [("paragraph", "The rules are listed below."),
                   *[("table-cell", cell) for row in TABLE_ROWS for cell in row],
                   ("paragraph", "That is all there is to it.")]


@needs_office
def test_pdf_two_columns_read_in_order_and_whole(office):
    """Two columns: the first column read before the second, and a line is short or full
    against its own column, not the page (a line of the first column opening with a capital
    ended its paragraph): the paragraphs come back as written, in order, the one cut by the
    column break whole."""
    got = [p.text for p in read_source(office / "columns.pdf", "en").paragraphs]
    assert got == COLUMN_TEXT * 2


@needs_office
@pytest.mark.parametrize("name", ["toc.docx", "toc.html", "toc.epub"])
def test_docx_and_html_table_of_contents_is_left_out(office, name):
    """Writer saves a table of contents in DOCX as Word does (a content control of the
    "Table of Contents" gallery, entries in "Contents 1" with a tab and the page number), and
    in HTML as a block with the id "Table of Contents1": it is left out, as the ODT reader
    leaves it out, and the headings stay. Its EPUB sets the headings apart by CSS alone: the
    book's table of contents (its navigation document) names them."""
    got = [(p.kind, p.text) for p in read_source(office / name, "en").paragraphs]
    assert got == [("heading", "1 What this book is about"),
                   ("paragraph", "This book is about aligning a text with its translation. "
                                 "It is short."),
                   ("heading", "2 How to read it, and why you might want to"),
                   ("paragraph", "Read it from the start. Then read it again.")]


def gold_pairs(only: str = "all") -> list[tuple[str, str]]:
    doc = store.load(GOLD)
    return [(" ".join(s), " ".join(t)) for i, b in enumerate(doc.beads) if b.src and b.tgt
            for s, t in [doc.bead_texts(i)]]


@needs_office
def test_xlsx_and_docx_exports_open_in_libreoffice_and_give_back_the_pairs(office):
    with open(office / "pairs.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["ru", "en", "status", "confidence", "flags"]
    assert [(r[0], r[1]) for r in rows[1:]] == gold_pairs()
    assert {r[2] for r in rows[1:]} == {"confirmed"}
    import lxml.html

    root = lxml.html.parse(str(office / "pairs.html")).getroot()
    cells = [[" ".join(td.text_content().split()) for td in tr.findall(".//td")]
             for tr in root.iter("tr")]
    assert cells[0] == ["Russian", "English"]
    assert [tuple(c) for c in cells[1:]] == [(" ".join(a.split()), " ".join(b.split()))
                                             for a, b in gold_pairs()]


@needs_office
def test_a_changed_docx_is_reanchored(office, tmp_path):
    src = tmp_path / "ru.docx"
    shutil.copy(office / "ru.docx", src)
    gold = store.load(GOLD)
    doc = new_document(src, EN)
    assert [s.text for s in doc.source.sentences][1:] == [s.original or s.text for s in
                                                           gold.source.sentences][1:]
    doc.beads = list(gold.beads)  # the gold rows, all confirmed, on the DOCX's sentences
    doc.target = gold.target
    store.save(doc, tmp_path / "d.yaml")
    shutil.copy(office / "ru2.docx", src)
    res = CliRunner().invoke(main, ["reanchor", str(tmp_path / "d.yaml"), "--no-realign"])
    assert res.exit_code == 0, res.output
    assert "1 changed, 1 new" in res.output
    after = store.load(tmp_path / "d.yaml")
    assert after.source.sentences[0].text.startswith("Малая победа")
    assert after.confirmed_count >= gold.confirmed_count - 1
    assert after.extra["source_paragraphs"][0] == {"para": 0, "kind": "heading", "level": 1}


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat><project version="1.0">
  <source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
  <tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
  <glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
  <source_lang>ru</source_lang><target_lang>en</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
  <sentence_seg>true</sentence_seg>
  <support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"""


@pytest.mark.skipif(shutil.which("omegat") is None,
                    reason="OmegaT is not installed (Debian: apt-get install omegat)")
def test_omegat_applies_every_1_1_pair_with_srx_segmentation(tmp_path, use_encoder, monkeypatch):
    """Bakai aligned with --segmentation srx, exported as TMX (all rows) into tm/auto/ of an
    OmegaT project with sentence segmentation on and the untouched Russian text as source:
    console-translate puts in the English of every 1-1 pair."""
    from workbench.core import embed

    monkeypatch.setattr(embed, "load_encoder", lambda *a, **k: use_encoder)
    doc_path = tmp_path / "bakai.yaml"
    res = CliRunner().invoke(main, ["align", str(RU), str(EN), "--segmentation", "srx",
                                    "-o", str(doc_path)])
    assert res.exit_code == 0, res.output
    doc = store.load(doc_path)
    assert doc.extra["segmentation"] == {"method": "srx"}
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    shutil.copy(RU, project / "source" / "bakai.txt")
    res = CliRunner().invoke(main, ["export", str(doc_path), "--format", "tmx", "--only", "all",
                                    "-o", str(project / "tm" / "auto" / "bakai.tmx")])
    assert res.exit_code == 0, res.output
    env = dict(os.environ, HOME=str(tmp_path / "home"))
    proc = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = (project / "target" / "bakai.txt").read_text(encoding="utf-8")
    ones = [(doc.source.get(b.src[0]).text, doc.target.get(b.tgt[0]).text)
            for b in doc.beads if len(b.src) == 1 and len(b.tgt) == 1]
    assert len(ones) > 25
    missed = [ru for ru, en in ones if en not in out or (ru != en and ru in out)]
    assert missed == []
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total, remaining = (int(line.split()[1]) for line in stats.splitlines()
                        if line.startswith(("Total:", "Remaining:")))
    assert total - remaining >= len({ru for ru, _ in ones})
