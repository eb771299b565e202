"""The dynamic program over beads, restricted to a band of cells (numba-compiled).

Cell (i, j) means "the first i source and j target sentences are aligned". A bead type (a, b)
moves from (i - a, j - b) to (i, j) and earns ``scores[t, i, k]`` where ``k = j - lo[i]`` is
the column of cell (i, j) inside row i's band. The band is ``lo[i] <= j < lo[i] + W``; cells
outside it do not exist, so memory and time are O(N * W) instead of O(N * M). A full band
(``lo = 0``, ``W = M + 1``) is the exact DP.
"""

from __future__ import annotations

import numpy as np
from numba import njit

NEG = -1e30


@njit(cache=True, nogil=True)
def _fill(scores, lo, ta, tb, m):
    n_types, rows, width = scores.shape
    score = np.full((rows, width), NEG)
    back = np.full((rows, width), -1, dtype=np.int8)
    score[0, 0 - lo[0]] = 0.0
    for i in range(rows):
        base = lo[i]
        for k in range(width):
            j = base + k
            if j > m:
                break
            if i == 0 and j == 0:
                continue
            best = NEG
            bt = -1
            for t in range(n_types):
                pi = i - ta[t]
                pj = j - tb[t]
                if pi < 0 or pj < 0:
                    continue
                pk = pj - lo[pi]
                if pk < 0 or pk >= width:
                    continue
                prev = score[pi, pk]
                if prev <= NEG:
                    continue
                s = scores[t, i, k]
                if s <= NEG:
                    continue
                cand = prev + s
                if cand > best:
                    best = cand
                    bt = t
            score[i, k] = best
            back[i, k] = bt
    return score, back


@njit(cache=True, nogil=True)
def _trace(back, lo, ta, tb, n, m):
    out = np.empty((n + m + 1, 3), dtype=np.int64)
    count = 0
    i = n
    j = m
    while i > 0 or j > 0:
        k = j - lo[i]
        t = back[i, k]
        if t < 0:
            return out[:0]
        out[count, 0] = t
        out[count, 1] = i
        out[count, 2] = j
        count += 1
        i -= ta[t]
        j -= tb[t]
    return out[:count][::-1]


def best_path(scores: np.ndarray, lo: np.ndarray, types: list[tuple[int, int]],
              n: int, m: int) -> list[tuple[int, int, int]]:
    """The highest-scoring bead path from (0, 0) to (n, m) as (type index, i, j) end cells.

    Raises ValueError if no path exists inside the band.
    """
    if n == 0 and m == 0:
        return []
    ta = np.array([a for a, _ in types], dtype=np.int64)
    tb = np.array([b for _, b in types], dtype=np.int64)
    lo = np.ascontiguousarray(lo, dtype=np.int64)
    if lo[0] != 0 or not 0 <= m - lo[n] < scores.shape[2]:
        raise ValueError("the band must contain (0, 0) and (n, m)")
    _, back = _fill(np.ascontiguousarray(scores, dtype=np.float32), lo, ta, tb, m)
    path = _trace(back, lo, ta, tb, n, m)
    if len(path) == 0:
        raise ValueError("no alignment path inside the band")
    return [(int(t), int(i), int(j)) for t, i, j in path]


@njit(cache=True, nogil=True)
def _combine(x, y, soft):
    """max(x, y), or log(exp(x) + exp(y)) when ``soft``; NEG is "no path"."""
    if x <= NEG:
        return y
    if y <= NEG:
        return x
    hi = max(x, y)
    if not soft:
        return hi
    return hi + np.log(np.exp(x - hi) + np.exp(y - hi))


@njit(cache=True, nogil=True)
def _through(scores, ta, tb, soft):
    """Forward-backward over every path: for each bead, the best (or, ``soft``, the log-summed)
    total of the paths through it; and the best (log-summed) total of all paths."""
    n_types, rows, cols = scores.shape
    fwd = np.full((rows, cols), NEG)
    bwd = np.full((rows, cols), NEG)
    fwd[0, 0] = 0.0
    for i in range(rows):
        for j in range(cols):
            if i == 0 and j == 0:
                continue
            acc = NEG
            for t in range(n_types):
                pi, pj = i - ta[t], j - tb[t]
                if pi < 0 or pj < 0 or fwd[pi, pj] <= NEG or scores[t, i, j] <= NEG:
                    continue
                acc = _combine(acc, fwd[pi, pj] + scores[t, i, j], soft)
            fwd[i, j] = acc
    bwd[rows - 1, cols - 1] = 0.0
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if i == rows - 1 and j == cols - 1:
                continue
            acc = NEG
            for t in range(n_types):
                ni, nj = i + ta[t], j + tb[t]
                if ni >= rows or nj >= cols or bwd[ni, nj] <= NEG or scores[t, ni, nj] <= NEG:
                    continue
                acc = _combine(acc, bwd[ni, nj] + scores[t, ni, nj], soft)
            bwd[i, j] = acc
    out = np.full((n_types, rows, cols), NEG)
    for t in range(n_types):
        for i in range(ta[t], rows):
            for j in range(tb[t], cols):
                pi, pj = i - ta[t], j - tb[t]
                if fwd[pi, pj] <= NEG or bwd[i, j] <= NEG or scores[t, i, j] <= NEG:
                    continue
                out[t, i, j] = fwd[pi, pj] + scores[t, i, j] + bwd[i, j]
    return out, fwd[rows - 1, cols - 1]


def _type_arrays(types):
    return (np.array([a for a, _ in types], dtype=np.int64),
            np.array([b for _, b in types], dtype=np.int64))


def max_marginals(scores: np.ndarray, types: list[tuple[int, int]]) -> tuple[np.ndarray, float]:
    """For a full-matrix problem: the best total of any path through each bead, and the best."""
    out, best = _through(np.ascontiguousarray(scores, dtype=np.float64), *_type_arrays(types), False)
    return out, float(best)


def forward_backward(scores: np.ndarray, types: list[tuple[int, int]]) -> tuple[np.ndarray, float]:
    """For a full-matrix problem whose scores are log-potentials (the learned scorer is a CRF):
    the probability of each bead (summed over every path through it) and log Z."""
    out, logz = _through(np.ascontiguousarray(scores, dtype=np.float64), *_type_arrays(types), True)
    return np.exp(np.minimum(out - logz, 0.0)), float(logz)


def posteriors(scores: np.ndarray, types: list[tuple[int, int]]) -> np.ndarray:
    """The probability of each bead (see :func:`forward_backward`)."""
    return forward_backward(scores, types)[0]
