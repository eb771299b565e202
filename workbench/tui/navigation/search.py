"""The navigation area's go to row (``:``) and search (``/``, then ``n`` / ``N``).

The search text lives here (the status line shows it, the view highlights it); a search never
changes the document.
"""

from __future__ import annotations

from ..common.dialogs import PromptDialog
from ..context import Context


class Search:
    """Go to a row number; find text on both sides, row by row."""

    #: made ready in a quiet moment (Context.prepare_dialogs), then shown again and again
    dialogs = (PromptDialog,)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.query = ""  # as typed (the view keeps it lower-cased for highlighting)

    def goto(self) -> None:
        ctx = self.ctx
        n = len(ctx.doc.beads)
        if n == 0:
            return

        def answer(value: str | None) -> None:
            if not value:
                return
            try:
                row = int(value)
            except ValueError:
                ctx.notify(f"{value!r} is not a row number.", severity="warning")
                return
            if not 1 <= row <= n:
                ctx.notify(f"There are rows 1 to {n}.", severity="warning")
            ctx.view.move_to(min(max(row, 1), n) - 1, k=0, top=True)

        ctx.dialog(PromptDialog, answer, "Go to row", f"a number from 1 to {n} · esc: cancel",
                   integer=True, placeholder=f"1-{n}")

    def search(self) -> None:
        ctx = self.ctx

        def answer(value: str | None) -> None:
            if value is None:
                return
            self.query = value.strip()
            ctx.view.query = self.query.lower()
            ctx.view.refresh_rows()
            ctx.refresh_status()
            if self.query:
                self.find(1, include_current=True)

        ctx.dialog(
            PromptDialog, answer,
            "Search both sides", "text to find (case does not matter) · then n / N: next / "
            "previous · empty: clear", self.query)

    def next_match(self) -> None:
        self.find(1)

    def prev_match(self) -> None:
        self.find(-1)

    def _hits(self, row: int) -> list[tuple[int, int]]:
        """(side index, sentence index) of every sentence of ``row`` holding the search text."""
        doc, q = self.ctx.doc, self.ctx.view.query
        bead = doc.beads[row]
        return [(si, k) for si, side in enumerate(("src", "tgt"))
                for k, sid in enumerate(getattr(bead, side))
                if q in doc.side(side).get(sid).text.lower()]

    def find(self, step: int, include_current: bool = False) -> None:
        """The next (step 1) or previous (-1) sentence holding the search text, wrapping.

        Sentences are ordered by row, then Russian before English, then position, so n walks
        every hit once, also two hits in the same row.
        """
        ctx = self.ctx
        v = ctx.view
        if not v.query:
            ctx.notify("Nothing to search for: press / first.", severity="warning", timeout=3)
            return
        n = len(ctx.doc.beads)
        if n == 0:
            return
        here = (0 if v.side == "src" else 1, v.k)
        for j in range(n + 1):
            row = (v.row + j * step) % n
            hits = self._hits(row)
            if step < 0:
                hits.reverse()
            for hit in hits:
                if j == 0:
                    ok = hit == here and include_current or (hit > here if step > 0 else hit < here)
                elif j == n:
                    ok = hit <= here if step > 0 else hit >= here
                else:
                    ok = True
                if ok:
                    if j and (j == n or (row < v.row if step > 0 else row > v.row)):
                        ctx.notify("Search wrapped around.", timeout=2)
                    v.move_to(row, ("src", "tgt")[hit[0]], hit[1], top=True)
                    return
        ctx.notify(f"{self.query!r} is not in the document.", severity="warning")
