"""Review in the UI: flag a row, the flags panel, QA proposals, the MQM score.

A mixin of the App plus the panel widget. Flags live in the document (``flags:``), so every
change here is an undoable edit from :mod:`workbench.core.review` applied through History:
add (``f``, :class:`~.flag_dialog.FlagDialog`), edit, resolve, reopen, dismiss, delete, apply
a suggestion.

The panel (``F``) lists the flags with the row each is on now, the MQM score in its title
(open and resolved flags count, dismissed ones do not: :func:`workbench.core.mqm.score`), and
filters cycled by one key each (status, minimum severity, category dimension, author). Moving
in the list moves the rows' cursor to the flag's row; enter goes there.

QA (``Q``) runs :func:`workbench.core.qa.propose` in a thread on a snapshot. Its proposals
are not written to the document: they are listed in the panel as ``proposed``, and ``y``
stores one as an open flag, ``x`` as a dismissed one (so the check never proposes it again),
both undoable. A proposal whose key is among the document's flags is not listed, so undoing
an accept brings it back to the list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from ..core import mqm, qa, review
from ..core.errors import WorkbenchError
from ..core.review import SEVERITY_STYLES, Flag, Span
from ..core.textio import lang_name
from .flag_dialog import FlagAnswer, FlagDialog
from .marks import snapshot
from .screens import TableNavigation

STATUS_CYCLE = (None, "open", "proposed", "resolved", "dismissed")
SEVERITY_CYCLE = (None, "minor", "major", "critical")

PANEL_BINDINGS = [
    Binding("r", "act('resolve')", "Resolve", tooltip="Resolve the selected flag (fixed; it still counts in the score)", id="flags.resolve"),
    Binding("o", "act('reopen')", "Reopen", tooltip="Open the selected flag again", id="flags.reopen"),
    Binding("x", "act('dismiss')", "Dismiss", tooltip="Dismiss the selected flag or QA proposal (a false alarm: no score, never proposed again)", id="flags.dismiss"),
    Binding("y", "act('accept')", "Accept", tooltip="Accept the selected QA proposal as an open flag", id="flags.accept"),
    Binding("Y", "act('accept_all')", "Accept all", show=False, tooltip="Accept every QA proposal shown", id="flags.accept_all"),
    Binding("A", "act('apply')", "Apply", show=False, tooltip="Apply the selected flag's suggestion to the text and resolve it", id="flags.apply"),
    Binding("e", "act('edit')", "Edit", tooltip="Edit the selected flag (category, severity, comment, suggestion)", id="flags.edit"),
    Binding("D,delete", "act('delete')", "Delete", show=False, tooltip="Delete the selected flag (dismiss a QA flag instead)", id="flags.delete"),
    Binding("s", "cycle('status')", "Status", tooltip="Filter: all, open, proposed, resolved, dismissed", id="flags.status"),
    Binding("v", "cycle('severity')", "Severity", show=False, tooltip="Filter: any severity, minor or worse, major or worse, critical", id="flags.severity"),
    Binding("c", "cycle('category')", "Category", show=False, tooltip="Filter: each MQM dimension that has flags, or any", id="flags.category"),
    Binding("w", "cycle('author')", "Author", show=False, tooltip="Filter: each author who raised flags, or any", id="flags.author"),
    Binding("0", "clear_filters", "All", show=False, tooltip="Clear the filters", id="flags.clear"),
    Binding("j", "cursor('down')", "Down", show=False, tooltip="Next flag", id="flags.down"),
    Binding("k", "cursor('up')", "Up", show=False, tooltip="Previous flag", id="flags.up"),
    Binding("escape", "leave", "Rows", tooltip="Back to the rows (the panel stays; F hides it)", id="flags.leave"),
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


class FlagsPanel(TableNavigation, Vertical):
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
    BINDINGS = PANEL_BINDINGS

    def __init__(self) -> None:
        super().__init__(id="flags-panel")
        self.filters = Filters()
        self.entries: list[Entry] = []
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

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def show(self, entries: list[Entry], title: Text | str) -> None:
        """Fill the table with the entries the filters keep (the selection stays put)."""
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
        self.app.refresh_flags_panel()  # the columns follow the width

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
                self.app.view.move_to(e.row, k=0)

    @on(DataTable.RowSelected)
    def _enter(self, event: DataTable.RowSelected) -> None:
        event.stop()
        e = self.selected
        if e is not None:
            if e.row is None:
                self.app.notify("This flag is detached: its sentences were split away.",
                                severity="warning")
                return
            self.app.view.move_to(e.row, k=0, top=True)
            self.app.view.focus()

    def action_act(self, what: str) -> None:
        self.app.flag_act(what, self.selected)

    def action_cycle(self, what: str) -> None:
        self.app.flags_cycle_filter(what)

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.app.refresh_flags_panel()


class ReviewMixin:
    """Review actions of :class:`WorkbenchApp`: flag dialog, flags panel, QA, jumps."""

    qa_proposals: list[Flag]
    user: str

    @property
    def flags_panel(self) -> FlagsPanel:
        return self.main_screen.query_one(FlagsPanel)

    # ------------------------------------------------------------ flagging a row

    def action_flag_row(self) -> None:
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return
        v = self.view
        row, side, sid = v.row, v.side, v.current_sentence
        lang = self.lang(side)
        scopes = [("row", f"row {row + 1}")]
        text = ""
        word = None
        if sid is not None:
            text = self.doc.side(side).get(sid).text
            scopes.append(("sentence", f"this {lang_name(lang)} sentence"))
            cur = self.marks.current
            if cur is not None and cur[:2] == (side, sid) and text[cur[2]:cur[3]] == cur[4]:
                word = cur
                scopes.append(("word", f"“{cur[4]}”"))
        context = Text.assemble((f"{lang_name(lang)}: ", "bold"),
                                text[:150] + ("…" if len(text) > 150 else ""))

        def done(answer: FlagAnswer | None) -> None:
            if answer is None:
                return
            span = None
            if answer.words:
                span = find(answer.words)
            elif answer.scope == "sentence" and sid is not None:
                span = Span(side, sid, 0, len(text))
            elif answer.scope == "word" and word is not None:
                span = Span(side, sid, word[2], word[3])
            if self.run_operation(lambda: review.add_flag(
                    self.doc, row, answer.category, answer.severity, comment=answer.comment,
                    span=span, suggestion=answer.suggestion, author=self.user),
                    keep_row=True) is not None:
                self.notify(f"Row {row + 1} flagged: {answer.category}, {answer.severity} "
                            "(F lists the flags, u undoes)", timeout=3)
        def find(words: str) -> Span | None:
            return review.find_span(self.doc, row, words, (side, sid) if sid is not None else None)

        self.push_screen(FlagDialog(f"Flag row {row + 1} · by {self.user}", context,
                                    scopes=scopes, find_words=find), done)

    # ------------------------------------------------------------ jumps

    def _flag_jump(self, step: int) -> None:
        rows = self.marks.flagged_rows()
        here = self.view.row
        later = [r for r in rows if (r > here if step > 0 else r < here)]
        if not later:
            self.notify(f"No open flag {'below' if step > 0 else 'above'}.", timeout=2)
            return
        self.view.move_to(later[0] if step > 0 else later[-1], k=0, top=True)

    def action_next_flag(self) -> None:
        self._flag_jump(1)

    def action_prev_flag(self) -> None:
        self._flag_jump(-1)

    # ------------------------------------------------------------ the panel

    def action_flags_panel(self) -> None:
        self.toggle_panel(self.flags_panel, self.refresh_flags_panel)

    def flag_entries(self) -> list[Entry]:
        """Stored flags and the QA proposals not stored yet, by row."""
        doc = self.doc
        index = review.RowIndex(doc)
        stored = review.flags(doc)
        keys = {f.key for f in stored if f.key}
        entries = [Entry(f"f{f.id}", f, index.row(f), False) for f in stored]
        for n, p in enumerate(self.qa_proposals):
            if p.key not in keys:
                entries.append(Entry(f"q{n}", p, index.row(p), True))
        big = len(doc.beads) + 1
        return sorted(entries, key=lambda e: (big if e.row is None else e.row, e.proposal,
                                              e.flag.id))

    def mqm_title(self, entries: list[Entry]) -> Text:
        """The panel's title: flags by status, the MQM score, proposals waiting."""
        key = (id(self.doc), self.history.version)
        if getattr(self, "_score_key", None) != key:
            self._score_key, self._score = key, mqm.score(self.doc)
        score = self._score
        count = {s: sum(not e.proposal and e.flag.status == s for e in entries)
                 for s in review.FLAG_STATUSES}
        waiting = sum(1 for e in entries if e.proposal)
        return Text.assemble(
            ("Flags ", "bold"), f"{count['open']} open · {count['resolved']} resolved · "
            f"{count['dismissed']} dismissed", (" │ ", "dim"),
            ("MQM ", "bold"), f"{score.total:g} point{'s' * (score.total != 1)} · "
            f"{score.per_1000:.1f} per 1,000 words",
            (f" │ {waiting} QA proposal{'s' * (waiting != 1)}" if waiting else "", "bold"))

    def refresh_flags_panel(self) -> None:
        panel = self.flags_panel
        if panel.has_class("shown"):
            entries = self.flag_entries()
            panel.show(entries, self.mqm_title(entries))

    def flags_cycle_filter(self, what: str) -> None:
        panel = self.flags_panel
        flt = panel.filters
        if what == "status":
            flt.status = STATUS_CYCLE[(STATUS_CYCLE.index(flt.status) + 1) % len(STATUS_CYCLE)]
        elif what == "severity":
            flt.severity = SEVERITY_CYCLE[(SEVERITY_CYCLE.index(flt.severity) + 1)
                                          % len(SEVERITY_CYCLE)]
        else:
            entries = self.flag_entries()
            if what == "category":
                values = sorted({dimension(e.flag.category) for e in entries})
            else:
                values = sorted({e.flag.author for e in entries})
            cycle = [None, *values]
            now = getattr(flt, what)
            nxt = cycle[(cycle.index(now) + 1) % len(cycle)] if now in cycle else None
            setattr(flt, what, nxt)
        self.refresh_flags_panel()

    # ------------------------------------------------------------ acting on a flag

    def flag_act(self, what: str, entry: Entry | None) -> None:
        if what == "accept_all":
            props = [e.flag for e in self.flags_panel.entries if e.proposal]
            if not props:
                self.notify("No QA proposals shown: Q runs QA.", timeout=3)
                return
            if self.run_operation(lambda: qa.write_proposals(self.doc, props),
                                  keep_row=True) is not None:
                self.notify(f"{len(props)} proposals accepted as open flags (u undoes).",
                            timeout=3)
            return
        if entry is None:
            self.notify("No flag selected.", timeout=2)
            return
        f, doc = entry.flag, self.doc
        if entry.proposal:
            if what in ("accept", "dismiss"):
                status = "open" if what == "accept" else "dismissed"
                stored = replace(f, status=status)
                if self.run_operation(lambda: review.add_flags(
                        doc, [stored], label=f"{what} QA proposal"), keep_row=True) is not None:
                    self.notify("Proposal accepted as an open flag." if what == "accept" else
                                "Proposal dismissed: QA will not propose it again.", timeout=3)
            else:
                self.notify("This is a QA proposal: y accepts it, x dismisses it.", timeout=3)
            return
        if what == "accept":
            self.notify("Only QA proposals are accepted: r resolves a flag.", timeout=3)
            return
        if what == "edit":
            self._edit_flag(f)
            return
        build = {"resolve": review.resolve_flag, "reopen": review.reopen_flag,
                 "dismiss": review.dismiss_flag, "delete": review.delete_flag,
                 "apply": review.accept_suggestion}[what]
        done = {"resolve": "resolved", "reopen": "open again", "dismiss": "dismissed",
                "delete": "deleted", "apply": "applied and resolved"}[what]
        if self.run_operation(lambda: build(doc, f.id), keep_row=True) is not None:
            self.notify(f"Flag {f.id} {done} (u undoes).", timeout=2)

    def _edit_flag(self, f: Flag) -> None:
        row = review.flag_row(self.doc, f)
        what = "the whole row" if f.span is None else (
            f"“{review.span_text(self.doc, f)}”" if f.span.end - f.span.start < 40
            else "a sentence")

        def done(answer: FlagAnswer | None) -> None:
            if answer is None:
                return
            self.run_operation(lambda: review.edit_flag(
                self.doc, f.id, category=answer.category, severity=answer.severity,
                comment=answer.comment, suggestion=answer.suggestion), keep_row=True)
        self.push_screen(FlagDialog(
            f"Edit flag {f.id} · row {'—' if row is None else row + 1} · by {f.author}",
            scopes=[("keep", what)], flag=f), done)

    # ------------------------------------------------------------ QA

    def action_run_qa(self) -> None:
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return
        snap, user = snapshot(self.doc), self.user

        def run() -> None:
            try:
                props = qa.propose(snap, author=user)
            except WorkbenchError as exc:
                self.call_from_thread(self.notify, f"QA failed: {exc}", severity="error")
                return
            try:
                self.call_from_thread(self._qa_done, props)
            except RuntimeError:
                pass

        self.notify("Running the QA checks…", timeout=2)
        self.run_worker(run, thread=True, group="qa", name="qa", exclusive=True)

    def _qa_done(self, props: list[Flag]) -> None:
        # earlier proposals that are stored now stay known, so that undoing their accept or
        # dismissal lists them again
        stored = {f.key for f in review.flags(self.doc) if f.key}
        new = {p.key for p in props}
        self.qa_proposals = props + [p for p in self.qa_proposals
                                     if p.key in stored and p.key not in new]
        panel = self.flags_panel
        if props:
            panel.filters = Filters(status="proposed")
        if not panel.has_class("shown"):
            self.toggle_panel(panel, self.refresh_flags_panel)
        else:
            self.refresh_flags_panel()
            panel.table.focus()
        self.notify(f"QA: {len(props)} new proposal{'s' * (len(props) != 1)}"
                    + (" (y accepts, x dismisses, Y accepts all; s shows the other flags)"
                       if props else " (everything it checks is fine, or already flagged)"),
                    timeout=5)


