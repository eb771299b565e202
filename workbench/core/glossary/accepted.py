"""Terminology findings the translator accepted, kept in the document::

    accepted_terms:
    - {kind: missing, source: снос, target: demolition, side: src, sid: 12}

A glossary term is a rule, and a good translation sometimes departs from it on purpose (a
pronoun instead of the repeated term, a paraphrase). Accepting the finding of one sentence
keeps it out of ``check``, the rows' marks and the findings list, so a finished document checks
clean, without loosening the glossary for the rest. An acceptance names the sentence the
finding points at (the source term's sentence for "missing", the faulty target sentence for
"forbidden" and "near-miss") by its stable id, so it survives merges and splits of rows. It is
an undoable edit like the spelling ignore list.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..errors import OperationError
from ..history import Edit, Splice

SECTION = "accepted_terms"
KINDS = ("missing", "near-miss", "forbidden")

Key = tuple[str, str, str, str, int]  # kind, source term, target term, side, sentence id


def finding_key(finding) -> Key:
    """What an acceptance of ``finding`` (a TermFinding) records."""
    span = finding.spans[-1] if finding.kind != "missing" else finding.spans[0]
    return (finding.kind, finding.term.source, finding.term.target, span.side, span.sid)


def _record_key(rec: Any) -> Key | None:
    try:
        return (str(rec["kind"]), str(rec["source"]), str(rec["target"]), str(rec["side"]),
                int(rec["sid"]))
    except (TypeError, KeyError, ValueError):
        return None


def accepted_keys(doc: Document) -> frozenset[Key]:
    return frozenset(k for k in map(_record_key, doc.extra.get(SECTION) or []) if k)


def accept(doc: Document, finding) -> Edit:
    """An undoable edit keeping ``finding`` out of the checks from now on."""
    key = finding_key(finding)
    if key in accepted_keys(doc):
        raise OperationError("this terminology finding is already accepted")
    kind, source, target, side, sid = key
    items = doc.extra.get(SECTION) or []
    rec = {"kind": kind, "source": source, "target": target, "side": side, "sid": sid}
    return Edit(f"accept '{source}' -> '{target}' here", (
        Splice(f"extra:{SECTION}", len(items), (), (rec,)),))


def unaccept(doc: Document, finding) -> Edit:
    key = finding_key(finding)
    for i, rec in enumerate(doc.extra.get(SECTION) or []):
        if _record_key(rec) == key:
            return Edit("check the term here again", (Splice(f"extra:{SECTION}", i, (rec,), ()),))
    raise OperationError("this terminology finding is not accepted")


def check_accepted(value: Any, doc: Document) -> list[tuple[tuple, str, str | None]]:
    """Validator of ``doc.extra["accepted_terms"]`` for ``section_checks``."""
    hint = "each entry is like {kind: missing, source: снос, target: demolition, side: src, sid: 12}"
    if not isinstance(value, list):
        return [((), "'accepted_terms' must be a list of entries", hint)]
    for i, rec in enumerate(value):
        key = _record_key(rec) if isinstance(rec, dict) else None
        if key is None or set(rec) != {"kind", "source", "target", "side", "sid"} \
                or key[0] not in KINDS or key[3] not in ("src", "tgt"):
            return [((i,), f"accepted term {i + 1} is not a complete entry", hint)]
        try:
            doc.side(key[3]).position(key[4])
        except KeyError:
            return [((i,), f"accepted term {i + 1} names sentence {key[4]}, which is not in "
                     "the document", "remove the entry, or give an existing sentence id")]
    return []
