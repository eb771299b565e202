"""Where a document was left: reopening it puts the cursor back on that row and side.

Kept per user (:mod:`workbench.core.user_state`), never in the document: two people working
on one file each come back to their own place.
"""

from __future__ import annotations

from ...core import user_state
from ..context import Context


class LastPlace:
    """Remembers the cursor's row and side when the app quits; restores them on open."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def restore(self) -> bool:
        """Put the cursor where the document was left (False: no such place, or it is gone)."""
        place = user_state.place(self.ctx.session.path)
        beads = self.ctx.doc.beads
        if place is None or not beads:
            return False
        row, side = place
        if row >= len(beads):
            return False
        if not getattr(beads[row], side):  # that side of the row is empty now
            side = "tgt" if side == "src" else "src"
        self.ctx.view.move_to(row, side, 0, top=True)
        return True

    def remember(self) -> None:
        session, beads = self.ctx.session, self.ctx.doc.beads
        if beads and session.path.exists():
            view = self.ctx.view
            user_state.remember_place(session.path, view.row, view.side)
