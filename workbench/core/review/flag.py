"""The :class:`Flag` record and where flags are kept: the document's ``flags`` section, one
mapping per flag (key order fixed, unknown keys kept as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Span

SECTION = "flags"
TARGET = "extra:" + SECTION  # what the splices of flag edits name


@dataclass(frozen=True)
class Flag:
    """One finding. ``src``/``tgt`` anchor it to sentence ids (see :mod:`workbench.core.review`)."""

    id: int
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    category: str
    severity: str
    status: str = "open"
    comment: str = ""
    span: Span | None = None
    suggestion: str | None = None
    author: str = ""
    created: str = ""
    origin: str = "manual"
    key: str | None = None
    extra: dict = field(default_factory=dict, compare=False)  # unknown keys, kept as they are

    @property
    def auto(self) -> bool:
        return self.origin != "manual"

    @property
    def check(self) -> str | None:
        """The QA check that proposed this flag, or None for a manual one."""
        return self.origin[3:] if self.origin.startswith("qa:") else None

    def record(self) -> dict:
        """The YAML mapping (key order fixed, optional keys only when set)."""
        rec: dict[str, Any] = {"id": self.id, "src": list(self.src), "tgt": list(self.tgt)}
        if self.span is not None:
            rec["span"] = self.span.record()
        rec.update(category=self.category, severity=self.severity, status=self.status)
        if self.comment:
            rec["comment"] = self.comment
        if self.suggestion is not None:
            rec["suggestion"] = self.suggestion
        rec.update(author=self.author, created=self.created, origin=self.origin)
        if self.key is not None:
            rec["key"] = self.key
        rec.update(self.extra)
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> "Flag":
        known = {"id", "src", "tgt", "span", "category", "severity", "status", "comment",
                 "suggestion", "author", "created", "origin", "key"}
        span = rec.get("span")
        return cls(id=rec["id"], src=tuple(rec.get("src") or ()), tgt=tuple(rec.get("tgt") or ()),
                   category=rec["category"], severity=rec["severity"],
                   status=rec.get("status", "open"), comment=rec.get("comment") or "",
                   span=Span.from_record(span) if span else None,
                   suggestion=rec.get("suggestion"), author=str(rec.get("author") or ""),
                   created=str(rec.get("created") or ""), origin=rec.get("origin") or "manual",
                   key=rec.get("key"),
                   extra={k: v for k, v in rec.items() if k not in known})
