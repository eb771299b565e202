"""Rich rendering of a document for the terminal (``workbench show``)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from .core.confidence import confidence_style
from .core.document import Document


def alignment_table(doc: Document, title: str | None = None) -> Table:
    """One row per bead: number, type, confidence, source column, target column."""
    table = Table(title=title, expand=True, show_lines=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True, style="dim")
    table.add_column("type", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    table.add_column(doc.source.lang, ratio=1)
    table.add_column(doc.target.lang, ratio=1)
    for i, bead in enumerate(doc.beads):
        src, tgt = doc.bead_texts(i)
        conf = "✓" if bead.confirmed else ("" if bead.confidence is None else f"{bead.confidence:.2f}")
        table.add_row(str(i + 1), bead.kind, Text(conf, style=confidence_style(bead.confidence)
                                                  if not bead.confirmed else "bold cyan"),
                      Text("\n".join(src)), Text("\n".join(tgt)))
    return table
