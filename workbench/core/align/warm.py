"""Loading the aligner's compiled code before anyone waits for it.

The banded DP and the scorers are numba functions cached on disk; the first call in a process
still costs about a second (numba sets up its compiler and loads each function). A UI that
has a document open runs :func:`warm_up` in the background, so the first re-alignment does not
pay it.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


class _WordVectors:
    """A tiny stand-in model: each text a fixed random unit vector (enough to run every
    kernel once; nothing is learned from it)."""

    name = "warm-up"
    dim = 16

    def encode(self, texts: Sequence[str], progress=None, batch_size: int = 32) -> np.ndarray:
        rows = []
        for t in texts:
            rng = np.random.default_rng(abs(hash(t)) % (2 ** 32))
            v = rng.standard_normal(self.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)


def warm_up() -> None:
    """Align a small made-up pair (1-1, 1-2 and a skip in it) once."""
    from .realign import align_texts

    src = ["One two.", "Three four five.", "Six.", "Seven eight.", "Nine ten 2006."]
    tgt = ["One two.", "Three four.", "Five.", "Six.", "Extra words here.", "Seven eight.",
           "Nine ten 2006."]
    align_texts(src, tgt, _WordVectors(), "en", "en")
