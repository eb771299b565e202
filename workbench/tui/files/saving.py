"""The files area's save (``ctrl+s``), save as (``alt+s``) and quit guard (``q``).

Saving is the core's one save path (:class:`workbench.core.session.Session`, shared with the
command line), split in three so that the keys never freeze: a snapshot is taken here
(``prepare_save``), a thread checks the disk and writes it atomically (``SaveJob.run``: temp
file, fsync, rename, the previous file kept as ``NAME.yaml~``), and the result is recorded
here (``finish_save``). The document counts as saved only if nothing changed meanwhile; edits
made while saving stay in the journal.

- **Someone else saved meanwhile**: the thread finds the file changed and merges the other
  person's version with ours (``DiskChanged``); what does not conflict merges by itself (one
  undoable step, ``adopt_merge``), conflicts open :class:`.conflicts.ConflictScreen`, and
  nothing is ever overwritten silently.
- **Disk full, no permission**: the save fails, the edits stay (and stay journaled when the
  folder allows), a dialog says why and offers to save elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from ...core.errors import WorkbenchError
from ...core.files import os_error_text
from ...core.merge import MergeResult
from ...core.session import DiskChanged, SaveJob, Written
from ..common.dialogs import ChoiceDialog, PromptDialog
from ..context import Context
from . import autosave
from .conflicts import ConflictScreen


class Saving:
    """Save, save as, merge with someone else's save, and quit without losing work."""

    def __init__(self, ctx: Context, autosaving: autosave.Autosave, *,
                 ask_overwrite: bool = False) -> None:
        """``ask_overwrite``: the file is an older one this new document would replace."""
        self.ctx = ctx
        self.autosaving = autosaving
        self.ask_overwrite = ask_overwrite
        self.saving = False
        ctx.session.on_journal_error = self._journal_failed

    @property
    def session(self):
        return self.ctx.session

    def _journal_failed(self, exc: OSError) -> None:
        def tell() -> None:
            self.ctx.notify(f"Cannot keep the journal of unsaved edits ({os_error_text(exc)}); "
                            "save soon (ctrl+s, or alt+s elsewhere).", severity="warning",
                            timeout=8)
        try:
            self.ctx.call_later(tell)
        except Exception:  # not running (tests driving History directly)
            pass

    # ------------------------------------------------------------ the keys

    def save_key(self) -> None:
        """Save; a new document that would replace an older file asks first."""
        ctx = self.ctx
        if self.ask_overwrite:
            def answer(choice: str | None) -> None:
                if choice == "overwrite":
                    self.ask_overwrite = False
                    self.save()
                else:
                    ctx.notify("Not saved. ctrl+s saves when you are ready.", timeout=4)
            ctx.ask(ChoiceDialog(
                "Replace the existing file?",
                f"{self.session.path} already exists (made before this alignment). Replace it?",
                [("overwrite", "Replace", "r"), ("cancel", "Not now", "n")]), answer)
            return
        self.save()

    def save_as(self) -> None:
        """Ask for another file name and save there (when saving in place fails)."""
        ctx = self.ctx
        if not ctx.doc.beads:
            ctx.notify("There are no rows yet.", severity="warning")
            return
        path = self.session.path

        def answer(value: str | None) -> None:
            if not value or not value.strip():
                return
            target = Path(value.strip()).expanduser()
            if target.is_dir():
                target = target / path.name
            refused = ctx.outside_write_root(target)
            if refused:
                ctx.notify(f"Not saved: {refused}.", severity="error", timeout=8)
                return
            if target.resolve() == path.resolve():
                self.save()
                return
            if target.exists():
                def overwrite(choice: str | None) -> None:
                    if choice == "overwrite":
                        self.save(path=target)
                ctx.ask(ChoiceDialog(
                    "Replace the existing file?", f"{target} exists. Replace it?",
                    [("overwrite", "Replace", "r"), ("cancel", "Cancel", "c")]), overwrite)
                return
            self.save(path=target)

        ctx.dialog(
            PromptDialog, answer,
            "Save as", "A file for the document (source paths are written relative to it); "
            "enter saves, escape cancels.", str(path))

    async def quit(self) -> None:
        """Quit; with unsaved changes ask first: save / discard / cancel."""
        ctx, session = self.ctx, self.session
        if not session.dirty or not ctx.doc.beads:  # no rows yet: nothing that could be saved
            if not self.saving:
                session.discard_journal()  # edits undone back to the file: nothing to recover
            ctx.exit()
            return
        if isinstance(ctx.top_screen, ChoiceDialog):
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then_exit=True)
            elif choice == "discard":
                autosave.remove_autosave(session.path)
                session.discard_journal()
                ctx.exit()
        replaces = " Saving replaces the file that was there before." if self.ask_overwrite else ""
        ctx.ask(ChoiceDialog(
            "Unsaved changes", f"{session.path.name} has unsaved changes.{replaces}",
            [("save", "Save and quit", "s"), ("discard", "Quit without saving", "d"),
             ("cancel", "Cancel", "c")]), answer)

    # ------------------------------------------------------------ one save

    def save(self, then_exit: bool = False, path: Path | None = None) -> None:
        """Save atomically in a thread, merging first if someone else saved meanwhile."""
        ctx = self.ctx
        if self.saving:
            ctx.notify("Already saving.", timeout=2)
            return
        self.saving = True
        job = self.session.prepare_save(path)

        def write() -> None:
            try:
                outcome = job.run()
            except Exception as exc:  # any failure must leave the app (and the work) alive
                ctx.call_from_thread(self._failed, exc, job.target, then_exit)
                return
            if isinstance(outcome, Written):
                ctx.call_from_thread(self._written, job, outcome.sha, then_exit)
            else:
                ctx.call_from_thread(self._disk_changed, outcome, job, then_exit)

        ctx.run_worker(write, thread=True, group="save", name="save")

    def _failed(self, exc: Exception, target: Path, then_exit: bool) -> None:
        self.saving = False
        ctx = self.ctx
        reason = os_error_text(exc)
        ctx.notify(f"Could not save {target}: {reason}. Your edits are still here.",
                   severity="error", timeout=10)
        if isinstance(exc, WorkbenchError):  # the file on disk is broken: not a disk problem
            return

        def answer(choice: str | None) -> None:
            if choice == "elsewhere":
                self.save_as()
            elif choice == "retry":
                self.save(then_exit=then_exit, path=target)
        journal = self.session.journal
        ctx.ask(ChoiceDialog(
            "Not saved", f"Could not save {target}: {reason}.\nYour edits are still here"
            + ("" if journal is None or journal.error else " and in the journal")
            + ". Save them somewhere else?",
            [("elsewhere", "Save elsewhere", "a"), ("retry", "Retry", "r"),
             ("cancel", "Keep editing", "k")]), answer)

    def _written(self, job: SaveJob, sha: str, then_exit: bool) -> None:
        self.saving = False
        ctx, session = self.ctx, self.session
        before = session.path
        everything = session.finish_save(job, sha)
        if session.path != before:  # saved as another file: that is its file from now on
            autosave.remove_autosave(before)
            ctx.notify(f"Saved as {session.path}; that is the document's file from now on.",
                       timeout=5)
        if everything:
            self.autosaving.saved()
            ctx.notify(f"Saved {session.path}", timeout=2)
        else:
            ctx.notify(f"Saved {session.path}; the changes made while saving are not saved yet.")
        ctx.refresh_status()
        if then_exit:
            ctx.exit()

    # ------------------------------------------------------------ someone else saved

    def _disk_changed(self, changed: DiskChanged, job: SaveJob, then_exit: bool) -> None:
        """The file changed since it was read: merge, asking about conflicts, then save."""
        self.saving = False
        ctx, session = self.ctx, self.session
        if session.history.version != job.version:  # edited while merging: merge the newer
            self.save(then_exit=then_exit)
            return
        if changed.result.clean:
            self._adopt(changed.result, changed, then_exit)
            return

        def answer(choices: dict[str, str] | None) -> None:
            if choices is None:
                ctx.notify(f"Not saved: {session.path} was changed by someone else. Your edits "
                           "are still here; ctrl+s merges again.", severity="warning", timeout=8)
                return
            if session.history.version != job.version:
                self.save(then_exit=then_exit)
                return
            self._adopt(session.merge_again(changed, job, choices), changed, then_exit)

        ctx.ask(ConflictScreen(str(session.path), changed.result.conflicts), answer)

    def _adopt(self, result: MergeResult, changed: DiskChanged, then_exit: bool) -> None:
        """Make the merged document ours (one undoable step) and save it over theirs."""
        ctx, session = self.ctx, self.session
        session.adopt_merge(result, changed.theirs, changed.theirs_sha)
        ctx.show_document(home=False)
        ctx.changed()
        kept = (f"; {len(result.conflicts)} conflict(s) settled as you chose"
                if result.conflicts else "")
        ctx.notify(f"{session.path.name} was changed by someone else: merged "
                   f"{result.theirs_changes} of their change(s) with yours{kept}. u undoes the "
                   "merge.", timeout=8)
        self.save(then_exit=then_exit)
