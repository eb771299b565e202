"""Modal screens: help, sentence edit and split, go to row, search, and yes/no style choices.

Each dialog returns its answer through ``dismiss`` (None when cancelled) and never touches the
document: the app turns the answer into a core operation, so every change goes through History.
Dialogs are modal screens so that the main screen's one-key bindings (m, s, d ...) cannot fire
while the translator types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

DIALOG_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 90%;
    max-width: 100;
    height: auto;
    max-height: 90%;
    border: thick $primary 70%;
    background: $panel;
    padding: 0 1;
}}
{name} .title {{ text-style: bold; color: $text-accent; width: 1fr; padding-bottom: 1; }}
{name} .hint {{ color: $text-muted; width: 1fr; }}
{name} .buttons {{ height: auto; align-horizontal: right; padding-top: 1; }}
{name} Button {{ margin-left: 1; min-width: 10; }}
"""


def _css(name: str, extra: str = "") -> str:
    return DIALOG_CSS.format(name=name) + extra


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


class HelpScreen(ModalScreen[None]):
    """Every key of the main screen with what it does, grouped as the translator works."""

    DEFAULT_CSS = _css("HelpScreen", """
    HelpScreen > Vertical { max-width: 110; height: 90%; }
    HelpScreen VerticalScroll { height: 1fr; }
    """)
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]], key_display,
                 styles=None) -> None:
        """``key_display(binding)`` lists its keys; ``styles(name)`` is the view's style."""
        super().__init__()
        self.sections = sections
        self.key_display = key_display
        self.legend_style = styles or (lambda name: "")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys", classes="title")
            with VerticalScroll():
                yield Static(self._table())
            yield Label("ctrl+p: every command by name · esc: close", classes="hint")

    def _table(self) -> Table:
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True, min_width=14)
        table.add_column("what it does", ratio=1)
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            for b in bindings:
                keys = "  ".join(self.key_display(b))
                table.add_row(Text(keys, style="bold cyan"), b.tooltip or b.description)
            table.add_row("", "")
        table.add_row(Text("What you see", style="bold underline"), "")
        for mark, style, meaning in LEGEND:
            table.add_row(Text(mark, style=self.legend_style(style)), meaning)
        return table

    def action_dismiss(self, result=None):  # type: ignore[override]
        self.dismiss(None)


@dataclass(frozen=True)
class SentenceInfo:
    """What a dialog shows about the sentence it works on."""

    row: int
    lang: str
    text: str
    original: str | None = None


class EditDialog(ModalScreen[str | None]):
    """Correct the text of one sentence; enter saves, escape cancels. The core keeps the original."""

    DEFAULT_CSS = _css("EditDialog", """
    EditDialog TextArea { height: auto; min-height: 3; max-height: 12; }
    """)
    BINDINGS = [Binding("enter,ctrl+s", "save", "Save", priority=True, id="edit.save"),
                Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def __init__(self, info: SentenceInfo) -> None:
        super().__init__()
        self.info = info

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Edit {self.info.lang} sentence · row {self.info.row + 1}",
                        classes="title")
            yield TextArea(self.info.text, soft_wrap=True, show_line_numbers=False,
                           id="text", compact=True)
            if self.info.original is not None and self.info.original != self.info.text:
                yield Label(Text.assemble(("original: ", "bold"), self.info.original),
                            classes="hint")
            yield Label("enter: save · esc: cancel · the original text is kept in the file",
                        classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
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


class SplitDialog(ModalScreen[int | None]):
    """Choose where a sentence splits: move the cursor, enter splits there (escape cancels)."""

    DEFAULT_CSS = _css("SplitDialog", """
    SplitDialog TextArea { height: auto; min-height: 3; max-height: 12; }
    SplitDialog #preview { height: auto; padding-top: 1; }
    """)
    BINDINGS = [Binding("enter", "split", "Split here", priority=True, id="split.do"),
                Binding("escape", "cancel", "Cancel", id="split.cancel")]

    def __init__(self, info: SentenceInfo, offset: int | None = None) -> None:
        super().__init__()
        self.info = info
        self.split_at = guess_split(info.text) if offset is None else offset

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Split {self.info.lang} sentence · row {self.info.row + 1}",
                        classes="title")
            yield TextArea(self.info.text, soft_wrap=True, read_only=True, id="text",
                           show_line_numbers=False, compact=True)
            yield Static(id="preview")
            yield Label("←/→ ctrl+←/→: move the split point · enter: split · esc: cancel",
                        classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Split", variant="primary", id="split")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
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


class PromptDialog(ModalScreen[str | None]):
    """One line of input (row number, search text); enter answers, escape cancels."""

    DEFAULT_CSS = _css("PromptDialog", """
    PromptDialog > Vertical { max-width: 70; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, hint: str, value: str = "", *, integer: bool = False,
                 placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint_text = hint
        self.initial = value
        self.integer = integer
        self.placeholder_text = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(self.initial, placeholder=self.placeholder_text, compact=True,
                        type="integer" if self.integer else "text", select_on_focus=True)
            yield Label(self.hint_text, classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few answers, each a button with its own key (quit, recover, overwrite)."""

    DEFAULT_CSS = _css("ChoiceDialog", """
    ChoiceDialog > Vertical { max-width: 72; }
    ChoiceDialog #message { width: 1fr; }
    """)
    BINDINGS = [Binding("escape", "choose('cancel')", "Cancel", id="choice.cancel"),
                Binding("left", "app.focus_previous", show=False),
                Binding("right", "app.focus_next", show=False)]

    def __init__(self, title: str, message: str,
                 choices: list[tuple[str, str, str]], cancel: str | None = "cancel") -> None:
        """``choices`` are (answer, button label, key); escape answers ``cancel``."""
        super().__init__()
        self.title_text = title
        self.body = message
        self.choices = choices
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Static(self.body, id="message")
            with Horizontal(classes="buttons"):
                for i, (answer, label, key) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{answer}",
                                 variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event) -> None:
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id.removeprefix("choice-"))

    def action_choose(self, answer: str) -> None:
        self.dismiss(self.cancel if answer == "cancel" else answer)


class TableNavigation:
    """Keys shared by the side panels that show a DataTable (``self.table``): move the cursor
    from the panel's own bindings, and go back to the alignment view."""

    def action_cursor(self, where: str) -> None:
        if where == "down":
            self.table.action_cursor_down()
        else:
            self.table.action_cursor_up()

    def action_leave(self) -> None:
        self.app.view.focus()
