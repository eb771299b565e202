"""Paragraphs -> sentences: razdel for Russian, pysbd for English and the other languages it knows.

pysbd is fed one paragraph at a time (a whole book in one call is ~20x slower, NOTES.md), and
a long paragraph in pieces: pysbd's time grows with the square of a paragraph's sentences
(40,000 characters of short sentences take 1 s, a 2 MB one-line file most of an hour), so a
paragraph longer than twice :data:`PYSBD_PIECE` characters is first cut at sentence ends that
are sure (a lower-case word of four letters or more, a full stop, a space, a capital: never an
abbreviation like "Mr." or "U.S."; outside quotations and brackets), about every
:data:`PYSBD_PIECE` characters. On the 60 NTREX dev documents, each one paragraph, the
sentences are the same as pysbd's on the whole paragraph; a 20 MB one-line text takes ~6 s a
megabyte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

import razdel

from . import boundaries
from .langtags import base_lang
from .textio import paragraphs, segment_blocks

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
PYSBD_PIECE = 2_000
#: a sentence end followed by white space (or a CJK full stop), the candidates for a cut
_END = re.compile(r"[.!?…][\"'»”’)\]]*\s+|[。！？][」』”）]*")


def _sure_end(text: str, m: re.Match) -> bool:
    """Is this sentence end one every segmenter agrees on? (The next sentence may open with
    a quote: a paragraph of nothing but dialogue has no other sure end, and pysbd's time on
    it grows with the square of its length: 220 KB took 33 s.)"""
    if m[0][0] in "。！？":
        return True
    word = text[max(0, m.start() - 4): m.start()]
    nxt = text[m.end(): m.end() + 2]
    if nxt[:1] in _OPENING_QUOTES:
        nxt = nxt[1:]
    nxt = nxt[:1]
    return len(word) == 4 and word.isalpha() and word.islower() and (
        nxt.isupper() or (nxt.isalpha() and not nxt.islower()))


_OPENING_QUOTES = {'"', "“", "«", "„", "‘"}


_PAIRS = (("“", "”"), ("«", "»"), ("(", ")"), ("„", "“"))


def _open(counts: dict[str, int]) -> bool:
    """Is a quotation or bracket open, by the counts of its marks?"""
    return counts['"'] % 2 == 1 or any(counts[a] != counts[b] for a, b in _PAIRS if a != "„")


def pieces(paragraph: str, size: int = PYSBD_PIECE) -> list[str]:
    """A long paragraph cut at sure sentence ends about every ``size`` characters, outside
    quotations and brackets (a sentence end inside one is pysbd's to judge). After ten
    pieces' length without one, at the next sure end anyway, or, with none near either, at a
    space that follows no end mark: pysbd is quadratic on long text without sentence ends too
    when it holds abbreviations ("p. 5 x, " 20,000 times took 38 s), and the cut, no sentence
    end, is joined again by the repairs (:mod:`.boundaries`)."""
    marks = '"“”«»()„'
    out, start = [], 0
    while len(paragraph) - start > 2 * size:
        limit = start + 10 * size
        counts = {c: 0 for c in marks}
        counted = start  # the marks of paragraph[start:counted] are in counts
        end = None
        for m in _END.finditer(paragraph, start + size, limit):
            if not _sure_end(paragraph, m):
                continue
            chunk = paragraph[counted:m.end()]  # with the quote that closes the sentence
            for c in marks:
                counts[c] += chunk.count(c)
            counted = m.end()
            if not _open(counts):
                end = m.end()
                break
        if end is None:
            end = next((m.end() for m in _END.finditer(paragraph, limit, limit + size)
                        if _sure_end(paragraph, m)), None)
        if end is None:
            space = _SPACE_AFTER_WORD.search(paragraph, limit, limit + size)
            end = space.end() if space else limit
        if end >= len(paragraph):
            break
        out.append(paragraph[start:end])
        start = end
    out.append(paragraph[start:])
    return out


#: white space after anything but an end mark: where a piece may be cut in the middle of text
_SPACE_AFTER_WORD = re.compile(r"(?<![.!?…。！？])\s+")


def _library(lang: str) -> str:
    """Which splitter a language gets: "razdel" (Russian), "pysbd" (the languages it has rules
    for), or "stand-in": razdel's rules, mostly punctuation-driven, for any other language
    (better than a paragraph as one sentence)."""
    if lang == "ru":
        return "razdel"
    return "pysbd" if lang in PYSBD_LANGUAGES else "stand-in"


def _library_parts(paragraph: str, lang: str) -> list[str]:
    """The sentences the library for the language finds, as it returns them."""
    if _library(lang) == "pysbd":
        return [s for piece in pieces(paragraph) for s in _pysbd(lang).segment(piece)]
    return [s.text for s in razdel.sentenize(paragraph)]


def split_paragraph(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences for the given language code: the library's cuts,
    repaired where they are known to go wrong (:mod:`.boundaries`). A regional tag splits as
    its language ("pt-BR" as "pt")."""
    lang = base_lang(lang)
    parts = _library_parts(paragraph, lang)
    cuts = boundaries.cuts_of(paragraph, parts)
    if cuts is None:  # the library changed the text: its sentences as they are
        return [p.strip() for p in parts if p.strip()]
    library = _library(lang)
    # pysbd keeps quotations whole: the repairs run it again on a quotation's text
    resplit = partial(_library_parts, lang=lang) if library == "pysbd" else None
    return boundaries.sentences(paragraph, boundaries.repair(
        paragraph, cuts, lang, resplit, stand_in=library == "stand-in"))


def segment_text(text: str, lang: str, *, presegmented: bool = False) -> list[Segment]:
    """Sentences of a whole text. With ``presegmented`` every non-blank line is one segment,
    and the runs of lines between blank lines (or hunalign's ``<p>`` lines) are the paragraphs."""
    if presegmented:
        return [Segment(line, i) for i, block in enumerate(segment_blocks(text)) for line in block]
    out: list[Segment] = []
    for p, para in enumerate(paragraphs(text)):
        out.extend(Segment(s, p) for s in split_paragraph(para, lang))
    return out
