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
    "use-v3+e5-small": (1.16603, 1.93527, 2.06531, 1.36599, 0.06296, -1.63794, -2.70997, 1.18520, -0.01007, -0.52164, -0.22334, -0.55938, -0.49505, -1.18091, -0.53633, 0.35195, 0.65243, -0.73285, 0.28884, -0.98698, -0.23290, 0.24631, -0.35545, -1.85021),
    "e5-small": (0.91112, 2.01134, 2.27517, 0.75979, 0.09786, -1.81958, -2.99805, 0.89545, -0.09830, -0.69766, -0.20043, -0.09533, -0.86939, -0.83040, -0.79222, 0.04773, 0.00000, 0.00000, 0.31547, -0.97994, -0.22946, 0.00782, -0.29261, -1.75765),
    "use-v3": (1.28397, 1.81119, 1.82541, 1.30704, -0.03076, -1.72309, -2.88777, 1.30098, -0.11864, -0.58453, -0.32821, -0.60484, -0.46636, -1.22228, -0.55308, 0.36162, 0.43962, -0.89946, 0.30497, -1.10309, -0.21001, 0.31145, -0.43944, -1.95132),
}


def weights_for(model: str | None) -> np.ndarray | None:
    w = WEIGHTS.get(model or DEFAULT, WEIGHTS.get(DEFAULT))
    if w is None or len(w) != len(FEATURES):
        return None
    return np.array(w, dtype=np.float32)
