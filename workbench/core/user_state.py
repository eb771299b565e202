"""What the workbench remembers for one user between sessions, never inside a document: where
each document was left (row and side), and the user's review threshold.

One small JSON file in the user's state folder (platformdirs; ``$WORKBENCH_STATE`` names
another folder, as tests do). It is a convenience: a missing, unreadable or broken file is an
empty state, and a failed write is ignored (nothing of the user's work lives here).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from .confidence import HIGH
from .files import atomic_write

MAX_DOCUMENTS = 500  #: places remembered; the oldest are forgotten first


def state_path() -> Path:
    folder = os.environ.get("WORKBENCH_STATE")
    return (Path(folder) if folder else platformdirs.user_state_path("workbench")) / "state.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any]) -> None:
    try:
        atomic_write(state_path(), json.dumps(data, ensure_ascii=False, indent=1), backup=False)
    except OSError:
        pass


def place(document: str | Path) -> tuple[int, str] | None:
    """(row, side) where ``document`` was left, if known."""
    entry = load().get("places", {}).get(str(Path(document).resolve()))
    try:
        row, side = int(entry[0]), str(entry[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (row, side) if row >= 0 and side in ("src", "tgt") else None


def remember_place(document: str | Path, row: int, side: str) -> None:
    data = load()
    places = data.get("places")
    places = places if isinstance(places, dict) else {}
    key = str(Path(document).resolve())
    places.pop(key, None)
    places[key] = [row, side]  # the newest last: trimming drops the oldest
    while len(places) > MAX_DOCUMENTS:
        places.pop(next(iter(places)))
    data["places"] = places
    _save(data)


def weak_threshold() -> float:
    """Rows below this confidence are "weak" (``w`` walks them); default: the top of the
    yellow band, so a yellow row is never passed over."""
    value = load().get("weak_threshold", HIGH)
    return float(value) if isinstance(value, (int, float)) and 0 < value <= 1 else HIGH


def set_weak_threshold(value: float) -> None:
    data = load()
    data["weak_threshold"] = float(value)
    _save(data)
