"""Hard-wrapped plain text: lines broken at a fixed width inside paragraphs.

Project Gutenberg's books, e-mails and many exported .txt files break every paragraph into
lines of about 70 columns and put a blank line between paragraphs. Read a paragraph per line,
as a plain text otherwise is, every line end would cut a sentence ("it was the age of" |
"wisdom, it was ..."). Such a text is told by its lines inside a run of lines (those followed
by another line of the same run), which are most of its lines: most are filled to nearly the
same width, no wider than a terminal, and most stop in mid-sentence (no sentence end, or the
next line goes on in small letters). Its paragraphs are then the runs of lines between blank
lines, joined; a line indented deeper than the text's margin (where the lines that go on a
sentence start) starts a paragraph of its own after a sentence end or a short line, in a text
whose deeper lines mostly end a sentence or are followed by lines back at the margin (a book
that marks its paragraphs by the first line's indent and no blank line, as Russian e-texts do,
and Chinese ones with two full-width spaces, dialogue of a line a paragraph included; not the
hanging indent of a list or a quotation).
A justified text's padding (runs of spaces between words on most lines) becomes one space.
A text with a
sentence or a paragraph per line, a list, a poem with short or uneven lines is not.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from typing import Sequence

from .boundaries import END_MARKS, TRAILERS

#: the widths (columns) of a hard-wrapped text's full lines lie within these
MIN_WIDTH, MAX_WIDTH = 40, 100
#: at least this share of the lines inside runs must be filled to 70% of the width ...
FILLED_SHARE = 0.6
#: ... and this share must stop in mid-sentence
OPEN_SHARE = 0.5
#: in a script with capitals, at least this share of the next lines go on in small letters (a
#: list of titles, each a capitalized line without a full stop, is not a wrapped paragraph)
GOES_ON_SHARE = 0.25
#: at least this share of the non-blank lines are inside runs (a paragraph of n lines has n - 1;
#: a dialogue of one-line paragraphs among longer ones has about a third)
INNER_SHARE = 0.3
#: lines looked at (the start of the text tells)
SAMPLE = 8000
#: a share of lines with runs of spaces between words above this: the text is justified
JUSTIFIED_SHARE = 0.3
_PADDING = re.compile(r"(?<=\S) {2,}(?=\S)")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
#: what a line ends on when it ends a sentence or a clause: an end mark, a colon or semicolon,
#: or a closing quote or bracket after one
_ENDS = tuple(END_MARKS + ":;：；" + TRAILERS)


def width(line: str) -> int:
    """Columns the line takes: a wide (Chinese, Japanese, Korean) character two."""
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def wrap_width(lines: Sequence[str], deeper: Sequence[bool] = ()) -> int | None:
    """The width the stripped ``lines`` of a text are wrapped at, or None if they are not.
    ``deeper``: which lines are indented deeper than the text's lines usually are; a line that
    ends a sentence before one of them ends a paragraph (marked by its first line's indent),
    as a line before a blank line does."""
    head = lines[:SAMPLE]
    starts = list(deeper[:SAMPLE]) + [False] * (len(head) - len(deeper[:SAMPLE]))
    inner = [(line, nxt) for line, nxt, start in zip(head, head[1:], starts[1:])
             if line and nxt and not (start and line.endswith(_ENDS))]
    if len(inner) < 3 or len(inner) < INNER_SHARE * sum(1 for line in head if line):
        return None
    widths = sorted(width(line) for line, _ in inner)
    top = widths[int(0.9 * (len(widths) - 1))]
    if statistics.median(widths) < MIN_WIDTH or top > MAX_WIDTH:
        return None
    filled = sum(w >= 0.7 * top for w in widths) / len(widths)
    open_ = sum(not line.endswith(_ENDS) or nxt[:1].islower() for line, nxt in inner) / len(inner)
    if filled < FILLED_SHARE or open_ < OPEN_SHARE:
        return None
    cased = [nxt[:1].islower() for _, nxt in inner if nxt[:1].isupper() or nxt[:1].islower()]
    if len(cased) >= len(inner) / 2 and sum(cased) < GOES_ON_SHARE * len(cased):
        return None
    return top


def unwrap(raw: Sequence[str]) -> tuple[int, list[tuple[int, str]]] | None:
    """The width a text's lines (as read, not stripped) are wrapped at and its paragraphs,
    each with the line (1-based) it starts on; None when the text is not hard-wrapped."""
    rows = [line.strip() for line in raw]
    indents = [len(line) - len(line.lstrip()) for line in (r.expandtabs(8) for r in raw)]
    usual = _margin_indent(rows, indents)
    if usual is None:
        return None
    wrapped = wrap_width(rows, [i > usual for i in indents])
    if wrapped is None:
        return None
    padded = [row for row in rows[:SAMPLE] if row]
    if sum(bool(_PADDING.search(row)) for row in padded) > JUSTIFIED_SHARE * len(padded):
        rows = [_PADDING.sub(" ", row) for row in rows]
    # a deeper line followed by one back at the usual indent is a paragraph's first line, and
    # so is one that ends a sentence (a paragraph of one line: a line of dialogue); one that
    # goes on at the same depth is a list item's or a quotation's (a hanging indent)
    deep = [k for k in range(len(rows) - 1) if rows[k] and rows[k + 1] and indents[k] > usual]
    first_lines = sum(indents[k + 1] < indents[k] or rows[k].endswith(_ENDS)
                      for k in deep) > len(deep) / 2
    # where each line ends, in columns from the left edge; the right margin they are broken at
    ends = [i + width(row) for i, row in zip(indents, rows)]
    inner = sorted(e for e, row, nxt in zip(ends, rows, rows[1:]) if row and nxt)
    margin = inner[int(0.9 * (len(inner) - 1))]
    starts: list[int] = []
    pieces: list[list[str]] = []  # each paragraph's lines and the separators between them
    for k, line in enumerate(rows):
        if not line:
            continue
        prev = rows[k - 1] if k else ""
        if not prev or not pieces or first_lines and indents[k] > usual and (
                prev.endswith(_ENDS) or ends[k - 1] < 0.85 * margin):  # after a short line
            starts.append(k + 1)
            pieces.append([line])
        else:  # room: the previous line could have taken one more wide character
            pieces[-1] += [separator(prev, line, ends[k - 1] + 2 <= margin), line]
    return wrapped, [(n, "".join(p)) for n, p in zip(starts, pieces)]


def _margin_indent(rows: Sequence[str], indents: Sequence[int]) -> int | None:
    """The indent of the text's left margin: the one most lines that go on with the line
    before them have (a wrap puts them there; a first line may be deeper, and in a dialogue
    most lines are first lines); the most common indent when no line goes on. None for a
    blank text."""
    counted = Counter(i for k, (i, row) in enumerate(zip(indents, rows))
                      if row and k and rows[k - 1] and not rows[k - 1].endswith(_ENDS))
    if not counted:
        counted = Counter(i for i, row in zip(indents, rows) if row)
    return counted.most_common(1)[0][0] if counted else None


def separator(before: str, line: str, room: bool = True) -> str:
    """What joins a wrapped line to the next: nothing after a hyphen (a compound the wrap
    broke), a slash (a path or an address: "https://www.debian.org/" | "releases") or
    between two Chinese or Japanese characters; between two Korean syllables nothing when the
    line had no ``room`` left for one more (a wrap inside a word, as tools that break Korean
    anywhere do), else a space (Korean puts spaces between its words); a space otherwise."""
    if before.endswith("-") and before[-2:-1].isalpha() or before.endswith("/"):
        return ""
    last, first = before[-1], line[0]
    if width(last) == 2 and width(first) == 2:
        if _HANGUL.match(last) and _HANGUL.match(first):
            return " " if room else ""
        return ""
    return " "


def join(paragraph: str, line: str) -> str:
    """``paragraph`` with the next wrapped line added."""
    return paragraph + separator(paragraph, line) + line
