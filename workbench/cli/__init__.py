"""The command line: thin commands over the core (align, show, eval, open).

Every user mistake surfaces as a one-line message and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.errors import WorkbenchError

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


def _show_notices(notices) -> None:
    """What reading the texts found: the encoding used (stdout), warnings (stderr)."""
    for n in notices:
        if n.level == "info":
            click.echo(str(n))
        else:
            click.echo(f"workbench: warning: {n}", err=True)


# Documents the command read, by resolved path: (a copy as read, sha256 of the bytes), so a
# save can tell that someone else changed the file meanwhile and merge instead of overwriting.
_READ: dict[Path, tuple] = {}


def _load(path: Path):
    """Load a document and remember how it was, for :func:`_save`."""
    from ..core import store
    from ..core.document import copy_document

    doc, sha = store.load_with_hash(path)
    _READ[path.resolve()] = (copy_document(doc), sha)
    return doc


def _save(doc, path: Path) -> None:
    """Save a document read by :func:`_load`; if the file changed on disk since, merge the
    other changes in (conflicts: nothing is written, exit 1)."""
    from ..core import store
    from ..core.session import save_merging

    base = _READ.get(path.resolve())
    if base is None:
        store.save(doc, path)
        return
    merged = save_merging(doc, path, base[0], base[1])
    if merged is not None:
        click.echo(f"workbench: {path} changed on disk meanwhile: merged "
                   f"{merged.theirs_changes} change(s) from it", err=True)


def _encoding_options(command):
    """--source-encoding / --target-encoding: for a file whose encoding was told wrong."""
    for side in ("target", "source"):
        command = click.option(f"--{side}-encoding", metavar="CODEC",
                               help=f"read the {side} file in this encoding (e.g. cp1251, "
                                    "koi8-r, cp1252) instead of telling it from the bytes")(command)
    return command


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML document to write (default: alignments/<source name>.yaml)")
@click.option("--model", help="use-v3 (the default), e5-small, use-v3+e5-small (both: most "
                                "accurate, slower), or the path of a local sentence-transformers "
                                "folder; with --update, the document's model unless given")
@click.option("--presegmented", is_flag=True,
              help="the files hold one segment per line: use them as sentences, never re-split")
@click.option("--source-lang", default="ru", show_default=True, help=LANG_HELP)
@click.option("--target-lang", default="en", show_default=True, help=LANG_HELP)
@click.option("--update", is_flag=True,
              help="OUTPUT has confirmed rows: keep them and re-align only the rest")
@click.option("--bead-types", default=None,
              help="bead types the aligner may propose, as source-target sentence counts "
                   "[default: 1-1,1-0,0-1,1-2,2-1,2-2,1-3,3-1,1-4,4-1,2-3,3-2]")
@_encoding_options
def align(source: Path, target: Path, output: Path | None, model: str | None, presegmented: bool,
          source_lang: str, target_lang: str, update: bool, bead_types: str,
          source_encoding: str | None, target_encoding: str | None) -> None:
    """Align SOURCE with its translation TARGET and save the proposed alignment."""
    from ..core.align import AlignConfig
    from ..core.align.config import parse_types

    cfg = AlignConfig(types=parse_types(bead_types)) if bead_types else AlignConfig()
    from ..core.align import realign
    from ..core.embed import load_encoder
    from ..core.operations import apply_edit
    from ..core.pipeline import new_document, same_sentences

    output = output or Path("alignments") / f"{source.stem}.yaml"
    old = _load(output) if output.exists() else None
    model = _model_for(old if update else None, model)
    notices: list = []
    doc = new_document(source, target, source_lang, target_lang, presegmented=presegmented,
                       model=model, notices=notices, encodings=(source_encoding, target_encoding))
    _show_notices(notices)
    if old is not None and old.confirmed_count and not update:
        raise WorkbenchError(f"has {old.confirmed_count} confirmed rows; not overwriting them",
                             path=str(output),
                             hint="add --update to keep them and re-align the rest, or choose "
                                  "another -o file")
    bar, progress = _progress_printer()
    with bar:
        encoder = load_encoder(model, progress=lambda stage, frac: progress(
            f"preparing {model}: {stage}", int(frac * 100), 100))
        report = None
        if old is not None and update and old.confirmed_count:
            if not same_sentences(old, doc):  # the texts changed: move the rows onto them
                from ..core.reanchor import NewText, reanchor

                fresh = {name: NewText([(x.text, x.para) for x in doc.side(name).sentences],
                                       doc.side(name).sha256) for name in ("src", "tgt")}
                for name in ("src", "tgt"):
                    old.side(name).path = doc.side(name).path
                report = reanchor(old, fresh, encoder, cfg, progress=progress)
                old = report.doc
            else:
                apply_edit(old, realign(old, encoder, cfg, progress=progress))
            old.model = model
            doc = old
        else:
            from ..core.align import align_sides

            doc.beads = align_sides(doc.source, doc.target, encoder, cfg, progress=progress)
    _save(doc, output)
    if report is not None:
        click.echo(f"{output}: the texts changed since it was made; re-anchored:")
        for line in report.lines({"src": source_lang, "tgt": target_lang}):
            click.echo(f"  {line}")
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
    from ..core import store
    from ..core.evaluate import document_beads, format_beads

    doc = store.load(document)
    if fmt == "beads":
        click.echo(format_beads(document_beads(doc)), nl=False)
        return
    from .output.tables import alignment_table

    from rich.console import Console

    Console().print(alignment_table(doc, title=document.name))


@main.command(name="open")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="with two text files: the YAML document to write "
                   "(default: alignments/<source name>.yaml)")
@click.option("--model", help="the model for aligning and re-aligning (use-v3, e5-small, "
                                "use-v3+e5-small or a folder; default: a document's own model, "
                                "else use-v3)")
@click.option("--presegmented", is_flag=True,
              help="the text files hold one segment per line: use them as sentences")
@click.option("--source-lang", default="ru", show_default=True, help=LANG_HELP)
@click.option("--target-lang", default="en", show_default=True, help=LANG_HELP)
@click.option("--user", help="author name for the flags you raise (default: your login name)")
@_encoding_options
def open_(files: tuple[Path, ...], output: Path | None, model: str | None, presegmented: bool,
          source_lang: str, target_lang: str, user: str | None, source_encoding: str | None,
          target_encoding: str | None) -> None:
    """Fix an alignment in the workbench UI.

    \b
    workbench open alignments/X.yaml              edit a saved alignment
    workbench open SOURCE.txt TARGET.txt [-o OUT] segment, align, then edit (saves to OUT)
    """
    from ..tui.app import WorkbenchApp

    if len(files) == 1:
        if output is not None:
            raise click.UsageError("-o is for aligning two text files; a document saves in place")
        from ..core.reanchor import drifted_sides_of_file

        drift = list(drifted_sides_of_file(files[0]).values())
        if drift:
            for line in drift:
                click.echo(f"workbench: warning: {line}", err=True)
            changed = all(line.endswith("changed since this document was made") for line in drift)
            if changed and sys.stdin.isatty() and click.confirm(
                    "Re-anchor the document on the new text now (a backup is kept)?",
                    default=False, err=True):
                _reanchor(files[0], model, presegmented=False, realign_rest=True)
            else:
                click.echo(f"workbench: run 'workbench reanchor {files[0]}' to move the rows "
                           "onto the new text", err=True)
        model = _model_for(None, model) if model else None  # None: the document's own
        app = WorkbenchApp.open_file(files[0], model=model, user=user)
    elif len(files) == 2:
        from ..core.pipeline import new_document

        source, target = files
        model = _model_for(None, model)
        output = output or Path("alignments") / f"{source.stem}.yaml"
        notices: list = []
        doc = new_document(source, target, source_lang, target_lang, presegmented=presegmented,
                           model=model, notices=notices,
                           encodings=(source_encoding, target_encoding))
        _show_notices(notices)
        app = WorkbenchApp(doc, output, align=True, model=model, ask_overwrite=output.exists(),
                           user=user)
        app.startup_notices = [(str(n), "warning" if n.level == "warning" else "information")
                               for n in notices]
    else:
        raise click.UsageError("give one YAML document, or a source and a target text file")
    app.run()


@main.command(name="eval")
@click.argument("proposed", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
def evaluate(proposed: Path, gold: Path) -> None:
    """Score PROPOSED against GOLD (YAML documents or [src]:[tgt] bead files)."""
    from ..core.evaluate import read_beads, score

    res = score(read_beads(proposed), read_beads(gold))
    click.echo(f"{'':8}{'precision':>10}{'recall':>8}{'F1':>8}")
    for name in ("strict", "lax"):
        s = res[name]
        click.echo(f"{name:8}{s.precision:10.3f}{s.recall:8.3f}{s.f1:8.3f}")


# ---------------------------------------------------------------- changed texts, two people

def _model_for(doc, given: str | None) -> str:
    """The model to align with: the one given (checked now, so that a typo stops before any
    work), else the one that aligned ``doc``, else the default (re-aligning part of a document
    with another model than the rest mixes scores)."""
    from ..core.embed import model_parts, model_to_reuse

    if given:
        model_parts(given)
        return given
    return model_to_reuse(doc.model if doc is not None else None)


def _reanchor(document: Path, model: str | None, presegmented: bool, realign_rest: bool) -> bool:
    """Move DOCUMENT onto its changed text files and save it; False if nothing changed."""
    from ..core.reanchor import drifted_sides, read_new_text, reanchor as move

    doc = _load(document)
    model = _model_for(doc, model)
    drift = drifted_sides(doc)
    if not drift:
        click.echo(f"{document}: the texts have not changed since it was made; nothing to do")
        return False
    for reason in drift.values():
        click.echo(f"{document}: {reason}")
    fresh = {name: read_new_text(doc, name, presegmented) for name in drift}
    encoder = None
    if realign_rest:
        from ..core.embed import load_encoder

        encoder = load_encoder(model)
    if encoder is not None:
        bar, progress = _progress_printer()
        with bar:
            result = move(doc, fresh, encoder, progress=progress)
    else:
        result = move(doc, fresh)
    _save(result.doc, document)
    langs = {"src": doc.source.lang, "tgt": doc.target.lang}
    for line in result.lines(langs):
        click.echo(f"  {line}")
    click.echo(f"{document}: re-anchored and saved ({len(result.doc.beads)} rows; the previous "
               f"version is {document.name}~)")
    return True


@main.command(name="reanchor")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--model", help="the model that re-aligns the rows that are not confirmed "
                                "(default: the document's own, else use-v3)")
@click.option("--no-realign", is_flag=True,
              help="only move the rows onto the new text; new sentences get rows of their own")
@click.option("--presegmented", is_flag=True, help="the text files hold one segment per line")
def reanchor_cmd(document: Path, model: str | None, no_realign: bool, presegmented: bool) -> None:
    """Carry DOCUMENT over to its changed source or target text file.

    Sentences are matched to the new text (exact, then near matches: a fixed typo or a
    re-split sentence finds its place) and keep their ids; confirmed rows whose sentences
    still match stay confirmed; the rest is re-aligned. Prints what changed.
    """
    _reanchor(document, model, presegmented, realign_rest=not no_realign)


@main.command(name="merge")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("mine", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="write the merged document here (default: print it)")
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
    from ..core.merge import MINE, THEIRS, describe, merge

    folder = (output or mine).parent  # source paths stay relative to where the result goes
    docs = []
    for p in (base, mine, theirs):
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise WorkbenchError(f"cannot read: {exc.strerror}", path=str(p)) from None
        docs.append(store.loads_bytes(raw, str(p), folder))
    result = merge(*docs, prefer=THEIRS if prefer_theirs else MINE)
    if output is not None:
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


# the other command families register themselves on `main` when imported
from . import review, terms  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    main()
