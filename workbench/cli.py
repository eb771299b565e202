"""The command line: thin commands over the core (align, show, eval, open).

Every user mistake surfaces as a one-line message and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .core.errors import WorkbenchError

LANG_HELP = "ISO 639-1 code; the engine is not tied to ru/en (a model must know the language)"


def _fail(exc: WorkbenchError) -> None:
    click.echo(f"workbench: {exc}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    """Turns WorkbenchError from any command into a clean message and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            _fail(exc)


@click.group(cls=_Group)
@click.version_option(package_name="workbench")
def main() -> None:
    """workbench: align a text with its translation, fix the alignment, save it as YAML."""


def _progress_printer():
    """A rich progress bar fed by the core's ``progress(stage, done, total)`` callbacks."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), transient=True, console=_stderr_console())
    tasks: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=max(total, 1))
        bar.update(tasks[stage], completed=done, total=max(total, 1))

    return bar, progress


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML document to write (default: alignments/<source name>.yaml)")
@click.option("--model", default="use-v3", show_default=True,
              help="use-v3, e5-small, or the path of a local sentence-transformers folder")
@click.option("--presegmented", is_flag=True,
              help="the files hold one segment per line: use them as sentences, never re-split")
@click.option("--source-lang", default="ru", show_default=True, help=LANG_HELP)
@click.option("--target-lang", default="en", show_default=True, help=LANG_HELP)
@click.option("--update", is_flag=True,
              help="OUTPUT has confirmed rows: keep them and re-align only the rest")
@click.option("--bead-types", default="1-1,1-0,0-1,1-2,2-1,2-2,1-3,3-1", show_default=True,
              help="bead types the aligner may propose, source-target sentence counts")
def align(source: Path, target: Path, output: Path | None, model: str, presegmented: bool,
          source_lang: str, target_lang: str, update: bool, bead_types: str) -> None:
    """Align SOURCE with its translation TARGET and save the proposed alignment."""
    from .core.align import AlignConfig
    from .core.align.config import parse_types

    cfg = AlignConfig(types=parse_types(bead_types))
    from .core import store
    from .core.align import realign
    from .core.embed import load_encoder
    from .core.operations import apply_edit
    from .core.pipeline import new_document, same_sentences

    output = output or Path("alignments") / f"{source.stem}.yaml"
    doc = new_document(source, target, source_lang, target_lang, presegmented=presegmented,
                       model=model)
    old = store.load(output) if output.exists() else None
    if old is not None and old.confirmed_count and not update:
        raise WorkbenchError(f"has {old.confirmed_count} confirmed rows; not overwriting them",
                             path=str(output),
                             hint="add --update to keep them and re-align the rest, or choose "
                                  "another -o file")
    bar, progress = _progress_printer()
    with bar:
        encoder = load_encoder(model)
        if old is not None and update and old.confirmed_count:
            if not same_sentences(old, doc):
                raise WorkbenchError("the texts changed since this document was made, so its "
                                     "confirmed rows cannot be kept as they are",
                                     path=str(output), hint="align into a new -o file")
            old.model = model
            apply_edit(old, realign(old, encoder, cfg, progress=progress))
            doc = old
        else:
            from .core.align import align_sides

            doc.beads = align_sides(doc.source, doc.target, encoder, cfg, progress=progress)
    store.save(doc, output)
    kinds = sum(1 for b in doc.beads if b.kind != "1-1")
    click.echo(f"{output}: {len(doc.beads)} rows ({kinds} not 1-1, {doc.confirmed_count} "
               f"confirmed) from {len(doc.source.sentences)} {source_lang} and "
               f"{len(doc.target.sentences)} {target_lang} sentences")


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["columns", "beads"]), default="columns",
              show_default=True, help="columns: two wrapped columns; beads: [src]:[tgt] lines")
def show(document: Path, fmt: str) -> None:
    """Print an alignment document."""
    from .core import store
    from .core.evaluate import document_beads, format_beads

    doc = store.load(document)
    if fmt == "beads":
        click.echo(format_beads(document_beads(doc)), nl=False)
        return
    from .render import alignment_table

    from rich.console import Console

    Console().print(alignment_table(doc, title=document.name))


@main.command(name="open")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="with two text files: the YAML document to write "
                   "(default: alignments/<source name>.yaml)")
@click.option("--model", default="use-v3", show_default=True,
              help="the model for aligning and re-aligning (use-v3, e5-small or a folder)")
@click.option("--presegmented", is_flag=True,
              help="the text files hold one segment per line: use them as sentences")
@click.option("--source-lang", default="ru", show_default=True, help=LANG_HELP)
@click.option("--target-lang", default="en", show_default=True, help=LANG_HELP)
def open_(files: tuple[Path, ...], output: Path | None, model: str, presegmented: bool,
          source_lang: str, target_lang: str) -> None:
    """Fix an alignment in the workbench UI.

    \b
    workbench open alignments/X.yaml              edit a saved alignment
    workbench open SOURCE.txt TARGET.txt [-o OUT] segment, align, then edit (saves to OUT)
    """
    from .tui.app import WorkbenchApp

    if len(files) == 1:
        if output is not None:
            raise click.UsageError("-o is for aligning two text files; a document saves in place")
        app = WorkbenchApp.open_file(files[0], model=model)
    elif len(files) == 2:
        from .core.pipeline import new_document

        source, target = files
        output = output or Path("alignments") / f"{source.stem}.yaml"
        doc = new_document(source, target, source_lang, target_lang, presegmented=presegmented,
                           model=model)
        app = WorkbenchApp(doc, output, align=True, model=model, ask_overwrite=output.exists())
    else:
        raise click.UsageError("give one YAML document, or a source and a target text file")
    app.run()


@main.command(name="eval")
@click.argument("proposed", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
def evaluate(proposed: Path, gold: Path) -> None:
    """Score PROPOSED against GOLD (YAML documents or [src]:[tgt] bead files)."""
    from .core.evaluate import read_beads, score

    res = score(read_beads(proposed), read_beads(gold))
    click.echo(f"{'':8}{'precision':>10}{'recall':>8}{'F1':>8}")
    for name in ("strict", "lax"):
        s = res[name]
        click.echo(f"{name:8}{s.precision:10.3f}{s.recall:8.3f}{s.f1:8.3f}")


if __name__ == "__main__":  # pragma: no cover
    main()
