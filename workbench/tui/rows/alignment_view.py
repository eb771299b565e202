"""The aligned view: one row per bead, Russian left, English right, drawn with the Line API.

Why a Line-API ``ScrollView`` and not widgets: a 10,000-row document as widgets takes seconds
to mount and hundreds of MB (see NOTES.md); here only the visible lines are ever rendered.

How it stays fast:
- where each row is comes from :class:`.row_layout.RowLayout` (every sentence wrapped once per
  width, row heights in prefix sums; after an edit only the spliced rows are measured again);
- the lines :class:`.row_painter.RowPainter` draws are ``Strip``s in an LRU cache keyed by
  row, line and cursor state, so a cursor move re-renders two rows and scrolling re-renders
  only lines not seen before.

The view owns the cursor (a row, a side, a sentence of that side) and says when it moved
(:class:`AlignmentView.CursorMoved`); it never changes the document.
"""

from __future__ import annotations

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

from ...core.document import Document
from ...core.operations import Edit
from .row_layout import RowLayout
from .row_painter import SIDES, RowPainter


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
        self.row = 0  # cursor row
        self.side = "src"  # cursor side
        self.k = 0  # cursor sentence index within the side of the row
        self.side_k: dict[str, int] = {}  # the last sentence chosen on each side of this row
        self.placeholder = "No rows yet."  # shown while a document has no beads
        self._layout = RowLayout()
        self._layout.doc = doc
        self._painter = RowPainter(self._layout, self._style)
        self._laid_out_at = -1  # the view width the layout was made for
        self._strips: LRUCache[tuple, Strip] = LRUCache(4096)
        self._styles: dict[str, Style] = {}

    @property
    def doc(self) -> Document | None:
        return self._layout.doc

    @property
    def marks(self):
        """Spelling, term and flag marks of the rows (a :class:`~workbench.tui.terms.marks.
        Marks`), or None for plain text."""
        return self._painter.marks

    @marks.setter
    def marks(self, marks) -> None:
        self._painter.marks = marks

    @property
    def query(self) -> str:
        """The search text to highlight (lower case)."""
        return self._painter.query

    @query.setter
    def query(self, query: str) -> None:
        self._painter.query = query

    # ------------------------------------------------------------ layout

    def set_document(self, doc: Document | None) -> None:
        """Show another document (or the same one after a change too large to track)."""
        self._layout.doc = doc
        self.row = min(self.row, max(0, self.row_count - 1))
        if self.size.width:  # else the first Resize lays it out
            self.relayout()

    @property
    def laid_out(self) -> bool:
        return self._laid_out_at >= 0 and len(self._layout.heights) == self.row_count

    @property
    def row_count(self) -> int:
        return self._layout.row_count

    def column_titles(self, left: str, right: str) -> Text:
        """A title line that lines up with the columns: ``#  type │ left │ right``."""
        return self._layout.column_titles(left, right)

    def relayout(self) -> None:
        """Re-wrap everything: after a resize, a new document or a sentence-text edit."""
        self._layout.measure(self.scrollable_content_region.width or self.size.width)
        self.post_message(self.Measured())
        self._laid_out_at = self.scrollable_content_region.width
        self._layout.relayout()
        self._redraw()

    def _redraw(self) -> None:
        self._layout.sum_up()
        self._strips.clear()
        self.virtual_size = Size(self._layout.width, self._layout.lines)
        self.refresh()

    def apply_edit(self, edit: Edit, undone: bool = False) -> None:
        """Re-measure only the rows an edit (or its undo) spliced; texts edits re-wrap all.

        An edit of a document section only (flags, glossary, ignore list) changes no height:
        the rendered lines are just forgotten, so that their marks are drawn again.
        """
        if all(sp.target.startswith("extra:") for sp in edit.splices):
            self.refresh_rows()
            return
        if self._layout.apply_edit(edit, undone):
            self.relayout()
        else:
            self._redraw()
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
        return self._layout.row_at_line(line)

    def row_span(self, row: int) -> tuple[int, int]:
        """First line and line count (with its separator) of ``row``."""
        return self._layout.row_span(row)

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
        self.scroll_to(y=max(0, self._layout.tops[target] - rel), animate=False)
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
        lay = self._layout
        if line >= lay.lines:
            return
        row = lay.row_at_line(line)
        dy = line - lay.tops[row]
        side = self.side
        if event.x > lay.gutter:
            side = "src" if event.x <= lay.gutter + lay.col[0] else "tgt"
        cells = lay.cell_lines(row)[SIDES.index(side)]
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

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        line = round(self.scroll_y) + y
        if self.doc is None or not self.doc.beads or not self.laid_out:
            empty = self.doc is None or not self.doc.beads
            text = self.placeholder if empty and y == 1 else ""
            return Strip([Segment(set_cell_size(f"  {text}", width), self._style("empty"))], width)
        if line >= self._layout.lines:
            return Strip.blank(width, base)
        row = self.row_at_line(line)
        dy = line - self._layout.tops[row]
        cursor = (self.side, self.k) if row == self.row else None
        key = (row, dy, cursor)
        strip = self._strips.get(key)
        if strip is None:
            self._painter.base = base
            strip = self._painter.line(row, dy, cursor)
            self._strips[key] = strip
        return strip.crop_extend(0, width, base)
