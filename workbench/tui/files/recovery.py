"""Recovery on open: the work of a session that ended without saving comes back.

Every applied, undone or redone edit is journaled as it happens (:mod:`workbench.core.journal`,
kept by the session). Opening a document with a journal whose base is the file on disk offers
to replay it: after a crash every edit comes back, with its undo. A journal made on another
version of the file (someone saved since) is offered as a merge when the backup ``NAME.yaml~``
is that version, else kept aside. Without a journal, a newer autosave side file
(:mod:`.autosave`) is offered instead.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from ...core import store
from ...core.document import Document
from ...core.errors import WorkbenchError
from ...core.journal import JournalError, Pending, read_journal
from ..common.dialogs import ChoiceDialog
from ..context import Context
from . import autosave


class Recovery:
    """What to offer when a document opens with unsaved work beside it."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @property
    def path(self) -> Path:
        return self.ctx.session.path

    def offer_on_open(self) -> None:
        """A journal of unsaved edits first (exact), else a newer autosave."""
        try:
            pending = read_journal(self.path)
        except JournalError as exc:
            self.ctx.notify(f"{exc}", severity="warning", timeout=10)
            pending = None
        if pending is not None:
            if pending.stale:
                self._offer_stale_journal(pending)
            else:
                self._offer_journal(pending)
            return
        side = autosave.pending_autosave(self.path)
        if side is not None:
            self._offer_autosave(side)

    # ------------------------------------------------------------ a journal of this version

    def _offer_journal(self, pending: Pending) -> None:
        when = pending.modified.strftime("%Y-%m-%d %H:%M")

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self._discard(pending)
            else:
                self.replay(pending)

        self.ctx.ask(ChoiceDialog(
            "Recover unsaved edits?",
            f"{self.path.name} was not saved after {len(pending.events)} edit(s) (last one "
            f"{when}): the workbench was closed without saving, or crashed. Replay them?",
            [("recover", "Recover them", "r"), ("discard", "Discard them", "d")],
            cancel="recover"), answer)

    def replay(self, pending: Pending) -> bool:
        """Replay a journal onto the document as loaded; the edits land on the undo stack."""
        ctx = self.ctx
        try:
            ctx.session.recover(pending)
        except JournalError as exc:
            ctx.notify(f"Cannot recover: {exc}", severity="error", timeout=10)
            return False
        autosave.remove_autosave(self.path)
        ctx.show_document()
        ctx.notify(f"Recovered {len(pending.events)} unsaved edit(s). ctrl+s saves them; "
                   "u undoes them one by one.", timeout=6)
        ctx.refresh_status()
        return True

    def _discard(self, pending: Pending) -> None:
        self.ctx.session.discard_journal_file(pending)
        autosave.remove_autosave(self.path)
        self.ctx.notify("Unsaved edits discarded.", timeout=3)

    # ------------------------------------------------------------ a journal of another version

    def _backup_base(self, pending: Pending) -> Document | None:
        """The version the journal was made on, if the ``~`` backup is that version."""
        backup = self.path.with_name(self.path.name + "~")
        try:
            if backup.exists() and \
                    hashlib.sha256(backup.read_bytes()).hexdigest() == pending.base_sha:
                return store.load(backup)
        except WorkbenchError:
            pass
        return None

    def _offer_stale_journal(self, pending: Pending) -> None:
        """The file changed since the journal's edits were made: replay them onto the backup
        (if it is that version) and merge with the file; or keep the journal aside."""
        ctx = self.ctx
        base_doc = self._backup_base(pending)
        choices = [("aside", "Keep the journal aside", "k"), ("discard", "Discard it", "d")]
        if base_doc is not None:
            choices.insert(0, ("merge", "Recover and merge", "r"))

        def answer(choice: str | None) -> None:
            if choice == "merge" and base_doc is not None:
                self._merge(pending, base_doc)
            elif choice == "discard":
                self._discard(pending)
            else:
                aside = pending.path.with_name(
                    pending.path.name + datetime.now().strftime(".%Y%m%d-%H%M%S"))
                try:
                    pending.path.rename(aside)
                    ctx.notify(f"The journal is kept as {aside.name}.", timeout=6)
                except OSError as exc:
                    ctx.notify(f"Could not rename the journal: {exc}", severity="error")

        ctx.ask(ChoiceDialog(
            "Unsaved edits of another version",
            f"There are {len(pending.events)} unsaved edit(s) of {self.path.name}, but the file "
            "changed since they were made (someone saved it)."
            + (" They can be replayed onto the previous version (the ~ backup) and merged with "
               "the file." if base_doc is not None else ""),
            choices, cancel="aside"), answer)

    def _merge(self, pending: Pending, base_doc: Document) -> None:
        ctx = self.ctx
        try:
            result = ctx.session.recover_by_merge(pending, base_doc)
        except JournalError as exc:
            ctx.notify(f"Cannot recover: {exc}", severity="error", timeout=10)
            return
        ctx.show_document()
        extra = (f"; {len(result.conflicts)} conflict(s) kept your version"
                 if result.conflicts else "")
        ctx.notify(f"Recovered {len(pending.events)} edit(s) and merged them with the file"
                   f"{extra}. ctrl+s saves.", timeout=8)
        ctx.refresh_status()

    # ------------------------------------------------------------ an autosave

    def _offer_autosave(self, side: Path) -> None:
        ctx = self.ctx
        when = datetime.fromtimestamp(side.stat().st_mtime).strftime("%Y-%m-%d %H:%M")

        def answer(choice: str | None) -> None:
            if choice == "discard":
                autosave.remove_autosave(self.path)
                ctx.notify("Autosave discarded.", timeout=3)
                return
            try:
                doc = store.load(side)
            except WorkbenchError as exc:
                ctx.notify(f"Cannot recover: {exc}", severity="error", timeout=10)
                return
            ctx.session.replace_document(doc)
            ctx.show_document()
            ctx.notify("Recovered the autosaved work. ctrl+s saves it.", timeout=4)
            ctx.refresh_status()

        ctx.ask(ChoiceDialog(
            "Recover unsaved work?",
            f"There is unsaved work from {when} in {side.name}, newer than {self.path.name}.",
            [("recover", "Recover it", "r"), ("discard", "Discard it", "d")],
            cancel="recover"), answer)
