"""The flag dialog: MQM category, severity, what is flagged, comment, suggested translation.

Fast path: ``f``, type a few letters of the category (``spel``, ``acc om``, ``omis``: every
typed word starts a word of the category), enter. Tab reaches the severity (←/→), the scope
(the whole row, the current sentence, or the word the cursor is on), the exact words to mark
(any span: typed, found in the current sentence first, then in the row), the comment and the
suggestion. The dialog returns a :class:`FlagAnswer`; the review area turns it into
``review.add_flag`` / ``review.edit_flag`` (undoable), with ``--user`` as the author.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ...core.review import CATEGORIES, SEVERITIES, Flag
from ..common.dialogs import (AnswerOnce, ArrowChoice, ReusableDialog, dialog_css, reset_input,
                              set_options, update, update_label)


def match_categories(query: str) -> list[str]:
    """Categories whose words start with every typed word ("acc om" -> Accuracy/Omission)."""
    want = query.casefold().replace("/", " ").split()
    out = []
    for cat in CATEGORIES:
        words = cat.casefold().replace("/", " ").replace("-", " ").split()
        if all(any(w.startswith(x) for w in words) for x in want):
            out.append(cat)
    return out


@dataclass(frozen=True)
class FlagAnswer:
    category: str
    severity: str
    comment: str
    suggestion: str | None
    scope: str  # "row", "sentence" or "word" (what the dialog offered)
    words: str = ""  # the exact words to mark, if typed (they override the scope)


class CategoryInput(Input):
    """The category filter: ↑/↓ move in the list below it."""

    BINDINGS = [Binding("down", "move(1)", show=False), Binding("up", "move(-1)", show=False)]

    def action_move(self, step: int) -> None:
        options = self.screen.query_one("#categories", OptionList)
        if options.option_count:
            now = options.highlighted or 0
            options.highlighted = min(max(0, now + step), options.option_count - 1)


class LastField(Input):
    """The dialog's last field: tab stops here instead of wrapping round to the category,
    where the next letters typed would filter the chosen category away."""

    BINDINGS = [Binding("tab", "stay", show=False)]

    def action_stay(self) -> None:
        self.app.bell()


#: the most choices of "Flagged" (the row, the sentence, the word)
MAX_SCOPES = 3


class FlagDialog(AnswerOnce, ReusableDialog[FlagAnswer | None]):
    """Raise (or edit) a review flag on the cursor's row."""

    DEFAULT_CSS = dialog_css("FlagDialog", """
    FlagDialog > Vertical { max-width: 90; }
    FlagDialog .title { padding-bottom: 0; }
    FlagDialog #context { color: $text-muted; width: 1fr; height: auto; max-height: 2;
                          margin-bottom: 1; }
    FlagDialog #categories { height: 6; border: none; padding: 0; margin-bottom: 1; }
    FlagDialog .field { height: 1; }
    FlagDialog .field Label { width: 12; color: $text-muted; }
    FlagDialog .field Input { width: 1fr; }
    FlagDialog RadioSet { layout: horizontal; border: none; padding: 0; height: 1; width: auto; }
    FlagDialog RadioSet > RadioButton { padding: 0 2 0 0; width: auto; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="flag.cancel"),
                Binding("ctrl+s", "save", "Save", id="flag.save", priority=True)]

    def setup(self, title: str = "", context: str | Text = "", *,
              scopes: list[tuple[str, str]] | None = None, flag: Flag | None = None,
              category: str | None = None, suggestion: str = "",
              find_words: Callable[[str], object] | None = None) -> None:
        """``scopes`` are (answer, label) choices of what is flagged (at most
        :data:`MAX_SCOPES`); ``flag`` pre-fills an edit; ``category`` pre-selects one (a
        spelling flag on a misspelt word); ``find_words`` (words -> a span or None) offers the
        "Words" field and checks it."""
        self.title_text = title
        self.context = context
        self.scopes = (scopes or [("row", "the whole row")])[:MAX_SCOPES]
        self.flag = flag
        self.category = flag.category if flag is not None else category
        self.severity = flag.severity if flag is not None else "minor"
        self.comment = flag.comment if flag is not None else ""
        self.suggestion = flag.suggestion if flag is not None and flag.suggestion else suggestion
        self.find_words = find_words

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(classes="title", id="title")
            yield Static(id="context")
            with Horizontal(classes="field"):
                yield Label("Category")
                yield CategoryInput(placeholder="type to filter: spel, acc om, term …",
                                    compact=True, id="category")
            options = OptionList(*self._category_options(CATEGORIES), id="categories",
                                 compact=True)
            options.can_focus = False  # ↑/↓ in the filter move it; tab goes on to the severity
            yield options
            with Horizontal(classes="field"):
                yield Label("Severity")
                with ArrowChoice(id="severity", compact=True):
                    for s in SEVERITIES:
                        yield RadioButton(s, value=s == self.severity, id=s)
            with Horizontal(classes="field"):
                yield Label("Flagged")
                with ArrowChoice(id="scope", compact=True):
                    for i in range(MAX_SCOPES):
                        yield RadioButton("", value=i == 0, id=f"scope-{i}")
            with Horizontal(classes="field", id="words-field"):
                yield Label("Words")
                yield Input(compact=True, id="words",
                            placeholder="the exact words to mark (optional; overrides Flagged)")
            with Horizontal(classes="field"):
                yield Label("Comment")
                yield Input(compact=True, id="comment", placeholder="what is wrong")
            with Horizontal(classes="field"):
                yield Label("Suggestion")
                yield LastField(compact=True, id="suggestion",
                            placeholder="the right translation of what is flagged (optional)")
            yield Label("enter: save · tab / shift+tab: next / previous field · ←/→ choose · "
                        "esc: cancel",
                        classes="hint")

    @staticmethod
    def _category_options(found: list[str]) -> list[Option]:
        if found:
            return [Option(c, id=c) for c in found]
        return [Option(Text("no such category", style="italic"), disabled=True)]

    def fill(self) -> None:
        update(self.query_one("#title", Label), self.title_text)
        context = self.query_one("#context", Static)
        context.display = bool(self.context)
        update(context, self.context)
        category = self.query_one("#category", Input)
        reset_input(category)
        options = self.query_one("#categories", OptionList)
        if options.option_count != len(CATEGORIES) or \
                options.get_option_at_index(0).id != CATEGORIES[0]:  # filtered last time
            set_options(options, self._category_options(CATEGORIES))
        options.scroll_to(0, 0, animate=False, immediate=True)
        options.highlighted = CATEGORIES.index(self.category) \
            if self.category in CATEGORIES else 0
        self.query_one("#severity", ArrowChoice).choose(SEVERITIES.index(self.severity))
        scope = self.query_one("#scope", ArrowChoice)
        for i, button in enumerate(scope.query(RadioButton)):
            button.display = i < len(self.scopes)
            button.disabled = not button.display
            update_label(button, self.scopes[i][1] if button.display else "")
        scope.choose(0)
        self.query_one("#words-field").display = self.find_words is not None
        reset_input(self.query_one("#words", Input))
        reset_input(self.query_one("#comment", Input), self.comment)
        reset_input(self.query_one("#suggestion", Input), self.suggestion)
        self.focus_first(category)

    @on(Input.Changed, "#category")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one("#categories", OptionList)
        found = match_categories(event.value)
        options.clear_options()
        options.add_options(self._category_options(found))
        if found:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#categories")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.action_save()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def chosen_category(self) -> str | None:
        options = self.query_one("#categories", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return option.id if option.id in CATEGORIES else None

    def action_save(self) -> None:
        category = self.chosen_category()
        if category is None:
            self.notify("Choose a category (type a few letters of it).", severity="warning",
                        timeout=3)
            self.query_one("#category", Input).focus()
            return
        words = self.query_one("#words", Input).value.strip() if self.find_words else ""
        if words and self.find_words(words) is None:
            self.notify(f"“{words}” is not in this row: type the words as the text has them.",
                        severity="warning", timeout=4)
            self.query_one("#words", Input).focus()
            return
        sev = self.query_one("#severity", RadioSet).pressed_button
        scope = self.query_one("#scope", RadioSet).pressed_button
        suggestion = self.query_one("#suggestion", Input).value.strip()
        self.answer(FlagAnswer(category, sev.id if sev is not None else "minor",
                                self.query_one("#comment", Input).value.strip(),
                                suggestion or None,
                                self.scopes[int(scope.id.removeprefix("scope-"))][0]
                                if scope is not None else "row",
                                words))

    def action_cancel(self) -> None:
        self.answer(None)
