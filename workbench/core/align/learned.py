"""Weights of the exact pass's bead scorer, per model, in the order of ``features.FEATURES``.

Fitted on the development sets (NTREX ru-en dev, Text+Berg de-fr dev) by
``bench/fit_scorer.py --write``; never on test data. A model without its own weights (a local
folder) uses the default model's: the features are in margin units, so they carry over.
"""

from __future__ import annotations

import numpy as np

from .features import FEATURES

DEFAULT = "use-v3"

WEIGHTS = {
    "use-v3+e5-small": (1.21178, 1.93944, 2.35251, 1.43234, 0.10200, -1.91646, -3.31762, 1.23980, -0.18867, -0.86455, -0.57205, -1.07804, -0.51296, -1.26464, -0.58517, 0.41166, 0.70702, -0.80914, 0.41251, -1.25999, -0.18613, 0.28308, -0.45955, -1.98609),
    "e5-small": (0.98530, 2.03810, 2.66685, 0.80932, 0.17654, -2.13799, -3.70564, 0.97756, -0.20902, -0.97602, -0.41257, -0.34564, -0.88093, -0.89321, -0.83203, 0.07260, 0.00000, 0.00000, 0.43657, -1.34701, -0.17761, 0.00974, -0.39552, -1.91869),
    "use-v3": (1.31663, 1.81453, 2.06750, 1.38137, -0.01294, -2.00135, -3.51238, 1.34420, -0.31622, -0.93599, -0.70576, -1.14187, -0.49504, -1.30636, -0.61287, 0.42062, 0.46945, -0.99921, 0.42042, -1.40082, -0.14210, 0.35220, -0.55082, -2.09926),
}


def weights_for(model: str | None) -> np.ndarray | None:
    w = WEIGHTS.get(model or DEFAULT, WEIGHTS.get(DEFAULT))
    if w is None or len(w) != len(FEATURES):
        return None
    return np.array(w, dtype=np.float32)
