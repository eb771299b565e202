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
    "use-v3+e5-small": (1.17682, 1.89784, 2.03519, 1.33280, -0.10421, -1.58397, -2.67622, 1.20599, 0.04829, -0.55659, -0.10212, -0.67151, -0.48277, -1.16111, -0.54465, 0.28443, 0.89403, -0.86293, 0.38488, -2.05099, -0.40026, 0.27348, -0.54844),
    "e5-small": (0.83188, 2.01723, 2.30591, 0.64553, 0.03347, -1.80252, -3.00643, 0.83425, -0.08930, -0.67536, -0.01805, -0.16565, -0.87996, -0.83189, -0.81404, -0.00301, 0.00000, 0.00000, 0.36067, -2.01216, -0.34477, -0.02477, -0.54013),
    "use-v3": (1.30310, 1.75655, 1.77624, 1.24049, -0.22872, -1.67023, -2.86470, 1.33381, -0.07902, -0.65576, -0.22773, -0.68311, -0.45958, -1.20573, -0.56634, 0.27859, 0.64030, -1.05757, 0.42143, -2.24875, -0.39126, 0.31410, -0.64077),
}


def weights_for(model: str | None) -> np.ndarray | None:
    w = WEIGHTS.get(model or DEFAULT, WEIGHTS.get(DEFAULT))
    if w is None or len(w) != len(FEATURES):
        return None
    return np.array(w, dtype=np.float32)
