"""Many pairs at once: `workbench corpus align` on Dask distributed (core/corpus*.py)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .common import (DEFAULT_LANGS, INPUT, LANG_HELP, encoding_options, model_for,
                     names_say, standard_lang, warn)


@click.group(name="corpus")
def corpus_group() -> None:
    """A corpus: many text pairs aligned into one folder of documents."""


@corpus_group.command(name="align")
@click.argument("source_dir", type=INPUT, required=False)
@click.argument("target_dir", type=INPUT, required=False)
@click.option("-o", "--output", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="the folder of documents (one OUT_DIR/<relative path>.yaml per pair), with "
                   "manifest.json (what is finished) and summary.tsv")
@click.option("--pairs", "pairs_file", type=INPUT,
              help="a TSV file of pairs instead of two folders: source path, target path, "
                   "optional document name (paths relative to the file's folder)")
@click.option("--presegmented", is_flag=True,
              help="the text files hold one segment per line: use them as sentences")
@click.option("--segmentation", type=click.Choice(["default", "srx"]), default="default",
              show_default=True, help="how paragraphs are split into sentences")
@click.option("--srx-rules", type=click.Path(dir_okay=False, path_type=Path),
              help="with --segmentation srx: your own SRX file (must exist on the workers)")
@click.option("--source-lang", callback=standard_lang,
              help=LANG_HELP + " [default: the file names' tag, ru, or the language a text's "
                               "script names: Chinese, Japanese, Korean, Greek, Thai ...]")
@click.option("--target-lang", callback=standard_lang,
              help=LANG_HELP + " [default: the file names' tag, en, or as --source-lang]")
@encoding_options
@click.option("--model", help="use-v3 (the default), e5-small, use-v3+e5-small, or the path "
                                "of a sentence-transformers folder (on the workers)")
@click.option("--bead-types", default=None, help="bead types the aligner may propose (as align)")
@click.option("--scheduler", metavar="ADDRESS",
              help="run on an existing Dask cluster (tcp://HOST:PORT) instead of a local one")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="worker processes of the local cluster [default: one per core]")
@click.option("--encoder-factory", hidden=True,
              help="module:function returning the encoder for a model name (tests)")
@click.pass_context
def corpus_align(ctx: click.Context, source_dir: Path | None, target_dir: Path | None,
                 out_dir: Path, pairs_file: Path | None, presegmented: bool, segmentation: str,
                 srx_rules: Path | None, source_lang: str | None, target_lang: str | None,
                 source_encoding: str | None, target_encoding: str | None, model: str | None,
                 bead_types: str | None, scheduler: str | None, workers: int | None,
                 encoder_factory: str | None) -> None:
    """Align every pair of SOURCE_DIR and TARGET_DIR (files paired by relative path, or by
    names that differ only by a language tag: a.ru.html and a.en.html) into OUT_DIR, one
    document per pair, on Dask distributed (a local cluster unless --scheduler).

    \b
    Run it again to resume: finished pairs are skipped, pairs whose inputs changed are redone.
    Exit code: 0 all pairs done, 1 some failed (listed, and in OUT_DIR/summary.tsv), 2 bad
    arguments.
    """
    from ..core.corpus import AlignOptions, Manifest
    from ..core.corpus_pairs import pair_folders, read_pairs_file

    if pairs_file is not None and (source_dir or target_dir):
        raise click.UsageError("give either SOURCE_DIR TARGET_DIR or --pairs, not both")
    if pairs_file is None and not (source_dir and target_dir):
        raise click.UsageError("give SOURCE_DIR and TARGET_DIR, or --pairs FILE.tsv")
    if srx_rules is not None and segmentation != "srx":
        raise click.UsageError("--srx-rules needs --segmentation srx")
    if bead_types:
        from ..core.align.config import parse_types

        parse_types(bead_types)
    model = model if encoder_factory else model_for(None, model)
    model = model or "use-v3"
    if pairs_file is not None:
        pairs = read_pairs_file(pairs_file)
    else:
        found = pair_folders(source_dir, target_dir, source_lang, target_lang, exclude=out_dir)
        for line in found.alone:
            warn(f"{line} (not paired)")
        for line in found.left_out:
            click.echo(f"left out {line}")
        pairs = found.pairs
        said = names_say(found.langs, (source_lang, target_lang))
        if said:
            click.echo(said)
        source_lang = source_lang or found.langs[0]
        target_lang = target_lang or found.langs[1]
    if not pairs:
        raise click.UsageError("no pairs: the folders have no files with the same relative "
                               "path, or names that differ only by a language tag"
                               + (f" ({source_lang or '?'} and {target_lang or '?'})"
                                  if source_lang or target_lang else ""))
    options = AlignOptions(source_lang or DEFAULT_LANGS[0], target_lang or DEFAULT_LANGS[1],
                           presegmented, model, source_encoding, target_encoding, segmentation,
                           str(srx_rules.resolve()) if srx_rules else None, bead_types,
                           guess_langs=(source_lang is None, target_lang is None))
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out_dir)
    todo, failures, skipped = _plan(pairs, manifest, options, out_dir)
    click.echo(f"{len(pairs)} pairs: {skipped} already done, {len(todo)} to align"
               + (f", {len(failures)} unreadable" if failures else ""))
    if todo:
        _run(todo, manifest, options, failures, scheduler, workers, encoder_factory)
    _summary(out_dir, manifest, pairs, failures)
    ctx.exit(1 if failures else 0)


def _plan(pairs, manifest, options, out_dir: Path):
    """Which pairs need aligning (with their inputs' sha256), which cannot be read."""
    from ..core.corpus import sha256_of
    from ..core.errors import WorkbenchError, read_bytes

    todo, failures, skipped = [], {}, 0
    for pair in pairs:
        try:
            shas = (sha256_of(read_bytes(pair.source)), sha256_of(read_bytes(pair.target)))
        except WorkbenchError as exc:
            failures[pair.name] = str(exc)
            continue
        if manifest.is_done(pair, *shas, options):
            skipped += 1
        else:
            todo.append((pair, shas))
    return todo, failures, skipped


def _jobs(todo, options, out_dir: Path, failures: dict, hashes: dict):
    """The jobs, read as they are sent (only the pairs in flight are in memory)."""
    from ..core.corpus import Job, sha256_of
    from ..core.errors import WorkbenchError, read_bytes

    for pair, _ in todo:
        try:
            src, tgt = read_bytes(pair.source), read_bytes(pair.target)
        except WorkbenchError as exc:
            failures[pair.name] = str(exc)
            continue
        hashes[pair.name] = (sha256_of(src), sha256_of(tgt))  # as sent, not as planned
        yield Job(pair.name, str(pair.source.resolve()), str(pair.target.resolve()), src, tgt,
                  str(pair.document(out_dir).parent.resolve()), options)


def _run(todo, manifest, options, failures, scheduler, workers, factory) -> None:
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from ..core import corpus_dask
    from ..core.corpus import sentences_of
    from .common import _stderr_console

    engine = corpus_dask.start(options.model, scheduler, workers, factory)
    where = scheduler or f"a local cluster of {engine.workers} worker processes"
    click.echo(f"aligning on {where}" + (f"; dashboard: {engine.dashboard}"
                                          if engine.dashboard else ""))
    by_name = {pair.name: pair for pair, _ in todo}
    hashes: dict = {}
    done_sentences, started = 0, time.perf_counter()
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                   TimeRemainingColumn(), console=_stderr_console(), transient=True)
    try:
        with bar:
            task = bar.add_task("pairs", total=len(todo), rate="")
            for outcome in corpus_dask.run(engine, _jobs(todo, options, manifest.out_dir,
                                                          failures, hashes)):
                pair = by_name[outcome.name]
                if outcome.yaml is None:
                    failures[pair.name] = outcome.error or "failed"
                    bar.console.print(f"workbench: {pair.name}: failed: {outcome.error}")
                else:
                    manifest.record(pair, *hashes[pair.name], options, outcome)
                    done_sentences += sentences_of(outcome.stats)
                rate = done_sentences / max(time.perf_counter() - started, 1e-6)
                bar.update(task, advance=1, rate=f"{rate:,.0f} sentences/s")
    finally:
        engine.close()
    elapsed = time.perf_counter() - started
    click.echo(f"aligned {len(todo) - sum(1 for p, _ in todo if p.name in failures)} pairs, "
               f"{done_sentences:,} sentences in {elapsed:.1f} s "
               f"({done_sentences / max(elapsed, 1e-6):,.0f} sentences/s)")


def _summary(out_dir: Path, manifest, pairs, failures) -> None:
    from rich.table import Table
    from rich.console import Console

    from ..core.corpus import summary_rows, write_summary

    rows = summary_rows(manifest, pairs, failures)
    path = write_summary(out_dir, rows)
    table = Table(title=f"worst first (all {len(rows)} in {path})")
    for column in ("name", "status", "mean conf.", "1-0/0-1", "length ratio", "rows", "reason"):
        table.add_column(column)
    for r in rows[:20]:
        table.add_row(r["name"], r["status"], _cell(r.get("mean_confidence")),
                      _cell(r.get("one_sided_rows")), _cell(r.get("length_ratio")),
                      _cell(r.get("rows")), r.get("reason", ""))
    Console(width=160).print(table)
    done = sum(1 for r in rows if r["status"] == "done")
    click.echo(f"{done}/{len(rows)} pairs done" + (f", {len(failures)} failed"
                                                    if failures else ""))


def _cell(v) -> str:
    return "" if v is None else str(v)
