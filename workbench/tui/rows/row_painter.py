"""Drawing one screen line of a row: the gutter, the two cells, and the marks on the text.

A row's line is ``gutter │ ru cell │ en cell``; the gutter holds the row number, the bead type
coloured by the aligner's confidence, a ✓ for confirmed rows, a ⚑ for open review flags
(coloured by the highest severity), a ≠ for terminology problems, and the confidence value.

Misspelt words, glossary terms and flagged spans come from ``marks`` (a
:class:`~workbench.tui.terms.marks.Marks`, or None) as character spans of a sentence; they are
cut at the wrap offsets, so a style survives line breaks, and search hits are drawn over them.
The view caches the lines drawn here, so marks are asked for only when a line is new.
"""

from __future__ import annotations

from typing import Callable

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ...core.confidence import confidence_band
from ...core.document import Bead
from .row_layout import CellLine, RowLayout
from .wrap import display_text

SIDES = ("src", "tgt")


class RowPainter:
    """Draws the rows of a :class:`RowLayout` with the view's styles."""

    def __init__(self, layout: RowLayout, style: Callable[..., Style]) -> None:
        """``style(name, partial=False)``: the view's component style ``alignment-view--name``."""
        self.layout = layout
        self.style = style
        self.base = Style()  # the view's own style, under everything
        self.marks = None  # spans and gutter marks of rows (None: plain text)
        self.query = ""  # search text to highlight (lower case)

    def line(self, row: int, dy: int, cursor: tuple[str, int] | None) -> Strip:
        """Line ``dy`` of ``row`` (its separator past the content); ``cursor``: (side, k)
        when the cursor is in this row."""
        lay = self.layout
        doc = lay.doc
        bead = doc.beads[row]
        height = lay.heights[row]
        rule = self.style("separator")
        if dy >= height:  # the separator below the row
            text = "─" * lay.gutter + "┴" + "─" * lay.col[0] + "┴" + "─" * lay.col[1]
            if row + 1 < len(doc.beads):
                text = "─" * lay.gutter + "┼" + "─" * lay.col[0] + "┼" + "─" * lay.col[1]
            return Strip([Segment(text, rule)], lay.width)
        if cursor is not None:
            row_style = self.style("cursor-row")
        elif bead.confirmed:
            row_style = self.style("confirmed")
        else:
            row_style = self.base
        segments = self._gutter_segments(bead, row, dy, row_style, cursor is not None)
        cells = lay.cell_lines(row)
        for si, (ids, sents) in enumerate(((bead.src, doc.source), (bead.tgt, doc.target))):
            segments.append(Segment("│", row_style + self.style("separator", partial=True)))
            lines = cells[si]
            cur_k = cursor[1] if cursor is not None and cursor[0] == SIDES[si] else None
            segments.extend(self._cell_segments(row, lines, dy, ids, sents, si, row_style, cur_k))
        return Strip(segments, lay.width)

    def _gutter_segments(self, bead: Bead, row: int, dy: int, row_style: Style,
                         is_cursor: bool) -> list[Segment]:
        lay = self.layout
        nw, kw = lay.num_w, lay.kind_w
        band = confidence_band(bead.confidence)
        if dy == 0:
            num_style = row_style + self.style("gutter-cursor" if is_cursor else "gutter",
                                                partial=True)
            mark = "✓" if bead.confirmed else " "
            flag, term = self.marks.gutter(row) if self.marks is not None else (None, False)
            return [Segment(f"{row + 1:>{nw}} ", num_style),
                    Segment(set_cell_size(bead.kind, kw),
                            row_style + self.style(f"conf-{band}", partial=True)),
                    Segment(f" {mark}", row_style + self.style("check", partial=True)),
                    Segment("⚑" if flag else " ",
                            row_style + self.style(f"flag-{flag}", partial=True) if flag
                            else row_style),
                    Segment("≠" if term else " ",
                            row_style + self.style("term-marker", partial=True) if term
                            else row_style)]
        if dy == 1 and bead.confidence is not None:
            conf = f"{bead.confidence:.2f}"
            return [Segment(" " * (nw + 1), row_style),
                    Segment(set_cell_size(conf, lay.gutter - nw - 1),
                            row_style + self.style(f"conf-{band}", partial=True))]
        return [Segment(" " * lay.gutter, row_style)]

    def _cell_segments(self, row: int, lines: list[CellLine], dy: int, ids: tuple[int, ...],
                       sents, si: int, row_style: Style, cur_k: int | None) -> list[Segment]:
        lay = self.layout
        width = lay.col[si]
        if dy >= len(lines):
            style = row_style
            if cur_k is not None and not ids and dy == 0:  # the cursor on an empty side
                return [Segment("▌", row_style + self.style("marker", partial=True)),
                        Segment(set_cell_size("(no sentence)", width - 1),
                                row_style + self.style("empty", partial=True))]
            return [Segment(" " * width, style)]
        k, start, end = lines[dy]
        sentence = sents.get(ids[k])
        text = display_text(sentence.text)[start:end]
        style = self.style("cursor-sentence") if k == cur_k else row_style
        if sentence.edited:
            style = style + self.style("edited", partial=True)
        if k == cur_k:
            pad = Segment("▌", style + self.style("marker", partial=True))
        elif len(ids) > 1 and (dy == 0 or lines[dy - 1][0] != k):
            pad = Segment("›", style + self.style("bullet", partial=True))
        else:
            pad = Segment(" ", style)
        out = [pad]
        spans = self.marks.sentence_spans(row, SIDES[si], ids[k]) if self.marks else ()
        out.extend(self._text_segments(text, style, spans, start))
        used = 1 + sum(seg.cell_length for seg in out[1:])
        out.append(Segment(" " * max(0, width - used), style))
        if used > width:
            return list(Strip(out).crop(0, width))
        return out

    def _text_segments(self, text: str, style: Style,
                       spans: tuple[tuple[int, int, str], ...] = (),
                       offset: int = 0) -> list[Segment]:
        """The text (one line of a sentence, starting at ``offset`` in it), with the marks'
        ``spans`` (sentence offsets, weakest first) and search hits drawn over it (hits split
        by a line break are not marked)."""
        pieces: list[tuple[int, int, Style]] = []
        n = len(text)
        for start, end, name in spans:
            a, b = max(0, start - offset), min(n, end - offset)
            if a < b:
                pieces.append((a, b, self.style(name, partial=True)))
        query = self.query
        if query:
            low = text.lower()
            if query in low and len(low) == n:
                hit = self.style("match", partial=True)
                pos = low.find(query)
                while pos >= 0:
                    pieces.append((pos, pos + len(query), hit))
                    pos = low.find(query, pos + len(query))
        if not pieces:
            return [Segment(text, style)]
        cuts = sorted({0, n, *(p[0] for p in pieces), *(p[1] for p in pieces)})
        out = []
        for a, b in zip(cuts, cuts[1:]):
            piece_style = style
            for start, end, extra in pieces:
                if start <= a and b <= end:
                    piece_style = piece_style + extra
            out.append(Segment(text[a:b], piece_style))
        return out
