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


def test_pdf_contents_lose_their_leaders_and_page_numbers():
    """A LaTeX-made table of contents as pdfminer gives it: spaced leaders, a leader on a line
    of its own, page numbers in a column of their own, a short leader where the title fills
    the line, no leader at all and the page number at the margin, a roman page number. Each
    entry becomes a paragraph of its own; on a page of prose an ellipsis of spaced dots
    stays."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text):
        return (x0, x1, top, 10.0, text)

    contents = [
        [line(85, 190, 70, "Contents")],
        [line(100, 518, 156, "1.1 What is this FAQ? . . . . . . . . . . . . . . . . . . . ."),
         line(100, 343, 170, "1.2 OK, now I know what Debian is... what is Linux?!"),
         line(352, 518, 170, ". . . . . . . . . . . . . . . . . . . . . ."),
         line(100, 513, 184, "1.3 What is the difference between Debian and other distributions? Why"),
         line(123, 518, 198, "should I choose Debian over some other distribution? . . ."),
         line(100, 539, 212, "1.4 Where is ezmlm/djbdns/qmail? . . . . . . . . . . . . . . . 18"),
         line(100, 539, 226, "1.5 Can I use Red Hat packages on my Debian GNU/Linux system? 19")],
        [line(533, 539, 156, "1"), line(533, 539, 170, "2"), line(533, 539, 198, "2")],
        [line(280, 286, 801, "ii")],
    ]
    prose = [[line(85, 518, 70, "He paused and looked at the map for a long while before he went on"),
              line(85, 300, 84, "to speak of the pass . . .")],
             [line(280, 286, 801, "3")]]
    got = [p.text for p in paragraphs([(contents, 595.0), (prose, 595.0)])]
    assert got == [
        "Contents",
        "1.1 What is this FAQ?",
        "1.2 OK, now I know what Debian is... what is Linux?!",
        "1.3 What is the difference between Debian and other distributions? Why should I "
        "choose Debian over some other distribution?",
        "1.4 Where is ezmlm/djbdns/qmail?",
        "1.5 Can I use Red Hat packages on my Debian GNU/Linux system?",
        "He paused and looked at the map for a long while before he went on to speak of the "
        "pass . . ."]


def test_pdf_paragraph_goes_on_into_the_next_text_box():
    """pdfminer starts a new text box at a first line's indent and at a heading's hanging
    indent: the paragraph goes on when the box's first line sits right below a line that ran
    to the margin without a sentence end, or starts in small letters after no sentence end (a
    word cut by a hyphen, inline code set apart), in the same type size."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, size, text):
        return (x0, x1, top, size, text)

    boxes = [
        [line(57, 510, 201, 12.0, "3.1.2 Will there be different versions of packages in differ-")],
        [line(97, 160, 215, 12.0, "ent distributions?")],
        [line(72, 510, 235, 10.0, "Yes. Unstable has the newest versions. But the packages in it")],
        [line(57, 368, 247, 10.0, "are not well tested and may have bugs.")],
        [line(72, 510, 259, 10.0, "Stable, on the other hand, has old versions that were tested.")],
        [line(57, 400, 271, 10.0, "This box starts a paragraph of its own.")],
        [line(57, 510, 300, 10.0, "A paragraph whose last line runs to the margin without an end")],
        [line(57, 510, 330, 10.0, "and a box far below it: a new paragraph.")],
        [line(57, 420, 350, 12.0, "15.2 Extended support for non-English us-")],
        [line(97, 130, 364, 12.0, "ers")],
        [line(57, 380, 384, 10.0, "To see the version, use the lsb_release -a")],
        [line(57, 110, 396, 10.0, "command.")],
    ]
    got = [(p.kind, p.text) for p in paragraphs([(boxes, 595.0)])]
    assert got == [
        ("heading", "3.1.2 Will there be different versions of packages in different "
                    "distributions?"),
        ("paragraph", "Yes. Unstable has the newest versions. But the packages in it are not "
                      "well tested and may have bugs."),
        ("paragraph", "Stable, on the other hand, has old versions that were tested."),
        ("paragraph", "This box starts a paragraph of its own."),
        ("paragraph", "A paragraph whose last line runs to the margin without an end"),
        ("paragraph", "and a box far below it: a new paragraph."),
        ("heading", "15.2 Extended support for non-English users"),
        ("paragraph", "To see the version, use the lsb_release -a command.")]


def test_pdf_line_ends_a_word_cut_an_address_cut_and_a_sentence_going_on():
    """A hyphen at a line end goes when the word has none elsewhere in the document, and stays
    in a compound the document writes with one; a web address cut at the line end is joined
    without a space; a short line ending in a full stop goes on when the next starts small."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text):
        return (57, x1, top, 10.0, text)

    boxes = [[line(510, 100, "Subscribe to the debian-announce list, and read its mail. The hy-"),
              line(510, 112, "phenated word is joined, and so is the list of debian-"),
              line(510, 124, "announce, which keeps its hyphen. See https://www."),
              line(300, 136, "debian.org/doc for more.")],
             [line(300, 160, "The version is 12.4 in bookworm."),
              line(400, 172, "it also names the kernel, a line that goes on.")]]
    got = [p.text for p in paragraphs([(boxes, 595.0)])]
    assert got == [
        "Subscribe to the debian-announce list, and read its mail. The hyphenated word is "
        "joined, and so is the list of debian-announce, which keeps its hyphen. See "
        "https://www.debian.org/doc for more.",
        "The version is 12.4 in bookworm. it also names the kernel, a line that goes on."]


def test_pdf_running_footer_beside_the_page_number_and_line_ends_with_a_capital_or_a_slash():
    """Sphinx sets the section's title in the footer, beside the page number, and it changes
    from page to page: left out; a footnote's last line, at the same place on every page but
    with no page number beside it, stays. A hyphen before a capital stays ("Build-Depends"),
    and a path cut after its slash goes on without a space."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text, size=10.0):
        return (x0, x1, top, size, text)

    words = ["one", "two", "three", "four"]
    pages = []
    for n in range(1, 5):
        pages.append(([
            [line(72, 540, 74, f"Page {words[n - 1]} says that a package lists its Build-"),
             line(72, 540, 86, "Depends in DEBIAN/"),
             line(72, 300, 98, "control, and nothing else.")],
            [line(72, 400, 706, f"{n} A footnote of page {words[n - 1]}, above the footer.",
                  8.0)],
            [line(72, 319, 742, f"6.{n}. Section {n} of the chapter")],
            [line(529, 540, 742, str(50 + n))],
        ], 595.0))
    got = [(p.kind, p.text) for p in paragraphs(pages)]
    assert got == [("paragraph", f"Page {w} says that a package lists its Build-Depends in "
                                 "DEBIAN/control, and nothing else.") for w in words] + [
        ("footnote", f"{n} A footnote of page {w}, above the footer.")
        for n, w in enumerate(words, 1)]  # the notes after the text


def test_pdf_ligatures_are_read_as_their_letters(tmp_path):
    """A font's fi and fl ligatures (Helvetica's standard encoding has them) come out of
    pdfminer as U+FB01 and U+FB02: they are read as the letters, so that spelling, search and
    the glossary see "file"."""
    import zlib

    from test_pdf_inflate import one_page_pdf

    path = tmp_path / "ligatures.pdf"
    path.write_bytes(one_page_pdf(zlib.compress(
        b"BT /F1 12 Tf 72 720 Td (The \\256le is \\257aky.) Tj ET\n")))
    assert [p.text for p in read_source(path, "en").paragraphs] == ["The file is flaky."]


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


def test_pdf_section_number_in_a_box_of_its_own_joins_its_title():
    """LaTeX and Sphinx set a heading's number apart from its title, and pdfminer makes two
    boxes of them (often far apart in its order): the number goes before the title on its
    row; a number with nothing beside it stays as it is."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text, size=12.0):
        return (x0, x1, top, size, text)

    boxes = [[line(72, 400, 100, "3.9 Maintainer scripts")],
             [line(72, 540, 130, "The scripts must be idempotent.", 10.0)],
             [line(113, 400, 170, "Prompting in maintainer scripts")],
             [line(72, 540, 200, "Packages should use debconf to prompt.", 10.0)],
             [line(72, 92, 170, "3.9.1")],
             [line(72, 92, 240, "9.1.1", 10.0)],
             [line(72, 540, 254, "The FHS is followed, with the exceptions below.", 10.0)]]
    got = [p.text for p in paragraphs([(boxes, 595.0)])]
    assert got == ["3.9 Maintainer scripts", "The scripts must be idempotent.",
                   "3.9.1 Prompting in maintainer scripts",
                   "Packages should use debconf to prompt.", "9.1.1",
                   "The FHS is followed, with the exceptions below."]


def test_pdf_paragraph_goes_on_over_a_page_break_past_the_page_s_footnote():
    """A sentence cut by the page break, with a footnote at the foot of the page (smaller
    type, below the last line of body type): the paragraph is whole, and the footnote (kind
    "footnote") comes after the text, as in the DOCX reader."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text, size=10.0):
        return (72, x1, top, size, text)

    first = [[line(540, 600, "The climbers reached the hut at night,¹ and the storm kept"),
              line(540, 612, "them there for three days, while the supplies ran low and the")],
             [line(300, 700, "1 The hut was closed that year.", 8.0)]]
    second = [[line(540, 74, "guides argued about the way down."),
               line(300, 86, "Then the weather cleared.")]]
    got = [(p.kind, p.text) for p in paragraphs([(first, 595.0), (second, 595.0)])]
    assert got == [
        ("paragraph", "The climbers reached the hut at night,¹ and the storm kept them there "
                      "for three days, while the supplies ran low and the guides argued about "
                      "the way down. Then the weather cleared."),
        ("footnote", "1 The hut was closed that year.")]


def test_pdf_chinese_and_japanese_lines_join_without_spaces():
    """A line break inside Chinese or Japanese text is no space ("同" | "じです" was read
    "同 じです"), over a page break too, but a paragraph ending in 。 at the foot of a page is
    not continued; Latin words keep theirs; a justified line's spread characters lose the
    spaces pdfminer put between them, a term set apart by a real space keeps it."""
    from types import SimpleNamespace

    from workbench.core.readers.pdf import _line_text
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text):
        return (57, x1, top, 10.0, text)

    first = [[line(540, 600, "つまり、Esc + c は Alt-C と同"),
              line(540, 612, "じです。詳しくは mount(8) を"),
              line(540, 624, "参照してください。この機能は")]]
    second = [[line(540, 74, "便利です。"), line(300, 86, "本章は以上です。")]]
    third = [[line(540, 74, "新しい段落です。")]]
    got = [p.text for p in paragraphs([(first, 595.0), (second, 595.0), (third, 595.0)])]
    assert got == ["つまり、Esc + c は Alt-C と同じです。詳しくは mount(8) を参照してください。"
                   "この機能は便利です。本章は以上です。", "新しい段落です。"]

    def char(text, x0):
        return SimpleNamespace(get_text=lambda: text, x0=x0, x1=x0 + 10.0, size=10.0, y0=0.0)

    def anno():
        return SimpleNamespace(get_text=lambda: " ")

    spread = [char("あ", 0), anno(), char("る", 11), anno(), char("フ", 22)]  # 0.1 apart
    apart = [char("个", 0), anno(), char("类", 12.5), anno(), char("U", 25)]  # a quarter apart
    assert _line_text(spread, [c for c in spread if hasattr(c, "x0")], 10.0) == "あるフ"
    assert _line_text(apart, [c for c in apart if hasattr(c, "x0")], 10.0) == "个 类 U"


def test_pdf_ruled_table_cells_are_paragraphs_row_by_row():
    """A table drawn with rules (a border above and below each row, a rule down between the
    columns): each cell is one paragraph (kind table-cell), its wrapped lines joined however
    short they are, read row by row though pdfminer gives the table column by column with the
    text after it in between; a rule ends a paragraph (the frame above a code listing, where
    "Run this" would go on into "make deb-pkg"); a listing framed above and below (and at its
    sides) is no table: no kind table-cell, its lines as any others'."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text):
        return (x0, x1, top, 10.0, text)

    boxes = [[line(57, 300, 60, "The rules are listed below and")],
             [line(62, 170, 100, "拡張マッチ規則の説明"), line(62, 258, 112, "A-マークのついたインストール済みパッ"),
              line(62, 254, 124, "ケージとマッチ (自動インストール済みパ"), line(62, 112, 136, "ッケージ)"),
              line(62, 150, 148, "記述とのマッチ")],
             [line(57, 400, 180, "the table ends here.")],
             [line(270, 306, 100, "~n"), line(270, 306, 112, "~M"), line(270, 306, 148, "~d")],
             [line(57, 200, 220, "Run this"), line(62, 150, 235, "make deb-pkg"),
              line(62, 150, 247, "Then install it.")]]
    across = [(57, 561, top) for top in (98, 110, 146, 158)] + \
        [(57, 561, 232), (57, 561, 260)]  # the table's row borders; a frame around the code
    down = [(264, 98, 158), (57, 98, 158), (561, 98, 158), (57, 232, 260), (561, 232, 260)]
    got = [(p.kind, p.text) for p in paragraphs([(boxes, 595.0)], [(across, down)])]
    assert got == [("paragraph", "The rules are listed below and"),
                   ("table-cell", "拡張マッチ規則の説明"), ("table-cell", "~n"),
                   ("table-cell", "A-マークのついたインストール済みパッケージとマッチ (自動インストール済みパッケージ)"),
                   ("table-cell", "~M"), ("table-cell", "記述とのマッチ"), ("table-cell", "~d"),
                   ("paragraph", "the table ends here."), ("paragraph", "Run this"),
                   ("paragraph", "make deb-pkg"), ("paragraph", "Then install it.")]


def test_pdf_index_entries_in_small_type_are_no_footnotes():
    """An index page: letter headings in body type, entries in smaller type with leaders and
    page numbers, the last few below the last letter heading. None of them is a footnote (as
    smaller type set apart below the body would be), and they keep their place."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text, size=9.0):
        return (90, x1, top, size, text)

    text_page = [[line(522, 80 + 14 * k, f"Line {k} of a page of the manual's text, which runs "
                       f"on to the margin", 10.9) for k in range(30)]]
    names = [f"{prefix}_{k}" for prefix in ("aes", "base64") for k in range(6)]
    index = [[line(330, 94, "Function Index", 17.2)], [line(98, 137, "A", 14.3)]]
    index += [[line(522, 160 + 11 * k, f"{name} . . . . . . . . . . . . . . 4{k}")]
              for k, name in enumerate(names[:6])]
    index += [[line(98, 300, "B", 14.3)]]
    index += [[line(522, 323 + 11 * k, f"{name} . . . . . . . . . . . . . . 5{k}")]
              for k, name in enumerate(names[6:])]
    got = [(p.kind, p.text) for p in paragraphs([(text_page, 595.0), (index, 595.0)])]
    assert [kind for kind, _ in got].count("footnote") == 0
    texts = [text for _, text in got]
    assert texts[texts.index("A") + 1:] == names[:6] + ["B"] + names[6:]
