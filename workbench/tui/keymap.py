"""User keymaps: rebind any key of the workbench by its id, in a TOML file.

The file is ``keymap.toml`` in the user's config folder (:func:`keymap_path`: on Linux
``~/.config/workbench/keymap.toml`` or under ``$XDG_CONFIG_HOME``; ``$WORKBENCH_CONFIG``, if
set, is the folder instead)::

    "files.save" = "ctrl+w"         # a whole id (before the first [table])

    [rows]
    merge = "M"                     # rows.merge: M instead of m
    undo = ["u", "ctrl+z", "z"]     # a list, or "u,ctrl+z,z"

    [navigation]
    down = "down,j,ctrl+n"

Ids are ``<area>.<verb>`` as :mod:`workbench.tui.keys` lists them (``?`` shows the keys in
effect). The keys replace the binding's default keys; a key that another binding had moves to
this one. A file that does not parse, an unknown id or a value that is not a key list is
reported, with the file and the line, and skipped: the rest still applies, the app still runs.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import platformdirs


def keymap_path() -> Path:
    """Where the user's keymap is (it need not exist)."""
    folder = os.environ.get("WORKBENCH_CONFIG")
    return (Path(folder) if folder else platformdirs.user_config_path("workbench")) / "keymap.toml"


@dataclass
class Keymap:
    """The keys a user file sets (binding id -> "key,key"), and what was wrong in it."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_keymap(known: Iterable[str], path: Path | None = None) -> Keymap:
    """Read the keymap at ``path`` (default: :func:`keymap_path`); ``known``: the binding ids
    that may be rebound. A missing file is an empty keymap."""
    path = keymap_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keymap()
    except (OSError, UnicodeDecodeError) as exc:
        return Keymap(problems=[f"{path}: cannot be read ({exc}); the default keys apply"])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Keymap(problems=[f"{path}: not valid TOML ({exc}); the default keys apply"])
    known = set(known)
    lines = _lines_of_ids(text)
    keymap = Keymap()
    for key_id, value in _flatten(data):
        where = f"{path}, line {lines[key_id]}" if key_id in lines else str(path)
        if key_id not in known:
            keymap.problems.append(f"{where}: no key has the id {key_id!r}{_hint(key_id, known)}")
            continue
        keys = _keys(value)
        if keys is None:
            keymap.problems.append(f"{where}: {key_id} must be keys like \"ctrl+m\" or "
                                   "[\"m\", \"ctrl+m\"]")
            continue
        keymap.keys[key_id] = keys
    return keymap


def _hint(key_id: str, known: set[str]) -> str:
    """What the user probably meant by an unknown id."""
    inside = [k for k in known if key_id.endswith("." + k)]
    if inside:
        return (f" ({inside[0]} is meant? a whole id goes before the first [table], or "
                "its verb inside that table)")
    close = difflib.get_close_matches(key_id, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else " (the README lists the ids)"


def _flatten(data: dict, prefix: str = "") -> Iterable[tuple[str, object]]:
    """("rows.merge", value) for ``[rows] merge = ...``, ``rows.merge = ...`` and
    ``"rows.merge" = ...`` alike."""
    for name, value in data.items():
        key_id = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict):
            yield from _flatten(value, key_id)
        else:
            yield key_id, value


def _keys(value: object) -> str | None:
    """The keys as textual's comma-separated list, or None if ``value`` is not keys."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not value:
        return None
    keys = [k.strip() for k in value if isinstance(k, str)]
    if len(keys) != len(value) or any(not k or " " in k for k in keys):
        return None
    return ",".join(keys)


_TABLE = re.compile(r"^\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_ASSIGNMENT = re.compile(r"^((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.\- ])+?)\s*=")


def _lines_of_ids(text: str) -> dict[str, int]:
    """The line each binding id is set on (for the notices; tomllib gives no positions)."""
    def plain(name: str) -> str:
        return re.sub(r"[\"'\s]", "", name)

    table, out = "", {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        found = _TABLE.match(line)
        if found:
            table = plain(found.group(1))
            continue
        found = _ASSIGNMENT.match(line)
        if found:
            name = plain(found.group(1))
            out.setdefault(f"{table}.{name}" if table else name, number)
    return out
