"""The keys about the app rather than the document: the help screen (``?``) and the theme.

The help lists the key table of :mod:`workbench.tui.keys`, which names these very functions;
so that this module needs no import of that table, the app hands the sections over.
"""

from __future__ import annotations

from typing import Callable

from textual.binding import Binding

from ..context import Context
from .help import HelpScreen

Sections = list[tuple[str, list[Binding]]]


class HelpAndTheme:
    """The help screen and the light / dark theme."""


    def __init__(self, ctx: Context, sections: Callable[[], Sections],
                 key_labels: Callable[[Binding], list[str]]) -> None:
        """``sections()``: the keys to list, by task; ``key_labels(binding)``: its keys as
        shown (the ones in effect, after a user keymap)."""
        self.ctx = ctx
        self.sections = sections
        self.key_labels = key_labels
        self.dialogs = (self._help_screen,)  # made ready in a quiet moment (Context)

    def _help_screen(self) -> HelpScreen:
        return HelpScreen(self.sections(), self.key_labels, self.ctx.view.legend_style)

    def help(self) -> None:
        view = self.ctx.view
        self.ctx.dialog(HelpScreen, None, self.sections(), self.key_labels, view.legend_style)

    def toggle_theme(self) -> None:
        ctx = self.ctx
        ctx.theme = "textual-light" if ctx.theme == "textual-dark" else "textual-dark"
