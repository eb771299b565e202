"""How long a sentence and a word may be before workbench stops treating them as such.

A file with no sentence ends (a 50 MB line of a log, a table dumped without punctuation) makes
one "sentence" of megabytes; a run of letters with no space makes one "word" of 100,000
characters. Such text is not prose, and the checks written for prose slow down on it (some
look at every pair of numbers in a row, or try a pattern at every letter of a word). So
reading a text refuses a sentence longer than :data:`MAX_SENTENCE_CHARS`, and ``qa`` and
``check`` skip a row whose side is longer, or that has a word longer than
:data:`MAX_WORD_CHARS` (a document edited by hand may have one), and say so.
"""

from __future__ import annotations

from .document import Document
from .textio import lang_name

#: the longest sentence, and side of a row: the longest sentences of literature run to a few
#: thousand characters; a longer one is text without sentence ends
MAX_SENTENCE_CHARS = 20_000
#: the longest word: real words are under 50 characters, URLs under 1,000 (nearly all)
MAX_WORD_CHARS = 1_000


def longest_word(text: str) -> int:
    """The length of the longest run of characters without white space."""
    return max(map(len, text.split()), default=0)


def too_long(doc: Document, row: int) -> str | None:
    """Why row ``row`` (0-based) is too long to check, or None."""
    b = doc.beads[row]
    for side, ids in ((doc.source, b.src), (doc.target, b.tgt)):
        text = " ".join(side.get(i).text for i in ids)
        if len(text) > MAX_SENTENCE_CHARS:
            return (f"its {lang_name(side.lang)} side is {len(text):,} characters long (more than "
                    f"{MAX_SENTENCE_CHARS:,}: text without sentence ends?)")
        word = longest_word(text)
        if word > MAX_WORD_CHARS:
            return (f"its {lang_name(side.lang)} side has a word of {word:,} characters (more than "
                    f"{MAX_WORD_CHARS:,})")
    return None


def too_long_rows(doc: Document) -> dict[int, str]:
    """Rows too long to check (0-based) -> why."""
    out = {}
    for row in range(len(doc.beads)):
        why = too_long(doc, row)
        if why is not None:
            out[row] = why
    return out


def describe_skipped(skipped: dict[int, str]) -> str | None:
    """One line about the rows a command did not check (rows numbered from 1), or None."""
    if not skipped:
        return None
    rows = sorted(skipped)
    first = rows[0]
    if len(rows) == 1:
        return (f"row {first + 1} is not checked: {skipped[first]}; split its sentences in the "
                "workbench, or check the text it was made from")
    more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
    return (f"rows {', '.join(str(r + 1) for r in rows[:3])}{more} are not checked (row "
            f"{first + 1}: {skipped[first]}); split their sentences in the workbench, or check "
            "the text they were made from")
