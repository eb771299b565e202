"""The suggestion popup of ``=``: fix one misspelt word.

Suggestions come best first, fetched in a thread (libhunspell needs ~0.1 s a word and holds the
GIL meanwhile) and cached by the finding; ``1``-``9`` or enter replace the word, ``a`` adds it
to the project dictionary, ``i`` ignores it in this document, ``t`` types another replacement.
The dialog only answers: :mod:`.spelling` acts on the answer.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.spelling import Finding
from ...core.textio import lang_name
from ..common.dialogs import ReusableDialog, dialog_css, set_options, update

def context(text: str, start: int, end: int, width: int = 34) -> Text:
    """The text around ``start:end`` with that part highlighted (… where it is cut)."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space > 0 else b
    return Text.assemble("…" if a > 0 else "", text[a:start], (text[start:end], "bold reverse"),
                         text[end:b], "…" if b < len(text) else "")


class SuggestionDialog(ReusableDialog[tuple | None]):
    """Fix one misspelt word: pick a suggestion, type one, add to the dictionary or ignore.

    Answers ("fix", replacement), ("add",), ("ignore",), ("type",) or None (escape).
    """

    DEFAULT_CSS = dialog_css("SuggestionDialog", """
    SuggestionDialog > Vertical { max-width: 76; }
    SuggestionDialog #context { width: 1fr; padding-bottom: 1; }
    SuggestionDialog OptionList { height: auto; max-height: 11; border: none; padding: 0; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="spell.cancel"),
                Binding("a", "answer('add')", "Add to dictionary", id="spell.add"),
                Binding("i", "answer('ignore')", "Ignore here", id="spell.ignore"),
                Binding("t", "answer('type')", "Type", id="spell.type"),
                *[Binding(str(n), f"pick({n})", show=False, id=f"spell.pick{n}")
                  for n in range(1, 10)]]

    def setup(self, finding: Finding | None = None, text: str = "", row_label: str = "") -> None:
        self.finding = finding
        self.text = text
        self.row_label = row_label
        self.suggestions: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(classes="title", id="title")
            yield Static(id="context")
            yield OptionList(id="suggestions", compact=True)
            yield Label("enter or 1-9: replace · t: type a replacement · a: add to the project "
                        "dictionary · i: ignore in this document · esc: cancel", classes="hint")

    def fill(self) -> None:
        f = self.finding
        options = self.query_one(OptionList)
        set_options(options, [Option("looking up suggestions…", disabled=True)])
        self.focus_first(options)
        if f is None:  # made in advance: nothing to show yet
            return
        update(self.query_one("#title", Label),
               f"Spelling · {self.row_label} · {lang_name(f.lang)}: “{f.word}”")
        update(self.query_one("#context", Static), context(self.text, f.start, f.end))

    def on_screen_resume(self) -> None:
        """Shown: fetch the suggestions once the dialog is on screen (the thread holds the
        GIL for ~0.1 s a word: started earlier, it held back the dialog's first frame)."""
        f = self.finding
        if f is not None and self.suggestions is None:
            self.call_after_refresh(self.run_worker, lambda: self._fetch(f), thread=True,
                                    name="suggest", group="suggest")

    def _fetch(self, finding: Finding) -> None:
        found = finding.suggestions
        try:
            self.app.call_from_thread(self._show, found, finding)
        except RuntimeError:  # the app is gone
            pass

    def _show(self, found: tuple[str, ...], finding: Finding) -> None:
        if not self.is_attached or finding is not self.finding:  # shown again since
            return
        self.suggestions = found
        options = self.query_one(OptionList)
        options.clear_options()
        if not found:
            options.add_option(Option("no suggestions: t types a replacement", disabled=True))
            return
        options.add_options([Option(Text.assemble((f"{n} ", "bold"), s), id=str(n - 1))
                             for n, s in enumerate(found[:9], 1)])
        options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_pick(int(event.option.id) + 1)

    def action_pick(self, n: int) -> None:
        if self.suggestions and 1 <= n <= len(self.suggestions):
            self.dismiss(("fix", self.suggestions[n - 1]))

    def action_answer(self, what: str) -> None:
        self.dismiss((what,))

    def action_cancel(self) -> None:
        self.dismiss(None)
