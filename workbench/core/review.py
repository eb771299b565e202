"""Review flags: MQM findings a reviewer (or an automatic check) attaches to rows.

A :class:`Flag` says "this row (or this span of one sentence) has a problem of this MQM
category and severity", with a comment, an optional suggested replacement, who raised it and
when, and where it stands (open / resolved / dismissed). Flags live in the document's
``flags`` section, one mapping per flag, so one change is a one-line diff::

    flags:
    - {id: 1, src: [47], tgt: [52], span: {side: tgt, id: 52, start: 6, end: 15}, category: Fluency/Spelling, severity: minor, status: open, comment: 'surname misspelt', suggestion: Askarova, author: anna, created: '2026-01-05T10:12:00+00:00', origin: manual}

Anchoring. A flag names the sentence ids of its row when it was raised (``src``, ``tgt``),
never a row number, so it follows its sentences when rows are merged, split, moved or
re-aligned: :func:`flag_row` finds the row that now holds any of them. A flag whose sentences
all disappeared (each was split into new ids) is *detached* (row ``None``): kept, listed,
never an error. Ids the side never had (``>= next_id``) are an error (a hand-edit typo).

Span. Optional: ``side`` (src/tgt), sentence ``id``, character offsets ``start``/``end`` in
that sentence's current text. ``suggestion`` replaces the span (or, without a span, the row's
target text).

Origin. ``manual`` for a reviewer's flag; ``qa:<check>`` for one proposed by
:mod:`workbench.core.qa`, which also sets ``key`` (check + sentence ids + fingerprint) so a
dismissed proposal is never proposed again.

API for the UI (every change is an undoable :class:`~workbench.core.operations.Edit` built
here and applied with ``History.do``; nothing here mutates the document):

- read: :func:`flags`, :func:`get_flag`, :func:`flag_row` (or one :class:`RowIndex` for many),
  :func:`flags_by_row`, :func:`filter_flags`, :func:`span_text`, :func:`anchor_of_row`;
- change: :func:`add_flag`, :func:`add_flags`, :func:`edit_flag`, :func:`resolve_flag`,
  :func:`reopen_flag`, :func:`dismiss_flag`, :func:`delete_flag`, :func:`accept_suggestion`
  (fix the text with the suggestion and resolve the flag in one step);
- vocabulary: :data:`CATEGORIES`, :data:`SEVERITIES`, :data:`FLAG_STATUSES`;
- validation on load: :func:`check_records` (registered in ``section_checks.SECTION_CHECKS``).

Scores (MQM penalties) are in :mod:`workbench.core.mqm`.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from .document import Document, Span
from .errors import OperationError
from .operations import Edit, Splice, edit_sentence, replace_span

SECTION = "flags"
TARGET = "extra:" + SECTION

#: The MQM typology as used at WMT (NOTES.md): "Dimension/Subcategory" or a bare dimension.
CATEGORIES: tuple[str, ...] = (
    "Accuracy/Mistranslation", "Accuracy/Addition", "Accuracy/Omission", "Accuracy/Untranslated",
    "Fluency/Grammar", "Fluency/Spelling", "Fluency/Punctuation", "Fluency/Register",
    "Fluency/Inconsistency", "Fluency/Character encoding",
    "Terminology/Inappropriate for context", "Terminology/Inconsistent",
    "Style/Awkward", "Locale convention", "Other", "Source issue", "Non-translation",
)
#: Severities from least to most severe.
SEVERITIES: tuple[str, ...] = ("neutral", "minor", "major", "critical")
#: How each severity is shown: a hex colour in HTML reports, a style name in the terminal.
SEVERITY_COLOURS = {"neutral": "#9aa0a6", "minor": "#f2c94c", "major": "#f2994a",
                    "critical": "#d64545"}
SEVERITY_STYLES = {"neutral": "dim", "minor": "yellow", "major": "red",
                   "critical": "bold reverse red"}
FLAG_STATUSES: tuple[str, ...] = ("open", "resolved", "dismissed")
SIDES = ("src", "tgt")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def near_categories(text: str) -> list[str]:
    """Categories ``text`` may have meant: prefix matches, else close spellings."""
    import difflib

    return category_choices(text) or difflib.get_close_matches(text, CATEGORIES, n=3, cutoff=0.75)


def category_choices(prefix: str) -> list[str]:
    """Categories matching ``prefix`` case-insensitively ("acc/om" finds Accuracy/Omission)."""
    want = prefix.casefold().split("/")
    out = []
    for cat in CATEGORIES:
        parts = cat.casefold().split("/")
        if len(want) <= len(parts) and all(p.startswith(w) for p, w in zip(parts, want)):
            out.append(cat)
    return out


@dataclass(frozen=True)
class Flag:
    """One finding. ``src``/``tgt`` anchor it to sentence ids (see the module docstring)."""

    id: int
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    category: str
    severity: str
    status: str = "open"
    comment: str = ""
    span: Span | None = None
    suggestion: str | None = None
    author: str = ""
    created: str = ""
    origin: str = "manual"
    key: str | None = None
    extra: dict = field(default_factory=dict, compare=False)  # unknown keys, kept as they are

    @property
    def auto(self) -> bool:
        return self.origin != "manual"

    @property
    def check(self) -> str | None:
        """The QA check that proposed this flag, or None for a manual one."""
        return self.origin[3:] if self.origin.startswith("qa:") else None

    def record(self) -> dict:
        """The YAML mapping (key order fixed, optional keys only when set)."""
        rec: dict[str, Any] = {"id": self.id, "src": list(self.src), "tgt": list(self.tgt)}
        if self.span is not None:
            rec["span"] = self.span.record()
        rec.update(category=self.category, severity=self.severity, status=self.status)
        if self.comment:
            rec["comment"] = self.comment
        if self.suggestion is not None:
            rec["suggestion"] = self.suggestion
        rec.update(author=self.author, created=self.created, origin=self.origin)
        if self.key is not None:
            rec["key"] = self.key
        rec.update(self.extra)
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> "Flag":
        known = {"id", "src", "tgt", "span", "category", "severity", "status", "comment",
                 "suggestion", "author", "created", "origin", "key"}
        span = rec.get("span")
        return cls(id=rec["id"], src=tuple(rec.get("src") or ()), tgt=tuple(rec.get("tgt") or ()),
                   category=rec["category"], severity=rec["severity"],
                   status=rec.get("status", "open"), comment=rec.get("comment") or "",
                   span=Span.from_record(span) if span else None,
                   suggestion=rec.get("suggestion"), author=str(rec.get("author") or ""),
                   created=str(rec.get("created") or ""), origin=rec.get("origin") or "manual",
                   key=rec.get("key"),
                   extra={k: v for k, v in rec.items() if k not in known})


# ---------------------------------------------------------------- reading

def records(doc: Document) -> list[dict]:
    """The raw flag records (the list the splices edit); empty when there are none."""
    value = doc.extra.get(SECTION)
    return value if isinstance(value, list) else []


def flags(doc: Document) -> list[Flag]:
    """All flags of the document, in the order they were added."""
    return [Flag.from_record(r) for r in records(doc)]


def _position(doc: Document, flag_id: int) -> int:
    for i, rec in enumerate(records(doc)):
        if rec.get("id") == flag_id:
            return i
    raise OperationError(f"there is no flag {flag_id}")


def get_flag(doc: Document, flag_id: int) -> Flag:
    return Flag.from_record(records(doc)[_position(doc, flag_id)])


class RowIndex:
    """Sentence id -> row, built once for locating many flags."""

    def __init__(self, doc: Document):
        self.src: dict[int, int] = {}
        self.tgt: dict[int, int] = {}
        for bi, b in enumerate(doc.beads):
            for sid in b.src:
                self.src[sid] = bi
            for sid in b.tgt:
                self.tgt[sid] = bi

    def row(self, flag: Flag) -> int | None:
        if flag.span is not None:
            found = getattr(self, flag.span.side).get(flag.span.sid)
            if found is not None:
                return found
        rows = [self.src[s] for s in flag.src if s in self.src] + \
               [self.tgt[s] for s in flag.tgt if s in self.tgt]
        return min(rows) if rows else None


def flag_row(doc: Document, flag: Flag, index: RowIndex | None = None) -> int | None:
    """The row (0-based) that now holds the flag's sentences, or None if it is detached."""
    return (index or RowIndex(doc)).row(flag)


def flags_by_row(doc: Document, items: Iterable[Flag] | None = None) -> dict[int | None, list[Flag]]:
    """Flags grouped by their current row; detached flags under ``None``."""
    index = RowIndex(doc)
    out: dict[int | None, list[Flag]] = {}
    for f in flags(doc) if items is None else items:
        out.setdefault(index.row(f), []).append(f)
    return out


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def filter_flags(items: Iterable[Flag], *, category: str | Iterable[str] | None = None,
                 severity: str | Iterable[str] | None = None, min_severity: str | None = None,
                 status: str | Iterable[str] | None = None, author: str | Iterable[str] | None = None,
                 origin: str | Iterable[str] | None = None) -> list[Flag]:
    """Flags matching every given criterion. ``category`` matches a whole dimension too
    ("Accuracy" keeps Accuracy/Omission); ``origin`` "qa" matches every automatic check."""
    cats, sevs, stats = _as_set(category), _as_set(severity), _as_set(status)
    authors, origins = _as_set(author), _as_set(origin)
    out = []
    for f in items:
        if cats is not None and not any(f.category == c or f.category.startswith(c + "/")
                                        for c in cats):
            continue
        if sevs is not None and f.severity not in sevs:
            continue
        if min_severity is not None and severity_rank(f.severity) < severity_rank(min_severity):
            continue
        if stats is not None and f.status not in stats:
            continue
        if authors is not None and f.author not in authors:
            continue
        if origins is not None and not (f.origin in origins or
                                        ("qa" in origins and f.origin.startswith("qa:"))):
            continue
        out.append(f)
    return out


# ---------------------------------------------------------------- building edits

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
    pos = _position(doc, flag_id)
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
    pos = _position(doc, flag_id)
    rec = records(doc)[pos]
    return Edit("delete flag", (Splice(TARGET, pos, (rec,), ()),),
                cursor=flag_row(doc, Flag.from_record(rec)))


def accept_suggestion(doc: Document, flag_id: int) -> Edit:
    """Apply a flag's suggestion and resolve it, as one undoable step.

    With a span, the suggestion replaces those characters of the sentence; without one it
    needs a row with a single target sentence, whose whole text it replaces. The sentence keeps
    its first text in ``original`` (as any edit). Offsets of other spans in that sentence are
    not moved.
    """
    flag = get_flag(doc, flag_id)
    if flag.suggestion is None:
        raise OperationError(f"flag {flag_id} has no suggestion")
    if flag.span is not None:
        span = flag.span
        text_edit = replace_span(doc, span.side, span.sid, span.start, span.end, flag.suggestion)
    else:
        row = flag_row(doc, flag)
        if row is None or len(doc.beads[row].tgt) != 1:
            raise OperationError("without a span, a suggestion needs a row with one target "
                                 "sentence")
        text_edit = edit_sentence(doc, "tgt", doc.beads[row].tgt[0], flag.suggestion)
    pos = _position(doc, flag_id)
    old_rec = records(doc)[pos]
    new_rec = replace(flag, status="resolved").record()
    return Edit("accept suggestion", text_edit.splices + (Splice(TARGET, pos, (old_rec,), (new_rec,)),),
                cursor=flag_row(doc, flag))


def span_text(doc: Document, flag: Flag) -> str:
    """The flagged characters as the sentence reads now ("" without a span or sentence)."""
    if flag.span is None:
        return ""
    try:
        return doc.side(flag.span.side).get(flag.span.sid).text[flag.span.start:flag.span.end]
    except KeyError:
        return ""


# ---------------------------------------------------------------- validation on load

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
