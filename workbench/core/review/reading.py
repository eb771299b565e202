"""Reading flags: all of them, one by id, the row a flag is on now, grouping and filtering.

A flag names sentence ids, never a row number, so its row is looked up each time
(:func:`flag_row`, or one :class:`RowIndex` for many flags); None when it is detached.
"""

from __future__ import annotations

from typing import Iterable

from ..document import Document
from ..errors import OperationError
from .flag import SECTION, Flag
from .vocabulary import severity_rank


def records(doc: Document) -> list[dict]:
    """The raw flag records (the list the splices edit); empty when there are none."""
    value = doc.extra.get(SECTION)
    return value if isinstance(value, list) else []


def flags(doc: Document) -> list[Flag]:
    """All flags of the document, in the order they were added."""
    return [Flag.from_record(r) for r in records(doc)]


def flag_position(doc: Document, flag_id: int) -> int:
    """Where flag ``flag_id`` is in :func:`records` (the index its splices name)."""
    for i, rec in enumerate(records(doc)):
        if rec.get("id") == flag_id:
            return i
    raise OperationError(f"there is no flag {flag_id}")


def get_flag(doc: Document, flag_id: int) -> Flag:
    return Flag.from_record(records(doc)[flag_position(doc, flag_id)])


class RowIndex:
    """Sentence id -> row, built once for locating many flags."""

    def __init__(self, doc: Document):
        self.src: dict[int, int] = {}
        self.tgt: dict[int, int] = {}
        for bi, b in enumerate(doc.beads):
            for sid in b.src:
                self.src[sid] = bi
            for sid in b.tgt:
                self.tgt[sid] = bi

    def row(self, flag: Flag) -> int | None:
        if flag.span is not None:
            found = getattr(self, flag.span.side).get(flag.span.sid)
            if found is not None:
                return found
        rows = [self.src[s] for s in flag.src if s in self.src] + \
               [self.tgt[s] for s in flag.tgt if s in self.tgt]
        return min(rows) if rows else None


def flag_row(doc: Document, flag: Flag, index: RowIndex | None = None) -> int | None:
    """The row (0-based) that now holds the flag's sentences, or None if it is detached."""
    return (index or RowIndex(doc)).row(flag)


def flags_by_row(doc: Document, items: Iterable[Flag] | None = None) -> dict[int | None, list[Flag]]:
    """Flags grouped by their current row; detached flags under ``None``."""
    index = RowIndex(doc)
    out: dict[int | None, list[Flag]] = {}
    for f in flags(doc) if items is None else items:
        out.setdefault(index.row(f), []).append(f)
    return out


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def filter_flags(items: Iterable[Flag], *, category: str | Iterable[str] | None = None,
                 severity: str | Iterable[str] | None = None, min_severity: str | None = None,
                 status: str | Iterable[str] | None = None, author: str | Iterable[str] | None = None,
                 origin: str | Iterable[str] | None = None) -> list[Flag]:
    """Flags matching every given criterion. ``category`` matches a whole dimension too
    ("Accuracy" keeps Accuracy/Omission); ``origin`` "qa" matches every automatic check."""
    cats, sevs, stats = _as_set(category), _as_set(severity), _as_set(status)
    authors, origins = _as_set(author), _as_set(origin)
    out = []
    for f in items:
        if cats is not None and not any(f.category == c or f.category.startswith(c + "/")
                                        for c in cats):
            continue
        if sevs is not None and f.severity not in sevs:
            continue
        if min_severity is not None and severity_rank(f.severity) < severity_rank(min_severity):
            continue
        if stats is not None and f.status not in stats:
            continue
        if authors is not None and f.author not in authors:
            continue
        if origins is not None and not (f.origin in origins or
                                        ("qa" in origins and f.origin.startswith("qa:"))):
            continue
        out.append(f)
    return out


def span_text(doc: Document, flag: Flag) -> str:
    """The flagged characters as the sentence reads now ("" without a span or sentence)."""
    if flag.span is None:
        return ""
    try:
        return doc.side(flag.span.side).get(flag.span.sid).text[flag.span.start:flag.span.end]
    except KeyError:
        return ""
