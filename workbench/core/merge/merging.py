"""The whole merge, and a merge result turned into one undoable edit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from ..document import Document, Sentence, Side, check_invariants
from ..history import Edit, Splice

from .common import MINE, THEIRS, Conflict, MergeResult, local_counts
from .rows import RowMerger, document_rows
from .sections import MISSING, dump_key, merge_section, remap_flag, merge_scalar


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
        extra["flags"] = [remap_flag(r, maps) for r in extra["flags"]]
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
    rm = RowMerger(document_rows(base), document_rows(mine), document_rows(theirs), prefer,
                   choices, langs)
    rows = rm.run()
    conflicts = rm.conflicts
    src = [s for r in rows for s in r.src]
    tgt = [s for r in rows for s in r.tgt]

    def side(name: str, sentences: list[Sentence]) -> Side:
        b, m, t = base.side(name), mine.side(name), theirs.side(name)
        header = {}
        for f in ("lang", "path", "sha256"):
            header[f] = merge_scalar(f"{'source' if name == 'src' else 'target'}.{f}",
                                getattr(b, f), getattr(m, f), getattr(t, f), prefer, choices,
                                conflicts)
        return Side(header["lang"], sentences, header["path"], header["sha256"],
                    max(b.next_id, m.next_id, t.next_id))

    extra: dict[str, Any] = {}
    local_counts.counts = counts = {MINE: 0, THEIRS: 0}
    for name in dict.fromkeys([*mine.extra, *theirs.extra, *base.extra]):
        b, m, t = (d.extra.get(name, MISSING) for d in (base, mine, theirs))
        if m is MISSING and t is MISSING:
            continue
        if m is MISSING and dump_key(t) == dump_key(b):
            continue  # MINE dropped the section, THEIRS did not touch it
        if t is MISSING and dump_key(m) == dump_key(b):
            continue
        if all(isinstance(x, list) or x is MISSING for x in (b, m, t)):
            b, m, t = ([] if x is MISSING else x for x in (b, m, t))
        else:
            b, m, t = (None if x is MISSING else x for x in (b, m, t))
        extra[name] = merge_section(name, b, m, t, prefer, choices, conflicts)
    model = merge_scalar("model", base.model, mine.model, theirs.model, prefer, choices, conflicts)
    doc = Document(side("src", src), side("tgt", tgt), [r.bead for r in rows], model, extra)
    check_invariants(doc)
    return MergeResult(doc, conflicts, rm.mine_changes + counts[MINE],
                       rm.theirs_changes + counts[THEIRS])


# ---------------------------------------------------------------- a merge applied as an edit

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


