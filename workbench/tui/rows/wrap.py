"""Word-wrapping a sentence into a column: break offsets, computed once per width.

The alignment view needs the height of every row before it can scroll (10,000 rows, 20,000
sentences), so wrapping must be cheap: a greedy wrapper over ``str.rfind`` is ~10x faster
than rich's ``Text.wrap`` and makes the same breaks for space-separated text. Offsets (not
strings) are kept so that the renderer can slice the sentence and keep per-character styles
(search hits, later spelling marks) across line breaks.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

Offsets = list[tuple[int, int]]


def display_text(text: str) -> str:
    """The text as shown: control characters become spaces, one for one (offsets stay valid)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else " " for c in text)


def wrap_offsets(text: str, width: int) -> Offsets:
    """Greedy word wrap: ``[(start, end), ...]`` slices of ``text`` that fit in ``width`` cells.

    Spaces at a break are dropped; a word longer than the width is cut. An empty text still
    takes one (empty) line, so every sentence is visible as a line of its own.
    """
    width = max(1, width)
    n = len(text)
    if n <= width and (text.isascii() or cell_len(text) == n):
        return [(0, n)]
    if not text.isascii() and cell_len(text) != n:
        return _wrap_wide(text, width)
    lines: Offsets = []
    start = 0
    while start < n:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            break
        end = start + width
        if end >= n:
            lines.append((start, n))
            break
        cut = text.rfind(" ", start, end + 1)
        if cut <= start:
            lines.append((start, end))
            start = end
        else:
            stop = cut
            while stop > start and text[stop - 1] == " ":
                stop -= 1
            lines.append((start, stop))
            start = cut + 1
    return lines or [(0, 0)]


#: marks a line may not start with, and marks a line may not end with (East Asian line
#: breaking: 。 and 」 stay with the text before them, 「 with the text after it)
_NO_START = set("。、，．！？!?,.)]}」』）》】〕〉”’：；:;…ーゝゞぁぃぅぇぉっゃゅょァィゥェォッャュョ")
_NO_END = set("「『（《【〔〈“‘([{")


def _breakable(text: str, i: int) -> bool:
    """May a line break fall between text[i - 1] and text[i] with no space there? Between
    two characters of a script written without spaces (or one of them), as Chinese and
    Japanese are wrapped, but not before a closing mark or after an opening one."""
    a, b = text[i - 1], text[i]
    return ((get_character_cell_size(a) == 2 or get_character_cell_size(b) == 2)
            and a != " " and b != " " and b not in _NO_START and a not in _NO_END)


def _wrap_wide(text: str, width: int) -> Offsets:
    """The slow path for text with double-width (CJK) or zero-width characters: breaks at
    spaces, and between wide characters."""
    lines: Offsets = []
    n = len(text)
    start = 0
    while start < n:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            break
        cells = 0
        i = start
        last_space = -1
        last_break = -1
        while i < n:
            w = get_character_cell_size(text[i])
            if cells + w > width:
                break
            if text[i] == " ":
                last_space = i
            elif i > start and _breakable(text, i):
                last_break = i
            cells += w
            i += 1
        if i >= n:
            lines.append((start, n))
            break
        if text[i] == " ":
            lines.append((start, i))
            start = i + 1
            continue
        if i > start and _breakable(text, i):  # the break right at the edge is the latest
            last_break = i
        if last_break > last_space and last_break > start:
            lines.append((start, last_break))
            start = last_break
        elif last_space > start:
            lines.append((start, last_space))
            start = last_space + 1
        else:
            i = max(i, start + 1)  # a character wider than the column still advances
            lines.append((start, i))
            start = i
    return lines or [(0, 0)]
