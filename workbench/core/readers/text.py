"""Plain text: one paragraph per non-blank line, in any encoding ``textio`` tells; a text of one
segment per line (``segments``): the runs of lines between blank lines (or hunalign's ``<p>``
lines) as paragraphs, their lines joined by newlines."""

from __future__ import annotations

from pathlib import Path

from ..textio import paragraphs, read_text, segment_blocks
from . import Paragraph, SourceFile


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "text", segments: bool = False) -> SourceFile:
    tf = read_text(path, lang, encoding)
    paras = (["\n".join(b) for b in segment_blocks(tf.text)] if segments
             else paragraphs(tf.text))
    return SourceFile(str(path), "text", tuple(Paragraph(p) for p in paras),
                      tf.sha256, tf.encoding, tf.warnings)


def decoded(path: Path, lang: str | None, encoding: str | None):
    """A text-based format's file decoded as ``textio`` decodes text (encodings, newlines)."""
    return read_text(path, lang, encoding)
