"""Terminal rendering and argument parsing for the review commands (flag, qa, report, export)."""

from __future__ import annotations

from typing import Sequence

from rich.table import Table
from rich.text import Text

from .core.document import Document
from .core.errors import WorkbenchError
from .core.review import CATEGORIES, SEVERITY_STYLES, Flag, RowIndex, Span, category_choices, find_span, span_text


def parse_category(text: str) -> str:
    """A category from its name or an unambiguous prefix ("acc/om" -> Accuracy/Omission)."""
    if text in CATEGORIES:
        return text
    found = category_choices(text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise WorkbenchError(f"unknown MQM category {text!r}",
                             hint=f"use one of: {', '.join(CATEGORIES)}")
    raise WorkbenchError(f"{text!r} could be {', '.join(found)}", hint="say which")


def parse_span(doc: Document, row: int, span: str | None, text: str | None) -> Span | None:
    """``--span side:id:start:end`` or ``--text WORD`` (first occurrence in the row, target
    side first) as a Span."""
    if span and text:
        raise WorkbenchError("give --span or --text, not both")
    if span:
        try:
            side, sid, start, end = span.split(":")
            return Span(side, int(sid), int(start), int(end))
        except ValueError:
            raise WorkbenchError(f"bad span {span!r}", hint="write side:id:start:end, like "
                                 "tgt:60:6:15") from None
    if text:
        found = find_span(doc, row, text)
        if found is None:
            raise WorkbenchError(f"{text!r} is not in row {row + 1}")
        return found
    return None


def flags_table(doc: Document, items: Sequence[Flag], title: str | None = None,
                proposals: bool = False) -> Table:
    """One line per flag: id, row, category (and origin), severity, status, span and comment.
    ``proposals``: not stored yet, so no id and no status."""
    index = RowIndex(doc)
    table = Table(title=title, header_style="bold", expand=True)
    if not proposals:
        table.add_column("id", justify="right", no_wrap=True)
    table.add_column("row", justify="right", no_wrap=True)
    table.add_column("category", overflow="fold")
    table.add_column("sev.", no_wrap=True)
    if not proposals:
        table.add_column("status", no_wrap=True)
    table.add_column("finding", ratio=1)
    for f in items:
        row = index.row(f)
        cat = Text(f.category)
        if f.origin != "manual":
            cat.append(f"\n{f.origin}", style="dim")
        finding = Text()
        span = span_text(doc, f)
        if span:
            finding.append(f"«{span}» ", style="bold")
        finding.append(f.comment)
        if f.suggestion:
            finding.append(f"  → {f.suggestion}", style="green")
        cells = [str(row + 1) if row is not None else "-", cat,
                 Text(f.severity, style=SEVERITY_STYLES.get(f.severity, ""))]
        if not proposals:
            cells.insert(0, str(f.id))
            cells.append(f.status)
        cells.append(finding)
        table.add_row(*cells)
    return table
