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
    from .core import store
    from .core.document import copy_document

    doc, sha = store.load_with_hash(path)
    _READ[path.resolve()] = (copy_document(doc), sha)
    return doc


def _save(doc, path: Path) -> None:
    """Save a document read by :func:`_load`; if the file changed on disk since, merge the
    other changes in (conflicts: nothing is written, exit 1)."""
    from .core import store
    from .core.merge import save_merging

    base = _READ.get(path.resolve())
    if base is None:
        store.save(doc, path)
        return
    merged = save_merging(doc, path, base[0], base[1])
    if merged is not None:
        click.echo(f"workbench: {path} changed on disk meanwhile: merged "
                   f"{merged.theirs_changes} change(s) from it", err=True)


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
@click.option("--bead-types", default=None,
              help="bead types the aligner may propose, as source-target sentence counts "
                   "[default: 1-1,1-0,0-1,1-2,2-1,2-2,1-3,3-1,1-4,4-1,2-3,3-2]")
def align(source: Path, target: Path, output: Path | None, model: str, presegmented: bool,
          source_lang: str, target_lang: str, update: bool, bead_types: str) -> None:
    """Align SOURCE with its translation TARGET and save the proposed alignment."""
    from .core.align import AlignConfig
    from .core.align.config import parse_types

    cfg = AlignConfig(types=parse_types(bead_types)) if bead_types else AlignConfig()
    from .core import store
    from .core.align import realign
    from .core.embed import load_encoder
    from .core.operations import apply_edit
    from .core.pipeline import new_document, same_sentences

    output = output or Path("alignments") / f"{source.stem}.yaml"
    notices: list = []
    doc = new_document(source, target, source_lang, target_lang, presegmented=presegmented,
                       model=model, notices=notices)
    _show_notices(notices)
    old = _load(output) if output.exists() else None
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
                from .core.reanchor import NewText, reanchor

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
            from .core.align import align_sides

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
@click.option("--user", help="author name for the flags you raise (default: your login name)")
def open_(files: tuple[Path, ...], output: Path | None, model: str, presegmented: bool,
          source_lang: str, target_lang: str, user: str | None) -> None:
    """Fix an alignment in the workbench UI.

    \b
    workbench open alignments/X.yaml              edit a saved alignment
    workbench open SOURCE.txt TARGET.txt [-o OUT] segment, align, then edit (saves to OUT)
    """
    from .tui.app import WorkbenchApp

    if len(files) == 1:
        if output is not None:
            raise click.UsageError("-o is for aligning two text files; a document saves in place")
        from .core.reanchor import drifted_sides_of_file

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
        app = WorkbenchApp.open_file(files[0], model=model, user=user)
    elif len(files) == 2:
        from .core.pipeline import new_document

        source, target = files
        output = output or Path("alignments") / f"{source.stem}.yaml"
        notices: list = []
        doc = new_document(source, target, source_lang, target_lang, presegmented=presegmented,
                           model=model, notices=notices)
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
    from .core.evaluate import read_beads, score

    res = score(read_beads(proposed), read_beads(gold))
    click.echo(f"{'':8}{'precision':>10}{'recall':>8}{'F1':>8}")
    for name in ("strict", "lax"):
        s = res[name]
        click.echo(f"{name:8}{s.precision:10.3f}{s.recall:8.3f}{s.f1:8.3f}")


def _parse_fix(spec: str) -> tuple[int, str, str | None]:
    """ROW:WORD[=REPLACEMENT] -> (0-based row, word, replacement or None)."""
    row, sep, rest = spec.partition(":")
    word, eq, replacement = rest.partition("=")
    if not sep or not row.strip().isdigit() or int(row) < 1 or not word.strip():
        raise click.BadParameter(f"'{spec}': write ROW:WORD or ROW:WORD=REPLACEMENT, e.g. 12:seige",
                                 param_hint="--fix")
    return int(row) - 1, word.strip(), replacement.strip() if eq else None


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--fix", "fixes", multiple=True, metavar="ROW:WORD[=REPLACEMENT]",
              help="fix WORD in ROW with its first suggestion, or with REPLACEMENT "
                   "(repeatable); the document is then saved")
@click.option("--glossary", "glossary_path", type=click.Path(dir_okay=False, path_type=Path),
              help="project glossary (default: glossary.yaml beside the document)")
@click.option("--dictionary", "dictionary_path", type=click.Path(dir_okay=False, path_type=Path),
              help="project dictionary (default: dictionary.yaml beside the document)")
@click.option("--spelling/--no-spelling", default=True, show_default=True)
@click.option("--terms/--no-terms", default=True, show_default=True,
              help="check glossary terms per row")
def check(document: Path, fixes: tuple[str, ...], glossary_path: Path | None,
          dictionary_path: Path | None, spelling: bool, terms: bool) -> None:
    """Print spelling and terminology findings by row; exit 1 if there are any, 0 if clean."""
    from .check_report import format_findings
    from .core import glossary as gl
    from .core import spelling as sp
    from .core import store
    from .core.operations import History

    parsed = [_parse_fix(f) for f in fixes]
    doc = _load(document)
    gloss = gl.Glossary.load(glossary_path or gl.project_glossary_path(document))
    checker = sp.Checker(sp.ProjectDictionary.load(
        dictionary_path or document.parent / sp.DICTIONARY_NAME), gloss)
    if parsed:
        history = History(doc)
        for row, word, replacement in parsed:
            if replacement is None and 0 <= row < len(doc.beads) and not any(
                    f.word == word for f in checker.misspellings(doc, [row])):
                # not misspelt but a forbidden or near-miss term: the glossary says what to write
                replacement = next((t.term.target for t in gl.terminology_findings(doc, gloss, [row])
                                    if t.found == word and t.kind != "missing"), None)
            edit = history.do(sp.fix_in_row(doc, row, word, replacement, checker))
            click.echo(f"row {row + 1}: {edit.label}")
        _save(doc, document)
        click.echo(f"{document}: saved")
    found = checker.misspellings(doc) if spelling else []
    term_found = gl.terminology_findings(doc, gloss) if terms else []
    click.echo(format_findings(doc, found, term_found))
    sys.exit(1 if found or term_found else 0)


@main.group(name="glossary")
def glossary_group() -> None:
    """Import or export the project glossary (OmegaT TSV, CSV, TBX)."""


@glossary_group.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv", "tbx"]),
              help="default: from the file's extension")
@click.option("--glossary", "glossary_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("alignments/glossary.yaml"), show_default=True)
@click.option("--replace", is_flag=True, help="replace all terms instead of merging")
def glossary_import(file: Path, fmt: str | None, glossary_path: Path, replace: bool) -> None:
    """Add the terms of FILE to the project glossary (same source and target: updated)."""
    from .core import glossary as gl
    from .core import glossary_io
    from .core.errors import FormatError

    gloss = gl.Glossary.load(glossary_path)
    terms, src, tgt = glossary_io.import_terms(file, fmt, gloss.source_lang, gloss.target_lang)
    if gloss.terms and (src, tgt) != (gloss.source_lang, gloss.target_lang) and not replace:
        raise FormatError(f"has {src}-{tgt} terms but the glossary is "
                          f"{gloss.source_lang}-{gloss.target_lang}", path=str(file))
    if replace or not gloss.terms:
        gloss.terms, gloss.source_lang, gloss.target_lang = [], src, tgt
    added, updated = gloss.merge(terms)
    gloss.save()
    click.echo(f"{glossary_path}: {added} terms added, {updated} updated, "
               f"{len(gloss.terms)} in all")


@glossary_group.command(name="export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv", "tbx"]),
              help="default: from the file's extension")
@click.option("--glossary", "glossary_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("alignments/glossary.yaml"), show_default=True)
def glossary_export(file: Path, fmt: str | None, glossary_path: Path) -> None:
    """Write the project glossary to FILE (OmegaT TSV, CSV with a header row, or TBX)."""
    from .core import glossary as gl
    from .core import glossary_io
    from .core.errors import FormatError
    from .core.store import atomic_write

    if not glossary_path.exists():
        raise FormatError("file not found", path=str(glossary_path),
                          hint="give the project glossary with --glossary")
    gloss = gl.Glossary.load(glossary_path)
    fmt = fmt or glossary_io.guess_format(file)
    atomic_write(file, glossary_io.export_terms(gloss.terms, fmt, gloss.source_lang,
                                                gloss.target_lang), backup=False)
    click.echo(f"{file}: {len(gloss.terms)} terms ({fmt})")



# ---------------------------------------------------------------- review, QA, report, export

USER_HELP = "author name for new flags (default: your login name)"


def _save_edit(path: Path, doc, edit) -> None:
    from .core.operations import apply_edit

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
    from .core import store
    from .core.review import add_flag
    from .review_cli import parse_category, parse_span

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

    from .core import store
    from .core.review import filter_flags, flags
    from .review_cli import flags_table

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
        from .core import review, store
        from .core.operations import apply_edit

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

    from .core import store
    from .core.qa import propose, stale, write_proposals
    from .review_cli import flags_table

    doc = _load(document) if write else store.load(document)
    encoder = None
    if model:
        from .core.embed import load_encoder

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

    from .core import store
    from .core.mqm import Weights, score
    from .core.store import atomic_write
    from .report import html_report, summary_table

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
    from .core import store
    from .core.export import export

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
               + (f" ({', '.join(skipped)} rows left out)" if skipped else ""))



# ---------------------------------------------------------------- changed texts, two people

def _reanchor(document: Path, model: str, presegmented: bool, realign_rest: bool) -> bool:
    """Move DOCUMENT onto its changed text files and save it; False if nothing changed."""
    from .core.reanchor import drifted_sides, read_new_text, reanchor as move

    doc = _load(document)
    drift = drifted_sides(doc)
    if not drift:
        click.echo(f"{document}: the texts have not changed since it was made; nothing to do")
        return False
    for reason in drift.values():
        click.echo(f"{document}: {reason}")
    fresh = {name: read_new_text(doc, name, presegmented) for name in drift}
    encoder = None
    if realign_rest:
        from .core.embed import load_encoder

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
@click.option("--model", default="use-v3", show_default=True,
              help="the model that re-aligns the rows that are not confirmed")
@click.option("--no-realign", is_flag=True,
              help="only move the rows onto the new text; new sentences get rows of their own")
@click.option("--presegmented", is_flag=True, help="the text files hold one segment per line")
def reanchor_cmd(document: Path, model: str, no_realign: bool, presegmented: bool) -> None:
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
    from .core import store
    from .core.merge import MINE, THEIRS, describe, merge

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


if __name__ == "__main__":  # pragma: no cover
    main()
