"""A globally normalized (CRF) training objective for the bead scorer: numba forward-backward.

P(path) = exp(sum of w . f over its beads) / Z over all monotone bead paths of a piece. The
gradient of log P(gold) is f(gold path) - E[f], with the expectation from bead marginals.
Used only by bench/fit_scorer.py.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _lse(a, b):
    if a == -np.inf:
        return b
    if b == -np.inf:
        return a
    m = max(a, b)
    return m + np.log(np.exp(a - m) + np.exp(b - m))


@njit(cache=True)
def marginals(scores, valid, ta, tb):
    """log Z and the marginal probability of each (type, i, j) bead."""
    T, R, C = scores.shape
    n, m = R - 1, C - 1
    alpha = np.full((R, C), -np.inf)
    alpha[0, 0] = 0.0
    for i in range(R):
        for j in range(C):
            if i == 0 and j == 0:
                continue
            acc = -np.inf
            for t in range(T):
                pi, pj = i - ta[t], j - tb[t]
                if pi < 0 or pj < 0 or not valid[t, i, j]:
                    continue
                acc = _lse(acc, alpha[pi, pj] + scores[t, i, j])
            alpha[i, j] = acc
    beta = np.full((R, C), -np.inf)
    beta[n, m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if i == n and j == m:
                continue
            acc = -np.inf
            for t in range(T):
                ni, nj = i + ta[t], j + tb[t]
                if ni > n or nj > m or not valid[t, ni, nj]:
                    continue
                acc = _lse(acc, beta[ni, nj] + scores[t, ni, nj])
            beta[i, j] = acc
    logz = alpha[n, m]
    marg = np.zeros((T, R, C))
    for t in range(T):
        for i in range(R):
            for j in range(C):
                pi, pj = i - ta[t], j - tb[t]
                if pi < 0 or pj < 0 or not valid[t, i, j]:
                    continue
                x = alpha[pi, pj] + scores[t, i, j] + beta[i, j] - logz
                if x > -50:
                    marg[t, i, j] = np.exp(x)
    return logz, marg


def fit_crf(pieces, types, l2=1.0, iters=150, lr=0.2):
    """Maximize sum of log P(gold path) - l2/2 |w|^2 with Adam; returns the weights."""
    ta = np.array([a for a, _ in types], dtype=np.int64)
    tb = np.array([b for _, b in types], dtype=np.int64)
    n_feat = pieces[0][0].shape[0]
    w = np.zeros(n_feat)
    m1 = np.zeros(n_feat)
    m2 = np.zeros(n_feat)
    gold_f = [sum(F[:, t, i, j] for t, i, j in gp).astype(np.float64) for F, _, gp, *_ in pieces]
    for step in range(1, iters + 1):
        grad = -l2 * w
        ll = -0.5 * l2 * float(w @ w)
        for (F, valid, gp, weight, *_), gf in zip(pieces, gold_f):
            s = np.tensordot(w, F, axes=(0, 0))
            logz, marg = marginals(s, valid, ta, tb)
            ll += weight * (sum(s[t, i, j] for t, i, j in gp) - logz)
            grad += weight * (gf - np.tensordot(F, marg, axes=([1, 2, 3], [0, 1, 2])))
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad ** 2
        w += lr * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
        if step % 25 == 0:
            print(f"step {step}: log-likelihood {ll:.1f}", flush=True)
    return w
