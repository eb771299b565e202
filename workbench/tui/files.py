"""The file around the document: save, save as, journal and recovery, merging, the quit guard.

A mixin of the App. Nothing the translator did is lost:

- **Saves** are atomic (``store.save``: temp file, fsync, rename; the previous file kept as
  ``NAME.yaml~``) and run in a thread on a snapshot, so a 10,000-row document (about a second
  to write) never freezes the keys.
- **Journal.** Every applied, undone or redone edit is appended to ``.NAME.yaml.journal`` as
  it happens (:mod:`workbench.core.journal`, hooked on ``History.listeners`` by the
  ``history`` property below, so every History the app makes is journaled). A save restarts
  it. Opening a document with a journal whose base is the file on disk offers to replay it
  (after a crash, every edit comes back, with its undo); a journal made on another version of
  the file is offered as a merge when the backup ``NAME.yaml~`` is that version, else kept
  aside. The autosave side file (:mod:`.autosave`, every 30 s and 20 edits) stays as a second
  net, for a new document that has no file yet.
- **Someone else saved meanwhile.** The bytes' sha256 at load (and at each save) is the base;
  before writing, the file is hashed again. If it changed, the other person's version is merged
  with ours (:mod:`workbench.core.merge`) against the base document kept in memory: what does
  not conflict merges by itself (one undoable step), conflicts open :class:`.ConflictScreen`,
  and nothing is ever overwritten silently.
- **Disk full, no permission**: the save fails, the edits stay (and stay journaled when the
  folder allows), a dialog says why and offers to save elsewhere (also ``alt+s``).
"""

from __future__ import annotations

import errno
import hashlib
from datetime import datetime
from pathlib import Path

from ..core import store
from ..core.document import Document, copy_document
from ..core.errors import WorkbenchError
from ..core.journal import Journal, JournalError, Pending, read_journal, replay
from ..core.merge import MINE, merge, replacement_edit
from ..core.operations import History
from . import autosave
from .screens import ChoiceDialog, PromptDialog


def why_not_saved(exc: BaseException) -> str:
    """A failed save in the words a translator needs."""
    if isinstance(exc, OSError):
        name = exc.filename or ""
        folder = str(Path(name).parent) if name else "that folder"
        if exc.errno == errno.ENOSPC:
            return "the disk is full"
        if exc.errno == errno.EDQUOT:
            return "your disk quota is used up"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"no permission to write in {folder}"
        if exc.errno == errno.EROFS:
            return f"{folder} is on a read-only disk"
        if exc.errno == errno.EISDIR:
            return f"{name} is a folder"
        if exc.errno == errno.ENOENT:
            return f"{folder} does not exist"
        return exc.strerror or str(exc)
    return str(exc)


class FilesMixin:
    """Save / journal / recover / merge / quit actions of :class:`WorkbenchApp`."""

    doc: Document
    path: Path
    ask_overwrite: bool
    unsaved_base: bool
    saving: bool
    _autosave_warned = False
    journal: Journal | None = None
    _base_doc: Document | None = None   # the document as on disk (for merging), if known
    _base_sha: str | None = None        # sha256 of the file's bytes then
    _replaying = False

    #: (message, severity) to show once the app runs: what reading the texts found (the
    #: encoding used, a side in the wrong language, a lopsided pair), set by ``workbench open``
    startup_notices: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        for message, severity in self.startup_notices:
            self.notify(message, severity=severity, timeout=12)

    # ------------------------------------------------------------ history and journal

    @property
    def history(self) -> History:
        return self.__dict__["_history"]

    @history.setter
    def history(self, history: History) -> None:
        """Every History the app makes is journaled (see the module docstring)."""
        self.__dict__["_history"] = history
        if self._journal_event not in history.listeners:
            history.listeners.append(self._journal_event)

    def set_base(self, sha: str | None, doc: Document | None = None) -> None:
        """The file on disk is ``doc`` (default: the document now) with bytes hashing to
        ``sha``: what saving compares the disk with, and what the journal replays onto."""
        self._base_sha = sha
        self._base_doc = copy_document(doc if doc is not None else self.doc) if sha else None

    def _journal(self) -> Journal:
        if self.journal is None:
            self.journal = Journal(self.path, None if self.unsaved_base else self._base_sha,
                                   on_error=self._journal_failed)
        return self.journal

    def _journal_event(self, event: str, edit) -> None:
        if not self._replaying:
            self._journal().record(event, edit)

    def _journal_failed(self, exc: OSError) -> None:
        def tell() -> None:
            self.notify(f"Cannot keep the journal of unsaved edits ({why_not_saved(exc)}); "
                        "save soon (ctrl+s, or alt+s elsewhere).", severity="warning", timeout=8)
        try:
            self.call_later(tell)
        except Exception:  # not running (tests driving History directly)
            pass

    # ------------------------------------------------------------ saving

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

    def action_save_as(self) -> None:
        """Ask for another file name and save there (when saving in place fails)."""
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return

        def answer(value: str | None) -> None:
            if not value or not value.strip():
                return
            target = Path(value.strip()).expanduser()
            if target.is_dir():
                target = target / self.path.name
            if target.resolve() == self.path.resolve():
                self.save()
                return
            if target.exists():
                def overwrite(choice: str | None) -> None:
                    if choice == "overwrite":
                        self.save(path=target)
                self.push_screen(ChoiceDialog(
                    "Replace the existing file?", f"{target} exists. Replace it?",
                    [("overwrite", "Replace", "r"), ("cancel", "Cancel", "c")]), overwrite)
                return
            self.save(path=target)

        self.push_screen(PromptDialog(
            "Save as", "A file for the document (source paths are written relative to it); "
            "enter saves, escape cancels.", str(self.path)), answer)

    def save(self, then_exit: bool = False, path: Path | None = None) -> None:
        """Save atomically in a thread, merging first if someone else saved meanwhile.

        The thread writes a snapshot, so editing can go on; the document counts as saved only
        if nothing changed meanwhile (edits made while saving stay in the journal).
        """
        if self.saving:
            self.notify("Already saving.", timeout=2)
            return
        self.saving = True
        target = Path(path) if path is not None else self.path
        snap, version = copy_document(self.doc), self.history.version
        mark = self._journal().count
        check = target == self.path and self._base_sha is not None
        base_doc, base_sha = self._base_doc, self._base_sha

        def write() -> None:
            try:
                if check:
                    try:
                        current = target.read_bytes()
                    except FileNotFoundError:
                        current = None
                    if current is not None and hashlib.sha256(current).hexdigest() != base_sha:
                        theirs = store.loads_bytes(current, str(target), target.parent)
                        result = merge(base_doc, snap, theirs)
                        self.call_from_thread(self._disk_changed, result, snap, theirs,
                                              hashlib.sha256(current).hexdigest(), version,
                                              then_exit)
                        return
                sha = store.save(snap, target)
            except Exception as exc:  # any failure must leave the app (and the work) alive
                self.call_from_thread(self._save_failed, exc, target, then_exit)
                return
            self.call_from_thread(self._saved, version, then_exit, sha, snap, mark, target)

        self.run_worker(write, thread=True, group="save", name="save")

    def _save_failed(self, exc: Exception, target: Path | None = None,
                     then_exit: bool = False) -> None:
        self.saving = False
        target = target or self.path
        reason = why_not_saved(exc)
        self.notify(f"Could not save {target}: {reason}. Your edits are still here.",
                    severity="error", timeout=10)
        if isinstance(exc, WorkbenchError):  # the file on disk is broken: not a disk problem
            return

        def answer(choice: str | None) -> None:
            if choice == "elsewhere":
                self.action_save_as()
            elif choice == "retry":
                self.save(then_exit=then_exit, path=target)
        self.push_screen(ChoiceDialog(
            "Not saved", f"Could not save {target}: {reason}.\nYour edits are still here"
            + ("" if self.journal is None or self.journal.error else " and in the journal")
            + ". Save them somewhere else?",
            [("elsewhere", "Save elsewhere", "a"), ("retry", "Retry", "r"),
             ("cancel", "Keep editing", "k")]), answer)

    def _saved(self, version: int, then_exit: bool, sha: str | None = None,
               snap: Document | None = None, mark: int | None = None,
               target: Path | None = None) -> None:
        self.saving = False
        journal = self._journal()
        if target is not None and target != self.path:  # saved as another file
            autosave.remove_autosave(self.path)
            self.path = target
            self.title = target.name
            journal.move(target, sha or "")
            mark = None if self.history.version == version else mark
            self.notify(f"Saved as {target}; that is the document's file from now on.", timeout=5)
        if sha is not None:
            self._base_sha, self._base_doc = sha, snap
            journal.rebase(sha, keep_from=mark)
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

    # ------------------------------------------------------------ someone else saved

    def _disk_changed(self, result, mine: Document, theirs: Document, theirs_sha: str,
                      version: int, then_exit: bool) -> None:
        """The file changed since it was read: merge, asking about conflicts, then save."""
        self.saving = False
        if self.history.version != version:  # edited while merging: merge the newer state
            self.save(then_exit=then_exit)
            return
        if result.clean:
            self._apply_merge(result, theirs, theirs_sha, then_exit)
            return
        from .conflicts import ConflictScreen

        base = self._base_doc

        def answer(choices: dict[str, str] | None) -> None:
            if choices is None:
                self.notify(f"Not saved: {self.path} was changed by someone else. Your edits "
                            "are still here; ctrl+s merges again.", severity="warning", timeout=8)
                return
            if self.history.version != version:
                self.save(then_exit=then_exit)
                return
            again = merge(base, mine, theirs, prefer=MINE, choices=choices)
            self._apply_merge(again, theirs, theirs_sha, then_exit)

        self.push_screen(ConflictScreen(str(self.path), result.conflicts), answer)

    def _apply_merge(self, result, theirs: Document, theirs_sha: str, then_exit: bool) -> None:
        """Make the merged document ours (one undoable step) and save it over theirs."""
        merged = result.doc
        edit = replacement_edit(self.doc, merged, "merge with the file saved by someone else")
        if edit.splices:
            self.history.do(edit)
        self.doc.model = merged.model
        for name in ("src", "tgt"):
            mine_side, new_side = self.doc.side(name), merged.side(name)
            mine_side.lang, mine_side.path, mine_side.sha256 = (new_side.lang, new_side.path,
                                                                new_side.sha256)
        for name, value in merged.extra.items():
            if not isinstance(value, list):
                self.doc.extra[name] = value
        self.view.set_document(self.doc)
        self._place(self.view.row, self.view.current_sentence)
        self.set_base(theirs_sha, theirs)
        self.changed()
        n = result.theirs_changes
        kept = f"; {len(result.conflicts)} conflict(s) settled as you chose" \
            if result.conflicts else ""
        self.notify(f"{self.path.name} was changed by someone else: merged {n} of their "
                    f"change(s) with yours{kept}. u undoes the merge.", timeout=8)
        self.save(then_exit=then_exit)

    # ------------------------------------------------------------ autosave

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

    # ------------------------------------------------------------ recovery on open

    def offer_recovery_on_open(self) -> None:
        """A journal of unsaved edits first (exact), else a newer autosave."""
        try:
            pending = read_journal(self.path)
        except JournalError as exc:
            self.notify(f"{exc}", severity="warning", timeout=10)
            pending = None
        if pending is not None:
            if pending.stale:
                self._offer_stale_journal(pending)
            else:
                self._offer_journal(pending)
            return
        side = autosave.pending_autosave(self.path)
        if side is not None:
            self.offer_recovery(side)

    def _offer_journal(self, pending: Pending) -> None:
        when = pending.modified.strftime("%Y-%m-%d %H:%M")
        n = len(pending.events)

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self._discard_journal(pending)
                return
            self.recover_journal(pending)

        self.push_screen(ChoiceDialog(
            "Recover unsaved edits?",
            f"{self.path.name} was not saved after {n} edit(s) (last one {when}): the "
            "workbench was closed without saving, or crashed. Replay them?",
            [("recover", "Recover them", "r"), ("discard", "Discard them", "d")],
            cancel="recover"), answer)

    def recover_journal(self, pending: Pending) -> bool:
        """Replay a journal onto the document as loaded; the edits land on the undo stack."""
        self._replaying = True
        try:
            replay(self.doc, pending.events, self.history)
        except JournalError as exc:
            self.notify(f"Cannot recover: {exc}", severity="error", timeout=10)
            return False
        finally:
            self._replaying = False
        self._journal().resume(pending)
        autosave.remove_autosave(self.path)
        self.unsaved_base = True
        self.view.set_document(self.doc)
        self._home()
        self.notify(f"Recovered {len(pending.events)} unsaved edit(s). ctrl+s saves them; "
                    "u undoes them one by one.", timeout=6)
        self.update_status()
        return True

    def _discard_journal(self, pending: Pending) -> None:
        try:
            pending.path.unlink()
        except OSError:
            pass
        autosave.remove_autosave(self.path)
        self.notify("Unsaved edits discarded.", timeout=3)

    def _offer_stale_journal(self, pending: Pending) -> None:
        """The file changed since the journal's edits were made: replay them onto the backup
        (if it is that version) and merge with the file; or keep the journal aside."""
        backup = self.path.with_name(self.path.name + "~")
        base_doc = None
        try:
            if backup.exists() and hashlib.sha256(backup.read_bytes()).hexdigest() == pending.base_sha:
                base_doc = store.load(backup)
        except WorkbenchError:
            base_doc = None
        choices = [("aside", "Keep the journal aside", "k"), ("discard", "Discard it", "d")]
        if base_doc is not None:
            choices.insert(0, ("merge", "Recover and merge", "r"))

        def answer(choice: str | None) -> None:
            if choice == "merge" and base_doc is not None:
                self._recover_by_merge(pending, base_doc)
            elif choice == "discard":
                self._discard_journal(pending)
            else:
                aside = pending.path.with_name(
                    pending.path.name + datetime.now().strftime(".%Y%m%d-%H%M%S"))
                try:
                    pending.path.rename(aside)
                    self.notify(f"The journal is kept as {aside.name}.", timeout=6)
                except OSError as exc:
                    self.notify(f"Could not rename the journal: {exc}", severity="error")

        self.push_screen(ChoiceDialog(
            "Unsaved edits of another version",
            f"There are {len(pending.events)} unsaved edit(s) of {self.path.name}, but the file "
            "changed since they were made (someone saved it)."
            + (" They can be replayed onto the previous version (the ~ backup) and merged with "
               "the file." if base_doc is not None else ""),
            choices, cancel="aside"), answer)

    def _recover_by_merge(self, pending: Pending, base_doc: Document) -> None:
        mine = copy_document(base_doc)
        try:
            replay(mine, pending.events)
        except JournalError as exc:
            self.notify(f"Cannot recover: {exc}", severity="error", timeout=10)
            return
        result = merge(base_doc, mine, copy_document(self.doc))
        try:
            pending.path.unlink()
        except OSError:
            pass
        # the document as loaded (the file) becomes the recovered edits merged with it: one
        # undoable, journaled step on top of the file
        self.history.do(replacement_edit(self.doc, result.doc,
                                         "recovered edits, merged with the file"))
        self.view.set_document(self.doc)
        self._home()
        extra = f"; {len(result.conflicts)} conflict(s) kept your version" if result.conflicts else ""
        self.notify(f"Recovered {len(pending.events)} edit(s) and merged them with the file"
                    f"{extra}. ctrl+s saves.", timeout=8)
        self.update_status()

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
            if self.journal is not None:  # its edits were relative to the file, not to this
                self.journal.discard()
                self.journal.base_sha = None
            self.view.set_document(doc)
            self._home()
            self.notify("Recovered the autosaved work. ctrl+s saves it.", timeout=4)
            self.update_status()

        self.push_screen(ChoiceDialog(
            "Recover unsaved work?",
            f"There is unsaved work from {when} in {pending.name}, newer than {self.path.name}.",
            [("recover", "Recover it", "r"), ("discard", "Discard it", "d")],
            cancel="recover"), answer)

    # ------------------------------------------------------------ quitting

    async def action_quit(self) -> None:
        """Quit; with unsaved changes ask first: save / discard / cancel."""
        if not self.dirty or not self.doc.beads:  # no rows yet: nothing that could be saved
            if self.journal is not None and not self.saving:
                self.journal.discard()  # edits undone back to the file: nothing to recover
            self.exit()
            return
        if isinstance(self.screen, ChoiceDialog):
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then_exit=True)
            elif choice == "discard":
                autosave.remove_autosave(self.path)
                if self.journal is not None:
                    self.journal.discard()
                self.exit()
        replaces = " Saving replaces the file that was there before." if self.ask_overwrite else ""
        self.push_screen(ChoiceDialog(
            "Unsaved changes", f"{self.path.name} has unsaved changes.{replaces}",
            [("save", "Save and quit", "s"), ("discard", "Quit without saving", "d"),
             ("cancel", "Cancel", "c")]), answer)
