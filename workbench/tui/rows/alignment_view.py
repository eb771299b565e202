"""The aligned view: one row per bead, Russian left, English right, drawn with the Line API.

Why a Line-API ``ScrollView`` and not widgets: a 10,000-row document as widgets takes seconds
to mount and hundreds of MB (see NOTES.md); here only the visible lines are ever rendered.

How it stays fast:
- on resize, every sentence is wrapped once (break offsets, :mod:`.wrap`) and the row heights
  go into prefix sums (``_tops``), so the row under a screen line is one ``bisect``;
- after an edit only the spliced rows are re-measured (the Edit's splices say which);
- rendered lines are ``Strip``s in an LRU cache keyed by row, line and cursor state, so a
  cursor move re-renders two rows and scrolling re-renders only lines not seen before.

Each row is its content lines plus one separator line. A row's line is
``gutter │ ru cell │ en cell``; the gutter holds the row number, the bead type coloured by
the aligner's confidence, a ✓ for confirmed rows, a ⚑ for open review flags (coloured by the
highest severity), a ≠ for terminology problems, and the confidence value.

Misspelt words, glossary terms and flagged spans come from ``marks`` (a
:class:`~.marks.Marks`, set by the app) as character spans of a sentence; the renderer cuts
them at the wrap offsets, so a style survives line breaks. Marks are asked for only when a
line is rendered, and rendered lines are cached, so cursor moves check nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.confidence import confidence_band
from ...core.document import Bead, Document
from ...core.operations import Edit
from .wrap import Offsets, display_text, wrap_offsets

SIDES = ("src", "tgt")

#: one line of a cell: (sentence index in the row, start, end) or None past the cell's end
CellLine = tuple[int, int, int]


class AlignmentView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable rows of a :class:`Document` with a cursor on one sentence of one row."""

    COMPONENT_CLASSES = {
        "alignment-view--gutter",
        "alignment-view--gutter-cursor",
        "alignment-view--confirmed",
        "alignment-view--cursor-row",
        "alignment-view--cursor-sentence",
        "alignment-view--marker",
        "alignment-view--bullet",
        "alignment-view--separator",
        "alignment-view--conf-low",
        "alignment-view--conf-mid",
        "alignment-view--conf-high",
        "alignment-view--conf-none",
        "alignment-view--check",
        "alignment-view--match",
        "alignment-view--edited",
        "alignment-view--empty",
        "alignment-view--misspelt",
        "alignment-view--spell-current",
        "alignment-view--term",
        "alignment-view--term-bad",
        "alignment-view--term-marker",
        "alignment-view--flag-span",
        "alignment-view--flag-neutral",
        "alignment-view--flag-minor",
        "alignment-view--flag-major",
        "alignment-view--flag-critical",
    }

    DEFAULT_CSS = """
    AlignmentView {
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
    }
    AlignmentView > .alignment-view--gutter { color: $foreground-muted; }
    AlignmentView > .alignment-view--gutter-cursor { color: $text-accent; text-style: bold; }
    AlignmentView > .alignment-view--confirmed { background: $success 10%; }
    AlignmentView > .alignment-view--cursor-row { background: $primary 15%; }
    AlignmentView > .alignment-view--cursor-sentence { background: $primary 40%; }
    AlignmentView > .alignment-view--marker { color: $accent; text-style: bold; }
    AlignmentView > .alignment-view--bullet { color: $foreground-muted; }
    AlignmentView > .alignment-view--separator { color: $foreground 20%; }
    AlignmentView > .alignment-view--conf-low { color: $text-error; text-style: bold; }
    AlignmentView > .alignment-view--conf-mid { color: $text-warning; }
    AlignmentView > .alignment-view--conf-high { color: $text-success; }
    AlignmentView > .alignment-view--conf-none { color: $foreground-muted; }
    AlignmentView > .alignment-view--check { color: $text-success; text-style: bold; }
    AlignmentView > .alignment-view--match { background: $warning 50%; }
    AlignmentView > .alignment-view--edited { color: $text-secondary; }
    AlignmentView > .alignment-view--empty { color: $foreground-muted; text-style: italic; }
    AlignmentView > .alignment-view--misspelt { color: $text-error; text-style: underline; }
    AlignmentView > .alignment-view--spell-current {
        color: $text-error; background: $error 30%; text-style: bold underline;
    }
    AlignmentView > .alignment-view--term { color: $text-primary; }
    AlignmentView > .alignment-view--term-bad { color: $text-warning; text-style: underline; }
    AlignmentView > .alignment-view--term-marker { color: $text-warning; text-style: bold; }
    AlignmentView > .alignment-view--flag-span { background: $error 25%; }
    AlignmentView > .alignment-view--flag-neutral { color: $foreground-muted; }
    AlignmentView > .alignment-view--flag-minor { color: $text-warning; }
    AlignmentView > .alignment-view--flag-major { color: $text-error; }
    AlignmentView > .alignment-view--flag-critical { color: $text-error; text-style: bold reverse; }
    """

    class CursorMoved(Message):
        """The cursor moved to another row or sentence (the app updates its status line)."""

    class Measured(Message):
        """The column widths changed (the app redraws the column titles)."""

    def __init__(self, doc: Document | None = None, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.doc = doc
        self.row = 0  # cursor row
        self.side = "src"  # cursor side
        self.k = 0  # cursor sentence index within the side of the row
        self.side_k: dict[str, int] = {}  # the last sentence chosen on each side of this row
        self.query = ""  # search text to highlight (lower case)
        self.placeholder = "No rows yet."  # shown while a document has no beads
        self.marks = None  # a .marks.Marks: spelling, term and flag spans (None: plain text)
        self._width = 0
        self._laid_out_at = -1  # the view width the layout was made for
        self._gutter = 9
        self._num_w = 3
        self._kind_w = 3
        self._col = (10, 10)  # cell widths of the two sides (including 1-cell padding each side)
        self._wraps: tuple[dict[str, Offsets], dict[str, Offsets]] = ({}, {})
        self._heights: list[int] = []  # content lines per row (the separator not counted)
        self._tops: list[int] = [0]  # first screen line of each row; _tops[-1] = total lines
        self._cells: LRUCache[int, tuple[list[CellLine], list[CellLine]]] = LRUCache(1024)
        self._strips: LRUCache[tuple, Strip] = LRUCache(4096)
        self._styles: dict[str, Style] = {}

    # ------------------------------------------------------------ layout

    def set_document(self, doc: Document | None) -> None:
        """Show another document (or the same one after a change too large to track)."""
        self.doc = doc
        self.row = min(self.row, max(0, self.row_count - 1))
        if self.size.width:  # else the first Resize lays it out
            self.relayout()

    @property
    def laid_out(self) -> bool:
        return self._laid_out_at >= 0 and len(self._heights) == self.row_count

    @property
    def row_count(self) -> int:
        return len(self.doc.beads) if self.doc is not None else 0

    def _measure(self) -> None:
        """Column widths from the view width: gutter, then two equal text columns."""
        width = max(20, self.scrollable_content_region.width or self.size.width)
        self._num_w = max(3, len(str(self.row_count)))
        self._kind_w = 3
        self._gutter = self._num_w + 1 + self._kind_w + 4  # "12 1-1 ✓⚑≠"
        rest = width - self._gutter - 2  # two vertical rules
        left = max(4, rest // 2)
        self._col = (left, max(4, rest - left))
        self._width = self._gutter + 2 + self._col[0] + self._col[1]
        self.post_message(self.Measured())

    def column_titles(self, left: str, right: str) -> Text:
        """A title line that lines up with the columns: ``#  type │ left │ right``."""
        gutter = set_cell_size(f"{'#':>{self._num_w}} type", self._gutter)
        return Text.assemble((gutter, "bold"), "│", (set_cell_size(f" {left}", self._col[0]), "bold"),
                             "│", (set_cell_size(f" {right}", self._col[1]), "bold"))

    def relayout(self) -> None:
        """Re-wrap everything: after a resize, a new document or a sentence-text edit."""
        self._measure()
        self._laid_out_at = self.scrollable_content_region.width
        self._wraps = ({}, {})
        self._heights = [self._row_height(b) for b in self.doc.beads] if self.doc else []
        self._refresh_tops()

    def _refresh_tops(self) -> None:
        self._tops = [0, *accumulate(h + 1 for h in self._heights)]
        self._cells.clear()
        self._strips.clear()
        self.virtual_size = Size(self._width, self._tops[-1])
        self.refresh()

    def _wrap(self, side: int, text: str) -> Offsets:
        cache = self._wraps[side]
        offsets = cache.get(text)
        if offsets is None:
            offsets = cache[text] = wrap_offsets(display_text(text), self._col[side] - 2)
        return offsets

    def _row_height(self, bead: Bead) -> int:
        doc = self.doc
        assert doc is not None
        h = 1
        for side, (ids, sents) in enumerate(((bead.src, doc.source), (bead.tgt, doc.target))):
            lines = 0
            for sid in ids:
                lines += len(self._wrap(side, sents.get(sid).text))
            h = max(h, lines)
        return h

    def apply_edit(self, edit: Edit, undone: bool = False) -> None:
        """Re-measure only the rows an edit (or its undo) spliced; texts edits re-wrap all.

        An edit of a document section only (flags, glossary, ignore list) changes no height:
        the rendered lines are just forgotten, so that their marks are drawn again.
        """
        if all(sp.target.startswith("extra:") for sp in edit.splices):
            self.refresh_rows()
            return
        if any(sp.target in ("src", "tgt") for sp in edit.splices) and not any(
                sp.target == "beads" for sp in edit.splices):
            self._heights = [self._row_height(b) for b in self.doc.beads]
        else:
            splices = reversed(edit.splices) if undone else edit.splices
            for sp in splices:
                if sp.target != "beads":
                    continue
                old, new = (sp.new, sp.old) if undone else (sp.old, sp.new)
                self._heights[sp.start:sp.start + len(old)] = [self._row_height(b) for b in new]
        if len(self._heights) != self.row_count:  # should not happen: fall back to a full layout
            self._heights = [self._row_height(b) for b in self.doc.beads]
        if self._num_w < len(str(self.row_count)):  # the gutter grows, never shrinks
            self.relayout()
        else:
            self._refresh_tops()
        self.row = min(self.row, max(0, self.row_count - 1))

    def on_resize(self, event: events.Resize) -> None:
        if self.doc is not None and self.scrollable_content_region.width != self._laid_out_at:
            self.relayout()
            self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # ------------------------------------------------------------ geometry queries

    def row_at_line(self, line: int) -> int:
        """The row that holds virtual line ``line`` (clamped to the document)."""
        if not self._heights:
            return 0
        return min(max(0, bisect_right(self._tops, line) - 1), len(self._heights) - 1)

    def row_span(self, row: int) -> tuple[int, int]:
        """First line and line count (with its separator) of ``row``."""
        return self._tops[row], self._tops[row + 1] - self._tops[row]

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def sentence_ids(self, row: int | None = None, side: str | None = None) -> tuple[int, ...]:
        """Ids of the sentences of one side of a row (the cursor's by default)."""
        if self.doc is None or not self.doc.beads:
            return ()
        bead = self.doc.beads[self.row if row is None else row]
        return getattr(bead, side or self.side)

    @property
    def current_sentence(self) -> int | None:
        """The id of the cursor's sentence, or None on an empty side."""
        ids = self.sentence_ids()
        return ids[self.k] if 0 <= self.k < len(ids) else None

    # ------------------------------------------------------------ cursor

    def move_to(self, row: int, side: str | None = None, k: int | None = None, *,
                top: bool = False, choose: bool = False) -> None:
        """Put the cursor on ``row`` (clamped); ``top`` scrolls the row near the top;
        ``choose``: the user picked this sentence of the row (a split point on its side)."""
        if self.row_count == 0:
            return
        old = self.row
        self.row = min(max(0, row), self.row_count - 1)
        if side is not None:
            self.side = side
        n = len(self.sentence_ids())
        self.k = 0 if k is None else min(max(0, k), max(0, n - 1))
        if k is not None and k < 0:
            self.k = max(0, n + k)
        if self.row != old:
            self.side_k = {}
        if choose:
            self.side_k[self.side] = self.k
        if not self.laid_out:  # the first Resize lays out and scrolls to the cursor
            self.post_message(self.CursorMoved())
            return
        self._refresh_row(old)
        self._refresh_row(self.row)
        if top:
            first, _ = self.row_span(self.row)
            self.scroll_to(y=max(0, first - self.page_height // 4), animate=False)
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved())

    def set_side(self, side: str) -> None:
        """Switch sides; the cursor returns to the sentence last chosen there in this row."""
        if side != self.side:
            self.move_to(self.row, side, self.side_k.get(side, 0))

    def scroll_to_cursor(self) -> None:
        """Scroll the least needed to show the whole cursor row (its top if it is too tall)."""
        if self.row_count == 0 or not self.laid_out:
            return
        first, count = self.row_span(self.row)
        y, h = round(self.scroll_y), self.page_height
        if first < y:
            self.scroll_to(y=first, animate=False)
        elif first + count > y + h:
            self.scroll_to(y=min(first, first + count - h), animate=False)

    def page(self, direction: int) -> None:
        """Move a screenful down (1) or up (-1), keeping the cursor at the same screen height."""
        if self.row_count == 0 or not self.laid_out:
            return
        first, _ = self.row_span(self.row)
        rel = first - round(self.scroll_y)
        target = self.row_at_line(first + direction * self.page_height)
        if target == self.row:
            target = self.row + direction
        target = min(max(0, target), self.row_count - 1)
        self.scroll_to(y=max(0, self._tops[target] - rel), animate=False)
        self.move_to(target, k=0)

    def _refresh_row(self, row: int) -> None:
        if 0 <= row < self.row_count:
            first, count = self.row_span(row)
            self.refresh(Region(0, first - round(self.scroll_y), self.size.width, count))

    def refresh_rows(self) -> None:
        """Forget rendered lines (status or search changed) and repaint."""
        self._strips.clear()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if self.row_count == 0 or not self.laid_out:
            return
        line = event.y + round(self.scroll_y)
        if line >= self._tops[-1]:
            return
        row = self.row_at_line(line)
        dy = line - self._tops[row]
        side = self.side
        if event.x > self._gutter:
            side = "src" if event.x <= self._gutter + self._col[0] else "tgt"
        cells = self._cell_lines(row)[SIDES.index(side)]
        k = cells[dy][0] if dy < len(cells) else (cells[-1][0] if cells else 0)
        self.move_to(row, side, k)

    # ------------------------------------------------------------ rendering

    def _style(self, name: str, partial: bool = False) -> Style:
        key = f"{name}/p" if partial else name
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.get_component_rich_style(
                f"alignment-view--{name}", partial=partial)
        return style

    def legend_style(self, name: str) -> Style:
        """The colour of one of the view's marks, for the help screen's legend."""
        return self._style(name, partial=True)

    def _cell_lines(self, row: int) -> tuple[list[CellLine], list[CellLine]]:
        cells = self._cells.get(row)
        if cells is None:
            doc = self.doc
            bead = doc.beads[row]
            out = []
            for side, (ids, sents) in enumerate(((bead.src, doc.source), (bead.tgt, doc.target))):
                lines: list[CellLine] = []
                for k, sid in enumerate(ids):
                    lines.extend((k, s, e) for s, e in self._wrap(side, sents.get(sid).text))
                out.append(lines)
            cells = self._cells[row] = (out[0], out[1])
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        line = round(self.scroll_y) + y
        if self.doc is None or not self.doc.beads or not self.laid_out:
            empty = self.doc is None or not self.doc.beads
            text = self.placeholder if empty and y == 1 else ""
            return Strip([Segment(set_cell_size(f"  {text}", width), self._style("empty"))], width)
        if line >= self._tops[-1]:
            return Strip.blank(width, base)
        row = self.row_at_line(line)
        dy = line - self._tops[row]
        cursor = (self.side, self.k) if row == self.row else None
        key = (row, dy, cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row_line(row, dy, cursor)
            self._strips[key] = strip
        return strip.crop_extend(0, width, base)

    def _render_row_line(self, row: int, dy: int, cursor: tuple[str, int] | None) -> Strip:
        doc = self.doc
        bead = doc.beads[row]
        height = self._heights[row]
        rule = self._style("separator")
        if dy >= height:  # the separator below the row
            text = "─" * self._gutter + "┴" + "─" * self._col[0] + "┴" + "─" * self._col[1]
            if row + 1 < len(doc.beads):
                text = "─" * self._gutter + "┼" + "─" * self._col[0] + "┼" + "─" * self._col[1]
            return Strip([Segment(text, rule)], self._width)
        if cursor is not None:
            row_style = self._style("cursor-row")
        elif bead.confirmed:
            row_style = self._style("confirmed")
        else:
            row_style = self.rich_style
        segments = self._gutter_segments(bead, row, dy, row_style, cursor is not None)
        cells = self._cell_lines(row)
        for si, (ids, sents) in enumerate(((bead.src, doc.source), (bead.tgt, doc.target))):
            segments.append(Segment("│", row_style + self._style("separator", partial=True)))
            lines = cells[si]
            cur_k = cursor[1] if cursor is not None and cursor[0] == SIDES[si] else None
            segments.extend(self._cell_segments(row, lines, dy, ids, sents, si, row_style, cur_k))
        return Strip(segments, self._width)

    def _gutter_segments(self, bead: Bead, row: int, dy: int, row_style: Style,
                         is_cursor: bool) -> list[Segment]:
        nw, kw = self._num_w, self._kind_w
        band = confidence_band(bead.confidence)
        if dy == 0:
            num_style = row_style + self._style("gutter-cursor" if is_cursor else "gutter",
                                                 partial=True)
            mark = "✓" if bead.confirmed else " "
            flag, term = self.marks.gutter(row) if self.marks is not None else (None, False)
            return [Segment(f"{row + 1:>{nw}} ", num_style),
                    Segment(set_cell_size(bead.kind, kw),
                            row_style + self._style(f"conf-{band}", partial=True)),
                    Segment(f" {mark}", row_style + self._style("check", partial=True)),
                    Segment("⚑" if flag else " ",
                            row_style + self._style(f"flag-{flag}", partial=True) if flag
                            else row_style),
                    Segment("≠" if term else " ",
                            row_style + self._style("term-marker", partial=True) if term
                            else row_style)]
        if dy == 1 and bead.confidence is not None:
            conf = f"{bead.confidence:.2f}"
            return [Segment(" " * (nw + 1), row_style),
                    Segment(set_cell_size(conf, self._gutter - nw - 1),
                            row_style + self._style(f"conf-{band}", partial=True))]
        return [Segment(" " * self._gutter, row_style)]

    def _cell_segments(self, row: int, lines: list[CellLine], dy: int, ids: tuple[int, ...],
                       sents, si: int, row_style: Style, cur_k: int | None) -> list[Segment]:
        width = self._col[si]
        if dy >= len(lines):
            style = row_style
            if cur_k is not None and not ids and dy == 0:  # the cursor on an empty side
                return [Segment("▌", row_style + self._style("marker", partial=True)),
                        Segment(set_cell_size("(no sentence)", width - 1),
                                row_style + self._style("empty", partial=True))]
            return [Segment(" " * width, style)]
        k, start, end = lines[dy]
        sentence = sents.get(ids[k])
        text = display_text(sentence.text)[start:end]
        style = self._style("cursor-sentence") if k == cur_k else row_style
        if sentence.edited:
            style = style + self._style("edited", partial=True)
        if k == cur_k:
            pad = Segment("▌", style + self._style("marker", partial=True))
        elif len(ids) > 1 and (dy == 0 or lines[dy - 1][0] != k):
            pad = Segment("›", style + self._style("bullet", partial=True))
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
                pieces.append((a, b, self._style(name, partial=True)))
        query = self.query
        if query:
            low = text.lower()
            if query in low and len(low) == n:
                hit = self._style("match", partial=True)
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
