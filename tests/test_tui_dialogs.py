"""The dialogs are made once and shown again (``Context.dialog``, ``ReusableDialog``): each
showing must start as a new dialog would, whatever the last one left behind (typed text,
another choice, a filtered list, the focus, a scroll); they are made ready in quiet moments
without a frame showing them; the full garbage collections wait for quiet moments; the
footer is not remade when a dialog opens and closes.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from rich.table import Table
from textual.widgets import Footer, Input, OptionList, RadioButton, RadioSet, Static, TextArea

from workbench.core import store
from workbench.tui.common.dialogs import PromptDialog, ReusableDialog
from workbench.tui.general.help import HelpScreen
from workbench.tui.app import WorkbenchApp
from workbench.tui.quiet_gc import QuietCollector
from workbench.tui.review.flag_dialog import FlagDialog
from workbench.tui.rows.sentence_dialogs import EditDialog, SplitDialog
from workbench.tui.terms.findings import FindingsDialog
from workbench.tui.terms.suggestion_dialog import SuggestionDialog
from workbench.tui.terms.term_dialog import TermDialog
from workbench.tui.files.export_dialog import ExportDialog

from tui_helpers import drive, make_app, settle

ROOT = Path(__file__).resolve().parent.parent
ALIGN = ROOT / "alignments"


def open_bakai(tmp_path) -> WorkbenchApp:
    """The published Bakai pair with its project glossary (typos, term problems, candidates)."""
    for name in ("glossary.yaml", "dictionary.yaml"):
        shutil.copy(ALIGN / name, tmp_path / name)
    doc = store.load(ALIGN / "bakai.yaml")
    for side in (doc.source, doc.target):  # back to the published text: typos to fix
        side.sentences = [s.__class__(**{**s.__dict__, "text": s.original, "original": None})
                          if s.original else s for s in side.sentences]
        side.invalidate()
    store.save(doc, tmp_path / "bakai.yaml")
    return WorkbenchApp.open_file(tmp_path / "bakai.yaml", preload_model=False,
                                  autosave_seconds=None, check_autosave=False, user="anna")


def looks(screen) -> list:
    """What a dialog shows and holds, widget by widget, and where the focus is."""
    out = []
    for w in screen.query("*"):
        item = [type(w).__name__, w.id, w.display, w.disabled,
                tuple(sorted(c for c in w.classes if c != "-textual-compact"))]
        if isinstance(w, Input):
            item += [w.value, w.cursor_position, w.selection, w.placeholder, w.type,
                     [type(v).__name__ for v in w.validators]]
        elif isinstance(w, RadioButton):
            item += [w.value, str(w.label)]
        elif isinstance(w, RadioSet):
            item += [w.pressed_index, w._selected]
        elif isinstance(w, OptionList):
            item += [w.highlighted, [str(o.prompt) for o in w.options], w.scroll_y]
        elif isinstance(w, TextArea):
            item += [w.text, w.cursor_location, w.selection, w.read_only, w.history.undo_stack]
        elif isinstance(w, Static):
            content = w.content
            item += ["table" if isinstance(content, Table) else str(content)]
        out.append(tuple(item))
    focused = screen.focused
    out.append(("focus", None if focused is None else (type(focused).__name__, focused.id)))
    return out


def record_dialogs(app) -> list:
    """Every ctx.dialog call from now on: (class, args, kwargs)."""
    calls = []
    dialog = app.ctx.dialog

    def recorded(cls, answer, *args, **kwargs):
        calls.append((cls, args, kwargs))
        dialog(cls, answer, *args, **kwargs)
    app.ctx.dialog = recorded
    return calls


async def until(pilot, ready) -> None:
    for _ in range(200):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError("never ready")


async def same_as_new(pilot, calls, ready=lambda screen: True) -> None:
    """The dialog on top, shown again, looks and holds what a new one with its contents does
    (each once ``ready(screen)``)."""
    app = pilot.app
    shown = app.screen
    assert isinstance(shown, ReusableDialog)
    assert app.ctx._dialogs[type(shown)] is shown  # the kept one, not a new one
    await until(pilot, lambda: ready(shown))
    again = looks(shown)
    cls, args, kwargs = calls[-1]
    await pilot.press("escape")
    await pilot.pause()
    new = cls(*args, **kwargs)
    await app.push_screen(new)
    await pilot.pause()
    await until(pilot, lambda: ready(new))
    await pilot.pause()
    assert looks(new) == again
    app.pop_screen()
    await pilot.pause()


def test_every_dialog_shown_again_starts_as_a_new_one(tmp_path):
    app = open_bakai(tmp_path)

    async def script(pilot):
        calls = record_dialogs(app)
        view = app.view
        # the flag dialog: a typo's row (row, sentence and word to flag), a filter typed,
        # another severity, words and a comment; then a row with no typo
        await pilot.press("z", "f")
        await pilot.pause()
        await pilot.press(*"spel", "tab", "right", "tab", "right", "tab", *"the words")
        await pilot.press("tab", *"a comment", "escape")
        await pilot.pause()
        view.move_to(0, "tgt", 0)
        await pilot.press("f")
        await pilot.pause()
        await same_as_new(pilot, calls)
        # the edit dialog: text typed (an undo history), then a sentence with an original
        await pilot.press("e", *" more words", "escape")
        await pilot.pause()
        view.move_to(11, "src", 2)
        await pilot.press("e")
        await pilot.pause()
        await same_as_new(pilot, calls)
        # the split dialog
        await pilot.press("S", "left", "left", "escape")
        view.move_to(3, "tgt", 0)
        await pilot.press("S")
        await pilot.pause()
        await same_as_new(pilot, calls)
        # one prompt for all: go to (an integer), search (text) after it, go to again
        await pilot.press("colon", *"12", "enter")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await same_as_new(pilot, calls)
        await pilot.press("slash", *"no such thing", "escape", "colon")
        await pilot.pause()
        await same_as_new(pilot, calls)
        # the term dialog: from a row (candidates and texts), then blank, then an edit
        view.move_to(37, "tgt", 0)
        await pilot.press("B", "down", "tab", *"typed", "escape")
        await pilot.pause()
        view.move_to(11, "src", 2)
        await pilot.press("B")
        await pilot.pause()
        await same_as_new(pilot, calls)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await same_as_new(pilot, calls)
        await pilot.press("e")
        await pilot.pause()
        await same_as_new(pilot, calls)
        await pilot.press("b")
        await pilot.pause()
        # the export dialog: another format and rows, a path typed
        await pilot.press("E", "right", "right", "tab", "right", "tab", *"x", "escape")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        await same_as_new(pilot, calls)
        # the findings list: moved down, then opened from another row
        await pilot.press("i", "down", "down", "escape")
        view.move_to(40, "tgt", 0)
        await pilot.press("i")
        await pilot.pause()
        await same_as_new(pilot, calls)
        # the suggestions of a typo, then of another
        await pilot.press("z", "equals_sign")
        await until(pilot, lambda: app.screen.suggestions is not None)
        await pilot.pause()
        await pilot.press("down", "escape")
        await pilot.press("z", "equals_sign")
        await same_as_new(pilot, calls, lambda screen: screen.suggestions is not None)
        # the help, scrolled down
        await pilot.press("question_mark", "pagedown", "pagedown", "escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query_one("VerticalScroll").scroll_y == 0
        await same_as_new(pilot, calls)
        assert {cls for cls, _, _ in calls} == {FlagDialog, EditDialog, SplitDialog,
                                                 PromptDialog, TermDialog, ExportDialog,
                                                 FindingsDialog, SuggestionDialog, HelpScreen}
    drive(app, script, size=(160, 48))


def test_a_dialog_shown_again_answers_again_and_keys_typed_ahead_still_arrive():
    app = make_app()

    async def script(pilot):
        await pilot.press("colon", "4", "enter")  # typed at once: held until the field has focus
        await pilot.pause()
        assert app.view.row == 3
        first = app.ctx._dialogs[PromptDialog]
        await pilot.press("colon", "2", "enter", "j")  # the j goes to the rows, not the field
        await pilot.pause()
        await pilot.pause()
        assert app.ctx._dialogs[PromptDialog] is first
        assert app.view.row == 2
        assert app.screen is app.main_screen
    drive(app, script)


def test_quiet_moments_make_every_dialog_ready_without_showing_it(tmp_path):
    app = open_bakai(tmp_path)

    async def script(pilot):
        frames = []
        show = app._display
        app._display = lambda screen, renderable: (frames.append(screen), show(screen, renderable))
        while app.ctx.quiet_moment():  # what the quiet moments do, all at once
            await pilot.pause()
        await pilot.pause()
        assert app.screen is app.main_screen and len(app.screen_stack) == 1
        ready = app.ctx._dialogs
        assert set(ready) >= {FlagDialog, EditDialog, SplitDialog, PromptDialog, TermDialog,
                              ExportDialog, FindingsDialog, SuggestionDialog, HelpScreen}
        assert all(d.is_mounted for d in ready.values())
        assert all(screen is app.main_screen for screen in frames)  # no frame showed one
        help_screen = ready[HelpScreen]
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is help_screen  # the one made ready, shown
        assert help_screen.query_one("#keys", Static).content is not None
    drive(app, script, size=(160, 48))


def test_a_dialog_shown_after_a_theme_change_has_the_new_colours():
    app = make_app()

    async def script(pilot):
        await pilot.press("e")
        await pilot.pause()
        dark = app.screen.query_one(TextArea).styles.background
        await pilot.press("escape", "ctrl+t")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        light = app.screen.query_one(TextArea).styles.background
        await pilot.press("escape", "ctrl+t")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert light != dark and app.screen.query_one(TextArea).styles.background == dark
    drive(app, script)


def test_full_collections_wait_for_a_quiet_moment():
    saved = gc.get_threshold()
    quiet = QuietCollector(quiet=60.0)
    quiet.start()
    try:
        assert gc.get_threshold()[2] > 10 ** 6  # Python's own full collections are off
        while not quiet.due:  # as much garbage as would start one
            gc.collect(1)
        quiet.input_seen()
        quiet.tick()
        assert quiet.collections == 0  # keys came just now
        quiet.last_input -= 61
        quiet.tick()
        assert quiet.collections == 1 and not quiet.due
    finally:
        quiet.stop()
    assert gc.get_threshold() == saved


def test_the_app_puts_the_collector_back_when_it_stops():
    saved = gc.get_threshold()
    app = make_app()

    async def script(pilot):
        assert gc.get_threshold() != saved
    drive(app, script)
    assert gc.get_threshold() == saved


def test_the_footer_is_not_remade_when_a_dialog_opens_and_closes_but_when_its_keys_change():
    app = make_app()

    async def script(pilot):
        await settle(pilot)
        footer = app.main_screen.query_one(Footer)
        remade = []
        recompose = footer.recompose
        footer.recompose = lambda: (remade.append(1), recompose())[1]
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert remade == []
        await pilot.press("b")  # the glossary panel takes the focus: its keys are shown
        await pilot.pause()
        await pilot.pause()
        assert remade
    drive(app, script)


def test_closing_the_app_while_dialogs_wait_to_be_made():
    app = make_app()

    async def script(pilot):
        assert app.ctx._to_prepare  # none made yet
        app.exit()
    drive(app, script, wait=False)
    assert app.ctx.quiet_moment() is False  # the screen stack is gone: nothing is done
