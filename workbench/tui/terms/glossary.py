"""The terms area's glossary keys: the panel (``b``), add a term from the row (``B``), and the
panel's add, edit and delete.

Two kinds of terms, kept apart because they are saved apart:

- **project** terms (``glossary.yaml`` beside the document, shared by every document of the
  folder): a change is written to the file at once, atomically (``Glossary.save``), and is not
  on the document's undo stack (the dialog says so);
- **document** terms (``glossary:`` in the document): changed with the undoable
  ``glossary.add_term`` / ``remove_term`` / ``replace_document_term`` edits, saved with the
  document.

``B`` shows :class:`.term_dialog.TermDialog` with the row's two texts (select words in either
to fill that side's field) and the likely term pairs of the row
(:func:`workbench.core.term_candidates.term_candidates`: capitalized names paired across the
scripts by transliteration).
"""

from __future__ import annotations

from typing import Callable

from ...core import glossary as gl
from ...core.errors import OperationError, WorkbenchError
from ...core.glossary import Term
from ...core.langtags import same_language
from ...core.term_candidates import term_candidates
from ..common.dialogs import ChoiceDialog
from ..context import Context
from .checking import Checking
from .glossary_panel import GlossaryPanel
from .marks import Marks
from .term_dialog import TermAnswer, TermDialog


class Glossary:
    """The glossary panel and the term dialog, on the project's and the document's terms."""

    #: made ready in a quiet moment (Context.prepare_dialogs), then shown again and again
    dialogs = (TermDialog,)

    def __init__(self, ctx: Context, marks: Marks, checking: Checking) -> None:
        self.ctx = ctx
        self.marks = marks
        self.checking = checking
        checking.after_check.append(self.refresh_panel)  # the • of the row's terms
        self._warm = True  # term_candidates not run yet (its first run imports rapidfuzz)
        ctx.when_quiet(self._warm_up)
        ctx.follow_changes(self.refresh_panel)

    # ------------------------------------------------------------ the panel

    @property
    def panel(self) -> GlossaryPanel:
        return self.ctx.screen.query_one(GlossaryPanel)

    def _project_glossary(self) -> gl.Glossary | None:
        self.marks.load()  # at once if the loading thread has not finished yet
        return self.marks.glossary

    def _project_usable(self) -> bool:
        """Whether this document may use the project glossary (same languages, or empty)."""
        g = self._project_glossary()
        src, tgt = self._langs()
        return g is not None and (not g.terms or same_language(g.source_lang, src)
                                  and same_language(g.target_lang, tgt))

    def _langs(self) -> tuple[str, str]:
        doc = self.ctx.doc
        return doc.source.lang, doc.target.lang

    def toggle_panel(self) -> None:
        self.panel.toggle(self.refresh_panel)

    def refresh_panel(self) -> None:
        panel = self.panel
        if not panel.shown:
            return
        g = self._project_glossary()
        project = list(g.terms) if g is not None and self._project_usable() else []
        document = gl.document_terms(self.ctx.doc)
        where = g.path.name if g is not None and g.path is not None else "glossary.yaml"
        title = (f"Glossary · {len(project)} project terms ({where}) · {len(document)} of this "
                 f"document")
        if g is None:
            title = (f"Glossary · the project files could not be read (fix them and reopen) · "
                     f"{len(document)} terms of this document")
        elif not self._project_usable():
            title += f" · the project glossary is {g.source_lang}→{g.target_lang}: not used here"
        panel.in_row = self._row_terms()
        panel.fill(project, document, self._langs(), title)

    def _row_terms(self) -> set[Term]:
        if not self.ctx.doc.beads or not self.marks.ready:
            return set()
        return {m.term for m in self.marks.row(self.ctx.view.row).matches}

    def follow_cursor(self) -> None:
        """The cursor moved: the panel marks the terms of its row."""
        panel = self.panel
        if panel.shown:
            g = self._project_glossary()
            project = list(g.terms) if g is not None and self._project_usable() else []
            panel.mark_row_terms(self._row_terms(), project + gl.document_terms(self.ctx.doc))

    # ------------------------------------------------------------ adding

    def _warm_up(self) -> bool:
        """A quiet moment: run the candidates of the cursor's row once, so that the first
        ``B`` does not wait for the imports that their first run makes (~10 ms)."""
        if not self._warm or not self.ctx.doc.beads or not self.marks.ready:
            return False
        self._warm = False
        term_candidates(self.ctx.doc, self.ctx.view.row, self._project_glossary())
        return True

    def add_from_row(self) -> None:
        """A term from the cursor's row: its texts and candidate pairs in the dialog."""
        ctx = self.ctx
        if not ctx.doc.beads:
            ctx.notify("There are no rows yet.", severity="warning")
            return
        doc, row = ctx.doc, ctx.view.row
        bead = doc.beads[row]
        texts = (" ".join(doc.source.texts(bead.src)), " ".join(doc.target.texts(bead.tgt)))
        g = self._project_glossary()
        candidates = term_candidates(doc, row, g if self._project_usable() else None)
        ctx.dialog(TermDialog, self._added, f"Add a glossary term · row {row + 1}", texts=texts,
                   candidates=candidates[:8], langs=self._langs(),
                   project_ok=self._project_usable())

    def add_blank(self) -> None:
        """The panel's ``a``: an empty form."""
        self.ctx.dialog(TermDialog, self._added, "Add a glossary term", langs=self._langs(),
                        project_ok=self._project_usable())

    def _added(self, answer: TermAnswer | None) -> None:
        if answer is None:
            return
        ctx, term = self.ctx, answer.term
        if answer.scope == "document":
            if ctx.apply(lambda: gl.add_term(ctx.doc, term), keep_row=True) is not None:
                self.panel.select(("document", len(gl.document_terms(ctx.doc)) - 1))
                ctx.notify(f"Term added to this document: {term.source} → {term.target} "
                           "(u undoes)", timeout=3)
            return

        def add(g: gl.Glossary) -> None:
            if term in g.terms:
                raise OperationError(f"'{term.source}' → '{term.target}' is already in the "
                                     "project glossary")
            if not g.terms:
                g.source_lang, g.target_lang = self._langs()
            g.add(term)  # the same pair with another note or variants: updated
        if self._change_project(add):
            terms = self.marks.glossary.terms
            if term in terms:
                self.panel.select(("project", terms.index(term)))
            ctx.notify(f"Term added to {self.marks.glossary.path}: {term.source} → "
                       f"{term.target}", timeout=3)

    # ------------------------------------------------------------ the panel's selection

    def _selected(self) -> tuple[str, int, Term] | None:
        where = self.panel.selected
        if where is None:
            return None
        scope, index = where
        terms = (self._project_glossary().terms if scope == "project"
                 else gl.document_terms(self.ctx.doc))
        return (scope, index, terms[index]) if 0 <= index < len(terms) else None

    def edit_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        scope, index, old = selected
        ctx = self.ctx

        def done(answer: TermAnswer | None) -> None:
            if answer is None or answer.term == old:
                return
            new = answer.term
            if scope == "document":
                if ctx.apply(lambda: gl.replace_document_term(ctx.doc, old, new),
                             keep_row=True) is not None:
                    ctx.notify(f"Term changed: {new.source} → {new.target} (u undoes)", timeout=3)
                return

            def edit(g: gl.Glossary) -> None:
                if any(t is not g.terms[index] and (t.source, t.target) == (new.source, new.target)
                       for t in g.terms):
                    raise OperationError(f"'{new.source}' → '{new.target}' is already in the "
                                         "project glossary")
                g.terms[index] = new
            if self._change_project(edit):
                ctx.notify(f"Saved {self.marks.glossary.path}: {new.source} → {new.target}",
                           timeout=3)
        where = "project glossary (saved at once)" if scope == "project" else "this document"
        ctx.dialog(TermDialog, done, f"Edit a term · {where}", old, scope, langs=self._langs(),
                   fixed_scope=True)

    def delete_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        scope, _index, term = selected
        ctx = self.ctx
        if scope == "document":
            if ctx.apply(lambda: gl.remove_term(ctx.doc, term), keep_row=True) is not None:
                ctx.notify(f"Term removed from this document: {term.source} (u undoes)",
                           timeout=3)
            return

        def answer(choice: str | None) -> None:
            if choice != "delete":
                return

            def delete(g: gl.Glossary) -> None:
                g.terms.remove(term)
            if self._change_project(delete):
                ctx.notify(f"Deleted from {self.marks.glossary.path}: {term.source} → "
                           f"{term.target}", timeout=3)
        ctx.ask(ChoiceDialog(
            "Delete a project term?",
            f"{term.source} → {term.target}\nIt goes from glossary.yaml, for every document of "
            "the project, and undo cannot bring it back.",
            [("delete", "Delete", "y"), ("cancel", "Keep it", "n")]), answer)

    def _change_project(self, change: Callable[[gl.Glossary], None]) -> bool:
        """Apply ``change(glossary)`` to the project glossary and save it atomically; on any
        failure the glossary is left as it was and the reason is shown."""
        g = self._project_glossary()
        if g is None:
            self.ctx.notify("There is no project glossary here.", severity="error")
            return False
        before = (list(g.terms), g.source_lang, g.target_lang)
        try:
            change(g)
            g.save()
        except (OperationError, WorkbenchError, OSError) as exc:
            g.terms[:], g.source_lang, g.target_lang = before
            message = exc.message if isinstance(exc, OperationError) else str(exc)
            self.ctx.notify(f"Glossary not changed: {message}", severity="warning", timeout=6)
            return False
        self.checking.project_changed()
        self.refresh_panel()
        return True
