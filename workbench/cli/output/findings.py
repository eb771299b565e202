"""Plain-text report of spelling and terminology findings (``workbench check``).

Plain text, not rich markup, so that it reads the same in a terminal and in a CI log.
Rows are numbered from 1, as everywhere in the CLI and the UI.
"""

from __future__ import annotations

from typing import Sequence

from ...core.document import Document
from ...core.glossary import TermFinding
from ...core.spelling import Finding

CONTEXT = 40


def snippet(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The text around ``[start, end)`` with that stretch in [brackets]."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    if start > width:
        left = "…" + left.split(" ", 1)[-1] if " " in left else "…" + left
    if end + width < len(text):
        right = (right.rsplit(" ", 1)[0] if " " in right else right) + "…"
    return f"{left}[{text[start:end]}]{right}"


def _spelling_lines(doc: Document, f: Finding) -> list[str]:
    sugg = ", ".join(f.suggestions[:5]) or "no suggestion"
    text = doc.side(f.side).get(f.sid).text
    return [f"  {f.lang} spelling: {f.word} → {sugg}",
            f"      {snippet(text, f.start, f.end)}"]


def _term_lines(doc: Document, f: TermFinding) -> list[str]:
    lines = [f"  terminology ({f.kind}): {f.message}"]
    if f.term.note:
        lines[0] += f" — {f.term.note}"
    for span in f.spans:
        side = doc.side(span.side)
        lines.append(f"      {side.lang}: {snippet(side.get(span.sid).text, span.start, span.end)}")
    if f.kind == "missing":  # show what the translation says instead
        text = " ".join(doc.target.texts(doc.beads[f.row].tgt))
        cut = text if len(text) <= 2 * CONTEXT + 20 else text[:2 * CONTEXT + 20].rsplit(" ", 1)[0] + "…"
        lines.append(f"      {doc.target.lang}: {cut}")
    return lines


def format_findings(doc: Document, spelling: Sequence[Finding],
                    terms: Sequence[TermFinding]) -> str:
    """Findings grouped by row, spelling first within a row, then a summary line."""
    rows: dict[int, list[str]] = {}
    for f in spelling:
        rows.setdefault(f.row, []).extend(_spelling_lines(doc, f))
    for t in terms:
        rows.setdefault(t.row, []).extend(_term_lines(doc, t))
    out = []
    for row in sorted(rows):
        out.append(f"row {row + 1}")
        out.extend(rows[row])
    if rows:
        out.append(f"{len(spelling)} spelling and {len(terms)} terminology findings "
                   f"in {len(rows)} of {len(doc.beads)} rows")
    else:
        out.append(f"no spelling or terminology findings in {len(doc.beads)} rows")
    return "\n".join(out)
