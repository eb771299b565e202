"""Text files -> a new Document (read, segment, number); no alignment yet."""

from __future__ import annotations

from pathlib import Path

from .document import Document, make_side
from .errors import InputError
from .segment import segment_text
from .textio import read_text


def read_side(path: str | Path, lang: str, presegmented: bool = False):
    """A document side from a text file; a file with no sentences is an error."""
    tf = read_text(path)
    segments = segment_text(tf.text, lang, presegmented=presegmented)
    if not segments:
        raise InputError("has no sentences (the file is empty or only whitespace)", path=str(path),
                         hint="give the file with the text")
    return make_side(lang, [(s.text, s.para) for s in segments], path=str(path), sha256=tf.sha256)


def new_document(source: str | Path, target: str | Path, source_lang: str = "ru",
                 target_lang: str = "en", presegmented: bool = False,
                 model: str | None = None) -> Document:
    """Both sides read and segmented; ``beads`` is empty until an aligner fills it."""
    return Document(read_side(source, source_lang, presegmented),
                    read_side(target, target_lang, presegmented), beads=[], model=model)


def same_sentences(a: Document, b: Document) -> bool:
    """Do both documents have the same sentence texts, as first read, on both sides?"""
    def texts(side):
        return [s.original if s.original is not None else s.text for s in side.sentences]
    return texts(a.source) == texts(b.source) and texts(a.target) == texts(b.target)
