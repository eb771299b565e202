"""WorkbenchApp: the open document, the main screen, the keys, and the areas that do the work.

The app holds a core :class:`~workbench.core.session.Session` (document, history, journal, the
one save path shared with the command line) and one object per job of each area of the UI:
``rows`` (editing, the model), ``navigation`` (moves, search), ``terms`` (spelling, glossary),
``review`` (flags, QA), ``files`` (saving, autosave, recovery) and ``general`` (help, theme).
The areas get a :class:`~.context.Context` (the session, the rows view, notifications and
dialogs), never the app, so none reaches into another. A key runs ``act('<area>.<verb>')``,
and :mod:`.keys` names the method that runs; a user keymap (:mod:`.keymap`) rebinds keys by
that id.

The app wires what crosses areas: after any change of the document its ``revision`` goes up
(the status line, the panels and autosave follow it); a cursor move updates the status line
and the glossary panel's marks; a new document, once aligned, is saved. While a panel has the
focus the rows' one-letter keys are off (:meth:`check_action`), so that a panel key never
edits the rows by accident.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ..core import store
from ..core.document import Document
from ..core.embed import model_to_reuse
from ..core.review import default_author
from ..core.session import Session
from ..core.textio import lang_name
from . import keys
from .commands import BindingCommands
from .common.dialogs import PromptDialog
from .context import Context
from .files.autosave import Autosave
from .files.exporting import Exporting
from .files.last_place import LastPlace
from .files.recovery import Recovery
from .files.saving import Saving
from .general.help_and_theme import HelpAndTheme
from .keymap import load_keymap
from .main_screen import MainScreen
from .navigation.moves import Moves
from .navigation.search import Search
from .quiet_gc import EVERY, QuietCollector
from .review.flag_list import FlagList
from .review.flagging import Flagging
from .review.flags_panel import FlagsPanel
from .rows.alignment_view import AlignmentView
from .rows.editing import Editing
from .rows.modelwork import DocumentAligned, ModelWork
from .status_line import StatusLine
from .terms.checking import Checking
from .terms.glossary import Glossary
from .terms.glossary_panel import GlossaryPanel
from .terms.marks import Marks
from .terms.spelling import Spelling

#: keys that are off while a panel has the focus
ROWS_ONLY = frozenset(k.id for k in keys.KEYS.values() if not k.anywhere)


def _key_id(action: str) -> str | None:
    """``rows.merge`` from the action ``app.act('rows.merge')``."""
    found = re.fullmatch(r"(?:app\.)?act\('([\w.]+)'\)", action)
    return found.group(1) if found else None


class WorkbenchApp(App):
    """Fix a sentence alignment from the keyboard. See ``?`` for the keys."""

    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {BindingCommands}
    CSS = """
    #progress { height: 1; display: none; background: $panel; padding: 0 1; }
    #progress.busy { display: block; }
    #progress-label { width: auto; max-width: 50%; padding-right: 1; }
    #progress-bar { width: 1fr; }
    #progress-bar Bar { width: 1fr; }
    #status { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    #columns { height: 1; background: $panel; color: $text-muted; }
    /* notices as thin strips over the bottom of the English column, not 3-line boxes */
    Toast { padding: 0 1; margin-top: 0; width: auto; min-width: 30; max-width: 45%; }
    ToastRack { margin-bottom: 1; }
    """

    #: goes up after every change of the document (what shows the document follows it)
    revision: reactive[int] = reactive(0, init=False)

    #: (message, severity) to show once the app runs: what reading the texts found (the
    #: encoding used, a side in the wrong language, a lopsided pair), set by ``workbench open``
    startup_notices: list[tuple[str, str]] = []

    def __init__(self, doc: Document, path: str | Path, *, align: bool = False,
                 encoder=None, model: str | None = None, ask_overwrite: bool = False,
                 autosave_seconds: float | None = 30.0, autosave_edits: int = 20,
                 check_autosave: bool = True, user: str | None = None,
                 spellcheck: bool = True, preload_model: bool = True,
                 ask_user: bool = False, write_root: str | Path | None = None) -> None:
        """``align``: the document has no beads yet; align it in a worker, then save it.

        ``encoder`` (any :class:`workbench.core.embed.Encoder`) skips loading ``model``
        (default: the model that aligned ``doc``, else the default model);
        ``ask_overwrite``: ``path`` is an older file this new document would replace;
        ``user``: the author of new flags (default: the login name); ``spellcheck=False``
        leaves the rows without spelling and term marks (flags are still shown);
        ``preload_model``: load the model in the background at once, for the first ``R``;
        ``ask_user``: ask the reviewer's name (the author of their flags) first (a browser tab
        of ``workbench serve``: the name the reviewer gives when the page opens);
        ``write_root``: save as and export write only inside this folder (a browser tab).
        """
        super().__init__()
        self.preload_model = preload_model
        self.session = Session(doc, path, unsaved=align)  # a new document differs from the file
        self.needs_alignment = align
        self.check_autosave = check_autosave
        self.user = user or default_author()
        self.ask_user = ask_user
        self.ctx = ctx = Context(self, self.session, changed=self._document_changed,
                                 refresh_status=self.update_status)
        if write_root is not None:
            ctx.write_root = Path(write_root).expanduser().resolve()
        self.marks = Marks(self.session)
        checking = Checking(ctx, self.marks, enabled=spellcheck)
        autosave = Autosave(ctx, seconds=autosave_seconds, edits=autosave_edits)
        self.areas = {type(area): area for area in (
            Editing(ctx), ModelWork(ctx, encoder, model or model_to_reuse(doc.model)),
            Moves(ctx), Search(ctx),
            checking, Spelling(ctx, self.marks, checking), Glossary(ctx, self.marks, checking),
            Flagging(ctx, self.marks, self.user), FlagList(ctx, self.user),
            autosave, Saving(ctx, autosave, ask_overwrite=ask_overwrite), Recovery(ctx),
            LastPlace(ctx), Exporting(ctx),
            HelpAndTheme(ctx, keys.help_sections, self.key_labels))}
        self._status_line = StatusLine(ctx, row_hint=self.area(Spelling).row_hint,
                                       search_text=lambda: self.search_query)
        self.main_screen: MainScreen | None = None  # made when the app starts
        self._from_palette = False
        self.user_keymap: dict[str, str] = {}  # binding id -> keys, from the user's keymap file
        self.quiet_gc = QuietCollector()  # full garbage collections between keys, not during

    @classmethod
    def open_file(cls, path: str | Path, **kwargs) -> "WorkbenchApp":
        """The app on a saved document (a FormatError names file and line if it is broken)."""
        doc, sha = store.load_with_hash(path)
        app = cls(doc, path, **kwargs)
        app.session.set_base(sha)  # what saving compares the disk with
        return app

    def exit(self, *args, **kwargs) -> None:
        """Quit, remembering where the document was left (for the next time it opens)."""
        if self.main_screen is not None and self.main_screen.is_attached:
            try:
                self.area(LastPlace).remember()
            except Exception:  # a convenience must never stop a quit
                pass
        super().exit(*args, **kwargs)

    def area(self, cls: type):
        """The app's object of one of the areas' classes (``app.area(Saving)``)."""
        return self.areas[cls]

    def get_default_screen(self) -> Screen:
        self.main_screen = MainScreen(ready=self.start)
        self.ctx.screen = self.main_screen
        return self.main_screen

    # ------------------------------------------------------------ read-only views for callers
    # (the command line, the tests): the state lives in the session and the areas

    doc = property(lambda self: self.session.doc)
    history = property(lambda self: self.session.history)
    path = property(lambda self: self.session.path)
    dirty = property(lambda self: self.session.dirty)
    busy = property(lambda self: self.ctx.busy)
    saving = property(lambda self: self.area(Saving).saving)
    ask_overwrite = property(lambda self: self.area(Saving).ask_overwrite)
    search_query = property(lambda self: self.area(Search).query)
    spellcheck = property(lambda self: self.area(Checking).enabled)
    model_name = property(lambda self: self.area(ModelWork).model_name)
    view = property(lambda self: self.main_screen.query_one(AlignmentView))
    glossary_panel = property(lambda self: self.main_screen.query_one(GlossaryPanel))
    flags_panel = property(lambda self: self.main_screen.query_one(FlagsPanel))

    # ------------------------------------------------------------ starting

    def on_mount(self) -> None:
        self.quiet_gc.start()
        self.set_interval(EVERY, self._quiet_moment, name="quiet moments")
        self.load_keymap()
        for message, severity in self.startup_notices:
            self.notify(message, severity=severity, timeout=12)

    def load_keymap(self) -> None:
        """The user's keymap over the default keys; what is wrong in it is said, not fatal."""
        keymap = load_keymap(b.id for b in keys.all_bindings())
        self.user_keymap = keymap.keys
        if keymap.keys:
            self.set_keymap(keymap.keys)
        for problem in keymap.problems:
            self.notify(problem, title="Keymap", severity="warning", timeout=12)

    def start(self) -> None:
        """Once the main screen exists: show the document, then align or offer recovery."""
        view = self.view
        view.marks = self.marks
        view.set_document(self.doc)
        view.focus()
        self.ctx.home()
        if not self.needs_alignment:
            self.area(LastPlace).restore()
        self.update_status()
        self.ctx.prepare_dialogs(make for area in self.areas.values()
                                 for make in getattr(area, "dialogs", ()))
        self.area(Autosave).start()
        if self.area(Checking).enabled:
            self.area(Checking).start()
        if self.needs_alignment:
            self.area(ModelWork).align_document()
            return
        if self.preload_model:
            self.area(ModelWork).preload()
        if self.check_autosave:
            self.area(Recovery).offer_on_open()
        if self.ask_user:
            self.ask_user_name()

    def ask_user_name(self) -> None:
        """Ask who is reviewing: the name becomes the author of the flags raised here."""

        def answer(value: str | None) -> None:
            name = " ".join((value or "").split())[:80]
            if name:
                self.set_user(name)
            self.notify(f"Your flags are signed {self.user}.", timeout=4)

        self.ctx.dialog(PromptDialog, answer, "Your name",
                        "it signs the flags you raise · enter: start", value="",
                        placeholder="your name")

    def set_user(self, name: str) -> None:
        """The author of the flags raised from now on."""
        self.user = name
        self.area(Flagging).user = name
        self.area(FlagList).user = name

    def on_unmount(self) -> None:
        self.quiet_gc.stop()

    def _quiet_moment(self) -> None:
        """Every tenth of a second: while no key comes, make the dialogs ready and do what the
        areas keep for such moments (one step each time: 5-50 ms of the main thread), then
        collect the garbage (:mod:`.quiet_gc`)."""
        if self.quiet_gc.quiet and self.ctx.quiet_moment():
            return
        self.quiet_gc.tick()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.quiet_gc.input_seen()
        await super().on_event(event)

    # ------------------------------------------------------------ keys

    async def action_act(self, key_id: str) -> None:
        """Run the handler that :mod:`.keys` names for ``key_id`` (``rows.merge``)."""
        handler = keys.HANDLERS[key_id]
        result = handler(self.areas[keys.owner(handler)])
        if result is not None:
            await result

    async def action_quit(self) -> None:
        """ctrl+q (textual's own binding) asks first too."""
        await self.area(Saving).quit()

    def key_labels(self, binding: Binding) -> list[str]:
        """The keys of a binding as shown, after the user's keymap."""
        return keys.key_labels(self, binding, self.user_keymap)

    def panel_focused(self) -> bool:
        """Whether a panel (not the rows) has the focus on the main screen."""
        focused = self.main_screen.focused if self.main_screen is not None else None
        return focused is not None and not isinstance(focused, AlignmentView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The rows' keys are off while a panel has the focus (its own keys apply)."""
        if action == "act" and parameters and parameters[0] in ROWS_ONLY \
                and not self._from_palette and self.panel_focused():
            return False
        return True

    async def run_command_action(self, action: str) -> None:
        """A palette command: always runs; a rows key gives the focus back to the rows."""
        if _key_id(action) in ROWS_ONLY and self.panel_focused():
            self.view.focus()
        self._from_palette = True
        try:
            await self.run_action(action)
        finally:
            self._from_palette = False

    # ------------------------------------------------------------ what crosses areas

    def _document_changed(self) -> None:
        self.revision += 1

    def watch_revision(self) -> None:
        self.update_status()

    def on_document_aligned(self, _message: DocumentAligned) -> None:
        self.area(Saving).save_key()

    def on_alignment_view_cursor_moved(self, _message: AlignmentView.CursorMoved) -> None:
        self.update_status()
        self.area(Glossary).follow_cursor()

    def on_alignment_view_measured(self, _message: AlignmentView.Measured) -> None:
        gc.freeze()  # the fresh layout (20,000 wrapped sentences) joins the frozen document
        names = [f"{lang_name(self.ctx.lang(s))} ({self.ctx.lang(s)})" for s in ("src", "tgt")]
        self.main_screen.query_one("#columns", Static).update(self.view.column_titles(*names))

    def update_status(self) -> None:
        """The status line, the title and the header's unsaved marker."""
        self._status_line.show()
