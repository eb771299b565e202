"""The project screen (``workbench open OUT_DIR``): one line per document of a corpus folder
with how far its review is, worst first, sortable by any column; Enter opens a document in the
workbench, and quitting it comes back here (the program's loop: :mod:`workbench.launcher`),
the cursor on that document and its numbers read again.

The list and the summary's numbers come at once from the manifest
(:func:`~workbench.core.corpus.project_rows`); each document's own numbers (% confirmed,
low-confidence rows, open flags, MQM: :mod:`workbench.core.project_stats`) need its YAML
loaded, ~3 ms for a small document, so a thread reads them and fills the cells as they
arrive: the table is usable at once, even for thousands of documents.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

#: (row key, header, numeric, the first direction: True = largest first), in table order; the
#: first direction puts the worst documents on top
COLUMNS: tuple[tuple[str, str, bool, bool], ...] = (
    ("name", "document", False, False),
    ("status", "status", False, False),
    ("rows", "rows", True, True),
    ("confirmed_pct", "% confirmed", True, False),
    ("low_confidence", "low conf.", True, True),
    ("open_flags", "open flags", True, True),
    ("mqm", "MQM/1k words", True, True),
    ("mean_confidence", "mean conf.", True, False),
    ("one_sided_rows", "1-0/0-1", True, True),
    ("length_ratio", "length ratio", True, True),
    ("reason", "reason", False, False),
)
_BY_KEY = {c[0]: c for c in COLUMNS}
_ARROWS = {False: " ▲", True: " ▼"}
BATCH_SECONDS = 0.2  # how often cells read by the thread are shown


class ProjectApp(App[Path | None]):
    """Returns the path of the document chosen, or None when the user quits. ``order`` (the
    sort column, None for worst first, and whether descending) survives a visit to a document
    when the caller passes it back."""

    TITLE = "workbench: project"
    BINDINGS = [
        Binding("q", "quit_project", "Quit"), Binding("escape", "quit_project", "Quit"),
        Binding("<", "sort_column(-1)", "Sort column ←", key_display="<"),
        Binding(">", "sort_column(1)", "Sort column →", key_display=">"),
        Binding("r", "reverse", "Reverse"),
    ]

    def __init__(self, folder: Path, selected: str | None = None,
                 order: tuple[str | None, bool] = (None, False),
                 notice: str | None = None) -> None:
        """``notice``: why the document chosen last did not open, to show."""
        super().__init__()
        self.folder = folder
        self.selected = selected
        self.order = order
        self.notice = notice
        self.rows: list[dict[str, Any]] = []  # in the order shown
        self._worst_first: dict[str, int] = {}
        self._by_name: dict[str, dict[str, Any]] = {}
        self._read = 0
        self._to_read = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="project-summary")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        from ..core.corpus import project_rows

        self.sub_title = str(self.folder)
        self.rows = project_rows(self.folder)
        self._worst_first = {r["name"]: i for i, r in enumerate(self.rows)}
        self._by_name = {r["name"]: r for r in self.rows}
        table = self.query_one(DataTable)
        for key, label, _, _ in COLUMNS:
            table.add_column(label + "  ", key=key)  # room for the sort arrow
        for r in self.rows:
            table.add_row(*(_cell(r, key) for key, *_ in COLUMNS), key=r["name"])
        if self.selected in self._by_name:
            table.move_cursor(row=table.get_row_index(self.selected))
        self._sort()
        table.focus()
        paths = [r["path"] for r in self.rows if r["path"] is not None]
        self._to_read = len(paths)
        self._show_summary()
        if self.notice:
            self.notify(self.notice, severity="error", timeout=10)
        if paths:
            self.run_worker(lambda: self._read_stats(paths), thread=True, exclusive=True,
                            group="stats", name="project_stats")

    # ------------------------------------------------------------ the documents' own numbers

    def _read_stats(self, paths: list[Path]) -> None:
        """In a thread: each document's numbers, handed to the UI in batches."""
        from textual.worker import get_current_worker

        from ..core.project_stats import read_stats

        worker = get_current_worker()
        batch: list[tuple[Path, dict]] = []
        last = time.monotonic()
        for path in paths:
            if worker.is_cancelled:  # the user left the screen: stop within one document
                return
            batch.append((path, read_stats(path)))
            if time.monotonic() - last >= BATCH_SECONDS:
                self.post_message(StatsRead(batch))  # never waits: quitting cannot hang on it
                batch, last = [], time.monotonic()
        self.post_message(StatsRead(batch))

    def on_stats_read(self, message: StatsRead) -> None:
        table = self.query_one(DataTable)
        by_path = {r["path"]: r for r in self.rows if r["path"] is not None}
        batch = message.batch
        for path, stats in batch:
            row = by_path[path]
            if "reason" in stats:
                row["status"] = "broken"
            row.update(stats)
            for key, *_ in COLUMNS:
                # only a reason widens its column: the numbers fit under their headers, and
                # re-measuring a column measures every row (seconds for thousands)
                table.update_cell(row["name"], key, _cell(row, key),
                                  update_width=key == "reason" and "reason" in stats)
        self._read += len(batch)
        if self.order[0] is not None or any("reason" in stats for _, stats in batch):
            self._sort()
        self._show_summary()

    # ------------------------------------------------------------ sorting

    def action_sort_column(self, step: int) -> None:
        """Sort by the column left or right of the current one (past either end: worst
        first), in its worst-first direction."""
        keys = [None] + [c[0] for c in COLUMNS]
        column = keys[(keys.index(self.order[0]) + step) % len(keys)]
        self.order = (column, _BY_KEY[column][3] if column else False)
        self._sort()
        self._show_summary()

    def action_reverse(self) -> None:
        column, descending = self.order
        self.order = (column, not descending)
        self._sort()
        self._show_summary()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a header sorts by it; a second click reverses."""
        column = event.column_key.value
        if column == self.order[0]:
            self.action_reverse()
        else:
            self.order = (column, _BY_KEY[column][3])
            self._sort()
            self._show_summary()

    def _sort(self) -> None:
        """Order the table by ``self.order``, the cursor staying on its document (at the top,
        on the document that comes first, unless that is the one the user came back from)."""
        table = self.query_one(DataTable)
        current = self._cursor_name()
        if table.cursor_row == 0 and current != self.selected:
            current = None
        self.rows = sorted_rows(self.rows, *self.order, self._worst_first)
        position = {r["name"]: i for i, r in enumerate(self.rows)}
        for key, label, _, _ in COLUMNS:
            arrow = _ARROWS[self.order[1]] if key == self.order[0] else "  "
            table.columns[key].label = Text(label + arrow)
        table.sort("name", key=position.__getitem__)
        table.move_cursor(row=position[current] if current is not None else 0)

    def _cursor_name(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    # ------------------------------------------------------------ the rest

    def _show_summary(self) -> None:
        done = sum(1 for r in self.rows if r["path"] is not None)
        failed = sum(1 for r in self.rows if r["status"] == "failed")
        reading = f" (reading {self._read}/{self._to_read})" if self._read < self._to_read else ""
        column, descending = self.order
        by = "worst first" if column is None else \
            f"by {_BY_KEY[column][1]}{_ARROWS[descending]}"
        self.query_one("#project-summary", Static).update(
            f"{done} documents{reading}" + (f", {failed} failed pair{'s' * (failed != 1)}" if failed else "")
            + f" - {by} (< > sort column, r reverse, or click a header); "
            "Enter opens a document, q quits")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = self._by_name[event.row_key.value]
        if row["path"] is None:
            self.notify(f"{row['name']}: no document ({row.get('reason') or 'not aligned'})",
                        severity="warning")
        elif row["status"] == "broken":
            self.notify(f"{row['name']}: {row['reason']}", severity="warning")
        else:
            self.exit(row["path"])

    def action_quit_project(self) -> None:
        self.exit(None)


class StatsRead(Message):
    """Documents' numbers read by the thread: (path, :func:`read_stats` answer) pairs."""

    def __init__(self, batch: list[tuple[Path, dict[str, Any]]]) -> None:
        super().__init__()
        self.batch = batch


def sorted_rows(rows: list[dict[str, Any]], column: str | None, descending: bool,
                worst_first: dict[str, int]) -> list[dict[str, Any]]:
    """``rows`` by ``column`` (None: worst first: the summary's order, a document found broken
    moved up to the failed pairs), numbers as numbers, ties and empty cells (always last) in
    worst-first order."""
    base = sorted(rows, key=lambda r: (r["status"] not in ("failed", "broken"),
                                       worst_first.get(r["name"], len(worst_first))))
    if column is None:
        return base
    numeric = _BY_KEY[column][2]
    filled = [r for r in base if r.get(column) not in (None, "")]
    empty = [r for r in base if r.get(column) in (None, "")]

    def value(r):
        v = r[column]
        return float(v) if numeric else str(v).casefold()

    return sorted(filled, key=value, reverse=descending) + empty


def _cell(row: dict[str, Any], key: str) -> str | Text:
    v = row.get(key)
    if v is None:
        return ""
    if key == "confirmed_pct":
        return Text(f"{v:.1f}", justify="right")
    if key == "mqm":
        return Text(f"{v:.2f}", justify="right")
    if _BY_KEY[key][2]:
        return Text(str(v), justify="right")
    return str(v)
