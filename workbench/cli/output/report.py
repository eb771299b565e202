"""The review report's summary for the terminal (``workbench report``); the HTML page is
:mod:`workbench.core.export.html_report`, shared with the UI."""

from __future__ import annotations

from rich.table import Table

from ...core.document import Document
from ...core.mqm import Score
from ...core.review import SEVERITIES


def _fmt(x: float) -> str:
    return f"{x:.1f}" if abs(x - round(x)) > 1e-9 else str(int(round(x)))


# ---------------------------------------------------------------- terminal

def summary_table(doc: Document, sc: Score, title: str | None = None) -> Table:
    """Per-category counts by severity and penalty points, with the totals."""
    table = Table(title=title, header_style="bold", show_footer=True)
    table.add_column("category", footer="total")
    for s in SEVERITIES:
        table.add_column(s, justify="right", footer=str(sc.by_severity[s]))
    table.add_column("penalty", justify="right", footer=_fmt(sc.total))
    for cat, cs in sc.by_category.items():
        table.add_row(cat, *[str(cs.by_severity[s] or "") for s in SEVERITIES], _fmt(cs.penalty))
    table.caption = (f"{sc.count} counted flags, {sc.words} source words: "
                     f"{sc.per_1000:.2f} penalty points per 1,000 words")
    return table
