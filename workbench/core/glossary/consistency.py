"""The terminology consistency check, per row (:func:`terminology_findings`), and the
undoable :func:`fix` of a finding.

- ``missing``: a source term occurs but its target term does not occur in the row's target
  sentences;
- ``near-miss``: ... and, for a name (a target term with a capital letter), a target word
  sequence is close to it (rapidfuzz ratio >= 80, e.g. ``Aisha Askaraova`` for
  ``Aisha Askarova``): reported instead of ``missing``, with the span of the near miss
  (common words are left to the spell checker: "polite" is no near miss of "police");
- ``forbidden``: a forbidden variant occurs in the row's target sentences.

Rows with an empty side are not checked for ``missing`` (an omission is a review matter).
Each finding carries character spans (side, sentence id, start, end) for highlighting.
Bakai (68 rows, 20+ terms): ~10 ms once lemmas are cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..document import Document, Span
from ..errors import OperationError
from ..history import Edit
from ..operations import replace_span
from .accepted import accepted_keys, finding_key
from .matching import TermMatch, find_terms, split_words
from .project import Glossary
from .section import all_terms
from .terms import Term

NEAR_MISS_RATIO = 80.0


@dataclass(frozen=True)
class TermFinding:
    """A terminology problem in one row (0-based): kind is "missing", "near-miss" or
    "forbidden"; ``spans`` locate the source term and, if any, the faulty target text;
    ``found`` is the text as written (the source term's for "missing", else the target's)."""

    row: int
    kind: str
    term: Term
    spans: tuple[Span, ...]
    found: str | None = None

    @property
    def expected(self) -> str:
        return self.term.target

    @property
    def message(self) -> str:
        t = self.term
        if self.kind == "forbidden":
            return f"'{self.found}' is a forbidden variant: use '{t.target}' (for {t.source})"
        if self.kind == "near-miss":
            return f"'{self.found}' looks like a misspelling of '{t.target}' (for {t.source})"
        return f"{self.found or t.source} should be translated as '{t.target}'"


def _near_miss(term: Term, sentences: Sequence[tuple[int, str]]) -> tuple[Span, str] | None:
    """The target word sequence closest to ``term.target`` if within the near-miss ratio."""
    from rapidfuzz import fuzz

    n = len(split_words(term.target))
    want = term.target.lower()
    if n == 0 or len(want) < 4 or term.target.islower():
        return None
    best: tuple[float, Span, str] | None = None
    for sid, text in sentences:
        toks = split_words(text)
        for i in range(len(toks) - n + 1):
            start, end = toks[i][0], toks[i + n - 1][1]
            got = text[start:end]
            score = fuzz.ratio(want, got.lower(), score_cutoff=NEAR_MISS_RATIO)
            if score and (best is None or score > best[0]):
                best = (score, Span("tgt", sid, start, end), got)
    return (best[1], best[2]) if best else None


def terminology_findings(doc: Document, glossary: Glossary | None = None,
                         rows: Iterable[int] | None = None, *,
                         include_accepted: bool = False) -> list[TermFinding]:
    """Terminology findings of every row (or the given rows), in row order; those the
    translator accepted (:mod:`.accepted`) are left out unless ``include_accepted``."""
    found = _findings(doc, glossary, rows)
    accepted = accepted_keys(doc)
    if include_accepted or not accepted:
        return found
    return [f for f in found if finding_key(f) not in accepted]


def _findings(doc: Document, glossary: Glossary | None,
              rows: Iterable[int] | None) -> list[TermFinding]:
    terms = all_terms(doc, glossary)
    if not terms:
        return []
    out: list[TermFinding] = []
    for row in (range(len(doc.beads)) if rows is None else rows):
        bead = doc.beads[row]
        tgt = [(sid, doc.target.get(sid).text) for sid in bead.tgt]
        found_tgt: list[TermMatch] = []
        for sid, text in tgt:
            found_tgt += find_terms(text, doc.target.lang, terms, sid=sid, target=True)
        for m in found_tgt:
            if m.forbidden:
                out.append(TermFinding(row, "forbidden", m.term, (m.span,), m.text))
        if not bead.tgt:
            continue
        present = {m.term for m in found_tgt if not m.forbidden}
        flagged = {m.term for m in found_tgt if m.forbidden}
        src_found: dict[Term, list[TermMatch]] = {}
        for sid in bead.src:
            for m in find_terms(doc.source.get(sid).text, doc.source.lang, terms, side="src",
                                sid=sid, target=False):
                src_found.setdefault(m.term, []).append(m)
        for term, ms in src_found.items():
            if term in present or term in flagged:
                continue
            spans = tuple(m.span for m in ms)
            near = _near_miss(term, tgt)
            if near is not None:
                out.append(TermFinding(row, "near-miss", term, spans + (near[0],), near[1]))
            else:
                out.append(TermFinding(row, "missing", term, spans, ms[0].text))
    return out


def fix(doc: Document, finding: TermFinding, replacement: str | None = None) -> Edit:
    """An undoable edit replacing the faulty target text of a "forbidden" or "near-miss"
    finding by ``replacement`` (default: the glossary's target term, as written there;
    give the inflected form yourself when the sentence needs one)."""
    span = next((s for s in finding.spans if s.side == "tgt"), None)
    if span is None or finding.found is None:
        raise OperationError("this finding has no target text to replace: edit the sentence")
    replacement = finding.term.target if replacement is None else replacement
    edit = replace_span(doc, "tgt", span.sid, span.start, span.end, replacement,
                        expected=finding.found)
    return Edit(f"fix term: {finding.found} → {replacement}", edit.splices, cursor=finding.row)
