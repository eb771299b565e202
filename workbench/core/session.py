"""The open document: the document, its undo history, its journal, the version it was read
from, and the one way to save it. The CLI and the TUI both hold a :class:`Session`.

Why one object: saving safely needs all of these at once. Before writing, the file is hashed
again; if it no longer hashes to the version read (someone else saved it meanwhile), the other
person's changes are merged with ours, three-way, against the copy of the document as read
(:mod:`workbench.core.merge`), and only then is the result written atomically
(``store.save``: temp file, fsync, rename, the previous file kept as ``NAME.yaml~``). After a
save the journal of unsaved edits (:mod:`workbench.core.journal`) restarts from the new file.

A command line saves in one call (:meth:`Session.save`). A UI that must not freeze splits the
same save in three: :meth:`Session.prepare_save` takes a snapshot on the editing thread,
:meth:`SaveJob.run` checks the disk and writes (any thread), and :meth:`Session.finish_save`
(or, when the disk changed, :meth:`Session.adopt_merge` and a new save) records the result.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import store
from .document import Document, copy_document
from .files import DocumentLock
from .errors import WorkbenchError
from .journal import Journal, JournalError, Pending, replay
from .lineage import MIN_SHARED, shared
from .merge import MINE, MergeConflictError, MergeResult, merge, replacement_edit
from .history import Edit, History


# ---------------------------------------------------------------- one save

@dataclass(frozen=True)
class Written:
    """The snapshot is on disk; ``sha`` hashes the bytes written."""

    sha: str


@dataclass(frozen=True)
class DiskChanged:
    """The file changed since it was read: nothing was written; ``result`` is our snapshot
    merged with ``theirs`` (the file now, whose bytes hash to ``theirs_sha``), conflicts kept
    as ours."""

    result: MergeResult
    theirs: Document
    theirs_sha: str


@dataclass(frozen=True)
class SaveJob:
    """What one save writes: a snapshot taken on the editing thread, safe to write from any
    other. ``base_sha`` None: write without checking the disk (a new file, or save-as)."""

    target: Path
    snapshot: Document
    version: int               # the history version the snapshot is of
    mark: int                  # journal events the snapshot holds
    base_doc: Document | None
    base_sha: str | None
    lock: DocumentLock         # the target's: the check and the write are one step

    def run(self) -> Written | DiskChanged:
        """Check the file on disk and write the snapshot, unless someone else changed it."""
        with self.lock:
            return self._check_and_write()

    def _check_and_write(self) -> Written | DiskChanged:
        if self.base_sha is not None and self.base_doc is not None:
            try:
                current = self.target.read_bytes()
            except FileNotFoundError:
                current = None
            if current is not None:
                sha = hashlib.sha256(current).hexdigest()
                if sha != self.base_sha:
                    theirs = store.loads_bytes(current, str(self.target), self.target.parent)
                    _same_lineage(self.base_doc, theirs, self.target)
                    return DiskChanged(merge(self.base_doc, self.snapshot, theirs), theirs, sha)
        return Written(store.save(self.snapshot, self.target))


# ---------------------------------------------------------------- the open document

class Session:
    """One open document and everything saving it safely needs (see the module docstring).

    ``base_sha``/``base_doc``: the file on disk as read (None for a document that has no file
    yet, or one written over without reading); ``unsaved``: the document differs from the file
    even with no edit in its history (new, aligned, recovered); ``on_journal_error``: told once
    if the journal cannot be written (the editing goes on); ``journal=False`` for a command
    that saves at once: it must not touch the journal file, which belongs to a workbench UI
    that may have the same document open (or crashed with unsaved edits in it).
    """

    def __init__(self, doc: Document, path: str | Path, *, base_sha: str | None = None,
                 base_doc: Document | None = None, unsaved: bool = False,
                 on_journal_error: Callable[[OSError], None] | None = None,
                 journal: bool = True) -> None:
        self.doc = doc
        self.journaling = journal
        self.path = Path(path)
        self.unsaved = unsaved
        self.on_journal_error = on_journal_error
        self.journal: Journal | None = None
        self.base_sha: str | None = None
        self.base_doc: Document | None = None
        self.lock = DocumentLock(self.path)
        self._replaying = False
        self._history = History(doc)
        self._history.listeners.append(self._journal_event)
        if base_sha is not None:
            self.set_base(base_sha, base_doc)

    @classmethod
    def open(cls, path: str | Path, *, hold_lock: bool = False, **kwargs) -> "Session":
        """The session of a saved document (a FormatError names the file and line if broken).

        ``hold_lock``: take the document's lock before reading and keep it until
        :meth:`close` (a command that reads, changes and saves at once: no one else saves in
        between, so nothing needs merging and the ids it prints are the ids saved)."""
        lock = DocumentLock(path)
        if hold_lock:
            lock.acquire()
        try:
            doc, sha = store.load_with_hash(path)
        except BaseException:
            lock.release()
            raise
        session = cls(doc, path, base_sha=sha, **kwargs)
        session.lock = lock
        return session

    def close(self) -> None:
        """Let other writers in (if this session held the lock), and close the journal."""
        self.lock.release()
        if self.journal is not None:
            self.journal.close()

    # ------------------------------------------------------------ state

    @property
    def history(self) -> History:
        return self._history

    @property
    def dirty(self) -> bool:
        """Whether there is anything a save would write."""
        return self.unsaved or self._history.dirty

    def do(self, edit: Edit) -> Edit:
        """Apply an edit as one undoable, journaled step."""
        return self._history.do(edit)

    def set_base(self, sha: str | None, doc: Document | None = None) -> None:
        """The file on disk is ``doc`` (default: the document now) with bytes hashing to
        ``sha``: what saving compares the disk with, and what the journal replays onto."""
        self.base_sha = sha
        self.base_doc = copy_document(doc if doc is not None else self.doc) if sha else None

    def replace_document(self, doc: Document, *, unsaved: bool = True) -> None:
        """Make ``doc`` the open document with a fresh history (first alignment, an autosave
        recovered). Journaled edits were relative to the old state: they are dropped."""
        self.doc = doc
        self._history = History(doc)
        self._history.listeners.append(self._journal_event)
        self.unsaved = unsaved
        if self.journal is not None:
            self.journal.discard()
            if unsaved:
                self.journal.base_sha = None

    # ------------------------------------------------------------ journal

    def _journal(self) -> Journal:
        if self.journal is None:
            self.journal = Journal(self.path, None if self.unsaved else self.base_sha,
                                   on_error=self.on_journal_error)
        return self.journal

    def _journal_event(self, event: str, edit: Edit) -> None:
        if self.journaling and not self._replaying:
            self._journal().record(event, edit)

    def recover(self, pending: Pending) -> None:
        """Replay a journal onto the document as loaded; the edits land on the undo stack and
        the journal goes on from them. Raises JournalError if they do not fit."""
        self._replaying = True
        try:
            replay(self.doc, pending.events, self._history)
        finally:
            self._replaying = False
        self._journal().resume(pending)
        self.unsaved = True

    def recover_by_merge(self, pending: Pending, base_doc: Document) -> MergeResult:
        """A journal made on ``base_doc`` (an older version of the file): replay it there and
        merge the result with the document as loaded, as one undoable step."""
        mine = copy_document(base_doc)
        replay(mine, pending.events)
        result = merge(base_doc, mine, copy_document(self.doc))
        self.discard_journal_file(pending)
        self.do(replacement_edit(self.doc, result.doc, "recovered edits, merged with the file"))
        return result

    @staticmethod
    def discard_journal_file(pending: Pending) -> None:
        try:
            pending.path.unlink()
        except OSError:
            pass

    def discard_journal(self) -> None:
        """Forget the unsaved edits' journal (the work was saved or thrown away)."""
        if self.journal is not None:
            self.journal.discard()

    # ------------------------------------------------------------ saving

    def prepare_save(self, path: str | Path | None = None) -> SaveJob:
        """A snapshot to write to ``path`` (default: the document's file). Only a save in
        place checks the disk for someone else's changes."""
        target = Path(path) if path is not None else self.path
        in_place = target == self.path
        check = in_place and self.base_sha is not None
        return SaveJob(target, copy_document(self.doc), self._history.version,
                       self.journal.count if self.journal is not None else 0,
                       self.base_doc if check else None,
                       self.base_sha if check else None,
                       self.lock if in_place else DocumentLock(target))

    def finish_save(self, job: SaveJob, sha: str) -> bool:
        """Record a written snapshot: it is the new base; the journal restarts after it. True
        when nothing changed meanwhile (then the document counts as saved)."""
        journal = self.journal  # none yet: no edit was journaled, nothing to restart
        mark: int | None = job.mark
        if job.target != self.path:  # saved as another file: that is the file from now on
            self.lock.release()
            self.path, self.lock = job.target, job.lock
            if journal is not None:
                journal.move(job.target, sha)
            mark = None if self._history.version == job.version else mark
        self.base_sha, self.base_doc = sha, job.snapshot
        if journal is not None:
            journal.rebase(sha, keep_from=mark)
        if self._history.version != job.version:
            return False
        self._history.mark_saved()
        self.unsaved = False
        return True

    def merge_again(self, changed: DiskChanged, job: SaveJob,
                    choices: dict[str, str]) -> MergeResult:
        """The merge of ``changed`` with each conflict settled as ``choices`` says."""
        return merge(job.base_doc, job.snapshot, changed.theirs, prefer=MINE, choices=choices)

    def adopt_merge(self, result: MergeResult, theirs: Document, theirs_sha: str) -> None:
        """Make a merge with the file on disk ours, as one undoable step; the file as it is
        now becomes the base, so that the next save writes over it."""
        merged = result.doc
        edit = replacement_edit(self.doc, merged, "merge with the file saved by someone else")
        if edit.splices:
            self.do(edit)
        self.doc.model = merged.model
        for name in ("src", "tgt"):
            mine_side, new_side = self.doc.side(name), merged.side(name)
            mine_side.lang, mine_side.path, mine_side.sha256 = (new_side.lang, new_side.path,
                                                                new_side.sha256)
        for name, value in merged.extra.items():
            if not isinstance(value, list):
                self.doc.extra[name] = value
        self.set_base(theirs_sha, theirs)

    def save(self, *, prefer: str | None = None) -> MergeResult | None:
        """Save now (a command line). If the file changed on disk since it was read, the other
        person's changes are merged in first and the merge is returned; with conflicts and no
        ``prefer`` ("mine"/"theirs") nothing is written and MergeConflictError lists them."""
        with self.lock:  # the check, the merge and the write: one step for other writers
            return self._save_locked(prefer)

    def _save_locked(self, prefer: str | None) -> MergeResult | None:
        job = self.prepare_save()
        outcome = job.run()
        if isinstance(outcome, Written):
            self.finish_save(job, outcome.sha)
            return None
        result = outcome.result
        if result.conflicts:
            if prefer is None:
                raise _conflict_error(self.path, result)
            if prefer != MINE:
                result = merge(job.base_doc, job.snapshot, outcome.theirs, prefer=prefer)
        sha = store.save(result.doc, self.path)
        _copy_into(self.doc, result.doc)  # the merge is the document now, for whoever holds it
        self.replace_document(self.doc, unsaved=False)
        self.set_base(sha, result.doc)
        if self.journal is not None:
            self.journal.rebase(sha)
        return result


def _same_lineage(base: Document, theirs: Document, path: Path) -> None:
    """The file changed on disk: merging only makes sense if it is still a version of the
    document read (not another document copied over it)."""
    kept, total = shared(base, theirs)
    if total and kept < MIN_SHARED * total:
        raise WorkbenchError(
            f"was replaced meanwhile by another document (it keeps {kept:,} of the "
            f"{total:,} sentences read): not merged, nothing written", path=str(path),
            hint="save your work under another name (save as), then compare the two")


def _conflict_error(path: Path, result: MergeResult) -> MergeConflictError:
    lines = "; ".join(f"{c.what}" for c in result.conflicts[:5])
    more = f" and {len(result.conflicts) - 5} more" if len(result.conflicts) > 5 else ""
    return MergeConflictError(
        f"changed on disk while this command ran, and {len(result.conflicts)} change(s) "
        f"conflict with it ({lines}{more}); nothing was written", path=str(path),
        hint="run the command again on the new file")


def save_merging(doc: Document, path: str | Path, base: Document, base_sha: str | None,
                 *, prefer: str | None = None) -> MergeResult | None:
    """Save ``doc`` to ``path``, which was read as ``base`` (bytes hashing to ``base_sha``;
    None: save as is), merging in whatever someone else saved meanwhile: a one-off
    :meth:`Session.save`."""
    session = Session(doc, path, base_sha=base_sha, base_doc=base, unsaved=True)
    return session.save(prefer=prefer)


def _copy_into(doc: Document, new: Document) -> None:
    doc.source, doc.target, doc.beads = new.source, new.target, new.beads
    doc.model, doc.extra = new.model, new.extra


__all__ = ["DiskChanged", "JournalError", "SaveJob", "Session", "Written", "save_merging"]
