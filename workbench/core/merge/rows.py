"""Rows: diffing each side's rows against BASE into hunks, and merging the hunks."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ..document import Bead, Document, Sentence
from ..textio import lang_name

from .common import MINE, THEIRS, Conflict, clip


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


def document_rows(doc: Document) -> list[_Row]:
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



def _row_line(r: _Row) -> str:
    mark = "✓ " if r.bead.confirmed else ""
    a = " ".join(s.text for s in r.src) or "—"
    b = " ".join(s.text for s in r.tgt) or "—"
    return f"{mark}{r.bead.kind}  {clip(a, 60)}  ‖  {clip(b, 60)}"



# ---------------------------------------------------------------- the row merge

class RowMerger:
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
                    self.count_change(shape_from)
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
                        self.count_change(shape_from)
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

    def count_change(self, shape_from: str) -> None:
        """One change of the side laid over ``shape_from``'s rows."""
        if shape_from == MINE:
            self.theirs_changes += 1
        else:
            self.mine_changes += 1


