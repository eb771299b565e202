"""Reading text files: encoding, newlines, paragraphs.

A side of a document is read from a plain text file. Paragraphs are separated by newlines
(blank lines are ignored), so both the "one paragraph per line" web dump and the
"blank line between paragraphs" book layout work.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class TextFile:
    """The decoded content of a text file, with the hash of its bytes (to detect drift)."""

    path: str
    text: str
    sha256: str
    encoding: str


def read_text(path: str | Path) -> TextFile:
    """Read a UTF-8 text file (BOM optional); CRLF and CR become LF."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=str(p), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data_body, encoding = data[3:], "utf-8-sig"
    else:
        data_body = data
    if b"\x00" in data_body:
        raise InputError("looks like a binary file (it contains NUL bytes)", path=str(p),
                         hint="give a plain text file")
    try:
        text = data_body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data_body[: exc.start].count(b"\n") + 1
        raise InputError("is not valid UTF-8", path=str(p), line=line,
                         hint="save the file as UTF-8 and try again") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(str(p), text, hashlib.sha256(data).hexdigest(), encoding)


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one per non-blank line, surrounding whitespace removed."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def lines(text: str) -> list[str]:
    """Pre-segmented input: one segment per non-blank line (benchmark corpora come this way)."""
    return [line.strip() for line in text.split("\n") if line.strip()]
