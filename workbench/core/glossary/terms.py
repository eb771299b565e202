"""The :class:`Term` record (source, target, note, forbidden variants) and the validation of a
list of term records, shared by the project file and the document section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_TERM_KEYS = ("source", "target", "note", "forbidden")


@dataclass(frozen=True)
class Term:
    """A glossary entry: source term, target term, note, forbidden target variants."""

    source: str
    target: str
    note: str | None = None
    forbidden: tuple[str, ...] = ()

    def record(self) -> dict:
        """The YAML/section record of this term."""
        rec: dict[str, Any] = {"source": self.source, "target": self.target}
        if self.note:
            rec["note"] = self.note
        if self.forbidden:
            rec["forbidden"] = list(self.forbidden)
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> "Term":
        forbidden = rec.get("forbidden") or ()
        if isinstance(forbidden, str):
            forbidden = (forbidden,)
        note = rec.get("note")
        return cls(str(rec["source"]).strip(), str(rec["target"]).strip(),
                   str(note).strip() if note not in (None, "") else None,
                   tuple(str(f).strip() for f in forbidden if str(f).strip()))


def check_terms(value: Any, where: str = "glossary") -> list[tuple[tuple, str, str | None]]:
    """Problems of a list of term records as (keys inside the list, message, hint)."""
    hint = "a term is like {source: снос, target: demolition, note: ..., forbidden: [...]}"
    if not isinstance(value, list):
        return [((), f"'{where}' must be a list of terms", hint)]
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            return [((i,), f"term {i + 1} must be a mapping", hint)]
        for key in ("source", "target"):
            v = rec.get(key)
            if not isinstance(v, (str, int, float)) or isinstance(v, bool) or not str(v).strip():
                return [((i,), f"term {i + 1} needs a non-empty '{key}'", hint)]
        unknown = set(rec) - set(_TERM_KEYS)
        if unknown:
            return [((i,), f"term {i + 1} has unknown key '{sorted(map(str, unknown))[0]}'",
                     hint)]
        forb = rec.get("forbidden")
        if forb is not None and not (isinstance(forb, str) or (
                isinstance(forb, list) and all(isinstance(f, str) for f in forb))):
            return [((i,), f"term {i + 1}: 'forbidden' must be a list of variants", hint)]
        note = rec.get("note")
        if note is not None and not isinstance(note, (str, int, float)):
            return [((i,), f"term {i + 1}: 'note' must be text", hint)]
    return []
