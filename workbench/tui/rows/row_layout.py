"""Where every row of a document is, at one width of the view: the columns, each sentence's
line breaks, each row's height, and the first screen line of each row.

Why it is kept apart from drawing: the view needs the height of every row before it can scroll
(10,000 rows, 20,000 sentences). So on a resize every sentence is wrapped once (break offsets,
:mod:`.wrap`, cached by text) and the heights go into prefix sums (``tops``), which makes the
row under a screen line one ``bisect``; after an edit only the rows it spliced are measured
again (the Edit's splices say which).

Each row is its content lines plus one separator line. A row's line is
``gutter │ ru cell │ en cell``; the gutter is ``12 1-1 ✓⚑≠`` wide.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import set_cell_size
from rich.text import Text
from textual.cache import LRUCache

from ...core.document import Bead, Document
from ...core.operations import Edit
from .wrap import Offsets, display_text, wrap_offsets

#: one line of a cell: (sentence index in the row, start, end)
CellLine = tuple[int, int, int]


class RowLayout:
    """The geometry of a document's rows at the view's width."""

    def __init__(self) -> None:
        self.doc: Document | None = None
        self.width = 0  # gutter, two rules and two cells
        self.gutter = 9
        self.num_w = 3  # row numbers
        self.kind_w = 3  # "1-1"
        self.col = (10, 10)  # cell widths of the two sides (including 1-cell padding each side)
        self.heights: list[int] = []  # content lines per row (the separator not counted)
        self.tops: list[int] = [0]  # first screen line of each row; tops[-1] = total lines
        self._wraps: tuple[dict[str, Offsets], dict[str, Offsets]] = ({}, {})
        self._cells: LRUCache[int, tuple[list[CellLine], list[CellLine]]] = LRUCache(1024)

    @property
    def row_count(self) -> int:
        return len(self.doc.beads) if self.doc is not None else 0

    @property
    def lines(self) -> int:
        """All screen lines of the document."""
        return self.tops[-1]

    # ------------------------------------------------------------ measuring

    def measure(self, width: int) -> None:
        """Column widths from the view width: the gutter, then two equal text columns."""
        width = max(20, width)
        self.num_w = max(3, len(str(self.row_count)))
        self.kind_w = 3
        self.gutter = self.num_w + 1 + self.kind_w + 4  # "12 1-1 ✓⚑≠"
        rest = width - self.gutter - 2  # two vertical rules
        left = max(4, rest // 2)
        self.col = (left, max(4, rest - left))
        self.width = self.gutter + 2 + self.col[0] + self.col[1]

    def column_titles(self, left: str, right: str) -> Text:
        """A title line that lines up with the columns: ``#  type │ left │ right``."""
        gutter = set_cell_size(f"{'#':>{self.num_w}} type", self.gutter)
        return Text.assemble((gutter, "bold"), "│", (set_cell_size(f" {left}", self.col[0]), "bold"),
                             "│", (set_cell_size(f" {right}", self.col[1]), "bold"))

    def relayout(self) -> None:
        """Wrap everything again (after a resize, a new document or a sentence-text edit)."""
        self._wraps = ({}, {})
        self.heights = [self._row_height(b) for b in self.doc.beads] if self.doc else []
        self.sum_up()

    def sum_up(self) -> None:
        """The first line of every row, from the heights."""
        self.tops = [0, *accumulate(h + 1 for h in self.heights)]
        self._cells.clear()

    def wrap(self, side: int, text: str) -> Offsets:
        cache = self._wraps[side]
        offsets = cache.get(text)
        if offsets is None:
            offsets = cache[text] = wrap_offsets(display_text(text), self.col[side] - 2)
        return offsets

    def _row_height(self, bead: Bead) -> int:
        doc = self.doc
        assert doc is not None
        h = 1
        for side, (ids, sents) in enumerate(((bead.src, doc.source), (bead.tgt, doc.target))):
            lines = 0
            for sid in ids:
                lines += len(self.wrap(side, sents.get(sid).text))
            h = max(h, lines)
        return h

    def apply_edit(self, edit: Edit, undone: bool = False) -> bool:
        """Measure again only the rows an edit (or its undo) spliced; text edits, all rows.
        True when the row numbers got wider (the columns must be measured again)."""
        doc = self.doc
        if any(sp.target in ("src", "tgt") for sp in edit.splices) and not any(
                sp.target == "beads" for sp in edit.splices):
            self.heights = [self._row_height(b) for b in doc.beads]
        else:
            splices = reversed(edit.splices) if undone else edit.splices
            for sp in splices:
                if sp.target != "beads":
                    continue
                old, new = (sp.new, sp.old) if undone else (sp.old, sp.new)
                self.heights[sp.start:sp.start + len(old)] = [self._row_height(b) for b in new]
        if len(self.heights) != self.row_count:  # should not happen: fall back to all rows
            self.heights = [self._row_height(b) for b in doc.beads]
        return self.num_w < len(str(self.row_count))  # the gutter grows, never shrinks

    # ------------------------------------------------------------ where things are

    def row_at_line(self, line: int) -> int:
        """The row that holds virtual line ``line`` (clamped to the document)."""
        if not self.heights:
            return 0
        return min(max(0, bisect_right(self.tops, line) - 1), len(self.heights) - 1)

    def row_span(self, row: int) -> tuple[int, int]:
        """First line and line count (with its separator) of ``row``."""
        return self.tops[row], self.tops[row + 1] - self.tops[row]

    def cell_lines(self, row: int) -> tuple[list[CellLine], list[CellLine]]:
        """The lines of the row's two cells: which sentence, and which part of it."""
        cells = self._cells.get(row)
        if cells is None:
            doc = self.doc
            bead = doc.beads[row]
            out = []
            for side, (ids, sents) in enumerate(((bead.src, doc.source), (bead.tgt, doc.target))):
                lines: list[CellLine] = []
                for k, sid in enumerate(ids):
                    lines.extend((k, s, e) for s, e in self.wrap(side, sents.get(sid).text))
                out.append(lines)
            cells = self._cells[row] = (out[0], out[1])
        return cells
