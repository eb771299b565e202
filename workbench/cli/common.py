"""What several commands share: option types and help, the options that read a text pair,
the progress bar, notices and warnings, and the choice of model."""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from pathlib import Path

import click

from ..core.textio import DEFAULT_LANGS

LANG_HELP = ("a language tag: ru, en, de, zh, or with its region zh-CN, pt-BR (kept in the "
             "document and its exports); the engine is not tied to ru/en (a model must know "
             "the language)")
USER_HELP = "author name for new flags (default: your login name)"
SEVERITY_CHOICE = click.Choice(["neutral", "minor", "major", "critical"])

FILE = click.Path(dir_okay=False, path_type=Path)
"""A file argument or option that is written (an output): a Path, never a folder."""

INPUT = click.Path(path_type=Path)
"""A file argument that is read (a document, a text, a glossary): a Path, checked by the core
when it is read, so that a folder, a pipe or a device is one line naming it (core/inputs.py)."""


def standard_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--source-lang / --target-lang in their standard form ("zh_cn" -> "zh-CN", "eng" ->
    "en"); a word that is no language tag ("russian", "ua") is a usage error naming it."""
    from ..core.errors import WorkbenchError
    from ..core.langtags import standard

    if value is None:
        return None
    try:
        return standard(value, what=f"--{param.name.replace('_', '-')}")
    except WorkbenchError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def encoding_options(command):
    """--source-encoding / --target-encoding: for a file whose encoding was told wrong."""
    for side in ("target", "source"):
        command = click.option(f"--{side}-encoding", metavar="CODEC",
                               help=f"read the {side} file in this encoding (e.g. cp1251, "
                                    "koi8-r, cp1252) instead of telling it from the bytes")(command)
    return command


@dataclass(frozen=True)
class TextPair:
    """How to read a source text and its translation into a new document (align, open)."""

    output: Path | None
    presegmented: bool
    #: None: not given; ru (en), unless the text's script names another language
    source_lang: str | None
    target_lang: str | None
    source_encoding: str | None
    target_encoding: str | None
    segmentation: str = "default"
    srx_rules: Path | None = None

    def output_for(self, source: Path) -> Path:
        """Where the document goes: -o, else alignments/<source name>.yaml."""
        return self.output or Path("alignments") / f"{source.stem}.yaml"

    def read(self, source: Path, target: Path | None, model: str) -> tuple:
        """The two texts as a document without rows yet, and the notices of reading them
        (shown here: the encoding used, warnings). Without ``target``, ``source`` is a
        bilingual file (XLIFF, TMX) whose pairs are the rows already."""
        from ..core.pipeline import Notice, new_document, pair_notices
        from ..core.sources import Segmentation, bilingual_document

        notices: list = []
        if target is None:
            doc, warnings = bilingual_document(source, self.source_lang, self.target_lang, model)
            notices = [Notice("info", f"read {source}: {len(doc.beads)} units")]
            notices += [Notice("warning", w, str(source)) for w in warnings]
            notices += pair_notices(doc)
        else:
            if self.srx_rules is not None and self.segmentation != "srx":
                raise click.UsageError("--srx-rules needs --segmentation srx")
            segmentation = Segmentation(self.segmentation,
                                        str(self.srx_rules) if self.srx_rules else None)
            named = _named_langs(source, target, self.source_lang, self.target_lang, notices)
            doc = new_document(source, target, named[0] or DEFAULT_LANGS[0],
                               named[1] or DEFAULT_LANGS[1],
                               presegmented=self.presegmented, model=model, notices=notices,
                               encodings=(self.source_encoding, self.target_encoding),
                               segmentation=segmentation,
                               guess_langs=(self.source_lang is None, self.target_lang is None))
        show_notices(notices)
        return doc, notices


def _named_langs(source: Path, target: Path, source_lang: str | None, target_lang: str | None,
                 notices: list) -> tuple[str | None, str | None]:
    """The languages given, else those the two files' names tell (corpus_pairs.pair_langs),
    said in a notice."""
    from ..core.corpus_pairs import pair_langs
    from ..core.pipeline import Notice

    if source_lang and target_lang:
        return source_lang, target_lang
    told = pair_langs(source, target)
    said = names_say(told, (source_lang, target_lang))
    if said:
        notices.append(Notice("info", said))
    return source_lang or told[0], target_lang or told[1]


def names_say(told, given) -> str | None:
    """"the file names say: source fr" for the languages file names told that the options did
    not give (and that are not the defaults anyway), or None."""
    said = [f"{side} {lang}" for side, lang, option, default in zip(
        ("source", "target"), told, given, DEFAULT_LANGS) if lang and not option and lang != default]
    return f"the file names say: {', '.join(said)}" if said else None


def text_pair_options(command):
    """-o, --presegmented, the languages and the encodings of a text pair, handed to the
    command as one ``pair`` argument (a :class:`TextPair`): align and open read texts alike."""

    @functools.wraps(command)
    def with_pair(*args, output, presegmented, source_lang, target_lang, source_encoding,
                  target_encoding, segmentation, srx_rules, **kwargs):
        pair = TextPair(output, presegmented, source_lang, target_lang, source_encoding,
                        target_encoding, segmentation, srx_rules)
        return command(*args, pair=pair, **kwargs)

    options = [  # in the order --help lists them
        click.option("-o", "--output", type=FILE,
                     help="the YAML document to write from the two texts "
                          "(default: alignments/<source name>.yaml)"),
        click.option("--presegmented", is_flag=True,
                     help="the text files hold one segment per line: use them as sentences, "
                          "never re-split"),
        click.option("--segmentation", type=click.Choice(["default", "srx"]), default="default",
                     show_default=True,
                     help="how paragraphs are split into sentences: razdel/pysbd, or SRX rules "
                          "(the segments a CAT tool such as OmegaT makes, so that an exported "
                          "TMX is applied)"),
        click.option("--srx-rules", type=FILE,
                     help="with --segmentation srx: your own SRX file (exported from OmegaT, "
                          "memoQ, Trados) instead of workbench's rules"),
        click.option("--source-lang", callback=standard_lang,
                     help=LANG_HELP + " [default: ru, or the language the text's script names: "
                     "Chinese, Japanese, Korean, Greek, Thai ...]"),
        click.option("--target-lang", callback=standard_lang,
                     help=LANG_HELP + " [default: en, or as --source-lang]"),
        encoding_options,
    ]
    for option in reversed(options):
        with_pair = option(with_pair)
    return with_pair


def progress_printer():
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


@contextlib.contextmanager
def naming(path: Path):
    """An error of the core that names no file ("there is no row 99999") names ``path``, the
    document the command works on."""
    from ..core.errors import WorkbenchError

    try:
        yield
    except WorkbenchError as exc:
        if exc.path is None:
            exc.path = str(path)
        raise


def warn(message: str) -> None:
    """A warning on stderr, in the one form every command uses."""
    click.echo(f"workbench: warning: {message}", err=True)


def show_notices(notices) -> None:
    """What reading the texts found: the encoding used (stdout), warnings (stderr)."""
    for n in notices:
        if n.level == "info":
            click.echo(str(n))
        else:
            warn(str(n))


def model_for(doc, given: str | None) -> str:
    """The model to align with: the one given (checked now, so that a typo stops before any
    work), else the one that aligned ``doc``, else the default (re-aligning part of a document
    with another model than the rest mixes scores)."""
    from ..core.embed import model_parts, model_to_reuse

    if given:
        model_parts(given)
        return given
    return model_to_reuse(doc.model if doc is not None else None)

