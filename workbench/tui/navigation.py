"""Moving around: cursor keys, jumps to rows that need a look, go to row, search.

A mixin of the App so that ``app.py`` stays about changing the document; none of this
changes it. Jumps scan the bead list (10,000 rows: ~2 ms) rather than keeping indexes that
every edit would have to update.
"""

from __future__ import annotations

from typing import Callable

from ..core.confidence import LOW
from ..core.document import Bead
from .alignment_view import AlignmentView
from .screens import PromptDialog


def _low(b: Bead) -> bool:
    return b.confidence is not None and b.confidence < LOW and not b.confirmed


def _unconfirmed(b: Bead) -> bool:
    return not b.confirmed


def _irregular(b: Bead) -> bool:
    return b.kind != "1-1"


class NavigationMixin:
    """Actions that move the cursor of the alignment view (``self.view``)."""

    view: AlignmentView

    # ------------------------------------------------------------ cursor keys

    def action_cursor_down(self) -> None:
        self.view.move_to(self.view.row + 1, k=0)

    def action_cursor_up(self) -> None:
        self.view.move_to(self.view.row - 1, k=0)

    def action_sentence_down(self) -> None:
        v = self.view
        if v.k + 1 < len(v.sentence_ids()):
            v.move_to(v.row, k=v.k + 1, choose=True)
        else:
            v.move_to(v.row + 1, k=0)

    def action_sentence_up(self) -> None:
        v = self.view
        if v.k > 0:
            v.move_to(v.row, k=v.k - 1, choose=True)
        elif v.row > 0:
            v.move_to(v.row - 1, k=-1)

    def action_switch_side(self) -> None:
        self.view.set_side("tgt" if self.view.side == "src" else "src")

    def action_side(self, side: str) -> None:
        self.view.set_side(side)

    def action_page_down(self) -> None:
        self.view.page(1)

    def action_page_up(self) -> None:
        self.view.page(-1)

    def action_first_row(self) -> None:
        self.view.move_to(0, k=0)

    def action_last_row(self) -> None:
        self.view.move_to(self.view.row_count - 1, k=0)

    # ------------------------------------------------------------ jumps

    def _jump(self, test: Callable[[Bead], bool], step: int, what: str) -> None:
        beads = self.doc.beads
        rng = range(self.view.row + 1, len(beads)) if step > 0 else range(self.view.row - 1, -1, -1)
        for i in rng:
            if test(beads[i]):
                self.view.move_to(i, k=0, top=True)
                return
        self.notify(f"No {what} {'below' if step > 0 else 'above'}.", timeout=2)

    def action_next_low(self) -> None:
        self._jump(_low, 1, "low-confidence row")

    def action_prev_low(self) -> None:
        self._jump(_low, -1, "low-confidence row")

    def action_next_unconfirmed(self) -> None:
        self._jump(_unconfirmed, 1, "unconfirmed row")

    def action_prev_unconfirmed(self) -> None:
        self._jump(_unconfirmed, -1, "unconfirmed row")

    def action_next_irregular(self) -> None:
        self._jump(_irregular, 1, "row other than 1-1")

    def action_prev_irregular(self) -> None:
        self._jump(_irregular, -1, "row other than 1-1")

    # ------------------------------------------------------------ go to, search

    def action_goto(self) -> None:
        n = len(self.doc.beads)
        if n == 0:
            return

        def answer(value: str | None) -> None:
            if not value:
                return
            try:
                row = int(value)
            except ValueError:
                self.notify(f"{value!r} is not a row number.", severity="warning")
                return
            if not 1 <= row <= n:
                self.notify(f"There are rows 1 to {n}.", severity="warning")
            self.view.move_to(min(max(row, 1), n) - 1, k=0, top=True)

        self.push_screen(PromptDialog("Go to row", f"a number from 1 to {n} · esc: cancel",
                                      integer=True, placeholder=f"1-{n}"), answer)

    def action_search(self) -> None:
        def answer(value: str | None) -> None:
            if value is None:
                return
            self.search_query = value.strip()
            self.view.query = self.search_query.lower()
            self.view.refresh_rows()
            self.update_status()
            if self.search_query:
                self.find(1, include_current=True)

        self.push_screen(PromptDialog(
            "Search both sides", "text to find (case does not matter) · then n / N: next / "
            "previous · empty: clear", self.search_query), answer)

    def action_search_next(self) -> None:
        self.find(1)

    def action_search_prev(self) -> None:
        self.find(-1)

    def _hits(self, row: int) -> list[tuple[int, int]]:
        """(side index, sentence index) of every sentence of ``row`` holding the search text."""
        doc, q = self.doc, self.view.query
        bead = doc.beads[row]
        return [(si, k) for si, side in enumerate(("src", "tgt"))
                for k, sid in enumerate(getattr(bead, side))
                if q in doc.side(side).get(sid).text.lower()]

    def find(self, step: int, include_current: bool = False) -> None:
        """The next (step 1) or previous (-1) sentence holding the search text, wrapping.

        Sentences are ordered by row, then Russian before English, then position, so n walks
        every hit once, also two hits in the same row.
        """
        v = self.view
        if not v.query:
            self.notify("Nothing to search for: press / first.", severity="warning", timeout=3)
            return
        n = len(self.doc.beads)
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
                        self.notify("Search wrapped around.", timeout=2)
                    v.move_to(row, ("src", "tgt")[hit[0]], hit[1], top=True)
                    return
        self.notify(f"{self.search_query!r} is not in the document.", severity="warning")
