"""Automatic QA: checks that *propose* review flags; the reviewer accepts, edits or dismisses.

Each check family is one module and yields :class:`Finding` s for rows:

| check            | module        | finds                                                      |
|------------------|---------------|------------------------------------------------------------|
| ``numbers``      | numbers/      | numbers, times, dates, months that differ between the sides |
| ``length``       | lengths.py    | rows whose length ratio (and similarity, given an encoder) is an outlier for this document: possible omission / addition |
| ``untranslated`` | surface.py    | the same text on both sides; source-script letters left in the target |
| ``brackets``     | surface.py    | unbalanced quotes and brackets « » “ ” „ " ( ) [ ]         |
| ``spaces``       | surface.py    | double spaces                                              |
| ``end-punctuation`` | surface.py | a row ending in ? / ! / . on one side and another kind on the other |
| ``names``        | names.py      | a name spelt differently in different rows of the target   |

A finding becomes a proposal (:func:`propose`): a :class:`~workbench.core.review.Flag` with
``origin: qa:<check>``, status open, and ``key`` = check + the row's sentence ids + the
finding's fingerprint. A proposal whose key is already among the document's flags, whatever
its status, is not proposed again, so a dismissed proposal stays dismissed across reloads and
re-runs. :func:`write_proposals` turns proposals into one undoable edit.

    props = propose(doc)                  # list[Flag], nothing changed yet
    history.do(write_proposals(doc, props))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from ..document import Bead, Document
from ..errors import WorkbenchError
from ..history import Edit
from ..limits import too_long_rows
from ..review import Flag, Span, add_flags, default_author, flags, new_flag, now_iso


@dataclass(frozen=True)
class Finding:
    """One problem a check found in row ``row`` (0-based)."""

    check: str
    row: int
    category: str
    severity: str
    comment: str
    fingerprint: str
    span: Span | None = None
    suggestion: str | None = None


@dataclass
class Context:
    """What checks may use besides the document: an optional encoder (``.encode(texts)``
    returning normalized vectors) for the similarity part of the length check."""

    encoder: object | None = None


Check = Callable[[Document, Context], Iterator[Finding]]


def _registry() -> dict[str, Check]:
    from . import lengths, names, numbers, surface

    return {
        "numbers": numbers.check,
        "length": lengths.check,
        "untranslated": surface.check_untranslated,
        "brackets": surface.check_brackets,
        "spaces": surface.check_spaces,
        "end-punctuation": surface.check_end_punctuation,
        "names": names.check,
    }


CHECK_NAMES: tuple[str, ...] = ("numbers", "length", "untranslated", "brackets", "spaces",
                                "end-punctuation", "names")


def run_checks(doc: Document, checks: Iterable[str] | None = None,
               encoder: object | None = None) -> list[Finding]:
    """Every finding of the named checks (default: all), ordered by row then check."""
    registry = _registry()
    names = list(checks) if checks is not None else list(CHECK_NAMES)
    for name in names:
        if name not in registry:
            raise WorkbenchError(f"unknown check {name!r}", hint=f"use {', '.join(CHECK_NAMES)}")
    ctx = Context(encoder=encoder)
    checked = checkable(doc)
    found = [f for name in names for f in registry[name](checked, ctx)]
    order = {n: i for i, n in enumerate(CHECK_NAMES)}
    return sorted(found, key=lambda f: (f.row, order.get(f.check, 99)))


def checkable(doc: Document) -> Document:
    """``doc`` with the rows too long to check (:func:`~workbench.core.limits.too_long`: a
    "sentence" of megabytes, a "word" of 100,000 letters) emptied, rows keeping their numbers:
    the checks are written for prose and some are slow on such text. ``skipped`` says which."""
    skip = too_long_rows(doc)
    if not skip:
        return doc
    beads = [Bead((), ()) if i in skip else b for i, b in enumerate(doc.beads)]
    return Document(doc.source, doc.target, beads, model=doc.model, extra=doc.extra)


def skipped(doc: Document) -> dict[int, str]:
    """The rows :func:`run_checks` leaves out (0-based) -> why."""
    return too_long_rows(doc)


def finding_key(doc: Document, finding: Finding) -> str:
    """check|s<src ids>|t<tgt ids>|fingerprint: what identifies a proposal across runs."""
    b = doc.beads[finding.row]
    ids = lambda xs: ",".join(map(str, xs))  # noqa: E731
    return f"{finding.check}|s{ids(b.src)}|t{ids(b.tgt)}|{finding.fingerprint}"


def propose(doc: Document, checks: Iterable[str] | None = None, encoder: object | None = None,
            author: str | None = None, now: str | None = None) -> list[Flag]:
    """New proposals: findings whose key is not among the document's flags yet. Their ids are
    provisional (1, 2, ...); :func:`write_proposals` numbers them after the stored flags."""
    known = {f.key for f in flags(doc) if f.key}
    author = author or default_author()
    now = now or now_iso()
    out: list[Flag] = []
    for k, fnd in enumerate(run_checks(doc, checks, encoder)):
        key = finding_key(doc, fnd)
        if key in known:
            continue
        known.add(key)
        out.append(new_flag(doc, fnd.row, fnd.category, fnd.severity, comment=fnd.comment,
                            span=fnd.span, suggestion=fnd.suggestion, author=author,
                            origin=f"qa:{fnd.check}", key=key, now=now, flag_id=k + 1))
    return out


def stale(doc: Document, checks: Iterable[str] | None = None,
          encoder: object | None = None) -> list[Flag]:
    """Open automatic flags that the checks no longer find (fixed since? resolve them)."""
    current = {finding_key(doc, f) for f in run_checks(doc, checks, encoder)}
    wanted = set(checks) if checks is not None else set(CHECK_NAMES)
    return [f for f in flags(doc) if f.status == "open" and f.key and f.check in wanted
            and f.key not in current]


def write_proposals(doc: Document, proposals: Sequence[Flag]) -> Edit:
    """One undoable edit adding the proposals as open flags."""
    return add_flags(doc, proposals, label=f"add {len(proposals)} QA proposals")


# helpers shared by the check modules

def two_sided(doc: Document) -> Iterator[tuple[int, list, list]]:
    """(row, source sentences, target sentences) of every row with text on both sides."""
    for bi, b in enumerate(doc.beads):
        if b.src and b.tgt:
            yield bi, [doc.source.get(i) for i in b.src], [doc.target.get(i) for i in b.tgt]


def joined(sentences: Sequence) -> str:
    return " ".join(s.text for s in sentences)


def locate(sentences: Sequence, offset: int) -> tuple[int, int]:
    """The sentence id and offset inside it of ``offset`` in ``joined(sentences)``."""
    pos = 0
    for s in sentences:
        if offset < pos + len(s.text) or s is sentences[-1]:
            return s.id, max(0, offset - pos)
        pos += len(s.text) + 1
    raise ValueError("empty sentence list")


def span_in(side: str, sentences: Sequence, start: int, end: int) -> Span | None:
    """A Span for characters ``start:end`` of the joined text (clipped to one sentence)."""
    if not sentences or end <= start:
        return None
    sid, a = locate(sentences, start)
    text = next(s.text for s in sentences if s.id == sid)
    b = min(len(text), a + (end - start))
    if b <= a:
        return None
    return Span(side, sid, a, b)
