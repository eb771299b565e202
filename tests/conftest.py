"""Shared fixtures: a compositional fake embedding model, small documents, the Bakai paths."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.embed import Encoder  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Tests never write to the user's cache folder."""
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory, monkeypatch):
    """Tests never read the user's keymap (an empty config folder; a keymap test sets its own)
    nor the user's state (where documents were left, the review threshold)."""
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path_factory.getbasetemp() / "config"))
    monkeypatch.setenv("WORKBENCH_STATE", str(tmp_path_factory.mktemp("state")))


class BagOfConcepts:
    """A stand-in sentence model: a text's vector is the normalized sum of its words' vectors.

    Words are concept names shared by both "languages", so a translation (the same words) has
    cosine 1 and a joined text embeds like the sum of its parts, as real models roughly do.
    """

    def __init__(self, dim: int = 64, seed: int = 0):
        self.dim = dim
        self.rng = np.random.default_rng(seed)
        self.vocab: dict[str, np.ndarray] = {}

    def _word(self, w: str) -> np.ndarray:
        if w not in self.vocab:
            self.vocab[w] = self.rng.standard_normal(self.dim)
        return self.vocab[w]

    def encode(self, texts, **kwargs):
        out = []
        for t in texts:
            v = sum((self._word(w.strip(".,")) for w in t.split()), np.zeros(self.dim))
            out.append(v / (np.linalg.norm(v) or 1.0))
        return np.array(out, dtype=np.float32)

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim


@pytest.fixture
def fake_encoder() -> Encoder:
    return Encoder("fake", BagOfConcepts(), "fake", use_disk_cache=False)


@pytest.fixture(scope="session")
def use_encoder():
    from workbench.core.embed import load_encoder

    return load_encoder("use-v3", use_disk_cache=False)


@pytest.fixture
def bakai_paths():
    return ROOT / "texts" / "ru" / "bakai.txt", ROOT / "texts" / "en" / "bakai.txt", \
        ROOT / "alignments" / "bakai.yaml"
