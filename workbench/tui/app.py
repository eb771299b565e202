"""WorkbenchApp: keys -> core operations through one History, and the file around them.

The app holds one Document and one History; every change is an Edit built by
``workbench.core.operations`` and applied with ``History.do``, so undo, the unsaved marker and
the view's incremental re-layout all follow from the Edit. An operation that does not apply
(``OperationError``) becomes a notification. The rest of the app lives in mixins, one job
each: :mod:`.navigation` (moving, search), :mod:`.modelwork` (align, re-align in workers),
:mod:`.files` (save, autosave, recovery, quit guard), :mod:`.spelling_ui` (misspellings and
terms: jumps, fixes, the findings list), :mod:`.glossary_panel` (terms), :mod:`.flags_panel`
(review flags, QA, the MQM score). The row marks they share are in :mod:`.marks`.

The two panels (glossary, flags) sit under the rows; while one has the focus, the view's
one-letter keys are off (:meth:`WorkbenchApp.check_action`) so that a panel key never edits the
rows by accident, and the panel's own keys apply.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Callable

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from ..core import operations as ops
from ..core import store
from ..core.confidence import LOW
from ..core.document import Document
from ..core.embed import model_to_reuse
from ..core.errors import OperationError
from ..core.operations import Edit, History
from ..core.textio import lang_name
from .alignment_view import AlignmentView
from .commands import BindingCommands
from .files import FilesMixin
from .flags_panel import PANEL_BINDINGS as FLAGS_KEYS
from .flags_panel import FlagsPanel, ReviewMixin
from .glossary_panel import PANEL_BINDINGS as GLOSSARY_KEYS
from .glossary_panel import GlossaryMixin, GlossaryPanel
from .keys import BINDINGS, PANEL_SAFE, SECTIONS
from .marks import Marks
from .modelwork import ModelWorkMixin
from .navigation import NavigationMixin
from .spelling_ui import SpellingMixin
from .screens import EditDialog, HelpScreen, SentenceInfo, SplitDialog

#: actions of the main screen's keys that are off while a panel has the focus
GATED = frozenset(b.action.removeprefix("app.").split("(")[0] for b in BINDINGS) - PANEL_SAFE


class MainScreen(Screen):
    """The aligned view, a progress line, the status line and the footer; owns the keys."""

    BINDINGS = BINDINGS

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(id="columns")
        yield AlignmentView(id="view")
        yield GlossaryPanel()
        yield FlagsPanel()
        with Horizontal(id="progress"):
            yield Label(id="progress-label")
            yield ProgressBar(id="progress-bar", show_eta=False)
        yield Static(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.app.start()


class WorkbenchApp(NavigationMixin, SpellingMixin, GlossaryMixin, ReviewMixin, ModelWorkMixin,
                   FilesMixin, App):
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
    """

    def __init__(self, doc: Document, path: str | Path, *, align: bool = False,
                 encoder=None, model: str | None = None, ask_overwrite: bool = False,
                 autosave_seconds: float | None = 30.0, autosave_edits: int = 20,
                 check_autosave: bool = True, user: str | None = None,
                 spellcheck: bool = True) -> None:
        """``align``: the document has no beads yet; align it in a worker, then save it.

        ``encoder`` (any :class:`workbench.core.embed.Encoder`) skips loading ``model``
        (default: the model that aligned ``doc``, else the default model);
        ``ask_overwrite``: ``path`` is an older file this new document would replace;
        ``user``: the author of new flags (default: the login name); ``spellcheck=False``
        leaves the rows without spelling and term marks (flags are still shown).
        """
        super().__init__()
        self.doc = doc
        self.path = Path(path)
        self.history = History(doc)
        self.encoder = encoder
        self.model_name = model or model_to_reuse(doc.model)
        self.needs_alignment = align
        self.ask_overwrite = ask_overwrite
        self.autosave_seconds = autosave_seconds
        self.autosave_edits = autosave_edits
        self.check_autosave = check_autosave
        self.unsaved_base = align  # a new or recovered document differs from the file
        self.busy: str | None = None
        self.saving = False
        self.search_query = ""
        self._edits_since_autosave = 0
        self._autosaved: tuple[int, int] | None = None  # (document, version) last autosaved
        self._progress_at = 0.0
        from ..core.review import default_author

        self.user = user or default_author()
        self.spellcheck = spellcheck
        self.marks = Marks(self)
        self.qa_proposals = []  # the last QA run's proposals (see .flags_panel)
        self._from_palette = False

    @classmethod
    def open_file(cls, path: str | Path, **kwargs) -> "WorkbenchApp":
        """The app on a saved document (a FormatError names file and line if it is broken)."""
        doc, sha = store.load_with_hash(path)
        app = cls(doc, path, **kwargs)
        app.set_base(sha)  # what saving compares the disk with (see .files)
        return app

    def get_default_screen(self) -> Screen:
        self.main_screen = MainScreen()
        return self.main_screen

    # ------------------------------------------------------------ state

    @property
    def view(self) -> AlignmentView:
        return self.main_screen.query_one(AlignmentView)

    @property
    def dirty(self) -> bool:
        return self.unsaved_base or self.history.dirty

    def start(self) -> None:
        """Once the main screen exists: show the document, then align or offer recovery."""
        self.title = self.path.name
        self.view.marks = self.marks
        self.view.set_document(self.doc)
        self.view.focus()
        self._home()
        self.update_status()
        if self.autosave_seconds:
            self.set_interval(self.autosave_seconds, self.autosave_tick)
        if self.spellcheck:
            self.start_checking()
        if self.needs_alignment:
            self.view.placeholder = ("Aligning: the rows appear here when the aligner is done "
                                     "(progress below).")
            self.view.refresh()
            self.busy = "aligning"
            self.align_document()
        elif self.check_autosave:
            self.offer_recovery_on_open()

    def _home(self) -> None:
        """Cursor on the first row, on its Russian side unless that side is empty.

        Called once a document is in place, so it also moves the document's objects out of the
        garbage collector's sight (``gc.freeze``): a full collection over 30,000 sentence and
        bead objects took ~40 ms, a visible hitch every ~20 cursor keys.
        """
        gc.freeze()
        first = self.doc.beads[0] if self.doc.beads else None
        self.view.move_to(0, "tgt" if first is not None and not first.src else "src", 0)

    def lang(self, side: str) -> str:
        return self.doc.side(side).lang

    def _counts(self) -> tuple[int, int]:
        """(confirmed, low-confidence unconfirmed) rows, recounted only after a change."""
        key = (id(self.doc), self.history.version, len(self.doc.beads))
        if getattr(self, "_counts_key", None) != key:
            beads = self.doc.beads
            low = sum(1 for b in beads if b.confidence is not None and b.confidence < LOW
                      and not b.confirmed)
            self._counts_key, self._counts_value = key, (self.doc.confirmed_count, low)
        return self._counts_value

    def update_status(self) -> None:
        """The status line and the header's unsaved marker."""
        self.sub_title = "● unsaved changes" if self.dirty else "saved"
        view, doc = self.view, self.doc
        n = len(doc.beads)
        if n == 0:
            text = "no rows yet"
        else:
            lang = self.lang(view.side)
            ids = view.sentence_ids()
            sentence = f"{lang} {view.k + 1}/{len(ids)}" if ids else f"{lang} (empty)"
            if ids and doc.side(view.side).get(ids[view.k]).edited:
                sentence += " (edited)"
            hint = self.row_hint()
            if hint:
                sentence += f" · {hint}"
            confirmed, low = self._counts()
            text = (f"Row {view.row + 1}/{n} · {sentence} · {confirmed} confirmed · "
                    f"{low} low-confidence · {'unsaved' if self.dirty else 'saved'}")
        if self.search_query:
            text += f" · search: {self.search_query}"
        self.main_screen.query_one("#status", Static).update(text)

    def on_alignment_view_cursor_moved(self, _message) -> None:
        self.update_status()
        self.glossary_cursor_moved()

    # ------------------------------------------------------------ panels

    def panel_focused(self) -> bool:
        """Whether a panel (not the rows) has the focus on the main screen."""
        screen = getattr(self, "main_screen", None)
        focused = screen.focused if screen is not None else None
        return focused is not None and not isinstance(focused, AlignmentView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The view's keys are off while a panel has the focus (its own keys apply)."""
        if action in GATED and not self._from_palette and self.panel_focused():
            return False
        return True

    async def run_command_action(self, action: str) -> None:
        """A palette command: always runs; view actions give the focus back to the rows."""
        if action.removeprefix("app.").split("(")[0] in GATED and self.panel_focused():
            self.view.focus()
        self._from_palette = True
        try:
            await self.run_action(action)
        finally:
            self._from_palette = False

    def toggle_panel(self, panel, refresh: Callable[[], None]) -> None:
        """Show ``panel`` (hiding the other) and focus it; on a focused panel, hide it."""
        if panel.has_class("shown") and panel.table.has_focus:
            panel.remove_class("shown")
            self.view.focus()
        else:
            for other in (self.glossary_panel, self.flags_panel):
                if other is not panel:
                    other.remove_class("shown")
            panel.add_class("shown")
            refresh()
            panel.table.focus()
        self.call_after_refresh(self.view.scroll_to_cursor)

    def refresh_panels(self) -> None:
        self.refresh_glossary_panel()
        self.refresh_flags_panel()

    def on_alignment_view_measured(self, _message) -> None:
        gc.freeze()  # the fresh layout (20,000 wrapped sentences) joins the frozen document
        names = [f"{lang_name(self.lang(s))} ({self.lang(s)})"
                 for s in ("src", "tgt")]
        self.main_screen.query_one("#columns", Static).update(self.view.column_titles(*names))

    # ------------------------------------------------------------ applying edits

    def run_operation(self, build: Callable[[], Edit], *, prefer_last: bool = False,
                      keep_row: bool = False) -> Edit | None:
        """Build an Edit from the core and apply it; a refusal becomes a notification."""
        if self.busy:
            self.notify(f"Wait: {self.busy} is still running.", severity="warning")
            return None
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return None
        view = self.view
        sid = view.current_sentence
        try:
            edit = self.history.do(build())
        except OperationError as exc:
            self.notify(exc.message, title="Not possible here", severity="warning", timeout=4)
            return None
        view.apply_edit(edit)
        row = view.row if keep_row or edit.cursor is None else edit.cursor
        self._place(row, sid, prefer_last)
        self.changed()
        return edit

    def _place(self, row: int, sid: int | None, prefer_last: bool = False) -> None:
        """Cursor on ``row``; on the sentence it was on if that is there, else first or last."""
        view = self.view
        row = min(max(0, row), max(0, len(self.doc.beads) - 1))
        ids = view.sentence_ids(row) if self.doc.beads else ()
        k = ids.index(sid) if sid in ids else (len(ids) - 1 if prefer_last else 0)
        view.move_to(row, view.side, max(0, k))

    def changed(self) -> None:
        """After any change: status, header, and autosave when enough edits piled up."""
        self._edits_since_autosave += 1
        if self._edits_since_autosave >= self.autosave_edits:
            self.autosave_tick()
        self.update_status()
        self.refresh_panels()

    def action_undo(self) -> None:
        self._history_step(self.history.undo, "Undid", "undo", undone=True)

    def action_redo(self) -> None:
        self._history_step(self.history.redo, "Redid", "redo", undone=False)

    def _history_step(self, step, verb: str, noun: str, undone: bool) -> None:
        if self.busy:
            self.notify(f"Wait: {self.busy} is still running.", severity="warning")
            return
        sid = self.view.current_sentence
        edit = step()
        if edit is None:
            self.notify(f"Nothing to {noun}.", timeout=2)
            return
        self.view.apply_edit(edit, undone=undone)
        row = edit.cursor
        if row is None:
            beads = [sp.start for sp in edit.splices if sp.target == "beads"]
            row = beads[0] if beads else self.view.row
        self._place(row, sid)
        self.notify(f"{verb}: {edit.label}", timeout=2)
        self.changed()

    # ------------------------------------------------------------ row operations

    def action_move_up(self) -> None:
        v = self.view
        self.run_operation(lambda: ops.move_first_up(self.doc, v.row, v.side), prefer_last=True)

    def action_move_down(self) -> None:
        v = self.view
        self.run_operation(lambda: ops.move_last_down(self.doc, v.row, v.side))

    def action_merge(self) -> None:
        self.run_operation(lambda: ops.merge_with_next(self.doc, self.view.row))

    def action_split_row(self) -> None:
        """Split before the current sentence, and on the other side before the sentence last
        chosen there in this row (else at the same index)."""
        v = self.view
        bead = self.doc.beads[v.row] if self.doc.beads else None
        if bead is None:
            return
        other = "tgt" if v.side == "src" else "src"
        # the other side splits before the sentence chosen there in this row, if any
        at = {v.side: v.k, other: v.side_k.get(other, min(v.k, len(getattr(bead, other))))}
        self.run_operation(lambda: ops.split_row(self.doc, v.row, at["src"], at["tgt"]))

    def action_insert_row(self) -> None:
        v = self.view
        self.run_operation(lambda: ops.insert_empty_row(self.doc, v.row + 1 if self.doc.beads else 0))

    def action_detach(self) -> None:
        v = self.view
        self.run_operation(lambda: ops.detach(self.doc, v.row, v.side))

    def action_confirm(self) -> None:
        """Confirm the row and go to the next (a confirmed row just advances)."""
        v = self.view
        if not self.doc.beads:
            return
        if not self.doc.beads[v.row].confirmed:
            if self.run_operation(lambda: ops.confirm(self.doc, v.row)) is None:
                return
        v.move_to(v.row + 1, v.side, 0)

    def action_confirm_above(self) -> None:
        self.run_operation(lambda: ops.confirm_through(self.doc, self.view.row), keep_row=True)

    def action_unconfirm(self) -> None:
        self.run_operation(lambda: ops.unconfirm(self.doc, self.view.row), keep_row=True)

    # ------------------------------------------------------------ sentence operations

    def _sentence_info(self) -> SentenceInfo | None:
        v = self.view
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return None
        sid = v.current_sentence
        if sid is None:
            self.notify(f"No {lang_name(self.lang(v.side))} sentence "
                        "in this row: switch sides with tab.", severity="warning")
            return None
        s = self.doc.side(v.side).get(sid)
        return SentenceInfo(v.row, lang_name(self.lang(v.side)),
                            s.text, s.original)

    def action_edit(self) -> None:
        info = self._sentence_info()
        if info is None:
            return
        v = self.view
        side, sid = v.side, v.current_sentence

        def done(text: str | None) -> None:
            if text is not None:
                self.run_operation(lambda: ops.edit_sentence(self.doc, side, sid, text),
                                   keep_row=True)
        self.push_screen(EditDialog(info), done)

    def action_split_sentence(self) -> None:
        info = self._sentence_info()
        if info is None:
            return
        v = self.view
        side, sid, row = v.side, v.current_sentence, v.row

        def done(offset: int | None) -> None:
            if offset is not None:
                self.run_operation(lambda: ops.split_sentence(self.doc, side, sid, offset, row))
        self.push_screen(SplitDialog(info), done)

    def action_join(self) -> None:
        v = self.view
        sid = v.current_sentence
        if sid is None:
            self._sentence_info()
            return
        self.run_operation(lambda: ops.join_sentences(self.doc, v.side, sid, v.row))

    def action_help(self) -> None:
        from .keys import key_labels

        sections = [*SECTIONS, ("In the glossary panel (b)", GLOSSARY_KEYS),
                    ("In the flags panel (F)", FLAGS_KEYS)]
        self.push_screen(HelpScreen(sections, lambda b: key_labels(self, b),
                                    lambda name: self.view.legend_style(name)))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
