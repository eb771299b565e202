"""The glossary panel (``b``): the terms of the project and of the document, under the rows.

It marks with ``•`` the terms found in the cursor's row and has its own keys while it has the
focus (``a`` add, ``e``/enter edit, ``d`` delete, esc back to the rows); the rows' one-letter
keys are off meanwhile (see ``WorkbenchApp.check_action``). The panel only shows: its keys run
the terms area's :class:`~.glossary.Glossary`, which reads the selection (:attr:`selected`).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label

from ...core.glossary import Term
from ...core.textio import lang_name
from ..common.panel import BottomPanel

#: the panel's own keys (they work while it has the focus); ``app.act`` runs the handler that
#: :data:`workbench.tui.keys.PANEL_HANDLERS` names for the id
KEYS = [
    Binding("a", "app.act('terms.glossary_add')", "Add", tooltip="Add a term (empty form)",
            id="terms.glossary_add"),
    Binding("e", "app.act('terms.glossary_edit')", "Edit",
            tooltip="Edit the selected term (enter too)", id="terms.glossary_edit"),
    Binding("d,delete", "app.act('terms.glossary_delete')", "Delete",
            tooltip="Delete the selected term", id="terms.glossary_delete"),
    Binding("j", "cursor('down')", "Down", show=False, tooltip="Next term",
            id="terms.glossary_down"),
    Binding("k", "cursor('up')", "Up", show=False, tooltip="Previous term",
            id="terms.glossary_up"),
    Binding("escape", "leave", "Rows", tooltip="Back to the rows (the panel stays; b hides it)",
            id="terms.glossary_leave"),
]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class GlossaryPanel(BottomPanel):
    """The terms of the project and of the document, at the bottom of the main screen."""

    DEFAULT_CSS = """
    GlossaryPanel {
        display: none; height: 40%; min-height: 7; max-height: 24;
        border-top: solid $primary 60%; background: $panel;
    }
    GlossaryPanel.shown { display: block; }
    GlossaryPanel #glossary-title { height: 1; padding: 0 1; text-style: bold;
                                    color: $text-accent; width: 1fr; }
    GlossaryPanel DataTable { height: 1fr; background: $panel; scrollbar-size-horizontal: 0; }
    """
    BINDINGS = KEYS

    def __init__(self) -> None:
        super().__init__(id="glossary-panel")
        self.keys: list[tuple[str, int]] = []  # table row -> ("project"|"document", index)
        self.in_row: set[Term] = set()
        self._shown_with: tuple | None = None  # what fill() showed last

    def compose(self) -> ComposeResult:
        yield Label("Glossary", id="glossary-title")
        table = DataTable(id="glossary-table", cursor_type="row", zebra_stripes=True)
        table.add_column(" ", key="in", width=1)
        table.add_column("Russian", key="source")
        table.add_column("English", key="target")
        table.add_column("in", key="scope")
        table.add_column("note · forbidden variants", key="note")
        yield table

    def fill(self, project: list[Term], document: list[Term], langs: tuple[str, str],
             title: str) -> None:
        """Show these terms (keeps the selection on the same term when it is still there)."""
        self._shown_with = (project, document, langs, title)
        table = self.table
        old = self.keys[table.cursor_row] if self.keys and 0 <= table.cursor_row < len(
            self.keys) else None
        table.clear()
        table.columns["source"].label = Text(lang_name(langs[0]))
        table.columns["target"].label = Text(lang_name(langs[1]))
        self.keys = []
        width = max(40, self.size.width or self.app.size.width)
        term_w = max(12, min(28, (width - 16) // 4))  # the note gets what is left
        for scope, terms in (("project", project), ("document", document)):
            for i, t in enumerate(terms):
                note = t.note or ""
                if t.forbidden:
                    note = (note + " · " if note else "") + "not: " + ", ".join(t.forbidden)
                table.add_row("•" if t in self.in_row else " ", _cut(t.source, term_w),
                              _cut(t.target, term_w),
                              Text("proj" if scope == "project" else "doc",
                                   style="dim" if scope == "project" else "bold"),
                              _cut(note, max(10, width - 2 * term_w - 16)), key=f"{scope}:{i}")
                self.keys.append((scope, i))
        self.query_one("#glossary-title", Label).update(title)
        if old in self.keys:
            table.move_cursor(row=self.keys.index(old), animate=False)

    def mark_row_terms(self, terms: set[Term], all_terms: list[Term]) -> None:
        """Put ``•`` beside the terms found in the cursor's row (only cells that change)."""
        if terms == self.in_row:
            return
        changed = terms ^ self.in_row
        self.in_row = terms
        table = self.table
        for n, (scope, i) in enumerate(self.keys):
            if n < len(all_terms) and all_terms[n] in changed:
                table.update_cell(f"{scope}:{i}", "in", "•" if all_terms[n] in terms else " ")

    def select(self, key: tuple[str, int]) -> None:
        """Put the table's cursor on a term (after adding it)."""
        if key in self.keys:
            self.table.move_cursor(row=self.keys.index(key), animate=False)

    def on_resize(self) -> None:
        if self.shown and self._shown_with is not None:  # the columns follow the width
            self.fill(*self._shown_with)

    @property
    def selected(self) -> tuple[str, int] | None:
        row = self.table.cursor_row
        return self.keys[row] if self.keys and 0 <= row < len(self.keys) else None

    @on(DataTable.RowSelected)
    async def _enter(self, event: DataTable.RowSelected) -> None:
        event.stop()
        await self.run_action("app.act('terms.glossary_edit')")  # enter edits, as e does
