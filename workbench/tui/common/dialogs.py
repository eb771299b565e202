"""Dialogs every area uses: a question with a few answers, one line of input, and the radio
row whose arrows choose at once; and the look all dialogs share (:func:`dialog_css`).

Each dialog returns its answer through ``dismiss`` (None when cancelled) and never touches the
document: the area that opened it turns the answer into a core operation, so every change goes
through History. Dialogs are modal screens so that the main screen's one-key bindings
(m, s, d ...) cannot fire while the translator types.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

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


def dialog_css(name: str, extra: str = "") -> str:
    """The look every dialog shares (a centred box over the dimmed rows), plus ``extra``."""
    return DIALOG_CSS.format(name=name) + extra


class AnswerOnce:
    """A dialog answers once, and loses no key typed ahead.

    A key pressed again while it closes (a quick double press of "s" in the quit dialog) must
    not pop the screen under it; keys typed before its first field has the focus (``:11``
    typed at speed) go into that field once it has; keys typed after it answered (``:11``,
    enter, ``f``) go to the screen below once it is gone, instead of into the closing field.
    """

    _answered = False
    _held: list | None = None

    def answer(self, value) -> None:
        if self._answered:
            return
        self._answered = True
        self.set_focus(None)  # what is typed from now on is held for the screen below
        self.dismiss(value)

    def hold_key(self, event: events.Key, force: bool = False) -> bool:
        """Keep a key for later if the dialog cannot take it now."""
        if self.focused is not None and not self._answered and not force:
            return False
        event.stop()
        event.prevent_default()
        if self._held is None:
            self._held = []
        self._held.append(events.Key(event.key, event.character))
        return True

    def on_key(self, event: events.Key) -> None:
        self.hold_key(event)

    def on_descendant_focus(self) -> None:
        if self._held and not self._answered and self.focused is not None:
            held, self._held = self._held, []
            for key in held:
                self.focused.post_message(key)

    def on_unmount(self) -> None:
        if self._held:
            held, self._held = self._held, []
            for key in held:
                self.app.post_message(key)

    def on_screen_suspend(self) -> None:  # closed (or covered): the keys go to the screen below
        self.on_unmount()


class DialogInput(Input):
    """An input whose enter answers its dialog: keys typed after enter (``:11``, enter,
    ``f`` at speed) are not inserted into it while the dialog closes, but held for the screen
    below (:class:`AnswerOnce` passes them on)."""

    _entered = False

    async def _on_key(self, event: events.Key) -> None:
        if self._entered and isinstance(self.screen, AnswerOnce):
            self.screen.hold_key(event, force=True)
            return
        if event.key == "enter":
            self._entered = True
        await super()._on_key(event)


class PromptDialog(AnswerOnce, ModalScreen[str | None]):
    """One line of input (row number, search text); enter answers, escape cancels."""

    DEFAULT_CSS = dialog_css("PromptDialog", """
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
            yield DialogInput(self.initial, placeholder=self.placeholder_text, compact=True,
                              type="integer" if self.integer else "text", select_on_focus=True)
            yield Label(self.hint_text, classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.answer(event.value)

    def action_cancel(self) -> None:
        self.answer(None)


class ChoiceDialog(AnswerOnce, ModalScreen[str | None]):
    """A question with a few answers, each a button with its own key (quit, recover, overwrite)."""

    DEFAULT_CSS = dialog_css("ChoiceDialog", """
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
        event.prevent_default()  # this handler holds keys itself: not AnswerOnce's again
        if self.hold_key(event):
            return
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.answer(answer)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.answer(event.button.id.removeprefix("choice-"))

    def action_choose(self, answer: str) -> None:
        self.answer(self.cancel if answer == "cancel" else answer)


class ArrowChoice(RadioSet):
    """A radio set whose arrows pick at once (no space needed) and whose enter saves the
    dialog it is in (the dialog's ``action_save``)."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._armed = False  # RadioSet selects its first button on mount: do not press it

    def on_mount(self) -> None:
        self.call_later(self._arm)  # after RadioSet's own mount handler

    def _arm(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index
        self._armed = True

    def watch__selected(self) -> None:
        super().watch__selected()
        if self._armed and self._selected is not None:
            button = self._nodes[self._selected]
            if not button.value and not button.disabled:
                button.value = True
