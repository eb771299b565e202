"""Building flags and undoable edits of them: add, edit, resolve, reopen, dismiss, delete,
and accept a flag's suggestion (fix the text and resolve the flag in one step).

Nothing here mutates the document: each function returns an
:class:`~workbench.core.history.Edit` that the UI applies with ``History.do``.
"""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Sequence

from ..document import Document, Span
from ..errors import OperationError
from ..history import Edit, Splice
from ..operations import edit_sentence, replace_span
from .flag import TARGET, Flag
from .reading import flag_position, flag_row, flags, get_flag, records
from .vocabulary import CATEGORIES, FLAG_STATUSES, SEVERITIES, SIDES, near_categories


def default_author() -> str:
    """The login name (getpass), or "unknown" where there is none."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name in some containers
        return "unknown"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def anchor_of_row(doc: Document, row: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The sentence ids a new flag on ``row`` is anchored to."""
    if not 0 <= row < len(doc.beads):
        raise OperationError(f"there is no row {row + 1}")
    b = doc.beads[row]
    return tuple(b.src), tuple(b.tgt)


def _next_id(doc: Document) -> int:
    ids = [r.get("id") for r in records(doc) if isinstance(r.get("id"), int)]
    return max(ids, default=0) + 1


def _validate(doc: Document, flag: Flag, check_span: bool = True) -> None:
    if flag.category not in CATEGORIES:
        near = near_categories(flag.category)
        raise OperationError(f"unknown MQM category {flag.category!r}"
                             + (f": did you mean {', '.join(near)}?" if near else ""))
    if flag.severity not in SEVERITIES:
        raise OperationError(f"unknown severity {flag.severity!r}: use {', '.join(SEVERITIES)}")
    if flag.status not in FLAG_STATUSES:
        raise OperationError(f"unknown flag status {flag.status!r}: use {', '.join(FLAG_STATUSES)}")
    if not flag.src and not flag.tgt:
        raise OperationError("a flag must name at least one sentence")
    if flag.span is not None and check_span:  # an old span may lag behind a text edit
        sp = flag.span
        if sp.side not in SIDES:
            raise OperationError(f"unknown side {sp.side!r}: use 'src' or 'tgt'")
        side = doc.side(sp.side)
        try:
            text = side.get(sp.sid).text
        except KeyError:
            raise OperationError(f"there is no {sp.side} sentence {sp.sid}") from None
        if not 0 <= sp.start < sp.end <= len(text):
            raise OperationError(f"the span {sp.start}-{sp.end} is outside sentence {sp.sid} "
                                 f"({len(text)} characters)")


def new_flag(doc: Document, row: int, category: str, severity: str, *, comment: str = "",
             span: Span | None = None, suggestion: str | None = None, author: str | None = None,
             origin: str = "manual", key: str | None = None, now: str | None = None,
             flag_id: int | None = None) -> Flag:
    """A validated flag on ``row`` (not yet in the document: pass it to :func:`add_flags`)."""
    src, tgt = anchor_of_row(doc, row)
    if span is not None and span.sid not in (src if span.side == "src" else tgt):
        raise OperationError(f"sentence {span.sid} is not in row {row + 1}")
    flag = Flag(id=flag_id if flag_id is not None else _next_id(doc), src=src, tgt=tgt,
                category=category, severity=severity, comment=comment.strip(), span=span,
                suggestion=suggestion, author=author or default_author(),
                created=now or now_iso(), origin=origin, key=key)
    _validate(doc, flag)
    return flag


def find_span(doc: Document, row: int, text: str,
              first: tuple[str, int] | None = None) -> Span | None:
    """The first occurrence of ``text`` in row ``row``: in sentence ``first`` = (side, id) if
    given, then in the target sentences, then the source ones; None if it is not there."""
    if not text:
        return None
    b = doc.beads[row]
    order = [first] if first is not None else []
    order += [("tgt", sid) for sid in b.tgt] + [("src", sid) for sid in b.src]
    for side, sid in order:
        pos = doc.side(side).get(sid).text.find(text)
        if pos >= 0:
            return Span(side, sid, pos, pos + len(text))
    return None


def add_flag(doc: Document, row: int, category: str, severity: str, *, comment: str = "",
             span: Span | None = None, suggestion: str | None = None, author: str | None = None,
             origin: str = "manual", key: str | None = None, now: str | None = None) -> Edit:
    """Flag ``row`` (0-based). ``author`` defaults to the login name, ``now`` to the UTC time."""
    flag = new_flag(doc, row, category, severity, comment=comment, span=span,
                    suggestion=suggestion, author=author, origin=origin, key=key, now=now)
    return Edit("add flag", (Splice(TARGET, len(records(doc)), (), (flag.record(),)),), cursor=row)


def add_flags(doc: Document, items: Sequence[Flag], label: str = "add flags") -> Edit:
    """Add several flags as one undoable step; their ids are renumbered after the last one."""
    if not items:
        raise OperationError("no flags to add")
    start = _next_id(doc)
    new = []
    for k, f in enumerate(items):
        f = replace(f, id=start + k)
        _validate(doc, f)
        new.append(f.record())
    return Edit(label, (Splice(TARGET, len(records(doc)), (), tuple(new)),))


_EDITABLE = {"category", "severity", "status", "comment", "span", "suggestion", "author"}


def edit_flag(doc: Document, flag_id: int, **changes: Any) -> Edit:
    """Change fields of a flag: category, severity, status, comment, span, suggestion, author."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise OperationError(f"a flag has no editable field {', '.join(sorted(unknown))}")
    pos = flag_position(doc, flag_id)
    old_rec = records(doc)[pos]
    old = Flag.from_record(old_rec)
    if "comment" in changes and changes["comment"] is not None:
        changes["comment"] = str(changes["comment"]).strip()
    new = replace(old, **changes)
    if new == old:
        raise OperationError("the flag is unchanged")
    _validate(doc, new, check_span="span" in changes and changes["span"] is not None)
    row = flag_row(doc, new)
    return Edit("edit flag", (Splice(TARGET, pos, (old_rec,), (new.record(),)),), cursor=row)


def _set_status(doc: Document, flag_id: int, status: str, label: str) -> Edit:
    flag = get_flag(doc, flag_id)
    if flag.status == status:
        raise OperationError(f"flag {flag_id} is already {status}")
    edit = edit_flag(doc, flag_id, status=status)
    return replace(edit, label=label)


def resolve_flag(doc: Document, flag_id: int) -> Edit:
    """The problem was fixed (it still counts in the MQM score of the translation)."""
    return _set_status(doc, flag_id, "resolved", "resolve flag")


def reopen_flag(doc: Document, flag_id: int) -> Edit:
    return _set_status(doc, flag_id, "open", "reopen flag")


def dismiss_flag(doc: Document, flag_id: int) -> Edit:
    """Not a problem (a false alarm): no score; an automatic check will not propose it again."""
    return _set_status(doc, flag_id, "dismissed", "dismiss flag")


def delete_flag(doc: Document, flag_id: int) -> Edit:
    """Remove a flag. (Dismiss an automatic one instead, or the check proposes it again.)"""
    pos = flag_position(doc, flag_id)
    rec = records(doc)[pos]
    return Edit("delete flag", (Splice(TARGET, pos, (rec,), ()),),
                cursor=flag_row(doc, Flag.from_record(rec)))


def accept_suggestion(doc: Document, flag_id: int) -> Edit:
    """Apply a flag's suggestion and resolve it, as one undoable step.

    With a span, the suggestion replaces those characters of the sentence, the flag's span
    then covers the suggestion, and the spans of other flags later in that sentence move with
    the text; without a span it needs a row with a single target sentence, whose whole text it
    replaces. The sentence keeps its first text in ``original`` (as any edit).
    """
    flag = get_flag(doc, flag_id)
    if flag.suggestion is None:
        raise OperationError(f"flag {flag_id} has no suggestion")
    moved: list[Splice] = []
    if flag.span is not None:
        span = flag.span
        text_edit = replace_span(doc, span.side, span.sid, span.start, span.end, flag.suggestion)
        delta = len(flag.suggestion) - (span.end - span.start)
        resolved = replace(flag, status="resolved",
                           span=replace(span, end=span.start + len(flag.suggestion)))
        for pos, other in enumerate(flags(doc)):
            s = other.span
            if other.id == flag_id or s is None or delta == 0 or (s.side, s.sid) != (
                    span.side, span.sid) or s.start < span.end:
                continue
            shifted = replace(other, span=replace(s, start=s.start + delta, end=s.end + delta))
            moved.append(Splice(TARGET, pos, (records(doc)[pos],), (shifted.record(),)))
    else:
        row = flag_row(doc, flag)
        if row is None or len(doc.beads[row].tgt) != 1:
            raise OperationError("without a span, a suggestion needs a row with one target "
                                 "sentence")
        text_edit = edit_sentence(doc, "tgt", doc.beads[row].tgt[0], flag.suggestion)
        resolved = replace(flag, status="resolved")
    pos = flag_position(doc, flag_id)
    old_rec = records(doc)[pos]
    return Edit("accept suggestion", text_edit.splices + (
        Splice(TARGET, pos, (old_rec,), (resolved.record(),)), *moved),
        cursor=flag_row(doc, flag))
