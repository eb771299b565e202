"""Saving a project file (glossary, dictionary) that someone else may have saved meanwhile.

The project glossary and dictionary are shared by every document of a folder, and changed
from several places at once: the UI of each open document, ``workbench glossary import``,
``check --fix``. Each writer keeps the entries it read (the *base*); saving takes the file's
lock, and if the file changed since it was read, this writer's own changes (entries added,
changed or removed since its base) are laid over what is on disk now, instead of writing its
stale copy over the other writer's.
"""

from __future__ import annotations

from typing import Hashable, Mapping, TypeVar

V = TypeVar("V")


def merge_keyed(base: Mapping[Hashable, V], mine: Mapping[Hashable, V],
                theirs: Mapping[Hashable, V]) -> dict[Hashable, V]:
    """THEIRS with MINE's changes since BASE applied: MINE's new and changed entries win,
    entries MINE removed are removed; THEIRS' order first, MINE's new entries after."""
    out = dict(theirs)
    for key, value in mine.items():
        if key not in base or base[key] != value:
            out[key] = value
    for key in base:
        if key not in mine:
            out.pop(key, None)
    return out
