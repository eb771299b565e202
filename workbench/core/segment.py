"""Paragraphs -> sentences: razdel for Russian, pysbd for English and the other languages it knows.

pysbd is fed one paragraph at a time (a whole book in one call is ~20x slower, NOTES.md), and
a long paragraph in pieces: pysbd's time grows with the square of a paragraph's sentences
(40,000 characters of short sentences take 1 s, a 2 MB one-line file most of an hour), so a
paragraph longer than :data:`PYSBD_PIECE` characters is first cut at sentence ends that are
sure (a lower-case word of four letters or more, a full stop, a space, a capital: never an
abbreviation like "Mr." or "U.S."), about every :data:`PYSBD_PIECE` characters.
"""

from __future__ import annotations

import re
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


#: the size of the pieces a long paragraph is given to pysbd in (see the module docstring)
PYSBD_PIECE = 5_000
#: a sentence end followed by white space (or a CJK full stop), the candidates for a cut
_END = re.compile(r"[.!?…][\"'»”’)\]]*\s+|[。！？][」』”）]*")


def _sure_end(text: str, m: re.Match) -> bool:
    """Is this sentence end one every segmenter agrees on?"""
    if m[0][0] in "。！？":
        return True
    word = text[max(0, m.start() - 4): m.start()]
    nxt = text[m.end(): m.end() + 1]
    return len(word) == 4 and word.isalpha() and word.islower() and (
        nxt.isupper() or (nxt.isalpha() and not nxt.islower()))


def pieces(paragraph: str, size: int = PYSBD_PIECE) -> list[str]:
    """A long paragraph cut at sure sentence ends about every ``size`` characters (one piece
    when it has none: pysbd is linear on text without sentence ends)."""
    out, start = [], 0
    while len(paragraph) - start > 2 * size:
        cut = next((m for m in _END.finditer(paragraph, start + size)
                    if _sure_end(paragraph, m)), None)
        if cut is None:
            break
        out.append(paragraph[start:cut.end()])
        start = cut.end()
    out.append(paragraph[start:])
    return out


def split_paragraph(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences for the given language code."""
    if lang == "ru":
        parts = [s.text for s in razdel.sentenize(paragraph)]
    elif lang in PYSBD_LANGUAGES:
        parts = [s for piece in pieces(paragraph) for s in _pysbd(lang).segment(piece)]
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
