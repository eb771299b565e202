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

import numpy as np

from .dp import NEG
from .scoring import Features, prefix

FEATURES = (
    "bias_pair", "margin", "margin_sq", "cov_min", "cov_short", "len_dev_sq", "len_dev_abs",
    "log_len", "t_12", "t_22", "t_13", "t_big", "bias_skip", "skip_gap", "skip_log_len",
    "skip_src",
)
INDEX = {name: k for k, name in enumerate(FEATURES)}


def zone_features(feats: Features, types, i0: int, i1: int, j0: int, j1: int,
                  src_span_vec, tgt_span_vec) -> tuple[np.ndarray, np.ndarray]:
    """(features[F, T, n+1, m+1], valid[T, n+1, m+1]) for the zone [i0, i1) x [j0, j1)."""
    n, m = i1 - i0, j1 - j0
    F = np.zeros((len(FEATURES), len(types), n + 1, m + 1), dtype=np.float32)
    valid = np.zeros((len(types), n + 1, m + 1), dtype=bool)
    ls, lt = prefix(feats.len_s[i0:i1]), prefix(feats.len_t[j0:j1])
    nns, nnt = prefix(feats.nn_s[i0:i1]), prefix(feats.nn_t[j0:j1])
    gap_s = np.clip((feats.best_s[i0:i1] - feats.nn_s[i0:i1]) / feats.scale, -1, 3)
    gap_t = np.clip((feats.best_t[j0:j1] - feats.nn_t[j0:j1]) / feats.scale, -1, 3)
    for t, (a, b) in enumerate(types):
        if a > n or b > m:
            continue
        if a == 0 or b == 0:
            # only single-sentence skips are scored; longer ones are chains of them
            if a + b != 1:
                continue
            if a == 1:
                F[INDEX["skip_gap"], t, 1:, :] = gap_s[:, None]
                F[INDEX["skip_log_len"], t, 1:, :] = np.log1p(feats.len_s[i0:i1])[:, None] / 5
                F[INDEX["skip_src"], t, 1:, :] = 1.0
                valid[t, 1:, :] = True
            else:
                F[INDEX["skip_gap"], t, :, 1:] = gap_t[None, :]
                F[INDEX["skip_log_len"], t, :, 1:] = np.log1p(feats.len_t[j0:j1])[None, :] / 5
                valid[t, :, 1:] = True
            F[INDEX["bias_skip"], t] = 1.0
            continue
        sv = np.stack([src_span_vec(i0 + i - a, i0 + i) for i in range(a, n + 1)])
        tv = np.stack([tgt_span_vec(j0 + j - b, j0 + j) for j in range(b, m + 1)])
        cos = sv @ tv.T
        nn_a = (nns[a:] - nns[:-a]) / a
        nn_b = (nnt[b:] - nnt[:-b]) / b
        marg = (cos - 0.5 * (nn_a[:, None] + nn_b[None, :])) / feats.scale
        len_a = ls[a:] - ls[:-a]
        len_b = lt[b:] - lt[:-b]
        d = np.log((len_a[:, None] + 10.0) / (len_b[None, :] + 10.0)) - feats.mu
        cov_min = marg.copy()
        cov_short = np.zeros_like(marg)
        if a > 1:
            own = feats.u[i0:i1] @ tv.T
            for k in range(a):
                c = (own[k:n - a + 1 + k] - feats.nn_s[i0 + k:i0 + n - a + 1 + k, None]) / feats.scale
                cov_min = np.minimum(cov_min, c)
                cov_short += np.maximum(0.0, 0.3 - c)
        if b > 1:
            own = feats.v[j0:j1] @ sv.T
            for k in range(b):
                c = ((own[k:m - b + 1 + k] - feats.nn_t[j0 + k:j0 + m - b + 1 + k, None]) / feats.scale).T
                cov_min = np.minimum(cov_min, c)
                cov_short += np.maximum(0.0, 0.3 - c)
        sl = (slice(a, None), slice(b, None))
        F[INDEX["bias_pair"], t][sl] = 1.0
        F[INDEX["margin"], t][sl] = np.clip(marg, -3, 5)
        F[INDEX["margin_sq"], t][sl] = np.clip(marg, -3, 5) ** 2 / 4
        F[INDEX["cov_min"], t][sl] = np.clip(cov_min, -3, 5)
        F[INDEX["cov_short"], t][sl] = np.minimum(cov_short, 5)
        F[INDEX["len_dev_sq"], t][sl] = np.minimum(d * d, 9)
        F[INDEX["len_dev_abs"], t][sl] = np.minimum(np.abs(d), 3)
        F[INDEX["log_len"], t][sl] = np.log1p(len_a[:, None] + len_b[None, :]) / 5
        size = a + b
        if {a, b} == {1, 2}:
            F[INDEX["t_12"], t][sl] = 1.0
        elif a == 2 and b == 2:
            F[INDEX["t_22"], t][sl] = 1.0
        elif {a, b} == {1, 3}:
            F[INDEX["t_13"], t][sl] = 1.0
        elif size >= 5:
            F[INDEX["t_big"], t][sl] = 1.0
        valid[t][sl] = True
    return F, valid


def learned_scores(F: np.ndarray, valid: np.ndarray, weights: np.ndarray,
                   offset: float = 0.0) -> np.ndarray:
    """DP scores from features: the logit plus ``offset``; invalid cells get NEG."""
    out = (np.tensordot(weights, F, axes=(0, 0)) + offset).astype(np.float32)
    out[~valid] = NEG
    return out
