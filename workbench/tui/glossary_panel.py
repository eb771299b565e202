"""The glossary panel and the term dialog: list, add, edit and delete terms.

Two kinds of terms, kept apart because they are saved apart:

- **project** terms (``glossary.yaml`` beside the document, shared by every document of the
  folder): a change is written to the file at once, atomically (``Glossary.save``), and is not
  on the document's undo stack (the dialog says so);
- **document** terms (``glossary:`` in the document): changed with the undoable
  ``glossary.add_term`` / ``remove_term`` edits, saved with the document.

The panel (``b``) lists both, marks with ``•`` the terms found in the cursor's row, and has
its own keys while it has the focus (``a`` add, ``e``/enter edit, ``d`` delete, esc back to
the rows); the view's one-letter keys are off meanwhile (see ``WorkbenchApp.check_action``).
``B`` adds a term from the cursor's row: :class:`TermDialog` shows the row's two texts (select
words in either to fill that side's field) and the likely term pairs of the row
(:func:`term_candidates`: capitalized names paired across the scripts by transliteration).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, OptionList, RadioButton, RadioSet, TextArea
from textual.widgets.option_list import Option

from ..core import glossary as gl
from ..core import morph
from ..core.document import Document
from ..core.errors import OperationError, WorkbenchError
from ..core.glossary import Term
from ..core.operations import Edit
from .flag_dialog import ArrowChoice
from .screens import ChoiceDialog, _css

_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
                     .split()))


def translit(text: str) -> str:
    """A rough Latin spelling of Russian text, for pairing names across the scripts."""
    return "".join(_TRANSLIT.get(c, c).replace("-", "") for c in text.lower())


def _runs(text: str, lang: str, covered: list[tuple[int, int]]) -> list[str]:
    """Candidate terms of one text: runs of capitalized words (names), leaving out runs of
    common words (Hunspell knows them in lower case: "The", "May", "Social Struggles") and a
    common first word of a sentence ("The Bakai residents" gives "Bakai")."""
    from ..core.spelling import engine

    eng = engine(lang)

    def common(word: str) -> bool:
        return eng is not None and eng.spell(word.lower())

    out: list[str] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        words = list(run)
        run.clear()
        if not words or all(common(w) for _, _, w in words):
            return
        before = text[:words[0][0]].rstrip()
        at_start = not before or before[-1] in ".!?«\"“*—-"
        if at_start and len(words) == 1 and eng is not None and eng.spell(words[0][2]):
            return  # "I'd", "Today" ...
        if len(words) > 1 and at_start and common(words[0][2]):
            words = words[1:]
        out.append(text[words[0][0]:words[-1][1]])

    for start, end, word in morph.words(text):
        name = (word[:1].isupper() and len(word) > 1 and not any(c.isdigit() for c in word)
                and not any(a <= start < b for a, b in covered))
        if name and run and text[run[-1][1]:start].strip() == "":
            run.append((start, end, word))
            continue
        close()
        if name:
            run.append((start, end, word))
    close()
    return out


def _ru_base(word: str) -> str:
    """A Russian word in its dictionary form, unless it may already be one (names: pymorphy
    reads the nominative ``Асанов`` as a form of ``Асан``)."""
    low = word.lower().replace("ё", "е")
    parses = morph.morph().parse(word)
    if any(p.normal_form.replace("ё", "е") == low for p in parses):
        return word
    return morph.lemma(word, "ru")


def _lemma_run(run: str, lang: str) -> str:
    if lang != "ru":
        return run
    return " ".join(_ru_base(w) if w[:1].isupper() else w for w in run.split())


def term_candidates(doc: Document, row: int,
                    glossary: gl.Glossary | None = None) -> list[tuple[str, str]]:
    """Likely (source, target) term pairs of a row, best first, then the names of one side
    that found no partner; words of terms the glossary already has are left out. Russian words come as lemmas (``Оразалиновым`` ->
    ``Оразалинов``); a name on one side is paired with the other side's name that reads most
    alike once transliterated."""
    from rapidfuzz import fuzz

    bead = doc.beads[row]
    matches = gl.term_matches(doc, row, glossary)
    sides = []
    for side, ids in (("src", bead.src), ("tgt", bead.tgt)):
        lang = doc.side(side).lang
        found: list[str] = []
        for sid in ids:
            covered = [(m.span.start, m.span.end) for m in matches
                       if (m.span.side, m.span.sid) == (side, sid)]
            for run in _runs(doc.side(side).get(sid).text, lang, covered):
                run = _lemma_run(run, lang)
                if run not in found:
                    found.append(run)
        sides.append(found)
    src, tgt = sides
    latin_src = doc.source.lang in morph.CYRILLIC_LANGS
    pairs: list[tuple[float, str, str]] = []
    used_src: set[str] = set()
    for t in tgt:
        best = (0.0, "")
        for s in src:
            score = fuzz.token_sort_ratio(translit(s) if latin_src else s.lower(), t.lower())
            if score > best[0]:
                best = (score, s)
        if best[0] >= 55:
            pairs.append((best[0], best[1], t))
            used_src.add(best[1])
    out = [(s, t) for _, s, t in sorted(pairs, key=lambda p: -p[0])]
    out += [("", t) for t in tgt if all(t != p[1] for p in out)]
    out += [(s, "") for s in src if s not in used_src]
    return out


@dataclass(frozen=True)
class TermAnswer:
    """What the term dialog returns: the term and where it goes ("project" or "document")."""

    term: Term
    scope: str


class TermDialog(ModalScreen[TermAnswer | None]):
    """Add or edit one term: source, target, note, forbidden variants, project or document.

    Adding from a row shows the row's texts (select words to fill the field of that side) and
    candidate pairs (enter on one fills both fields).
    """

    DEFAULT_CSS = _css("TermDialog", """
    TermDialog > Vertical { max-width: 100; }
    TermDialog .title { padding-bottom: 0; }
    TermDialog #candidates { height: auto; max-height: 5; border: none; padding: 0; }
    TermDialog TextArea { height: auto; max-height: 4; margin-bottom: 1; }
    TermDialog .field { height: 1; }
    TermDialog .field Label { width: 16; color: $text-muted; }
    TermDialog .field Input { width: 1fr; }
    TermDialog RadioSet { layout: horizontal; border: none; padding: 0; height: 1; width: auto; }
    TermDialog RadioSet > RadioButton { padding: 0 2 0 0; width: auto; }
    TermDialog .sub { color: $text-muted; padding-top: 1; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="term.cancel"),
                Binding("ctrl+s", "save", "Save", id="term.save", priority=True)]

    def __init__(self, title: str, term: Term | None = None, scope: str = "project", *,
                 texts: tuple[str, str] | None = None, langs: tuple[str, str] = ("ru", "en"),
                 candidates: list[tuple[str, str]] | None = None, fixed_scope: bool = False,
                 project_ok: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.term = term
        self.scope = scope if project_ok else "document"
        self.texts = texts
        self.langs = langs
        self.candidates = candidates or []
        self.fixed_scope = fixed_scope
        self.project_ok = project_ok

    def compose(self) -> ComposeResult:
        t = self.term
        first = self.candidates[0] if self.candidates and t is None else ("", "")
        names = [LANG_NAMES.get(lang, lang) for lang in self.langs]
        with Vertical():
            yield Label(self.title_text, classes="title")
            if self.candidates:
                yield Label("Candidates in this row (enter: use one)", classes="sub")
                yield OptionList(*[Option(Text.assemble(s or "…", ("  →  ", "dim"), e or "…"),
                                          id=str(n)) for n, (s, e) in enumerate(self.candidates)],
                                 id="candidates", compact=True)
            if self.texts is not None:
                yield Label("Or select words in the row's text (shift+arrows, or the mouse):",
                            classes="sub")
                yield TextArea(self.texts[0], read_only=True, soft_wrap=True, compact=True,
                               show_line_numbers=False, id="text-src")
                yield TextArea(self.texts[1], read_only=True, soft_wrap=True, compact=True,
                               show_line_numbers=False, id="text-tgt")
            with Horizontal(classes="field"):
                yield Label(f"{names[0]} term")
                yield Input(t.source if t else first[0], compact=True, id="source")
            with Horizontal(classes="field"):
                yield Label(f"{names[1]} term")
                yield Input(t.target if t else first[1], compact=True, id="target")
            with Horizontal(classes="field"):
                yield Label("Note")
                yield Input(t.note or "" if t else "", compact=True, id="note")
            with Horizontal(classes="field"):
                yield Label("Forbidden")
                yield Input("; ".join(t.forbidden) if t else "", compact=True, id="forbidden",
                            placeholder="wrong variants, separated by ;")
            with Horizontal(classes="field"):
                yield Label("Glossary")
                if self.fixed_scope:
                    yield Label("project (glossary.yaml)" if self.scope == "project"
                                else "this document")
                else:
                    with ArrowChoice(id="scope", compact=True):
                        yield RadioButton("project (saved now)",
                                          value=self.scope == "project", id="project",
                                          disabled=not self.project_ok)
                        yield RadioButton("this document (undoable)",
                                          value=self.scope == "document", id="document")
            yield Label("enter: save · tab: next field · esc: cancel", classes="hint")

    def on_mount(self) -> None:
        if self.candidates:
            self.query_one("#candidates", OptionList).styles.height = min(4, len(self.candidates))
        if self.candidates and self.term is None:
            self.query_one("#candidates", OptionList).focus()
        else:
            self.query_one("#source", Input).focus()

    @on(OptionList.OptionSelected, "#candidates")
    def _candidate(self, event: OptionList.OptionSelected) -> None:
        source, target = self.candidates[int(event.option.id)]
        self.query_one("#source", Input).value = source
        self.query_one("#target", Input).value = target
        self.query_one("#source" if not source else "#target" if not target else "#note",
                       Input).focus()

    @on(TextArea.SelectionChanged)
    def _selected_words(self, event: TextArea.SelectionChanged) -> None:
        words = event.text_area.selected_text.strip(" \t\n.,;:!?«»\"“”()")
        if words:
            field = "#source" if event.text_area.id == "text-src" else "#target"
            value = " ".join(words.split())
            if field == "#source" and self.langs[0] == "ru":  # as a dictionary form
                value = _ru_base(value) if " " not in value else _lemma_run(value, "ru")
            self.query_one(field, Input).value = value

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value.strip()
                 for name in ("source", "target", "note", "forbidden")}
        if not value["source"] or not value["target"]:
            self.notify("A term needs both sides.", severity="warning", timeout=3)
            self.query_one("#source" if not value["source"] else "#target", Input).focus()
            return
        forbidden = tuple(f.strip() for f in value["forbidden"].replace(",", ";").split(";")
                          if f.strip())
        scope = self.scope
        if not self.fixed_scope:
            pressed = self.query_one("#scope", RadioSet).pressed_button
            scope = pressed.id if pressed is not None else self.scope
        self.dismiss(TermAnswer(Term(value["source"], value["target"], value["note"] or None,
                                     forbidden), scope))

    def action_cancel(self) -> None:
        self.dismiss(None)


LANG_NAMES = {"ru": "Russian", "en": "English", "de": "German", "fr": "French"}

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


class GlossaryPanel(Vertical):
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
        table.columns["source"].label = Text(LANG_NAMES.get(langs[0], langs[0]))
        table.columns["target"].label = Text(LANG_NAMES.get(langs[1], langs[1]))
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

    def action_cursor(self, where: str) -> None:
        if where == "down":
            self.table.action_cursor_down()
        else:
            self.table.action_cursor_up()

    def action_leave(self) -> None:
        self.app.view.focus()


def replace_document_term(doc: Document, old: Term, new: Term) -> Edit:
    """One undoable edit replacing a document term (removed, then added at the end)."""
    removed = gl.remove_term(doc, old)
    if old == new:
        raise OperationError("the term is unchanged")
    if any(Term.from_record(r) == new for r in doc.extra.get(gl.SECTION) or []
           if isinstance(r, dict)):
        raise OperationError(f"'{new.source}' → '{new.target}' is already a term here")
    items = doc.extra.get(gl.SECTION) or []
    from ..core.operations import Splice

    add = Splice(f"extra:{gl.SECTION}", len(items) - 1, (), (new.record(),))
    return Edit(f"edit term '{new.source}'", removed.splices + (add,))


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
                if self.run_operation(lambda: replace_document_term(self.doc, old, new),
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
