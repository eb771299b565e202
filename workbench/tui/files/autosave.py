"""Autosave: unsaved work goes to a hidden side file next to the document, never over it.

``alignments/X.yaml`` autosaves to ``alignments/.X.yaml.autosave`` (same folder, so the
relative source paths inside stay right), every 30 s and every 20 edits if anything changed
(:class:`Autosave`). A normal save deletes it; on open, an autosave that is newer than the
document and differs from it is offered for recovery (:mod:`.recovery`). The write runs in a
thread, so it works on a :func:`snapshot` that later edits cannot change under it. The journal
(:mod:`workbench.core.journal`) is the exact net; the side file is a second one, also for a new
document that has no file yet.
"""

from __future__ import annotations

from pathlib import Path

from ...core import store
from ...core.document import Document, copy_document
from ...core.files import atomic_write
from ..context import Context


def autosave_path(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(f".{p.name}.autosave")


def snapshot(doc: Document) -> Document:
    """A copy that shares the immutable sentences, beads and section records (cheap: list
    copies only; the section lists are copied too, as edits splice them in place)."""
    return copy_document(doc)


def write_autosave(doc: Document, path: str | Path) -> Path:
    """Write ``doc`` (a snapshot) to the autosave file of ``path``; returns that file."""
    target = autosave_path(path)
    atomic_write(target, store.dumps(doc, base=target.parent), backup=False)
    return target


def pending_autosave(path: str | Path) -> Path | None:
    """The autosave of ``path`` if it holds work the document lacks (newer and different).

    An autosave equal to the document (a save raced a late autosave) is deleted quietly.
    """
    doc_path, auto = Path(path), autosave_path(path)
    try:
        if not auto.exists():
            return None
        if doc_path.exists():
            if auto.stat().st_mtime < doc_path.stat().st_mtime:
                return None
            if auto.read_bytes() == doc_path.read_bytes():
                auto.unlink()
                return None
    except OSError:
        return None
    return auto


def remove_autosave(path: str | Path) -> None:
    try:
        autosave_path(path).unlink()
    except OSError:
        pass


class Autosave:
    """Writes the side file of the session's document every so often, in a thread."""

    def __init__(self, ctx: Context, *, seconds: float | None = 30.0, edits: int = 20) -> None:
        """``seconds`` (None: no timer) and ``edits``: how often, if anything changed."""
        self.ctx = ctx
        self.seconds = seconds
        self.edits = edits
        self._edits = 0  # since the last autosave
        self._written: tuple[int, int] | None = None  # (document, version) last autosaved
        self._warned = False
        ctx.follow_changes(self._edited)

    def start(self) -> None:
        if self.seconds:
            self.ctx.set_interval(self.seconds, self.tick)

    def _edited(self) -> None:
        self._edits += 1
        if self._edits >= self.edits:
            self.tick()

    def saved(self) -> None:
        """The document was saved: the side file goes, the count starts again."""
        self._edits = 0
        remove_autosave(self.ctx.session.path)

    def tick(self) -> None:
        """Write unsaved work to the side file (in a thread) if it changed since last time."""
        session = self.ctx.session
        doc = session.doc
        key = (id(doc), session.history.version)
        if not session.dirty or not doc.beads or key == self._written:
            return
        self._edits = 0
        self._written = key
        snap, path = snapshot(doc), session.path

        def write() -> None:
            try:
                write_autosave(snap, path)
            except Exception as exc:  # a read-only folder must not stop the editing
                self.ctx.call_from_thread(self._failed, exc)

        self.ctx.run_worker(write, thread=True, group="autosave", name="autosave")

    def _failed(self, exc: Exception) -> None:
        if not self._warned:
            self._warned = True
            self.ctx.notify(f"Autosave failed ({exc}); save with ctrl+s.", severity="warning",
                            timeout=8)
