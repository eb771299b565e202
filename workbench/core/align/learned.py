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
    "e5-small": (0.97007, 2.56902, 2.31674, 0.37547, -0.22140, -1.54552, -3.19854, 0.90286, -0.19337, -0.60832, 0.14957, 0.14182, -1.05975, -0.23377, -0.62589, -0.13310),
    "use-v3": (1.21561, 2.34753, 2.17662, 0.32166, -0.04271, -1.32597, -3.14495, 1.39546, -0.33953, -0.51110, -0.07281, -0.15079, -0.45353, -1.35897, -0.46410, 0.17294),
}


def weights_for(model: str | None) -> np.ndarray | None:
    w = WEIGHTS.get(model or DEFAULT, WEIGHTS.get(DEFAULT))
    if w is None or len(w) != len(FEATURES):
        return None
    return np.array(w, dtype=np.float32)


#: Confidence model per model: logistic weights over ``features.FEATURES`` plus a bias, fitted
#: by ``bench/fit_confidence.py --write`` on the aligner's own output on the dev sets.
CONFIDENCE = {
    "e5-small": (0.62114, 0.92673, -0.89114, 0.79923, 0.05584, -0.76190, -2.11599, 0.29859, 0.01345, -1.36669, -0.39600, -1.74453, 0.46845, -0.13580, 0.08658, -0.42956, 1.08959),
    "use-v3": (0.38344, 0.51376, -0.46429, 0.65826, 0.00369, -0.54608, -1.59960, 0.88421, -0.23272, -0.40944, -0.78785, -1.83030, 0.77649, -0.69071, 0.15478, -1.00062, 1.15993),
}


def confidence_weights_for(model: str | None) -> np.ndarray | None:
    w = CONFIDENCE.get(model or DEFAULT, CONFIDENCE.get(DEFAULT))
    if w is None or len(w) != len(FEATURES) + 1:
        return None
    return np.array(w, dtype=np.float64)
