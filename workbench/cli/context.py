"""The documents a command opened, carried in the Click context (``ctx.obj``), never a global.

Each is a core :class:`~workbench.core.session.Session`: it remembers the version it read, so
that saving merges what someone else saved meanwhile instead of writing over it, the same save
path as the UI's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click

from ..core.document import Document
from ..core.operations import Edit
from ..core.session import Session


@dataclass
class OpenRequest:
    """What ``workbench open`` asks the workbench UI to show: a saved document (``doc`` None)
    or a new one to align and save to ``path``, with what reading its texts found."""

    path: Path
    doc: Document | None = None
    model: str | None = None
    user: str | None = None
    ask_overwrite: bool = False
    ask_user: bool = False  # ask the reviewer's name first (a browser tab of workbench serve)
    write_root: Path | None = None  # save as / export only inside this folder (a browser tab)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (message, severity)


class OpenDocuments:
    """The sessions of one command run, by resolved path (a file opened twice is one session),
    each holding its document's lock from reading to the end of the command (so a flag id the
    command prints is the id saved, and two commands never lose each other's changes), and
    ``start_ui``: how ``open`` starts the workbench UI. The CLI does not import the UI;
    the program (:mod:`workbench.launcher`) plugs it in here."""

    def __init__(self, start_ui: Callable[[OpenRequest], None] | None = None) -> None:
        self._sessions: dict[Path, Session] = {}
        self.start_ui = start_ui

    def open(self, path: Path) -> Session:
        """The session of the document at ``path``, read now if it is not open yet."""
        key = path.resolve()
        if key not in self._sessions:
            self._sessions[key] = Session.open(path, journal=False, hold_lock=True)
        return self._sessions[key]

    def create(self, doc: Document, path: Path) -> Session:
        """A session for a document that has no file at ``path`` yet: saving just writes it."""
        session = Session(doc, path, unsaved=True, journal=False)
        session.lock.acquire()
        self._sessions[path.resolve()] = session
        return session

    def close(self) -> None:
        """At the end of the command: let other writers of these documents in."""
        for session in self._sessions.values():
            session.close()
        self._sessions.clear()

    def apply(self, session: Session, edit: Edit) -> Edit:
        """Apply an edit to an open document (one step of its history), to be saved by
        :meth:`save`. The sessions of a command keep no journal: the journal file belongs to a
        workbench UI that may have the same document open, or crashed with edits in it."""
        return session.do(edit)

    def save(self, session: Session) -> None:
        """Save a document; if its file changed on disk since it was read, the other changes
        are merged in and said so (conflicts: nothing is written, MergeConflictError)."""
        merged = session.save()
        if merged is not None:
            click.echo(f"workbench: {session.path} changed on disk meanwhile: merged "
                       f"{merged.theirs_changes} change(s) from it", err=True)


pass_documents = click.make_pass_decorator(OpenDocuments, ensure=True)
"""Hands a command the :class:`OpenDocuments` of this run as its first argument."""
