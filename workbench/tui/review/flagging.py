"""The review area's keys on the rows: flag the cursor's row (``f``) and jump between rows
with open flags (``o`` / ``O``).

Flags live in the document (``flags:``), so flagging is an undoable edit from
:mod:`workbench.core.review`; the dialog (:class:`.flag_dialog.FlagDialog`) only answers. The
author of a new flag is the session's user (``workbench open --user``).
"""

from __future__ import annotations

from rich.text import Text

from ...core import review
from ...core.review import Span
from ...core.textio import lang_name
from ..context import Context
from ..terms.marks import Marks
from .flag_dialog import FlagAnswer, FlagDialog


class Flagging:
    """Flag a row, a sentence, a word or any words of it; go to the flagged rows."""

    #: made ready in a quiet moment (Context.prepare_dialogs), then shown again and again
    dialogs = (FlagDialog,)

    def __init__(self, ctx: Context, marks: Marks, user: str) -> None:
        self.ctx = ctx
        self.marks = marks  # which rows have open flags, and the misspelt word z is on
        self.user = user

    def flag_row(self) -> None:
        ctx = self.ctx
        if not ctx.doc.beads:
            ctx.notify("There are no rows yet.", severity="warning")
            return
        v = ctx.view
        row, side, sid = v.row, v.side, v.current_sentence
        lang = ctx.lang(side)
        scopes = [("row", f"row {row + 1}")]
        text = ""
        word = None
        if sid is not None:
            text = ctx.doc.side(side).get(sid).text
            scopes.append(("sentence", f"this {lang_name(lang)} sentence"))
            cur = self.marks.current
            if cur is not None and cur[:2] == (side, sid) and text[cur[2]:cur[3]] == cur[4]:
                word = cur
                scopes.append(("word", f"“{cur[4]}”"))
        context = Text.assemble((f"{lang_name(lang)}: ", "bold"),
                                text[:150] + ("…" if len(text) > 150 else ""))

        def find(words: str) -> Span | None:
            return review.find_span(ctx.doc, row, words, (side, sid) if sid is not None else None)

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
            if ctx.apply(lambda: review.add_flag(
                    ctx.doc, row, answer.category, answer.severity, comment=answer.comment,
                    span=span, suggestion=answer.suggestion, author=self.user),
                    keep_row=True) is not None:
                ctx.notify(f"Row {row + 1} flagged: {answer.category}, {answer.severity} "
                           "(F lists the flags, u undoes)", timeout=3)

        ctx.dialog(FlagDialog, done, f"Flag row {row + 1} · by {self.user}", context,
                   scopes=scopes, find_words=find)

    # ------------------------------------------------------------ jumps

    def _jump(self, step: int) -> None:
        rows = self.marks.flagged_rows()
        view = self.ctx.view
        here = view.row
        later = [r for r in rows if (r > here if step > 0 else r < here)]
        if not later:
            self.ctx.notify(f"No open flag {'below' if step > 0 else 'above'}.", timeout=2)
            return
        view.move_to(later[0] if step > 0 else later[-1], k=0, top=True)

    def next_flag(self) -> None:
        self._jump(1)

    def prev_flag(self) -> None:
        self._jump(-1)
