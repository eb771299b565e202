"""The journal of unsaved work: every applied, undone or redone edit, on disk as it happens.

``alignments/X.yaml`` journals to ``alignments/.X.yaml.journal``, one JSON object per line::

    {"journal": 1, "base_sha256": "9c…", "started": "2026-01-05T10:00:00+00:00"}
    {"e": "do", "edit": {"label": "merge rows", "splices": [...], ...}}
    {"e": "undo", "edit": {...}}

The first line names the file the edits apply to by the sha256 of its bytes (the *base*); each
later line is one event of :class:`~workbench.core.history.History`, written, flushed and
fsynced before the key that caused it returns (a few splices: ~100 bytes to a few KB, well under
a millisecond plus the fsync). An event carries its whole edit, so replaying needs no undo stack:
"do"/"redo" apply the edit, "undo" reverts it, each checked against the document (a splice
whose old content is not there fails). A save moves the base: the journal restarts with the
events made since the snapshot that was saved (usually none: the file is removed).

After a crash, :func:`pending` finds the journal; if the document's bytes still hash to the
base, :func:`replay` rebuilds the lost state exactly (a torn last line, from a crash in the
middle of a write, is ignored). If the file changed since (someone saved it), the journal is
*stale*: its edits were made to other bytes and are not replayed blindly.

Values are journaled as the YAML file would hold them (confidences rounded to 3 places, lists
for tuples inside section records), so that replaying onto the loaded file matches exactly.
"""

from __future__ import annotations

import errno
import json
import os

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: journals are not locked there
    fcntl = None  # type: ignore[assignment]
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from .document import Bead, Document, Sentence
from .errors import OperationError, WorkbenchError
from .files import file_sha256
from .history import Edit, History, Splice, apply_edit, revert_edit

JOURNAL_VERSION = 1


class JournalError(WorkbenchError):
    """A journal cannot be read or replayed."""


def journal_path(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(f".{p.name}.journal")


# ---------------------------------------------------------------- edits <-> JSON

def _item_out(target: str, item: Any) -> Any:
    if target == "beads":
        rec: dict[str, Any] = {"src": list(item.src), "tgt": list(item.tgt), "status": item.status}
        if item.confidence is not None:
            rec["confidence"] = round(float(item.confidence), 3)
        return rec
    if target in ("src", "tgt"):
        rec = {"id": item.id, "text": item.text, "para": item.para}
        if item.original is not None:
            rec["original"] = item.original
        return rec
    return item  # a section record: plain data (tuples become lists in JSON, as in YAML)


def _item_in(target: str, rec: Any) -> Any:
    if target == "beads":
        return Bead(tuple(rec["src"]), tuple(rec["tgt"]), rec.get("confidence"), rec["status"])
    if target in ("src", "tgt"):
        return Sentence(rec["id"], rec["text"], rec["para"], rec.get("original"))
    return rec


def encode_edit(edit: Edit) -> dict:
    return {
        "label": edit.label,
        "splices": [{"t": sp.target, "at": sp.start,
                     "old": [_item_out(sp.target, x) for x in sp.old],
                     "new": [_item_out(sp.target, x) for x in sp.new]} for sp in edit.splices],
        "ids_before": list(edit.ids_before) if edit.ids_before is not None else None,
        "ids_after": list(edit.ids_after) if edit.ids_after is not None else None,
        "cursor": edit.cursor,
    }


def decode_edit(data: dict) -> Edit:
    splices = tuple(Splice(sp["t"], sp["at"], tuple(_item_in(sp["t"], x) for x in sp["old"]),
                           tuple(_item_in(sp["t"], x) for x in sp["new"]))
                    for sp in data["splices"])
    before, after = data.get("ids_before"), data.get("ids_after")
    return Edit(data["label"], splices, tuple(before) if before is not None else None,
                tuple(after) if after is not None else None, data.get("cursor"))


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot journal a {type(value).__name__}")


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default) + "\n"


# ---------------------------------------------------------------- writing

class Journal:
    """A History listener that keeps ``.NAME.yaml.journal`` in step with the edits.

    ``base_sha`` is the sha256 of the document file the edits apply to; while it is None
    (a new document not saved yet) events are only kept in memory, to be written once a save
    gives them a base. Disk errors never reach the editing: they go to ``on_error`` (once)
    and ``error`` keeps the last one.
    """

    def __init__(self, path: str | Path, base_sha: str | None,
                 on_error: Callable[[OSError], None] | None = None):
        self.doc_path = Path(path)
        self.base_sha = base_sha
        self.on_error = on_error
        self.error: OSError | None = None
        self._lines: list[str] = []  # events since the base, as written
        self._fh = None

    @property
    def path(self) -> Path:
        return journal_path(self.doc_path)

    @property
    def count(self) -> int:
        """Events recorded since the base (the mark :meth:`rebase` takes)."""
        return len(self._lines)

    def __call__(self, event: str, edit: Edit) -> None:
        self.record(event, edit)

    def record(self, event: str, edit: Edit) -> None:
        line = _line({"e": event, "edit": encode_edit(edit)})
        self._lines.append(line)
        if self.base_sha is not None:
            self._append([line])

    def _header(self) -> str:
        return _line({"journal": JOURNAL_VERSION, "base_sha256": self.base_sha,
                      "document": self.doc_path.name,
                      "started": datetime.now(timezone.utc).isoformat(timespec="seconds")})

    def _append(self, lines: list[str]) -> None:
        try:
            if self._fh is None:
                self._fh = _claim(self.path)
                if self._fh is None:  # another live session journals this document
                    self._failed(OSError(errno.EBUSY, "another workbench session on this "
                                                      "document keeps its journal",
                                         str(self.path)))
                    return
                self._fh.write(self._header())
            self._fh.writelines(lines)
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            self._close()
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        first = self.error is None
        self.error = exc
        if first and self.on_error is not None:
            self.on_error(exc)

    def _close(self) -> None:
        if self._fh is not None:
            _held.discard(os.path.abspath(self.path))
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None

    def rebase(self, sha: str, keep_from: int | None = None) -> None:
        """The document file now hashes to ``sha`` and holds the state after the first
        ``keep_from`` events (default: all): restart the journal with the events after them."""
        keep = self._lines[keep_from:] if keep_from is not None else []
        self._close()
        self._lines = []
        self.base_sha = sha
        self._remove_file()
        if keep:
            self._lines = list(keep)
            self._append(keep)

    def resume(self, recovered: "Pending") -> None:
        """Continue a recovered journal: same base, its events kept (a torn tail dropped)."""
        self._close()
        self.base_sha = recovered.base_sha
        self._lines = list(recovered.lines)
        self._remove_file()
        if self._lines:
            self._append(self._lines)

    def move(self, path: str | Path, sha: str) -> None:
        """The document was saved under another name: journal there, from that save on."""
        self.discard()
        self.doc_path = Path(path)
        self.base_sha = sha

    def discard(self) -> None:
        """Forget every event and remove the file (the work was saved, or thrown away)."""
        self._close()
        self._lines = []
        self._remove_file()

    def close(self) -> None:
        self._close()

    def _remove_file(self) -> None:
        if self._fh is None and in_use(self.path):
            return  # another live session's journal, not ours to remove
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self._failed(exc)


# ---------------------------------------------------------------- reading and replaying

@dataclass
class Pending:
    """A journal left behind: its base, its events, and whether the file still matches."""

    path: Path
    base_sha: str
    events: list[tuple[str, Edit]]
    lines: list[str]
    modified: datetime
    stale: bool
    torn: bool = False


#: the journal files this process holds (its own sessions' journals are not "another's")
_held: set[str] = set()


def _claim(path: Path):
    """The journal file opened for writing (emptied) with an exclusive lock on it, held while
    the session journals; None if another live session holds it (two workbench UIs, or two
    browser tabs of ``workbench serve``, on one document: the first keeps the journal)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return None
        os.ftruncate(fd, 0)
        _held.add(os.path.abspath(path))
        return os.fdopen(fd, "w", encoding="utf-8", newline="\n")
    except BaseException:
        try:
            os.close(fd)
        except OSError:
            pass
        raise


def in_use(path: str | Path) -> bool:
    """Whether a live session of another process is writing the journal file ``path`` (it
    holds its lock)."""
    if fcntl is None or os.path.abspath(path) in _held:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def read_journal(path: str | Path) -> Pending | None:
    """The journal of document ``path`` if there is one with events in it, and no live session
    is writing it (a journal in use is another session's work in progress, not left behind)."""
    jp = journal_path(path)
    if in_use(jp):
        return None
    try:
        raw = jp.read_text(encoding="utf-8")
        modified = datetime.fromtimestamp(jp.stat().st_mtime)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"cannot read the journal: {exc}", path=str(jp)) from None
    rows = raw.split("\n")
    torn = bool(rows) and rows[-1] != ""  # the last write did not finish its line
    complete = rows[:-1]
    if not complete:
        return None
    try:
        head = json.loads(complete[0])
        base = head["base_sha256"]
        if head.get("journal", 0) > JOURNAL_VERSION:
            raise JournalError("was written by a newer workbench", path=str(jp),
                               hint="upgrade workbench")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise JournalError("is not a workbench journal", path=str(jp),
                           hint="delete it if you do not need it") from None
    events, lines = [], []
    for k, row in enumerate(complete[1:], start=2):
        try:
            obj = json.loads(row)
            events.append((obj["e"], decode_edit(obj["edit"])))
            lines.append(row + "\n")
        except (ValueError, KeyError, TypeError, IndexError):
            if k == len(complete):  # a damaged last line: the crash came mid-write
                torn = True
                break
            raise JournalError(f"line {k} is damaged", path=str(jp),
                               hint="delete the journal; its edits cannot be replayed") from None
    if not events:
        return None
    return Pending(jp, base, events, lines, modified, stale=file_sha256(path) != base, torn=torn)


def replay(doc: Document, events: list[tuple[str, Edit]], history: History | None = None) -> History:
    """Apply journaled events to ``doc`` (the base file, loaded); returns the History with
    the replayed edits on its undo stack (edits from before the base are applied directly).
    Raises JournalError if an event does not fit the document."""
    history = history or History(doc)
    for k, (event, edit) in enumerate(events, start=1):
        try:
            if event == "do":
                history.do(edit)
            elif event == "undo":
                if history.can_undo() and history.next_undo == edit:
                    history.undo()
                else:  # undoing past the base: the edit was made before the last save
                    revert_edit(doc, edit)
            elif event == "redo":
                if history.can_redo() and history.next_redo == edit:
                    history.redo()
                else:
                    apply_edit(doc, edit)
            else:
                raise JournalError(f"event {k} is of unknown kind {event!r}")
        except OperationError as exc:
            raise JournalError(f"edit {k} ({edit.label}) does not fit the document: {exc.message}",
                               hint="the journal belongs to another version of the file") from None
    return history
