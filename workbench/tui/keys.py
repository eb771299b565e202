"""Every key of the workbench in one table: what it is called, and the code it runs.

Each :class:`Key` holds the keys, an id ``<area>.<verb>`` (``rows.merge``: the area is the
folder under ``workbench/tui/`` whose code it runs), a short footer label, the sentence the help
screen and the command palette show, and the handler itself (``Editing.merge``), so the code of
any key is one hop from here. The main screen's bindings are made from this table; each runs
``app.act('<id>')``, which calls the handler on the app's object of that class.

The two panels (glossary, flags) keep their keys on the panel widget, since they work only while
the panel has the focus and the footer lists them first: :data:`PANEL_SECTIONS` lists them
for the help, and :data:`PANEL_HANDLERS` names the code of those that act on the document.
A panel's own moves (j, k, escape, the flag filters) are methods of the panel itself.

A user keymap (:mod:`.keymap`) rebinds any of these by id. Movement keys are hidden from the
footer and have vim aliases; the bindings sit on the main screen so that modal dialogs do not
inherit one-letter keys.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable, Mapping

from textual.app import App
from textual.binding import Binding

from .common.dialogs import ChoiceDialog, PromptDialog
from .files.conflicts import ConflictScreen
from .files.export_dialog import ExportDialog
from .files.exporting import Exporting
from .files.saving import Saving
from .general.help import HelpScreen
from .general.help_and_theme import HelpAndTheme
from .navigation.moves import Moves
from .navigation.search import Search
from .review.flag_dialog import FlagDialog
from .review.flag_list import FlagList
from .review.flagging import Flagging
from .review.flags_panel import KEYS as FLAGS_PANEL_KEYS
from .rows.editing import Editing
from .rows.modelwork import ModelWork
from .rows.sentence_dialogs import EditDialog, SplitDialog
from .terms.findings import FindingsDialog
from .terms.glossary import Glossary
from .terms.glossary_panel import KEYS as GLOSSARY_PANEL_KEYS
from .terms.spelling import Spelling
from .terms.suggestion_dialog import SuggestionDialog
from .terms.term_dialog import TermDialog


@dataclass(frozen=True)
class Key:
    """One key of the main screen and the method it runs."""

    keys: str  # comma-separated textual key names: "u,ctrl+z"
    id: str  # "<area>.<verb>"
    label: str  # in the footer
    tooltip: str  # in the help and the palette
    handler: Callable  # a method of an area's class, e.g. Editing.merge
    show: bool = False  # in the footer
    display: str | None = None  # how the first key is shown, if not by its name
    anywhere: bool = False  # also while a panel has the focus (else only on the rows)

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]

    def binding(self) -> Binding:
        # priority: the App runs the key's action as it takes the key, in typing order, so a
        # key typed right after one that opens a dialog goes into the dialog (type-ahead); a
        # rows key while a panel has the focus is refused by App.check_action and goes on to
        # the panel
        return Binding(self.keys, f"app.act('{self.id}')", self.label, show=self.show,
                       key_display=self.display, tooltip=self.tooltip, id=self.id,
                       priority=True)


SECTIONS: list[tuple[str, list[Key]]] = [
    ("Move", [
        Key("down,j", "navigation.down", "Down", "Next row", Moves.down),
        Key("up,k", "navigation.up", "Up", "Previous row", Moves.up),
        Key("shift+down", "navigation.sentence_down", "Next sentence", "Next sentence of this side (in this row or the next)", Moves.sentence_down),
        Key("shift+up", "navigation.sentence_up", "Prev sentence", "Previous sentence of this side", Moves.sentence_up),
        Key("tab", "navigation.switch_side", "Switch side", "Switch between the Russian and the English side", Moves.switch_side),
        Key("left,h", "navigation.source_side", "Russian side", "Work on the Russian (left) side", Moves.source_side),
        Key("right,l", "navigation.target_side", "English side", "Work on the English (right) side", Moves.target_side),
        Key("pagedown,ctrl+d", "navigation.page_down", "Page down", "One screen down", Moves.page_down),
        Key("pageup,ctrl+u", "navigation.page_up", "Page up", "One screen up", Moves.page_up),
        Key("home,g", "navigation.first_row", "First row", "Go to the first row", Moves.first_row),
        Key("end,G", "navigation.last_row", "Last row", "Go to the last row", Moves.last_row),
    ]),
    ("Find", [
        Key("w", "navigation.next_weak", "Next weak", "Next weak row: not confirmed, confidence below your threshold (default 0.8: red and yellow rows)", Moves.next_weak),
        Key("W", "navigation.prev_weak", "Prev weak", "Previous weak row", Moves.prev_weak),
        Key("percent_sign", "navigation.weak_threshold", "Weak below", "Set the confidence below which a row counts as weak (remembered)", Moves.set_threshold, display="%"),
        Key("v", "navigation.next_worst", "Worst first", "Review queue: the worst unconfirmed row, then the next in order of confidence", Moves.next_worst),
        Key("V", "navigation.prev_worst", "Back in queue", "Review queue: the previous (weaker) row", Moves.prev_worst),
        Key("p", "navigation.next_proposed", "Next proposed", "Next row that is not confirmed yet", Moves.next_proposed),
        Key("P", "navigation.prev_proposed", "Prev proposed", "Previous row that is not confirmed yet", Moves.prev_proposed),
        Key("t", "navigation.next_irregular", "Next non-1-1", "Next row that is not 1-1 (2-1, 0-1 ...)", Moves.next_irregular),
        Key("T", "navigation.prev_irregular", "Prev non-1-1", "Previous row that is not 1-1", Moves.prev_irregular),
        Key("colon,ctrl+g", "navigation.goto", "Go to", "Go to row number N", Search.goto, display=":"),
        Key("slash", "navigation.search", "Search", "Search the text of both sides", Search.search, display="/"),
        Key("n", "navigation.next_match", "Next match", "Next sentence matching the search", Search.next_match),
        Key("N", "navigation.prev_match", "Prev match", "Previous sentence matching the search", Search.prev_match),
    ]),
    ("Fix the alignment", [
        Key("left_square_bracket", "rows.move_up", "Move↑", "Move the first sentence of this side up into the previous row", Editing.move_up, show=True, display="["),
        Key("right_square_bracket", "rows.move_down", "Move↓", "Move the last sentence of this side down into the next row", Editing.move_down, show=True, display="]"),
        Key("m", "rows.merge", "Merge", "Merge this row with the next one", Editing.merge, show=True),
        Key("s", "rows.split", "Split", "Split the row before the current sentence; on the other side before the one you chose there, else at the same place; where that would empty a side, this side only (a glued title becomes a row of its own)", Editing.split_row, show=True),
        Key("d", "rows.detach", "Detach", "Detach this side into a row of its own (1-0 / 0-1)", Editing.detach),
        Key("a", "rows.add_row", "Add row", "Add an empty row below (fill it with [ and ]; empty rows are not saved)", Editing.insert_row),
        Key("enter,c", "rows.confirm", "Confirm", "Confirm this row and go to the next", Editing.confirm, show=True, display="c"),
        Key("C", "rows.confirm_above", "Confirm above", "Confirm every row from the top down to this one", Editing.confirm_above),
        Key("x", "rows.unconfirm", "Unconfirm", "Mark this row as proposed again", Editing.unconfirm),
        Key("R", "rows.realign", "Re-align", "Re-align every unconfirmed stretch with the model (one undo step)", ModelWork.realign),
    ]),
    ("Fix sentences", [
        Key("e,f2", "rows.edit", "Edit", "Edit the text of the current sentence (a typo fix keeps the original)", Editing.edit, show=True, display="e"),
        Key("S", "rows.split_sentence", "Split sentence", "Split the current sentence in two at a point you choose", Editing.split_sentence),
        Key("J", "rows.join", "Join", "Join the current sentence with the next one of this row", Editing.join),
    ]),
    ("Spelling and terms", [
        Key("z", "terms.next_typo", "Next typo", "Next misspelt word (marked red)", Spelling.next_typo),
        Key("Z", "terms.prev_typo", "Prev typo", "Previous misspelt word", Spelling.prev_typo),
        Key("equals_sign", "terms.fix_word", "Fix word", "Fix the misspelt word here: suggestions (1-9), add to the dictionary, ignore; on a term problem: the glossary's term, or accept the row as it is", Spelling.fix_word, display="="),
        Key("i", "terms.findings", "Findings", "List every misspelling and terminology problem; enter jumps to it", Spelling.findings, anywhere=True),
        Key("b", "terms.glossary", "Glossary", "Show the glossary panel (again: hide it): add, edit, delete terms", Glossary.toggle_panel, anywhere=True),
        Key("B", "terms.add_term", "Add term", "Add a glossary term from this row (select words or pick a candidate)", Glossary.add_from_row, anywhere=True),
    ]),
    ("Review", [
        Key("f", "review.flag", "Flag", "Flag this row (or its current sentence): MQM category, severity, comment", Flagging.flag_row, anywhere=True),
        Key("F", "review.flags", "Flags", "Show the flags panel (again: hide it): filter, jump, resolve, MQM score", FlagList.toggle_panel, anywhere=True),
        Key("o", "review.next_flag", "Next flag", "Next row with an open flag", Flagging.next_flag),
        Key("O", "review.prev_flag", "Prev flag", "Previous row with an open flag", Flagging.prev_flag),
        Key("Q", "review.qa", "Run QA", "Run the automatic checks: their proposals appear in the flags panel", FlagList.run_qa, anywhere=True),
    ]),
    ("File and view", [
        Key("u,ctrl+z", "rows.undo", "Undo", "Undo the last change", Editing.undo, show=True, display="u", anywhere=True),
        Key("U,ctrl+y", "rows.redo", "Redo", "Redo the last undone change", Editing.redo, anywhere=True),
        Key("ctrl+s", "files.save", "Save", "Save the document (atomically; the previous file is kept as ~)", Saving.save_key, show=True, anywhere=True),
        Key("E", "files.export", "Export", "Export the pairs (TMX, TSV, Moses, XLIFF, JSONL ...) or the HTML review report: format, rows, file", Exporting.export, anywhere=True),
        Key("alt+s,ctrl+shift+s", "files.save_as", "Save as", "Save the document under another name (when saving in place fails)", Saving.save_as, anywhere=True),
        Key("ctrl+t", "general.theme", "Theme", "Switch between the light and the dark theme", HelpAndTheme.toggle_theme, anywhere=True),
        Key("question_mark,f1", "general.help", "Help", "Show every key", HelpAndTheme.help, show=True, display="?", anywhere=True),
        Key("q,ctrl+q", "files.quit", "Quit", "Quit (asks first when there are unsaved changes)", Saving.quit, display="q", anywhere=True),
    ]),
]

#: every key of the main screen by id
KEYS: dict[str, Key] = {k.id: k for _, group in SECTIONS for k in group}

#: the panels' keys that act on the document: id -> handler (see the module docstring)
PANEL_HANDLERS: dict[str, Callable] = {
    "terms.glossary_add": Glossary.add_blank,
    "terms.glossary_edit": Glossary.edit_selected,
    "terms.glossary_delete": Glossary.delete_selected,
    "review.resolve": FlagList.resolve,
    "review.reopen": FlagList.reopen,
    "review.dismiss": FlagList.dismiss,
    "review.accept": FlagList.accept,
    "review.accept_all": FlagList.accept_all,
    "review.apply": FlagList.apply_suggestion,
    "review.edit": FlagList.edit,
    "review.delete": FlagList.delete,
}

#: the panels' keys, for the help screen
PANEL_SECTIONS: list[tuple[str, list[Binding]]] = [
    ("In the glossary panel (b)", GLOSSARY_PANEL_KEYS),
    ("In the flags panel (F)", FLAGS_PANEL_KEYS),
]

#: the dialogs: their keys have ids too (``edit.save``, ``conflict.mine`` ...), which a keymap
#: may rebind; they act on the dialog only
DIALOGS = (ChoiceDialog, PromptDialog, HelpScreen, EditDialog, SplitDialog, SuggestionDialog,
           FindingsDialog, TermDialog, FlagDialog, ConflictScreen, ExportDialog)

#: what ``app.act(id)`` runs, for every id
HANDLERS: dict[str, Callable] = {**{i: k.handler for i, k in KEYS.items()}, **PANEL_HANDLERS}

#: the footer shows the ``show`` keys in this order (help first: it leads to the rest)
FOOTER_ORDER = ("general.help", "files.save", "rows.undo", "rows.edit", "rows.confirm",
                "rows.merge", "rows.split", "rows.move_up", "rows.move_down")


def _footer_rank(key: Key) -> int:
    return FOOTER_ORDER.index(key.id) if key.id in FOOTER_ORDER else len(FOOTER_ORDER)


#: the main screen's bindings
BINDINGS: list[Binding] = [k.binding() for k in sorted(KEYS.values(), key=_footer_rank)]


def owner(handler: Callable) -> type:
    """The class ``handler`` is a method of (the app holds one object of each such class)."""
    return getattr(sys.modules[handler.__module__], handler.__qualname__.split(".")[0])


def help_sections() -> list[tuple[str, list[Binding]]]:
    """Every key by task, then the panels' keys."""
    return [(title, [k.binding() for k in group]) for title, group in SECTIONS] + PANEL_SECTIONS


def all_bindings() -> list[Binding]:
    """Every binding a keymap may rebind: the main screen's, the panels' and the dialogs'."""
    dialogs = [b for d in DIALOGS for b in d.BINDINGS if isinstance(b, Binding) and b.id]
    return BINDINGS + [b for _, group in PANEL_SECTIONS for b in group] + dialogs


def key_labels(app: App, binding: Binding, keymap: Mapping[str, str] | None = None) -> list[str]:
    """How each key of a binding is shown (``^s``, ``[``, ``pgdn`` ...), for help and palette;
    the keys are the keymap's for that id, if it has them."""
    keys = (keymap or {}).get(binding.id or "")
    if keys:
        binding = Binding(keys, binding.action)  # the keymap's keys have no special display
    return [app.get_key_display(binding.with_key(k.strip())) for k in binding.key.split(",")]
