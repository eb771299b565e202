"""Each model's typical margin on a clean translation: the unit the aligner's prices are in.

A document's scores are in units of its own typical margin (``scoring.margin_scale``), which
makes the weights mean the same for models with very different cosine ranges. Prices set in
those units alone (a skip, a merge, the length deviation, anchors) would shrink with the
embeddings' evidence: a freer translation would leave out ever more sentences on ever weaker
evidence and lean no more on lengths and names than a clean one. Set in units of the model's
margin on a clean translation instead (``scoring.weak_signal``, ``engine.for_document``), they
stay fixed, as Bertalign's skip is fixed in cosine units.

The values: the median over the NTREX ru-en dev documents of their typical margin, measured by
``bench/reference_scale.py``. A model not listed (a local folder) keeps the document-relative
price.
"""

from __future__ import annotations

REFERENCE_SCALES = {
    "use-v3": 0.228,
    "e5-small": 0.047,
    "use-v3+e5-small": 0.144,
}


def reference_scale(model: str | None) -> float | None:
    return REFERENCE_SCALES.get(model or "")
