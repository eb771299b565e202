"""The review area's flags panel keys: show it (``F``), act on the selected flag, run QA (``Q``).

Every change to a flag is an undoable edit from :mod:`workbench.core.review` (resolve, reopen,
dismiss, delete, edit, apply a suggestion). QA runs :func:`workbench.core.qa.propose` in a
thread on a snapshot; its proposals are not written to the document: they are listed in the
panel as ``proposed``, and ``y`` stores one as an open flag, ``x`` as a dismissed one (so the
check never proposes it again), both undoable. A proposal whose key is among the document's
flags is not listed, so undoing an accept brings it back to the list. The MQM score (open and
resolved flags count, dismissed ones do not: :func:`workbench.core.mqm.score`) heads the panel.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from ...core import mqm, qa, review
from ...core.document import copy_document
from ...core.errors import WorkbenchError
from ...core.review import Flag
from ..context import Context
from .flag_dialog import FlagAnswer, FlagDialog
from .flags_panel import Entry, Filters, FlagsPanel

#: what the panel's keys do to a stored flag, and how the notice says it
ACTIONS = {"resolve": (review.resolve_flag, "resolved"), "reopen": (review.reopen_flag, "open again"),
           "dismiss": (review.dismiss_flag, "dismissed"), "delete": (review.delete_flag, "deleted"),
           "apply": (review.accept_suggestion, "applied and resolved")}


class FlagList:
    """The flags panel's content and keys, and the QA proposals it lists."""

    def __init__(self, ctx: Context, user: str) -> None:
        self.ctx = ctx
        self.user = user
        self.qa_proposals: list[Flag] = []  # the last QA run's, and earlier ones now stored
        self._score_key: tuple[int, int] | None = None
        self._score = None
        ctx.follow_changes(self.refresh_panel)

    @property
    def panel(self) -> FlagsPanel:
        return self.ctx.screen.query_one(FlagsPanel)

    # ------------------------------------------------------------ the panel

    def toggle_panel(self) -> None:
        self.panel.toggle(self.refresh_panel)

    def entries(self) -> list[Entry]:
        """Stored flags and the QA proposals not stored yet, by row."""
        doc = self.ctx.doc
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

    def title(self, entries: list[Entry]) -> Text:
        """The panel's title: flags by status, the MQM score, proposals waiting."""
        session = self.ctx.session
        key = (id(session.doc), session.history.version)
        if self._score_key != key:
            self._score_key, self._score = key, mqm.score(session.doc)
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

    def refresh_panel(self) -> None:
        panel = self.panel
        if panel.shown:
            entries = self.entries()
            panel.show(entries, self.title(entries))

    # ------------------------------------------------------------ the panel's keys

    def resolve(self) -> None:
        self._act("resolve")

    def reopen(self) -> None:
        self._act("reopen")

    def dismiss(self) -> None:
        self._act("dismiss")

    def delete(self) -> None:
        self._act("delete")

    def apply_suggestion(self) -> None:
        self._act("apply")

    def accept(self) -> None:
        self._act("accept")

    def accept_all(self) -> None:
        """Every QA proposal the panel shows becomes an open flag (one undo step)."""
        ctx = self.ctx
        props = [e.flag for e in self.panel.entries if e.proposal]
        if not props:
            ctx.notify("No QA proposals shown: Q runs QA.", timeout=3)
            return
        if ctx.apply(lambda: qa.write_proposals(ctx.doc, props), keep_row=True) is not None:
            ctx.notify(f"{len(props)} proposals accepted as open flags (u undoes).", timeout=3)

    def _act(self, what: str) -> None:
        ctx = self.ctx
        entry = self.panel.selected
        if entry is None:
            ctx.notify("No flag selected.", timeout=2)
            return
        f, doc = entry.flag, ctx.doc
        if entry.proposal:
            if what in ("accept", "dismiss"):
                stored = replace(f, status="open" if what == "accept" else "dismissed")
                if ctx.apply(lambda: review.add_flags(doc, [stored], label=f"{what} QA proposal"),
                             keep_row=True) is not None:
                    ctx.notify("Proposal accepted as an open flag." if what == "accept" else
                               "Proposal dismissed: QA will not propose it again.", timeout=3)
            else:
                ctx.notify("This is a QA proposal: y accepts it, x dismisses it.", timeout=3)
            return
        if what == "accept":
            ctx.notify("Only QA proposals are accepted: r resolves a flag.", timeout=3)
            return
        build, done = ACTIONS[what]
        if ctx.apply(lambda: build(doc, f.id), keep_row=True) is not None:
            ctx.notify(f"Flag {f.id} {done} (u undoes).", timeout=2)

    def edit(self) -> None:
        ctx = self.ctx
        entry = self.panel.selected
        if entry is None:
            ctx.notify("No flag selected.", timeout=2)
            return
        if entry.proposal:
            ctx.notify("This is a QA proposal: y accepts it, x dismisses it.", timeout=3)
            return
        f = entry.flag
        row = review.flag_row(ctx.doc, f)
        what = "the whole row" if f.span is None else (
            f"“{review.span_text(ctx.doc, f)}”" if f.span.end - f.span.start < 40
            else "a sentence")

        def done(answer: FlagAnswer | None) -> None:
            if answer is None:
                return
            ctx.apply(lambda: review.edit_flag(
                ctx.doc, f.id, category=answer.category, severity=answer.severity,
                comment=answer.comment, suggestion=answer.suggestion), keep_row=True)
        ctx.dialog(
            FlagDialog, done,
            f"Edit flag {f.id} · row {'—' if row is None else row + 1} · by {f.author}",
            scopes=[("keep", what)], flag=f)

    # ------------------------------------------------------------ QA

    def run_qa(self) -> None:
        ctx = self.ctx
        if not ctx.doc.beads:
            ctx.notify("There are no rows yet.", severity="warning")
            return
        snap, user = copy_document(ctx.doc), self.user

        def run() -> None:
            try:
                props = qa.propose(snap, author=user)
            except WorkbenchError as exc:
                ctx.call_from_thread(ctx.notify, f"QA failed: {exc}", severity="error")
                return
            try:
                ctx.call_from_thread(self._qa_done, props)
            except RuntimeError:
                pass

        ctx.notify("Running the QA checks…", timeout=2)
        ctx.run_worker(run, thread=True, group="qa", name="qa", exclusive=True)

    def _qa_done(self, props: list[Flag]) -> None:
        # earlier proposals that are stored now stay known, so that undoing their accept or
        # dismissal lists them again
        stored = {f.key for f in review.flags(self.ctx.doc) if f.key}
        new = {p.key for p in props}
        self.qa_proposals = props + [p for p in self.qa_proposals
                                     if p.key in stored and p.key not in new]
        panel = self.panel
        if props:
            panel.filters = Filters(status="proposed")
        if not panel.shown:
            panel.toggle(self.refresh_panel)
        else:
            self.refresh_panel()
            panel.table.focus()
        self.ctx.notify(f"QA: {len(props)} new proposal{'s' * (len(props) != 1)}"
                        + (" (y accepts, x dismisses, Y accepts all; s shows the other flags)"
                           if props else " (everything it checks is fine, or already flagged)"),
                        timeout=5)
