"""The two sentence dialogs: edit a sentence's text (``e``), choose where it splits (``S``).

They answer through ``dismiss`` and never touch the document: :mod:`.editing` turns the answer
into a core operation (the core keeps a sentence's original text when it is edited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static, TextArea

from ..common.dialogs import ReusableDialog, dialog_css, load_text, update


@dataclass(frozen=True)
class SentenceInfo:
    """What a dialog shows about the sentence it works on."""

    row: int
    lang: str
    text: str
    original: str | None = None


class EditDialog(ReusableDialog[str | None]):
    """Correct the text of one sentence; enter saves, escape cancels. The core keeps the original."""

    DEFAULT_CSS = dialog_css("EditDialog", """
    EditDialog TextArea { height: auto; min-height: 3; max-height: 12; }
    """)
    BINDINGS = [Binding("enter,ctrl+s", "save", "Save", priority=True, id="edit.save"),
                Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def setup(self, info: SentenceInfo = SentenceInfo(0, "", "")) -> None:
        self.info = info

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(classes="title", id="title")
            yield TextArea(soft_wrap=True, show_line_numbers=False, id="text", compact=True)
            yield Label(classes="hint", id="original")
            yield Label("enter: save · esc: cancel · the original text is kept in the file",
                        classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def fill(self) -> None:
        info = self.info
        update(self.query_one("#title", Label),
               f"Edit {info.lang} sentence · row {info.row + 1}")
        original = self.query_one("#original", Label)
        original.display = info.original is not None and info.original != info.text
        if original.display:
            update(original, Text.assemble(("original: ", "bold"), info.original))
        area = self.query_one(TextArea)
        load_text(area, info.text)
        self.focus_first(area)
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(" ".join(self.query_one(TextArea).text.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()


def guess_split(text: str) -> int:
    """A likely split point: after the first inner sentence mark, else the middle word break."""
    m = re.search(r"[.!?;:…»\"”)](?=\s+\S)", text[:-1])
    if m:
        return m.end()
    mid = len(text) // 2
    space = text.rfind(" ", 0, mid + 1)
    return space if space > 0 else mid


class SplitDialog(ReusableDialog[int | None]):
    """Choose where a sentence splits: move the cursor, enter splits there (escape cancels)."""

    DEFAULT_CSS = dialog_css("SplitDialog", """
    SplitDialog TextArea { height: auto; min-height: 3; max-height: 12; }
    SplitDialog #preview { height: auto; padding-top: 1; }
    """)
    BINDINGS = [Binding("enter", "split", "Split here", priority=True, id="split.do"),
                Binding("escape", "cancel", "Cancel", id="split.cancel")]

    def setup(self, info: SentenceInfo = SentenceInfo(0, "", ""),
              offset: int | None = None) -> None:
        self.info = info
        self.split_at = guess_split(info.text) if offset is None else offset

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(classes="title", id="title")
            yield TextArea(soft_wrap=True, read_only=True, id="text",
                           show_line_numbers=False, compact=True)
            yield Static(id="preview")
            yield Label("←/→ ctrl+←/→: move the split point · enter: split · esc: cancel",
                        classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Split", variant="primary", id="split")
                yield Button("Cancel", id="cancel")

    def fill(self) -> None:
        update(self.query_one("#title", Label),
               f"Split {self.info.lang} sentence · row {self.info.row + 1}")
        area = self.query_one(TextArea)
        load_text(area, self.info.text)
        self.focus_first(area)
        area.move_cursor((0, self.split_at))
        self._preview()

    @property
    def cursor_offset(self) -> int:
        return self.query_one(TextArea).cursor_location[1]

    @on(TextArea.SelectionChanged)
    def _preview(self) -> None:
        at = self.cursor_offset
        left, right = self.info.text[:at].strip(), self.info.text[at:].strip()
        self.query_one("#preview", Static).update(Text.assemble(
            ("1 ", "bold"), left or ("(empty)", "italic"), "\n",
            ("2 ", "bold"), right or ("(empty)", "italic")))

    def action_split(self) -> None:
        self.dismiss(self.cursor_offset)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#split")
    def _split(self) -> None:
        self.action_split()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
