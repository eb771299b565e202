"""DOCX (Word, LibreOffice, Google Docs): the body in order, read from the package's XML with
the standard zip module and lxml (sizes bounded, no entities).

Kinds: headings by style ("Heading N", "Title", or an outline level) with their level, list
items (numbered or bulleted paragraphs, "List ..." styles), table cells (``where``: table,
row, cell), captions ("Caption" style), footnotes and endnotes (after the body, ``where``:
their number). Tracked deletions, field codes (a TOC's instructions, PAGE), a generated table
of contents (the headings say it; as the ODT reader), the fallback copy of drawings, text
boxes, page headers and footers and comments are not text. Tabs and line
breaks inside a paragraph become spaces.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Paragraph, SourceFile, file_hash, no_text
from .limits import open_zip, zip_member
from .xmlsafe import local, parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SKIP = {"del", "moveFrom", "Fallback", "txbxContent", "instrText", "delText", "footnoteReference",
         "endnoteReference", "commentReference", "pict", "object",
         "rt"}  # a phonetic guide's reading (ruby): the base text is the text
_WHAT = "a Word document (.docx)"
#: the styles of a table of contents' entries and title (Word: "toc 1", LibreOffice: "Contents 1")
_CONTENTS = re.compile(r"(?:toc|contents) ?(?:\d|heading)")
_SPACE = re.compile(r"[ \t\n\r\f]+")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class _Styles:
    """Paragraph styles: id -> (name, outline level, numbered), following ``basedOn``."""

    def __init__(self, root):
        self.raw: dict[str, tuple[str, int | None, bool, str | None]] = {}
        if root is None:
            return
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId")) or ""
            name_el = st.find(_w("name"))
            name = (name_el.get(_w("val")) if name_el is not None else sid) or sid
            ppr = st.find(_w("pPr"))
            lvl = None
            numbered = False
            if ppr is not None:
                ol = ppr.find(_w("outlineLvl"))
                if ol is not None and (ol.get(_w("val")) or "").isdigit():
                    lvl = int(ol.get(_w("val")))
                numbered = ppr.find(_w("numPr")) is not None
            based = st.find(_w("basedOn"))
            self.raw[sid] = (name.lower(), lvl, numbered,
                             based.get(_w("val")) if based is not None else None)

    def info(self, sid: str | None) -> tuple[list[str], int | None, bool]:
        names, lvl, numbered, seen = [], None, False, set()
        while sid and sid in self.raw and sid not in seen:
            seen.add(sid)
            name, ol, num, based = self.raw[sid]
            names.append(name)
            lvl = ol if lvl is None else lvl
            numbered = numbered or num
            sid = based
        return names, lvl, numbered


def _text(p) -> str:
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            name = local(child.tag)
            if name in _SKIP:
                continue
            if name == "t":
                out.append(child.text or "")
            elif name in ("tab", "br", "cr"):
                out.append(" ")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name == "p" and child is not p:
                continue  # a paragraph inside (a text box): not this one's text
            else:
                walk(child)

    walk(p)
    return _SPACE.sub(" ", "".join(out)).strip()


def _paragraph(p, styles: _Styles, kind: str | None, where: str | None) -> Paragraph | None:
    text = _text(p)
    if not text:
        return None
    ppr = p.find(_w("pPr"))
    sid = None
    lvl = None
    numbered = False
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        sid = ps.get(_w("val")) if ps is not None else None
        ol = ppr.find(_w("outlineLvl"))
        if ol is not None and (ol.get(_w("val")) or "").isdigit():
            lvl = int(ol.get(_w("val")))
        num = ppr.find(_w("numPr"))
        if num is not None:
            nid = num.find(_w("numId"))
            numbered = nid is None or nid.get(_w("val")) != "0"
    names, style_lvl, style_num = styles.info(sid)
    if any(_CONTENTS.fullmatch(n) for n in names):
        return None  # an entry of a table of contents outside a content control
    lvl = lvl if lvl is not None else style_lvl
    heading = next((int(m.group(1)) for n in names
                    if (m := re.fullmatch(r"heading (\d)", n))), None)
    if heading is None and any(n in ("title", "subtitle") for n in names):
        heading = 1 if "title" in names else 2
    if heading is None and lvl is not None and lvl < 9:
        heading = lvl + 1
    if heading is not None and kind is None:
        return Paragraph(text, "heading", heading, where=where)
    if kind is not None:
        return Paragraph(text, kind, where=where)
    if any(n == "caption" for n in names):
        return Paragraph(text, "caption", where=where)
    if numbered or style_num or any(n.startswith("list") for n in names):
        return Paragraph(text, "list-item", where=where)
    return Paragraph(text, "paragraph", where=where)


def _blocks(parent, styles: _Styles, out: list[Paragraph], kind: str | None = None,
            where: str | None = None, tables: list[int] | None = None) -> None:
    tables = tables if tables is not None else [0]
    for el in parent:
        name = local(el.tag)
        if name == "p":
            para = _paragraph(el, styles, kind, where)
            if para is not None:
                out.append(para)
        elif name == "tbl":
            tables[0] += 1
            t = tables[0]
            for r, tr in enumerate(el.iter(_w("tr")), 1):
                if tr.getparent() is not el:
                    continue
                for c, tc in enumerate((x for x in tr if local(x.tag) == "tc"), 1):
                    _blocks(tc, styles, out, "table-cell", f"table {t}, row {r}, cell {c}",
                            tables)
        elif name == "sdt" and _is_contents(el):
            continue  # a table of contents Word or LibreOffice made: the headings say it
        elif name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo"):
            _blocks(el, styles, out, kind, where, tables)


def _is_contents(sdt) -> bool:
    """Whether a content control holds a generated table of contents."""
    gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and gallery.get(_w("val")) == "Table of Contents"


def _notes(root, styles: _Styles, label: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    if root is None:
        return out
    for note in root:
        if local(note.tag) not in ("footnote", "endnote"):
            continue
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        body: list[Paragraph] = []
        _blocks(note, styles, body)
        out.extend(Paragraph(p.text, "footnote", where=f"{label} {note.get(_w('id'))}")
                   for p in body)
    return out


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "docx") -> SourceFile:
    zf = open_zip(path, _WHAT)
    with zf:
        names = set(zf.namelist())

        def part(name: str):
            if name not in names:
                return None
            return parse_xml(zip_member(zf, name, path, _WHAT), str(path), what=_WHAT)

        document = part("word/document.xml")
        if document is None:
            raise no_text(path, "docx")
        styles = _Styles(part("word/styles.xml"))
        footnotes = part("word/footnotes.xml")
        endnotes = part("word/endnotes.xml")
    body = document.find(_w("body"))
    out: list[Paragraph] = []
    if body is not None:
        _blocks(body, styles, out)
    out += _notes(footnotes, styles, "footnote") + _notes(endnotes, styles, "endnote")
    if not out:
        raise no_text(path, "docx")
    return SourceFile(str(path), "docx", tuple(out), file_hash(path))
