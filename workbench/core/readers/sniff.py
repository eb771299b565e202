"""Telling a file's format from its content: magic bytes, a ZIP's members, markup.

The name is a hint only where content cannot tell (Markdown looks like text); a file is read
as what it is, so a saved web page named .txt is read as HTML, and a text file named .html as
text. Anything that is not a known format is plain text, and the text reader says what is
wrong with a file that is no text at all.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import InputError
from .limits import open_zip, regular_size

_HEAD = 64 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OLE = "EncryptionInfo".encode("utf-16-le")
_MARKDOWN_NAMES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_TIMECODE = r"\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}"
_SRT = re.compile(r"\A\s*(?:\d+[ \t]*\r?\n)?[ \t]*" + _TIMECODE)
_HTML_TAGS = re.compile(r"<(?:p|div|span|br|a|h[1-6]|ul|ol|li|table|tr|td|body|head|meta|"
                        r"title|link|script|style|section|article|nav|em|strong|b|i)\b[^>]*>",
                        re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_OTHER = re.compile(r"^```|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^[-*+][ \t]+\S|"
                       r"^\d+\.[ \t]+\S|^>[ \t]|^#{1,6}[ \t]+\S", re.MULTILINE)


def sniff(path: Path) -> str:
    """``text``, ``docx``, ``odt``, ``epub``, ``fb2`` (``fb2.zip`` zipped), ``html``,
    ``markdown``, ``srt``, ``vtt``, ``pdf``, ``xliff`` or ``tmx``; an encrypted Office file or an unknown archive is an
    InputError."""
    size = regular_size(path)
    if not size:
        return "text"  # missing, empty, a FIFO or a device: the text reader says what it is
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError:
        return "text"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(_OLE):
        _ole(path)
    text = _decode_head(head)
    if text is None:
        return "text"
    return _text_kind(text, path)


def _decode_head(head: bytes) -> str | None:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore")
    nul = head.find(b"\x00")
    if 0 <= nul < 16:
        return None  # UTF-16 without a BOM, or binary: the text reader says which
    if nul >= 0:
        head = head[:nul]  # markup followed by junk is still told by its markup
    return head.decode("utf-8", "ignore") or head.decode("latin-1")


def _text_kind(text: str, path: Path) -> str:
    start = text.lstrip()
    low = start[:2048].lower()
    if low.startswith("webvtt"):
        return "vtt"
    if _SRT.match(text):
        return "srt"
    if low.startswith("<!doctype html") or re.match(r"<html[\s>]", low):
        return "html"
    if start.startswith("<"):
        root = _root_element(start)
        if root in ("xliff", "tmx"):
            return root
        if root == "fictionbook":
            return "fb2"
        if root in ("html", "body", "head"):
            return "html"
        if root and root not in ("p", "div") and start.startswith(("<?xml", "<!--", "<!DOCTYPE")):
            raise InputError(f"is an XML file (<{root}>) of a kind workbench does not read",
                             path=str(path),
                             hint="give a text, DOCX, ODT, HTML, EPUB, FB2, PDF, subtitle, "
                                  "XLIFF or TMX file")
    tags = _HTML_TAGS.findall(text)
    if len(tags) >= 3 and sum(map(len, tags)) > 0.02 * len(text):
        return "html"
    if path.suffix.lower() in _MARKDOWN_NAMES:
        return "markdown"
    if _MD_HEADING.search(text) and len(_MD_OTHER.findall(text)) >= 3:
        return "markdown"
    return "text"


def _root_element(text: str) -> str | None:
    """The local name of the first element after the XML prolog (declaration, comments,
    DOCTYPE), lower-cased."""
    rest = text
    while True:
        rest = rest.lstrip()
        if rest.startswith("<?"):
            end = rest.find("?>")
        elif rest.startswith("<!--"):
            end = rest.find("-->")
        elif rest.startswith("<!"):
            end = rest.find(">")
            bracket = rest.find("[")
            if 0 <= bracket < end:
                end = rest.find("]>", bracket)
        else:
            break
        if end < 0:
            return None
        rest = rest[end + 2:]
    m = _ROOT.match(rest)
    return m.group(1).rsplit(":", 1)[-1].lower() if m else None


def _zip_kind(path: Path) -> str:
    zf = open_zip(path, "a document")
    with zf:
        names = set(zf.namelist())
        mime = ""
        if "mimetype" in names:
            try:
                mime = zf.read("mimetype")[:200].decode("ascii", "ignore").strip()
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                mime = ""
    if "word/document.xml" in names:
        return "docx"
    if mime.startswith("application/vnd.oasis.opendocument.text"):
        return "odt"
    if mime == "application/epub+zip" or "META-INF/container.xml" in names:
        return "epub"
    if len(names) == 1 and next(iter(names)).lower().endswith(".fb2"):
        return "fb2.zip"  # how FB2 books are handed out
    if "xl/workbook.xml" in names or "spreadsheet" in mime:
        what = "a spreadsheet"
    elif "ppt/presentation.xml" in names or "presentation" in mime:
        what = "a presentation"
    else:
        what = "a ZIP archive"
    raise InputError(f"is {what}, not a document workbench reads", path=str(path),
                     hint="give a .docx, .odt, .epub, .fb2, .html, .pdf or .txt file (save the "
                          "text to align as one of them)")


def _ole(path: Path) -> None:
    """An Office file in the old compound format: an encrypted DOCX/XLSX, or a .doc."""
    with open(path, "rb") as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                break
            if _ENCRYPTED_OLE in block:
                raise InputError("is a password-protected (encrypted) Office document",
                                 path=str(path),
                                 hint="open it in Word or LibreOffice, remove the password and "
                                      "save a copy as .docx")
            fh.seek(-len(_ENCRYPTED_OLE), 1)
            if len(block) < (1 << 20):
                break
    raise InputError("is a Word 97-2003 document (.doc), not a plain text file",
                     path=str(path), hint="save it as .docx (or as plain text) and try again")
