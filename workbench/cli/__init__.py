"""The command line: thin commands over the core, one module per command group.

This module only builds the ``workbench`` group from them and is the one place where a
user's mistake (any WorkbenchError) becomes a one-line message and an exit code, never a
traceback. The commands import nothing from here: what they share travels in the Click
context (:mod:`.context`) or comes from :mod:`.common`.
"""

from __future__ import annotations

import sys
from typing import Callable

import click

from ..core.errors import WorkbenchError
from . import aligning, documents, exporting, review, terms
from .context import OpenDocuments, OpenRequest


class WorkbenchGroup(click.Group):
    """Turns a WorkbenchError from any command into a clean message and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            click.echo(f"workbench: {exc}", err=True)
            sys.exit(exc.exit_code)


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

    for command in (
        aligning.align, documents.show, aligning.open_, documents.evaluate,
        aligning.reanchor_cmd, documents.merge_cmd, review.flag, review.qa, review.report,
        exporting.export_, terms.check, terms.glossary_group,
    ):
        main.add_command(command)
    return main


#: the command line alone, without the UI (``open`` says how to start it)
main = make_main()
