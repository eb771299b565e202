"""A cache of parsed documents keyed by the hash of the file's bytes.

Parsing YAML is the slow part of opening a large document (10,000 rows: ~1.6 s with the C
loader, against ~0.03 s to unpickle the same data). A save already has the data in hand, so
it stores it under the hash of the bytes it wrote; opening the unchanged file then skips the
parse. A file edited by hand has another hash and is simply parsed. The cache holds plain
YAML data (dicts, lists, scalars), never objects, and keeps the most recent files only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .paths import cache_root

KEEP = 16  # most recent parsed documents kept
_VERSION = b"1"


def _folder() -> Path:
    return cache_root() / "parsed"


def key_of(raw: bytes) -> str:
    return hashlib.sha256(_VERSION + raw).hexdigest()


def get(raw: bytes) -> Any | None:
    """The parsed data of these file bytes, if cached."""
    try:
        with open(_folder() / f"{key_of(raw)}.pickle", "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None


def put(raw: bytes, data: Any) -> None:
    """Remember ``data`` as the parse of ``raw``; failures only cost speed later."""
    folder = _folder()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key_of(raw)}.pickle")
        tmp = None
        files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, RecursionError, pickle.PicklingError):
        pass  # data the loader let through (it refuses deep nesting) that pickle still cannot take
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def plain(value: Any) -> Any:
    """The value as YAML would load it back: mappings -> dict, sequences -> list."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
