"""A globally normalized (CRF) training objective for the bead scorer.

P(path) = exp(sum of w . f over its beads) / Z over all monotone bead paths of a piece. The
gradient of log P(gold) is f(gold path) - E[f], with the expectation from bead marginals
(the aligner's own forward-backward, ``dp.forward_backward``, which also gives its confidences).
Used only by bench/fit_scorer.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from workbench.core.align.dp import NEG, forward_backward  # noqa: E402


def fit_crf(pieces, types, l2=1.0, iters=150, lr=0.2, prior=None):
    """Maximize sum of log P(gold path) - l2/2 |w - prior|^2 with Adam; returns the weights."""
    n_feat = pieces[0][0].shape[0]
    prior = np.zeros(n_feat) if prior is None else np.asarray(prior, dtype=float)
    w = prior.copy()
    m1 = np.zeros(n_feat)
    m2 = np.zeros(n_feat)
    gold_f = [sum(F[:, t, i, j] for t, i, j in gp).astype(np.float64) for F, _, gp, *_ in pieces]
    for step in range(1, iters + 1):
        grad = -l2 * (w - prior)
        ll = -0.5 * l2 * float((w - prior) @ (w - prior))
        for (F, valid, gp, weight, *_), gf in zip(pieces, gold_f):
            s = np.tensordot(w, F, axes=(0, 0))
            marg, logz = forward_backward(np.where(valid, s, NEG), types)
            ll += weight * (sum(s[t, i, j] for t, i, j in gp) - logz)
            grad += weight * (gf - np.tensordot(F, marg, axes=([1, 2, 3], [0, 1, 2])))
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad ** 2
        w += lr * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
        if step % 25 == 0:
            print(f"step {step}: log-likelihood {ll:.1f}", flush=True)
    return w
