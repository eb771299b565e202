"""The flags panel (``F``): the document's review flags and the last QA run's proposals.

It lists each with the row it is on now, the MQM score in its title, and filters cycled by one
key each (status, minimum severity, category dimension, author). Moving in the list moves the
rows' cursor to the flag's row; enter goes there (both as :class:`BottomPanel.RowChosen`). The
panel shows and filters; what its keys do to a flag is the review area's
(:class:`~.flag_list.FlagList`, through ``app.act``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label

from ...core import review
from ...core.review import SEVERITY_STYLES, Flag
from ..common.panel import BottomPanel

STATUS_CYCLE = (None, "open", "proposed", "resolved", "dismissed")
SEVERITY_CYCLE = (None, "minor", "major", "critical")

def _act(keys: str, verb: str, label: str, tooltip: str, show: bool = True) -> Binding:
    """A key of the panel that the review area carries out (``app.act``, see
    :data:`workbench.tui.keys.PANEL_HANDLERS`)."""
    return Binding(keys, f"app.act('review.{verb}')", label, show=show, tooltip=tooltip,
                   id=f"review.{verb}")


#: the panel's own keys (they work while it has the focus)
KEYS = [
    _act("r", "resolve", "Resolve", "Resolve the selected flag (fixed; it still counts in the score)"),
    _act("o", "reopen", "Reopen", "Open the selected flag again"),
    _act("x", "dismiss", "Dismiss", "Dismiss the selected flag or QA proposal (a false alarm: no score, never proposed again)"),
    _act("y", "accept", "Accept", "Accept the selected QA proposal as an open flag"),
    _act("Y", "accept_all", "Accept all", "Accept every QA proposal shown", show=False),
    _act("A", "apply", "Apply", "Apply the selected flag's suggestion to the text and resolve it", show=False),
    _act("e", "edit", "Edit", "Edit the selected flag (category, severity, comment, suggestion)"),
    _act("D,delete", "delete", "Delete", "Delete the selected flag (dismiss a QA flag instead)", show=False),
    Binding("s", "cycle('status')", "Status", tooltip="Filter: all, open, proposed, resolved, dismissed", id="review.filter_status"),
    Binding("v", "cycle('severity')", "Severity", show=False, tooltip="Filter: any severity, minor or worse, major or worse, critical", id="review.filter_severity"),
    Binding("c", "cycle('category')", "Category", show=False, tooltip="Filter: each MQM dimension that has flags, or any", id="review.filter_category"),
    Binding("w", "cycle('author')", "Author", show=False, tooltip="Filter: each author who raised flags, or any", id="review.filter_author"),
    Binding("0", "clear_filters", "All", show=False, tooltip="Clear the filters", id="review.clear_filters"),
    Binding("j", "cursor('down')", "Down", show=False, tooltip="Next flag", id="review.flags_down"),
    Binding("k", "cursor('up')", "Up", show=False, tooltip="Previous flag", id="review.flags_up"),
    Binding("escape", "leave", "Rows", tooltip="Back to the rows (the panel stays; F hides it)", id="review.flags_leave"),
]


@dataclass(frozen=True)
class Entry:
    """One line of the panel: a stored flag or a QA proposal, and the row it is on now."""

    key: str  # "f<id>" for a flag, "q<n>" for the n-th proposal of the last QA run
    flag: Flag
    row: int | None
    proposal: bool


@dataclass
class Filters:
    status: str | None = None
    severity: str | None = None  # minimum severity
    category: str | None = None  # an MQM dimension ("Accuracy") or a bare category
    author: str | None = None

    def describe(self) -> str:
        return " · ".join([
            f"status: {self.status or 'all'}",
            f"severity: {self.severity + '+' if self.severity and self.severity != 'critical' else self.severity or 'any'}",
            f"category: {self.category or 'any'}",
            f"author: {self.author or 'any'}"])

    def keep(self, e: Entry) -> bool:
        f = e.flag
        status = "proposed" if e.proposal else f.status
        if self.status is not None and status != self.status:
            return False
        return bool(review.filter_flags([f], category=self.category, min_severity=self.severity,
                                        author=self.author))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def dimension(category: str) -> str:
    return category.split("/")[0]


class FlagsPanel(BottomPanel):
    """Flags and QA proposals of the document, with filters and the MQM score."""

    DEFAULT_CSS = """
    FlagsPanel {
        display: none; height: 40%; min-height: 8; max-height: 24;
        border-top: solid $primary 60%; background: $panel;
    }
    FlagsPanel.shown { display: block; }
    FlagsPanel #flags-title { height: 1; padding: 0 1; text-style: bold; color: $text-accent;
                              width: 1fr; }
    FlagsPanel #flags-filter { height: 1; padding: 0 1; width: 1fr; }
    FlagsPanel DataTable { height: 1fr; background: $panel; scrollbar-size-horizontal: 0; }
    """
    BINDINGS = KEYS

    def __init__(self) -> None:
        super().__init__(id="flags-panel")
        self.filters = Filters()
        self.entries: list[Entry] = []  # the ones the filters keep, as shown
        self._shown_with: tuple[list[Entry], Text | str] = ([], "Flags")  # all, and the title
        self._followed: str | None = None  # the entry the rows' cursor was last moved to

    def compose(self) -> ComposeResult:
        yield Label("Flags", id="flags-title")
        yield Label(self.filters.describe(), id="flags-filter")
        table = DataTable(id="flags-table", cursor_type="row", zebra_stripes=True)
        for label, key in (("#", "id"), ("row", "row"), ("severity", "severity"),
                           ("category", "category"), ("status", "status"), ("by", "author"),
                           ("comment", "comment")):
            table.add_column(label, key=key)
        yield table

    def show(self, entries: list[Entry], title: Text | str) -> None:
        """Fill the table with the entries the filters keep (the selection stays put)."""
        self._shown_with = (entries, title)
        table = self.table
        old = self.selected.key if self.selected is not None else None
        old_at = table.cursor_row
        self.entries = [e for e in entries if self.filters.keep(e)]
        table.clear()
        width = max(60, self.size.width or self.app.size.width)
        for e in self.entries:
            f = e.flag
            status = "proposed" if e.proposal else f.status
            comment = f.comment or ""
            if f.suggestion:
                comment += f" → {f.suggestion}"
            table.add_row(
                "QA" if e.proposal else str(f.id),
                "—" if e.row is None else str(e.row + 1),
                Text(f.severity, style=SEVERITY_STYLES[f.severity]),
                _cut(f.category, 24),
                Text(status, style="bold" if status in ("open", "proposed") else "dim"),
                _cut(f.author, 10), _cut(comment, max(20, width - 70)), key=e.key)
        self.query_one("#flags-title", Label).update(title)
        self.query_one("#flags-filter", Label).update(
            Text.assemble(("filter ", "bold"), self.filters.describe(),
                          (f" · {len(self.entries)} shown (s v c w: filter, 0: all)", "dim")))
        keys = [e.key for e in self.entries]
        if self.entries:
            at = keys.index(old) if old in keys else min(max(0, old_at), len(keys) - 1)
            table.move_cursor(row=at, animate=False)
            self._followed = keys[at]  # a rebuild does not move the rows' cursor

    def on_resize(self) -> None:
        if self.shown:  # the columns follow the width
            self.show(*self._shown_with)

    @property
    def selected(self) -> Entry | None:
        row = self.table.cursor_row
        return self.entries[row] if self.entries and 0 <= row < len(self.entries) else None

    @on(DataTable.RowHighlighted)
    def _follow(self, event: DataTable.RowHighlighted) -> None:
        """The rows' cursor follows the selection, so the flagged row shows above."""
        event.stop()
        e = self.selected
        if e is not None and e.key != self._followed:
            self._followed = e.key
            if e.row is not None:
                self.post_message(self.RowChosen(e.row))

    @on(DataTable.RowSelected)
    def _enter(self, event: DataTable.RowSelected) -> None:
        event.stop()
        e = self.selected
        if e is not None:
            if e.row is None:
                self.notify("This flag is detached: its sentences were split away.",
                            severity="warning")
                return
            self.post_message(self.RowChosen(e.row, go=True))

    # ------------------------------------------------------------ filters

    def action_cycle(self, what: str) -> None:
        """The next value of one filter (category and author: the values the flags have)."""
        flt = self.filters
        if what == "status":
            flt.status = STATUS_CYCLE[(STATUS_CYCLE.index(flt.status) + 1) % len(STATUS_CYCLE)]
        elif what == "severity":
            flt.severity = SEVERITY_CYCLE[(SEVERITY_CYCLE.index(flt.severity) + 1)
                                          % len(SEVERITY_CYCLE)]
        else:
            entries = self._shown_with[0]
            if what == "category":
                values = sorted({dimension(e.flag.category) for e in entries})
            else:
                values = sorted({e.flag.author for e in entries})
            cycle = [None, *values]
            now = getattr(flt, what)
            setattr(flt, what, cycle[(cycle.index(now) + 1) % len(cycle)] if now in cycle
                    else None)
        self.show(*self._shown_with)

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.show(*self._shown_with)
