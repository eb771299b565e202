"""Project Gutenberg's frame around a book: a header before it, the licence after it.

A translator who aligns a public-domain book with its translation takes one side, or both,
from Project Gutenberg, whose plain-text files put the book between two marker lines ("*** START
OF THE PROJECT GUTENBERG EBOOK ANNA KARENINA ***" ... "*** END OF THE PROJECT GUTENBERG EBOOK
ANNA KARENINA ***"; older files say THIS and ETEXT). Read whole, the header and the twenty
thousand characters of licence would be rows of the alignment that nothing on the other side
matches. The text reader leaves them out and says so.
"""

from __future__ import annotations

import re
from typing import Sequence

from .errors import InputError

_START = re.compile(r"\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b", re.I)
_END = re.compile(r"\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b", re.I)


def body(lines: Sequence[str]) -> tuple[int, int] | None:
    """(first, end): the book is ``lines[first:end]``, between the start marker and the end
    marker (the text's end if there is none); None when the text has no start marker."""
    first = next((k + 1 for k, line in enumerate(lines) if _START.match(line.strip())), None)
    if first is None:
        return None
    end = next((k for k in range(first, len(lines)) if _END.match(lines[k].strip())), len(lines))
    return first, end


def blanked(lines: Sequence[str]) -> tuple[list[str], tuple[int, int] | None]:
    """``lines`` with the frame's lines made blank (so that every line keeps its number), and
    the ``body`` found, if any."""
    span = body(lines)
    if span is None:
        return list(lines), None
    first, end = span
    return ["" if k < first or k >= end else line for k, line in enumerate(lines)], span


def left_out(span: tuple[int, int], lines: int) -> str:
    """What the reader says it left out of a text of ``lines`` lines whose book is ``span``."""
    first, end = span
    licence = f" and licence (lines {end + 1}-{lines}) are" if end < lines else " is"
    return (f"it is a Project Gutenberg e-book: the book is lines {first + 1}-{end}; its header "
            f"(lines 1-{first}){licence} left out")


def nothing_inside(path: str) -> InputError:
    """The error for an e-book with no text between its START and END lines."""
    return InputError("has no text between its Project Gutenberg START and END lines",
                      path=path, hint="give the whole e-book, its text included")
