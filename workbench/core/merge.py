"""Three-way merge of alignment documents: BASE (what both started from), MINE and THEIRS.

Two people edit copies of one document: the translator fixes the alignment and typos, the
reviewer raises flags. Merging keeps every change that does not collide with one of the other
side's and reports the rest as :class:`Conflict` objects, each settled "mine" or "theirs"
(``prefer`` for all, ``choices`` per conflict). The result is always a valid document.

Rows. A row is compared as its structure (source ids, target ids) plus its fields (status,
confidence) and the records of its sentences (text, para, original). Each side's row list is
diffed against BASE on the structure (rows with unique id lists, so a patience diff: longest
increasing run of rows found in both), giving *hunks*: stretches of BASE rows replaced by other
rows (a merge, split, move, detach, re-alignment, sentence split/join) and single rows whose
fields or sentences changed (a confirm, a typo fix). Hunks of the two sides that do not
overlap are both applied. Where they overlap:

- the same result on both sides: taken once;
- one side changed only fields and sentence texts, the other the structure: the structural
  version is taken and the field changes are laid over it (a typo fix inside rows the other
  side merged), as long as the sentences and rows they touch still exist there;
- fields on both sides: merged per sentence and per row; a sentence (or row status) changed
  differently on both sides is a conflict of that one item;
- anything else is a conflict of the stretch of rows: one side's version is taken whole.

Sentence ids. New sentences of both sides get ids from the same ``next_id``; THEIRS' new ids
that MINE also uses (or used) are renumbered, and so are the flags naming them. Hunks that
touch are joined when a kept sentence moved between them (a re-alignment across rows), so a
hunk can always be taken whole. Flags are merged by id field by field (new flags of both sides kept, renumbered on a
collision, a QA proposal raised on both sides kept once), glossary terms by (source, target),
spelling entries as sets; other sections and the header as whole values.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from .document import Bead, Document, Sentence, Side, check_invariants
from .errors import WorkbenchError
from .operations import Edit, Splice
from .textio import lang_name

MINE, THEIRS = "mine", "theirs"


@dataclass
class Conflict:
    """Something both sides changed differently; ``choice`` is the version the result holds."""

    key: str            # stable name for choosing: "rows:12-14", "src:30", "flag:5" ...
    what: str           # "rows 13-14", "Russian sentence 30", "flag 5" (rows numbered from 1)
    base: list[str]
    mine: list[str]
    theirs: list[str]
    row: int | None     # the first row of the result it concerns (0-based), if any
    choice: str = MINE


@dataclass
class MergeResult:
    doc: Document
    conflicts: list[Conflict]
    mine_changes: int = 0     # hunks and items changed by MINE only, by THEIRS only
    theirs_changes: int = 0

    @property
    def clean(self) -> bool:
        return not self.conflicts


class MergeConflictError(WorkbenchError):
    """The file changed on disk and the changes conflict with the ones being saved."""

    exit_code = 1


# ---------------------------------------------------------------- rows with their sentences

@dataclass(frozen=True)
class _Row:
    bead: Bead
    src: tuple[Sentence, ...]
    tgt: tuple[Sentence, ...]

    @property
    def struct(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return (self.bead.src, self.bead.tgt)

    @property
    def fields(self) -> tuple:
        return (self.bead.status, self.bead.confidence)


def _norm(b: Bead) -> Bead:
    if b.confidence is None:
        return b
    c = round(float(b.confidence), 3)
    return b if c == b.confidence else replace(b, confidence=c)


def _rows(doc: Document) -> list[_Row]:
    src, tgt = doc.source, doc.target
    return [_Row(_norm(b), tuple(src.get(i) for i in b.src), tuple(tgt.get(i) for i in b.tgt))
            for b in doc.beads]


@dataclass
class _Hunk:
    bs: int  # base range [bs, be)
    be: int
    xs: int  # the side's range [xs, xe)
    xe: int


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of (x, b) pairs increasing in b (x is increasing already)."""
    tails: list[int] = []
    tails_at: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, b) in enumerate(pairs):
        i = bisect.bisect_left(tails, b)
        if i == len(tails):
            tails.append(b)
            tails_at.append(k)
        else:
            tails[i] = b
            tails_at[i] = k
        prev[k] = tails_at[i - 1] if i else -1
    out = []
    k = tails_at[-1] if tails_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    return out[::-1]


def _hunks(base: list[_Row], other: list[_Row]) -> list[_Hunk]:
    """Where ``other`` differs from ``base``: replaced stretches and changed rows."""
    where = {r.struct: i for i, r in enumerate(base)}
    pairs = [(j, where[r.struct]) for j, r in enumerate(other) if r.struct in where]
    anchors = [(b, x) for x, b in _lis(pairs)]
    hunks: list[_Hunk] = []
    pb, px = -1, -1
    for b, x in anchors + [(len(base), len(other))]:
        if b - pb > 1 or x - px > 1:
            if b - pb == 1:  # only inserted rows: attach them to a neighbouring anchor
                if pb >= 0:
                    hunks.append(_Hunk(pb, b, px, x))
                elif b < len(base):
                    hunks.append(_Hunk(0, b + 1, 0, x + 1))
                else:
                    hunks.append(_Hunk(0, 0, 0, x))  # BASE has no rows at all
            else:
                hunks.append(_Hunk(pb + 1, b, px + 1, x))
        if b < len(base) and base[b] != other[x]:
            hunks.append(_Hunk(b, b + 1, x, x + 1))
        pb, px = b, x
    hunks.sort(key=lambda h: (h.bs, h.be))
    merged: list[_Hunk] = []
    for h in hunks:  # an insertion attached to a row whose fields changed: one hunk
        if merged and (h.bs < merged[-1].be or (h.bs == merged[-1].bs == merged[-1].be)):
            m = merged[-1]
            m.be, m.xs, m.xe = max(m.be, h.be), min(m.xs, h.xs), max(m.xe, h.xe)
        else:
            merged.append(h)
    return _closed(base, other, merged)


def _ids(rows: list[_Row]) -> set[tuple[str, int]]:
    return {(side, i) for r in rows for side, ids in (("s", r.bead.src), ("t", r.bead.tgt))
            for i in ids}


def _closed(base: list[_Row], other: list[_Row], hunks: list[_Hunk]) -> list[_Hunk]:
    """Hunks that touch are joined when a sentence moved from one to the other (a row
    re-aligned across them), so that each hunk holds the same kept sentences on both sides
    and can be taken or left as a whole."""
    if len(hunks) < 2:
        return hunks
    in_base, in_other = _ids(base), _ids(other)

    def closed(h: _Hunk) -> bool:
        b, x = _ids(base[h.bs:h.be]), _ids(other[h.xs:h.xe])
        return (b & in_other) <= x and (x & in_base) <= b

    out = [hunks[0]]
    for h in hunks[1:]:
        last = out[-1]
        if last.be == h.bs and last.xe == h.xs and not (closed(last) and closed(h)):
            last.be, last.xe = h.be, h.xe
        else:
            out.append(h)
    return out


def _slice(hunks: list[_Hunk], rows: list[_Row], gs: int, ge: int) -> list[_Row]:
    """The side's rows standing for BASE rows [gs, ge) (group edges are hunk edges)."""
    shift_s = sum((h.xe - h.xs) - (h.be - h.bs) for h in hunks if h.be <= gs and h.bs < gs)
    shift_e = sum((h.xe - h.xs) - (h.be - h.bs) for h in hunks
                  if h.be <= ge and (h.bs < ge or h.bs == h.be == ge == gs))
    return rows[gs + shift_s: ge + shift_e]


# ---------------------------------------------------------------- describing

def _clip(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _row_line(r: _Row) -> str:
    mark = "✓ " if r.bead.confirmed else ""
    a = " ".join(s.text for s in r.src) or "—"
    b = " ".join(s.text for s in r.tgt) or "—"
    return f"{mark}{r.bead.kind}  {_clip(a, 60)}  ‖  {_clip(b, 60)}"


# ---------------------------------------------------------------- the row merge

class _RowMerger:
    def __init__(self, base: list[_Row], mine: list[_Row], theirs: list[_Row],
                 prefer: str, choices: dict[str, str], lang: tuple[str, str]):
        self.base, self.mine, self.theirs = base, mine, theirs
        self.prefer, self.choices = prefer, choices
        self.lang = lang
        self.conflicts: list[Conflict] = []
        self.mine_changes = self.theirs_changes = 0

    def choose(self, key: str) -> str:
        return self.choices.get(key, self.prefer)

    def run(self) -> list[_Row]:
        hm, ht = _hunks(self.base, self.mine), _hunks(self.base, self.theirs)
        tagged = sorted([(h.bs, h.be, MINE, h) for h in hm] + [(h.bs, h.be, THEIRS, h) for h in ht],
                        key=lambda t: (t[0], t[1]))
        out: list[_Row] = []
        pos = 0
        k = 0
        while k < len(tagged):
            gs, ge = tagged[k][0], tagged[k][1]
            group = [tagged[k]]
            k += 1
            while k < len(tagged) and (tagged[k][0] < ge or
                                       (tagged[k][0] == tagged[k][1] == gs == ge)):
                ge = max(ge, tagged[k][1])
                group.append(tagged[k])
                k += 1
            out.extend(self.base[pos:gs])  # rows no side touched
            sides = {t[2] for t in group}
            m = _slice(hm, self.mine, gs, ge)
            t = _slice(ht, self.theirs, gs, ge)
            if sides == {MINE}:
                self.mine_changes += 1
                out.extend(m)
            elif sides == {THEIRS}:
                self.theirs_changes += 1
                out.extend(t)
            else:
                out.extend(self._both(gs, ge, m, t, len(out)))
            pos = ge
        out.extend(self.base[pos:])
        return out

    def _both(self, gs: int, ge: int, m: list[_Row], t: list[_Row], at: int) -> list[_Row]:
        if m == t:
            return m
        b = self.base[gs:ge]
        struct = [r.struct for r in b]
        sm, st = [r.struct for r in m], [r.struct for r in t]
        overlay = None
        if sm == struct:
            overlay = self._overlay(t, THEIRS, m, b, at)
        elif st == struct or st == sm:
            overlay = self._overlay(m, MINE, t, b, at)
        if overlay is not None:
            return overlay
        key = f"rows:{gs}-{ge}"
        choice = self.choose(key)
        n = len(m) if choice == MINE else len(t)
        self.conflicts.append(Conflict(
            key, f"rows {at + 1}-{at + n}" if n > 1 else f"row {at + 1}",
            [_row_line(r) for r in b], [_row_line(r) for r in m], [_row_line(r) for r in t],
            at, choice))
        return m if choice == MINE else t

    def _overlay(self, shape: list[_Row], shape_from: str, fields: list[_Row],
                 base: list[_Row], at: int) -> list[_Row] | None:
        """``shape``'s rows (the slice of side ``shape_from``) with the sentence and row
        changes of ``fields`` (the other side's slice) laid over them, or None when one of
        those changes has nowhere to go."""
        base_sent = {(side, s.id): s for r in base for side, ss in (("src", r.src), ("tgt", r.tgt))
                     for s in ss}
        base_rows = {r.struct: r for r in base}
        sent_changes: dict[tuple[str, int], Sentence] = {}
        for r in fields:
            for side, ss in (("src", r.src), ("tgt", r.tgt)):
                for s in ss:
                    old = base_sent.get((side, s.id))
                    if old is None or old != s:
                        sent_changes[(side, s.id)] = s
        row_changes = {r.struct: r for r in fields
                       if r.struct in base_rows and base_rows[r.struct].fields != r.fields}
        new_rows_of_fields = [r for r in fields if r.struct not in base_rows]
        shape_structs = {r.struct for r in shape}
        if any(r.struct not in shape_structs for r in new_rows_of_fields):
            return None
        shape_ids = {(side, s.id) for r in shape for side, ss in (("src", r.src), ("tgt", r.tgt))
                     for s in ss}
        if any(k not in shape_ids for k in sent_changes) or \
                any(k not in shape_structs for k in row_changes):
            return None
        out = []
        for r in shape:
            bead = r.bead
            fr = row_changes.get(r.struct)
            if fr is None and r.struct not in base_rows:
                fr = next((x for x in new_rows_of_fields if x.struct == r.struct), None)
            if fr is not None and fr.fields != r.fields:
                old = base_rows.get(r.struct)
                if old is not None and r.fields == old.fields:
                    bead = fr.bead
                    self._count(shape_from)
                else:
                    key = f"row:{list(r.struct[0])}:{list(r.struct[1])}"
                    mine_r, theirs_r = (r, fr) if shape_from == MINE else (fr, r)
                    choice = self.choose(key)
                    self.conflicts.append(Conflict(
                        key, f"status of row {at + len(out) + 1}",
                        [_row_line(old)] if old else [], [_row_line(mine_r)], [_row_line(theirs_r)],
                        at + len(out), choice))
                    bead = (mine_r if choice == MINE else theirs_r).bead
            new_sides = []
            for side, ss in (("src", r.src), ("tgt", r.tgt)):
                merged = []
                for s in ss:
                    f = sent_changes.get((side, s.id))
                    if f is None or f == s:
                        merged.append(s)
                        continue
                    old = base_sent.get((side, s.id))
                    if old is not None and s == old:
                        merged.append(f)
                        self._count(shape_from)
                        continue
                    key = f"{side}:{s.id}"
                    mine_s, theirs_s = (s, f) if shape_from == MINE else (f, s)
                    choice = self.choose(key)
                    lang = lang_name(self.lang[0] if side == "src" else self.lang[1])
                    self.conflicts.append(Conflict(
                        key, f"{lang} sentence {s.id} in row {at + len(out) + 1}",
                        [old.text] if old else [], [mine_s.text], [theirs_s.text],
                        at + len(out), choice))
                    merged.append(mine_s if choice == MINE else theirs_s)
                new_sides.append(tuple(merged))
            out.append(_Row(bead, new_sides[0], new_sides[1]))
        return out

    def _count(self, shape_from: str) -> None:
        """One change of the side laid over ``shape_from``'s rows."""
        if shape_from == MINE:
            self.theirs_changes += 1
        else:
            self.mine_changes += 1


# ---------------------------------------------------------------- sections

def _dump_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


_local = threading.local()  # records changed by each side in this thread's merge


def _count(side: str) -> None:
    counts = getattr(_local, "counts", None)
    if counts is not None:
        counts[side] += 1


def _merge_records(name: str, base: list, mine: list, theirs: list,
                   key: Callable[[Any], Any], prefer: str, choices: dict[str, str],
                   conflicts: list[Conflict], describe: Callable[[Any], str]) -> list:
    """Three-way merge of a list of records identified by ``key`` (mine's order, then the
    records THEIRS added). A record changed on one side only takes that change; changed on
    both (differently), or changed on one and deleted on the other, is a conflict."""
    def index(items):
        out = {}
        for r in items:
            out.setdefault(key(r), r)
        return out
    b, m, t = index(base), index(mine), index(theirs)
    result = []
    for k, mr in m.items():
        br, tr = b.get(k), t.get(k)
        if br is None:  # new in mine (or in both)
            if tr is None or _dump_key(tr) == _dump_key(mr):
                result.append(mr)
                _count(MINE)
                continue
            value = _conflict_value(name, k, None, mr, tr, prefer, choices, conflicts, describe)
        elif tr is None:  # theirs deleted it
            if _dump_key(mr) == _dump_key(br):
                _count(THEIRS)
                continue
            value = _conflict_value(name, k, br, mr, None, prefer, choices, conflicts, describe)
        else:
            value = _merge_fields(name, k, br, mr, tr, prefer, choices, conflicts, describe)
        if value is not None:
            result.append(value)
    for k, tr in t.items():
        if k in m:
            continue
        br = b.get(k)
        if br is None:
            result.append(tr)  # new in theirs
            _count(THEIRS)
        elif _dump_key(tr) != _dump_key(br):  # mine deleted it, theirs changed it
            value = _conflict_value(name, k, br, None, tr, prefer, choices, conflicts, describe)
            if value is not None:
                result.append(value)
    return result


def _merge_fields(name, k, br, mr, tr, prefer, choices, conflicts, describe):
    if _dump_key(mr) == _dump_key(tr) or _dump_key(tr) == _dump_key(br):
        if _dump_key(mr) != _dump_key(br):
            _count(MINE)
        return mr
    if _dump_key(mr) == _dump_key(br):
        _count(THEIRS)
        return tr
    if all(isinstance(x, dict) for x in (br, mr, tr)):
        out = {}
        clash = False
        for f in list(mr) + [f for f in tr if f not in mr]:
            bv, mv, tv = br.get(f, _MISSING), mr.get(f, _MISSING), tr.get(f, _MISSING)
            if _dump_key(mv) == _dump_key(tv) or _dump_key(tv) == _dump_key(bv):
                v = mv
            elif _dump_key(mv) == _dump_key(bv):
                v = tv
            else:
                clash = True
                break
            if v is not _MISSING:
                out[f] = v
        if not clash:
            _count(MINE)
            _count(THEIRS)
            return out
    return _conflict_value(name, k, br, mr, tr, prefer, choices, conflicts, describe)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def _conflict_value(name, k, br, mr, tr, prefer, choices, conflicts, describe):
    ckey = f"{name}:{k}"
    choice = choices.get(ckey, prefer)
    show = (lambda r: [describe(r)] if r is not None else ["(deleted)"])
    conflicts.append(Conflict(ckey, f"{name} {k}", show(br), show(mr), show(tr), None, choice))
    return mr if choice == MINE else tr


def _scalar(name: str, b, m, t, prefer, choices, conflicts):
    if _dump_key(m) == _dump_key(t) or _dump_key(t) == _dump_key(b):
        return m
    if _dump_key(m) == _dump_key(b):
        return t
    choice = choices.get(name, prefer)
    conflicts.append(Conflict(name, name, [str(b)], [str(m)], [str(t)], None, choice))
    return m if choice == MINE else t


def _flag_line(r: Any) -> str:
    if not isinstance(r, dict):
        return str(r)
    bits = [str(r.get("category", "")), str(r.get("severity", "")), str(r.get("status", ""))]
    if r.get("comment"):
        bits.append(_clip(str(r["comment"]), 50))
    return " · ".join(b for b in bits if b)


def _remap_flag(rec: Any, maps: dict[str, dict[int, int]]) -> Any:
    if not isinstance(rec, dict):
        return rec
    out = dict(rec)
    for side in ("src", "tgt"):
        if isinstance(out.get(side), list):
            out[side] = [maps[side].get(i, i) if isinstance(i, int) else i for i in out[side]]
    span = out.get("span")
    if isinstance(span, dict) and span.get("side") in maps and isinstance(span.get("id"), int):
        out["span"] = dict(span, id=maps[span["side"]].get(span["id"], span["id"]))
    return out


def _merge_flags(base: list, mine: list, theirs: list, prefer, choices, conflicts) -> list:
    def fid(r):
        return r.get("id") if isinstance(r, dict) else _dump_key(r)
    base_ids = {fid(r) for r in base}
    mine_ids = {fid(r) for r in mine}
    mine_keys = {r.get("key") for r in mine if isinstance(r, dict) and r.get("key")}
    taken = {i for i in base_ids | mine_ids | {fid(r) for r in theirs} if isinstance(i, int)}
    next_id = max(taken, default=0) + 1
    fixed = []
    for r in theirs:
        i = fid(r)
        if isinstance(r, dict) and i not in base_ids:
            if r.get("key") and r["key"] in mine_keys and i not in mine_ids:
                continue  # the same QA proposal, raised on both sides
            mr = next((x for x in mine if fid(x) == i), None)
            if mr is not None and _dump_key(mr) != _dump_key(r):
                if r.get("key") and r.get("key") == mr.get("key"):
                    continue
                r = dict(r, id=next_id)  # both added a flag with this id: renumber theirs
                next_id += 1
        fixed.append(r)
    return _merge_records("flag", base, mine, fixed, fid, prefer, choices, conflicts, _flag_line)


def _merge_section(name: str, b, m, t, prefer, choices, conflicts):
    if name == "flags" and all(isinstance(x, list) for x in (b, m, t)):
        return _merge_flags(b, m, t, prefer, choices, conflicts)
    if name == "glossary" and all(isinstance(x, list) for x in (b, m, t)):
        def term_key(r):
            return (str(r.get("source")), str(r.get("target"))) if isinstance(r, dict) else _dump_key(r)
        return _merge_records("glossary term", b, m, t, term_key, prefer, choices, conflicts,
                              lambda r: _dump_key(r))
    if all(isinstance(x, list) for x in (b, m, t)):  # spelling and unknown lists: as sets
        return _merge_records(name, b, m, t, _dump_key, prefer, choices, conflicts, _dump_key)
    return _scalar(name, b, m, t, prefer, choices, conflicts)


# ---------------------------------------------------------------- ids

def _renumber_theirs(base: Document, mine: Document, theirs: Document) -> tuple[Document, dict]:
    """THEIRS with its new sentence ids moved clear of MINE's; returns the id maps."""
    maps: dict[str, dict[int, int]] = {"src": {}, "tgt": {}}
    sides = {}
    for name in ("src", "tgt"):
        b, m, t = base.side(name), mine.side(name), theirs.side(name)
        mine_ids = {s.id for s in m.sentences}
        nxt = max(m.next_id, t.next_id, b.next_id)
        new = []
        for s in t.sentences:
            if s.id >= b.next_id and (s.id in mine_ids or s.id < m.next_id):
                # a new sentence of THEIRS whose id MINE uses (or used and dropped): renumber
                # it. (Even the same split on both sides: ids tie rows together, and two
                # copies of one id in different rows would break the document.)
                maps[name][s.id] = nxt
                s = replace(s, id=nxt)
                nxt += 1
            new.append(s)
        sides[name] = Side(t.lang, new, t.path, t.sha256, max(nxt, t.next_id))
    if not maps["src"] and not maps["tgt"]:
        return theirs, maps
    beads = [replace(bd, src=tuple(maps["src"].get(i, i) for i in bd.src),
                     tgt=tuple(maps["tgt"].get(i, i) for i in bd.tgt)) for bd in theirs.beads]
    extra = dict(theirs.extra)
    if isinstance(extra.get("flags"), list):
        extra["flags"] = [_remap_flag(r, maps) for r in extra["flags"]]
    return Document(sides["src"], sides["tgt"], beads, theirs.model, extra), maps


# ---------------------------------------------------------------- the merge

def merge(base: Document, mine: Document, theirs: Document, *, prefer: str = MINE,
          choices: dict[str, str] | None = None) -> MergeResult:
    """Three-way merge (see the module docstring). Conflicts take ``prefer`` ("mine" or
    "theirs") unless ``choices`` (conflict key -> "mine"/"theirs") says otherwise."""
    if prefer not in (MINE, THEIRS):
        raise ValueError(f"prefer must be {MINE!r} or {THEIRS!r}")
    choices = dict(choices or {})
    theirs, _ = _renumber_theirs(base, mine, theirs)
    langs = (base.source.lang, base.target.lang)
    rm = _RowMerger(_rows(base), _rows(mine), _rows(theirs), prefer, choices, langs)
    rows = rm.run()
    conflicts = rm.conflicts
    src = [s for r in rows for s in r.src]
    tgt = [s for r in rows for s in r.tgt]

    def side(name: str, sentences: list[Sentence]) -> Side:
        b, m, t = base.side(name), mine.side(name), theirs.side(name)
        header = {}
        for f in ("lang", "path", "sha256"):
            header[f] = _scalar(f"{'source' if name == 'src' else 'target'}.{f}",
                                getattr(b, f), getattr(m, f), getattr(t, f), prefer, choices,
                                conflicts)
        return Side(header["lang"], sentences, header["path"], header["sha256"],
                    max(b.next_id, m.next_id, t.next_id))

    extra: dict[str, Any] = {}
    _local.counts = counts = {MINE: 0, THEIRS: 0}
    for name in dict.fromkeys([*mine.extra, *theirs.extra, *base.extra]):
        b, m, t = (d.extra.get(name, _MISSING) for d in (base, mine, theirs))
        if m is _MISSING and t is _MISSING:
            continue
        if m is _MISSING and _dump_key(t) == _dump_key(b):
            continue  # MINE dropped the section, THEIRS did not touch it
        if t is _MISSING and _dump_key(m) == _dump_key(b):
            continue
        if all(isinstance(x, list) or x is _MISSING for x in (b, m, t)):
            b, m, t = ([] if x is _MISSING else x for x in (b, m, t))
        else:
            b, m, t = (None if x is _MISSING else x for x in (b, m, t))
        extra[name] = _merge_section(name, b, m, t, prefer, choices, conflicts)
    model = _scalar("model", base.model, mine.model, theirs.model, prefer, choices, conflicts)
    doc = Document(side("src", src), side("tgt", tgt), [r.bead for r in rows], model, extra)
    check_invariants(doc)
    return MergeResult(doc, conflicts, rm.mine_changes + counts[MINE],
                       rm.theirs_changes + counts[THEIRS])


# ---------------------------------------------------------------- saving without losing theirs

def save_merging(doc: Document, path: str | Path, base: Document, base_sha: str | None,
                 *, prefer: str | None = None) -> MergeResult | None:
    """Save ``doc`` to ``path``, which was read as ``base`` (bytes hashing to ``base_sha``).

    If the file changed on disk since, the other person's changes are merged in first; with
    conflicts and no ``prefer`` nothing is written and MergeConflictError lists them. Returns
    the merge (None when the file had not changed). ``base_sha`` None: save as is.
    """
    from . import store

    p = Path(path)
    try:
        current = p.read_bytes()
    except FileNotFoundError:
        current = None
    if base_sha is None or current is None or hashlib.sha256(current).hexdigest() == base_sha:
        store.save(doc, p)
        return None
    theirs = store.loads_bytes(current, str(p), p.parent)
    result = merge(base, doc, theirs, prefer=prefer or MINE)
    if result.conflicts and prefer is None:
        lines = "; ".join(f"{c.what}" for c in result.conflicts[:5])
        more = f" and {len(result.conflicts) - 5} more" if len(result.conflicts) > 5 else ""
        raise MergeConflictError(
            f"changed on disk while this command ran, and {len(result.conflicts)} change(s) "
            f"conflict with it ({lines}{more}); nothing was written", path=str(p),
            hint="run the command again on the new file")
    store.save(result.doc, p)
    return result


def _trimmed(target: str, old: list, new: list) -> Splice | None:
    """One splice turning ``old`` into ``new``: the changed middle, common ends left out."""
    n = min(len(old), len(new))
    p = 0
    while p < n and old[p] == new[p]:
        p += 1
    q = 0
    while q < n - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    if p == len(old) == len(new):
        return None
    return Splice(target, p, tuple(old[p:len(old) - q]), tuple(new[p:len(new) - q]))


def replacement_edit(doc: Document, new: Document, label: str = "merge") -> Edit:
    """An undoable edit turning ``doc``'s rows, sentences and list sections into ``new``'s
    (a merge result applied in the UI). Headers and non-list sections are not in it."""
    splices = []
    for target, a, b in (("src", doc.source.sentences, new.source.sentences),
                         ("tgt", doc.target.sentences, new.target.sentences)):
        sp = _trimmed(target, a, b)
        if sp is not None:
            splices.append(sp)
    for name in dict.fromkeys([*doc.extra, *new.extra]):
        a, b = doc.extra.get(name, []), new.extra.get(name, [])
        if isinstance(a, list) and isinstance(b, list):
            sp = _trimmed(f"extra:{name}", a, b)
            if sp is not None:
                splices.append(sp)
    sp = _trimmed("beads", doc.beads, new.beads)
    if sp is not None:
        splices.append(sp)
    ids_before = (doc.source.next_id, doc.target.next_id)
    ids_after = (max(doc.source.next_id, new.source.next_id),
                 max(doc.target.next_id, new.target.next_id))
    return Edit(label, tuple(splices), ids_before, ids_after,
                cursor=next((x.start for x in splices if x.target == "beads"), None))


def describe(conflicts: Iterable[Conflict]) -> list[str]:
    """One line per conflict, for the command line."""
    out = []
    for c in conflicts:
        out.append(f"conflict: {c.what}: kept {c.choice}")
        for who, lines in (("base", c.base), ("mine", c.mine), ("theirs", c.theirs)):
            for line in lines[:4]:
                out.append(f"  {who:6} {line}")
    return out

