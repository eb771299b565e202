"""Paragraph breaks as evidence of where beads do not run.

A translation keeps its original's paragraphs far more often than not (po4a, gettext and most
translators go paragraph by paragraph), so a bead whose two sides both run across a paragraph
start (a 2-2 joining the last sentence of one paragraph and the first of the next, on both
sides) is almost always two beads: it pays ``AlignConfig.paragraph_weight``. A bead that runs
across one on one side only (a 1-2 whose second sentence opens the next paragraph) pays a
quarter of it: a translator does join or split sentences across paragraphs now and then.

A bead is never rewarded for ending at a break (that would make it worth leaving a sentence
out to reach one), so paragraphs that disagree cost little: with a fifth or half of them moved
at random (bench/docref.py --paragraphs moved), a weakly matched translation still aligns
better than without them, and a clean one loses a bead here and there. They are used
only when both sides have real paragraphs: a text with one sentence per line (every sentence
its own "paragraph") or a single paragraph says nothing.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from numba import njit

from .dp import NEG

#: a side that starts a new paragraph at more than this share of its sentence boundaries is a
#: sentence per line, not paragraphs
MAX_BREAK_SHARE = 0.8
#: two sides whose numbers of paragraphs differ more than this ratio do not share their
#: paragraphs (one side's "paragraphs" are the lines of a layout, not the translation's)
MIN_PARAGRAPH_RATIO = 0.5


def paragraph_starts(paras: Sequence[int] | None, check: bool = True) -> np.ndarray | None:
    """starts[k] for k in 0..n: True where a paragraph begins before sentence k (and at both
    ends); None when the paragraphs say nothing: none given, a single one, or (``check``) a
    new one at nearly every sentence."""
    if paras is None or len(paras) < 2:
        return None
    p = np.asarray(paras)
    inner = p[1:] != p[:-1]
    share = float(inner.mean())
    if share == 0.0 or (check and share > MAX_BREAK_SHARE):
        return None
    return np.concatenate([[True], inner, [True]])


class Breaks:
    """Where each side starts a paragraph, and which spans run across one."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray):
        self.starts = (src, tgt)
        self._crossing: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def crossing(self, types) -> tuple[np.ndarray, np.ndarray]:
        """(source, target) boolean matrices: [t, k] says whether the span of bead type t's
        size on that side ending before sentence k runs across a paragraph start (after its
        first sentence). Made once per list of types: every zone asks for them."""
        key = tuple(types)
        if key not in self._crossing:
            self._crossing[key] = tuple(
                np.stack([_crossing(self.starts[side], t[side]) for t in key])
                for side in (0, 1))
        return self._crossing[key]


def _crossing(starts: np.ndarray, size: int) -> np.ndarray:
    n = len(starts) - 1
    out = np.zeros(n + 1, dtype=np.bool_)
    if size >= 2:
        inner = starts.astype(np.int64)
        inner[0] = 0
        cum = np.concatenate([[0], np.cumsum(inner)])  # starts before position k
        k = np.arange(size, n + 1)
        out[size:] = cum[k] - cum[k - size + 1] > 0
    return out


def shared_breaks(paras_s: Sequence[int] | None, paras_t: Sequence[int] | None,
                  check: bool = True) -> Breaks | None:
    """Both sides' paragraph starts when both have paragraphs worth using and about as many of
    them, else None. Without ``check`` the caller has judged that on the whole document: a
    stretch of it may be a few one-sentence paragraphs (headings) of a document that has real
    ones."""
    s, t = paragraph_starts(paras_s, check), paragraph_starts(paras_t, check)
    if s is None or t is None:
        return None
    if check and min(s.sum(), t.sum()) < MIN_PARAGRAPH_RATIO * max(s.sum(), t.sum()):
        return None
    return Breaks(s, t)


#: a bead that runs across a paragraph start on one side only (a 1-2 whose second sentence
#: opens the next paragraph) pays this share of the price: a translator does join and split
#: sentences across paragraphs now and then (docs/aligner.md, "Paragraphs")
ONE_SIDE = 0.25


@njit(cache=True, nogil=True)
def _price(cross_s, cross_t, t, i, j, weight, one):
    if cross_s[t, i]:
        return weight if cross_t[t, j] else one
    return one if cross_t[t, j] else 0.0


@njit(cache=True, nogil=True)
def _zone(scores, cross_s, cross_t, i0, j0, weight, one):
    T, rows, cols = scores.shape
    for t in range(T):
        for i in range(rows):
            for j in range(cols):
                if scores[t, i, j] > NEG / 2:
                    scores[t, i, j] -= _price(cross_s, cross_t, t, i0 + i, j0 + j, weight, one)


@njit(cache=True, nogil=True)
def _cells(scores, cross_s, cross_t, i0, j0, weight, one, ct, ci, cj):
    for k in range(len(ct)):
        t, i, j = ct[k], ci[k], cj[k]
        if scores[t, i, j] > NEG / 2:
            scores[t, i, j] -= _price(cross_s, cross_t, t, i0 + i, j0 + j, weight, one)


@njit(cache=True, nogil=True)
def _band(scores, cross_s, cross_t, lo, m, weight, one):
    T, rows, width = scores.shape
    for t in range(T):
        for i in range(rows):
            for k in range(width):
                j = lo[i] + k
                if j > m:
                    break
                if scores[t, i, k] > NEG / 2:
                    scores[t, i, k] -= _price(cross_s, cross_t, t, i, j, weight, one)


def add_zone_penalty(scores: np.ndarray, breaks: Breaks | None, types, i0: int, j0: int,
                     weight: float, cells: tuple[np.ndarray, ...] | None = None) -> None:
    """Take the price in place from the scores (types, rows, columns) of a zone starting at
    (i0, j0) wherever the bead runs across a paragraph start; only at the ``cells`` (types,
    rows, columns) when given. Cells where no bead fits stay NEG."""
    if breaks is None or weight == 0.0:
        return
    cross_s, cross_t = breaks.crossing(types)
    if cells is None:
        _zone(scores, cross_s, cross_t, i0, j0, weight, weight * ONE_SIDE)
    else:
        _cells(scores, cross_s, cross_t, i0, j0, weight, weight * ONE_SIDE, *cells)


def add_band_penalty(scores: np.ndarray, breaks: Breaks | None, types, lo: np.ndarray, m: int,
                     weight: float) -> None:
    """The same for the first pass's banded scores: row i holds columns j = lo[i] + k."""
    if breaks is None or weight == 0.0:
        return
    cross_s, cross_t = breaks.crossing(types)
    _band(scores, cross_s, cross_t, lo, m, weight, weight * ONE_SIDE)
