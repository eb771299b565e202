"""Spelling and terminology: `workbench check` (and --fix), `workbench glossary import|export`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..core.errors import WorkbenchError
from ..core.kinds import check_output
from .common import FILE, INPUT, naming, warn
from .context import OpenDocuments, pass_documents


def _parse_fix(spec: str) -> tuple[int, str, str | None]:
    """ROW:WORD[=REPLACEMENT] -> (0-based row, word, replacement or None)."""
    from ..core.errors import WorkbenchError

    row, sep, rest = spec.partition(":")
    word, eq, replacement = rest.partition("=")
    # ASCII digits only: "²".isdigit() is true, and int("²") fails
    if not sep or not re.fullmatch(r"[0-9]{1,9}", row.strip()) or int(row) < 1 or not word.strip():
        raise WorkbenchError(f"--fix {spec!r}: not ROW:WORD or ROW:WORD=REPLACEMENT",
                             hint="rows are numbered from 1, e.g. --fix 12:seige or "
                                  "--fix 64:longterm=long-term")
    return int(row) - 1, word.strip(), replacement.strip() if eq else None


def _use_variant(dictionary, variant: str) -> None:
    """Record in the project dictionary which Hunspell dictionary checks a language."""
    from ..core.spelling.engines import dictionary_base, variants

    lang = variant.split("_")[0].lower()
    if dictionary_base(lang, variant) is None:
        known = ", ".join(variants(lang)) or "none here"
        raise WorkbenchError(f"no Hunspell dictionary {variant!r}",
                             hint=f"for {lang}: {known}")
    dictionary.variants[lang] = variant
    dictionary.save()
    click.echo(f"{dictionary.path}: {lang} is checked with {variant} from now on")


def _parse_accept(spec: str) -> tuple[int, str]:
    """ROW:TERM -> (0-based row, term)."""
    row, sep, term = spec.partition(":")
    if not sep or not row.strip().isdigit() or int(row) < 1 or not term.strip():
        raise click.BadParameter(f"'{spec}': write ROW:TERM, e.g. 15:снос",
                                 param_hint="--accept-term")
    return int(row) - 1, term.strip()


@click.command()
@click.argument("document", type=INPUT)
@click.option("--fix", "fixes", multiple=True, metavar="ROW:WORD[=REPLACEMENT]",
              help="fix WORD in ROW with its first suggestion, or with REPLACEMENT "
                   "(repeatable); the document is then saved")
@click.option("--accept-term", "accepts", multiple=True, metavar="ROW:TERM",
              help="accept the terminology finding of TERM (its source or target) in ROW as "
                   "the translator's choice: kept in the document, no longer reported "
                   "(repeatable); the document is then saved")
@click.option("--spelling-variant", "variant", metavar="NAME",
              help="check this language with another Hunspell dictionary from now on, for "
                   "the whole project (en_GB, en_AU, de_CH ...; kept in dictionary.yaml)")
@click.option("--glossary", "glossary_path", type=INPUT,
              help="project glossary (default: glossary.yaml beside the document)")
@click.option("--dictionary", "dictionary_path", type=INPUT,
              help="project dictionary (default: dictionary.yaml beside the document)")
@click.option("--spelling/--no-spelling", default=True, show_default=True)
@click.option("--terms/--no-terms", default=True, show_default=True,
              help="check glossary terms per row")
@pass_documents
def check(documents: OpenDocuments, document: Path, fixes: tuple[str, ...],
          accepts: tuple[str, ...], variant: str | None, glossary_path: Path | None,
          dictionary_path: Path | None, spelling: bool, terms: bool) -> None:
    """Print spelling and terminology findings by row; exit 1 if there are any, 0 if clean."""
    from ..core import glossary as gl
    from ..core import spelling as sp
    from ..core.errors import WorkbenchError
    from ..core.limits import describe_skipped, too_long_rows
    from .output.findings import format_findings

    parsed = [_parse_fix(f) for f in fixes]
    to_accept = [_parse_accept(a) for a in accepts]
    session = documents.open(document)
    doc = session.doc
    skipped = too_long_rows(doc)
    for row, _, _ in parsed:
        if row >= len(doc.beads):
            raise WorkbenchError(f"there is no row {row + 1} (the document has {len(doc.beads)})",
                                 path=str(document), hint="rows are numbered from 1, as check "
                                                          "prints them")
        if row in skipped:
            raise WorkbenchError(f"row {row + 1} is too long to fix from here: {skipped[row]}",
                                 path=str(document), hint="fix it in the workbench")
    gloss = gl.Glossary.load(glossary_path or gl.project_glossary_path(document))
    dictionary = sp.ProjectDictionary.load(dictionary_path or document.parent / sp.DICTIONARY_NAME)
    if variant:
        _use_variant(dictionary, variant)
    checker = sp.Checker(dictionary, gloss)
    if parsed:
        for row, word, replacement in parsed:
            if replacement is None and 0 <= row < len(doc.beads) and not any(
                    f.word == word for f in checker.misspellings(doc, [row])):
                # not misspelt but a forbidden or near-miss term: the glossary says what to write
                replacement = next((t.term.target for t in gl.terminology_findings(doc, gloss, [row])
                                    if t.found == word and t.kind != "missing"), None)
            with naming(document):
                edit = documents.apply(session, sp.fix_in_row(doc, row, word, replacement, checker))
            click.echo(f"row {row + 1}: {edit.label}")
    for row, term in to_accept:
        wanted = term.casefold()
        found = [f for f in gl.terminology_findings(doc, gloss, [row] if row < len(doc.beads)
                                                    else [])
                 if wanted in (f.term.source.casefold(), f.term.target.casefold())]
        if not found:
            raise WorkbenchError(f"row {row + 1} has no terminology finding of {term!r}",
                                 path=str(document),
                                 hint="run 'workbench check' to list the findings")
        for f in found:
            edit = documents.apply(session, gl.accept(doc, f))
            click.echo(f"row {row + 1}: {edit.label}")
    if parsed or to_accept:
        documents.save(session)
        click.echo(f"{document}: saved")
    rows = [r for r in range(len(doc.beads)) if r not in skipped]
    found = checker.misspellings(doc, rows) if spelling else []
    checker.prefetch(found)
    term_found = gl.terminology_findings(doc, gloss, rows) if terms else []
    click.echo(format_findings(doc, found, term_found))
    not_checked = describe_skipped(skipped)
    if not_checked:
        warn(f"{document}: {not_checked}")
    sys.exit(1 if found or term_found or skipped else 0)


@click.group(name="glossary")
def glossary_group() -> None:
    """Import or export the project glossary (OmegaT TSV, CSV, TBX)."""


@glossary_group.command(name="import")
@click.argument("file", type=INPUT)
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv", "tbx"]),
              help="default: from the file's extension")
@click.option("--glossary", "glossary_path", type=INPUT,
              default=Path("alignments/glossary.yaml"), show_default=True)
@click.option("--replace", is_flag=True, help="replace all terms instead of merging")
def glossary_import(file: Path, fmt: str | None, glossary_path: Path, replace: bool) -> None:
    """Add the terms of FILE to the project glossary (same source and target: updated)."""
    from ..core import glossary as gl
    from ..core import glossary_io
    from ..core.errors import FormatError
    from ..core.langtags import same_language

    check_output(glossary_path, reads=(file,), writes="glossary")
    gloss = gl.Glossary.load(glossary_path)
    terms, src, tgt = glossary_io.import_terms(file, fmt, gloss.source_lang, gloss.target_lang)
    if gloss.terms and not replace and not (same_language(src, gloss.source_lang)
                                            and same_language(tgt, gloss.target_lang)):
        raise FormatError(f"has {src}-{tgt} terms but the glossary is "
                          f"{gloss.source_lang}-{gloss.target_lang}", path=str(file))
    if replace or not gloss.terms:
        gloss.terms, gloss.source_lang, gloss.target_lang = [], src, tgt
    added, updated = gloss.merge(terms)
    gloss.save()
    click.echo(f"{glossary_path}: {added} terms added, {updated} updated, "
               f"{len(gloss.terms)} in all")


@glossary_group.command(name="export")
@click.argument("file", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv", "tbx"]),
              help="default: from the file's extension")
@click.option("--glossary", "glossary_path", type=INPUT,
              default=Path("alignments/glossary.yaml"), show_default=True)
def glossary_export(file: Path, fmt: str | None, glossary_path: Path) -> None:
    """Write the project glossary to FILE (OmegaT TSV, CSV with a header row, or TBX)."""
    from ..core import glossary as gl
    from ..core import glossary_io
    from ..core.errors import FormatError
    from ..core.files import atomic_write

    if not glossary_path.exists():
        raise FormatError("file not found", path=str(glossary_path),
                          hint="give the project glossary with --glossary")
    gloss = gl.Glossary.load(glossary_path)
    fmt = fmt or glossary_io.guess_format(file)
    check_output(file, reads=(glossary_path,), writes=f"{fmt.upper()} glossary export")
    atomic_write(file, glossary_io.export_terms(gloss.terms, fmt, gloss.source_lang,
                                                gloss.target_lang), backup=False)
    click.echo(f"{file}: {len(gloss.terms)} terms ({fmt})")
