"""The findings list (``i``): every misspelling and terminology problem; enter goes to one.

:func:`all_findings` builds the lines from the rows' marks (every row is checked by then: the
list waits for the checking thread); :class:`FindingsDialog` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.document import Document
from ...core.spelling import Finding
from ..common.dialogs import ReusableDialog, dialog_css, set_options, update
from .marks import Marks
from .suggestion_dialog import context

@dataclass(frozen=True)
class Item:
    """One line of the findings list: where it is and what it says."""

    row: int
    side: str
    k: int
    kind: str  # "spelling" or "term"
    label: Text
    spell: Finding | None = None


def _one_line(label: Text, width: int) -> Text:
    label = label.copy()
    label.truncate(max(20, width), overflow="ellipsis")
    return label


class FindingsDialog(ReusableDialog[Item | None]):
    """Every misspelling and terminology problem of the document; enter goes to one."""

    DEFAULT_CSS = dialog_css("FindingsDialog", """
    FindingsDialog > Vertical { max-width: 110; height: 80%; }
    FindingsDialog OptionList { height: 1fr; border: none; padding: 0; }
    """)
    BINDINGS = [Binding("escape,i", "cancel", "Close", id="findings.close")]

    def setup(self, items: list[Item] | None = None, title: str = "", start: int = 0) -> None:
        self.items = items or []
        self.title_text = title
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(classes="title", id="title")
            yield OptionList(id="findings", compact=True)
            yield Static("Nothing found: every word is known and every term is as in the "
                         "glossary.", id="nothing")
            yield Label("↑/↓: choose · enter: go there · esc: close", classes="hint")

    def fill(self) -> None:
        update(self.query_one("#title", Label), self.title_text)
        options = self.query_one(OptionList)
        options.display = bool(self.items)
        self.query_one("#nothing").display = not self.items
        width = min(110, int(self.app.size.width * 0.9)) - 8  # one line each
        set_options(options, [Option(_one_line(it.label, width), id=str(n))
                              for n, it in enumerate(self.items)])
        if self.items:
            options.highlighted = min(self.start, len(self.items) - 1)
            self.focus_first(options)
        else:
            self.set_focus(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)


def all_findings(doc: Document, marks: Marks, rows: range | None = None) -> list[Item]:
    """Every misspelling and terminology problem (of ``rows``, default all), in row order."""
    items: list[Item] = []
    for row in marks.rows_with_findings(rows):
        bead = doc.beads[row]
        for f in marks.misspellings(row):
            text = doc.side(f.side).get(f.sid).text
            label = Text.assemble((f"{row + 1:>5} ", "bold"), ("spelling ", "red"),
                                  (f"{f.word:<14} ", "bold"), context(text, f.start, f.end, 26))
            items.append(Item(row, f.side, getattr(bead, f.side).index(f.sid), "spelling",
                              label, f))
        for t in marks.terms(row):
            span = next((s for s in t.spans if s.side == "tgt"), t.spans[0])
            ids = getattr(bead, span.side)
            k = ids.index(span.sid) if span.sid in ids else 0
            label = Text.assemble((f"{row + 1:>5} ", "bold"), ("term     ", "yellow"), t.message)
            items.append(Item(row, span.side, k, "term", label))
    return items
