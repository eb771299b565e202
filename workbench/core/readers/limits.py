"""Bounds on what a reader takes in: file sizes, ZIP archives (zip bombs), pages.

A reader never reads more than it was allowed to: a file's size is checked before it is read,
a ZIP archive's members are checked from its directory (total size, and how much each one
expands) before any is unpacked, and unpacking stops at the size the directory declared.
Every refusal says the size found, the limit, and what to do.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from ..errors import InputError

MB = 1024 * 1024
#: markup and subtitle files (HTML, XML, Markdown, SRT, WebVTT)
MAX_MARKUP = 64 * MB
#: a ZIP-based document (DOCX, ODT, EPUB) or a PDF on disk
MAX_PACKED = 200 * MB
#: what a ZIP-based document may unpack to, in all (the parts that are read are smaller still)
MAX_UNPACKED = 400 * MB
#: one part of a ZIP-based document that is parsed as XML
MAX_PART = 64 * MB
#: a member that expands more than this many times is a zip bomb (ordinary XML: 5-20 times)
MAX_RATIO = 200
#: PDF pages read
MAX_PAGES = 5000


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def regular_size(path: Path) -> int | None:
    """The size of a regular file, or None for anything else (a FIFO, a device, a folder)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def check_size(path: Path, limit: int, what: str) -> int:
    size = regular_size(path)
    if size is not None and size > limit:
        raise InputError(f"is {_size(size)}, more than the {_size(limit)} workbench reads from "
                         f"{what}", path=str(path),
                         hint="split it into parts and align each, or save only the text "
                              "to align")
    return size or 0


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes."""
    from ..errors import read_bytes

    check_size(path, limit, what)
    return read_bytes(path, InputError, what)


def open_zip(path: Path, what: str) -> zipfile.ZipFile:
    """An archive whose directory passed the checks: not encrypted, not a zip bomb."""
    check_size(path, MAX_PACKED, what)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise InputError(f"is a ZIP archive that cannot be opened as {what} (damaged or "
                         f"truncated: {exc})", path=str(path),
                         hint="open it in its program and save it again") from None
    total = 0
    for info in zf.infolist():
        if info.flag_bits & 0x1:
            zf.close()
            raise InputError(f"is {what} protected by a password", path=str(path),
                             hint="remove the password in its program and save a copy")
        total += info.file_size
        if info.file_size > MB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            zf.close()
            raise InputError(f"is a ZIP archive that would unpack {info.filename} from "
                             f"{_size(info.compress_size)} to {_size(info.file_size)} (a zip "
                             f"bomb?); not read", path=str(path),
                             hint=f"give {what} saved by its program")
    if total > MAX_UNPACKED:
        zf.close()
        raise InputError(f"would unpack to {_size(total)}, more than the {_size(MAX_UNPACKED)} "
                         f"workbench reads from {what}", path=str(path),
                         hint="split the document, or save only its text")
    return zf


def zip_member(zf: zipfile.ZipFile, name: str, path: Path, what: str,
               limit: int = MAX_PART) -> bytes:
    """One member, at most ``limit`` bytes (unpacking stops at its declared size)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise InputError(f"is {what} without its {name} (damaged?)", path=str(path),
                         hint="open it in its program and save it again") from None
    if info.file_size > limit:
        raise InputError(f"has a {name} of {_size(info.file_size)}, more than the "
                         f"{_size(limit)} workbench reads", path=str(path),
                         hint="split the document into parts and align each")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(f"is {what} whose {name} cannot be unpacked ({exc})", path=str(path),
                         hint="open it in its program and save it again") from None
    if len(data) > limit:
        raise InputError(f"has a {name} larger than the {_size(limit)} workbench reads",
                         path=str(path), hint="split the document into parts and align each")
    return data
