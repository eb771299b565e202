"""Stand-in encoders for the corpus tests, loaded by the Dask workers (--encoder-factory):
like conftest's BagOfConcepts, but a word's vector comes from its hash, so that every worker,
in every order of pairs, embeds alike (documents byte-identical across runs)."""

from __future__ import annotations

import hashlib
import time

import numpy as np

from workbench.core.embed import Encoder


class HashedConcepts:
    def __init__(self, dim: int = 64, delay: float = 0.0):
        self.dim = dim
        self.delay = delay

    def _word(self, w: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(w.lower().encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, texts, **kwargs):
        if self.delay:
            time.sleep(self.delay)
        out = []
        for t in texts:
            v = sum((self._word(w.strip(".,!?")) for w in t.split()), np.zeros(self.dim))
            out.append(v / (np.linalg.norm(v) or 1.0))
        return np.array(out, dtype=np.float32)

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim


def fast(model: str) -> Encoder:
    return Encoder(model, HashedConcepts(), "hashed", use_disk_cache=False)


def slow(model: str) -> Encoder:
    """About a second a pair: long enough to kill a run midway."""
    return Encoder(model, HashedConcepts(delay=0.5), "hashed-slow", use_disk_cache=False)
