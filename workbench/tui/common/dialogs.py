"""Dialogs every area uses: a question with a few answers, one line of input, and the radio
row whose arrows choose at once; and the look all dialogs share (:func:`dialog_css`).

Each dialog returns its answer through ``dismiss`` (None when cancelled) and never touches the
document: the area that opened it turns the answer into a core operation, so every change goes
through History. Dialogs are modal screens so that the main screen's one-key bindings
(m, s, d ...) cannot fire while the translator types.
"""

from __future__ import annotations

from typing import Iterable, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.validation import Integer
from textual.widgets import (Button, Input, Label, OptionList, RadioButton, RadioSet, Static,
                             TextArea)
from textual.widgets.option_list import Option

Result = TypeVar("Result")

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


class DimmedScreen(BackgroundScreen):
    """The rows under a dialog, dimmed: Textual's :class:`BackgroundScreen`, with the tint of
    each style worked out once instead of once per segment (a 160x48 screen of rows has ~500
    segments in ~30 styles: 0.2 ms instead of 1-6 ms, on every frame a dialog draws)."""

    _tinted: dict[tuple[Color, Style | None], Style] = {}

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        tinted = cls._tinted
        if len(tinted) > 4096:
            tinted.clear()
        plain = super().process_segments
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            new = tinted.get((color, style))
            if new is None:
                new = next(iter(plain([Segment(" ", style)], color))).style
                tinted[(color, style)] = new
            yield Segment(text, new, control)


class Dialog(ModalScreen[Result]):
    """A modal screen over the dimmed rows (every dialog of the workbench)."""

    def render(self):
        background = super().render()
        if type(background) is BackgroundScreen:
            return DimmedScreen(background.screen, background.color)
        return background


class ReusableDialog(Dialog[Result]):
    """A dialog made once and shown again (:meth:`workbench.tui.context.Context.dialog`).

    Making a dialog costs Textual 20-60 ms here (its widgets composed, styled by the CSS and
    laid out twice, the screen below re-laid out), more than a key may take; showing one that
    exists costs it little more than a repaint. So the areas open their dialogs through the
    context, which makes each one once, in a quiet moment after the document opened, and then
    shows it again with new contents.

    A subclass takes what it shows in :meth:`setup` (``__init__`` passes its arguments on),
    builds in ``compose`` every widget it may need (the parts a showing does not use are
    hidden, never left out) and puts what :meth:`setup` stored into them in :meth:`fill`, which
    runs when the dialog is mounted and again before each later showing: so every showing
    starts as a new dialog would. ``setup``'s arguments all have defaults (a dialog made in
    advance shows nothing yet).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        self.setup(*args, **kwargs)

    def setup(self, *args, **kwargs) -> None:
        raise NotImplementedError

    def fill(self) -> None:
        """Show what :meth:`setup` stored (the widgets exist)."""

    def on_mount(self) -> None:
        self.fill()

    def reuse(self, *args, **kwargs) -> None:
        """Show new contents (``setup``'s arguments) the next time it is pushed."""
        self.setup(*args, **kwargs)
        self.ready_again()
        self.fill()

    def ready_again(self) -> None:
        """Forget the last showing's answer (:class:`AnswerOnce`)."""

    _styled_for: tuple | None = None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual styles every widget of a screen again each time it is shown (~10 ms for the
        flag dialog), in case the app's CSS changed while it was hidden: skipped when the
        theme and the CSS are the ones it was last styled with (this handler runs before
        Textual's, which reads ``refresh_styles``)."""
        count = getattr(self.app, "_css_update_count", None)  # Textual's CSS version
        styled_for = None if count is None else (self.app.theme, count)
        if styled_for is not None and styled_for == self._styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for

    def focus_first(self, widget) -> None:
        """The focus on ``widget`` now (not after a refresh, as ``widget.focus()``); it gets a
        Focus event as in a new dialog, since a dialog gives up its focus when it closes."""
        self.set_focus(widget)

    def dismiss(self, result=None):
        self.set_focus(None)  # shown again, its first field gets the focus anew (select all ...)
        return super().dismiss(result)


def draw_offscreen(screen: Screen) -> None:
    """Draw every widget of a screen that is not showing, as the compositor would when it
    shows: each widget keeps the lines it drew until it changes, so the first showing of a
    dialog made in advance does not draw them all (the help's table: ~25 ms)."""
    for widget in screen.query("*"):
        width, height = widget.size
        if width and height and widget.display:
            widget.render_lines(Region(0, 0, width, height))


def update(widget: Static, content) -> None:
    """Show ``content`` in a label, unless it shows it already (an update lays the dialog
    out again)."""
    if type(widget.content) is not type(content) or widget.content != content:
        widget.update(content)


def update_label(button: RadioButton, label: str) -> None:
    """A radio button's label, changed only if it differs (a change lays the dialog out)."""
    if str(button.label) != label:
        button.label = label


def set_options(options: OptionList, new: list[Option]) -> None:
    """An option list as a new one made with these options would be (the first enabled one
    highlighted, scrolled to the top)."""
    options.clear_options()
    options.add_options(new)
    options.scroll_to(0, 0, animate=False, immediate=True)
    if options.option_count:
        options.action_first()


def load_text(area: TextArea, text: str) -> None:
    """A text area as a new one with this text would be: no undo history, scrolled home."""
    area.load_text(text)
    area.scroll_to(0, 0, animate=False)


def reset_input(field: Input, value: str = "", placeholder: str | None = None) -> None:
    """An input as a new one with this value would be: the cursor at its end, nothing
    selected, not yet validated (no Changed message is sent for it)."""
    with field.prevent(Input.Changed):
        field.value = value
    field.cursor_position = len(value)
    field.remove_class("-valid", "-invalid")
    if placeholder is not None:
        field.placeholder = placeholder


class AnswerOnce:
    """A dialog answers once, and loses no key typed ahead.

    A key pressed again while it closes (a quick double press of "s" in the quit dialog) must
    not pop the screen under it; keys typed before its first field has the focus (``:11``
    typed at speed) go into that field once it has; keys typed after it answered (``:11``,
    enter, ``f``) go to the screen below once it is gone, instead of into the closing field.
    """

    _answered = False
    _held: list | None = None

    def ready_again(self) -> None:
        """Shown again (:class:`ReusableDialog`): not answered, nothing held."""
        self._answered = False
        self._held = None
        for field in self.query(DialogInput):
            field._entered = False

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


class PromptDialog(AnswerOnce, ReusableDialog[str | None]):
    """One line of input (row number, search text); enter answers, escape cancels."""

    DEFAULT_CSS = dialog_css("PromptDialog", """
    PromptDialog > Vertical { max-width: 70; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def setup(self, title: str = "", hint: str = "", value: str = "", *, integer: bool = False,
              placeholder: str = "") -> None:
        self.title_text = title
        self.hint_text = hint
        self.initial = value
        self.integer = integer
        self.placeholder_text = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", id="title")
            yield DialogInput(self.initial, placeholder=self.placeholder_text, compact=True,
                              type="integer" if self.integer else "text", select_on_focus=True)
            yield Label(self.hint_text, classes="hint", id="hint")

    def fill(self) -> None:
        update(self.query_one("#title", Label), self.title_text)
        update(self.query_one("#hint", Label), self.hint_text)
        field = self.query_one(DialogInput)
        field.type = "integer" if self.integer else "text"
        field.validators = [Integer()] if self.integer else []
        reset_input(field, self.initial, self.placeholder_text)
        self.focus_first(field)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.answer(event.value)

    def action_cancel(self) -> None:
        self.answer(None)


class ChoiceDialog(AnswerOnce, Dialog[str | None]):
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

    def choose(self, index: int) -> None:
        """Press button ``index`` and no other, at once and quietly, as a new set made with
        that button pressed would be (a dialog shown again)."""
        buttons = list(self.query(RadioButton))
        with self.prevent(RadioButton.Changed):
            for i, button in enumerate(buttons):
                button.value = i == index
        self._pressed_button = buttons[index]  # RadioSet's own record of it
        self._selected = index

    def watch__selected(self) -> None:
        super().watch__selected()
        if self._armed and self._selected is not None:
            button = self._nodes[self._selected]
            if not button.value and not button.disabled:
                button.value = True
