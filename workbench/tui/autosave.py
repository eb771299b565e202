"""Autosave: unsaved work goes to a hidden side file next to the document, never over it.

``alignments/X.yaml`` autosaves to ``alignments/.X.yaml.autosave`` (same folder, so the
relative source paths inside stay right). A normal save deletes it; on open, an autosave that
is newer than the document and differs from it is offered for recovery. The write runs in a
thread, so it works on a :func:`snapshot` that later edits cannot change under it.
"""

from __future__ import annotations

from pathlib import Path

from ..core import store
from ..core.document import Document, copy_document
from ..core.files import atomic_write


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
