"""The navigation area's cursor keys and jumps to rows that need a look.

None of this changes the document. Jumps scan the bead list (10,000 rows: ~2 ms) rather than
keeping indexes that every edit would have to update.
"""

from __future__ import annotations

from typing import Callable

from ...core.confidence import LOW
from ...core.document import Bead
from ..context import Context


def _low(b: Bead) -> bool:
    return b.confidence is not None and b.confidence < LOW and not b.confirmed


def _unconfirmed(b: Bead) -> bool:
    return not b.confirmed


def _irregular(b: Bead) -> bool:
    return b.kind != "1-1"


class Moves:
    """Keys that move the cursor of the rows view."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------ cursor keys

    def down(self) -> None:
        v = self.ctx.view
        v.move_to(v.row + 1, k=0)

    def up(self) -> None:
        v = self.ctx.view
        v.move_to(v.row - 1, k=0)

    def sentence_down(self) -> None:
        v = self.ctx.view
        if v.k + 1 < len(v.sentence_ids()):
            v.move_to(v.row, k=v.k + 1, choose=True)
        else:
            v.move_to(v.row + 1, k=0)

    def sentence_up(self) -> None:
        v = self.ctx.view
        if v.k > 0:
            v.move_to(v.row, k=v.k - 1, choose=True)
        elif v.row > 0:
            v.move_to(v.row - 1, k=-1)

    def switch_side(self) -> None:
        v = self.ctx.view
        v.set_side("tgt" if v.side == "src" else "src")

    def source_side(self) -> None:
        self.ctx.view.set_side("src")

    def target_side(self) -> None:
        self.ctx.view.set_side("tgt")

    def page_down(self) -> None:
        self.ctx.view.page(1)

    def page_up(self) -> None:
        self.ctx.view.page(-1)

    def first_row(self) -> None:
        self.ctx.view.move_to(0, k=0)

    def last_row(self) -> None:
        v = self.ctx.view
        v.move_to(v.row_count - 1, k=0)

    # ------------------------------------------------------------ jumps

    def _jump(self, test: Callable[[Bead], bool], step: int, what: str) -> None:
        beads, v = self.ctx.doc.beads, self.ctx.view
        rng = range(v.row + 1, len(beads)) if step > 0 else range(v.row - 1, -1, -1)
        for i in rng:
            if test(beads[i]):
                v.move_to(i, k=0, top=True)
                return
        self.ctx.notify(f"No {what} {'below' if step > 0 else 'above'}.", timeout=2)

    def next_weak(self) -> None:
        self._jump(_low, 1, "low-confidence row")

    def prev_weak(self) -> None:
        self._jump(_low, -1, "low-confidence row")

    def next_proposed(self) -> None:
        self._jump(_unconfirmed, 1, "unconfirmed row")

    def prev_proposed(self) -> None:
        self._jump(_unconfirmed, -1, "unconfirmed row")

    def next_irregular(self) -> None:
        self._jump(_irregular, 1, "row other than 1-1")

    def prev_irregular(self) -> None:
        self._jump(_irregular, -1, "row other than 1-1")
