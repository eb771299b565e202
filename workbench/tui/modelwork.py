"""Work with the embedding model: aligning a new document and re-aligning, in thread workers.

A mixin of the App. Loading the model takes seconds and embedding a book a minute, so both run
in ``@work(thread=True)`` workers that report progress to a bar under the view; while they
read the document, ``busy`` makes the editing keys wait (navigation goes on). The encoder is
loaded on first use, or injected (tests pass a fake one).
"""

from __future__ import annotations

import time

from textual import work
from textual.widgets import Label, ProgressBar

from ..core.document import Document
from ..core.operations import Edit, History


class ModelWorkMixin:
    """Align / re-align actions of :class:`WorkbenchApp` (see the module docstring)."""

    doc: Document
    history: History
    encoder: object | None
    model_name: str
    busy: str | None
    _progress_at: float

    def _progress(self, stage: str, done: int, total: int) -> None:
        """Called from workers: forward to the UI at most ~10 times a second."""
        now = time.monotonic()
        if done not in (0, total) and now - self._progress_at < 0.1:
            return
        self._progress_at = now
        self.call_from_thread(self.show_progress, stage, done, total)

    def show_progress(self, stage: str | None, done: int = 0, total: int | None = None) -> None:
        box = self.main_screen.query_one("#progress")
        box.set_class(stage is not None, "busy")
        if stage is not None:
            box.query_one("#progress-label", Label).update(stage)
            box.query_one(ProgressBar).update(total=total or None, progress=done)

    def _load_encoder(self):
        if self.encoder is None:
            from ..core.embed import load_encoder

            self.call_from_thread(self.show_progress, f"loading model {self.model_name}")
            self.encoder = load_encoder(self.model_name)
        return self.encoder

    @work(thread=True, exclusive=True, group="model")
    def align_document(self) -> None:
        from ..core.align.realign import align_sides

        try:
            encoder = self._load_encoder()
            beads = align_sides(self.doc.source, self.doc.target, encoder,
                                progress=self._progress)
        except Exception as exc:  # the model can fail in many ways; the UI must not
            self.call_from_thread(self._model_failed, "Aligning", exc)
            return
        self.call_from_thread(self._aligned, beads)

    def _aligned(self, beads) -> None:
        self.busy = None
        self.show_progress(None)
        self.doc.model = self.model_name if self.encoder is None else self.encoder.name
        self.doc.beads = beads  # the document's first beads, before any History step
        self.history = History(self.doc)
        self.view.set_document(self.doc)
        self._home()
        self.notify(f"Aligned: {len(beads)} rows.")
        self.update_status()
        self.action_save()

    def _model_failed(self, what: str, exc: Exception) -> None:
        self.busy = None
        self.show_progress(None)
        self.notify(f"{what} failed: {exc}", severity="error", timeout=10)

    def action_realign(self) -> None:
        if self.busy:
            self.notify(f"Wait: {self.busy} is still running.", severity="warning")
            return
        if not self.doc.beads:
            return
        self.busy = "re-aligning"
        self.realign_document()

    @work(thread=True, exclusive=True, group="model")
    def realign_document(self) -> None:
        from ..core.align.realign import realign

        try:
            encoder = self._load_encoder()
            edit = realign(self.doc, encoder, progress=self._progress)
        except Exception as exc:
            self.call_from_thread(self._model_failed, "Re-aligning", exc)
            return
        self.call_from_thread(self._realigned, edit)

    def _realigned(self, edit: Edit) -> None:
        self.busy = None
        self.show_progress(None)
        if not edit.splices:
            self.notify("Re-aligning changed nothing.")
            return
        self.run_operation(lambda: edit, keep_row=True)
        self.notify(f"Re-aligned {len(edit.splices)} stretch(es); u undoes it.")

