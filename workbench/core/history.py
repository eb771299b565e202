"""Undoable edits of a Document: the :class:`Edit` record, applying and reverting it, and the
:class:`History` (undo/redo) that applies every change the UI makes.

Every change is expressed as splices: "replace this slice of the bead list (or of a side's
sentence list, or of a list section in ``doc.extra``) by that". An edit is a few splices plus
the id counters before and after, so undo is the same splices in reverse, exact and cheap even
for a 10,000-row document. Modules that *build* edits (:mod:`workbench.core.operations`,
review, spelling, glossary) only need :class:`Edit` and :class:`Splice` from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .document import Document
from .errors import OperationError


@dataclass(frozen=True)
class Splice:
    """Replace ``old`` at ``start`` of a list ("beads", "src" or "tgt" sentences) by ``new``."""

    target: str
    start: int
    old: tuple
    new: tuple


@dataclass(frozen=True)
class Edit:
    """One undoable step: its label (for the UI), splices, and id counters before/after."""

    label: str
    splices: tuple[Splice, ...]
    ids_before: tuple[int, int] | None = None
    ids_after: tuple[int, int] | None = None
    cursor: int | None = None  # the row the UI should show after applying


def _list(doc: Document, target: str) -> list:
    """The list a splice edits: "beads", "src"/"tgt" sentences, or "extra:NAME", a list
    section owned by a feature module (flags, glossary ...) in ``doc.extra``."""
    if target == "beads":
        return doc.beads
    if target.startswith("extra:"):
        return doc.extra.setdefault(target[6:], [])
    return doc.side(target).sentences


def _replace(doc: Document, target: str, start: int, old: tuple, new: tuple) -> None:
    items = _list(doc, target)
    current = tuple(items[start:start + len(old)])
    if current != old:
        raise OperationError(f"the document changed under this edit ({target} at {start})")
    items[start:start + len(old)] = new
    if target in ("src", "tgt"):
        doc.side(target).invalidate()


def apply_edit(doc: Document, edit: Edit) -> None:
    for sp in edit.splices:
        _replace(doc, sp.target, sp.start, sp.old, sp.new)
    if edit.ids_after is not None:
        doc.source.next_id, doc.target.next_id = edit.ids_after


def revert_edit(doc: Document, edit: Edit) -> None:
    for sp in reversed(edit.splices):
        _replace(doc, sp.target, sp.start, sp.new, sp.old)
    if edit.ids_before is not None:
        doc.source.next_id, doc.target.next_id = edit.ids_before


#: ``listener(event, edit)``: event is "do", "undo" or "redo", called after the edit applied
Listener = Callable[[str, Edit], None]


class History:
    """Undo/redo stack over one document. ``dirty`` tells whether it differs from the last save.

    ``listeners`` (``on_change`` adds one) are called after every applied, undone or redone
    edit: the journal of unsaved work (:mod:`workbench.core.journal`) is one.
    """

    def __init__(self, doc: Document, on_change: Listener | None = None):
        self.doc = doc
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._saved_at: int | None = 0
        self._version = 0  # bumps on every change; the UI uses it to invalidate caches
        self.listeners: list[Listener] = [on_change] if on_change is not None else []

    def _notify(self, event: str, edit: Edit) -> None:
        for listener in list(self.listeners):
            listener(event, edit)

    @property
    def version(self) -> int:
        return self._version

    @property
    def dirty(self) -> bool:
        return self._saved_at != len(self._done)

    def mark_saved(self) -> None:
        self._saved_at = len(self._done)

    def do(self, edit: Edit) -> Edit:
        apply_edit(self.doc, edit)
        self._done.append(edit)
        if self._saved_at is not None and self._saved_at > len(self._done) - 1:
            self._saved_at = None  # the saved state was on the discarded redo branch
        self._undone.clear()
        self._version += 1
        self._notify("do", edit)
        return edit

    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def next_undo(self) -> Edit | None:
        """The edit :meth:`undo` would revert (None if none)."""
        return self._done[-1] if self._done else None

    @property
    def next_redo(self) -> Edit | None:
        """The edit :meth:`redo` would apply again (None if none)."""
        return self._undone[-1] if self._undone else None

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> Edit | None:
        if not self._done:
            return None
        edit = self._done.pop()
        revert_edit(self.doc, edit)
        self._undone.append(edit)
        self._version += 1
        self._notify("undo", edit)
        return edit

    def redo(self) -> Edit | None:
        if not self._undone:
            return None
        edit = self._undone.pop()
        apply_edit(self.doc, edit)
        self._done.append(edit)
        self._version += 1
        self._notify("redo", edit)
        return edit
