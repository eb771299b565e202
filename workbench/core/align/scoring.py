"""Bead scores: margin-normalized similarity, a length-ratio term and type penalties.

A bead's similarity is the cosine between the two sides' span vectors minus the mean
similarity of the span's nearest neighbours (the margin: it removes the model's cosine
offset and punishes "hub" sentences similar to everything). Margins are divided by the
document's typical margin (``margin_scale``), so the weights in AlignConfig mean the same
for every model. The first pass approximates a span's vector by the normalized sum of its
sentence vectors, which needs only the 1-1 similarities; the exact pass embeds joined text.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .config import AlignConfig
from .lexical import Anchors
from .dp import NEG
from .paragraphs import Breaks, add_band_penalty


def band_similarities(u: np.ndarray, v: np.ndarray, lo: np.ndarray, width: int,
                      pad: int) -> tuple[np.ndarray, np.ndarray]:
    """Cosines of each source sentence p with the targets its DP cells can touch.

    Row p holds targets ``sim_lo[p] .. sim_lo[p] + W' - 1`` (W' = returned width).
    """
    n, m = len(u), len(v)
    if n == 0 or m == 0:
        return np.zeros((n, 1), dtype=np.float32), np.zeros(n, dtype=np.int64)
    rows_lo = lo[1:]  # sentence p is used by DP rows p+1 .. p+pad
    sim_lo = np.maximum(rows_lo - pad, 0)
    far = lo[np.minimum(np.arange(1, n + 1) + pad, n)]
    sim_hi = np.minimum(far + width, m)
    sw = int((sim_hi - sim_lo).max())
    simb = np.full((n, max(sw, 1)), -1.0, dtype=np.float32)
    step = 128
    for start in range(0, n, step):
        stop = min(start + step, n)
        c0, c1 = int(sim_lo[start:stop].min()), int(sim_hi[start:stop].max())
        block = u[start:stop] @ v[c0:c1].T
        for r in range(stop - start):
            p = start + r
            a, b = int(sim_lo[p]) - c0, int(sim_hi[p]) - c0
            simb[p, : b - a] = block[r, a:b]
    return simb, sim_lo.astype(np.int64)


@njit(cache=True, nogil=True)
def _neighbour_means(simb, sim_lo, m, k):
    n, w = simb.shape
    top_s = np.full((n, k), -1.0)
    top_t = np.full((m, k), -1.0)
    for p in range(n):
        for c in range(w):
            q = sim_lo[p] + c
            if q >= m:
                break
            x = simb[p, c]
            # insert into the row's and the column's top-k (k is tiny)
            if x > top_s[p, k - 1]:
                r = k - 1
                while r > 0 and top_s[p, r - 1] < x:
                    top_s[p, r] = top_s[p, r - 1]
                    r -= 1
                top_s[p, r] = x
            if x > top_t[q, k - 1]:
                r = k - 1
                while r > 0 and top_t[q, r - 1] < x:
                    top_t[q, r] = top_t[q, r - 1]
                    r -= 1
                top_t[q, r] = x
    return top_s, top_t


def neighbour_means(simb: np.ndarray, sim_lo: np.ndarray, m: int, k: int):
    """Mean of the k best cosines of each sentence with the other side (within the band)."""
    n = simb.shape[0]
    if n == 0 or m == 0:
        return np.zeros(n), np.zeros(m), np.zeros(n), np.zeros(m)
    k = max(1, min(k, n, m))
    top_s, top_t = _neighbour_means(simb, sim_lo, m, k)
    top_s = np.where(top_s < -0.999, np.nan, top_s)
    top_t = np.where(top_t < -0.999, np.nan, top_t)
    nn_s = np.nan_to_num(np.nanmean(top_s, axis=1), nan=0.0)
    nn_t = np.nan_to_num(np.nanmean(top_t, axis=1), nan=0.0)
    best_s = np.nan_to_num(top_s[:, 0], nan=0.0)
    best_t = np.nan_to_num(top_t[:, 0], nan=0.0)
    return nn_s, nn_t, best_s, best_t


def margin_scale(nn_s, nn_t, best_s, best_t) -> float:
    """The document's typical margin of a sentence's best match: the unit of all scores."""
    gaps = np.concatenate([best_s - nn_s, best_t - nn_t])
    if len(gaps) < 4:
        return 0.1
    return max(float(np.median(gaps)), 0.02)


def typical_margin(u: np.ndarray, v: np.ndarray, neighbours: int = 4) -> float:
    """``margin_scale`` of two whole sides (the full similarity matrix: for short texts)."""
    lo = np.zeros(len(u) + 1, dtype=np.int64)
    simb, sim_lo = band_similarities(u, v, lo, len(v) + 1, 1)
    nn_s, nn_t, best_s, best_t = neighbour_means(simb, sim_lo, len(v), neighbours)
    return margin_scale(nn_s, nn_t, best_s, best_t)


def span_norms(x: np.ndarray, max_len: int) -> np.ndarray:
    """norms[a, i] = |sum of vectors i-a .. i-1| (the approximate span vector's length).

    |sum|^2 is the sum of all pairwise dot products inside the span, so only the dot
    products of sentences up to ``max_len - 1`` apart are needed (no n x d cumulative sums).
    """
    n = len(x)
    out = np.ones((max_len + 1, n + 1))
    sq = prefix(np.einsum("ij,ij->i", x, x))
    dots = {d: prefix(np.einsum("ij,ij->i", x[:-d], x[d:])) for d in range(1, min(max_len, n))}
    for a in range(1, min(max_len, n) + 1):
        tot = sq[a:] - sq[:-a]  # one value per span start s = 0 .. n-a
        for d in range(1, a):
            cd = dots[d]
            tot = tot + 2.0 * (cd[a - d:n - d + 1] - cd[:n - a + 1])
        out[a, a:] = np.sqrt(np.maximum(tot, 0.0))
    return np.maximum(out, 1e-9)


def prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


@njit(cache=True, nogil=True)
def _approx_scores(simb, sim_lo, lo, width, m, ta, tb, norm_s, norm_t, nn_s_cs, nn_t_cs,
                   len_s_cs, len_t_cs, mu, scale, length_weight, skip_s_cs, skip_t_cs, tpen):
    n_types = len(ta)
    rows = len(lo)
    sw = simb.shape[1]
    out = np.full((n_types, rows, width), NEG, dtype=np.float32)
    for i in range(rows):
        for k in range(width):
            j = lo[i] + k
            if j > m:
                break
            for t in range(n_types):
                a = ta[t]
                b = tb[t]
                if a > i or b > j:
                    continue
                if a == 0 or b == 0:
                    out[t, i, k] = (skip_s_cs[i] - skip_s_cs[i - a]) + (skip_t_cs[j] - skip_t_cs[j - b])
                    continue
                s = 0.0
                ok = True
                for p in range(i - a, i):
                    for q in range(j - b, j):
                        c = q - sim_lo[p]
                        if c < 0 or c >= sw:
                            ok = False
                            break
                        s += simb[p, c]
                    if not ok:
                        break
                if not ok:
                    continue
                cos = s / (norm_s[a, i] * norm_t[b, j])
                nn = 0.5 * ((nn_s_cs[i] - nn_s_cs[i - a]) / a + (nn_t_cs[j] - nn_t_cs[j - b]) / b)
                ls = len_s_cs[i] - len_s_cs[i - a]
                lt = len_t_cs[j] - len_t_cs[j - b]
                d = math.log((ls + 10.0) / (lt + 10.0)) - mu
                out[t, i, k] = (cos - nn) / scale - length_weight * d * d - tpen[t]
    return out


#: the log length ratios (source/target characters) the scorer was fitted on lie within
#: +-this (NTREX ru-en documents -0.06..0.33, Text+Berg de-fr -0.04; the Bakai pair -0.2)
DENSITY_RANGE = 0.4


class Features:
    """Everything the scores of one (sub)problem need, computed once."""

    def __init__(self, u: np.ndarray, v: np.ndarray, len_s: np.ndarray, len_t: np.ndarray,
                 cfg: AlignConfig, lo: np.ndarray, width: int, mu: float | None = None,
                 scale: float | None = None, anchors: tuple[Anchors, Anchors] | None = None,
                 breaks: Breaks | None = None):
        self.u, self.v, self.cfg = u, v, cfg
        #: where each side starts a paragraph (paragraphs.shared_breaks), or None
        self.breaks = breaks
        self.anchors_s, self.anchors_t = anchors or (Anchors.empty(len(u)), Anchors.empty(len(v)))
        self.n, self.m = len(u), len(v)
        self.lo, self.width = lo, width
        pad = max(cfg.max_src, cfg.max_tgt)
        self.simb, self.sim_lo = band_similarities(u, v, lo, width, pad)
        self.nn_s, self.nn_t, self.best_s, self.best_t = neighbour_means(
            self.simb, self.sim_lo, self.m, cfg.neighbours)
        self.scale = scale if scale is not None else margin_scale(
            self.nn_s, self.nn_t, self.best_s, self.best_t)
        self.len_s, self.len_t = np.asarray(len_s, float), np.asarray(len_t, float)
        mu = mu if mu is not None else length_prior(self.len_s, self.len_t)
        # a script much denser than the other (Chinese against English): count the source's
        # characters so that the ratio stays within the range the scorer was fitted on
        excess = math.copysign(max(abs(mu) - DENSITY_RANGE, 0.0), mu)
        self.len_s = self.len_s * math.exp(-excess)
        self.mu = mu - excess
        # the exact pass prices skips (and merges, lengths, anchors) for this document; the
        # first pass keeps the configured prices, so that its cheap skips mark the doubtful
        # places the exact pass looks at again
        self.weak = weak_signal(cfg, self.scale, self.n + self.m)
        self.skip_s = skip_costs(self.best_s, self.nn_s, self.scale, cfg)
        self.skip_t = skip_costs(self.best_t, self.nn_t, self.scale, cfg)

    def approx_scores(self) -> np.ndarray:
        cfg = self.cfg
        ta = np.array([a for a, _ in cfg.types], dtype=np.int64)
        tb = np.array([b for _, b in cfg.types], dtype=np.int64)
        tpen = np.array([cfg.type_penalty(a, b) for a, b in cfg.types])
        out = _approx_scores(self.simb, self.sim_lo, self.lo, self.width, self.m, ta, tb,
                             span_norms(self.u, cfg.max_src), span_norms(self.v, cfg.max_tgt),
                             prefix(self.nn_s), prefix(self.nn_t), prefix(self.len_s),
                             prefix(self.len_t), self.mu, self.scale, cfg.length_weight,
                             prefix(self.skip_s), prefix(self.skip_t), tpen)
        add_band_penalty(out, self.breaks, cfg.types, self.lo, self.m, cfg.paragraph_weight)
        return out

    def bead_margin(self, i0: int, i1: int, j0: int, j1: int,
                    src_vec: np.ndarray | None = None, tgt_vec: np.ndarray | None = None) -> float:
        """Normalized margin of the bead (sentences i0..i1-1, j0..j1-1); 0 for a skip bead."""
        if i0 == i1 or j0 == j1:
            return 0.0
        sv = src_vec if src_vec is not None else self.u[i0:i1].sum(axis=0)
        tv = tgt_vec if tgt_vec is not None else self.v[j0:j1].sum(axis=0)
        cos = float(sv @ tv / (np.linalg.norm(sv) * np.linalg.norm(tv) + 1e-9))
        nn = 0.5 * (self.nn_s[i0:i1].mean() + self.nn_t[j0:j1].mean())
        return (cos - nn) / self.scale

    def _pair_cosines(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosines of sentence pairs (i[k], j[k]): read from the band where it holds them."""
        col = j - self.sim_lo[i]
        inside = (col >= 0) & (col < self.simb.shape[1])
        out = np.empty(len(i))
        out[inside] = self.simb[i[inside], col[inside]]
        inside[inside] = out[inside] != -1.0  # the band's padding, not a cosine
        out_i, out_j = i[~inside], j[~inside]
        out[~inside] = np.einsum("ij,ij->i", self.u[out_i], self.v[out_j])
        return out

    def bead_margins(self, beads) -> np.ndarray:
        """Normalized margins of many beads (i0, i1, j0, j1) at once, approximate span vectors."""
        out = np.zeros(len(beads))
        if not beads:
            return out
        arr = np.asarray(beads, dtype=np.int64)
        a, b = arr[:, 1] - arr[:, 0], arr[:, 3] - arr[:, 2]
        nns, nnt = prefix(self.nn_s), prefix(self.nn_t)
        for ka, kb in set(zip(a.tolist(), b.tolist())):
            if ka == 0 or kb == 0:
                continue
            rows = np.nonzero((a == ka) & (b == kb))[0]
            i0, j0 = arr[rows, 0], arr[rows, 2]
            if ka == 1 and kb == 1:
                cos = self._pair_cosines(i0, j0)
            else:
                sv = self.u[i0].copy()
                for k in range(1, ka):
                    sv += self.u[i0 + k]
                tv = self.v[j0].copy()
                for k in range(1, kb):
                    tv += self.v[j0 + k]
                cos = np.einsum("ij,ij->i", sv, tv) / (
                    np.linalg.norm(sv, axis=1) * np.linalg.norm(tv, axis=1) + 1e-9)
            nn = 0.5 * ((nns[i0 + ka] - nns[i0]) / ka + (nnt[j0 + kb] - nnt[j0]) / kb)
            out[rows] = (cos - nn) / self.scale
        return out


def skip_costs(best: np.ndarray, nn: np.ndarray, scale: float, cfg: AlignConfig) -> np.ndarray:
    """Score of leaving each sentence unaligned: cheap for a sentence that matches nothing
    (a caption, a web-page line), dear for one with a clear partner (it belongs in a bead)."""
    gap = np.clip((best - nn) / scale, 0.0, 3.0)
    return cfg.skip - cfg.skip_slope * gap


#: a document with fewer sentences than this keeps the configured prices: the median of so
#: few best-match gaps says little about how clearly it is translated
MIN_SENTENCES_TO_JUDGE = 8
#: the most (and 1 / this the least) the prices of a document are multiplied by
MAX_PRICE_FACTOR = 4.0


def weak_signal(cfg: AlignConfig, scale: float, sentences: int) -> float:
    """How much less clearly this document's sentences match their partners than a clean
    translation's do: the model's ``cfg.reference_scale`` over the document's typical margin,
    within [1 / MAX_PRICE_FACTOR, MAX_PRICE_FACTOR]; 1 without a reference (a model not in
    reference.py) or for a very short document. The exact pass multiplies its prices by it
    (engine.for_document)."""
    if not cfg.reference_scale or sentences < MIN_SENTENCES_TO_JUDGE or scale <= 0:
        return 1.0
    return min(max(cfg.reference_scale / scale, 1.0 / MAX_PRICE_FACTOR), MAX_PRICE_FACTOR)


def length_prior(len_s: np.ndarray, len_t: np.ndarray) -> float:
    """Expected log length ratio of a bead: the whole document's ratio."""
    total_s, total_t = float(np.sum(len_s)), float(np.sum(len_t))
    if total_s <= 0 or total_t <= 0:
        return 0.0
    return math.log(total_s / total_t)
