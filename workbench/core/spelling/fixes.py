"""Undoable edits that correct a misspelt word in the text: one finding, or a word in a row.

The sentence keeps its first-read text in ``original`` (the edits go through
``operations.replace_spans``, that is ``edit_sentence``).
"""

from __future__ import annotations

import re

from ..document import Document
from ..errors import OperationError
from ..history import Edit, Splice
from ..operations import replace_span, replace_spans
from .checker import Checker, Finding, default_checker


def fix(doc: Document, finding: Finding, replacement: str | None = None) -> Edit:
    """An undoable edit replacing the finding's word by ``replacement`` (default: the first
    suggestion). The sentence keeps its first-read text in ``original``."""
    if replacement is None:
        if not finding.suggestions:
            raise OperationError(f"no suggestion for '{finding.word}': type the replacement")
        replacement = finding.suggestions[0]
    edit = replace_span(doc, finding.side, finding.sid, finding.start, finding.end, replacement,
                        expected=finding.word)
    return Edit(f"fix spelling: {finding.word} → {replacement}", edit.splices,
                cursor=finding.row)


def fix_in_row(doc: Document, row: int, word: str, replacement: str | None = None,
               checker: Checker | None = None) -> Edit:
    """One undoable edit fixing ``word`` in row ``row`` (0-based), on whichever side it is.

    If the checker flags the word there, every flagged occurrence gets ``replacement`` or,
    without one, the word's first suggestion. A word that is not flagged (a wrong but real
    word, a forbidden term variant such as "Zher Ann") needs an explicit ``replacement``;
    its whole-word occurrences in the row are replaced. Sentences keep their ``original``.
    """
    if not 0 <= row < len(doc.beads):
        raise OperationError(f"there is no row {row + 1}")
    checker = checker or default_checker()
    flagged = [f for f in checker.misspellings(doc, [row]) if f.word == word]
    spans: list[tuple[str, int, int, int, str]] = []
    if flagged:
        for f in flagged:
            rep = replacement
            if rep is None:
                if not f.suggestions:
                    raise OperationError(f"no suggestion for '{word}' in row {row + 1}: give "
                                         "the replacement")
                rep = f.suggestions[0]
            spans.append((f.side, f.sid, f.start, f.end, rep))
    else:
        bead = doc.beads[row]
        pattern = re.compile(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])")
        for side_name, ids in (("src", bead.src), ("tgt", bead.tgt)):
            for sid in ids:
                for m in pattern.finditer(doc.side(side_name).get(sid).text):
                    spans.append((side_name, sid, m.start(), m.end(), replacement or ""))
        if not spans:
            raise OperationError(f"row {row + 1} has no '{word}'")
        if replacement is None:
            raise OperationError(f"'{word}' is not misspelt in row {row + 1}: give the "
                                 "replacement (ROW:WORD=REPLACEMENT)")
    by_sentence: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for side_name, sid, start, end, rep in sorted(spans, key=lambda s: -s[2]):
        by_sentence.setdefault((side_name, sid), []).append((start, end, rep))
    splices: list[Splice] = []
    for (side_name, sid), changes in by_sentence.items():
        splices.extend(replace_spans(doc, side_name, sid, changes).splices)
    rep_label = replacement or (flagged[0].suggestions[0] if flagged else "")
    return Edit(f"fix: {word} → {rep_label}", tuple(splices), cursor=row)
