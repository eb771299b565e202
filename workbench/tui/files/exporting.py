"""Exports and the review report from inside the workbench (``E``), as ``workbench export``
and ``workbench report -o`` write them: the same core writers, the same refusal to write over
the document or another workbench file, written in a thread so the keys stay live.
"""

from __future__ import annotations

from pathlib import Path

from ...core.document import copy_document
from ...core.errors import WorkbenchError
from ...core.export import FORMATS, export
from ...core.export.html_report import html_report
from ...core.files import atomic_write, os_error_text
from ...core.kinds import check_output
from ..context import Context
from .export_dialog import REPORT, ExportAnswer, ExportDialog


class Exporting:
    """The export key and what it writes."""

    #: made ready in a quiet moment (Context.prepare_dialogs), then shown again and again
    dialogs = (ExportDialog,)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def export(self) -> None:
        ctx = self.ctx
        if not ctx.doc.beads:
            ctx.notify("There are no rows yet.", severity="warning")
            return
        path = ctx.session.path
        ctx.dialog(ExportDialog, self._answered, FORMATS, path.with_suffix(""))

    def _answered(self, answer: ExportAnswer | None) -> None:
        if answer is None:
            return
        ctx = self.ctx
        what = "HTML report" if answer.fmt == REPORT else f"{answer.fmt.upper()} export"
        refused = ctx.outside_write_root(answer.path)
        if refused:
            ctx.notify(f"Not exported: {refused}.", severity="error", timeout=8)
            return
        try:
            check_output(answer.path, reads=(ctx.session.path,), writes=what)
        except WorkbenchError as exc:
            ctx.notify(f"Not exported: {exc}", severity="error", timeout=8)
            return
        snap, name = copy_document(ctx.doc), ctx.session.path.stem

        def write() -> None:
            try:
                if answer.fmt == REPORT:
                    atomic_write(answer.path, html_report(snap, name), backup=False)
                    message = f"Wrote the HTML report {answer.path}."
                else:
                    res = export(snap, answer.fmt, answer.path, only=answer.only, name=name)
                    message = _exported(res, answer)
            except (WorkbenchError, OSError) as exc:
                reason = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
                ctx.call_from_thread(ctx.notify, f"Not exported: {reason}", severity="error",
                                     timeout=8)
                return
            ctx.call_from_thread(ctx.notify, message, timeout=6)

        ctx.run_worker(write, thread=True, group="export", name="export")


def _exported(res, answer: ExportAnswer) -> str:
    files = ", ".join(str(Path(p)) for p in res.paths)
    skipped = []
    if res.skipped_unconfirmed:
        skipped.append(f"{res.skipped_unconfirmed} unconfirmed")
    if res.skipped_flagged:
        skipped.append(f"{res.skipped_flagged} flagged")
    tail = f" (left out: {', '.join(skipped)} rows)" if skipped else ""
    if res.count == 0 and res.skipped_unconfirmed:
        tail += "; confirm rows first, or choose rows: all"
    return f"Exported {res.count} pairs to {files}{tail}."
