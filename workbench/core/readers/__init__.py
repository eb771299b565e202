"""Readers: a file of any format the workbench knows -> paragraphs with a kind and an origin.

| format        | module        | told by                                      | paragraphs are                      |
|---------------|---------------|----------------------------------------------|-------------------------------------|
| plain text    | text.py       | anything else (textio: encodings)            | lines                               |
| DOCX          | docx.py       | ZIP with word/document.xml                   | paragraphs, headings, list items, table cells, footnotes, captions |
| ODT           | odt.py        | ZIP with an OpenDocument text mimetype       | the same                            |
| EPUB          | epub.py       | ZIP with application/epub+zip                | each chapter's blocks, in spine order |
| FictionBook 2 | fb2.py        | <FictionBook>; a ZIP holding one .fb2        | the bodies' paragraphs, titles, verse, notes |
| HTML, XHTML   | html.py       | <!DOCTYPE html>, <html>, or mostly tags      | blocks of the page's content (no script, style, navigation) |
| Markdown      | markdown.py   | .md, or Markdown headings and lists          | blocks                              |
| SRT, WebVTT   | subtitles.py  | a cue number and a timecode; WEBVTT          | cues (with their timecodes)         |
| PDF           | pdf.py (+ pdflayout.py, pdfinflate.py) | %PDF                | text blocks of the text layer       |
| XLIFF, TMX    | bilingual.py  | <xliff>, <tmx>                               | segments, already paired            |

Characters there for layout only (a soft hyphen, a zero-width space, a word joiner) are left
out of every format's paragraphs but XLIFF's and TMX's, whose segments are a CAT tool's.

Formats are told by content (magic bytes, the root element, markup), not by the name alone:
an .html file that is text is read as text, a .txt file that is HTML as HTML. Every reader
bounds what it reads (``limits.py``) and turns a damaged, encrypted or oversized file into one
InputError naming the file and what to do.

    src = read_source("texts/ru/bakai.docx", "ru")
    src.format, src.paragraphs[0].kind, src.paragraphs[0].text
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import gutenberg
from ..errors import InputError

#: the kinds of paragraph a reader reports
KINDS: tuple[str, ...] = ("paragraph", "heading", "list-item", "table-cell", "footnote",
                          "caption", "cue", "segment")
#: formats whose paragraphs are never split into sentences (segments already)
PAIRED_FORMATS = ("xliff", "tmx")


@dataclass(frozen=True)
class Paragraph:
    """A block of text as the file has it: its kind, a heading's level, a cue's timecodes,
    and where in the file it is (a page, a chapter, a cue or unit number)."""

    text: str
    kind: str = "paragraph"
    level: int | None = None
    start: str | None = None
    end: str | None = None
    where: str | None = None

    def record(self, para: int) -> dict[str, Any]:
        """The paragraph's line in the document's ``source_paragraphs`` section."""
        rec: dict[str, Any] = {"para": para, "kind": self.kind}
        for key in ("level", "start", "end", "where"):
            value = getattr(self, key)
            if value is not None:
                rec[key] = value
        return rec

    @property
    def plain(self) -> bool:
        """Nothing to remember about it: a paragraph of plain text."""
        return self.kind == "paragraph" and self.level is None and self.start is None \
            and self.where is None


@dataclass(frozen=True)
class SourceFile:
    """What a reader found in a file: its paragraphs, and what reading it should tell."""

    path: str
    format: str
    paragraphs: tuple[Paragraph, ...]
    sha256: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def encoding_name(self) -> str:
        from ..textio import ENCODING_NAMES

        return ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def split(self) -> bool:
        """Are the paragraphs to be split into sentences (not for paired segments)?"""
        return self.format not in PAIRED_FORMATS


FORMAT_NAMES = {"text": "plain text", "docx": "a Word document (.docx)",
                "odt": "an OpenDocument text (.odt)", "epub": "an EPUB book",
                "fb2": "a FictionBook (FB2) book", "fb2.zip": "a zipped FictionBook (FB2) book",
                "html": "an HTML page", "markdown": "Markdown", "srt": "SRT subtitles",
                "vtt": "WebVTT subtitles", "pdf": "a PDF", "xliff": "an XLIFF file",
                "tmx": "a TMX translation memory"}


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_source(path: str | Path, lang: str | None = None,
                encoding: str | None = None, segments: bool = False) -> SourceFile:
    """The paragraphs of a file of any format :func:`sniff` tells (plain text otherwise).

    ``lang`` settles the Cyrillic code pages of a text file and picks the side of a bilingual
    file (XLIFF, TMX); ``encoding`` overrides the detected encoding of a text-based file;
    ``segments``: a plain-text file holds one segment per line, and its paragraphs are the
    runs of lines between blank lines (readers/text.py).
    """
    from .sniff import sniff

    p = Path(path)
    fmt = sniff(p)
    if fmt == "text":
        from .text import read
    elif fmt == "docx":
        from .docx import read
    elif fmt == "odt":
        from .odt import read
    elif fmt == "epub":
        from .epub import read
    elif fmt in ("fb2", "fb2.zip"):
        from .fb2 import read
    elif fmt == "html":
        from .html import read
    elif fmt == "markdown":
        from .markdown import read
    elif fmt in ("srt", "vtt"):
        from .subtitles import read
    elif fmt == "pdf":
        from .pdf import read
    elif fmt in ("xliff", "tmx"):
        from .bilingual import read
    else:  # pragma: no cover - sniff returns only the formats above
        raise InputError(f"is in a format workbench does not read ({fmt})", path=str(p))
    if fmt == "text":  # a Gutenberg frame is left out line by line there (textio)
        return _visible(read(p, lang=lang, encoding=encoding, fmt=fmt, segments=segments))
    src = read(p, lang=lang, encoding=encoding, fmt=fmt)
    return src if fmt in PAIRED_FORMATS else _visible(_without_gutenberg_frame(src))


#: characters there for layout only: a soft hyphen (HTML's &shy;), a zero-width space, a word
#: joiner, a byte-order mark inside the text. Invisible, they cut words for the spell checker,
#: search and the glossary ("Ver&shy;ant&shy;wortung" gave "wortung" as a typo)
_LAYOUT_ONLY = "\u00ad\u200b\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, _LAYOUT_ONLY))
_INVISIBLE_CHARS = re.compile(f"[{_LAYOUT_ONLY}]")


def _visible(src: SourceFile) -> SourceFile:
    """``src`` without the characters that are there for layout only; a paragraph of nothing
    else is left out."""
    if not any(_INVISIBLE_CHARS.search(p.text) for p in src.paragraphs):
        return src
    paras = tuple(replace(p, text=text) for p in src.paragraphs
                  if (text := p.text.translate(_INVISIBLE)).strip())
    return replace(src, paragraphs=paras)


def _without_gutenberg_frame(src: SourceFile) -> SourceFile:
    """``src`` without the paragraphs of Project Gutenberg's header and licence, if it is a
    Gutenberg e-book (an HTML or EPUB edition: core/gutenberg.py), with a warning."""
    span = gutenberg.body([p.text for p in src.paragraphs])
    if span is None:
        return src
    first, end = span
    if first >= end:
        raise gutenberg.nothing_inside(src.path)
    after = len(src.paragraphs) - end
    licence = f" and licence ({after} paragraphs) are" if after else " is"
    note = (f"it is a Project Gutenberg e-book: its header ({first} paragraphs){licence} "
            "left out")
    return replace(src, paragraphs=src.paragraphs[first:end], warnings=(*src.warnings, note))


def is_bilingual(path: str | Path) -> bool:
    """Is the file an XLIFF or TMX (both sides in one file)?"""
    from .sniff import sniff

    return sniff(Path(path)) in PAIRED_FORMATS


def no_text(path: Path, fmt: str, hint: str = "give the file with the text") -> InputError:
    return InputError(f"is {FORMAT_NAMES.get(fmt, fmt)} with no text in it", path=str(path),
                      hint=hint)
