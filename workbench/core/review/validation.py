"""Validation of a loaded ``flags`` section (registered in ``section_checks.SECTION_CHECKS``):
problems as (keys inside the section, message, hint), so a hand-edit error names its line.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from .vocabulary import CATEGORIES, FLAG_STATUSES, SEVERITIES, SIDES, near_categories


def _ids_ok(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool)
                                           and v >= 0 for v in value)


def check_records(value: Any, doc: Document | None = None) -> list[tuple[tuple, str, str | None]]:
    """Problems of a loaded ``flags`` section as (keys inside the section, message, hint).

    With ``doc``, sentence ids are checked against the sides: an id the side never had (not
    below its ``next_id``) is an error; an id that existed and was split away is fine (the
    flag is detached, see the module docstring).
    """
    problems: list[tuple[tuple, str, str | None]] = []
    if not isinstance(value, list):
        return [((), "'flags' must be a list of flags, one mapping per line", None)]
    seen: set[int] = set()
    for i, rec in enumerate(value):
        where = f"flag {i + 1}"

        def bad(message: str, key: str | None = None, hint: str | None = None) -> None:
            problems.append(((i,) if key is None else (i, key), message, hint))

        if not isinstance(rec, dict):
            bad(f"{where} must be a mapping like {{id: 1, src: [3], tgt: [4], category: ...}}")
            continue
        fid = rec.get("id")
        if not isinstance(fid, int) or isinstance(fid, bool) or fid < 1:
            bad(f"{where} needs a positive integer id", "id")
            continue
        where = f"flag {fid}"
        if fid in seen:
            bad(f"{where}: the id is used twice", "id", "give each flag its own id")
        seen.add(fid)
        for side in SIDES:
            if not _ids_ok(rec.get(side, [])):
                bad(f"{where}: {side} must be a list of sentence ids, like [3, 4]", side)
        if not rec.get("src") and not rec.get("tgt"):
            bad(f"{where} names no sentence", None, "add src: [ids] or tgt: [ids]")
        cat = rec.get("category")
        if cat not in CATEGORIES:
            near = near_categories(cat) if isinstance(cat, str) else []
            bad(f"{where}: unknown MQM category {cat!r}", "category",
                f"did you mean {', '.join(near)}?" if near else
                f"use one of {', '.join(CATEGORIES)}")
        if rec.get("severity") not in SEVERITIES:
            bad(f"{where}: unknown severity {rec.get('severity')!r}", "severity",
                f"use one of {', '.join(SEVERITIES)}")
        if rec.get("status", "open") not in FLAG_STATUSES:
            bad(f"{where}: unknown status {rec.get('status')!r}", "status",
                f"use one of {', '.join(FLAG_STATUSES)}")
        for key in ("comment", "suggestion", "author", "origin", "key"):
            if rec.get(key) is not None and not isinstance(rec.get(key), str):
                bad(f"{where}: {key} must be text", key, "quote it")
        if rec.get("created") is not None and not isinstance(rec.get("created"), str):
            bad(f"{where}: created must be an ISO time in quotes", "created")
        span = rec.get("span")
        span_ok = True
        if span is not None:
            if not (isinstance(span, dict) and span.get("side") in SIDES
                    and all(isinstance(span.get(k), int) and not isinstance(span.get(k), bool)
                            for k in ("id", "start", "end"))
                    and 0 <= span["start"] < span["end"]):
                span_ok = False
                bad(f"{where}: span must be {{side: src|tgt, id: N, start: N, end: N}} with "
                    "start < end", "span")
        if doc is None:
            continue
        names = {"src": "source", "tgt": "target"}
        checks = [(side, sid) for side in SIDES if _ids_ok(rec.get(side, []))
                  for sid in rec.get(side, [])]
        if span is not None and span_ok:
            checks.append((span["side"], span["id"]))
        for side, sid in checks:
            if sid >= doc.side(side).next_id:
                bad(f"{where} names {names[side]} sentence {sid}, which this document never had",
                    side if side in rec else "span",
                    "fix the id or delete the flag")
                break
    return problems
