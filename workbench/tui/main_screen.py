"""The main screen: the aligned rows, the two panels under them, a progress line, the status
line and the footer. It owns the keys of :mod:`.keys` (so that modal dialogs do not inherit
one-letter keys) and carries out what a panel asks of the rows, since it holds both.
"""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from .common.panel import BottomPanel
from .keys import BINDINGS
from .review.flags_panel import FlagsPanel
from .rows.alignment_view import AlignmentView
from .terms.glossary_panel import GlossaryPanel


class SteadyFooter(Footer):
    """Textual's footer, made again only when the keys it shows changed.

    Textual remakes the footer (some 40 widgets: ~15 ms, and again as much to mount and style
    them) whenever the screen's keys may have changed, which includes each time a dialog opens
    over the main screen and each time it closes, though the main screen's keys stay the same.
    """

    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple((key, id(node), binding, enabled, tooltip) for key, (
                node, binding, enabled, tooltip) in screen.active_bindings.items())
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)


class MainScreen(Screen):
    """The rows and what goes around them; ``ready()`` runs once they are mounted."""

    BINDINGS = BINDINGS

    def __init__(self, ready: Callable[[], None]) -> None:
        super().__init__()
        self._ready = ready

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(id="columns")
        yield AlignmentView(id="view")
        yield GlossaryPanel()
        yield FlagsPanel()
        with Horizontal(id="progress"):
            yield Label(id="progress-label")
            yield ProgressBar(id="progress-bar", show_eta=False)
        yield Static(id="status")
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self._ready()

    @property
    def view(self) -> AlignmentView:
        return self.query_one(AlignmentView)

    # ------------------------------------------------------------ what the panels ask

    def on_bottom_panel_row_chosen(self, message: BottomPanel.RowChosen) -> None:
        self.view.move_to(message.row, k=0, top=message.go)
        if message.go:
            self.view.focus()

    def on_bottom_panel_left(self, _message: BottomPanel.Left) -> None:
        self.view.focus()

    def on_bottom_panel_toggled(self, _message: BottomPanel.Toggled) -> None:
        self.call_after_refresh(self.view.scroll_to_cursor)  # the rows got shorter or taller
