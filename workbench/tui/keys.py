"""Every key of the main screen in one table: the bindings, the help screen and the palette.

One list keeps the three in step: a binding's ``description`` is its short footer label, its
``tooltip`` the sentence the help screen and the command palette show, and its ``id``
(``workbench.<name>``) lets a user keymap rebind it. Movement keys are hidden from the footer
and have vim aliases; actions are prefixed ``app.`` because they live on the App (the
bindings sit on the main screen so that modal dialogs do not inherit one-letter keys).
"""

from __future__ import annotations

from textual.binding import Binding


def _b(keys: str, action: str, label: str, tooltip: str, *, show: bool = False,
       display: str | None = None, priority: bool = False) -> Binding:
    name = action.replace("('", "_").replace("')", "")
    return Binding(keys, f"app.{action}", label, show=show, key_display=display,
                   tooltip=tooltip, id=f"workbench.{name}", priority=priority)


SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Move", [
        _b("down,j", "cursor_down", "Down", "Next row"),
        _b("up,k", "cursor_up", "Up", "Previous row"),
        _b("shift+down", "sentence_down", "Next sentence", "Next sentence of this side (in this row or the next)"),
        _b("shift+up", "sentence_up", "Prev sentence", "Previous sentence of this side"),
        _b("tab", "switch_side", "Switch side", "Switch between the Russian and the English side"),
        _b("left,h", "side('src')", "Russian side", "Work on the Russian (left) side"),
        _b("right,l", "side('tgt')", "English side", "Work on the English (right) side"),
        _b("pagedown,ctrl+d", "page_down", "Page down", "One screen down"),
        _b("pageup,ctrl+u", "page_up", "Page up", "One screen up"),
        _b("home,g", "first_row", "First row", "Go to the first row"),
        _b("end,G", "last_row", "Last row", "Go to the last row"),
    ]),
    ("Find", [
        _b("w", "next_low", "Next weak", "Next low-confidence row (confidence below 0.5, not confirmed)"),
        _b("W", "prev_low", "Prev weak", "Previous low-confidence row"),
        _b("p", "next_unconfirmed", "Next proposed", "Next row that is not confirmed yet"),
        _b("P", "prev_unconfirmed", "Prev proposed", "Previous row that is not confirmed yet"),
        _b("t", "next_irregular", "Next non-1-1", "Next row that is not 1-1 (2-1, 0-1 ...)"),
        _b("T", "prev_irregular", "Prev non-1-1", "Previous row that is not 1-1"),
        _b("colon,ctrl+g", "goto", "Go to", "Go to row number N", display=":"),
        _b("slash", "search", "Search", "Search the text of both sides", display="/"),
        _b("n", "search_next", "Next match", "Next sentence matching the search"),
        _b("N", "search_prev", "Prev match", "Previous sentence matching the search"),
    ]),
    ("Fix the alignment", [
        _b("left_square_bracket", "move_up", "Move↑", "Move the first sentence of this side up into the previous row", show=True, display="["),
        _b("right_square_bracket", "move_down", "Move↓", "Move the last sentence of this side down into the next row", show=True, display="]"),
        _b("m", "merge", "Merge", "Merge this row with the next one", show=True),
        _b("s", "split_row", "Split", "Split the row before the current sentence (and, on the other side, before the one you chose there)", show=True),
        _b("d", "detach", "Detach", "Detach this side into a row of its own (1-0 / 0-1)"),
        _b("a", "insert_row", "Add row", "Add an empty row below (fill it with [ and ]; empty rows are not saved)"),
        _b("enter,c", "confirm", "Confirm", "Confirm this row and go to the next", show=True, display="c"),
        _b("C", "confirm_above", "Confirm above", "Confirm every row from the top down to this one"),
        _b("x", "unconfirm", "Unconfirm", "Mark this row as proposed again"),
        _b("R", "realign", "Re-align", "Re-align every unconfirmed stretch with the model (one undo step)"),
    ]),
    ("Fix sentences", [
        _b("e,f2", "edit", "Edit", "Edit the text of the current sentence (a typo fix keeps the original)", show=True, display="e"),
        _b("S", "split_sentence", "Split sentence", "Split the current sentence in two at a point you choose"),
        _b("J", "join", "Join", "Join the current sentence with the next one of this row"),
    ]),
    ("Spelling and terms", [
        _b("z", "next_misspelling", "Next typo", "Next misspelt word (marked red)"),
        _b("Z", "prev_misspelling", "Prev typo", "Previous misspelt word"),
        _b("equals_sign", "fix_word", "Fix word", "Fix the misspelt word here: suggestions (1-9), add to the dictionary, ignore; or the glossary's term", display="="),
        _b("i", "findings", "Findings", "List every misspelling and terminology problem; enter jumps to it"),
        _b("b", "glossary_panel", "Glossary", "Show the glossary panel (again: hide it): add, edit, delete terms"),
        _b("B", "add_term", "Add term", "Add a glossary term from this row (select words or pick a candidate)"),
    ]),
    ("Review", [
        _b("f", "flag_row", "Flag", "Flag this row (or its current sentence): MQM category, severity, comment"),
        _b("F", "flags_panel", "Flags", "Show the flags panel (again: hide it): filter, jump, resolve, MQM score"),
        _b("o", "next_flag", "Next flag", "Next row with an open flag"),
        _b("O", "prev_flag", "Prev flag", "Previous row with an open flag"),
        _b("Q", "run_qa", "Run QA", "Run the automatic checks: their proposals appear in the flags panel"),
    ]),
    ("File and view", [
        _b("u,ctrl+z", "undo", "Undo", "Undo the last change", show=True, display="u"),
        _b("U,ctrl+y", "redo", "Redo", "Redo the last undone change"),
        _b("ctrl+s", "save", "Save", "Save the document (atomically; the previous file is kept as ~)", show=True),
        _b("alt+s,ctrl+shift+s", "save_as", "Save as", "Save the document under another name (when saving in place fails)"),
        _b("ctrl+t", "toggle_theme", "Theme", "Switch between the light and the dark theme"),
        _b("question_mark,f1", "help", "Help", "Show every key", show=True, display="?"),
        _b("q,ctrl+q", "quit", "Quit", "Quit (asks first when there are unsaved changes)", display="q"),
    ]),
]

#: actions that still work while the glossary or flags panel has the focus (the other keys of
#: the main screen are off then, so that a panel's keys never change the rows by accident)
PANEL_SAFE = frozenset({"save", "save_as", "undo", "redo", "help", "quit", "toggle_theme",
                        "glossary_panel", "flags_panel", "add_term", "flag_row", "run_qa",
                        "findings"})

#: the footer shows the ``show`` bindings in this order (help first: it leads to the rest)
FOOTER_ORDER = ("help", "save", "undo", "edit", "confirm", "merge", "split_row", "move_up",
                "move_down")


def _footer_rank(binding: Binding) -> int:
    name = (binding.id or "").removeprefix("workbench.")
    return FOOTER_ORDER.index(name) if name in FOOTER_ORDER else len(FOOTER_ORDER)


BINDINGS: list[Binding] = sorted((b for _, group in SECTIONS for b in group), key=_footer_rank)


def key_labels(app, binding: Binding) -> list[str]:
    """How each key of a binding is shown (``^s``, ``[``, ``pgdn`` ...), for help and palette."""
    return [app.get_key_display(binding.with_key(k.strip())) for k in binding.key.split(",")]
