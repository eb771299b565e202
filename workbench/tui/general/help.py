"""The help screen (``?``): every key with what it does, grouped as the translator works, and
a legend of the marks the rows show. The keys are the ones in effect (a user keymap's, see
:mod:`workbench.tui.keymap`), as the app's ``key_display`` lists them.
"""

from __future__ import annotations

from typing import Callable

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from ..common.dialogs import ReusableDialog, dialog_css

#: (what, view style it is drawn with, meaning) for the help's "What you see" part
LEGEND = [
    ("2-1", "conf-low", "row type, coloured by the aligner's confidence: red below 0.5, yellow "
     "below 0.8, green above; the number under it is the confidence"),
    ("✓", "check", "a confirmed row (tinted green); re-aligning never changes it"),
    ("▌", "marker", "the current sentence (tab switches side; shift+↑↓ within a row)"),
    ("›", "bullet", "the start of each sentence when a cell holds more than one"),
    ("edited", "edited", "an edited sentence (this colour): the text as first read is kept"),
    ("seige", "misspelt", "a misspelt word (z: next one, =: fix it)"),
    ("Bakai", "term", "a glossary term (b: the glossary)"),
    ("Zher Ann", "term-bad", "a term problem: a forbidden variant, a near miss of the term, or "
     "a source term whose translation is missing"),
    ("≠", "term-marker", "a row with a term problem (i lists them)"),
    ("⚑", "flag-major", "a row with open review flags, coloured by the worst severity: grey "
     "neutral, yellow minor, red major, reversed critical (F: the flags)"),
    ("flagged", "flag-span", "words a review flag points at"),
]


class HelpScreen(ReusableDialog[None]):
    """Every key of the main screen with what it does, grouped as the translator works."""

    DEFAULT_CSS = dialog_css("HelpScreen", """
    HelpScreen > Vertical { max-width: 110; height: 90%; }
    HelpScreen VerticalScroll { height: 1fr; }
    """)
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def setup(self, sections: list[tuple[str, list[Binding]]] | None = None,
              key_display: Callable[[Binding], list[str]] | None = None,
              styles: Callable[[str], Style | str] | None = None) -> None:
        """``key_display(binding)`` lists its keys; ``styles(name)`` is the view's style."""
        self.sections = sections or []
        self.key_display = key_display or (lambda binding: [binding.key])
        self.legend_style = styles or (lambda name: "")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys", classes="title")
            with VerticalScroll():
                yield Static(id="keys")
            yield Label("ctrl+p: every command by name · esc: close", classes="hint")

    def fill(self) -> None:
        """The table is made again only when what it lists changed (a keymap, a theme):
        laying out and drawing it costs Textual ~50 ms."""
        rows = self._rows()
        keys = self.query_one("#keys", Static)
        if rows != getattr(self, "_shown_rows", None):
            self._shown_rows = rows
            keys.update(self._table(rows))
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_home(animate=False, immediate=True)
        self.focus_first(scroll)

    def _rows(self) -> list[tuple]:
        """What the table shows: (title, [(keys, what it does)]) and the legend's styles."""
        keys = [(title, [("  ".join(self.key_display(b)), b.tooltip or b.description)
                         for b in bindings]) for title, bindings in self.sections]
        return [keys, [(mark, self.legend_style(style), meaning)
                       for mark, style, meaning in LEGEND]]

    def _table(self, rows: list[tuple] | None = None) -> Table:
        keys, legend = self._rows() if rows is None else rows
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True, min_width=14)
        table.add_column("what it does", ratio=1)
        for title, bindings in keys:
            table.add_row(Text(title, style="bold underline"), "")
            for key, what in bindings:
                table.add_row(Text(key, style="bold cyan"), what)
            table.add_row("", "")
        table.add_row(Text("What you see", style="bold underline"), "")
        for mark, style, meaning in legend:
            table.add_row(Text(mark, style=style), meaning)
        return table

    def action_dismiss(self, result=None):  # type: ignore[override]
        self.dismiss(None)
