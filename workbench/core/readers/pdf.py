"""PDF: the text layer, by pdfminer.six's layout analysis, put back into paragraphs.

pdfminer gives text boxes (lines close together) and their lines with positions. A paragraph
ends at the end of a box (unless the next box's first line goes on with it: pdfminer starts a
box at a first line's indent), or at a line that stops well short of the right margin after a
sentence end (unless the next line starts small). A line ending in a hyphen joins the next
without it when that one goes on in small letters, unless the document writes the word with one
elsewhere (before a capital it stays); a web address or path cut at the line end is joined
without a space. Page numbers, running headers and footers (the same line at the top or bottom
of most pages, or a row set apart at the same place atop most pages, or at their foot beside the
page number, as a section's title), footnote marks (small raised digits) and a table of
contents' leaders (". . . . 12", or every dot a line of its own) are left out; each contents
entry is a paragraph, and so is each bullet's item (a list item, its sign left out). A font's
ligatures ("ﬁ") are read as their letters. A line set clearly larger than the body text is a
heading; a heading's number set in a box of its own joins its title. Smaller type below a page's
last line of body type is a footnote: the footnotes come after the text, and a paragraph cut by
the page break goes on. A page of two or more
columns is read column by column, and a line is short or full against its own column. A rule
drawn between two lines ends a paragraph; a table drawn with rules (rows bordered, a rule down
between columns) gives a paragraph per cell, row by row (kind table-cell). Inside Chinese or
Japanese text a line break is no space, nor is the spread of a justified line. ``where``
is the page. A PDF without text (a scan) or with a password is refused with a hint; its
compressed streams are unpacked within a bound (pdfinflate.py).

This module reads the lines and their characters from pdfminer; pdflayout.py puts the lines
back into paragraphs.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from pathlib import Path

from ..errors import InputError
from . import SourceFile, file_hash, pdfinflate
from .limits import MAX_PACKED, MAX_PAGES, MAX_UNPACKED, MB, check_size
from .pdflayout import CJK, paragraphs

_WHAT = "a PDF file"
#: typographic ligatures a PDF's fonts draw ("ﬁle", "ﬂaky"), as the letters they join
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


def _stretched(items, size: float) -> set[int]:
    """The spaces pdfminer put between two Chinese or Japanese characters only because a
    justified line spreads them ("あ る フ ァ イ ル", a tenth of the type size apart): a gap
    under 0.18 of the type size.
    A wider one is the text's own space (a quarter: around a term set apart, "一个 类 Unix")."""
    out = set()
    for k in range(1, len(items) - 1):
        before, space, after = items[k - 1], items[k], items[k + 1]
        if space.get_text() == " " and not hasattr(space, "x0") and hasattr(before, "x1") \
                and hasattr(after, "x0") and CJK.match(before.get_text()) \
                and CJK.match(after.get_text()) and after.x0 - before.x1 < 0.18 * size:
            out.add(k)
    return out


def _line_text(line, chars, size: float) -> str:
    """The line's text without its footnote marks: digits set small and raised after a word
    of three letters or more or after punctuation ("itself.¹", "Debian²"), or opening the
    line (a note's own number); an exponent after a unit or a variable ("m²", "x²") stays.
    Nor the spaces of a justified Chinese or Japanese line (:func:`_stretched`)."""
    items = list(line)  # characters, and the spaces pdfminer puts between words (no size)
    stretched = _stretched(items, size) if any(CJK.match(c.get_text()) for c in chars) \
        else set()
    marks = bool(chars) and any(c.get_text().isdigit() and c.size < 0.8 * size for c in chars)
    if not marks:
        return "".join(item.get_text() for k, item in enumerate(items) if k not in stretched)
    base = statistics.median(c.y0 for c in chars)
    out: list[str] = []
    taken = False  # the digit before was a mark's
    for k, item in enumerate(items):
        if k in stretched:
            continue
        text = item.get_text()
        mark = text.isdigit() and getattr(item, "size", size) < 0.8 * size and \
            item.y0 > base + 0.2 * size and \
            (taken or not any(t.strip() for t in out) or _mark_may_follow("".join(out[-4:])))
        if not mark:
            out.append(text)
        taken = mark
    return "".join(out)


def _mark_may_follow(tail: str) -> bool:
    """Whether the text before ends where a footnote mark goes: punctuation, or a word of
    three letters or more."""
    return bool(re.search(r"(?:[.,;:!?)\]»”\"']|[^\W\d_]{3})$", tail))


def _lines(path: Path):
    """Per page: (boxes of lines (x0, x1, top, size, text)), page width; and per page, the
    rules drawn on it (:func:`_rules`)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTCurve, LTTextBox, LTTextLine

    pdfinflate.install()
    pages, rules = [], []
    with pdfinflate.budget(MAX_UNPACKED):
        for number, page in enumerate(extract_pages(str(path), laparams=LAParams()), 1):
            if number > MAX_PAGES:
                raise InputError(f"has more than {MAX_PAGES} pages", path=str(path),
                                 hint="split it into parts and align each")
            boxes = []
            for box in (b for b in page if isinstance(b, LTTextBox)):
                lines = []
                for line in (ln for ln in box if isinstance(ln, LTTextLine)):
                    chars = [c for c in line if isinstance(c, LTChar)]
                    size = statistics.median(c.size for c in chars) if chars else 0.0
                    text = _line_text(line, chars, size).replace("\n", " ") \
                        .translate(_LIGATURES).strip()
                    if text:
                        lines.append((line.x0, line.x1, page.height - line.y1, size, text))
                if lines:
                    boxes.append(lines)
            pages.append((boxes, page.width))
            rules.append(_rules(page, LTCurve))
    return pages, rules


def _rules(page, curve) -> tuple[list, list]:
    """The page's rules: horizontal ones at least 20 points long (thin lines and rectangles,
    a thick rectangle's top and bottom edges) as (x0, x1, top); vertical ones (thin lines
    and rectangles at least 5 points high) as (x, top, bottom)."""
    across, down = [], []
    for obj in (o for o in page if isinstance(o, curve)):  # LTLine and LTRect are curves
        wide, high = obj.x1 - obj.x0, obj.y1 - obj.y0
        if wide >= 20:
            edges = (obj.y1,) if high < 1.5 else (obj.y0, obj.y1)
            across.extend((obj.x0, obj.x1, page.height - y) for y in edges)
        elif wide < 1.5 and high >= 5:
            down.append(((obj.x0 + obj.x1) / 2, page.height - obj.y1, page.height - obj.y0))
    return across, down


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "pdf") -> SourceFile:
    check_size(path, MAX_PACKED, _WHAT)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pages, rules = _lines(path)
    except InputError:
        raise
    except pdfinflate.TooBig:
        raise InputError(f"is {_WHAT} whose compressed contents unpack to more than "
                         f"{MAX_UNPACKED // MB} MB (a PDF bomb?)", path=str(path),
                         hint="print or export it to a new PDF, or give its text") from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"is {_WHAT} protected by a password", path=str(path),
                         hint="open it with the password and print or export it to a PDF "
                              "without one, or save its text") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        reason = str(exc).strip() or type(exc).__name__
        raise InputError(f"is {_WHAT} that cannot be read (damaged? {reason[:120]})",
                         path=str(path),
                         hint="open it in a PDF viewer and save or print it to a new PDF, or "
                              "give the text") from None
    paras = paragraphs(pages, rules)
    if not paras:
        raise InputError(f"is {_WHAT} with no text layer (a scanned document?)", path=str(path),
                         hint="run OCR on it first (e.g. ocrmypdf), or give the text")
    return SourceFile(str(path), "pdf", tuple(paras), file_hash(path))
