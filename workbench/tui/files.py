"""The file around the document: save, autosave, recovery, and the quit guard.

A mixin of the App. Saves are atomic (``store.save``) and run in a thread on a snapshot, so a
10,000-row document (about a second to write) never freezes the keys. Unsaved work goes to an
autosave side file (see :mod:`.autosave`) on a timer and after every few edits; a normal
save deletes it, and opening a document offers to recover a newer one.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..core import store
from ..core.document import Document
from ..core.errors import WorkbenchError
from ..core.operations import History
from . import autosave
from .screens import ChoiceDialog


class FilesMixin:
    """Save / autosave / recover / quit actions of :class:`WorkbenchApp`."""

    doc: Document
    path: Path
    history: History
    ask_overwrite: bool
    unsaved_base: bool
    saving: bool
    _autosave_warned = False

    def action_save(self) -> None:
        if self.ask_overwrite:
            def answer(choice: str | None) -> None:
                if choice == "overwrite":
                    self.ask_overwrite = False
                    self.save()
                else:
                    self.notify("Not saved. ctrl+s saves when you are ready.", timeout=4)
            self.push_screen(ChoiceDialog(
                "Replace the existing file?",
                f"{self.path} already exists (made before this alignment). Replace it?",
                [("overwrite", "Replace", "r"), ("cancel", "Not now", "n")]), answer)
            return
        self.save()

    def save(self, then_exit: bool = False) -> None:
        """Save atomically in a thread (a 10,000-row file takes a second to write).

        The thread writes a snapshot, so editing can go on; the document counts as saved only
        if nothing changed meanwhile. A successful save removes the autosave side file.
        """
        if self.saving:
            self.notify("Already saving.", timeout=2)
            return
        self.saving = True
        snap, version, path = autosave.snapshot(self.doc), self.history.version, self.path

        def write() -> None:
            try:
                store.save(snap, path)
            except Exception as exc:  # any failure must leave the app (and the work) alive
                self.call_from_thread(self._save_failed, exc)
                return
            self.call_from_thread(self._saved, version, then_exit)

        self.run_worker(write, thread=True, group="save", name="save")

    def _save_failed(self, exc: Exception) -> None:
        self.saving = False
        self.notify(f"Could not save {self.path}: {exc}", severity="error", timeout=10)

    def _saved(self, version: int, then_exit: bool) -> None:
        self.saving = False
        if self.history.version == version:
            self.history.mark_saved()
            self.unsaved_base = False
            self._edits_since_autosave = 0
            autosave.remove_autosave(self.path)
            self.notify(f"Saved {self.path}", timeout=2)
        else:
            self.notify(f"Saved {self.path}; the changes made while saving are not saved yet.")
        self.update_status()
        if then_exit:
            self.exit()

    def autosave_tick(self) -> None:
        """Write unsaved work to the side file (in a thread) if it changed since last time."""
        key = (id(self.doc), self.history.version)
        if not self.dirty or not self.doc.beads or key == self._autosaved:
            return
        self._edits_since_autosave = 0
        self._autosaved = key
        snap, path = autosave.snapshot(self.doc), self.path

        def write() -> None:
            try:
                autosave.write_autosave(snap, path)
            except Exception as exc:  # a read-only folder must not stop the editing
                self.call_from_thread(self._autosave_failed, exc)

        self.run_worker(write, thread=True, group="autosave", name="autosave")

    def _autosave_failed(self, exc: Exception) -> None:
        if not self._autosave_warned:
            self._autosave_warned = True
            self.notify(f"Autosave failed ({exc}); save with ctrl+s.", severity="warning",
                        timeout=8)

    def offer_recovery(self, pending: Path) -> None:
        when = datetime.fromtimestamp(pending.stat().st_mtime).strftime("%Y-%m-%d %H:%M")

        def answer(choice: str | None) -> None:
            if choice == "discard":
                autosave.remove_autosave(self.path)
                self.notify("Autosave discarded.", timeout=3)
                return
            try:
                doc = store.load(pending)
            except WorkbenchError as exc:
                self.notify(f"Cannot recover: {exc}", severity="error", timeout=10)
                return
            self.doc = doc
            self.history = History(doc)
            self.unsaved_base = True
            self.view.set_document(doc)
            self._home()
            self.notify("Recovered the autosaved work. ctrl+s saves it.", timeout=4)
            self.update_status()

        self.push_screen(ChoiceDialog(
            "Recover unsaved work?",
            f"There is unsaved work from {when} in {pending.name}, newer than {self.path.name}.",
            [("recover", "Recover it", "r"), ("discard", "Discard it", "d")],
            cancel="recover"), answer)

    async def action_quit(self) -> None:
        """Quit; with unsaved changes ask first: save / discard / cancel."""
        if not self.dirty or not self.doc.beads:  # no rows yet: nothing that could be saved
            self.exit()
            return
        if isinstance(self.screen, ChoiceDialog):
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then_exit=True)
            elif choice == "discard":
                autosave.remove_autosave(self.path)
                self.exit()
        replaces = " Saving replaces the file that was there before." if self.ask_overwrite else ""
        self.push_screen(ChoiceDialog(
            "Unsaved changes", f"{self.path.name} has unsaved changes.{replaces}",
            [("save", "Save and quit", "s"), ("discard", "Quit without saving", "d"),
             ("cancel", "Cancel", "c")]), answer)

