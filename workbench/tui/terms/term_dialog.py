"""The term dialog: add or edit one glossary term (a modal screen of its own).

Used by the glossary keys (:mod:`.glossary`) for ``a``/``e`` and for ``B`` (a term from
the cursor's row: the row's two texts, where selected words fill that side's field, and the
candidate pairs of :func:`workbench.core.term_candidates.term_candidates`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, TextArea
from textual.widgets.option_list import Option

from ...core.glossary import Term
from ...core.langtags import base_lang
from ...core.term_candidates import lemma_run, ru_base
from ...core.textio import lang_name
from ..common.dialogs import (ArrowChoice, ReusableDialog, dialog_css, load_text, reset_input,
                              set_options, update)

@dataclass(frozen=True)
class TermAnswer:
    """What the term dialog returns: the term and where it goes ("project" or "document")."""

    term: Term
    scope: str


class TermDialog(ReusableDialog[TermAnswer | None]):
    """Add or edit one term: source, target, note, forbidden variants, project or document.

    Adding from a row shows the row's texts (select words to fill the field of that side) and
    candidate pairs (enter on one fills both fields).
    """

    DEFAULT_CSS = dialog_css("TermDialog", """
    TermDialog > Vertical { max-width: 100; }
    TermDialog .title { padding-bottom: 0; }
    TermDialog #candidates { height: auto; max-height: 5; border: none; padding: 0; }
    TermDialog TextArea { height: auto; max-height: 4; margin-bottom: 1; }
    TermDialog .field { height: 1; }
    TermDialog .field Label { width: 16; color: $text-muted; }
    TermDialog .field Input { width: 1fr; }
    TermDialog RadioSet { layout: horizontal; border: none; padding: 0; height: 1; width: auto; }
    TermDialog RadioSet > RadioButton { padding: 0 2 0 0; width: auto; }
    TermDialog .sub { color: $text-muted; padding-top: 1; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="term.cancel"),
                Binding("ctrl+s", "save", "Save", id="term.save", priority=True)]

    def setup(self, title: str = "", term: Term | None = None, scope: str = "project", *,
              texts: tuple[str, str] | None = None, langs: tuple[str, str] = ("ru", "en"),
              candidates: list[tuple[str, str]] | None = None, fixed_scope: bool = False,
              project_ok: bool = True) -> None:
        self.title_text = title
        self.term = term
        self.scope = scope if project_ok else "document"
        self.texts = texts
        self.langs = langs
        self.candidates = candidates or []
        self.fixed_scope = fixed_scope
        self.project_ok = project_ok

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(classes="title", id="title")
            yield Label("Candidates in this row (enter: use one)", classes="sub",
                        id="candidates-label")
            yield OptionList(id="candidates", compact=True)
            yield Label("Or select words in the row's text (shift+arrows, or the mouse):",
                        classes="sub", id="texts-label")
            yield TextArea(read_only=True, soft_wrap=True, compact=True,
                           show_line_numbers=False, id="text-src")
            yield TextArea(read_only=True, soft_wrap=True, compact=True,
                           show_line_numbers=False, id="text-tgt")
            with Horizontal(classes="field"):
                yield Label(id="source-label")
                yield Input(compact=True, id="source")
            with Horizontal(classes="field"):
                yield Label(id="target-label")
                yield Input(compact=True, id="target")
            with Horizontal(classes="field"):
                yield Label("Note")
                yield Input(compact=True, id="note")
            with Horizontal(classes="field"):
                yield Label("Forbidden")
                yield Input(compact=True, id="forbidden",
                            placeholder="wrong variants, separated by ;")
            with Horizontal(classes="field"):
                yield Label("Glossary")
                yield Label(id="fixed-scope")
                with ArrowChoice(id="scope", compact=True):
                    yield RadioButton("project (saved now)", value=True, id="project")
                    yield RadioButton("this document (undoable)", id="document")
            yield Label("enter: save · tab: next field · esc: cancel", classes="hint")

    def fill(self) -> None:
        t = self.term
        first = self.candidates[0] if self.candidates and t is None else ("", "")
        names = [lang_name(lang) for lang in self.langs]
        update(self.query_one("#title", Label), self.title_text)
        options = self.query_one("#candidates", OptionList)
        for part in (options, self.query_one("#candidates-label")):
            part.display = bool(self.candidates)
        set_options(options, [Option(Text.assemble(s or "…", ("  →  ", "dim"), e or "…"),
                                     id=str(n)) for n, (s, e) in enumerate(self.candidates)])
        if self.candidates:
            options.styles.height = min(4, len(self.candidates))
        for part in self.query("#texts-label, #text-src, #text-tgt"):
            part.display = self.texts is not None
        for side, text in zip(("src", "tgt"), self.texts or ("", "")):
            load_text(self.query_one(f"#text-{side}", TextArea), text)
        update(self.query_one("#source-label", Label), f"{names[0]} term")
        update(self.query_one("#target-label", Label), f"{names[1]} term")
        reset_input(self.query_one("#source", Input), t.source if t else first[0])
        reset_input(self.query_one("#target", Input), t.target if t else first[1])
        reset_input(self.query_one("#note", Input), t.note or "" if t else "")
        reset_input(self.query_one("#forbidden", Input), "; ".join(t.forbidden) if t else "")
        fixed = self.query_one("#fixed-scope", Label)
        fixed.display = self.fixed_scope
        update(fixed, "project (glossary.yaml)" if self.scope == "project" else "this document")
        choice = self.query_one("#scope", ArrowChoice)
        choice.display = not self.fixed_scope
        self.query_one("#project", RadioButton).disabled = not self.project_ok
        choice.choose(0 if self.scope == "project" else 1)
        if self.candidates and self.term is None:
            self.focus_first(options)
        else:
            self.focus_first(self.query_one("#source", Input))

    @on(OptionList.OptionSelected, "#candidates")
    def _candidate(self, event: OptionList.OptionSelected) -> None:
        source, target = self.candidates[int(event.option.id)]
        self.query_one("#source", Input).value = source
        self.query_one("#target", Input).value = target
        self.query_one("#source" if not source else "#target" if not target else "#note",
                       Input).focus()

    @on(TextArea.SelectionChanged)
    def _selected_words(self, event: TextArea.SelectionChanged) -> None:
        words = event.text_area.selected_text.strip(" \t\n.,;:!?«»\"“”()")
        if words:
            field = "#source" if event.text_area.id == "text-src" else "#target"
            value = " ".join(words.split())
            if field == "#source" and base_lang(self.langs[0]) == "ru":  # as a dictionary form
                value = ru_base(value) if " " not in value else lemma_run(value, "ru")
            self.query_one(field, Input).value = value

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value.strip()
                 for name in ("source", "target", "note", "forbidden")}
        if not value["source"] or not value["target"]:
            self.notify("A term needs both sides.", severity="warning", timeout=3)
            self.query_one("#source" if not value["source"] else "#target", Input).focus()
            return
        forbidden = tuple(f.strip() for f in value["forbidden"].replace(",", ";").split(";")
                          if f.strip())
        scope = self.scope
        if not self.fixed_scope:
            pressed = self.query_one("#scope", RadioSet).pressed_button
            scope = pressed.id if pressed is not None else self.scope
        self.dismiss(TermAnswer(Term(value["source"], value["target"], value["note"] or None,
                                     forbidden), scope))

    def action_cancel(self) -> None:
        self.dismiss(None)

