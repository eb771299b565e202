"""Paragraphs -> sentences: razdel for Russian, pysbd for English and the other languages it knows.

pysbd is fed one paragraph at a time (a whole book in one call is ~20x slower, NOTES.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import razdel

from .textio import lines, paragraphs

#: Languages pysbd has rules for (its ISO 639-1 codes).
PYSBD_LANGUAGES = {
    "en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl", "da",
    "fr", "my", "el", "it", "ja", "de", "kk", "sk",
}


@dataclass(frozen=True)
class Segment:
    """A sentence found in the text, with the paragraph it belongs to (0-based)."""

    text: str
    para: int


@lru_cache(maxsize=None)
def _pysbd(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def split_paragraph(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences for the given language code."""
    if lang == "ru":
        parts = [s.text for s in razdel.sentenize(paragraph)]
    elif lang in PYSBD_LANGUAGES:
        parts = _pysbd(lang).segment(paragraph)
    else:
        # razdel's rules are mostly punctuation-driven and work tolerably for other
        # alphabetic languages; better than treating the paragraph as one sentence.
        parts = [s.text for s in razdel.sentenize(paragraph)]
    return [p.strip() for p in parts if p.strip()]


def segment_text(text: str, lang: str, *, presegmented: bool = False) -> list[Segment]:
    """Sentences of a whole text. With ``presegmented`` every non-blank line is one segment."""
    if presegmented:
        return [Segment(line, i) for i, line in enumerate(lines(text))]
    out: list[Segment] = []
    for p, para in enumerate(paragraphs(text)):
        out.extend(Segment(s, p) for s in split_paragraph(para, lang))
    return out
