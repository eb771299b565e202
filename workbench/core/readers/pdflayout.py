"""A PDF page's lines put back into paragraphs: the geometry part of the PDF reader (pdf.py).

Input: per page, pdfminer's text boxes as lists of lines ``(x0, x1, top, size, text)`` (points;
``top`` from the page's top), and the page's width. Everything here works on those tuples, so
it is tested with constructed lines. What it does is said in pdf.py's docstring: paragraph
ends, joins across boxes, columns and lines, running headers and footers, the table of
contents, bullets, numbered headings.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from ..scripts import HAN_KANA
from . import Paragraph

_ENDS = tuple(".!?:;…»\"”)。！？：；」』）")
#: a Chinese or Japanese character: a line break between two of them is no space
CJK = re.compile(f"[{HAN_KANA}]")
_BULLET = re.compile(r"^(?:[•◦▪‣*·–—-]|\d{1,3}[.)])\s")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of|из)\s*\d+)?"
                          r"(?:\s*[-–—])?\s*$", re.I)
#: a list item's bullet sign, left out of its text (a dash stays: it opens dialogue)
_SYMBOL_BULLET = re.compile(r"^[•◦▪‣·∙●○■□►▸]\s+")
#: a web address cut at the line end ("https://www." | "debian.org/doc"): no space between
_URL_CUT = re.compile(r"(?:https?:|www\.)\S*[/.:#?=&_-]$")
#: a line of nothing but leader marks (Sphinx sets every dot of a leader apart)
_DOTS = re.compile(r"[.·…_\s]+")
#: a contents entry's page number right after its title, at the right margin
_PAGE_AT_END = re.compile(r"\s+(?:\d{1,4}|[ivx]{1,6})$")
#: a section number alone ("3.9.1", "4.", "A.2"), or a page number
_NUMBER_ONLY = re.compile(r"\s*(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\.?\s*")
#: a section number that opens a contents entry ("3.1.4 ")
_SECTION = re.compile(r"^(?:\d+\.)*\d+\.?\s")
#: a front matter's page number: a small roman numeral (i to xxxix), alone on its line
_ROMAN_PAGE = re.compile(r"^\s*(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})\s*$")
#: a table of contents' leader (". . . . .", "......", "……") and the page number after it
_LEADER = re.compile(r"\s*((?:[.·…_]\s?)+)\s*(\d{1,4}|[ivx]{1,6})?\s*$")


def _without_leader(text: str, contents: bool = False) -> tuple[str, bool]:
    """A contents entry's title without its leader and page number, and whether it had one:
    at least six leader marks, or four and a page number (an ellipsis ends a sentence); on a
    page of contents (``contents``), two, or one and a page number, or one set apart by a
    space (a sentence's full stop is not)."""
    m = _LEADER.search(text)
    if m:
        marks = len(re.sub(r"\s", "", m.group(1)))
        set_apart = m.start() == 0 or text[m.start()].isspace()  # not a sentence's full stop
        if marks >= 6 or marks >= 4 and m.group(2) or \
                contents and (marks >= 2 or m.group(2) or set_apart):
            return text[:m.start()].rstrip(), True
    return text, False


def _furniture(pages) -> set[str]:
    """Lines that are running headers or footers: the first or last line of most pages."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for boxes, _ in pages:
        lines = [ln for box in boxes for ln in box]
        if lines:
            ordered = sorted(lines, key=lambda ln: ln[2])
            for ln in {ordered[0][4], ordered[-1][4]}:
                edges[re.sub(r"\d+", "#", ln)] += 1
    return {text for text, n in edges.items() if n >= max(3, len(pages) // 2)}


def _edge_rows(lines, body: float) -> tuple[int | None, int | None]:
    """The page's top row, and its bottom row if a page number is on it, each where it is set
    apart from the rest by more than two lines' space and no larger than the body text: where
    a running header or footer sits (None where there is no such row). A bottom row needs its
    page number: a footnote's last line sits at the same place on every page too."""
    tops = sorted({round(ln[2]) for ln in lines})
    if len(tops) < 3:
        return None, None

    def apart(row: int, gap: float) -> bool:
        size = max(ln[3] for ln in lines if round(ln[2]) == row)
        return gap > 2 * size and size <= 1.05 * body

    head = tops[0] if apart(tops[0], tops[1] - tops[0]) else None
    foot = tops[-1] if apart(tops[-1], tops[-1] - tops[-2]) and any(
        round(ln[2]) == tops[-1] and _PAGE_NUMBER.match(ln[4]) for ln in lines) else None
    return head, foot


def _running_rows(pages, body: float) -> set[int]:
    """Positions (points from the top) of running headers and footers whose words change from
    page to page (a chapter's or section's title): a row set apart at the top, or at the
    bottom beside the page number, of most pages, at the same place (within two points: left
    and right pages differ by one)."""
    if len(pages) < 3:
        return set()
    seen: Counter[int] = Counter()
    for boxes, _ in pages:
        seen.update(row for row in _edge_rows([ln for box in boxes for ln in box], body)
                    if row is not None)
    near = {row: sum(n for other, n in seen.items() if abs(other - row) <= 2) for row in seen}
    return {row for row, n in near.items() if n >= max(3, len(pages) // 2)}


def _columns(lines) -> list[tuple[float, float]]:
    """The page's columns: the stretches of width its lines cover, where they overlap (one for
    a page of one column; a title set across two columns makes them one)."""
    out: list[tuple[float, float]] = []
    for x0, x1 in sorted((ln[0], ln[1]) for ln in lines):
        if out and x0 <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], x1))
        else:
            out.append((x0, x1))
    return out


def _margin(columns, x0: float) -> tuple[float, float]:
    """(right edge, width) of the column a line starting at ``x0`` is in."""
    for left, right in columns:
        if left <= x0 <= right:
            return right, right - left
    return columns[-1][1], columns[-1][1] - columns[0][0]


def _goes_on(last, line, columns, next_column: bool = False) -> bool:
    """Whether a text box's first line goes on with the paragraph the box before left open:
    this one sits right below that paragraph's last line (or opens the next column), in the
    same type size, and that line ran to its column's right margin without a sentence end, or
    this one starts in small letters after no sentence end (a word cut by a hyphen, a web
    address cut, inline code set apart). pdfminer starts a new box at a first line's indent
    and at a heading's hanging indent, in the middle of a paragraph."""
    x0, x1, top, size, text = last
    nx0, nx1, ntop, nsize, ntext = line
    right, width = _margin(columns, x0)
    below = next_column or 0 < ntop - top <= 1.6 * size and nx0 < x1 and nx1 > x0
    full = x1 >= right - 0.12 * width
    small = ntext[:1].islower() and (not text.endswith(_ENDS) or _URL_CUT.search(text))
    return abs(nsize - size) < 0.5 and below and (full and not text.endswith(_ENDS) or small)


def _in_columns(boxes, columns) -> tuple[list, set[int]]:
    """The boxes in reading order, column by column, top to bottom, where the page has two or
    more columns of text (pdfminer's own order may take a box of the second column first),
    and the positions of the boxes that open a column after the first."""
    def column(box) -> int:
        return next((k for k, (a, b) in enumerate(columns) if a <= box[0][0] <= b), 0)

    texts = [k for k in range(len(columns)) if sum(len(b) for b in boxes if column(b) == k) >= 3]
    if len(texts) < 2:
        return boxes, set()
    ordered = sorted(boxes, key=lambda b: (column(b), b[0][2]))
    opens = {i for i in range(1, len(ordered))
             if column(ordered[i]) != column(ordered[i - 1]) and column(ordered[i]) in texts[1:]}
    return ordered, opens


def _numbered_titles(boxes) -> list:
    """The boxes with each section number that stands in a box of its own ("3.9.1") put
    before the title on its row, just right of it (LaTeX and Sphinx set them apart, and
    pdfminer makes two boxes of them); a number with no title beside it stays where it is."""
    lone = {i for i, b in enumerate(boxes) if len(b) == 1 and _NUMBER_ONLY.fullmatch(b[0][4])}
    if not lone:
        return boxes
    out = [list(b) for b in boxes]
    joined = set()
    for i in sorted(lone):
        nx0, nx1, ntop, nsize, ntext = boxes[i][0]
        beside = [(line[0], j, k) for j, box in enumerate(out) if j not in lone
                  for k, line in enumerate(box)
                  if abs(line[2] - ntop) <= 1 and nx1 < line[0] <= nx1 + 6 * nsize]
        if beside:
            _, j, k = min(beside)
            x0, x1, top, size, text = out[j][k]
            out[j][k] = (nx0, x1, top, size, f"{ntext} {text}")
            joined.add(i)
    return [b for i, b in enumerate(out) if i not in joined]


def _ruled(rules, above, below) -> bool:
    """Whether a rule drawn across both lines lies between ``above`` and the line ``below``
    it (a table's row border: the lines are in different cells)."""
    lo, hi = above[2] + 0.5 * above[3], below[2] + 0.5 * below[3]
    return any(lo < top <= hi and x0 < min(above[1], below[1]) and x1 > max(above[0], below[0])
               for x0, x1, top in rules)


def _cell_row(rules, down, line) -> int | None:
    """Where the row ``line`` is in starts (its upper rule), when the line is in a cell of a
    ruled table: between two rules across it at most six lines apart, with a rule drawn down
    between two columns on its row (a frame around a code listing has rules above and below
    it, and at most its sides); else None."""
    size = line[3] or 10.0
    across = sorted({round(top) for x0, x1, top in rules if x0 < line[1] and x1 > line[0]})
    mid = line[2] + 0.5 * size
    for above, below in zip(across, across[1:]):
        if above <= mid < below:
            if below - above > 6 * size:
                return None
            left = min(x0 for x0, x1, top in rules if round(top) == above)
            right = max(x1 for x0, x1, top in rules if round(top) == above)
            inside = any(top <= mid <= bottom and left + 3 < x < right - 3
                         for x, top, bottom in down)
            return above if inside else None
    return None


def _in_rows(boxes, opens: set[int], rules, down, size: float) -> tuple[list, set[int]]:
    """The boxes with each cell of a ruled table as a box of its own, the table read row by
    row, left to right, where its first cell was (pdfminer gives a table column by column,
    and the text after it between its columns); and which of them open a column."""
    if not down:
        return boxes, opens
    tops = sorted({round(top) for _, _, top in rules})
    table_of, start = {}, None  # a row's upper rule -> its table's first rule
    for k, top in enumerate(tops):
        start = top if k == 0 or top - tops[k - 1] > 6 * size else start
        table_of[top] = start
    out: list = []
    cells: dict[int, list] = {}
    for i, box in enumerate(boxes):
        runs: list[tuple[int | None, list]] = []
        for line in box:
            row = _cell_row(rules, down, line)
            if runs and runs[-1][0] == row:
                runs[-1][1].append(line)
            else:
                runs.append((row, [line]))
        for j, (row, run) in enumerate(runs):
            if row is None:
                out.append((run, i in opens and j == 0))
                continue
            table = table_of.get(row, row)
            if table not in cells:
                cells[table] = []
                out.append(table)
            cells[table].append(((row, run[0][0]), run))
    ordered: list = []
    for item in out:
        if isinstance(item, int):
            ordered += [(run, False) for _, run in sorted(cells[item], key=lambda c: c[0])]
        else:
            ordered.append(item)
    return [run for run, _ in ordered], {k for k, (_, o) in enumerate(ordered) if o}


def _numbers_right(lines) -> float:
    """Where a page's contents entries end: the commonest right edge of the lines that end in
    a leader and a page number (the right edge of all lines, where none does)."""
    edges = Counter(round(ln[1]) for ln in lines
                    if (m := _LEADER.search(ln[4])) and m.group(2) and _without_leader(ln[4])[1])
    return edges.most_common(1)[0][0] if edges else max(ln[1] for ln in lines)


def _page(boxes, number: int, body: float, furniture: set[str], running: set[int],
          compounds: set[str], rules=((), ())) -> list[Paragraph]:
    rules, down = rules
    lines_all = [ln for box in boxes for ln in box]
    if not lines_all:
        return []
    skip_rows = {row for row in _edge_rows(lines_all, body)
                 if row is not None and any(abs(row - r) <= 2 for r in running)}
    columns = _columns(lines_all)
    numbers_at = _numbers_right(lines_all)
    contents = sum(_without_leader(ln[4])[1] for ln in lines_all) >= 3 or \
        sum(bool(_DOTS.fullmatch(ln[4])) for ln in lines_all) >= 5
    # footnotes: smaller type set apart below the page's last line of body type (more than a
    # line's space between), a few lines at most; a page mostly in small type (a copyright
    # page) or of entries with leaders (an index, contents) has none
    body_lines = [ln[2] for ln in lines_all if body and ln[3] >= 0.95 * body
                  and round(ln[2]) not in skip_rows and not _PAGE_NUMBER.match(ln[4])]
    body_bottom = max(body_lines) if body_lines else None
    below = sorted(ln[2] for ln in lines_all
                   if body_bottom is not None and ln[3] < 0.9 * body and ln[2] > body_bottom)
    if not below or below[0] - body_bottom <= 1.2 * body or len(below) > 0.35 * len(lines_all) \
            or contents:
        body_bottom = None
    out: list[Paragraph] = []
    buf: list[str] = []
    heading = item = note = cell = False
    last = None  # the line the open paragraph ends with

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(buf)).strip()
        buf.clear()
        if text:
            kind = ("heading" if heading else "footnote" if note else
                    "list-item" if item else "table-cell" if cell else "paragraph")
            out.append(Paragraph(text, kind, 1 if heading else None, where=f"page {number}"))

    boxes, opens = _in_columns(_numbered_titles(boxes), columns)
    boxes, opens = _in_rows(boxes, opens, rules, down, body or 10.0)
    for number_in_page, box in enumerate(boxes):
        first = True
        for k, line in enumerate(box):
            x0, x1, top, size, text = line
            if _PAGE_NUMBER.match(text) or _ROMAN_PAGE.match(text) or \
                    re.sub(r"\d+", "#", text) in furniture or round(top) in skip_rows:
                continue
            if first and buf and (not _goes_on(last, line, columns, number_in_page in opens)
                                  or _ruled(rules, last, line)):
                flush()
            first = False
            text, entry = _without_leader(text, contents)
            if contents and not entry and abs(x1 - numbers_at) <= 3 and \
                    _PAGE_AT_END.search(text):
                text, entry = _PAGE_AT_END.sub("", text), True  # a title that left no room
            if not text:  # the leader of an entry whose title ended the line before
                flush()
                continue
            big = bool(body and size > 1.15 * body)
            if buf and (big != heading or _BULLET.match(text) or
                        contents and _SECTION.match(text)):
                flush()
            if not buf:
                heading, item = big, bool(_SYMBOL_BULLET.match(text))
                note = body_bottom is not None and size < 0.9 * body and top > body_bottom
                cell = bool(down) and _cell_row(rules, down, line) is not None
                text = _SYMBOL_BULLET.sub("", text)
            if buf and re.search(r"[^\W\d_]-$", buf[-1]) and re.match(r"[^\W\d_]", text):
                buf[-1] = _joined(buf[-1], text, compounds)  # hyphenated at the line end
            elif buf and not _URL_CUT.search(buf[-1]) and not buf[-1].endswith("/"):
                buf.append(_space(buf[-1], text))  # a path or "and/or" cut at "/" goes on
            buf.append(text)
            last = line
            after = box[k + 1][4] if k + 1 < len(box) else ""
            right, width = _margin(columns, x0)
            if after and rules and _ruled(rules, line, box[k + 1]):
                flush()  # a table's row border
            elif cell and after and abs(box[k + 1][0] - x0) <= 2:
                pass  # a cell's lines are one paragraph, however short (a wrapped cell)
            elif entry or x1 < right - 0.3 * width and not after[:1].islower() or \
                    x1 < right - 0.12 * width and text.endswith(_ENDS) and \
                    not after[:1].islower():
                flush()
    flush()
    return out


def _space(head: str, tail: str) -> str:
    """What a line break between ``head`` and ``tail`` is: a space, or nothing inside Chinese
    or Japanese text ("同" | "じです", not "同 じです")."""
    return "" if head and tail and CJK.match(head[-1]) and CJK.match(tail) else " "


def _joined(head: str, tail: str, compounds: set[str]) -> str:
    """``head`` (ending in a hyphen at the line end) joined with the next line's ``tail``:
    without the hyphen, unless the document writes that word with one elsewhere or the line
    goes on with a capital ("Build-" | "Depends", "non-" | "English": hyphenation never puts
    one there)."""
    stem = re.search(r"[^\W_][\w-]*-$", head)
    rest = re.match(r"[\w-]+", tail)
    if stem and rest and f"{stem.group(0)}{rest.group(0)}".lower() in compounds or \
            tail[:1].isupper():
        return head
    return head[:-1]


def _compounds(pages) -> set[str]:
    """The hyphenated words the document writes inside its lines (lowercased)."""
    out: set[str] = set()
    for boxes, _ in pages:
        for box in boxes:
            for ln in box:
                out.update(w.lower() for w in re.findall(r"[^\W_][\w]*(?:-[\w]+)+", ln[4][:-1]))
    return out


def paragraphs(pages, rules=None) -> list[Paragraph]:
    """The paragraphs of ``pages`` (per page: its boxes of lines, and its width), a paragraph
    going on over a page break when it ends with no sentence end; ``rules``, per page, the
    rules drawn on it (horizontal (x0, x1, top), vertical (x, top, bottom)): a rule between
    two lines ends a paragraph, and a ruled table's cells are paragraphs of their own (kind
    table-cell); footnotes (smaller type
    below a page's last line of body type) come after the text, as the DOCX reader puts them,
    since where a page break falls differs between a text and its translation."""
    sizes = [ln[3] for boxes, _ in pages for box in boxes for ln in box if ln[3]]
    body = statistics.median(sizes) if sizes else 0.0
    furniture = _furniture(pages)
    running = _running_rows(pages, body)
    compounds = _compounds(pages)
    out: list[Paragraph] = []
    notes: list[Paragraph] = []
    for number, (boxes, _width) in enumerate(pages, 1):
        page = _page(boxes, number, body, furniture, running, compounds,
                     rules[number - 1] if rules else ((), ()))
        notes += [p for p in page if p.kind == "footnote"]
        page = [p for p in page if p.kind != "footnote"]
        if out and page and out[-1].kind == page[0].kind == "paragraph" and \
                not out[-1].text.endswith(_ENDS):  # going on over the page break
            glue = _space(out[-1].text, page[0].text)
            out[-1] = Paragraph(f"{out[-1].text}{glue}{page[0].text}", "paragraph",
                                where=out[-1].where)
            page = page[1:]
        out.extend(page)
    return out + notes
