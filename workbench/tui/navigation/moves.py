"""The navigation area's cursor keys and jumps to rows that need a look: the review queue.

None of this changes the document. Jumps scan the bead list (10,000 rows: ~2 ms) rather than
keeping indexes that every edit would have to update. "Weak" rows are the unconfirmed ones
below the user's threshold (``%`` sets it, remembered per user; default: the top of the
yellow band, so no yellow row is passed over); ``v`` visits the unconfirmed rows worst first.
"""

from __future__ import annotations

from typing import Callable

from ...core import user_state
from ...core.document import Bead
from ..common.dialogs import PromptDialog
from ..context import Context


def _weak_below(threshold: float) -> Callable[[Bead], bool]:
    def weak(b: Bead) -> bool:
        return b.confidence is not None and b.confidence < threshold and not b.confirmed
    return weak


def _unconfirmed(b: Bead) -> bool:
    return not b.confirmed


def _irregular(b: Bead) -> bool:
    return b.kind != "1-1"


class Moves:
    """Keys that move the cursor of the rows view."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.threshold = user_state.weak_threshold()
        self._visited: tuple[float, int] | None = None  # the queue's last stop (worst first)

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
        self._jump(_weak_below(self.threshold), 1, "low-confidence row")

    def prev_weak(self) -> None:
        self._jump(_weak_below(self.threshold), -1, "low-confidence row")

    def set_threshold(self) -> None:
        """Ask for the confidence below which a row counts as weak (``w``, the status line)."""
        def answer(value: str | None) -> None:
            if not value:
                return
            try:
                threshold = float(value.replace(",", "."))
            except ValueError:
                threshold = -1.0
            if not 0 < threshold <= 1:
                self.ctx.notify(f"{value!r} is not a confidence between 0 and 1.",
                                severity="warning")
                return
            self.threshold = threshold
            user_state.set_weak_threshold(threshold)
            self.ctx.refresh_status()
            self.ctx.notify(f"Rows below {threshold:.2f} count as weak (w / W).", timeout=3)

        self.ctx.dialog(
            PromptDialog, answer,
            "Weak rows", "w / W stop at unconfirmed rows below this confidence (0.5: red only, "
            "0.8: red and yellow) · esc: cancel", f"{self.threshold:.2f}")

    # ------------------------------------------------------------ worst first

    def _queue(self) -> list[tuple[float, int]]:
        """The unconfirmed rows, worst first: (confidence, row); a row with no confidence (made
        by hand) counts as 0."""
        return sorted((b.confidence if b.confidence is not None else 0.0, i)
                      for i, b in enumerate(self.ctx.doc.beads) if not b.confirmed)

    def next_worst(self) -> None:
        self._walk_queue(1)

    def prev_worst(self) -> None:
        self._walk_queue(-1)

    def _walk_queue(self, step: int) -> None:
        """The next (or previous) row of the queue after the last one visited: the first ``v``
        goes to the worst row, and confirming a row, or looking at another one, and pressing
        ``v`` again goes on down the queue where it was left."""
        queue = self._queue()
        if not queue:
            self.ctx.notify("Every row is confirmed.", timeout=2)
            return
        v = self.ctx.view
        here = self._visited
        if here is None:
            stop = queue[0] if step > 0 else None
        elif step > 0:
            stop = next((q for q in queue if q > here), None)
        else:
            stop = next((q for q in reversed(queue) if q < here), None)
        if stop is None:
            self.ctx.notify("No weaker row." if step < 0 else "That was the last unconfirmed "
                            "row of the queue (worst first).", timeout=2)
            return
        self._visited = stop
        v.move_to(stop[1], k=0, top=True)
        self.ctx.notify(f"Row {stop[1] + 1}: confidence {stop[0]:.2f} "
                        f"({queue.index(stop) + 1} of {len(queue)} unconfirmed, worst first)",
                        timeout=2)

    def next_proposed(self) -> None:
        self._jump(_unconfirmed, 1, "unconfirmed row")

    def prev_proposed(self) -> None:
        self._jump(_unconfirmed, -1, "unconfirmed row")

    def next_irregular(self) -> None:
        self._jump(_irregular, 1, "row other than 1-1")

    def prev_irregular(self) -> None:
        self._jump(_irregular, -1, "row other than 1-1")
