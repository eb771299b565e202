"""Commands for reviewers and exports: `workbench flag ...`, `qa`, `report`, `export`."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.document import Document
from ..core.errors import WorkbenchError
from ..core.review import CATEGORIES, Span, category_choices, find_span
from . import main, _load, _save


def parse_category(text: str) -> str:
    """A category from its name or an unambiguous prefix ("acc/om" -> Accuracy/Omission)."""
    if text in CATEGORIES:
        return text
    found = category_choices(text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise WorkbenchError(f"unknown MQM category {text!r}",
                             hint=f"use one of: {', '.join(CATEGORIES)}")
    raise WorkbenchError(f"{text!r} could be {', '.join(found)}", hint="say which")


def parse_span(doc: Document, row: int, span: str | None, text: str | None) -> Span | None:
    """``--span side:id:start:end`` or ``--text WORD`` (first occurrence in the row, target
    side first) as a Span."""
    if span and text:
        raise WorkbenchError("give --span or --text, not both")
    if span:
        try:
            side, sid, start, end = span.split(":")
            return Span(side, int(sid), int(start), int(end))
        except ValueError:
            raise WorkbenchError(f"bad span {span!r}", hint="write side:id:start:end, like "
                                 "tgt:60:6:15") from None
    if text:
        found = find_span(doc, row, text)
        if found is None:
            raise WorkbenchError(f"{text!r} is not in row {row + 1}")
        return found
    return None



USER_HELP = "author name for new flags (default: your login name)"


def _save_edit(path: Path, doc, edit) -> None:
    from ..core.operations import apply_edit

    apply_edit(doc, edit)
    _save(doc, path)


@main.group()
def flag() -> None:
    """Add, list and settle review flags (MQM findings) from the command line."""


@flag.command(name="add")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("row", type=click.IntRange(min=1))
@click.option("-c", "--category", required=True,
              help='MQM category or an unambiguous prefix: "Accuracy/Omission", "acc/om"')
@click.option("-s", "--severity", required=True,
              type=click.Choice(["neutral", "minor", "major", "critical"]))
@click.option("-m", "--comment", default="", help="what is wrong")
@click.option("--text", help="the flagged words (first occurrence in the row, target side first)")
@click.option("--span", help="the flagged span as side:id:start:end (tgt:60:6:15)")
@click.option("--suggest", help="the suggested replacement of the span (or of the row's target)")
@click.option("--user", help=USER_HELP)
def flag_add(document: Path, row: int, category: str, severity: str, comment: str,
             text: str | None, span: str | None, suggest: str | None, user: str | None) -> None:
    """Flag ROW (1-based) of DOCUMENT."""
    from ..core.review import add_flag

    doc = _load(document)
    if row > len(doc.beads):
        raise WorkbenchError(f"there is no row {row} (the document has {len(doc.beads)})")
    edit = add_flag(doc, row - 1, parse_category(category), severity, comment=comment,
                    span=parse_span(doc, row - 1, span, text), suggestion=suggest, author=user)
    _save_edit(document, doc, edit)
    click.echo(f"{document}: flag {edit.splices[0].new[0]['id']} added to row {row}")


@flag.command(name="list")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--category", multiple=True, help="a category or a dimension (Accuracy)")
@click.option("--severity", multiple=True,
              type=click.Choice(["neutral", "minor", "major", "critical"]))
@click.option("--status", multiple=True, type=click.Choice(["open", "resolved", "dismissed"]))
@click.option("--author", multiple=True)
@click.option("--origin", multiple=True, help="manual, qa (every check) or qa:CHECK")
def flag_list(document: Path, category, severity, status, author, origin) -> None:
    """List the flags of DOCUMENT, filtered."""
    from rich.console import Console

    from ..core import store
    from ..core.review import filter_flags, flags
    from .output.tables import flags_table

    doc = store.load(document)
    items = filter_flags(flags(doc), category=category or None, severity=severity or None,
                         status=status or None, author=author or None, origin=origin or None)
    Console().print(flags_table(doc, items, title=f"{document.name}: {len(items)} flags"))


_DONE = {"resolve": "resolved", "reopen": "reopened", "dismiss": "dismissed", "delete": "deleted"}


def _flag_setter(name: str, help_text: str):
    @flag.command(name=name, help=help_text)
    @click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
    @click.argument("ids", nargs=-1, required=True, type=int)
    def command(document: Path, ids: tuple[int, ...]) -> None:
        from ..core import review
        from ..core.operations import apply_edit

        doc = _load(document)
        op = getattr(review, f"{name}_flag")
        for fid in ids:
            apply_edit(doc, op(doc, fid))
        _save(doc, document)
        click.echo(f"{document}: {_DONE[name]} {len(ids)} flag{'s' if len(ids) > 1 else ''}")

    return command


_flag_setter("resolve", "Mark flags IDS as resolved (fixed; they still count in the score).")
_flag_setter("reopen", "Mark flags IDS as open again.")
_flag_setter("dismiss", "Dismiss flags IDS (false alarms: no score, never proposed again).")
_flag_setter("delete", "Delete flags IDS.")


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--write", is_flag=True, help="store the proposals in DOCUMENT as open flags")
@click.option("--check", "checks", multiple=True,
              help="run only these checks (numbers, length, untranslated, brackets, spaces, "
                   "end-punctuation, names)")
@click.option("--model", help="also compare the sides' meaning with this model (use-v3, ...)")
@click.option("--user", help=USER_HELP)
def qa(document: Path, write: bool, checks: tuple[str, ...], model: str | None,
       user: str | None) -> None:
    """Run the automatic checks on DOCUMENT and list what they propose."""
    from rich.console import Console

    from ..core import store
    from ..core.qa import propose, stale, write_proposals
    from .output.tables import flags_table

    doc = _load(document) if write else store.load(document)
    encoder = None
    if model:
        from ..core.embed import load_encoder

        encoder = load_encoder(model)
    props = propose(doc, checks or None, encoder, author=user)
    console = Console()
    if props:
        console.print(flags_table(doc, props, title=f"{document.name}: {len(props)} new "
                                  "proposals", proposals=True))
    else:
        console.print(f"{document.name}: no new proposals")
    gone = stale(doc, checks or None, encoder)
    if gone:
        console.print(f"{len(gone)} open QA flags are no longer found (fixed?): "
                      + ", ".join(str(f.id) for f in gone))
    if write and props:
        _save_edit(document, doc, write_proposals(doc, props))
        console.print(f"{document}: {len(props)} flags written")


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="write the HTML report here")
@click.option("--weights", default="", help="severity weights, e.g. major=10 or "
              "Fluency/Punctuation:minor=0.1 (defaults: neutral 0, minor 1, major 5, critical 25)")
@click.option("--wmt", is_flag=True, help="WMT weights: minor punctuation 0.1, non-translation 25")
@click.option("--only-flagged", is_flag=True, help="the HTML shows only rows with flags")
def report(document: Path, output: Path | None, weights: str, wmt: bool, only_flagged: bool) -> None:
    """Print the MQM summary of DOCUMENT's flags; with -o, write the HTML report."""
    from rich.console import Console

    from ..core import store
    from ..core.mqm import Weights, score
    from ..core.store import atomic_write
    from .output.report import html_report, summary_table

    doc = store.load(document)
    w = Weights.parse(weights, Weights.wmt() if wmt else Weights())
    Console().print(summary_table(doc, score(doc, weights=w), title=f"{document.name}: MQM"))
    if output is not None:
        atomic_write(output, html_report(doc, document.stem, w, only_flagged), backup=False)
        click.echo(f"{output}: HTML report written")


@main.command(name="export")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["tmx", "tsv", "moses", "xliff", "jsonl"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="the file to write (moses: a prefix, PATH.ru and PATH.en)")
@click.option("--only", type=click.Choice(["confirmed", "all"]),
              help="rows to export (default: confirmed for tmx and moses, all for the others)")
@click.option("--exclude-flagged", type=click.Choice(["neutral", "minor", "major", "critical"]),
              help="leave out rows with an open flag of this severity or worse")
def export_(document: Path, fmt: str, output: Path, only: str | None,
            exclude_flagged: str | None) -> None:
    """Export DOCUMENT's aligned pairs (tmx, tsv, moses, xliff, jsonl)."""
    from ..core import store
    from ..core.export import export

    doc = store.load(document)
    res = export(doc, fmt, output, only=only, exclude_flagged=exclude_flagged, name=document.stem)
    for w in res.warnings:
        click.echo(f"workbench: warning: {w}", err=True)
    skipped = []
    if res.skipped_unconfirmed:
        skipped.append(f"{res.skipped_unconfirmed} unconfirmed")
    if res.skipped_flagged:
        skipped.append(f"{res.skipped_flagged} flagged")
    if res.skipped_one_sided:
        skipped.append(f"{res.skipped_one_sided} one-sided")
    click.echo(f"{', '.join(map(str, res.paths))}: {res.count} pairs"
               + (f" ({', '.join(skipped)} rows left out)" if skipped else "")
               + ("; confirm rows in the workbench, or add --only all to export proposed ones too"
                  if res.skipped_unconfirmed and not res.count else ""))
