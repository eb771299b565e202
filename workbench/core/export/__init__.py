"""Exports of the aligned pairs for other tools: one module per format.

| format  | module    | writes                                                          |
|---------|-----------|-----------------------------------------------------------------|
| tmx     | tmx.py    | TMX 1.4b translation memory (OmegaT, memoQ, Trados)             |
| tsv     | tsv.py    | UTF-8 tab-separated: header row, then ru, en, status, confidence |
| moses   | moses.py  | two line-aligned plain-text files, PATH.ru and PATH.en          |
| xliff   | xliff.py  | XLIFF 2.0, one unit per pair                                    |
| jsonl   | jsonl.py  | one JSON object per pair                                        |
| xlsx    | xlsx.py   | a spreadsheet: source, target, status, confidence, flags (LF Aligner's layout) |
| docx    | docx.py   | a Word document: a two-column bilingual table                   |
| srt     | srt.py    | bilingual subtitles timed by the source's cues                  |

Every format exports *pairs*: rows with text on both sides (1-0 and 0-1 rows never are), the
corrected text (``Sentence.text``) with the sentences of a side joined by a space, in text
order. :func:`select_pairs` applies the filters: ``only="confirmed"`` (the default for tmx and
moses, which feed translation memories and MT training) or ``"all"`` (the default for the
others), and ``exclude_flagged=SEVERITY`` drops rows with an open flag at or above it.
Characters XML cannot carry (C0 controls but tab/newline, U+FFFE/FFFF, lone surrogates) are
removed, and tabs/newlines become spaces, with a warning naming the row.

    result = export(doc, "tmx", Path("out/bakai.tmx"))
    result.count, result.paths, result.warnings
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..document import Document
from ..errors import WorkbenchError
from ..review import SEVERITIES, Flag, RowIndex, flags, severity_rank
from ..files import atomic_write, atomic_write_bytes as write_binary  # noqa: F401 (writers)

#: the pair formats every document exports to as text
FORMATS: tuple[str, ...] = ("tmx", "tsv", "moses", "xliff", "jsonl")
#: documents for people and players: a spreadsheet, a Word table, subtitles (srt needs a
#: source read from subtitles)
DOCUMENT_FORMATS: tuple[str, ...] = ("xlsx", "docx", "srt")
ALL_FORMATS: tuple[str, ...] = FORMATS + DOCUMENT_FORMATS
DEFAULT_ONLY = {"tmx": "confirmed", "moses": "confirmed", "tsv": "all", "xliff": "all",
                "jsonl": "all", "xlsx": "all", "docx": "all", "srt": "all"}
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]+")


@dataclass(frozen=True)
class Pair:
    """One exported row: its number (1-based), both texts, status, confidence, open flags."""

    row: int
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    source: str
    target: str
    status: str
    confidence: float | None
    flags: tuple[Flag, ...] = ()


@dataclass
class ExportResult:
    count: int
    paths: list[Path]
    warnings: list[str] = field(default_factory=list)
    skipped_unconfirmed: int = 0
    skipped_flagged: int = 0
    skipped_one_sided: int = 0


def clean(text: str) -> tuple[str, bool]:
    """Text fit for every format: bad XML characters removed, line breaks and tabs as spaces."""
    out = _BAD_XML.sub("", text)
    out = _BREAKS.sub(" ", out)
    return out, out != text


def select_pairs(doc: Document, only: str = "confirmed", exclude_flagged: str | None = None,
                 warnings: list[str] | None = None, result: ExportResult | None = None) -> list[Pair]:
    """The rows to export, filtered, with cleaned text (``warnings`` collects what was cleaned)."""
    if only not in ("confirmed", "all"):
        raise WorkbenchError(f"unknown --only value {only!r}", hint="use confirmed or all")
    if exclude_flagged is not None and exclude_flagged not in SEVERITIES:
        raise WorkbenchError(f"unknown severity {exclude_flagged!r}",
                             hint=f"use one of {', '.join(SEVERITIES)}")
    index = RowIndex(doc)
    by_row: dict[int, list[Flag]] = {}
    for f in flags(doc):
        row = index.row(f)
        if row is not None:
            by_row.setdefault(row, []).append(f)
    pairs = []
    for i, b in enumerate(doc.beads):
        if not b.src or not b.tgt:
            if result:
                result.skipped_one_sided += 1
            continue
        if only == "confirmed" and not b.confirmed:
            if result:
                result.skipped_unconfirmed += 1
            continue
        row_flags = tuple(by_row.get(i, ()))
        if exclude_flagged is not None and any(
                f.status == "open" and severity_rank(f.severity) >= severity_rank(exclude_flagged)
                for f in row_flags):
            if result:
                result.skipped_flagged += 1
            continue
        src, tgt = doc.bead_texts(i)
        texts = []
        for side, parts in ((doc.source.lang, src), (doc.target.lang, tgt)):
            text, changed = clean(" ".join(parts))
            if changed and warnings is not None:
                warnings.append(f"row {i + 1} ({side}): removed control characters or line "
                                "breaks")
            texts.append(text)
        pairs.append(Pair(i + 1, tuple(b.src), tuple(b.tgt), texts[0], texts[1], b.status,
                          b.confidence, row_flags))
    return pairs


def write_xml(root, path: Path) -> list[Path]:
    """An XML export (TMX, XLIFF) as one UTF-8 file with its declaration, written atomically."""
    atomic_write(path, '<?xml version="1.0" encoding="UTF-8"?>\n'
                 + ET.tostring(root, encoding="unicode") + "\n", backup=False)
    return [path]


def row_kinds(doc: Document, pairs: list[Pair]) -> dict[int, str]:
    """row number -> the kind of the row's source paragraphs (heading, cue ...), for the rows
    that are not plain paragraphs."""
    from ..sources import row_kind, sentence_kinds

    kinds = {s: sentence_kinds(doc, s) for s in ("src", "tgt")}
    if not kinds["src"] and not kinds["tgt"]:
        return {}
    out = {}
    for p in pairs:
        kind = row_kind(doc, doc.beads[p.row - 1], kinds)
        if kind != "paragraph":
            out[p.row] = kind
    return out


def flag_summary(f: Flag) -> str:
    """One line about a flag, for notes and comments."""
    text = f"[{f.status}] {f.category} ({f.severity})"
    if f.comment:
        text += f": {f.comment}"
    if f.suggestion:
        text += f" -> {f.suggestion}"
    return clean(text)[0]


def _writer(fmt: str) -> Callable:
    if fmt == "tmx":
        from .tmx import write
    elif fmt == "tsv":
        from .tsv import write
    elif fmt == "moses":
        from .moses import write
    elif fmt == "xliff":
        from .xliff import write
    elif fmt == "jsonl":
        from .jsonl import write
    elif fmt == "xlsx":
        from .xlsx import write
    elif fmt == "docx":
        from .docx import write
    elif fmt == "srt":
        from .srt import write
    else:
        raise WorkbenchError(f"unknown export format {fmt!r}",
                             hint=f"use {', '.join(ALL_FORMATS)}")
    return write


def export(doc: Document, fmt: str, path: str | Path, only: str | None = None,
           exclude_flagged: str | None = None, name: str | None = None) -> ExportResult:
    """Write ``doc`` as ``fmt`` to ``path`` (for moses, a prefix: PATH.ru and PATH.en).

    ``name`` is the document's name used inside the file (TMX/XLIFF ``original``).
    """
    write = _writer(fmt)
    result = ExportResult(0, [])
    pairs = select_pairs(doc, only or DEFAULT_ONLY[fmt], exclude_flagged, result.warnings, result)
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    result.paths = write(doc, pairs, path, name=name or path.stem)
    result.count = len(pairs)
    return result
