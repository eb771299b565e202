"""Features of candidate beads for the learned scorer of the exact pass.

For every bead type t and every end cell (i, j) of a zone, a small feature vector describes the
bead "sentences i-a..i-1 with j-b..j-1": its margin with joined-text embeddings, how well each
of its sentences matches the other side on its own, the length agreement, its type, and, for a
1-0/0-1 bead, how clearly its sentence matches something else. A logistic model (weights
fitted on the development sets by ``bench/fit_scorer.py``, stored in ``learned.py``) turns
them into the probability p that the bead is right; the DP then maximizes the expected number
of right beads minus wrong ones, i.e. the sum of 2p - 1.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .dp import NEG
from .scoring import Features

FEATURES = (
    "bias_pair", "margin", "margin_sq", "cov_min", "cov_short", "len_dev_sq", "len_dev_abs",
    "log_len", "t_12", "t_22", "t_13", "t_big", "bias_skip", "skip_gap", "skip_log_len",
    "skip_src",
)
INDEX = {name: k for k, name in enumerate(FEATURES)}


def zone_features(feats: Features, types, i0: int, i1: int, j0: int, j1: int,
                  src_span_vec, tgt_span_vec) -> tuple[np.ndarray, np.ndarray]:
    """(features[F, T, n+1, m+1], valid[T, n+1, m+1]) for the zone [i0, i1) x [j0, j1).

    ``src_span_vec(start, end)`` gives the (unit) vector of sentences start..end-1 joined. All
    cosines come from one matrix product of the zone's span vectors; the features are then
    read off it by a compiled loop.
    """
    n, m = i1 - i0, j1 - j0
    ta = np.array([a for a, _ in types], dtype=np.int64)
    tb = np.array([b for _, b in types], dtype=np.int64)
    max_a, max_b = int(ta.max()), int(tb.max())
    sv = _span_matrix(n, max_a, i0, src_span_vec, feats.u.shape[1])
    tv = _span_matrix(m, max_b, j0, tgt_span_vec, feats.v.shape[1])
    gram = sv @ tv.T
    gap_s = np.clip((feats.best_s[i0:i1] - feats.nn_s[i0:i1]) / feats.scale, -1, 3)
    gap_t = np.clip((feats.best_t[j0:j1] - feats.nn_t[j0:j1]) / feats.scale, -1, 3)
    return _features(gram.astype(np.float64), ta, tb, n, m,
                     np.ascontiguousarray(feats.nn_s[i0:i1], dtype=np.float64),
                     np.ascontiguousarray(feats.nn_t[j0:j1], dtype=np.float64),
                     np.ascontiguousarray(feats.len_s[i0:i1], dtype=np.float64),
                     np.ascontiguousarray(feats.len_t[j0:j1], dtype=np.float64),
                     gap_s.astype(np.float64), gap_t.astype(np.float64),
                     float(feats.mu), float(feats.scale), len(FEATURES))


def _span_matrix(n: int, max_len: int, offset: int, span_vec, dim: int) -> np.ndarray:
    """Row (a-1)*(n+1) + i holds the vector of the span of length a ending at zone position i."""
    out = np.zeros((max_len * (n + 1), dim), dtype=np.float32)
    for a in range(1, min(max_len, n) + 1):
        base = (a - 1) * (n + 1)
        for i in range(a, n + 1):
            out[base + i] = span_vec(offset + i - a, offset + i)
    return out


@njit(cache=True, nogil=True)
def _features(gram, ta, tb, n, m, nn_s, nn_t, len_s, len_t, gap_s, gap_t, mu, scale, n_feat):
    T = len(ta)
    F = np.zeros((n_feat, T, n + 1, m + 1), dtype=np.float32)
    valid = np.zeros((T, n + 1, m + 1), dtype=np.bool_)
    for t in range(T):
        a, b = ta[t], tb[t]
        if a > n or b > m:
            continue
        if a == 0 or b == 0:
            if a + b != 1:
                continue  # longer skips are chains of single ones
            for i in range(a, n + 1):
                for j in range(b, m + 1):
                    F[12, t, i, j] = 1.0
                    if a == 1:
                        F[13, t, i, j] = gap_s[i - 1]
                        F[14, t, i, j] = math.log1p(len_s[i - 1]) / 5
                        F[15, t, i, j] = 1.0
                    else:
                        F[13, t, i, j] = gap_t[j - 1]
                        F[14, t, i, j] = math.log1p(len_t[j - 1]) / 5
                    valid[t, i, j] = True
            continue
        t12 = 1.0 if (a == 1 and b == 2) or (a == 2 and b == 1) else 0.0
        t22 = 1.0 if a == 2 and b == 2 else 0.0
        t13 = 1.0 if (a == 1 and b == 3) or (a == 3 and b == 1) else 0.0
        tbig = 1.0 if a + b >= 5 and t12 + t22 + t13 == 0.0 else 0.0
        for i in range(a, n + 1):
            row = (a - 1) * (n + 1) + i
            nn_a = 0.0
            la = 0.0
            for k in range(i - a, i):
                nn_a += nn_s[k]
                la += len_s[k]
            nn_a /= a
            for j in range(b, m + 1):
                col = (b - 1) * (m + 1) + j
                nn_b = 0.0
                lb = 0.0
                for k in range(j - b, j):
                    nn_b += nn_t[k]
                    lb += len_t[k]
                nn_b /= b
                marg = (gram[row, col] - 0.5 * (nn_a + nn_b)) / scale
                cov_min = marg
                cov_short = 0.0
                if a > 1:
                    for k in range(i - a, i):  # each source sentence against the target span
                        c = (gram[k + 1, col] - nn_s[k]) / scale
                        cov_min = min(cov_min, c)
                        cov_short += max(0.0, 0.3 - c)
                if b > 1:
                    for k in range(j - b, j):
                        c = (gram[row, k + 1] - nn_t[k]) / scale
                        cov_min = min(cov_min, c)
                        cov_short += max(0.0, 0.3 - c)
                d = math.log((la + 10.0) / (lb + 10.0)) - mu
                mc = min(max(marg, -3.0), 5.0)
                F[0, t, i, j] = 1.0
                F[1, t, i, j] = mc
                F[2, t, i, j] = mc * mc / 4
                F[3, t, i, j] = min(max(cov_min, -3.0), 5.0)
                F[4, t, i, j] = min(cov_short, 5.0)
                F[5, t, i, j] = min(d * d, 9.0)
                F[6, t, i, j] = min(abs(d), 3.0)
                F[7, t, i, j] = math.log1p(la + lb) / 5
                F[8, t, i, j] = t12
                F[9, t, i, j] = t22
                F[10, t, i, j] = t13
                F[11, t, i, j] = tbig
                valid[t, i, j] = True
    return F, valid


def learned_scores(F: np.ndarray, valid: np.ndarray, weights: np.ndarray,
                   offset: float = 0.0) -> np.ndarray:
    """DP scores from features: the logit plus ``offset``; invalid cells get NEG."""
    out = (np.tensordot(weights, F, axes=(0, 0)) + offset).astype(np.float32)
    out[~valid] = NEG
    return out


def bead_feature_rows(feats: Features, beads, exact_vecs: dict) -> np.ndarray:
    """The same features for a list of beads (i0, i1, j0, j1), one row each (for confidences).

    Multi-sentence spans use their joined-text vector where the exact pass embedded it, else
    the normalized sum of their sentence vectors.
    """
    X = np.zeros((len(beads), len(FEATURES)))
    if not beads:
        return X
    arr = np.asarray(beads, dtype=np.int64)
    a_all, b_all = arr[:, 1] - arr[:, 0], arr[:, 3] - arr[:, 2]
    u, v, scale = feats.u, feats.v, feats.scale
    for a, b in set(zip(a_all.tolist(), b_all.tolist())):
        rows = np.nonzero((a_all == a) & (b_all == b))[0]
        i0, j0 = arr[rows, 0], arr[rows, 2]
        if a == 0 or b == 0:
            X[rows, INDEX["bias_skip"]] = 1.0
            if a:
                X[rows, INDEX["skip_gap"]] = np.clip((feats.best_s[i0] - feats.nn_s[i0]) / scale, -1, 3)
                X[rows, INDEX["skip_log_len"]] = np.log1p(feats.len_s[i0]) / 5
                X[rows, INDEX["skip_src"]] = 1.0
            else:
                X[rows, INDEX["skip_gap"]] = np.clip((feats.best_t[j0] - feats.nn_t[j0]) / scale, -1, 3)
                X[rows, INDEX["skip_log_len"]] = np.log1p(feats.len_t[j0]) / 5
            continue
        sv = _span_vectors(u, i0, a, "src", exact_vecs)
        tv = _span_vectors(v, j0, b, "tgt", exact_vecs)
        cos = np.einsum("ij,ij->i", sv, tv)
        nn_a = sum(feats.nn_s[i0 + k] for k in range(a)) / a
        nn_b = sum(feats.nn_t[j0 + k] for k in range(b)) / b
        marg = (cos - 0.5 * (nn_a + nn_b)) / scale
        cov_min, cov_short = marg.copy(), np.zeros(len(rows))
        if a > 1:
            for k in range(a):
                c = (np.einsum("ij,ij->i", u[i0 + k], tv) - feats.nn_s[i0 + k]) / scale
                cov_min = np.minimum(cov_min, c)
                cov_short += np.maximum(0.0, 0.3 - c)
        if b > 1:
            for k in range(b):
                c = (np.einsum("ij,ij->i", v[j0 + k], sv) - feats.nn_t[j0 + k]) / scale
                cov_min = np.minimum(cov_min, c)
                cov_short += np.maximum(0.0, 0.3 - c)
        la = sum(feats.len_s[i0 + k] for k in range(a))
        lb = sum(feats.len_t[j0 + k] for k in range(b))
        d = np.log((la + 10.0) / (lb + 10.0)) - feats.mu
        mc = np.clip(marg, -3, 5)
        X[rows, INDEX["bias_pair"]] = 1.0
        X[rows, INDEX["margin"]] = mc
        X[rows, INDEX["margin_sq"]] = mc * mc / 4
        X[rows, INDEX["cov_min"]] = np.clip(cov_min, -3, 5)
        X[rows, INDEX["cov_short"]] = np.minimum(cov_short, 5)
        X[rows, INDEX["len_dev_sq"]] = np.minimum(d * d, 9)
        X[rows, INDEX["len_dev_abs"]] = np.minimum(np.abs(d), 3)
        X[rows, INDEX["log_len"]] = np.log1p(la + lb) / 5
        kind = {(1, 2): "t_12", (2, 1): "t_12", (2, 2): "t_22", (1, 3): "t_13", (3, 1): "t_13"}
        if (a, b) in kind:
            X[rows, INDEX[kind[(a, b)]]] = 1.0
        elif a + b >= 5:
            X[rows, INDEX["t_big"]] = 1.0
    return X


def _span_vectors(x: np.ndarray, starts: np.ndarray, length: int, side: str, exact_vecs: dict):
    if length == 1:
        return x[starts]
    out = sum(x[starts + k] for k in range(length))
    out = out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-9)
    for r, s in enumerate(starts.tolist()):
        vec = exact_vecs.get((side, s, s + length))
        if vec is not None:
            out[r] = vec
    return out
