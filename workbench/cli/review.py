"""Review: `workbench flag add|list|resolve|reopen|dismiss|delete`, `qa` (the automatic checks)
and `report` (the MQM score); and reading a flag's category and span from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.kinds import check_output
from ..core.document import Document
from ..core.errors import WorkbenchError
from ..core.review import CATEGORIES, Span, category_choices, find_span
from .common import FILE, INPUT, SEVERITY_CHOICE, USER_HELP, naming, warn
from .context import OpenDocuments, pass_documents


# ---------------------------------------------------------------- a flag as typed

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


# ---------------------------------------------------------------- flags

@click.group()
def flag() -> None:
    """Add, list and settle review flags (MQM findings) from the command line."""


@flag.command(name="add")
@click.argument("document", type=INPUT)
@click.argument("row", type=click.IntRange(min=1))
@click.option("-c", "--category", required=True,
              help='MQM category or an unambiguous prefix: "Accuracy/Omission", "acc/om"')
@click.option("-s", "--severity", required=True,
              type=SEVERITY_CHOICE)
@click.option("-m", "--comment", default="", help="what is wrong")
@click.option("--text", help="the flagged words (first occurrence in the row, target side first)")
@click.option("--span", help="the flagged span as side:id:start:end (tgt:60:6:15)")
@click.option("--suggest", help="the suggested replacement of the span (or of the row's target)")
@click.option("--user", help=USER_HELP)
@pass_documents
def flag_add(documents: OpenDocuments, document: Path, row: int, category: str, severity: str, comment: str,
             text: str | None, span: str | None, suggest: str | None, user: str | None) -> None:
    """Flag ROW (1-based) of DOCUMENT."""
    from ..core.review import add_flag

    session = documents.open(document)
    doc = session.doc
    if row > len(doc.beads):
        raise WorkbenchError(f"there is no row {row} (the document has {len(doc.beads)})",
                             path=str(document), hint="rows are numbered from 1, as show prints them")
    category = parse_category(category)
    with naming(document):
        edit = add_flag(doc, row - 1, category, severity, comment=comment,
                        span=parse_span(doc, row - 1, span, text), suggestion=suggest, author=user)
    documents.apply(session, edit)
    documents.save(session)
    click.echo(f"{document}: flag {edit.splices[0].new[0]['id']} added to row {row}")


@flag.command(name="list")
@click.argument("document", type=INPUT)
@click.option("--category", multiple=True, help="a category or a dimension (Accuracy)")
@click.option("--severity", multiple=True,
              type=SEVERITY_CHOICE)
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
    @click.argument("document", type=INPUT)
    @click.argument("ids", nargs=-1, required=True, type=int)
    @pass_documents
    def command(documents: OpenDocuments, document: Path, ids: tuple[int, ...]) -> None:
        from ..core import review

        session = documents.open(document)
        op = getattr(review, f"{name}_flag")
        for fid in ids:
            with naming(document):
                documents.apply(session, op(session.doc, fid))
        documents.save(session)
        click.echo(f"{document}: {_DONE[name]} {len(ids)} flag{'s' if len(ids) > 1 else ''}")

    return command


_flag_setter("resolve", "Mark flags IDS as resolved (fixed; they still count in the score).")
_flag_setter("reopen", "Mark flags IDS as open again.")
_flag_setter("dismiss", "Dismiss flags IDS (false alarms: no score, never proposed again).")
_flag_setter("delete", "Delete flags IDS.")


# ---------------------------------------------------------------- automatic checks, score

@click.command()
@click.argument("document", type=INPUT)
@click.option("--write", is_flag=True, help="store the proposals in DOCUMENT as open flags")
@click.option("--check", "checks", multiple=True,
              help="run only these checks (numbers, length, untranslated, brackets, spaces, "
                   "end-punctuation, names)")
@click.option("--model", help="also compare the sides' meaning with this model (use-v3, ...)")
@click.option("--user", help=USER_HELP)
@pass_documents
def qa(documents: OpenDocuments, document: Path, write: bool, checks: tuple[str, ...], model: str | None,
       user: str | None) -> None:
    """Run the automatic checks on DOCUMENT and list what they propose."""
    from rich.console import Console

    from ..core import store
    from ..core.limits import describe_skipped
    from ..core.qa import propose, skipped, stale, write_proposals
    from .output.tables import flags_table

    session = documents.open(document) if write else None
    doc = session.doc if session is not None else store.load(document)
    encoder = None
    if model:
        from ..core.embed import load_encoder

        encoder = load_encoder(model)
    props = propose(doc, checks or None, encoder, author=user)
    not_checked = describe_skipped(skipped(doc))
    if not_checked:
        warn(f"{document}: {not_checked}")
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
        documents.apply(session, write_proposals(doc, props))
        documents.save(session)
        console.print(f"{document}: {len(props)} flags written")


@click.command()
@click.argument("document", type=INPUT)
@click.option("-o", "--output", type=FILE,
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
    from ..core.files import atomic_write
    from ..core.export.html_report import html_report
    from .output.report import summary_table

    if output is not None:
        check_output(output, reads=(document,), writes="HTML report")
    doc = store.load(document)
    w = Weights.parse(weights, Weights.wmt() if wmt else Weights())
    Console().print(summary_table(doc, score(doc, weights=w), title=f"{document.name}: MQM"))
    if output is not None:
        atomic_write(output, html_report(doc, document.stem, w, only_flagged), backup=False)
        click.echo(f"{output}: HTML report written")
