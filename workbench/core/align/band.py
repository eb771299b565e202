"""Where the DP looks: a band of target columns per source row, found coarse-to-fine.

Small problems get the full matrix. For large ones both sides are cut into blocks of ``k``
sentences, the block vectors (normalized means) are aligned with a small full DP, and each
source row may only reach the target columns of the blocks its block was aligned to, widened
by a margin. Cost and memory are then linear in the document length.
"""

from __future__ import annotations

import math

import numpy as np

from .dp import NEG, best_path

COARSE_TYPES = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)]


def full_band(n: int, m: int) -> tuple[np.ndarray, int]:
    return np.zeros(n + 1, dtype=np.int64), m + 1


def _blocks(x: np.ndarray, k: int) -> np.ndarray:
    n = len(x)
    nb = math.ceil(n / k)
    pad = nb * k - n
    if pad:
        x = np.vstack([x, np.zeros((pad, x.shape[1]), dtype=x.dtype)])
    s = x.reshape(nb, k, -1).sum(axis=1)
    norms = np.linalg.norm(s, axis=1, keepdims=True)
    return s / np.maximum(norms, 1e-9)


def coarse_band(u: np.ndarray, v: np.ndarray, max_coarse: int = 2500,
                margin: int = 24, small_coarse: int = 1000) -> tuple[np.ndarray, int]:
    """Band (lo per row, width) from aligning block means of both sides.

    A block of k sentences may be matched half a block off its partner, so the band reaches
    at least 2k sentences beyond the columns of the blocks the coarse path pairs it with.
    At most ``max_coarse`` blocks a side; blocks are made larger, down to ``small_coarse``
    blocks, while 2k stays within ``margin`` (the coarse DP is quadratic in the blocks, the
    fine one linear in the band: at 10k sentences, 1,000 blocks of 10 instead of 2,500 of 4
    save a third of the time and give the same band width).
    """
    n, m = len(u), len(v)
    longest = max(n, m)
    k = max(1, math.ceil(longest / max_coarse),
            min(math.ceil(longest / small_coarse), margin // 2))
    margin = max(margin, 2 * k)
    cu, cv = _blocks(u, k), _blocks(v, k)
    nb, mb = len(cu), len(cv)
    sim = cu @ cv.T
    # Plain cosine against the global level, not a neighbourhood margin: long documents
    # repeat (headings, boilerplate, whole chapters), and a block's repeats far away would
    # cancel its true match's margin.
    base = float(sim.mean())
    scale = max(float(sim.max(axis=1).mean()) - base, 0.02)
    marg = sim - base
    scores = np.full((len(COARSE_TYPES), nb + 1, mb + 1), NEG, dtype=np.float32)
    for t, (a, b) in enumerate(COARSE_TYPES):
        if a == 0 or b == 0:
            scores[t, :, :] = -0.5
            continue
        # approximate a 2-block span by the mean of the two 1-1 margins
        acc = np.zeros((nb + 1 - a, mb + 1 - b), dtype=np.float32)
        for da in range(a):
            for db in range(b):
                acc += marg[da:nb - a + 1 + da, db:mb - b + 1 + db]
        scores[t, a:, b:] = acc / (a * b) / scale - 0.1
    lo0, w0 = full_band(nb, mb)
    path = best_path(scores, lo0, COARSE_TYPES, nb, mb)
    # fine rows of each coarse cell reach the fine columns of its target blocks
    jmin = np.full(n + 1, m, dtype=np.int64)
    jmax = np.zeros(n + 1, dtype=np.int64)
    for t, i, j in path:
        a, b = COARSE_TYPES[t]
        r0, r1 = (i - a) * k, min(i * k, n)
        c0, c1 = (j - b) * k, min(j * k, m)
        rows = slice(r0, r1 + 1)
        jmin[rows] = np.minimum(jmin[rows], c0)
        jmax[rows] = np.maximum(jmax[rows], c1)
    lo = np.maximum(jmin - margin, 0)
    hi = np.minimum(jmax + margin, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # keep the band monotone and connected
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m
    width = int((hi - lo).max()) + 1
    return lo.astype(np.int64), width


def make_band(u: np.ndarray, v: np.ndarray, full_cells: int, margin: int) -> tuple[np.ndarray, int]:
    n, m = len(u), len(v)
    if (n + 1) * (m + 1) <= full_cells:
        return full_band(n, m)
    return coarse_band(u, v, margin=margin)
