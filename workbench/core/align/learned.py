"""Weights of the learned bead scorer (``AlignConfig(scorer="learned")``), per model, in the
order of ``features.FEATURES``.

Not the default: fitted on some corpora it does worse on the one left out than the unlearned
score (bench/loco.py, docs/aligner.md). Fitted on the development sets (NTREX ru-en dev,
Text+Berg de-fr dev) by ``bench/fit_scorer.py --write``; never on test data. A model without
its own weights uses the default model's: the features are in margin units, so they carry over.
"""

from __future__ import annotations

import numpy as np

from .features import FEATURES

DEFAULT = "use-v3"

WEIGHTS = {
    "use-v3": (1.15017, 1.45974, 1.63010, 1.21558, 0.20243, -1.95399, -3.56001, 1.25876, -0.36564, -0.86618, -0.71428, -0.91609, -0.39242, -1.13976, -0.58032, 0.48768, 0.49556, -0.98248, 0.31282, -1.53404, -0.25762, 0.17349, -0.45305, -2.31877, 0.73645),
}


def weights_for(model: str | None) -> np.ndarray | None:
    w = WEIGHTS.get(model or DEFAULT, WEIGHTS.get(DEFAULT))
    if w is None or len(w) != len(FEATURES):
        return None
    return np.array(w, dtype=np.float32)
