"""The command line: thin commands over the core, one module per command group.

This module only builds the ``workbench`` group from them and is the one place where a
user's mistake (any WorkbenchError) becomes a one-line message and an exit code, never a
traceback. The commands import nothing from here: what they share travels in the Click
context (:mod:`.context`) or comes from :mod:`.common`.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import Callable

import click

from ..core.errors import WorkbenchError
from ..core.files import os_error_hint, os_error_text
from . import aligning, corpus, documents, exporting, review, terms
from .context import OpenDocuments, OpenRequest


class WorkbenchGroup(click.Group):
    """Turns a WorkbenchError from any command into a clean message and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            click.echo(f"workbench: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # a full disk, a read-only folder, an immutable file ...
            error = WorkbenchError(f"cannot write: {os_error_text(exc)}" if _writing(exc)
                                   else f"cannot read: {os_error_text(exc)}",
                                   path=_file_of(exc), hint=os_error_hint(exc))
            click.echo(f"workbench: {error}", err=True)
            sys.exit(error.exit_code)


def _file_of(exc: OSError) -> str | None:
    """The user's file an OSError is about (not our temp file beside it)."""
    name = exc.filename
    if not name:
        return None
    p = Path(str(name))
    if p.name.startswith(".") and p.name.endswith(".tmp"):  # .X.yaml.abc123.tmp -> X.yaml
        return str(p.with_name(p.name[1:].rsplit(".", 2)[0]))
    return str(p)


def _writing(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) or \
        bool(exc.filename and str(exc.filename).endswith(".tmp"))


def make_main(start_ui: Callable[[OpenRequest], None] | None = None) -> click.Group:
    """The ``workbench`` group; ``start_ui`` is what ``open`` calls to show a document in the
    workbench UI (the program, :mod:`workbench.launcher`, passes the Textual app's)."""

    @click.group(cls=WorkbenchGroup)
    @click.version_option(package_name="workbench")
    @click.pass_context
    def main(ctx: click.Context) -> None:
        """workbench: align a text with its translation, fix the alignment, save it as YAML."""
        documents = ctx.ensure_object(OpenDocuments)
        if documents.start_ui is None:
            documents.start_ui = start_ui
        ctx.call_on_close(documents.close)

    for command in (
        aligning.align, documents.show, aligning.open_, documents.evaluate,
        aligning.reanchor_cmd, documents.merge_cmd, review.flag, review.qa, review.report,
        exporting.export_, terms.check, terms.glossary_group, corpus.corpus_group,
    ):
        main.add_command(command)
    return main


#: the command line alone, without the UI (``open`` says how to start it)
main = make_main()
