"""Where a document's sentences came from: reading a side from a file of any format (the
readers), splitting its paragraphs (razdel/pysbd, or SRX rules), and the document sections
that remember it.

Sections of the YAML document (both optional; a document read from plain text with the
default segmentation has neither, as before):

    source_paragraphs:           # the paragraphs that are not plain ones, by number (para)
    - {para: 0, kind: heading, level: 1}
    - {para: 14, kind: table-cell, where: 'table 1, row 2, cell 1'}
    target_paragraphs:
    - {para: 3, kind: cue, start: '00:00:04,200', end: '00:00:06,900', where: cue 4}
    segmentation: {method: srx}  # or {method: srx, rules: /path/to/rules.srx}

A sentence's ``para`` is its paragraph's number; a paragraph not listed is a plain one. Kinds
are those of :data:`readers.KINDS`. The segmentation is remembered so that ``reanchor`` and
``align --update`` split a changed file the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from .document import Bead, Document, Sentence, Side
from .errors import InputError
from .readers import KINDS, SourceFile
from .segment import Segment, split_paragraph

SECTIONS = {"src": "source_paragraphs", "tgt": "target_paragraphs"}
SEGMENTATION = "segmentation"
METHODS = ("default", "srx")


@dataclass(frozen=True)
class Segmentation:
    """How paragraphs are split: ``default`` (razdel for Russian, pysbd for the languages it
    knows) or ``srx`` (SRX rules: workbench's own, or the file ``rules``)."""

    method: str = "default"
    rules: str | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise InputError(f"unknown segmentation {self.method!r}",
                             hint="use default or srx")

    def splitter(self, lang: str) -> Callable[[str], list[str]]:
        if self.method == "srx":
            from .srx import load_rules

            return load_rules(self.rules).splitter(lang).split
        return lambda para: split_paragraph(para, lang)

    def record(self) -> dict[str, str] | None:
        if self.method == "default":
            return None
        rec = {"method": self.method}
        if self.rules:
            rec["rules"] = str(Path(self.rules).resolve())
        return rec

    @classmethod
    def from_record(cls, rec: Any) -> "Segmentation":
        if isinstance(rec, str):
            return cls(rec)
        if isinstance(rec, dict):
            return cls(str(rec.get("method", "default")), rec.get("rules"))
        return cls()


def segmentation_of(doc: Document) -> Segmentation:
    """The segmentation a document was made with (the default for an older document)."""
    try:
        return Segmentation.from_record(doc.extra.get(SEGMENTATION))
    except InputError:
        return Segmentation()


def segment_source(src: SourceFile, lang: str, presegmented: bool = False,
                   segmentation: Segmentation | None = None) -> list[Segment]:
    """The sentences of a file's paragraphs; paired segments (XLIFF, TMX) and, with
    ``presegmented``, every paragraph are one sentence each."""
    if presegmented and src.format == "text":  # paragraphs of lines (readers/text.py)
        return [Segment(line, i) for i, p in enumerate(src.paragraphs)
                for line in p.text.split("\n")]
    if presegmented or not src.split:
        return [Segment(p.text, i) for i, p in enumerate(src.paragraphs)]
    split = (segmentation or Segmentation()).splitter(lang)
    out: list[Segment] = []
    for i, para in enumerate(src.paragraphs):
        out.extend(Segment(s, i) for s in split(para.text))
    return out


def paragraph_records(src: SourceFile, segments: Sequence[Segment]) -> list[dict[str, Any]]:
    """The section records of the paragraphs that have sentences and are not plain."""
    used = sorted({s.para for s in segments})
    return [src.paragraphs[i].record(i) for i in used if not src.paragraphs[i].plain]


def remember(doc: Document, origins: dict[str, list[dict]],
             segmentation: Segmentation | None) -> None:
    """Put what the readers found (``origins``: side -> records) and the segmentation into
    the document's sections; nothing for plain text with the default segmentation."""
    for side, records in origins.items():
        if records:
            doc.extra[SECTIONS[side]] = list(records)
        else:
            doc.extra.pop(SECTIONS[side], None)
    rec = segmentation.record() if segmentation is not None else None
    if rec:
        doc.extra[SEGMENTATION] = rec


# ---------------------------------------------------------------- reading the sections

def paragraphs_of(doc: Document, side: str) -> dict[int, dict[str, Any]]:
    """para -> its record, for a side ("src" or "tgt")."""
    records = doc.extra.get(SECTIONS[side])
    if not isinstance(records, list):
        return {}
    return {r["para"]: r for r in records if isinstance(r, dict) and isinstance(r.get("para"), int)}


def sentence_kinds(doc: Document, side: str) -> dict[int, str]:
    """sentence id -> the kind of its paragraph, for sentences not in a plain paragraph."""
    paras = paragraphs_of(doc, side)
    if not paras:
        return {}
    return {s.id: paras[s.para]["kind"] for s in doc.side(side).sentences
            if s.para in paras and isinstance(paras[s.para].get("kind"), str)}


def row_kind(doc: Document, bead: Bead, kinds: dict[str, dict[int, str]] | None = None) -> str:
    """The kind of a row: its source sentences' kind when they all share one (else its target
    sentences'), ``paragraph`` otherwise."""
    kinds = kinds or {s: sentence_kinds(doc, s) for s in ("src", "tgt")}
    for side, ids in (("src", bead.src), ("tgt", bead.tgt)):
        found = {kinds[side].get(i, "paragraph") for i in ids}
        if len(found) == 1:
            return found.pop()
    return "paragraph"


def cue_times(doc: Document, side: str = "src") -> dict[int, tuple[str, str]]:
    """sentence id -> (start, end) of its subtitle cue."""
    paras = paragraphs_of(doc, side)
    out = {}
    for s in doc.side(side).sentences:
        rec = paras.get(s.para)
        if rec and rec.get("kind") == "cue" and rec.get("start") and rec.get("end"):
            out[s.id] = (str(rec["start"]), str(rec["end"]))
    return out


def check_paragraphs(value: Any, doc: Document) -> list[tuple[tuple, str, str | None]]:
    """Problems of a ``*_paragraphs`` section (for the loader: line-numbered errors)."""
    if not isinstance(value, list):
        return [((), "must be a list of paragraph records", "one {para: N, kind: K} per line")]
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            return [((i,), "a paragraph record must be a mapping", "write {para: N, kind: K}")]
        para, kind = rec.get("para"), rec.get("kind")
        if not isinstance(para, int) or isinstance(para, bool) or para < 0:
            return [((i,), "a paragraph record needs para, a whole number >= 0", None)]
        if kind not in KINDS:
            return [((i,), f"unknown paragraph kind {kind!r}", f"use one of {', '.join(KINDS)}")]
        level = rec.get("level")
        if level is not None and (not isinstance(level, int) or isinstance(level, bool)):
            return [((i,), "a heading's level must be a whole number", None)]
    return []


def check_segmentation(value: Any, doc: Document) -> list[tuple[tuple, str, str | None]]:
    method = value.get("method") if isinstance(value, dict) else value
    if method not in METHODS:
        return [((), f"unknown segmentation {method!r}", "use {method: srx} or leave it out")]
    return []


# ---------------------------------------------------------------- bilingual files

def bilingual_document(path: str | Path, source_lang: str | None, target_lang: str | None,
                       model: str | None = None) -> tuple[Document, list[str]]:
    """A document from an XLIFF or TMX file: one row per unit, both sides from the file;
    and warnings (languages other than the ones given). A language not given is the one the
    file declares ("zh-CN" in an XLIFF from a CAT tool), else ru / en."""
    from .readers.bilingual import check_langs, read_pairs
    from .textio import DEFAULT_LANGS

    pairs = read_pairs(path, source_lang, target_lang)
    source_lang = source_lang or _declared(pairs.source_lang) or DEFAULT_LANGS[0]
    target_lang = target_lang or _declared(pairs.target_lang) or DEFAULT_LANGS[1]
    src: list[Sentence] = []
    tgt: list[Sentence] = []
    beads: list[Bead] = []
    records: dict[str, list[dict]] = {"src": [], "tgt": []}
    for para, unit in enumerate(pairs.units):
        ids: dict[str, tuple[int, ...]] = {}
        for side, text, out in (("src", unit.source, src), ("tgt", unit.target, tgt)):
            if text:
                out.append(Sentence(len(out), text, para))
                ids[side] = (len(out) - 1,)
                records[side].append({"para": para, "kind": "segment", "where": unit.where})
            else:
                ids[side] = ()
        beads.append(Bead(ids["src"], ids["tgt"], None,
                          unit.status if ids["src"] and ids["tgt"] else "proposed"))
    if not src or not tgt:
        raise InputError(f"has no {'source' if not src else 'target'} text", path=str(path),
                         hint="give a file with translations")
    doc = Document(Side(source_lang, src, str(path), pairs.sha256, len(src)),
                   Side(target_lang, tgt, str(path), pairs.sha256, len(tgt)), beads, model=model)
    remember(doc, records, None)
    return doc, check_langs(pairs, source_lang, target_lang)


def _declared(tag: str | None) -> str | None:
    """A language a file declares, in its standard form; None for one that is no tag."""
    from .errors import WorkbenchError
    from .langtags import standard

    try:
        return standard(tag) if tag else None
    except WorkbenchError:
        return None
