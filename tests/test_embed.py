"""Tests for model ensembles: several encoders behind one, their cosines averaged."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BagOfConcepts

from workbench.core import embed
from workbench.core.embed import EnsembleEncoder, Encoder
from workbench.core.errors import ModelError

TEXTS = ["police left the square", "children threw sand", "the square was empty", "sand"]


def _pair():
    return (Encoder("a", BagOfConcepts(dim=16, seed=1), "a", use_disk_cache=False),
            Encoder("b", BagOfConcepts(dim=24, seed=2), "b", use_disk_cache=False))


def test_ensemble_dot_product_is_the_mean_of_the_models_cosines() -> None:
    a, b = _pair()
    ens = EnsembleEncoder("a+b", [a, b])
    x = ens.encode(TEXTS)
    assert x.shape == (4, 40) and ens.dim == 40
    ca, cb = a.encode(TEXTS), b.encode(TEXTS)
    np.testing.assert_allclose(x @ x.T, (ca @ ca.T + cb @ cb.T) / 2, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-3)  # float16-rounded parts


def test_ensemble_progress_counts_every_model() -> None:
    seen = []
    EnsembleEncoder("a+b", list(_pair())).encode(TEXTS, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("name, words", [("use-v3+", "bad model ensemble"),
                                          ("use-v3+use-v3", "bad model ensemble"),
                                          ("use-v3+no-such-model", "no-such-model")])
def test_a_bad_ensemble_name_is_a_model_error(name, words, monkeypatch) -> None:
    monkeypatch.setattr(embed, "_LOADED", {})
    with pytest.raises(ModelError, match=words):
        embed.load_encoder(name, use_disk_cache=False)
