"""Readers of real documents, on files made here (our own exports, HTML and subtitles written
as web pages and players have them): kinds and origins, no markup, timecode or cue number ever
a sentence, bilingual files as already paired rows, and bad input as one line, exit 2."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.core import store
from workbench.core.export import export
from workbench.core.pipeline import new_document
from workbench.core.readers import read_source
from workbench.core.readers.sniff import sniff
from workbench.launcher import main

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"
EN = (ROOT / "texts/en/bakai.txt").read_text(encoding="utf-8")
MARKUP = re.compile(r"<[a-zA-Z!/]|&[a-z]+;|-->|\d\d:\d\d:\d\d[,.]\d|^\d+$|DOCTYPE|WEBVTT")


def run(args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in res.output, res.output
    return res


def saved_page(paragraphs: list[str], title: str) -> str:
    """A web page as a browser saves it: head, scripts, styles, navigation, a cookie banner,
    a footer, comments; the article in <article>."""
    body = "\n".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Indymedia</title>
<style>body {{ font: 14px sans-serif }} p.x:before {{ content: "Do not read me." }}</style>
<script>var s = "Not a sentence either."; if (a < b && c) {{ run(); }}</script>
<link rel="stylesheet" href="x.css"></head>
<body><!-- page header --><header><a href="/">Indymedia Home.</a> <nav><ul><li><a href="/news">News.</a></li>
<li><a href="/about">About us.</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies. Accept them.</div>
<main><article><h1>{title}</h1>
{body}
</article></main>
<aside><h2>Related articles</h2><p>Another story.</p></aside>
<footer><p>Copyright 2006. All rights reserved.</p></footer>
<script type="application/ld+json">{{"@type": "NewsArticle"}}</script></body></html>
"""


def test_html_keeps_the_article_and_nothing_else(tmp_path):
    paras = [p.strip() for p in EN.splitlines() if p.strip()]
    page = tmp_path / "bakai.html"
    page.write_text(saved_page(paras[1:], paras[0]), encoding="utf-8")
    src = read_source(page, "en")
    assert src.format == "html"
    assert src.paragraphs[0].kind == "heading" and src.paragraphs[0].level == 1
    assert [p.text for p in src.paragraphs] == paras
    text = src.text
    for junk in ("cookies", "Indymedia Home", "About us", "Related", "Copyright", "run()",
                 "Do not read", "NewsArticle"):
        assert junk not in text
    # the same page saved as .txt is still read as HTML: content decides
    as_txt = tmp_path / "bakai.txt"
    as_txt.write_bytes(page.read_bytes())
    assert sniff(as_txt) == "html"


DOCBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 1. Tutorials</title></head><body>
<div class="navheader"><table summary="Navigation header"><tr><th colspan="3">Chapter 1. Tutorials</th>
</tr><tr><td><a href="pr01.html">Prev</a></td><th> </th><td><a href="ch02.html">Next</a></td></tr>
</table><hr/></div>
<div class="chapter"><div class="titlepage"><h1 class="title">Chapter 1. Tutorials</h1></div>
<div class="toc"><p><strong>Table of Contents</strong></p><dl class="toc"><dt><span class="section">
<a href="#a">1.1. Console basics</a></span></dt><dt><span class="section"><a href="#b">1.2. Files</a>
</span></dt></dl></div>
<div class="list-of-tables"><p><b>List of Tables</b></p><dl><dt>1.1. <a href="#t">Commands</a></dt></dl></div>
<div class="section"><h2 class="title">1.1. Console basics</h2><p>Learn the shell first.</p></div>
</div>
<div class="navfooter"><table summary="Navigation footer"><tr><td>Preface </td><td>Home</td></tr></table></div>
</body></html>"""


def test_html_leaves_out_a_generated_contents_and_navigation(tmp_path):
    """A DocBook chapter (a Debian manual, a GNOME guide) repeats its title in the navigation
    header and its headings in a table of contents: both are left out, as the DOCX reader
    leaves Word's contents out; a page that is nothing but contents keeps them."""
    page = tmp_path / "ch01.html"
    page.write_text(DOCBOOK, encoding="utf-8")
    assert [p.text for p in read_source(page, "en").paragraphs] == [
        "Chapter 1. Tutorials", "1.1. Console basics", "Learn the shell first."]
    index = tmp_path / "index.html"
    start, end = DOCBOOK.index('<div class="toc">'), DOCBOOK.index('<div class="list-of-tables">')
    index.write_text("<html><body>" + DOCBOOK[start:end] + "</body></html>", encoding="utf-8")
    assert [p.text for p in read_source(index, "en").paragraphs] == [
        "Table of Contents", "1.1. Console basics", "1.2. Files"]


def test_html_kinds_lists_tables_footnotes_and_a_legacy_charset(tmp_path):
    html = ("<html><head><meta charset='windows-1251'></head><body><h2>Раненые</h2><ul>"
            "<li>Асанова Зоя, 30 лет.</li><li>Мусаев Чингизхан, 27 лет.</li></ul>"
            "<table><tr><th>Время</th><td>Событие<br>второе</td></tr></table>"
            "<figure><img src=x alt='фото'><figcaption>Фото: баррикада.</figcaption></figure>"
            "<p>Текст<sup><a href='#fn1'>1</a></sup> абзаца.</p>"
            "<section role='doc-endnotes'><ol><li id='fn1' role='doc-endnote'>ОПОН — отряд.</li>"
            "</ol></section></body></html>")
    page = tmp_path / "p.htm"
    page.write_bytes(html.encode("cp1251"))
    got = [(p.kind, p.text) for p in read_source(page, "ru").paragraphs]
    assert got == [("heading", "Раненые"), ("list-item", "Асанова Зоя, 30 лет."),
                   ("list-item", "Мусаев Чингизхан, 27 лет."), ("table-cell", "Время"),
                   ("table-cell", "Событие"), ("table-cell", "второе"),
                   ("caption", "Фото: баррикада."), ("paragraph", "Текст1 абзаца."),
                   ("footnote", "ОПОН — отряд.")]


def test_html_pre_keeps_its_lines_and_a_wrapped_book_its_paragraphs(tmp_path):
    """A book saved from lib.ru is one <pre> of hard-wrapped, indented paragraphs: read as its
    paragraphs, not as one; a code listing is a paragraph per line, not one."""
    import textwrap

    paras = ["Он вошёл в комнату и увидел на столе письмо. Письмо было от матери, почерк был "
             "неровный, словно она писала второпях. Он перечитал его несколько раз.",
             "-- Ты вернулся? -- спросила мать, стоя в дверях.", "-- Да, -- ответил он.",
             "Она улыбнулась и ничего больше не сказала. За окном шёл дождь, и во дворе было "
             "тихо, только воробьи прыгали по веткам старой липы."] * 3
    book = "\n".join("     " + textwrap.fill(p, 66) for p in paras)
    page = tmp_path / "book.html"
    page.write_bytes(f"<html><head><meta charset='koi8-r'></head><body><h2>Рассказ</h2>"
                     f"<pre>\n{book}\n</pre><p>Конец.</p></body></html>".encode("koi8_r"))
    got = [(p.kind, p.text) for p in read_source(page, "ru").paragraphs]
    assert got == [("heading", "Рассказ"), *(("paragraph", p) for p in paras), ("paragraph", "Конец.")]
    page.write_text("<html><body><p>Run:</p><pre>apt-get update\napt-get install  foo\n</pre>"
                    "</body></html>", encoding="utf-8")
    assert [p.text for p in read_source(page, "en").paragraphs] == [
        "Run:", "apt-get update", "apt-get install foo"]


def test_markdown_blocks_without_markup(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("---\ntitle: front matter\n---\n# The *siege* ends\n\nThe police **left** "
                  "at [noon](http://x.org).\nThey came back.\n\n- one item\n- two items\n\n"
                  "```\ncode = 1\n```\n\n| a | b |\n|---|---|\n| cell one | cell two |\n",
                  encoding="utf-8")
    got = [(p.kind, p.level, p.text) for p in read_source(md, "en").paragraphs]
    assert got == [("heading", 1, "The siege ends"),
                   ("paragraph", None, "The police left at noon. They came back."),
                   ("list-item", None, "one item"), ("list-item", None, "two items"),
                   ("table-cell", None, "a"), ("table-cell", None, "b"),
                   ("table-cell", None, "cell one"), ("table-cell", None, "cell two")]


SRT = """1
00:00:01,000 --> 00:00:03,500
<i>River stone house.</i>

2
00:00:04,000 --> 00:00:06,000
Court police meeting.
Group street city.

3
00:00:07,000 --> 00:00:09,250
{\\an8}Winter road law.
"""

VTT = """WEBVTT - a header line

NOTE a comment that is not text

STYLE
::cue { color: yellow }

intro
00:01.000 --> 00:03.500 align:start position:10%
<v Anna>River stone house.</v>

00:04.000 --> 00:06.000
Court police meeting. Group street city.

00:00:07.000 --> 00:00:09.250
Winter &amp; road law.
"""


def test_subtitles_keep_timecodes_and_never_read_them_as_text(tmp_path, fake_encoder):
    (tmp_path / "ru.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "en.vtt").write_text(VTT, encoding="utf-8")
    srt, vtt = read_source(tmp_path / "ru.srt", "ru"), read_source(tmp_path / "en.vtt", "en")
    assert [p.text for p in srt.paragraphs] == ["River stone house.",
                                                "Court police meeting. Group street city.",
                                                "Winter road law."]
    assert [(p.start, p.end, p.where) for p in srt.paragraphs][1] == \
        ("00:00:04,000", "00:00:06,000", "cue 2")
    assert [p.text for p in vtt.paragraphs][2] == "Winter & road law."
    assert vtt.paragraphs[0].where == "cue intro" and vtt.paragraphs[0].start == "00:01.000"
    doc = new_document(tmp_path / "ru.srt", tmp_path / "en.vtt")
    for side in (doc.source, doc.target):
        assert not any(MARKUP.search(s.text) for s in side.sentences)
    assert doc.extra["source_paragraphs"][1] == {"para": 1, "kind": "cue", "start": "00:00:04,000",
                                                 "end": "00:00:06,000", "where": "cue 2"}
    # aligned and exported as bilingual SRT, timed by the source's cues
    out = tmp_path / "b.yaml"
    from workbench.core.align.realign import align_sides

    doc.beads = align_sides(doc.source, doc.target, fake_encoder)
    store.save(doc, out)
    res = run(["export", out, "--format", "srt", "-o", tmp_path / "b.srt"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "b.srt").read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:03,500\nRiver stone house.\nRiver stone house.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nCourt police meeting. Group street city.\n"
        "Court police meeting. Group street city.\n\n"
        "3\n00:00:07,000 --> 00:00:09,250\nWinter road law.\nWinter & road law.\n")
    res = run(["export", BAKAI, "--format", "srt", "-o", tmp_path / "x.srt"])
    assert res.exit_code == 2 and "not read from subtitles" in res.output


@pytest.mark.parametrize("fmt, suffix", [("xliff", "xlf"), ("tmx", "tmx")])
def test_a_bilingual_file_becomes_paired_rows(tmp_path, fmt, suffix):
    gold = store.load(BAKAI)
    path = tmp_path / f"bakai.{suffix}"
    export(gold, fmt, path, only="all")
    out = tmp_path / "b.yaml"
    res = run(["align", path, "-o", out])
    assert res.exit_code == 0, res.output
    doc = store.load(out)
    pairs = [(" ".join(s), " ".join(t)) for i in range(len(doc.beads))
             for s, t in [doc.bead_texts(i)]]
    want = [(" ".join(s), " ".join(t)) for i, b in enumerate(gold.beads) if b.src and b.tgt
            for s, t in [gold.bead_texts(i)]]
    assert pairs == want
    assert all(b.confirmed for b in doc.beads)  # confirmed in the file (state final, prop)
    assert doc.extra["source_paragraphs"][0]["kind"] == "segment"
    assert doc.source.path == doc.target.path == str(path)


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="ru" target-language="en" datatype="plaintext" original="a.txt"><body>
  <trans-unit id="1" approved="yes"><source>Милиция <g id="1">снимает</g> осаду.</source>
   <target>The police <g id="1">end</g> the siege.</target></trans-unit>
  <trans-unit id="2"><source>Дети <ph id="2">&lt;br/&gt;</ph>готовили камни.</source>
   <target state="needs-review-translation">Children prepared stones.</target></trans-unit>
  <trans-unit id="3" translate="no"><source>ID-42</source></trans-unit>
  <trans-unit id="4"><source>Без перевода.</source></trans-unit>
 </body></file></xliff>"""


def test_xliff_12_inline_codes_states_and_empty_targets(tmp_path):
    path = tmp_path / "a.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    from workbench.core.sources import bilingual_document

    doc, warnings = bilingual_document(path, "ru", "en")
    assert not warnings
    assert [(doc.bead_texts(i), b.status) for i, b in enumerate(doc.beads)] == [
        ((["Милиция снимает осаду."], ["The police end the siege."]), "confirmed"),
        ((["Дети готовили камни."], ["Children prepared stones."]), "proposed"),
        ((["Без перевода."], []), "proposed")]
    assert read_source(path, "en").paragraphs[1].text == "Children prepared stones."


def test_epub_2_headings_named_by_its_ncx(tmp_path):
    """An EPUB 2 book whose headings are styled paragraphs: the NCX's entries name them, with
    their depth as the level; a paragraph that is no entry stays a paragraph."""
    opf = b"""<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">
 <manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
  <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>
 <spine toc="ncx"><itemref idref="c1"/></spine></package>"""
    ncx = b"""<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
 <navPoint id="n1"><navLabel><text>Chapter One</text></navLabel><content src="c1.xhtml"/>
  <navPoint id="n2"><navLabel><text>The  first   part</text></navLabel>
   <content src="c1.xhtml#p"/></navPoint></navPoint></navMap></ncx>"""
    page = b"""<html xmlns="http://www.w3.org/1999/xhtml"><body><p class="t">Chapter One</p>
 <p>It begins here.</p><p class="s" id="p">The first part</p><p>Chapter One</p></body></html>"""
    book = _zip(tmp_path / "b.epub", {
        "mimetype": b"application/epub+zip",
        "META-INF/container.xml": b'<container><rootfiles><rootfile full-path="OPS/p.opf"/>'
                                  b"</rootfiles></container>",
        "OPS/p.opf": opf, "OPS/toc.ncx": ncx, "OPS/c1.xhtml": page})
    got = [(p.kind, p.level, p.text) for p in read_source(book, "en").paragraphs]
    assert got == [("heading", 1, "Chapter One"), ("paragraph", None, "It begins here."),
                   ("heading", 2, "The first part"), ("heading", 1, "Chapter One")]


# ---------------------------------------------------------------- bad input: one line, exit 2

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    from docx import Document as Word

    d = Word()
    d.add_heading("Маленькая победа", 1)
    d.add_paragraph("Жители Бакая отбили попытку сноса.")
    d.save(buf)
    return buf.getvalue()


def make_bad(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, the words its one-line error must have)."""
    good = _docx_bytes()
    out = {}
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = b"<w:document>" + b" " * (8 << 20) + b"</w:document>"
    out["bomb"] = (_zip(bomb, parts), "zip bomb")
    out["truncated docx"] = (tmp_path / "cut.docx", "is a ZIP archive")
    out["truncated docx"][0].write_bytes(good[: len(good) // 2])
    broken = dict(parts, **{"word/document.xml": b"<w:document><w:body><w:p>"})
    out["broken xml"] = (_zip(tmp_path / "broken.docx", broken), "not well-formed XML")
    odt = {"mimetype": b"application/vnd.oasis.opendocument.text",
           "META-INF/manifest.xml": b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
           b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content'
           b'.xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>'
           b'</manifest:manifest>', "content.xml": bytes(range(256)) * 40}
    out["encrypted odt"] = (_zip(tmp_path / "secret.odt", odt), "protected by a password")
    epub = {"mimetype": b"application/epub+zip", "META-INF/container.xml": b"<container/>"}
    out["epub without package"] = (_zip(tmp_path / "book.epub", epub), "without its package")
    from msoffcrypto.format.ooxml import OOXMLFile  # a real password-protected DOCX

    plain, locked = io.BytesIO(good), tmp_path / "locked.docx"
    with open(locked, "wb") as fh:
        OOXMLFile(plain).encrypt("secret", fh)
    out["encrypted docx"] = (locked, "password-protected")
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as fh:
        fh.write(b"<!DOCTYPE html><html><body><p>Big.</p>")
        fh.truncate(200 << 20)  # 200 MB, sparse: refused before it is read
    out["huge html"] = (huge, "more than the 64 MB")
    xxe = tmp_path / "xxe.xlf"
    xxe.write_text('<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY secret SYSTEM '
                   '"file:///etc/passwd">]><xliff version="1.2"><file source-language="ru">'
                   "<body><trans-unit id='1'><source>&secret;</source></trans-unit></body>"
                   "</file></xliff>", encoding="utf-8")
    out["external entity"] = (xxe, "declares entities")
    return out


def test_bad_documents_are_one_line_exit_2_and_bounded(tmp_path):
    import resource
    import time

    en = tmp_path / "en.txt"
    en.write_text("Bakai residents beat back the demolition.\n", encoding="utf-8")
    for name, (path, words) in make_bad(tmp_path).items():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.monotonic()
        res = run(["align", path, en, "-o", tmp_path / "o.yaml"])
        assert res.exit_code == 2, (name, res.output)
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and path.name in lines[0], (name, lines)
        assert "(" in lines[0]  # what to do
        assert time.monotonic() - t0 < 5, name
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000, name  # KB
        assert not (tmp_path / "o.yaml").exists()


def test_open_an_xliff_shows_its_pairs_without_aligning(tmp_path):
    from workbench.cli import make_main

    path = tmp_path / "a.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    seen = []
    res = CliRunner().invoke(make_main(seen.append), ["open", str(path), "-o",
                                                      str(tmp_path / "a.yaml")])
    assert res.exit_code == 0, res.output
    (request,) = seen
    assert request.doc is not None and len(request.doc.beads) == 3
    assert request.path == tmp_path / "a.yaml"


def test_characters_there_for_layout_only_are_left_out(tmp_path):
    """A soft hyphen (HTML's &shy;, or U+00AD in a text file), a zero-width space and a word
    joiner are invisible: left out, the words are whole for spelling and search ("wortung"
    was a typo); a paragraph of nothing else is no paragraph."""
    from workbench.core.pipeline import read_side
    from workbench.core.spelling.words import tokens

    page = tmp_path / "p.html"
    page.write_text("<html><body><p>Die Ver&shy;ant&shy;wortung liegt bei uns.</p>"
                    "<p>&#8203;</p><p>Ein&#8203;wand und Wort&#8288;ende.</p></body></html>",
                    encoding="utf-8")
    text = tmp_path / "p.txt"
    text.write_text("Die Ver\u00adant\u00adwortung liegt bei uns.\n", encoding="utf-8")
    got = [s.text for s in read_side(page, "de").sentences]
    assert got == ["Die Verantwortung liegt bei uns.", "Einwand und Wortende."]
    assert [s.text for s in read_side(text, "de").sentences] == got[:1]
    assert "Verantwortung" in [w for _, _, w in tokens(got[0], "de")]
