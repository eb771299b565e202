"""Aligned pairs for other tools: `workbench export` (TMX, TSV, Moses, XLIFF, JSONL, XLSX,
DOCX, SRT)."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.kinds import check_output
from .common import FILE, INPUT, SEVERITY_CHOICE, warn


@click.command(name="export")
@click.argument("document", type=INPUT)
@click.option("--format", "fmt", required=True,
              type=click.Choice(["tmx", "tsv", "moses", "xliff", "jsonl", "xlsx", "docx", "srt"]))
@click.option("-o", "--output", required=True, type=FILE,
              help="the file to write (moses: a prefix, PATH.ru and PATH.en)")
@click.option("--only", type=click.Choice(["confirmed", "all"]),
              help="rows to export (default: confirmed for tmx and moses, all for the others)")
@click.option("--exclude-flagged", type=SEVERITY_CHOICE,
              help="leave out rows with an open flag of this severity or worse")
def export_(document: Path, fmt: str, output: Path, only: str | None,
            exclude_flagged: str | None) -> None:
    """Export DOCUMENT's aligned pairs (tmx, tsv, moses, xliff, jsonl, xlsx, docx, srt).

    DOCUMENT may be a corpus folder (workbench corpus align -o FOLDER): every document's pairs
    go into one file (tmx, tsv, moses, jsonl or xlsx), each with its document's name.
    """
    if document.is_dir():
        return _export_corpus(document, fmt, output, only, exclude_flagged)
    from ..core import store
    from ..core.export import export

    from ..core.export import moses

    doc = store.load(document)
    what = f"{fmt.upper()} export"
    for path in (moses.paths(doc, output) if fmt == "moses" else (output,)):
        check_output(path, reads=(document,), writes=what)
    res = export(doc, fmt, output, only=only, exclude_flagged=exclude_flagged, name=document.stem)
    for w in res.warnings:
        warn(w)
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


def _export_corpus(folder: Path, fmt: str, output: Path, only: str | None,
                   exclude_flagged: str | None) -> None:
    from ..core.export.combined import CORPUS_FORMATS, corpus_documents, export_corpus

    if fmt not in CORPUS_FORMATS:
        raise click.UsageError(f"a corpus folder exports to {', '.join(CORPUS_FORMATS)}; "
                               f"export its documents one by one for {fmt}")
    check_output(output, reads=tuple(p for _, p in corpus_documents(folder)),
                 writes=f"{fmt.upper()} export")
    res = export_corpus(folder, fmt, output, only=only, exclude_flagged=exclude_flagged)
    for w in res.warnings:
        warn(w)
    left = [f"{n} {what}" for n, what in ((res.skipped_unconfirmed, "unconfirmed"),
                                          (res.skipped_flagged, "flagged"),
                                          (res.skipped_one_sided, "one-sided")) if n]
    click.echo(f"{', '.join(map(str, res.paths))}: {res.count} pairs from "
               f"{len(corpus_documents(folder))} documents"
               + (f" ({', '.join(left)} rows left out)" if left else ""))
