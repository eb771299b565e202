"""EPUB 2 and 3: the chapters in reading order (the package's spine; non-linear items
skipped, as readers do), each read as XHTML by the HTML reader
(``where``: the chapter's file). The navigation document and the NCX table of contents are
not text, but they name the book's headings: a paragraph whose text is an entry of the table
of contents is a heading of the entry's level (Writer's EPUB sets its headings apart by CSS
alone). A book with DRM (its content files listed in META-INF/encryption.xml) is refused
with a hint; font obfuscation is not DRM and is fine.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from ..errors import InputError
from . import SourceFile, file_hash, no_text
from .limits import open_zip, zip_member
from .xmlsafe import local, parse_xml

_WHAT = "an EPUB book"
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")


def _decode(data: bytes) -> str:
    from .html import charset

    for codec in (charset(data) or "utf-8", "utf-8", "cp1252"):
        try:
            return data.decode(codec).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _contents_titles(zf, items, base: str, names: set[str], path: Path) -> dict[str, int]:
    """The entries of the book's table of contents (the EPUB 3 navigation document's toc,
    else the EPUB 2 NCX), each with its depth (1 for a chapter)."""
    titles: dict[str, int] = {}
    for href, media, props in items.values():
        name = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
        nav = "nav" in props.split()
        if name not in names or not (nav or media == "application/x-dtbncx+xml"):
            continue
        root = parse_xml(zip_member(zf, name, path, _WHAT), str(path), what=_WHAT)
        if nav:
            tocs = [e for e in root.iter() if local(e.tag) == "nav"
                    and any(v == "toc" for k, v in e.attrib.items() if k.endswith("type"))]
            entries = [(a, sum(local(x.tag) in ("ol", "ul") for x in a.iterancestors()))
                       for toc in tocs for a in toc.iter() if local(a.tag) in ("a", "span")]
            texts = [(" ".join(a.itertext()), depth) for a, depth in entries]
        else:
            texts = [(" ".join(t.itertext()), sum(local(x.tag) == "navPoint"
                                                  for x in t.iterancestors()))
                     for t in root.iter() if local(t.tag) == "text"
                     and any(local(x.tag) == "navLabel" for x in t.iterancestors())]
        for text, depth in texts:
            if _flat(text):
                titles.setdefault(_flat(text), max(1, min(depth, 6)))
        if titles:
            return titles
    return titles


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "epub") -> SourceFile:
    from .html import blocks, parse_html

    zf = open_zip(path, _WHAT)
    paras = []
    with zf:
        names = set(zf.namelist())
        container = parse_xml(zip_member(zf, "META-INF/container.xml", path, _WHAT), str(path),
                              what=_WHAT)
        rootfile = next((e.get("full-path") for e in container.iter()
                         if local(e.tag) == "rootfile" and e.get("full-path")), None)
        if rootfile is None or rootfile not in names:
            raise InputError(f"is {_WHAT} without its package file (damaged?)", path=str(path),
                             hint="open it in an e-book editor (Calibre, Sigil) and save it again")
        if "META-INF/encryption.xml" in names:
            enc = parse_xml(zip_member(zf, "META-INF/encryption.xml", path, _WHAT), str(path),
                            what=_WHAT)
            for data in (e for e in enc.iter() if local(e.tag) == "EncryptedData"):
                method = next((m.get("Algorithm") for m in data.iter()
                               if local(m.tag) == "EncryptionMethod"), "")
                if method not in _FONT_OBFUSCATION:
                    raise InputError(f"is {_WHAT} with DRM (its text is encrypted)",
                                     path=str(path),
                                     hint="use a copy without DRM, or export the text from "
                                          "the reading app")
        opf = parse_xml(zip_member(zf, rootfile, path, _WHAT), str(path), what=_WHAT)
        base = posixpath.dirname(rootfile)
        items = {}
        for item in (e for e in opf.iter() if local(e.tag) == "item"):
            items[item.get("id")] = (item.get("href") or "", item.get("media-type") or "",
                                     item.get("properties") or "")
        titles = _contents_titles(zf, items, base, names, path)
        for ref in (e for e in opf.iter() if local(e.tag) == "itemref"):
            if ref.get("linear") == "no" or ref.get("idref") not in items:
                continue
            href, media, props = items[ref.get("idref")]
            if "nav" in props.split() or "html" not in media:
                continue
            name = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
            if name not in names:
                continue
            root = parse_html(_decode(zip_member(zf, name, path, _WHAT)))
            if root is not None:
                paras.extend(blocks(root, where=posixpath.basename(name), whole=True))
    if not paras:
        raise no_text(path, "epub")
    paras = [replace(p, kind="heading", level=titles[_flat(p.text)])
             if p.kind == "paragraph" and _flat(p.text) in titles else p for p in paras]
    return SourceFile(str(path), "epub", tuple(paras), file_hash(path))
