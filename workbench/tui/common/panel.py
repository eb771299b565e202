"""The panels under the rows (the glossary, the flags): one is shown at a time, and its table
has the keys while it has the focus.

A panel does not know the rows: what it wants of them (go to a row, take the focus back, keep
the cursor row in sight when the panel takes room) it says with a message, which the main
screen, the owner of both, carries out.
"""

from __future__ import annotations

from typing import Callable

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable


class BottomPanel(Vertical):
    """A panel of the main screen holding a DataTable (``self.table``)."""

    class RowChosen(Message):
        """Put the rows' cursor on ``row``; ``go``: near the top, and give the rows the focus."""

        def __init__(self, row: int, go: bool = False) -> None:
            super().__init__()
            self.row = row
            self.go = go

    class Left(Message):
        """The rows take the focus back (the panel stays as it is)."""

    class Toggled(Message):
        """A panel was shown or hidden: the rows have another height."""

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    @property
    def shown(self) -> bool:
        return self.has_class("shown")

    def toggle(self, fill: Callable[[], None]) -> None:
        """Show this panel (hiding the others), ``fill`` it and focus it; a panel that is
        shown and focused hides instead."""
        if self.shown and self.table.has_focus:
            self.remove_class("shown")
            self.post_message(self.Left())
        else:
            for other in self.screen.query(BottomPanel):
                if other is not self:
                    other.remove_class("shown")
            self.add_class("shown")
            fill()
            self.table.focus()
        self.post_message(self.Toggled())

    def action_cursor(self, where: str) -> None:
        if where == "down":
            self.table.action_cursor_down()
        else:
            self.table.action_cursor_up()

    def action_leave(self) -> None:
        self.post_message(self.Left())
