"""Text files -> a new Document (read, segment, number); no alignment yet.

Reading reports what the user should know without stopping: the encoding a file was read in
(when it is not plain UTF-8), a side whose letters are not in its language's script (a Russian
file given as the English side), a lopsided pair (one side several times longer than the other).
They come back as :class:`Notice` objects for the CLI or the UI to show; the core prints nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .document import Document, make_side
from .errors import InputError
from .langtags import base_lang
from .limits import MAX_SENTENCE_CHARS
from .readers import FORMAT_NAMES, read_source
from .scripts import lang_of_text, langs_written_in, script_counts, script_name, wrong_script
from .sources import Segmentation, paragraph_records, remember, segment_source
from .textio import DEFAULT_LANGS, PARAGRAPH_MARK, lang_name, paragraph_lines, text_size

#: a pair whose sides differ more than this in characters is reported as lopsided
LOPSIDED = 3.0
#: languages written without sentence marks, which no splitter here knows: Thai and Lao end a
#: sentence with a space, as they end a clause
UNSPLIT_LANGS = {"th", "lo"}


@dataclass(frozen=True)
class Notice:
    """Something the user should know about the input: ``level`` is "info" or "warning"."""

    level: str
    message: str
    path: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def script_problem(text: str, lang: str, counts=None) -> str | None:
    """Why ``text`` does not look like ``lang``: most of its letters are in another script
    (Latin in a Russian side; Cyrillic, Arabic, Hebrew, Chinese ... in an English one), or None.
    ``counts``: the text's script_counts, when the caller has them already."""
    found = wrong_script(text, lang, counts)
    if found is None:
        return None
    script, share = found
    langs = langs_written_in(script)
    hint = (f" If the text is in another language, name it with --source-lang or --target-lang "
            f"({', '.join(langs)} ...)" if langs else "")
    return (f"is given as the {lang_name(lang)} side but {share:.0%} of its letters are "
            f"{script_name(script)}: is it the other language's file?{hint}")


def read_side(path: str | Path, lang: str, presegmented: bool = False,
              notices: list[Notice] | None = None, encoding: str | None = None,
              segmentation: Segmentation | None = None, origin: list[dict] | None = None,
              guess: bool = False):
    """A document side from a text file (or DOCX, HTML ...: core/readers); a file with no
    sentences is an error. ``guess``: ``lang`` is only the default, not the user's word, so a
    text whose letters name another language by their script alone (kana: Japanese; Hangul:
    Korean; Chinese characters: Chinese; Greek, Thai ...) is read as that language, with a
    notice; otherwise a text in the wrong script gets a warning.

    ``notices`` (a list) receives the encoding used and warnings about the file; ``encoding``
    overrides the detected one; ``origin`` (a list) receives the records of the paragraphs
    that are not plain text (headings, cues ...: core/sources.py).
    """
    tf = read_source(path, lang, encoding, segments=presegmented)
    # which scripts its letters are in: one pass over (a sample of) the text, for both checks
    counts = script_counts(tf.text) if guess or notices is not None else None
    guessed = _guessed_lang(tf.text, lang, counts) if guess else None
    if guessed is not None:
        lang, why = guessed
        if notices is not None:
            notices.append(Notice("info", f"read {path} as {lang_name(lang)}: {why} (name "
                                  "another language with --source-lang or --target-lang)"))
    segments = segment_source(tf, lang, presegmented, segmentation)
    if not segments:
        what = "whitespace and <p> marks" if presegmented else "whitespace"
        raise InputError(f"has no sentences (the file is only {what})", path=str(path),
                         hint="give the file with the text")
    if not any(ch.isalnum() for s in segments for ch in s.text):
        raise InputError("has no sentences (no words, only punctuation or symbols)",
                         path=str(path), hint="give the file with the text")
    longest = max(segments, key=lambda s: len(s.text))
    if len(longest.text) > MAX_SENTENCE_CHARS:
        raise InputError(f"has a sentence of {len(longest.text):,} characters, more than the "
                         f"{MAX_SENTENCE_CHARS:,} workbench aligns (text without sentence ends?)",
                         path=str(path),
                         line=_line_in_file(tf, path, segments.index(longest) if presegmented
                                            else longest.para, presegmented),
                         hint="is it the right file? Break its paragraphs into lines, or split "
                              "the text at its sentences")
    if origin is not None:
        origin.extend(paragraph_records(tf, segments))
    if notices is not None:
        if tf.format != "text":
            notices.append(Notice("info", f"read {path} as {FORMAT_NAMES[tf.format]}"))
        if tf.encoding != "utf-8":
            notices.append(Notice("info", f"read {path} as {tf.encoding_name}"))
        notices.extend(Notice("warning", w, str(path)) for w in tf.warnings)
        problem = script_problem(tf.text, lang, counts)
        if problem:
            notices.append(Notice("warning", problem, str(path)))
        if base_lang(lang) in UNSPLIT_LANGS and tf.split and not presegmented and (
                segmentation is None or segmentation.method == "default"):
            notices.append(Notice("warning", f"{lang_name(lang)} is written without sentence "
                                  "marks and no splitter here knows it: each paragraph is one "
                                  "row; give one sentence per line and --presegmented for "
                                  "finer rows", str(path)))
    return make_side(lang, [(s.text, s.para) for s in segments], path=str(path), sha256=tf.sha256)


def _guessed_lang(text: str, lang: str, counts) -> tuple[str, str] | None:
    """(the language the text's script names, why) when the text is not written in ``lang``'s
    script and its script names one language; else None."""
    if wrong_script(text, lang, counts) is None:
        return None
    found = lang_of_text(text, counts)
    if found is None:
        return None
    new, script, share = found
    return new, f"{share:.0%} of its letters are {script_name(script)}"


def _line_in_file(tf, path: str | Path, para: int, presegmented: bool = False) -> int | None:
    """The line of paragraph ``para`` (with ``presegmented``, of segment ``para``) in a
    plain-text file (blank lines count), else None (a DOCX or a web page has no lines to
    name)."""
    if tf.format != "text":
        return None
    try:
        text = Path(path).read_bytes().decode(tf.encoding, errors="replace")
    except (OSError, LookupError):
        return None
    return _line_of_paragraph(text, para, PARAGRAPH_MARK if presegmented else None)


def _line_of_paragraph(text: str, para: int, mark: str | None = None) -> int:
    """The line (1-based) where paragraph ``para`` of ``text`` starts; with ``mark``, of the
    ``para``-th non-blank line that is not only ``mark`` (pre-segmented text)."""
    if mark is None:
        starts = paragraph_lines(text)
        return starts[para][0] if para < len(starts) else 1
    seen = -1
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip() and line.strip() != mark:
            seen += 1
            if seen == para:
                return number
    return 1


def pair_notices(doc: Document) -> list[Notice]:
    """Warnings about the pair as a whole: a lopsided pair (lengths in characters, a Chinese
    character counting as three Latin ones: see ``textio.text_size``)."""
    a = sum(text_size(s.text) for s in doc.source.sentences)
    b = sum(text_size(s.text) for s in doc.target.sentences)
    if not a or not b:
        return []
    ratio = max(a, b) / min(a, b)
    if ratio < LOPSIDED:
        return []
    longer, shorter = (doc.source, doc.target) if a > b else (doc.target, doc.source)
    raw = sum(len(s.text) for s in doc.source.sentences + doc.target.sentences)
    unit = "characters, a Chinese one counted as 3" if a + b != raw else "characters"
    return [Notice("warning", f"{longer.path} is {ratio:.1f} times longer than {shorter.path} "
                   f"({max(a, b):,} vs {min(a, b):,} {unit}): are they the same text? "
                   "Rows that one side lacks will be aligned as 1-0 or 0-1")]


def new_document(source: str | Path, target: str | Path, source_lang: str = DEFAULT_LANGS[0],
                 target_lang: str = DEFAULT_LANGS[1], presegmented: bool = False,
                 model: str | None = None, notices: list[Notice] | None = None,
                 encodings: tuple[str | None, str | None] = (None, None),
                 segmentation: Segmentation | None = None,
                 guess_langs: tuple[bool, bool] = (False, False)) -> Document:
    """Both sides read and segmented; ``beads`` is empty until an aligner fills it.

    ``notices`` (a list) receives what the user should know (see the module docstring);
    ``encodings`` (source, target) override the detected ones; ``segmentation`` splits the
    paragraphs (default: razdel/pysbd); ``guess_langs`` (source, target): the language is
    a default, and a text whose script names another is read as that one (read_side).
    """
    found: list[Notice] = []
    origins: dict[str, list[dict]] = {"src": [], "tgt": []}
    doc = Document(read_side(source, source_lang, presegmented, found, encodings[0],
                             segmentation, origins["src"], guess_langs[0]),
                   read_side(target, target_lang, presegmented, found, encodings[1],
                             segmentation, origins["tgt"], guess_langs[1]),
                   beads=[], model=model)
    remember(doc, origins, segmentation)
    swapped = [n for n in found if "other language's file" in n.message]
    if len(swapped) == 2:
        found = [n for n in found if n not in swapped]
        found.append(Notice("warning", f"{source} and {target} look swapped (the "
                            f"{lang_name(source_lang)} side is in the other script and the other "
                            "way round): give the source text first"))
    found.extend(pair_notices(doc))
    if notices is not None:
        notices.extend(found)
    return doc


def same_sentences(a: Document, b: Document) -> bool:
    """Do both documents have the same sentence texts, as first read, on both sides?"""
    def texts(side):
        return [s.original if s.original is not None else s.text for s in side.sentences]
    return texts(a.source) == texts(b.source) and texts(a.target) == texts(b.target)
