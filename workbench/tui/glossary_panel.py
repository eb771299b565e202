"""The glossary panel and the app's glossary actions: list, add, edit and delete terms.

Two kinds of terms, kept apart because they are saved apart:

- **project** terms (``glossary.yaml`` beside the document, shared by every document of the
  folder): a change is written to the file at once, atomically (``Glossary.save``), and is not
  on the document's undo stack (the dialog says so);
- **document** terms (``glossary:`` in the document): changed with the undoable
  ``glossary.add_term`` / ``remove_term`` edits, saved with the document.

The panel (``b``) lists both, marks with ``•`` the terms found in the cursor's row, and has
its own keys while it has the focus (``a`` add, ``e``/enter edit, ``d`` delete, esc back to
the rows); the view's one-letter keys are off meanwhile (see ``WorkbenchApp.check_action``).
``B`` adds a term from the cursor's row: :class:`.term_dialog.TermDialog` shows the row's two
texts (select words in either to fill that side's field) and the likely term pairs of the row
(:func:`workbench.core.term_candidates.term_candidates`: capitalized names paired across the
scripts by transliteration). Replacing a document term is the undoable
:func:`workbench.core.glossary.replace_document_term`.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from ..core import glossary as gl
from ..core.errors import OperationError, WorkbenchError
from ..core.glossary import Term
from ..core.term_candidates import term_candidates
from ..core.textio import lang_name
from .screens import ChoiceDialog, TableNavigation
from .term_dialog import TermAnswer, TermDialog

#: the panel's own keys, for the help screen (the panel handles them while it has the focus)
PANEL_BINDINGS = [
    Binding("a", "add", "Add", tooltip="Add a term (empty form)", id="glossary.add"),
    Binding("e", "edit", "Edit", tooltip="Edit the selected term (enter too)", id="glossary.edit"),
    Binding("d,delete", "delete", "Delete", tooltip="Delete the selected term",
            id="glossary.delete"),
    Binding("j", "cursor('down')", "Down", show=False, tooltip="Next term", id="glossary.down"),
    Binding("k", "cursor('up')", "Up", show=False, tooltip="Previous term", id="glossary.up"),
    Binding("escape", "leave", "Rows", tooltip="Back to the rows (the panel stays; b hides it)",
            id="glossary.leave"),
]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class GlossaryPanel(TableNavigation, Vertical):
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
    BINDINGS = PANEL_BINDINGS

    def __init__(self) -> None:
        super().__init__(id="glossary-panel")
        self.keys: list[tuple[str, int]] = []  # table row -> ("project"|"document", index)
        self.in_row: set[Term] = set()

    def compose(self) -> ComposeResult:
        yield Label("Glossary", id="glossary-title")
        table = DataTable(id="glossary-table", cursor_type="row", zebra_stripes=True)
        table.add_column(" ", key="in", width=1)
        table.add_column("Russian", key="source")
        table.add_column("English", key="target")
        table.add_column("in", key="scope")
        table.add_column("note · forbidden variants", key="note")
        yield table

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def fill(self, project: list[Term], document: list[Term], langs: tuple[str, str],
             title: str) -> None:
        """Show these terms (keeps the selection on the same term when it is still there)."""
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
        self.app.refresh_glossary_panel()  # the columns follow the width

    @property
    def selected(self) -> tuple[str, int] | None:
        row = self.table.cursor_row
        return self.keys[row] if self.keys and 0 <= row < len(self.keys) else None

    @on(DataTable.RowSelected)
    def _enter(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        self.app.glossary_add()

    def action_edit(self) -> None:
        if self.selected is not None:
            self.app.glossary_edit(*self.selected)

    def action_delete(self) -> None:
        if self.selected is not None:
            self.app.glossary_delete(*self.selected)


class GlossaryMixin:
    """Glossary actions of :class:`WorkbenchApp`: the panel, the dialog, saving the terms."""

    # ------------------------------------------------------------ the panel

    @property
    def glossary_panel(self) -> GlossaryPanel:
        return self.main_screen.query_one(GlossaryPanel)

    def _project_glossary(self) -> gl.Glossary | None:
        self.marks.load()  # at once if the loading thread has not finished yet
        return self.marks.glossary

    def _project_usable(self) -> bool:
        """Whether this document may use the project glossary (same languages, or empty)."""
        g = self._project_glossary()
        return g is not None and (not g.terms or (g.source_lang, g.target_lang) == (
            self.doc.source.lang, self.doc.target.lang))

    def action_glossary_panel(self) -> None:
        self.toggle_panel(self.glossary_panel, self.refresh_glossary_panel)

    def refresh_glossary_panel(self) -> None:
        panel = self.glossary_panel
        if not panel.has_class("shown"):
            return
        g = self._project_glossary()
        project = list(g.terms) if g is not None and self._project_usable() else []
        document = gl.document_terms(self.doc)
        where = g.path.name if g is not None and g.path is not None else "glossary.yaml"
        title = (f"Glossary · {len(project)} project terms ({where}) · {len(document)} of this "
                 f"document")
        if g is None:
            title = (f"Glossary · the project files could not be read (fix them and reopen) · "
                     f"{len(document)} terms of this document")
        elif not self._project_usable():
            title += f" · the project glossary is {g.source_lang}→{g.target_lang}: not used here"
        panel.in_row = self._row_terms()
        panel.fill(project, document, (self.doc.source.lang, self.doc.target.lang), title)

    def _row_terms(self) -> set[Term]:
        if not self.doc.beads or not self.marks.ready:
            return set()
        return {m.term for m in self.marks.row(self.view.row).matches}

    def glossary_cursor_moved(self) -> None:
        panel = self.glossary_panel
        if panel.has_class("shown"):
            g = self._project_glossary()
            project = list(g.terms) if g is not None and self._project_usable() else []
            panel.mark_row_terms(self._row_terms(), project + gl.document_terms(self.doc))

    # ------------------------------------------------------------ adding and editing

    def action_add_term(self) -> None:
        """A term from the cursor's row: its texts and candidate pairs in the dialog."""
        if not self.doc.beads:
            self.notify("There are no rows yet.", severity="warning")
            return
        row = self.view.row
        bead = self.doc.beads[row]
        texts = (" ".join(self.doc.source.texts(bead.src)), " ".join(self.doc.target.texts(bead.tgt)))
        g = self._project_glossary()
        candidates = term_candidates(self.doc, row,
                                     g if self._project_usable() else None)
        self.push_screen(TermDialog(f"Add a glossary term · row {row + 1}", texts=texts,
                                    candidates=candidates[:8], langs=self._langs(),
                                    project_ok=self._project_usable()),
                         self._term_added)

    def glossary_add(self) -> None:
        self.push_screen(TermDialog("Add a glossary term", langs=self._langs(),
                                    project_ok=self._project_usable()), self._term_added)

    def _langs(self) -> tuple[str, str]:
        return self.doc.source.lang, self.doc.target.lang

    def _term_added(self, answer: TermAnswer | None) -> None:
        if answer is None:
            return
        if answer.scope == "document":
            if self.run_operation(lambda: gl.add_term(self.doc, answer.term),
                                  keep_row=True) is not None:
                self.glossary_panel.select(("document", len(gl.document_terms(self.doc)) - 1))
                self.notify(f"Term added to this document: {answer.term.source} → "
                            f"{answer.term.target} (u undoes)", timeout=3)
            return

        def add(g: gl.Glossary) -> None:
            if answer.term in g.terms:
                raise OperationError(f"'{answer.term.source}' → '{answer.term.target}' is "
                                     "already in the project glossary")
            if not g.terms:
                g.source_lang, g.target_lang = self._langs()
            g.add(answer.term)  # the same pair with another note or variants: updated
        if self._change_project(add):
            terms = self.marks.glossary.terms
            if answer.term in terms:
                self.glossary_panel.select(("project", terms.index(answer.term)))
            self.notify(f"Term added to {self.marks.glossary.path}: {answer.term.source} → "
                        f"{answer.term.target}", timeout=3)

    def _term(self, scope: str, index: int) -> Term | None:
        terms = (self._project_glossary().terms if scope == "project"
                 else gl.document_terms(self.doc))
        return terms[index] if 0 <= index < len(terms) else None

    def glossary_edit(self, scope: str, index: int) -> None:
        old = self._term(scope, index)
        if old is None:
            return

        def done(answer: TermAnswer | None) -> None:
            if answer is None or answer.term == old:
                return
            new = answer.term
            if scope == "document":
                if self.run_operation(lambda: gl.replace_document_term(self.doc, old, new),
                                      keep_row=True) is not None:
                    self.notify(f"Term changed: {new.source} → {new.target} (u undoes)", timeout=3)
                return

            def edit(g: gl.Glossary) -> None:
                if any(t is not g.terms[index] and (t.source, t.target) == (new.source, new.target)
                       for t in g.terms):
                    raise OperationError(f"'{new.source}' → '{new.target}' is already in the "
                                         "project glossary")
                g.terms[index] = new
            if self._change_project(edit):
                self.notify(f"Saved {self.marks.glossary.path}: {new.source} → {new.target}",
                            timeout=3)
        where = "project glossary (saved at once)" if scope == "project" else "this document"
        self.push_screen(TermDialog(f"Edit a term · {where}", old, scope, langs=self._langs(),
                                    fixed_scope=True), done)

    def glossary_delete(self, scope: str, index: int) -> None:
        term = self._term(scope, index)
        if term is None:
            return
        if scope == "document":
            if self.run_operation(lambda: gl.remove_term(self.doc, term),
                                  keep_row=True) is not None:
                self.notify(f"Term removed from this document: {term.source} (u undoes)",
                            timeout=3)
            return

        def answer(choice: str | None) -> None:
            if choice != "delete":
                return

            def delete(g: gl.Glossary) -> None:
                g.terms.remove(term)
            if self._change_project(delete):
                self.notify(f"Deleted from {self.marks.glossary.path}: {term.source} → "
                            f"{term.target}", timeout=3)
        self.push_screen(ChoiceDialog(
            "Delete a project term?",
            f"{term.source} → {term.target}\nIt goes from glossary.yaml, for every document of "
            "the project, and undo cannot bring it back.",
            [("delete", "Delete", "y"), ("cancel", "Keep it", "n")]), answer)

    def _change_project(self, change) -> bool:
        """Apply ``change(glossary)`` to the project glossary and save it atomically; on any
        failure the glossary is left as it was and the reason is shown."""
        g = self._project_glossary()
        if g is None:
            self.notify("There is no project glossary here.", severity="error")
            return False
        before = (list(g.terms), g.source_lang, g.target_lang)
        try:
            change(g)
            g.save()
        except (OperationError, WorkbenchError, OSError) as exc:
            g.terms[:], g.source_lang, g.target_lang = before
            message = exc.message if isinstance(exc, OperationError) else str(exc)
            self.notify(f"Glossary not changed: {message}", severity="warning", timeout=6)
            return False
        self.changed_marks()
        self.refresh_glossary_panel()
        return True
