"""Finding glossary terms in text, in any inflection: :func:`find_terms` in one text,
:func:`term_matches` in both sides of a row (for highlighting).

Both the term and the sentence are split into words (:func:`morph.words`); a term of k words
matches k consecutive words whose lemma sets intersect word by word: Russian via pymorphy3
(``снос`` matches ``сноса``, ``сносу``; ``Социалистическое сопротивление`` matches
``«Социалистического сопротивления»``), English case-insensitively with possessive and
regular plurals (``court executives``, ``court executive's``), Chinese and Japanese character
by character (they have no spaces to split words at). Punctuation between words is
ignored; a term never spans two sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .. import morph
from ..document import Document, Span
from ..scripts import SPACELESS
from .project import Glossary
from .section import all_terms
from .terms import Term


#: one character of a script written without spaces, or a run of anything else
_PIECE = re.compile(f"[{SPACELESS}]|[^{SPACELESS}]+")
_SPACELESS_CHAR = re.compile(f"[{SPACELESS}]")


def split_words(text: str) -> list[tuple[int, int, str]]:
    """Words for matching: hyphenated words are split (Shanyrak-1 -> Shanyrak, 1), and Chinese
    or Japanese text, which has no spaces, into characters (a term of two characters, 公园,
    matches two characters in a row of 新建三座公园)."""
    out = []
    for start, _end, w in morph.words(text):
        pos = start
        for part in w.split("-"):
            if part.isascii() or not _SPACELESS_CHAR.search(part):
                if part:
                    out.append((pos, pos + len(part), part))
            else:
                for m in _PIECE.finditer(part):
                    out.append((pos + m.start(), pos + m.end(), m.group()))
            pos += len(part) + 1
    return out


class _Index:
    """Terms of one language compiled for matching: lemma sets per word, by first lemma."""

    def __init__(self, phrases: Sequence[str], lang: str):
        self.lang = lang
        self.patterns: list[tuple[frozenset[str], ...]] = []
        self.first: dict[str, list[int]] = {}
        for k, phrase in enumerate(phrases):
            pat = tuple(morph.lemmas(w, lang) for _, _, w in split_words(phrase))
            self.patterns.append(pat)
            if pat:
                for lem in pat[0]:
                    self.first.setdefault(lem, []).append(k)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Matches in ``text`` as (phrase index, start, end), in text order."""
        toks = split_words(text)
        sets = [morph.lemmas(w, self.lang) for _, _, w in toks]
        out = []
        for i, s in enumerate(sets):
            cands: set[int] = set()
            for lem in s:
                cands.update(self.first.get(lem, ()))
            for k in sorted(cands):
                pat = self.patterns[k]
                if i + len(pat) <= len(sets) and all(
                        not pat[j].isdisjoint(sets[i + j]) for j in range(1, len(pat))):
                    out.append((k, toks[i][0], toks[i + len(pat) - 1][1]))
        return out


@lru_cache(maxsize=32)
def _index(phrases: tuple[str, ...], lang: str) -> _Index:
    return _Index(phrases, lang)


@dataclass(frozen=True)
class TermMatch:
    """A term found in a sentence: the term, where, and the text as written there."""

    term: Term
    span: Span
    text: str
    forbidden: bool = False  # the match is one of the term's forbidden variants


def find_terms(text: str, lang: str, terms: Sequence[Term], *, side: str = "tgt",
               sid: int = 0, target: bool = True) -> list[TermMatch]:
    """Terms (their target side if ``target``, else their source side) found in ``text``."""
    phrases: list[str] = []
    owners: list[tuple[Term, bool]] = []
    for t in terms:
        phrases.append(t.target if target else t.source)
        owners.append((t, False))
        if target:
            for f in t.forbidden:
                phrases.append(f)
                owners.append((t, True))
    out = []
    for k, start, end in _index(tuple(phrases), lang).find(text):
        term, forb = owners[k]
        out.append(TermMatch(term, Span(side, sid, start, end), text[start:end], forb))
    return out


def term_matches(doc: Document, row: int, glossary: Glossary | None = None) -> list[TermMatch]:
    """Every glossary term (and forbidden variant) in row ``row``, both sides, for highlighting."""
    terms = all_terms(doc, glossary)
    bead = doc.beads[row]
    out: list[TermMatch] = []
    for sid in bead.src:
        out += find_terms(doc.source.get(sid).text, doc.source.lang, terms, side="src",
                          sid=sid, target=False)
    for sid in bead.tgt:
        out += find_terms(doc.target.get(sid).text, doc.target.lang, terms, side="tgt",
                          sid=sid, target=True)
    return out
