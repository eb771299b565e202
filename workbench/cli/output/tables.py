"""Rich tables for the terminal: a document (``workbench show``) and its review flags
(``workbench flag list``, ``workbench qa``)."""

from __future__ import annotations

from typing import Sequence

from rich.table import Table
from rich.text import Text

from ...core.confidence import confidence_style
from ...core.document import Document
from ...core.review import SEVERITY_STYLES, Flag, RowIndex, span_text


def alignment_table(doc: Document, title: str | None = None) -> Table:
    """One row per bead: number, type, confidence, source column, target column."""
    table = Table(title=title, expand=True, show_lines=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True, style="dim")
    table.add_column("type", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    # fold, not cut: a Chinese or Japanese sentence is one long "word" to the wrapper
    table.add_column(doc.source.lang, ratio=1, overflow="fold")
    table.add_column(doc.target.lang, ratio=1, overflow="fold")
    for i, bead in enumerate(doc.beads):
        src, tgt = doc.bead_texts(i)
        conf = "✓" if bead.confirmed else ("" if bead.confidence is None else f"{bead.confidence:.2f}")
        table.add_row(str(i + 1), bead.kind, Text(conf, style=confidence_style(bead.confidence)
                                                  if not bead.confirmed else "bold cyan"),
                      Text("\n".join(src)), Text("\n".join(tgt)))
    return table


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
