"""The rows area's keys: fix the alignment (move, merge, split, detach, add a row, confirm),
fix sentences (edit, split, join), and undo / redo.

Each key builds an Edit with ``workbench.core.operations`` and hands it to
:meth:`~workbench.tui.context.Context.apply`, so every change is one undoable, journaled step.
"""

from __future__ import annotations

from typing import Callable

from ...core import operations as ops
from ...core.operations import Edit
from ...core.textio import lang_name
from ..context import Context
from .sentence_dialogs import EditDialog, SentenceInfo, SplitDialog


class Editing:
    """Row and sentence operations on the cursor's row, and the undo history."""

    #: made ready in a quiet moment (Context.prepare_dialogs), then shown again and again
    dialogs = (EditDialog, SplitDialog)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------ rows

    def move_up(self) -> None:
        ctx, v = self.ctx, self.ctx.view
        ctx.apply(lambda: ops.move_first_up(ctx.doc, v.row, v.side), prefer_last=True)

    def move_down(self) -> None:
        ctx, v = self.ctx, self.ctx.view
        ctx.apply(lambda: ops.move_last_down(ctx.doc, v.row, v.side))

    def merge(self) -> None:
        ctx = self.ctx
        ctx.apply(lambda: ops.merge_with_next(ctx.doc, ctx.view.row))

    def split_row(self) -> None:
        """Split before the current sentence; on the other side before the sentence last
        chosen there in this row, else at the same index when that leaves sentences on both
        sides of the cut; else this side only, the other side's sentences staying with the
        larger part (a title glued onto a row becomes a 0-1 or 1-0 row of its own)."""
        ctx, v = self.ctx, self.ctx.view
        bead = ctx.doc.beads[v.row] if ctx.doc.beads else None
        if bead is None:
            return
        other = "tgt" if v.side == "src" else "src"
        here, there = len(getattr(bead, v.side)), len(getattr(bead, other))
        if other in v.side_k:
            at_other = v.side_k[other]
        elif 0 < v.k < there:
            at_other = v.k
        else:
            at_other = 0 if v.k <= here - v.k else there
        at = {v.side: v.k, other: at_other}
        ctx.apply(lambda: ops.split_row(ctx.doc, v.row, at["src"], at["tgt"]))

    def insert_row(self) -> None:
        ctx, v = self.ctx, self.ctx.view
        ctx.apply(lambda: ops.insert_empty_row(ctx.doc, v.row + 1 if ctx.doc.beads else 0))

    def detach(self) -> None:
        ctx, v = self.ctx, self.ctx.view
        ctx.apply(lambda: ops.detach(ctx.doc, v.row, v.side))

    def confirm(self) -> None:
        """Confirm the row and go to the next (a confirmed row just advances)."""
        ctx, v = self.ctx, self.ctx.view
        if not ctx.doc.beads:
            return
        if not ctx.doc.beads[v.row].confirmed:
            if ctx.apply(lambda: ops.confirm(ctx.doc, v.row)) is None:
                return
        v.move_to(v.row + 1, v.side, 0)

    def confirm_above(self) -> None:
        ctx = self.ctx
        ctx.apply(lambda: ops.confirm_through(ctx.doc, ctx.view.row), keep_row=True)

    def unconfirm(self) -> None:
        ctx = self.ctx
        ctx.apply(lambda: ops.unconfirm(ctx.doc, ctx.view.row), keep_row=True)

    # ------------------------------------------------------------ sentences

    def _sentence_info(self) -> SentenceInfo | None:
        ctx, v = self.ctx, self.ctx.view
        if not ctx.doc.beads:
            ctx.notify("There are no rows yet.", severity="warning")
            return None
        sid = v.current_sentence
        language = lang_name(ctx.lang(v.side))
        if sid is None:
            ctx.notify(f"No {language} sentence in this row: switch sides with tab.",
                       severity="warning")
            return None
        s = ctx.doc.side(v.side).get(sid)
        return SentenceInfo(v.row, language, s.text, s.original)

    def edit(self) -> None:
        info = self._sentence_info()
        if info is None:
            return
        ctx, v = self.ctx, self.ctx.view
        side, sid = v.side, v.current_sentence

        def done(text: str | None) -> None:
            if text is not None:
                ctx.apply(lambda: ops.edit_sentence(ctx.doc, side, sid, text), keep_row=True)
        ctx.dialog(EditDialog, done, info)

    def split_sentence(self) -> None:
        info = self._sentence_info()
        if info is None:
            return
        ctx, v = self.ctx, self.ctx.view
        side, sid, row = v.side, v.current_sentence, v.row

        def done(offset: int | None) -> None:
            if offset is not None:
                ctx.apply(lambda: ops.split_sentence(ctx.doc, side, sid, offset, row))
        ctx.dialog(SplitDialog, done, info)

    def join(self) -> None:
        ctx, v = self.ctx, self.ctx.view
        sid = v.current_sentence
        if sid is None:
            self._sentence_info()  # says why not
            return
        ctx.apply(lambda: ops.join_sentences(ctx.doc, v.side, sid, v.row))

    # ------------------------------------------------------------ history

    def undo(self) -> None:
        self._step(self.ctx.session.history.undo, "Undid", "undo", undone=True)

    def redo(self) -> None:
        self._step(self.ctx.session.history.redo, "Redid", "redo", undone=False)

    def _step(self, step: Callable[[], Edit | None], verb: str, noun: str,
              undone: bool) -> None:
        ctx = self.ctx
        if ctx.wait_notice():
            return
        view = ctx.view
        sid = view.current_sentence
        edit = step()
        if edit is None:
            ctx.notify(f"Nothing to {noun}.", timeout=2)
            return
        view.apply_edit(edit, undone=undone)
        row = edit.cursor
        if row is None:
            beads = [sp.start for sp in edit.splices if sp.target == "beads"]
            row = beads[0] if beads else view.row
        ctx.place(row, sid)
        ctx.notify(f"{verb}: {edit.label}", timeout=2)
        ctx.changed()
