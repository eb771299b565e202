"""Anchor tokens: numbers, names and cognates that survive translation unchanged.

Sentence embeddings blur exactly the evidence a translator trusts most when two sentence
boundaries disagree: "1939", "Roiss", "Dhaulagiri", "8222" appear on both sides. Each sentence
gets a small set of anchor codes: every run of digits, every word of five letters or more
cut to its first five letters (so "Expedition"/"expédition" and "Шанырака"/"Shanyrak" meet once
accents are stripped and Cyrillic is transliterated), and short capitalized words (names such as
"Band"). The aligner's features count how many anchors of one span reappear in the other.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..scripts import SPACELESS
from ..translit import translit

PREFIX = 5

#: digits, a run of characters of a script written without spaces (scripts.SPACELESS; never
#: an anchor: it would not reappear in the other language), or letters of other scripts:
#: "改为MWP" is "改为" and "MWP"
_TOKEN = re.compile(rf"\d+|[{SPACELESS}]+|(?:(?![{SPACELESS}])[^\W\d_])+")


_CJK_CHAR = re.compile(f"[{SPACELESS}]")


def _fold(word: str) -> str:
    """Lower case, accents stripped, Cyrillic in Latin letters (accents go first, so й and ї
    read as и and і: i)."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    if any("\u0400" <= c <= "\u04ff" for c in word):
        word = translit(word, lower=False)  # lowered before NFKD, which may add capitals
    return word


def anchor_tokens(text: str) -> list[str]:
    """The anchor tokens of one sentence (with repeats), in order."""
    return [key for key in map(_anchor_key, _TOKEN.findall(text)) if key is not None]


def _anchor_key(tok: str) -> str | None:
    """What a token counts as: a number, a 5-letter prefix, a short name, or nothing."""
    if tok.isdigit():  # any script's digits: "２００６年" (full width) meets "2006"
        digits = unicodedata.normalize("NFKC", tok)
        return "#" + (digits.lstrip("0") or "0")
    if _CJK_CHAR.match(tok):
        return None
    folded = _fold(tok)
    if len(folded) >= PREFIX:
        return folded[:PREFIX]
    if len(folded) >= 3 and tok[0].isupper() and not tok.isupper():
        return folded
    return None


@lru_cache(maxsize=200_000)
def _token_code(tok: str) -> int:
    """The anchor code of one token, or -1 if it is not an anchor."""
    key = _anchor_key(tok)
    return -1 if key is None else zlib.crc32(key.encode())


def _codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(sentence index, anchor code) pairs, each code once per sentence, by sentence."""
    by_word: dict[str, tuple[int, ...]] = {}  # a whitespace-separated word's codes
    sent: list[int] = []
    code: list[int] = []
    for k, text in enumerate(texts):
        found: set[int] = set()
        for word in text.split():
            codes = by_word.get(word)
            if codes is None:
                codes = by_word[word] = tuple(
                    c for c in map(_token_code, _TOKEN.findall(word)) if c >= 0)
            found.update(codes)
        code.extend(found)
        sent.extend([k] * len(found))
    return np.asarray(sent, dtype=np.int64), np.asarray(code, dtype=np.int64)


def _limit(n: int, share: float) -> float:
    """How many sentences a token may occur in and still be evidence: a share of a short
    document, but never more than 50 (in a book, a word in hundreds of sentences is common,
    however small its share)."""
    return max(3.0, min(share * n, 50.0))


def _rare_enough(code: np.ndarray, limit: float) -> np.ndarray:
    """Codes found in at most ``limit`` sentences (``code`` holds one entry per sentence)."""
    values, counts = np.unique(code, return_counts=True)
    return values[counts <= limit]


@dataclass(frozen=True)
class Anchors:
    """Anchor codes of a list of sentences: sentence k owns ``values[offsets[k]:offsets[k+1]]``
    (each code once)."""

    offsets: np.ndarray
    values: np.ndarray

    @classmethod
    def pair(cls, src: Sequence[str], tgt: Sequence[str],
             max_share: float = 0.1) -> tuple["Anchors", "Anchors"]:
        """Anchors of both sides, keeping only tokens that occur on both sides of the document
        and in at most ``max_share`` of either side's sentences, 50 at most (German nouns with no
        French cognate, and frequent words that collide by chance, are not evidence)."""
        sent_s, code_s = _codes(src)
        sent_t, code_t = _codes(tgt)
        shared = np.intersect1d(_rare_enough(code_s, _limit(len(src), max_share)),
                                _rare_enough(code_t, _limit(len(tgt), max_share)))
        return (cls._build(len(src), sent_s, code_s, shared),
                cls._build(len(tgt), sent_t, code_t, shared))

    @classmethod
    def _build(cls, n: int, sent: np.ndarray, code: np.ndarray, keep: np.ndarray) -> "Anchors":
        mask = np.isin(code, keep)
        sent, code = sent[mask], code[mask]
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(sent, minlength=n), out=offsets[1:])
        return cls(offsets, code)

    @classmethod
    def empty(cls, n: int) -> "Anchors":
        return cls(np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def take(self, positions: Sequence[int]) -> "Anchors":
        """The anchors of the sentences at ``positions``, in that order."""
        offsets = np.zeros(len(positions) + 1, dtype=np.int64)
        parts = []
        for k, p in enumerate(positions):
            part = self.values[self.offsets[p]:self.offsets[p + 1]]
            parts.append(part)
            offsets[k + 1] = offsets[k] + len(part)
        values = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return Anchors(offsets, values.astype(np.int64))

    def by_code(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(order, codes, sentences): every anchor sorted by code, then by sentence (``order``
        lists the anchors' positions in ``values``), so the sentences holding one code are a
        searchable run. Computed once, then kept."""
        cached = self.__dict__.get("_by_code")
        if cached is None:
            sents = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))
            order = np.lexsort((sents, self.values))
            cached = (order, np.ascontiguousarray(self.values[order]),
                      np.ascontiguousarray(sents[order]))
            object.__setattr__(self, "_by_code", cached)
        return cached

    def window(self, start: int, end: int) -> "Anchors":
        """Sentences start..end-1, offsets rebased to 0."""
        offsets = self.offsets[start:end + 1]
        return Anchors(offsets - offsets[0], self.values[offsets[0]:offsets[-1]])
