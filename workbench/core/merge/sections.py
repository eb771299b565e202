"""Sections beside the rows: flags by id, glossary terms, spelling sets, other values."""

from __future__ import annotations

import json
from typing import Any, Callable

from .common import MINE, THEIRS, Conflict, clip, count_change


def dump_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)



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
            if tr is None or dump_key(tr) == dump_key(mr):
                result.append(mr)
                count_change(MINE)
                continue
            value = _conflict_value(name, k, None, mr, tr, prefer, choices, conflicts, describe)
        elif tr is None:  # theirs deleted it
            if dump_key(mr) == dump_key(br):
                count_change(THEIRS)
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
            count_change(THEIRS)
        elif dump_key(tr) != dump_key(br):  # mine deleted it, theirs changed it
            value = _conflict_value(name, k, br, None, tr, prefer, choices, conflicts, describe)
            if value is not None:
                result.append(value)
    return result


def _merge_fields(name, k, br, mr, tr, prefer, choices, conflicts, describe):
    if dump_key(mr) == dump_key(tr) or dump_key(tr) == dump_key(br):
        if dump_key(mr) != dump_key(br):
            count_change(MINE)
        return mr
    if dump_key(mr) == dump_key(br):
        count_change(THEIRS)
        return tr
    if all(isinstance(x, dict) for x in (br, mr, tr)):
        out = {}
        clash = False
        for f in list(mr) + [f for f in tr if f not in mr]:
            bv, mv, tv = br.get(f, MISSING), mr.get(f, MISSING), tr.get(f, MISSING)
            if dump_key(mv) == dump_key(tv) or dump_key(tv) == dump_key(bv):
                v = mv
            elif dump_key(mv) == dump_key(bv):
                v = tv
            else:
                clash = True
                break
            if v is not MISSING:
                out[f] = v
        if not clash:
            count_change(MINE)
            count_change(THEIRS)
            return out
    return _conflict_value(name, k, br, mr, tr, prefer, choices, conflicts, describe)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()


def _conflict_value(name, k, br, mr, tr, prefer, choices, conflicts, describe):
    ckey = f"{name}:{k}"
    choice = choices.get(ckey, prefer)
    show = (lambda r: [describe(r)] if r is not None else ["(deleted)"])
    conflicts.append(Conflict(ckey, f"{name} {k}", show(br), show(mr), show(tr), None, choice))
    return mr if choice == MINE else tr


def merge_scalar(name: str, b, m, t, prefer, choices, conflicts):
    if dump_key(m) == dump_key(t) or dump_key(t) == dump_key(b):
        return m
    if dump_key(m) == dump_key(b):
        return t
    choice = choices.get(name, prefer)
    conflicts.append(Conflict(name, name, [str(b)], [str(m)], [str(t)], None, choice))
    return m if choice == MINE else t


def _flag_line(r: Any) -> str:
    if not isinstance(r, dict):
        return str(r)
    bits = [str(r.get("category", "")), str(r.get("severity", "")), str(r.get("status", ""))]
    if r.get("comment"):
        bits.append(clip(str(r["comment"]), 50))
    return " · ".join(b for b in bits if b)


def remap_flag(rec: Any, maps: dict[str, dict[int, int]]) -> Any:
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
    """Flags by id. Both sides added a flag with the same id: MINE's is renumbered, since
    THEIRS' is already in the file (a command may have printed its id: that id stays true)."""
    def fid(r):
        return r.get("id") if isinstance(r, dict) else dump_key(r)
    base_ids = {fid(r) for r in base}
    mine_ids = {fid(r) for r in mine}
    mine_keys = {r.get("key") for r in mine if isinstance(r, dict) and r.get("key")}
    taken = {i for i in base_ids | mine_ids | {fid(r) for r in theirs} if isinstance(i, int)}
    next_id = max(taken, default=0) + 1
    kept_theirs, renumber_mine = [], {}
    for r in theirs:
        i = fid(r)
        if isinstance(r, dict) and i not in base_ids:
            if r.get("key") and r["key"] in mine_keys and i not in mine_ids:
                continue  # the same QA proposal, raised on both sides
            mr = next((x for x in mine if fid(x) == i), None)
            if mr is not None and dump_key(mr) != dump_key(r):
                if r.get("key") and r.get("key") == mr.get("key"):
                    continue
                renumber_mine[i] = next_id  # both added a flag with this id
                next_id += 1
        kept_theirs.append(r)
    mine = [dict(r, id=renumber_mine[fid(r)]) if isinstance(r, dict) and fid(r) in renumber_mine
            else r for r in mine]
    return _merge_records("flag", base, mine, kept_theirs, fid, prefer, choices, conflicts,
                          _flag_line)


def merge_section(name: str, b, m, t, prefer, choices, conflicts):
    if name == "flags" and all(isinstance(x, list) for x in (b, m, t)):
        return _merge_flags(b, m, t, prefer, choices, conflicts)
    if name == "glossary" and all(isinstance(x, list) for x in (b, m, t)):
        def term_key(r):
            return (str(r.get("source")), str(r.get("target"))) if isinstance(r, dict) else dump_key(r)
        return _merge_records("glossary term", b, m, t, term_key, prefer, choices, conflicts,
                              lambda r: dump_key(r))
    if all(isinstance(x, list) for x in (b, m, t)):  # spelling and unknown lists: as sets
        return _merge_records(name, b, m, t, dump_key, prefer, choices, conflicts, dump_key)
    return merge_scalar(name, b, m, t, prefer, choices, conflicts)


