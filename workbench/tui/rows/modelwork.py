"""Work with the embedding model: aligning a new document and re-aligning (``R``), in threads.

Loading the model takes seconds and embedding a book a minute, so both run in thread workers
that report progress to a bar under the rows; while they read the document, ``ctx.busy`` makes
the editing keys wait (moving goes on). The encoder is loaded on first use, or injected (tests
pass a fake one). A new document, once aligned, is saved by the files area: this area posts
:class:`DocumentAligned` rather than knowing how saving works.
"""

from __future__ import annotations

import threading
import time

from textual.message import Message
from textual.widgets import Label, ProgressBar

from ...core.operations import Edit
from ..context import Context


class DocumentAligned(Message):
    """A new document got its first rows: time to save it."""


class ModelWork:
    """Align / re-align with the model (see the module docstring)."""

    def __init__(self, ctx: Context, encoder: object | None, model_name: str) -> None:
        self.ctx = ctx
        self.encoder = encoder
        self.model_name = model_name
        self._progress_at = 0.0
        self._loading = threading.Lock()  # one load at a time: R waits for the preload

    # ------------------------------------------------------------ progress

    def _progress(self, stage: str, done: int, total: int) -> None:
        """Called from workers: forward to the UI at most ~10 times a second."""
        now = time.monotonic()
        if done not in (0, total) and now - self._progress_at < 0.1:
            return
        self._progress_at = now
        self.ctx.call_from_thread(self.show_progress, stage, done, total)

    def show_progress(self, stage: str | None, done: int = 0, total: int | None = None) -> None:
        box = self.ctx.screen.query_one("#progress")
        box.set_class(stage is not None, "busy")
        if stage is not None:
            box.query_one("#progress-label", Label).update(stage)
            box.query_one(ProgressBar).update(total=total or None, progress=done)

    def _load_encoder(self, quiet: bool = False):
        with self._loading:
            if self.encoder is None:
                from ...core.embed import load_encoder

                if not quiet:
                    self.ctx.call_from_thread(self.show_progress,
                                              f"loading model {self.model_name}")

                def progress(stage: str, frac: float) -> None:
                    if not quiet:
                        self._progress(f"preparing {self.model_name}: {stage}",
                                       int(frac * 100), 100)

                self.encoder = load_encoder(self.model_name, progress=progress)
            return self.encoder

    def preload(self) -> None:
        """Load the model in the background as soon as a saved document is open, and warm the
        aligner's compiled code, so that the first ``R`` does not wait for either."""
        if self.encoder is not None:
            return

        def work() -> None:
            try:
                self._load_encoder(quiet=True)
                from ...core.align import warm_up

                warm_up()
            except Exception:  # R will load it again and say what is wrong
                pass

        self.ctx.run_worker(work, thread=True, group="preload", name="preload_model")

    def _failed(self, what: str, exc: Exception) -> None:
        self.ctx.busy = None
        self.show_progress(None)
        self.ctx.notify(f"{what} failed: {exc}", severity="error", timeout=10)

    # ------------------------------------------------------------ a new document

    def align_document(self) -> None:
        """Align the document's sides in a thread; then show and save it. A document read
        from an XLIFF or TMX file comes with its rows: it is shown as it is."""
        ctx = self.ctx
        if ctx.doc.beads:
            self._aligned(list(ctx.doc.beads))
            return
        view = ctx.view
        view.placeholder = ("Aligning: the rows appear here when the aligner is done "
                            "(progress below).")
        view.refresh()
        ctx.busy = "aligning"

        def work() -> None:
            from ...core.align.realign import align_sides

            try:
                encoder = self._load_encoder()
                beads = align_sides(ctx.doc.source, ctx.doc.target, encoder,
                                    progress=self._progress)
            except Exception as exc:  # the model can fail in many ways; the UI must not
                ctx.call_from_thread(self._failed, "Aligning", exc)
                return
            ctx.call_from_thread(self._aligned, beads)

        ctx.run_worker(work, thread=True, exclusive=True, group="model", name="align_document")

    def _aligned(self, beads) -> None:
        ctx = self.ctx
        ctx.busy = None
        self.show_progress(None)
        doc = ctx.doc
        doc.model = self.model_name if self.encoder is None else self.encoder.name
        doc.beads = beads  # the document's first beads, before any History step
        ctx.session.replace_document(doc)
        ctx.show_document()
        ctx.notify(f"Aligned: {len(beads)} rows.")
        ctx.refresh_status()
        ctx.post(DocumentAligned())

    # ------------------------------------------------------------ re-aligning

    def realign(self) -> None:
        """Re-align every unconfirmed stretch with the model, as one undo step."""
        ctx = self.ctx
        if ctx.wait_notice() or not ctx.doc.beads:
            return
        ctx.busy = "re-aligning"

        def work() -> None:
            from ...core.align.realign import realign

            try:
                encoder = self._load_encoder()
                edit = realign(ctx.doc, encoder, progress=self._progress)
            except Exception as exc:
                ctx.call_from_thread(self._failed, "Re-aligning", exc)
                return
            ctx.call_from_thread(self._realigned, edit)

        ctx.run_worker(work, thread=True, exclusive=True, group="model", name="realign_document")

    def _realigned(self, edit: Edit) -> None:
        ctx = self.ctx
        ctx.busy = None
        self.show_progress(None)
        if not edit.splices:
            ctx.notify("Re-aligning changed nothing.")
            return
        ctx.apply(lambda: edit, keep_row=True)
        ctx.notify(f"Re-aligned {len(edit.splices)} stretch(es); u undoes it.")
