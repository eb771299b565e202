"""Each model's typical margin on a clean translation: the unit the aligner's prices are in.

A document's scores are in units of its own typical margin (``scoring.margin_scale``), which
makes the weights mean the same for models with very different cosine ranges. Prices set in
those units alone (a skip, a merge, the length deviation, anchors) would shrink with the
embeddings' evidence: a freer translation would leave out ever more sentences on ever weaker
evidence and lean no more on lengths and names than a clean one. Set in units of the model's
margin on a clean translation instead (``scoring.weak_signal``, ``engine.for_document``), they
stay fixed, as Bertalign's skip is fixed in cosine units.

The unit is the median over the NTREX ru-en dev documents of their typical margin, measured
for the bundled models by ``bench/reference_scale.py``. Any other model (a local folder) is
measured on the clean sentence pairs in ``calibration.tsv``: their typical margin is a fixed
share of the NTREX one for every bundled model (0.851-0.866), so ``CALIBRATION_RATIO`` times
it is the model's unit. A model that cannot pair those sentences up (it does not know Russian
or English) gets none, and the prices stay in the document's units.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from .config import AlignConfig
from .scoring import typical_margin

REFERENCE_SCALES = {
    "use-v3": 0.228,
    "e5-small": 0.047,
    "use-v3+e5-small": 0.144,
}
#: the NTREX ru-en dev unit over the calibration pairs' typical margin (bundled models: 0.854,
#: 0.866, 0.851)
CALIBRATION_RATIO = 0.857
#: the share of calibration sentences whose best match must be their own translation
MIN_PAIRED = 0.9

CALIBRATION = Path(__file__).with_name("calibration.tsv")


def calibration_pairs() -> tuple[list[str], list[str]]:
    src, tgt = [], []
    for line in CALIBRATION.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")
            src.append(a)
            tgt.append(b)
    return src, tgt


def reference_scale(encoder) -> float | None:
    """The unit of the prices for ``encoder`` (an object with ``name`` and ``encode``)."""
    name = getattr(encoder, "name", None)
    if name in REFERENCE_SCALES:
        return REFERENCE_SCALES[name]
    if not hasattr(encoder, "encode"):
        return None
    return _calibrated(encoder)


@lru_cache(maxsize=16)
def _calibrated(encoder) -> float | None:
    """Measured once per encoder object (the sentences' vectors are also in its cache)."""
    src, tgt = calibration_pairs()
    u = np.asarray(encoder.encode(src), dtype=np.float32)
    v = np.asarray(encoder.encode(tgt), dtype=np.float32)
    scale = clean_margin(u, v)
    return None if scale is None else CALIBRATION_RATIO * scale


def clean_margin(u: np.ndarray, v: np.ndarray, cfg: AlignConfig = AlignConfig()) -> float | None:
    """The typical margin of n sentences and their n translations (row k with row k), or None
    when fewer than MIN_PAIRED of them find their own translation as their best match."""
    if len(u) != len(v) or len(u) < 8:
        return None
    if np.mean(np.argmax(u @ v.T, axis=1) == np.arange(len(u))) < MIN_PAIRED:
        return None
    return typical_margin(u, v, cfg.neighbours)
