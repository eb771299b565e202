"""What an area of the UI may use: the open document, the rows, and the app's services.

Every area (rows, navigation, terms, review, files) gets this one object and never the App, so
that no area reaches into another's state. It holds the core :class:`~workbench.core.session.
Session` (document, history, journal, saving), finds the rows view on the main screen, and
passes on the few things of the app an area needs: notifications, dialogs, workers, timers.

It also owns the one way to change the document from a key, :meth:`Context.apply`: an Edit
from ``workbench.core`` is applied with ``Session.do``, so undo, the journal, the unsaved
marker and the view's incremental re-layout all follow from it; a refusal
(``OperationError``) becomes a notification. After any change :meth:`Context.changed` tells
the app, which updates whatever shows the document (status line, panels, autosave).
"""

from __future__ import annotations

from pathlib import Path

import gc
from typing import Any, Callable, Iterable

from textual.app import App
from textual.message import Message
from textual.screen import Screen, ScreenResultCallbackType

from ..core.errors import OperationError
from ..core.operations import Edit
from ..core.session import Session
from .common.dialogs import ReusableDialog, draw_offscreen
from .rows.alignment_view import AlignmentView


class Context:
    """The open document, the rows view and the app's services, for the areas."""

    def __init__(self, app: App, session: Session, *, changed: Callable[[], None],
                 refresh_status: Callable[[], None]) -> None:
        """``changed``: called after every change of the document; ``refresh_status``: the
        status line and title shall be drawn again (the cursor or a setting changed)."""
        self._app = app
        self.session = session
        self._changed = changed
        self.refresh_status = refresh_status
        self.screen: Screen | None = None  # the main screen, once the app has made it
        self.busy: str | None = None  # what holds the document now ("aligning" ...), if any
        #: the one folder saves and exports may write to (a browser tab of workbench serve),
        #: None: anywhere
        self.write_root: Path | None = None
        self._dialogs: dict[type, ReusableDialog] = {}  # made once, shown again (dialog())
        self._to_prepare: list[Callable[[], ReusableDialog]] = []  # to make in quiet moments
        self._to_draw: list[ReusableDialog] = []  # made, to draw once in a quiet moment
        self._quiet_jobs: list[Callable[[], bool]] = []  # when_quiet

    def outside_write_root(self, path: Path) -> str | None:
        """Why ``path`` may not be written (outside the folder this session may write), or
        None when it may."""
        if self.write_root is None:
            return None
        try:
            Path(path).expanduser().resolve().relative_to(self.write_root)
        except ValueError:
            return f"this workbench writes only in {self.write_root}"
        return None

    # ------------------------------------------------------------ the document and the rows

    @property
    def doc(self):
        return self.session.doc

    @property
    def view(self) -> AlignmentView:
        assert self.screen is not None, "the main screen is not made yet"
        return self.screen.query_one(AlignmentView)

    def lang(self, side: str) -> str:
        return self.session.doc.side(side).lang

    # ------------------------------------------------------------ the app's services

    def notify(self, message: str, **kwargs: Any) -> None:
        self._app.notify(message, **kwargs)

    def ask(self, screen: Screen, answer: ScreenResultCallbackType | None = None) -> None:
        """Open a dialog; ``answer`` gets what it returns (None when cancelled)."""
        self._app.push_screen(screen, answer)

    def dialog(self, cls: type[ReusableDialog], answer: ScreenResultCallbackType | None,
               *args: Any, **kwargs: Any) -> None:
        """Open the dialog ``cls(*args, **kwargs)``; ``answer`` gets what it returns.

        The dialog of that class made before (made ready in a quiet moment, or shown before)
        is shown again with these contents: a new one costs Textual far more than a key may
        take (:class:`~.common.dialogs.ReusableDialog`). While that one is still showing (a
        question asked from a dialog), or not yet ready, a new one is made.
        """
        screen = self._dialogs.get(cls)
        if screen is not None and screen.is_mounted and screen not in self._app.screen_stack:
            screen.reuse(*args, **kwargs)
        else:
            screen = cls(*args, **kwargs)
            if cls not in self._dialogs:
                self._keep(screen)
        self._app.push_screen(screen, answer)

    def _keep(self, screen: ReusableDialog) -> None:
        self._dialogs[type(screen)] = screen
        self._app.install_screen(screen, f"workbench-{type(screen).__name__}")

    def prepare_dialogs(self, makers: Iterable[Callable[[], ReusableDialog]]) -> None:
        """Make these dialogs ready, one at each quiet moment (:meth:`prepare_next`); a maker
        is a dialog's class (made with no arguments) or a function that makes one."""
        self._to_prepare.extend(m for m in makers if m not in self._to_prepare)

    def prepare_next(self) -> bool:
        """Make the next dialog of :meth:`prepare_dialogs` ready, in two steps of a quiet
        moment each (~20-50 ms of the main thread each, only while the main screen is on top):
        composed, styled and laid out by pushing it and popping it at once, so that no frame
        ever shows it; then drawn once off screen, so that its first showing finds its widgets'
        lines made. False when it did nothing."""
        app = self._app
        stack = app.screen_stack
        if self.screen is None or not stack or stack[-1] is not self.screen:  # (or closing)
            return False
        if self._to_draw:
            screen = self._to_draw.pop(0)
            if screen.is_mounted:
                draw_offscreen(screen)
            else:  # still being composed: next time
                self._to_draw.append(screen)
            return True
        while self._to_prepare:
            screen = self._to_prepare.pop(0)()
            if type(screen) in self._dialogs:  # shown already
                continue
            self._keep(screen)
            with app.batch_update():
                app.push_screen(screen)
                app.pop_screen()
            self._to_draw.append(screen)
            return True
        return False

    def when_quiet(self, job: Callable[[], bool]) -> None:
        """Run ``job`` in quiet moments (no key for half a second), again and again: one
        short step of work each time (a few ms: a key may come meanwhile), returning whether
        it did any (False: nothing to do now)."""
        self._quiet_jobs.append(job)

    def quiet_moment(self) -> bool:
        """One step of the work kept for quiet moments; False if there was none (or the app
        is not running)."""
        if self.screen is None or not self.screen.is_attached:  # closing, or closed
            return False
        return self.prepare_next() or any(job() for job in self._quiet_jobs)

    def run_worker(self, work: Callable[[], Any], **kwargs: Any):
        return self._app.run_worker(work, **kwargs)

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._app.call_from_thread(callback, *args, **kwargs)

    def call_later(self, callback: Callable[..., Any], *args: Any) -> None:
        self._app.call_later(callback, *args)

    def follow_changes(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after every change of the document (it watches the app's
        ``revision``)."""
        self._app.watch(self._app, "revision", lambda: callback(), init=False)

    def post(self, message: Message) -> None:
        """Tell the app something happened that another area acts on."""
        self._app.post_message(message)

    def exit(self) -> None:
        self._app.exit()

    def set_interval(self, seconds: float, callback: Callable[[], Any]) -> None:
        self._app.set_interval(seconds, callback)

    @property
    def top_screen(self) -> Screen:
        """The screen on top: a dialog, or the main screen."""
        return self._app.screen

    def set_title(self, title: str, subtitle: str) -> None:
        """The header: the document's name and whether it is saved."""
        self._app.title, self._app.sub_title = title, subtitle

    @property
    def theme(self) -> str:
        return self._app.theme

    @theme.setter
    def theme(self, name: str) -> None:
        self._app.theme = name

    # ------------------------------------------------------------ changing the document

    def wait_notice(self) -> bool:
        """True (and a notice) while a worker holds the document."""
        if self.busy:
            self.notify(f"Wait: {self.busy} is still running.", severity="warning")
            return True
        return False

    def apply(self, build: Callable[[], Edit], *, prefer_last: bool = False,
              keep_row: bool = False) -> Edit | None:
        """Build an Edit from the core and apply it; a refusal becomes a notification.

        The cursor goes where the edit says (``keep_row``: stays on its row), on the sentence
        it was on if that is still in the row, else on the first (``prefer_last``: the last).
        """
        if self.wait_notice():
            return None
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return None
        view = self.view
        sid = view.current_sentence
        try:
            edit = self.session.do(build())
        except OperationError as exc:
            self.notify(exc.message, title="Not possible here", severity="warning", timeout=4)
            return None
        view.apply_edit(edit)
        row = view.row if keep_row or edit.cursor is None else edit.cursor
        self.place(row, sid, prefer_last)
        self.changed()
        return edit

    def place(self, row: int, sid: int | None, prefer_last: bool = False) -> None:
        """Cursor on ``row``; on the sentence ``sid`` if that is there, else first or last."""
        view = self.view
        row = min(max(0, row), max(0, len(self.doc.beads) - 1))
        ids = view.sentence_ids(row) if self.doc.beads else ()
        k = ids.index(sid) if sid in ids else (len(ids) - 1 if prefer_last else 0)
        view.move_to(row, view.side, max(0, k))

    def changed(self) -> None:
        """After any change of the document (an edit, undo, a merge, a recovery)."""
        self._changed()

    def show_document(self, *, home: bool = True) -> None:
        """Show the session's document again after it was replaced or changed beyond an edit
        (aligned, recovered, merged); ``home``: the cursor goes to the first row."""
        view = self.view
        view.set_document(self.doc)
        if home:
            self.home()
        else:
            self.place(view.row, view.current_sentence)

    def home(self) -> None:
        """Cursor on the first row, on its first side that has a sentence.

        Called once a document is in place, so it also moves the document's objects out of the
        garbage collector's sight (``gc.freeze``): a full collection over 30,000 sentence and
        bead objects took ~40 ms, a visible hitch every ~20 cursor keys.
        """
        gc.freeze()
        first = self.doc.beads[0] if self.doc.beads else None
        self.view.move_to(0, "tgt" if first is not None and not first.src else "src", 0)
