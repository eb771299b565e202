"""The command line: thin commands over the core, one module per command group.

This module only builds the ``workbench`` group from them and is the one place where a
user's mistake (any WorkbenchError) becomes a one-line message and an exit code, never a
traceback. The commands import nothing from here: what they share travels in the Click
context (:mod:`.context`) or comes from :mod:`.common`.
"""

from __future__ import annotations

import sys

import click

from ..core.errors import WorkbenchError
from . import aligning, documents, exporting, review, terms
from .context import OpenDocuments


class WorkbenchGroup(click.Group):
    """Turns a WorkbenchError from any command into a clean message and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            click.echo(f"workbench: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=WorkbenchGroup)
@click.version_option(package_name="workbench")
@click.pass_context
def main(ctx: click.Context) -> None:
    """workbench: align a text with its translation, fix the alignment, save it as YAML."""
    ctx.ensure_object(OpenDocuments)


for command in (
    aligning.align, documents.show, aligning.open_, documents.evaluate, aligning.reanchor_cmd,
    documents.merge_cmd, review.flag, review.qa, review.report, exporting.export_, terms.check,
    terms.glossary_group,
):
    main.add_command(command)
