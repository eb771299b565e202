"""FictionBook 2 (.fb2, and .fb2.zip): the e-book format of Russian literature online.

An XML file (parsed by lxml, in the encoding its declaration names: windows-1251 is common):
the bodies are read in order, the description (author, annotation, publisher) and the embedded
pictures are not. Kinds: a <title>'s lines and a <subtitle> are headings (level: how deep the
section is), lines of verse (<v>), epigraphs, quotations and their authors paragraphs, table
cells table cells, and the sections of the notes body (<body name="notes">) footnotes, each
with ``where`` "note ID". A note's mark in the text (<a type="note">) is left out of the
sentence: the note itself is a paragraph of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Paragraph, SourceFile, file_hash, no_text
from .limits import MAX_MARKUP, open_zip, read_limited, zip_member
from .xmlsafe import inline_text, local, parse_xml

_WHAT = "a FictionBook (FB2) book"
#: elements whose text is one paragraph of their own
_LINES = {"p": "paragraph", "v": "paragraph", "text-author": "paragraph", "subtitle": "heading",
          "td": "table-cell", "th": "table-cell"}
_SPACE = re.compile(r"[ \t\n\r\f]+")  # a no-break space is kept
#: elements that hold no text of the book
_SKIP = {"binary", "description", "image"}


def _text(el) -> str:
    """The text of an inline run, a note's mark left out (the note is read where the notes
    are), white space collapsed."""
    text = inline_text(el, lambda child, name: "" if name in _SKIP or (
        name == "a" and child.get("type") == "note") else None)
    return _SPACE.sub(" ", text).strip()


def _paragraphs(el, depth: int, note: str | None, out: list[Paragraph]) -> None:
    """Paragraphs of ``el`` and what it holds; ``depth``: how many sections deep it is."""
    for child in el:
        name = local(child.tag)
        if name in _SKIP:
            continue
        if name == "title":
            for line in (c for c in child if local(c.tag) == "p"):
                text = _text(line)
                if text and note is None:
                    out.append(Paragraph(text, "heading", min(depth + 1, 6)))
            continue
        if name in _LINES:
            text = _text(child)
            if text:
                kind = "footnote" if note is not None else _LINES[name]
                level = min(depth + 2, 6) if kind == "heading" else None
                out.append(Paragraph(text, kind, level, where=f"note {note}" if note else None))
            continue
        inner_note = note
        if note is not None and name == "section":
            inner_note = child.get("id") or note
        _paragraphs(child, depth + (name == "section"), inner_note, out)


def _book(data: bytes, path: Path) -> list[Paragraph]:
    root = parse_xml(data, str(path), what=_WHAT)
    if local(root.tag) != "FictionBook":
        raise no_text(path, "fb2")
    out: list[Paragraph] = []
    for body in (e for e in root if local(e.tag) == "body"):
        notes = (body.get("name") or "").lower() in ("notes", "comments", "footnotes")
        _paragraphs(body, 0, "" if notes else None, out)
    return out


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "fb2") -> SourceFile:
    if fmt == "fb2.zip":
        zf = open_zip(path, _WHAT)
        with zf:
            inside = [n for n in zf.namelist() if n.lower().endswith(".fb2")]
            if len(inside) != 1:
                raise no_text(path, "fb2", "give the .fb2 file itself (unpack the archive)")
            data = zip_member(zf, inside[0], path, _WHAT, limit=MAX_MARKUP)
    else:
        data = read_limited(path, MAX_MARKUP, _WHAT)  # its size checked first
    paras = _book(data, path)
    if not paras:
        raise no_text(path, "fb2")
    return SourceFile(str(path), "fb2", tuple(paras), file_hash(path))
