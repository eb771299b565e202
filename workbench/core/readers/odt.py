"""ODT (LibreOffice, OpenOffice): the text body in order, from content.xml (zip and lxml:
sizes bounded, no entities).

Kinds: <text:h> headings with their outline level, list items, table cells (``where``: table,
row, cell), captions (paragraphs in the "Caption" style or one derived from it: Illustration,
Figure, Table, Drawing), footnotes and endnotes (after the paragraph that cites them,
``where``: their number). Tracked deletions, the table of contents and other generated
indexes, annotations and note citations are not text; ``<text:s>`` gives its spaces, tabs and
line breaks become spaces. A document saved with a password is refused with a hint.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from . import Paragraph, SourceFile, file_hash, no_text
from .limits import open_zip, zip_member
from .xmlsafe import inline_text, local, parse_xml

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_WHAT = "an OpenDocument text (.odt)"
_SKIP = {"tracked-changes", "table-of-content", "alphabetical-index", "illustration-index",
         "table-index", "object-index", "user-index", "bibliography", "annotation",
         "annotation-end", "note-citation", "sequence-decls", "variable-decls",
         "user-field-decls", "forms", "soft-page-break",
         "ruby-text"}  # a ruby's reading: the base text is the text
_SPACE = re.compile(r"[ \t\n\r\f]+")


def _attr(el, ns: str, name: str) -> str | None:
    return el.get(f"{{{ns}}}{name}")


class _Styles:
    def __init__(self, *roots):
        self.parent: dict[str, str | None] = {}
        self.display: dict[str, str] = {}
        for root in roots:
            if root is None:
                continue
            for st in root.iter(f"{{{STYLE}}}style"):
                name = _attr(st, STYLE, "name") or ""
                self.parent[name] = _attr(st, STYLE, "parent-style-name")
                self.display[name] = (_attr(st, STYLE, "display-name") or name).lower()

    def chain(self, name: str | None) -> list[str]:
        out, seen = [], set()
        while name and name not in seen:
            seen.add(name)
            out.append(self.display.get(name, name.lower()).replace("_20_", " "))
            name = self.parent.get(name)
        return out


def _rows(table) -> list:
    """A table's own rows (header rows and row groups included, nested tables' not)."""
    out = []
    for el in table:
        name = local(el.tag)
        if name == "table-row":
            out.append(el)
        elif name in ("table-header-rows", "table-rows", "table-row-group"):
            out.extend(_rows(el))
    return out


class _Walker:
    def __init__(self, styles: _Styles):
        self.styles = styles
        self.out: list[Paragraph] = []
        self.tables = 0

    def text(self, el, notes: list) -> str:
        def special(child, name: str) -> str | None:
            if name in _SKIP:
                return ""
            if name == "s":
                c = _attr(child, TEXT, "c")
                return " " * (int(c) if c and c.isdigit() else 1)
            if name in ("tab", "line-break"):
                return " "
            if name in ("note", "frame", "custom-shape", "g", "rect", "p", "h"):
                notes.append(child)  # a note, a text box or a drawing's caption: read after
                return ""
            return None
        return _SPACE.sub(" ", inline_text(el, special)).strip()

    def paragraph(self, el, kind: str | None, where: str | None) -> None:
        notes: list = []
        text = self.text(el, notes)
        if text:
            name = local(el.tag)
            if kind is not None:
                self.out.append(Paragraph(text, kind, where=where))
            elif name == "h":
                lvl = _attr(el, TEXT, "outline-level")
                self.out.append(Paragraph(text, "heading", int(lvl) if lvl and lvl.isdigit()
                                          else 1))
            elif "caption" in self.styles.chain(_attr(el, TEXT, "style-name")):
                self.out.append(Paragraph(text, "caption"))
            else:
                self.out.append(Paragraph(text, "paragraph"))
        for node in notes:
            if local(node.tag) == "note":
                body = next((c for c in node if local(c.tag) == "note-body"), None)
                cite = next((c for c in node if local(c.tag) == "note-citation"), None)
                label = (_attr(node, TEXT, "note-class") or "footnote")
                mark = (cite.text or "").strip() if cite is not None else ""
                if body is not None:
                    self.block(body, "footnote", f"{label} {mark}".strip())
            else:
                self.block(node, kind, where)

    def block(self, parent, kind: str | None = None, where: str | None = None) -> None:
        for el in parent:
            name = local(el.tag)
            if name in _SKIP:
                continue
            if name in ("p", "h"):
                self.paragraph(el, kind, where)
            elif name in ("list", "list-item", "list-header"):
                self.block(el, kind or "list-item", where)
            elif name == "table":
                self.tables += 1
                t = self.tables
                rows = _rows(el)
                for r, row in enumerate(rows, 1):
                    cells = [c for c in row if local(c.tag) == "table-cell"]
                    for c, cell in enumerate(cells, 1):
                        self.block(cell, "table-cell" if kind != "footnote" else kind,
                                   f"table {t}, row {r}, cell {c}")
            elif name in ("section", "text", "note-body", "text-box", "frame", "body", "g",
                          "custom-shape", "deletion", "index-body", "change-start"):
                self.block(el, kind, where)


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "odt") -> SourceFile:
    zf = open_zip(path, _WHAT)
    with zf:
        names = set(zf.namelist())
        if "META-INF/manifest.xml" in names and b"encryption-data" in zip_member(
                zf, "META-INF/manifest.xml", path, _WHAT):
            raise InputError(f"is {_WHAT} protected by a password", path=str(path),
                             hint="open it in LibreOffice, remove the password (File > "
                                  "Properties > Security) and save a copy")
        content = parse_xml(zip_member(zf, "content.xml", path, _WHAT), str(path), what=_WHAT)
        styles = parse_xml(zip_member(zf, "styles.xml", path, _WHAT), str(path), what=_WHAT) \
            if "styles.xml" in names else None
    walker = _Walker(_Styles(content, styles))
    body = next((e for e in content.iter() if local(e.tag) == "text" and e.getparent() is not None
                 and local(e.getparent().tag) == "body"), None)
    if body is not None:
        walker.block(body)
    if not walker.out:
        raise no_text(path, "odt")
    return SourceFile(str(path), "odt", tuple(walker.out), file_hash(path))
