"""Checking spelling and terms in threads, for the rows' marks (:class:`.marks.Marks`).

When the app starts, a thread loads the checker (Hunspell and the project's dictionary and
glossary, ~0.3 s), then checks a snapshot of the whole document so that the findings list and
the jumps find everything at once; rows drawn before that are drawn plain, then repainted.
After a change of the accepted words (the project dictionary or glossary, the document's
ignore list or own terms) every row is checked again the same way.
"""

from __future__ import annotations

from typing import Callable

from ..context import Context
from .marks import Marks, snapshot


class Checking:
    """The checking threads of the terms area and what waits for them."""

    def __init__(self, ctx: Context, marks: Marks, *, enabled: bool = True) -> None:
        """``enabled=False``: no spelling and term marks in this session (flags still show)."""
        self.ctx = ctx
        self.marks = marks
        self.enabled = enabled
        self.after_check: list[Callable[[], None]] = []  # what shows verdicts beside the rows
        self._worker = None
        marks.on_verdicts_changed = lambda: ctx.call_later(self.recheck)

    def start(self) -> None:
        """In a thread: load the checker, then check a snapshot of the whole document."""
        marks, ctx = self.marks, self.ctx

        def load_and_check() -> None:
            marks.load()
            try:
                snap, generation = ctx.call_from_thread(self._loaded)
                if snap is not None and marks.fill(snap, generation):
                    ctx.call_from_thread(self._checked, generation)
            except RuntimeError:  # the app is gone
                pass

        self._worker = ctx.run_worker(load_and_check, thread=True, group="check",
                                      name="check all")

    def _loaded(self) -> tuple:
        """On the UI thread: rows can be marked now; returns what the thread checks next."""
        marks, ctx = self.marks, self.ctx
        marks.ready = True
        if marks.error:
            ctx.notify(f"{marks.error} (spelling and terms use no project files until it is "
                       "fixed)", severity="warning", timeout=10)
        ctx.view.refresh_rows()
        ctx.refresh_status()
        if not ctx.doc.beads:
            return None, marks.generation
        return snapshot(ctx.doc), marks.generation

    def recheck(self) -> None:
        """Check every row of a snapshot in a thread (after a change of the accepted words)."""
        marks, ctx = self.marks, self.ctx
        if not marks.ready or not ctx.doc.beads:
            return
        snap, generation = snapshot(ctx.doc), marks.generation

        def fill() -> None:
            if marks.fill(snap, generation):
                try:
                    ctx.call_from_thread(self._checked, generation)
                except RuntimeError:
                    pass

        self._worker = ctx.run_worker(fill, thread=True, group="check", name="check all")

    def _checked(self, generation: int) -> None:
        self.marks.filled_generation = max(self.marks.filled_generation, generation)
        self.ctx.view.refresh_rows()
        self.ctx.refresh_status()
        for show in self.after_check:
            show()

    async def wait(self) -> bool:
        """Before a whole-document answer: wait for the checking thread (False: no checker)."""
        marks, ctx = self.marks, self.ctx
        if not marks.ready and not self.enabled:
            ctx.notify("Spelling is off in this session.", severity="warning")
            return False
        worker = self._worker
        if not marks.complete and worker is not None and worker.is_running:
            ctx.notify("Checking the document…" if marks.ready else
                       "Loading the dictionaries…", timeout=2)
            await worker.wait()
        return marks.ready

    def project_changed(self) -> None:
        """The project dictionary or glossary changed: repaint and check everything again."""
        self.marks.project_changed()
        self.ctx.view.refresh_rows()
        self.recheck()
        self.ctx.refresh_status()
