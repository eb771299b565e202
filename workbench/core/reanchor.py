"""Re-anchoring: carry a document over to a changed source or target text file.

A document remembers the sha256 of each text file it was made from. When a file changed (a
typo fixed at the source, a paragraph added, a sentence re-split), :func:`drifted_sides` tells,
and :func:`reanchor` moves the document onto the new text:

1. Match the old sentences to the new ones, in order: exact matches first (the text as first
   read, or as corrected in the document), then, in each stretch between exact matches, near
   matches by a small alignment with ``rapidfuzz`` similarities: 1-1 (a fixed typo), 1-2 and
   1-3 (a sentence now split), 2-1 and 3-1 (now joined). Stretches too big to compare pairwise
   are taken as removed and new.
2. Matched sentences keep their ids (a split gets new ids, a join keeps the first, as the
   editing operations do); corrections made in the document survive (a near match of an
   edited sentence keeps the corrected text, the new file text becomes its ``original``);
   new sentences get new ids, removed ones disappear. Flags stay on their ids; a flag span on
   a changed sentence follows its words or is dropped.
3. Rows keep their sentences. A confirmed row stays confirmed when all its sentences were
   found again inside it (kept, changed, split or joined within the row) and nothing new
   landed inside it; other rows become proposed, and new sentences get rows of their own.
4. With an encoder, the unconfirmed stretches are re-aligned (``core.align.realign``).

The result says what happened: per side kept / changed / new / removed sentences, and how
many confirmed rows were kept or lost.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from .document import Bead, Document, Sentence, Side, check_invariants
from .errors import InputError, read_bytes
from .langtags import base_lang

NEAR = 80.0        # rapidfuzz ratio for a changed sentence (1-1)
NEAR_SPLIT = 85.0  # ... for a sentence split or joined
MAX_GAP_CELLS = 40_000  # a stretch of more old x new sentences is not compared pairwise


@dataclass(frozen=True)
class NewText:
    """A side's new content: segments (text, paragraph), the hash of the file's bytes, and
    the records of its paragraphs that are not plain (None: keep the document's)."""

    segments: Sequence[tuple[str, int]]
    sha256: str | None
    paragraphs: Sequence[dict] | None = None


@dataclass
class SideReport:
    kept: int = 0
    changed: int = 0
    new: int = 0
    removed: int = 0
    split: int = 0
    joined: int = 0

    def line(self, name: str) -> str:
        bits = [f"{self.kept} kept", f"{self.changed} changed", f"{self.new} new",
                f"{self.removed} removed"]
        if self.split:
            bits.append(f"{self.split} re-split")
        if self.joined:
            bits.append(f"{self.joined} joined")
        return f"{name} sentences: " + ", ".join(bits)


@dataclass
class ReanchorResult:
    doc: Document
    sides: dict[str, SideReport] = field(default_factory=dict)
    confirmed_before: int = 0
    confirmed_kept: int = 0
    realigned: bool = False

    @property
    def confirmed_lost(self) -> int:
        return self.confirmed_before - self.confirmed_kept

    def lines(self, names: dict[str, str] | None = None) -> list[str]:
        names = names or {"src": "source", "tgt": "target"}
        out = [rep.line(names[s]) for s, rep in self.sides.items()]
        out.append(f"confirmed rows: {self.confirmed_kept} kept, {self.confirmed_lost} lost "
                   f"(of {self.confirmed_before})")
        return out


def shown_path(path: str) -> str:
    """A path as a message shows it: relative to the working folder when under it."""
    import os

    norm = os.path.normpath(path)
    try:
        rel = os.path.relpath(norm)
    except ValueError:
        return norm
    return rel if not rel.startswith("..") else norm


def drifted_sides(doc: Document) -> dict[str, str]:
    """Sides whose text file no longer hashes to the document's sha256: side -> reason."""
    import hashlib

    out = {}
    for name in ("src", "tgt"):
        side = doc.side(name)
        if side.path is None or side.sha256 is None:
            continue
        shown = shown_path(side.path)
        try:
            data = read_bytes(side.path, InputError, "text file")
        except InputError as exc:
            out[name] = (f"{shown} is missing (the document was made from it)"
                         if exc.message == "file not found" else f"{shown}: {exc.message}")
            continue
        if hashlib.sha256(data).hexdigest() != side.sha256:
            out[name] = f"{shown} changed since this document was made"
    return out


def drifted_sides_of_file(path: str | Path) -> dict[str, str]:
    """:func:`drifted_sides` of a document file, reading only its header (cheap for a big
    document); a file whose header cannot be read gives {} (loading it will say why)."""
    import yaml

    from .yamlfile import Loader

    p = Path(path)
    try:
        text = read_bytes(p).decode("utf-8-sig")
        head = yaml.load(text.split("\nsource_sentences:", 1)[0], Loader=Loader)
        sides = {}
        for name, key in (("src", "source"), ("tgt", "target")):
            h = head[key]
            sides[name] = Side(str(h.get("lang", "")), [], str(p.parent / h["path"])
                               if h.get("path") is not None else None,
                               str(h["sha256"]) if h.get("sha256") is not None else None)
    except Exception:  # noqa: BLE001 - any problem is reported by the real load
        return {}
    return drifted_sides(Document(sides["src"], sides["tgt"], []))


def read_new_text(doc: Document, name: str, presegmented: bool = False) -> NewText:
    """Read and segment a side's file again (its path in the document header), in any format
    the readers know and with the segmentation the document was made with."""
    from .pipeline import read_side
    from .sources import segmentation_of

    side = doc.side(name)
    if side.path is None:
        raise InputError(f"the {name} side names no text file")
    origin: list[dict] = []
    fresh = read_side(side.path, side.lang, presegmented, segmentation=segmentation_of(doc),
                      origin=origin)
    return NewText([(s.text, s.para) for s in fresh.sentences], fresh.sha256, origin)


# ---------------------------------------------------------------- matching one side

@dataclass
class _Match:
    old: tuple[int, ...]   # old positions
    new: tuple[int, ...]   # new positions
    exact: bool


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b)


def _old_keys(s: Sentence) -> tuple[str, ...]:
    return (s.original, s.text) if s.original is not None and s.original != s.text else (s.text,)


def _fuzzy(old: list[Sentence], new: list[str], i0: int, j0: int, sep: str) -> list[_Match]:
    """A best monotonic matching of a small stretch: 1-1, 1-2, 1-3, 2-1, 3-1 or skips."""
    n, m = len(old), len(new)
    if not n or not m or n * m > MAX_GAP_CELLS:
        return []
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == neg:
                continue
            for di, dj in ((1, 0), (0, 1), (1, 1), (1, 2), (1, 3), (2, 1), (3, 1)):
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if di and dj:
                    keys = [_old_keys(s) for s in old[i:a]]
                    joined_new = sep.join(new[j:b])
                    score = max(_ratio(sep.join(k[min(x, len(k) - 1)] for k in keys), joined_new)
                                for x in (0, 1))
                    need = NEAR if di == dj == 1 else NEAR_SPLIT
                    if score < need:
                        continue
                    gain = score / 100.0 * (di + dj)
                else:
                    gain = 0.0
                if here + gain > best[a][b]:
                    best[a][b] = here + gain
                    back[a][b] = (i, j)
    out = []
    a, b = n, m
    while (a, b) != (0, 0):
        i, j = back[a][b]  # type: ignore[misc]
        if a > i and b > j:
            out.append(_Match(tuple(range(i0 + i, i0 + a)), tuple(range(j0 + j, j0 + b)), False))
        a, b = i, j
    return out[::-1]


def _exact(keys_old: list[str], keys_new: list[str], i0: int, j0: int) -> list[_Match]:
    sm = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    return [_Match((i0 + a + k,), (j0 + b + k,), True)
            for a, b, size in sm.get_matching_blocks() for k in range(size)]


def match_side(old: list[Sentence], new: list[str], sep: str = " ") -> list[_Match]:
    """Monotonic matches of old sentence positions to new ones (see the module docstring)."""
    first = _exact([s.original if s.original is not None else s.text for s in old], new, 0, 0)
    matches: list[_Match] = []
    pi, pj = 0, 0
    for mt in first + [_Match((len(old),), (len(new),), True)]:
        i, j = mt.old[0], mt.new[0]
        if i > pi and j > pj:  # a gap: corrected texts, then near matches
            gap_old, gap_new = old[pi:i], new[pj:j]
            second = _exact([s.text for s in gap_old], gap_new, pi, pj)
            qi, qj = pi, pj
            for mt2 in second + [_Match((i,), (j,), True)]:
                a, b = mt2.old[0], mt2.new[0]
                if a > qi and b > qj:
                    matches.extend(_fuzzy(old[qi:a], new[qj:b], qi, qj, sep))
                if a < i:
                    matches.append(mt2)
                    qi, qj = a + 1, b + 1
        if i < len(old):
            matches.append(mt)
            pi, pj = i + 1, j + 1
    return matches


# ---------------------------------------------------------------- the document

def _follow_span(flag: dict, side: str, old: Sentence, new: Sentence) -> dict:
    span = flag.get("span")
    if not isinstance(span, dict) or span.get("side") != side or span.get("id") != old.id:
        return flag
    if old.text == new.text:
        return flag
    try:
        words = old.text[span["start"]:span["end"]]
    except (KeyError, TypeError):
        return flag
    at = new.text.find(words) if words else -1
    out = dict(flag)
    if at < 0:
        out.pop("span", None)
    else:
        out["span"] = dict(span, start=at, end=at + len(words))
    return out


def reanchor(doc: Document, new: dict[str, NewText], encoder=None, cfg=None,
             progress=None) -> ReanchorResult:
    """``doc`` moved onto the new texts of the sides in ``new`` ("src"/"tgt"); the document
    itself is not changed. With ``encoder`` the unconfirmed stretches are re-aligned."""
    from .align.realign import NO_SPACE_LANGS

    result = ReanchorResult(doc, confirmed_before=doc.confirmed_count)
    sides: dict[str, Side] = {}
    owner: dict[str, list[int | None]] = {}     # new position -> old bead (None: new sentence)
    broken: set[int] = set()                    # old beads that lost or gained something
    bead_of: dict[str, dict[int, int]] = {"src": {}, "tgt": {}}
    for bi, b in enumerate(doc.beads):
        for sid in b.src:
            bead_of["src"][sid] = bi
        for sid in b.tgt:
            bead_of["tgt"][sid] = bi
    changed_text: dict[str, dict[int, tuple[Sentence, Sentence]]] = {"src": {}, "tgt": {}}
    for name in ("src", "tgt"):
        side = doc.side(name)
        if name not in new:
            sides[name] = side
            owner[name] = [bead_of[name][s.id] for s in side.sentences]
            continue
        segs = list(new[name].segments)
        texts = [t for t, _ in segs]
        sep = "" if base_lang(side.lang) in NO_SPACE_LANGS else " "
        matches = match_side(side.sentences, texts, sep)
        rep = SideReport()
        next_id = side.next_id
        out: list[Sentence | None] = [None] * len(segs)
        own: list[int | None] = [None] * len(segs)
        matched_old: set[int] = set()
        for mt in matches:
            olds = [side.sentences[i] for i in mt.old]
            beads = {bead_of[name][s.id] for s in olds}
            matched_old.update(mt.old)
            first_bead = bead_of[name][olds[0].id]
            if len(beads) > 1:
                broken.update(beads)
            for j in mt.new:
                own[j] = first_bead
            if len(olds) == 1 and len(mt.new) == 1:
                s, (text, para) = olds[0], segs[mt.new[0]]
                if text in _old_keys(s):
                    out[mt.new[0]] = replace(s, para=para)
                    rep.kept += 1
                else:
                    if s.edited:
                        fresh = Sentence(s.id, s.text, para, text)
                    else:
                        fresh = Sentence(s.id, text, para, None)
                    out[mt.new[0]] = fresh
                    changed_text[name][s.id] = (s, fresh)
                    rep.changed += 1
            elif len(olds) == 1:  # re-split: new ids, as split_sentence does
                rep.split += 1
                for j in mt.new:
                    out[j] = Sentence(next_id, segs[j][0], segs[j][1])
                    next_id += 1
            else:  # joined: the first id stays, as join_sentences does
                rep.joined += len(olds) - 1
                text, para = segs[mt.new[0]]
                out[mt.new[0]] = Sentence(olds[0].id, text, para)
                changed_text[name][olds[0].id] = (olds[0], out[mt.new[0]])  # type: ignore[assignment]
        for j, s in enumerate(out):
            if s is None:
                out[j] = Sentence(next_id, segs[j][0], segs[j][1])
                next_id += 1
                rep.new += 1
        removed = [i for i in range(len(side.sentences)) if i not in matched_old]
        rep.removed = len(removed)
        broken.update(bead_of[name][side.sentences[i].id] for i in removed)
        sides[name] = Side(side.lang, [s for s in out if s is not None], side.path,
                           new[name].sha256, next_id)
        owner[name] = own
        result.sides[name] = rep
    # rows: old rows keep their sentences; new sentences between rows get rows of their own
    ptr = {"src": 0, "tgt": 0}
    beads: list[Bead] = []
    by_bead: dict[str, dict[int, list[int]]] = {"src": {}, "tgt": {}}
    for name in ("src", "tgt"):
        for j, bi in enumerate(owner[name]):
            if bi is not None:
                by_bead[name].setdefault(bi, []).append(j)

    def loose(name: str, upto: int) -> None:
        side = sides[name]
        while ptr[name] < upto:
            sid = side.sentences[ptr[name]].id
            beads.append(Bead((sid,), ()) if name == "src" else Bead((), (sid,)))
            ptr[name] += 1

    for bi, b in enumerate(doc.beads):
        ids: dict[str, tuple[int, ...]] = {}
        for name in ("src", "tgt"):
            pos = by_bead[name].get(bi, [])
            if not pos:
                ids[name] = ()
                continue
            first, last = pos[0], pos[-1]
            if first < ptr[name]:  # shared with the row before (a join across rows)
                first = ptr[name]
                broken.add(bi)
            loose(name, first)
            span = range(first, last + 1)
            if any(owner[name][j] != bi for j in span):
                broken.add(bi)
            ids[name] = tuple(sides[name].sentences[j].id for j in span)
            ptr[name] = last + 1
        if not ids["src"] and not ids["tgt"]:
            continue
        if bi in broken:
            beads.append(Bead(ids["src"], ids["tgt"]))
        else:
            beads.append(Bead(ids["src"], ids["tgt"], b.confidence, b.status))
    loose("src", len(sides["src"].sentences))
    loose("tgt", len(sides["tgt"].sentences))
    extra = dict(doc.extra)
    for name, text in new.items():
        if text.paragraphs is not None:  # the new file's headings, cues ... (core/sources.py)
            section = {"src": "source_paragraphs", "tgt": "target_paragraphs"}[name]
            extra.pop(section, None)
            if text.paragraphs:
                extra[section] = list(text.paragraphs)
    if isinstance(extra.get("flags"), list) and (changed_text["src"] or changed_text["tgt"]):
        flags = []
        for f in extra["flags"]:
            for name in ("src", "tgt"):
                for old, fresh in changed_text[name].values():
                    f = _follow_span(f, name, old, fresh) if isinstance(f, dict) else f
            flags.append(f)
        extra["flags"] = flags
    out_doc = Document(sides["src"], sides["tgt"], beads, doc.model, extra)
    check_invariants(out_doc)
    result.doc = out_doc
    if encoder is not None:
        from .align.config import AlignConfig
        from .align.realign import realign
        from .history import apply_edit

        apply_edit(out_doc, realign(out_doc, encoder, cfg or AlignConfig(), progress=progress))
        result.realigned = True
    result.confirmed_kept = sum(1 for b in out_doc.beads if b.confirmed)
    return result

