"""Making and remaking an alignment: `workbench align`, `open` (the UI) and `reanchor`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.kinds import check_output
from ..core.errors import WorkbenchError
from .common import (FILE, INPUT, TextPair, model_for, progress_printer, text_pair_options,
                     warn)
from .context import OpenDocuments, OpenRequest, pass_documents


@click.command()
@click.argument("source", type=INPUT)
@click.argument("target", type=INPUT, required=False)
@text_pair_options
@click.option("--model", help="use-v3 (the default), e5-small, use-v3+e5-small (both: most "
                                "accurate, slower), or the path of a local sentence-transformers "
                                "folder; with --update, the document's model unless given")
@click.option("--update", is_flag=True,
              help="OUTPUT has confirmed rows: keep them and re-align only the rest")
@click.option("--bead-types", default=None,
              help="bead types the aligner may propose, as source-target sentence counts "
                   "[default: 1-1,1-0,0-1,1-2,2-1,2-2,1-3,3-1,1-4,4-1,2-3,3-2]")
@pass_documents
def align(documents: OpenDocuments, source: Path, target: Path | None, pair: TextPair,
          model: str | None, update: bool, bead_types: str | None) -> None:
    """Align SOURCE with its translation TARGET and save the proposed alignment.

    \b
    SOURCE and TARGET: text, DOCX, ODT, HTML, EPUB, FB2, Markdown, SRT/WebVTT or PDF files
    (told by their content). A single XLIFF or TMX file holds both sides, already paired:
    its units become the rows, to review and re-align.
    """
    from ..core.align import AlignConfig, align_sides, realign
    from ..core.align.config import parse_types
    from ..core.embed import load_encoder
    from ..core.pipeline import same_sentences

    cfg = AlignConfig(types=parse_types(bead_types)) if bead_types else AlignConfig()
    from ..core.readers import is_bilingual

    if target is None and not is_bilingual(source):
        raise click.UsageError("give a source and a target file (only an XLIFF or TMX file "
                               "holds both sides)")
    output = pair.output_for(source)
    check_output(output, reads=(source, target) if target else (source,), writes="document")
    session = documents.open(output) if output.exists() else None
    old = session.doc if session is not None else None
    model = model_for(old if update else None, model)
    doc, _ = pair.read(source, target, model)
    if old is not None and old.confirmed_count and not update:
        raise WorkbenchError(f"has {old.confirmed_count} confirmed rows; not overwriting them",
                             path=str(output),
                             hint="add --update to keep them and re-align the rest, or choose "
                                  "another -o file")
    bar, progress = progress_printer()
    with bar:
        encoder = load_encoder(model, progress=lambda stage, frac: progress(
            f"preparing {model}: {stage}", int(frac * 100), 100))
        report = None
        if session is not None and update and old.confirmed_count:
            if not same_sentences(old, doc):  # the texts changed: move the rows onto them
                from ..core.reanchor import NewText, reanchor

                from ..core.sources import SECTIONS

                fresh = {name: NewText([(x.text, x.para) for x in doc.side(name).sentences],
                                       doc.side(name).sha256,
                                       doc.extra.get(SECTIONS[name], []))
                         for name in ("src", "tgt")}
                for name in ("src", "tgt"):
                    old.side(name).path = doc.side(name).path
                report = reanchor(old, fresh, encoder, cfg, progress=progress)
                session.replace_document(report.doc)
            else:
                documents.apply(session, realign(old, encoder, cfg, progress=progress))
            session.doc.model = model
            from ..core.sources import SEGMENTATION

            session.doc.extra.pop(SEGMENTATION, None)
            if SEGMENTATION in doc.extra:
                session.doc.extra[SEGMENTATION] = doc.extra[SEGMENTATION]
        else:
            if not doc.beads:  # a bilingual file (XLIFF, TMX) comes with its rows
                doc.beads = align_sides(doc.source, doc.target, encoder, cfg, progress=progress)
            if session is not None:  # written over; still merged if changed meanwhile
                session.replace_document(doc)
            else:
                session = documents.create(doc, output)
    documents.save(session)
    doc = session.doc
    if report is not None:
        click.echo(f"{output}: the texts changed since it was made; re-anchored:")
        for line in report.lines({"src": doc.source.lang, "tgt": doc.target.lang}):
            click.echo(f"  {line}")
    kinds = sum(1 for b in doc.beads if b.kind != "1-1")
    click.echo(f"{output}: {len(doc.beads)} rows ({kinds} not 1-1, {doc.confirmed_count} "
               f"confirmed) from {len(doc.source.sentences)} {doc.source.lang} and "
               f"{len(doc.target.sentences)} {doc.target.lang} sentences")


@click.command(name="open")
@click.argument("files", nargs=-1, required=True, type=INPUT)
@text_pair_options
@click.option("--model", help="the model for aligning and re-aligning (use-v3, e5-small, "
                                "use-v3+e5-small or a folder; default: a document's own model, "
                                "else use-v3)")
@click.option("--user", help="author name for the flags you raise (default: your login name)")
@click.option("--ask-user", is_flag=True,
              help="ask the reviewer's name first (what each browser tab of workbench serve does)")
@click.option("--write-root", type=click.Path(path_type=Path, file_okay=False), hidden=True,
              help="save as and export write only inside this folder (workbench serve's tabs)")
@pass_documents
def open_(documents: OpenDocuments, files: tuple[Path, ...], pair: TextPair, model: str | None,
          user: str | None, ask_user: bool, write_root: Path | None) -> None:
    """Fix an alignment in the workbench UI.

    \b
    workbench open alignments/X.yaml              edit a saved alignment
    workbench open SOURCE.txt TARGET.txt [-o OUT] segment, align, then edit (saves to OUT)
    workbench open FILE.xlf [-o OUT]              review an XLIFF/TMX file's pairs
    workbench open OUT_DIR                        a corpus folder: its documents, worst first
    """
    from ..core.readers import is_bilingual

    if len(files) == 1 and files[0].is_dir():  # a corpus folder: the project screen
        if pair.output is not None:
            raise click.UsageError("-o is for aligning two text files")
        from ..core.export.combined import corpus_documents

        if not corpus_documents(files[0]):
            raise WorkbenchError("is a directory with no documents (NAME.yaml)",
                                 path=str(files[0]),
                                 hint="open a document, or a folder that workbench corpus "
                                      "align wrote")
        model = model_for(None, model) if model else None
        request = OpenRequest(files[0], model=model, user=user, ask_user=ask_user,
                              write_root=write_root)
    elif len(files) == 1 and not is_bilingual(files[0]):
        if pair.output is not None:
            raise click.UsageError("-o is for aligning two text files; a document saves in place")
        _offer_reanchor(documents, files[0], model)
        model = model_for(None, model) if model else None  # None: the document's own
        request = OpenRequest(files[0], model=model, user=user, ask_user=ask_user,
                              write_root=write_root)
    elif len(files) in (1, 2):  # two files, or one XLIFF/TMX holding both sides
        source, target = files[0], (files[1] if len(files) == 2 else None)
        model = model_for(None, model)
        output = pair.output_for(source)
        check_output(output, reads=files, writes="document")
        doc, notices = pair.read(source, target, model)
        request = OpenRequest(output, doc, model=model, user=user, ask_overwrite=output.exists(),
                              ask_user=ask_user, write_root=write_root,
                              notices=[(str(n), "warning" if n.level == "warning"
                                        else "information") for n in notices])
    else:
        raise click.UsageError("give one YAML document, or a source and a target text file")
    if documents.start_ui is None:
        raise WorkbenchError("this command line has no workbench UI plugged in",
                             hint="run the workbench program: workbench open ... "
                                  "(or python -m workbench open ...)")
    documents.close()  # the UI takes the lock itself whenever it saves
    documents.start_ui(request)


def _offer_reanchor(documents: OpenDocuments, document: Path, model: str | None) -> None:
    """Before opening a document whose texts changed: say so, and at a terminal offer to move
    its rows onto the new texts first."""
    from ..core.reanchor import drifted_sides_of_file

    drift = list(drifted_sides_of_file(document).values())
    if not drift:
        return
    for line in drift:
        warn(line)
    changed = all(line.endswith("changed since this document was made") for line in drift)
    if changed and sys.stdin.isatty() and click.confirm(
            "Re-anchor the document on the new text now (a backup is kept)?",
            default=False, err=True):
        reanchor_document(documents, document, model, presegmented=False, realign_rest=True)
    else:
        click.echo(f"workbench: run 'workbench reanchor {document}' to move the rows "
                   "onto the new text", err=True)


def reanchor_document(documents: OpenDocuments, document: Path, model: str | None,
                      presegmented: bool, realign_rest: bool) -> bool:
    """Move DOCUMENT onto its changed text files and save it; False if nothing changed."""
    from ..core.reanchor import drifted_sides, read_new_text, reanchor as move

    session = documents.open(document)
    doc = session.doc
    model = model_for(doc, model)
    drift = drifted_sides(doc)
    if not drift:
        click.echo(f"{document}: the texts have not changed since it was made; nothing to do")
        return False
    for reason in drift.values():
        click.echo(f"{document}: {reason}")
    fresh = {name: read_new_text(doc, name, presegmented) for name in drift}
    if realign_rest:
        from ..core.embed import load_encoder

        encoder = load_encoder(model)
        bar, progress = progress_printer()
        with bar:
            result = move(doc, fresh, encoder, progress=progress)
    else:
        result = move(doc, fresh)
    session.replace_document(result.doc)
    documents.save(session)
    langs = {"src": doc.source.lang, "tgt": doc.target.lang}
    for line in result.lines(langs):
        click.echo(f"  {line}")
    click.echo(f"{document}: re-anchored and saved ({len(result.doc.beads)} rows; the previous "
               f"version is {document.name}~)")
    return True


@click.command(name="reanchor")
@click.argument("document", type=INPUT)
@click.option("--model", help="the model that re-aligns the rows that are not confirmed "
                                "(default: the document's own, else use-v3)")
@click.option("--no-realign", is_flag=True,
              help="only move the rows onto the new text; new sentences get rows of their own")
@click.option("--presegmented", is_flag=True, help="the text files hold one segment per line")
@pass_documents
def reanchor_cmd(documents: OpenDocuments, document: Path, model: str | None, no_realign: bool,
                 presegmented: bool) -> None:
    """Carry DOCUMENT over to its changed source or target text file.

    Sentences are matched to the new text (exact, then near matches: a fixed typo or a
    re-split sentence finds its place) and keep their ids; confirmed rows whose sentences
    still match stay confirmed; the rest is re-aligned. Prints what changed.
    """
    reanchor_document(documents, document, model, presegmented, realign_rest=not no_realign)
