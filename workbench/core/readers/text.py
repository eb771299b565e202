"""Plain text: one paragraph per non-blank line, in any encoding ``textio`` tells; a
hard-wrapped text (lines broken at about 70 columns, core/hardwrap.py) one per run of lines
between blank lines, with a warning that says so; a Project Gutenberg e-book without its
header and licence (core/gutenberg.py), with a warning too; a text of one segment per line
(``segments``): the runs of lines between blank lines (or hunalign's ``<p>`` lines) as
paragraphs, their lines joined by newlines."""

from __future__ import annotations

from pathlib import Path

from .. import aozora, gutenberg
from ..textio import read_paragraphs, read_text, segment_blocks
from . import Paragraph, SourceFile


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "text", segments: bool = False) -> SourceFile:
    tf = read_text(path, lang, encoding)
    warnings = tf.warnings
    if segments:
        paras = ["\n".join(b) for b in segment_blocks(tf.text)]
    else:
        layout = read_paragraphs(tf.text)
        paras = [p for _, p in layout.lines]
        if layout.book is not None:
            if not paras:
                raise gutenberg.nothing_inside(str(path))
            lines = len(tf.text.rstrip("\n").split("\n"))
            warnings = (*warnings, gutenberg.left_out(layout.book, lines))
        if layout.aozora is not None:
            warnings = (*warnings, aozora.left_out(*layout.aozora))
        if layout.wrapped is not None:
            warnings = (*warnings, f"its lines are broken at about {layout.wrapped} columns "
                        "inside paragraphs: each run of lines between blank lines is read as one "
                        "paragraph (give --presegmented if every line is one segment)")
    return SourceFile(str(path), "text", tuple(Paragraph(p) for p in paras),
                      tf.sha256, tf.encoding, warnings)


def decoded(path: Path, lang: str | None, encoding: str | None):
    """A text-based format's file decoded as ``textio`` decodes text (encodings, newlines)."""
    return read_text(path, lang, encoding)
