"""A Project Gutenberg e-book's header and licence are left out of the text it is read as
(core/gutenberg.py), with a warning that names their lines; line numbers stay the file's."""

from __future__ import annotations

from click.testing import CliRunner

from workbench.cli import main
from workbench.core.gutenberg import body
from workbench.core.textio import paragraph_lines, read_paragraphs

HEADER = """\
The Project Gutenberg eBook of Anna Karenina

This ebook is for the use of anyone anywhere in the United States and most other parts of the world at no cost.

Title: Anna Karenina

*** START OF THE PROJECT GUTENBERG EBOOK ANNA KARENINA ***
"""
BOOK = """\
Happy families are all alike; every unhappy family is unhappy in its own way.
Everything was in confusion in the Oblonskys' house.
"""
LICENCE = """\
*** END OF THE PROJECT GUTENBERG EBOOK ANNA KARENINA ***

Updated editions will replace the previous one--the old editions will be renamed.
"""


def test_the_book_between_the_markers_is_all_that_is_read():
    read = read_paragraphs(HEADER + BOOK + LICENCE)
    assert read.book == (7, 9)
    assert read.lines == [(8, "Happy families are all alike; every unhappy family is unhappy in "
                               "its own way."),
                          (9, "Everything was in confusion in the Oblonskys' house.")]


def test_older_markers_and_a_missing_end_marker():
    lines = ["Project Gutenberg's Etext", "*** START OF THIS PROJECT GUTENBERG EBOOK HAMLET ***",
             "To be, or not to be: that is the question.", "*END*THE SMALL PRINT!"]
    assert body(lines) == (2, 4)
    assert body(["*** START OF THE PROJECT GUTENBERG E-TEXT X ***", "a", "***END OF THE "
                 "PROJECT GUTENBERG ETEXT X***", "licence"]) == (1, 2)


def test_a_text_that_only_mentions_project_gutenberg_is_read_whole():
    text = "I found it on Project Gutenberg.\nThe START OF THE PROJECT GUTENBERG EBOOK line.\n"
    read = read_paragraphs(text)
    assert read.book is None and len(read.lines) == 2


def test_align_says_what_it_left_out_and_errors_keep_the_files_lines(tmp_path):
    src = tmp_path / "anna.en.txt"
    src.write_text(HEADER + BOOK + LICENCE, encoding="utf-8")
    res = CliRunner().invoke(main, ["align", str(src), str(src), "-o", str(tmp_path / "o.yaml"),
                                    "--source-lang", "en", "--target-lang", "en"])
    assert res.exit_code == 0, res.output
    assert ("it is a Project Gutenberg e-book: the book is lines 8-9; its header (lines 1-7) and "
            "licence (lines 10-12) are left out") in res.output
    assert "2 en and 2 en sentences" in res.output
    # a sentence too long to align is named by its line in the file, the header counted
    bad = tmp_path / "bad.txt"
    bad.write_text(HEADER + BOOK + "word " * 5000 + "\n" + LICENCE, encoding="utf-8")
    assert paragraph_lines(bad.read_text())[-1][0] == 10
    res = CliRunner().invoke(main, ["align", str(bad), str(bad), "-o", str(tmp_path / "b.yaml")])
    assert res.exit_code == 2
    assert f"{bad}:10: has a sentence of" in res.output


GUTENBERG_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Project Gutenberg eBook of Hamlet</title></head>
<body>
<section class="pg-boilerplate pgheader" id="pg-header">
<h2>The Project Gutenberg eBook of Hamlet</h2>
<div>This ebook is for the use of anyone anywhere in the United States at no cost.</div>
<div id="pg-start-separator"><span>*** START OF THE PROJECT GUTENBERG EBOOK HAMLET ***</span></div>
</section>
<h2>ACT I</h2>
<p>Who's there? Nay, answer me: stand, and unfold yourself.</p>
<section class="pg-boilerplate pgheader" id="pg-footer">
<div id="pg-end-separator"><span>*** END OF THE PROJECT GUTENBERG EBOOK HAMLET ***</span></div>
<div><p>Updated editions will replace the previous one.</p></div>
</section>
</body></html>
"""


def test_an_html_edition_loses_its_frame_too(tmp_path):
    from workbench.core.readers import read_source

    page = tmp_path / "hamlet.html"
    page.write_text(GUTENBERG_HTML, encoding="utf-8")
    src = read_source(page, "en")
    assert src.format == "html"
    assert [(p.kind, p.text) for p in src.paragraphs] == [
        ("heading", "ACT I"), ("paragraph", "Who's there? Nay, answer me: stand, and unfold yourself.")]
    assert src.warnings == ("it is a Project Gutenberg e-book: its header (3 paragraphs) and "
                            "licence (2 paragraphs) are left out",)
    # a page that is not one keeps every paragraph
    page.write_text(GUTENBERG_HTML.replace("*** START OF", "START"), encoding="utf-8")
    assert len(read_source(page, "en").paragraphs) == 7


def test_an_e_book_with_nothing_between_its_markers_says_so(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text(HEADER + LICENCE, encoding="utf-8")
    res = CliRunner().invoke(main, ["align", str(empty), str(empty), "-o", str(tmp_path / "o.yaml")])
    assert res.exit_code == 2
    assert "has no text between its Project Gutenberg START and END lines" in res.output
    page = tmp_path / "empty.html"
    page.write_text(GUTENBERG_HTML.replace("<h2>ACT I</h2>\n<p>Who's there? Nay, answer me: stand, "
                                           "and unfold yourself.</p>\n", ""), encoding="utf-8")
    res = CliRunner().invoke(main, ["align", str(page), str(page), "-o", str(tmp_path / "o.yaml")])
    assert res.exit_code == 2
    assert "has no text between its Project Gutenberg START and END lines" in res.output
