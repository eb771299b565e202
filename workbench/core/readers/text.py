"""Plain text: one paragraph per non-blank line, in any encoding ``textio`` tells."""

from __future__ import annotations

from pathlib import Path

from ..textio import paragraphs, read_text
from . import Paragraph, SourceFile


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "text") -> SourceFile:
    tf = read_text(path, lang, encoding)
    return SourceFile(str(path), "text", tuple(Paragraph(p) for p in paragraphs(tf.text)),
                      tf.sha256, tf.encoding, tf.warnings)


def decoded(path: Path, lang: str | None, encoding: str | None):
    """A text-based format's file decoded as ``textio`` decodes text (encodings, newlines)."""
    return read_text(path, lang, encoding)
