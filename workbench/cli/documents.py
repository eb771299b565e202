"""Reading, scoring and merging whole documents: `workbench show`, `eval` and `merge`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.errors import FormatError, WorkbenchError, read_bytes
from ..core.kinds import check_output
from .common import FILE, INPUT, warn


@click.command()
@click.argument("document", type=INPUT)
@click.option("--format", "fmt", type=click.Choice(["columns", "beads"]), default="columns",
              show_default=True, help="columns: two wrapped columns; beads: [src]:[tgt] lines")
def show(document: Path, fmt: str) -> None:
    """Print an alignment document."""
    from ..core import store
    from ..core.evaluate import document_beads, format_beads

    doc = store.load(document)
    if fmt == "beads":
        click.echo(format_beads(document_beads(doc)), nl=False)
        return
    from rich.console import Console

    from .output.tables import alignment_table

    Console().print(alignment_table(doc, title=document.name))


@click.command(name="eval")
@click.argument("proposed", type=INPUT)
@click.argument("gold", type=INPUT)
def evaluate(proposed: Path, gold: Path) -> None:
    """Score PROPOSED against GOLD (YAML documents or [src]:[tgt] bead files)."""
    from ..core.evaluate import check_pair, read_scored, score

    test, test_doc = read_scored(proposed)
    truth, gold_doc = read_scored(gold)
    for warning in check_pair(test, truth, test_doc, gold_doc, str(proposed), str(gold)):
        warn(warning)
    res = score(test, truth)
    click.echo(f"{'':8}{'precision':>10}{'recall':>8}{'F1':>8}")
    for name in ("strict", "lax"):
        s = res[name]
        click.echo(f"{name:8}{s.precision:10.3f}{s.recall:8.3f}{s.f1:8.3f}")


@click.command(name="merge")
@click.argument("base", type=INPUT)
@click.argument("mine", type=INPUT)
@click.argument("theirs", type=INPUT)
@click.option("-o", "--output", type=FILE, help="write the merged document here (default: print it)")
@click.option("--theirs", "prefer_theirs", is_flag=True,
              help="on a conflict keep THEIRS' version (default: MINE's)")
def merge_cmd(base: Path, mine: Path, theirs: Path, output: Path | None,
              prefer_theirs: bool) -> None:
    """Three-way merge of alignment documents: BASE, MINE and THEIRS.

    Changes of one side, and changes of both that do not touch the same rows or sentences,
    are all kept. A conflict keeps MINE's version (THEIRS' with --theirs) and is listed on
    stderr; the exit code is then 1 (0 for a clean merge, 2 for a broken input). The output
    is always a valid document, never conflict markers. As a git merge driver:
    workbench merge %O %A %B -o %A (see the README).
    """
    from ..core import store
    from ..core.lineage import check_versions
    from ..core.merge import MINE, THEIRS, describe, merge

    if output is not None:  # over MINE is allowed: that is how git runs a merge driver
        check_output(output, reads=(base, theirs), writes="document")
    folder = (output or mine).parent  # source paths stay relative to where the result goes
    docs = []
    for p in (base, mine, theirs):
        docs.append(store.loads_bytes(read_bytes(p, FormatError, "document"), str(p), folder))
    check_versions(docs[0], {str(mine): docs[1], str(theirs): docs[2]}, str(base))
    result = merge(*docs, prefer=THEIRS if prefer_theirs else MINE)
    if output is not None:  # a result, not a document read and saved: no session
        store.save(result.doc, output)
    else:
        click.echo(store.dumps(result.doc, base=folder), nl=False)
    for line in describe(result.conflicts):
        click.echo(line, err=True)
    click.echo(f"workbench merge: {result.mine_changes} change(s) of mine, "
               f"{result.theirs_changes} of theirs, {len(result.conflicts)} conflict(s)"
               + (f" (kept {'theirs' if prefer_theirs else 'mine'})" if result.conflicts else ""),
               err=True)
    sys.exit(1 if result.conflicts else 0)
