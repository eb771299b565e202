"""Spelling and terminology in the UI: jumps, the suggestion popup, the findings list.

A mixin of the App (as :mod:`.navigation`). The verdicts come from :class:`.marks.Marks`
(cached per row by content); this module turns them into keys:

- ``z`` / ``Z`` move the cursor to the next / previous misspelt word (its sentence; the word
  itself is highlighted), wrapping around;
- ``=`` opens :class:`SuggestionDialog` on the misspelt word at the cursor (the one ``z``
  landed on, else the first of the sentence, else of the row): suggestions best first, fetched
  in a thread (libhunspell needs ~0.1 s a word) and cached; ``1``-``9`` or enter replace the
  word (an ordinary undoable sentence edit: the sentence keeps its original), ``a`` adds it to
  the project dictionary (a file change, not undoable), ``i`` ignores it in this document
  (undoable), ``t`` types another replacement. On a row with no misspelling but a forbidden or
  near-miss term, ``=`` offers the glossary's term instead;
- ``i`` lists every misspelling and terminology problem (:class:`FindingsDialog`); enter goes
  to one.

The checker loads in a thread when the app starts, then a second thread checks a snapshot of
the whole document so that the list and the jumps find everything at once; rows are checked
again only when their text (or the accepted words) change.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..core import glossary as gl
from ..core import spelling
from ..core.errors import OperationError, WorkbenchError
from ..core.spelling import Finding
from ..core.textio import lang_name
from .marks import SIDES, Marks, snapshot
from .screens import ChoiceDialog, PromptDialog, _css


def context(text: str, start: int, end: int, width: int = 34) -> Text:
    """The text around ``start:end`` with that part highlighted (… where it is cut)."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space > 0 else b
    return Text.assemble("…" if a > 0 else "", text[a:start], (text[start:end], "bold reverse"),
                         text[end:b], "…" if b < len(text) else "")


class SuggestionDialog(ModalScreen[tuple | None]):
    """Fix one misspelt word: pick a suggestion, type one, add to the dictionary or ignore.

    Answers ("fix", replacement), ("add",), ("ignore",), ("type",) or None (escape).
    """

    DEFAULT_CSS = _css("SuggestionDialog", """
    SuggestionDialog > Vertical { max-width: 76; }
    SuggestionDialog #context { width: 1fr; padding-bottom: 1; }
    SuggestionDialog OptionList { height: auto; max-height: 11; border: none; padding: 0; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="spell.cancel"),
                Binding("a", "answer('add')", "Add to dictionary", id="spell.add"),
                Binding("i", "answer('ignore')", "Ignore here", id="spell.ignore"),
                Binding("t", "answer('type')", "Type", id="spell.type"),
                *[Binding(str(n), f"pick({n})", show=False, id=f"spell.pick{n}")
                  for n in range(1, 10)]]

    def __init__(self, finding: Finding, text: str, row_label: str) -> None:
        super().__init__()
        self.finding = finding
        self.text = text
        self.row_label = row_label
        self.suggestions: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        f = self.finding
        with Vertical():
            yield Label(f"Spelling · {self.row_label} · {lang_name(f.lang)}: "
                        f"“{f.word}”", classes="title")
            yield Static(context(self.text, f.start, f.end), id="context")
            yield OptionList(Option("looking up suggestions…", disabled=True), id="suggestions",
                             compact=True)
            yield Label("enter or 1-9: replace · t: type a replacement · a: add to the project "
                        "dictionary · i: ignore in this document · esc: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.run_worker(self._fetch, thread=True, name="suggest", group="suggest")

    def _fetch(self) -> None:
        found = self.finding.suggestions
        try:
            self.app.call_from_thread(self._show, found)
        except RuntimeError:  # the app is gone
            pass

    def _show(self, found: tuple[str, ...]) -> None:
        if not self.is_attached:
            return
        self.suggestions = found
        options = self.query_one(OptionList)
        options.clear_options()
        if not found:
            options.add_option(Option("no suggestions: t types a replacement", disabled=True))
            return
        options.add_options([Option(Text.assemble((f"{n} ", "bold"), s), id=str(n - 1))
                             for n, s in enumerate(found[:9], 1)])
        options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_pick(int(event.option.id) + 1)

    def action_pick(self, n: int) -> None:
        if self.suggestions and 1 <= n <= len(self.suggestions):
            self.dismiss(("fix", self.suggestions[n - 1]))

    def action_answer(self, what: str) -> None:
        self.dismiss((what,))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Item:
    """One line of the findings list: where it is and what it says."""

    row: int
    side: str
    k: int
    kind: str  # "spelling" or "term"
    label: Text
    spell: Finding | None = None


def _one_line(label: Text, width: int) -> Text:
    label = label.copy()
    label.truncate(max(20, width), overflow="ellipsis")
    return label


class FindingsDialog(ModalScreen[Item | None]):
    """Every misspelling and terminology problem of the document; enter goes to one."""

    DEFAULT_CSS = _css("FindingsDialog", """
    FindingsDialog > Vertical { max-width: 110; height: 80%; }
    FindingsDialog OptionList { height: 1fr; border: none; padding: 0; }
    """)
    BINDINGS = [Binding("escape,i", "cancel", "Close", id="findings.close")]

    def __init__(self, items: list[Item], title: str, start: int = 0) -> None:
        super().__init__()
        self.items = items
        self.title_text = title
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            if self.items:
                width = min(110, int(self.app.size.width * 0.9)) - 8  # one line each
                yield OptionList(*[Option(_one_line(it.label, width), id=str(n))
                                   for n, it in enumerate(self.items)],
                                 id="findings", compact=True)
            else:
                yield Static("Nothing found: every word is known and every term is as in the "
                             "glossary.")
            yield Label("↑/↓: choose · enter: go there · esc: close", classes="hint")

    def on_mount(self) -> None:
        if self.items:
            options = self.query_one(OptionList)
            options.highlighted = min(self.start, len(self.items) - 1)
            options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class SpellingMixin:
    """Spelling and terminology actions of :class:`WorkbenchApp` (``self.marks``)."""

    marks: Marks
    _fill_worker = None

    # ------------------------------------------------------------ checking in threads

    def start_checking(self) -> None:
        """In a thread: load the checker, then check a snapshot of the whole document."""
        self.view.marks = self.marks
        marks = self.marks

        def load_and_check() -> None:
            marks.load()
            try:
                snap, generation = self.call_from_thread(self._checker_loaded)
                if snap is not None and marks.fill(snap, generation):
                    self.call_from_thread(self._checked, generation)
            except RuntimeError:  # the app is gone
                pass

        self._fill_worker = self.run_worker(load_and_check, thread=True, group="check",
                                            name="check all")

    def _checker_loaded(self) -> tuple:
        """On the UI thread: rows can be marked now; returns what the thread checks next."""
        marks = self.marks
        marks.ready = True
        if marks.error:
            self.notify(f"{marks.error} (spelling and terms use no project files until it is "
                        "fixed)", severity="warning", timeout=10)
        self.view.refresh_rows()
        self.update_status()
        if not self.doc.beads:
            return None, marks.generation
        return snapshot(self.doc), marks.generation

    def recheck(self) -> None:
        """Check every row of a snapshot in a thread (after a project change)."""
        marks = self.marks
        if not marks.ready or not self.doc.beads:
            return
        snap, generation = snapshot(self.doc), marks.generation

        def fill() -> None:
            if marks.fill(snap, generation):
                try:
                    self.call_from_thread(self._checked, generation)
                except RuntimeError:
                    pass

        self._fill_worker = self.run_worker(fill, thread=True, group="check", name="check all")

    def _checked(self, generation: int) -> None:
        self.marks.filled_generation = max(self.marks.filled_generation, generation)
        self.view.refresh_rows()
        self.update_status()
        refresh = getattr(self, "refresh_panels", None)
        if refresh is not None:
            refresh()

    async def _wait_for_check(self) -> bool:
        """Before a whole-document answer: wait for the checking thread (False: no checker)."""
        marks = self.marks
        if not marks.ready and not getattr(self, "spellcheck", True):
            self.notify("Spelling is off in this session.", severity="warning")
            return False
        worker = self._fill_worker
        if not marks.complete and worker is not None and worker.is_running:
            self.notify("Checking the document…" if marks.ready else
                        "Loading the dictionaries…", timeout=2)
            await worker.wait()
        return marks.ready

    def changed_marks(self) -> None:
        """The accepted words changed (project dictionary or glossary): repaint, re-check."""
        self.marks.project_changed()
        self.view.refresh_rows()
        self.recheck()
        self.update_status()

    # ------------------------------------------------------------ jumps

    def _position(self, f: Finding) -> tuple[int, int, int, int]:
        bead = self.doc.beads[f.row]
        return (f.row, SIDES.index(f.side), getattr(bead, f.side).index(f.sid), f.start)

    def _here(self, step: int) -> tuple[int, int, int, int]:
        v = self.view
        cur, sid = self.marks.current, v.current_sentence
        start = cur[2] if cur is not None and cur[:2] == (v.side, sid) else (
            -1 if step > 0 else 1 << 30)
        return (v.row, SIDES.index(v.side), v.k, start)

    async def _spell_jump(self, step: int) -> None:
        if not self.doc.beads or not await self._wait_for_check():
            return
        marks, n = self.marks, len(self.doc.beads)
        here = self._here(step)
        for j in range(n + 1):
            row = (here[0] + j * step) % n
            found = marks.misspellings(row)
            if step < 0:
                found.reverse()
            for f in found:
                pos = self._position(f)
                if j == 0 and not (pos > here if step > 0 else pos < here):
                    continue
                if j == n and not (pos <= here if step > 0 else pos >= here):
                    continue
                if j and (j == n or (row < here[0] if step > 0 else row > here[0])):
                    self.notify("Wrapped around.", timeout=2)
                self.go_to_misspelling(f)
                return
        self.notify("No misspelt words.", timeout=3)

    def go_to_misspelling(self, f: Finding) -> None:
        """Cursor on the finding's sentence, the word highlighted (``=`` then fixes it)."""
        self.marks.current = (f.side, f.sid, f.start, f.end, f.word)
        k = getattr(self.doc.beads[f.row], f.side).index(f.sid)
        view = self.view
        view.refresh_rows()
        first, count = view.row_span(f.row) if view.laid_out else (0, 0)
        shown = round(view.scroll_y) <= first and first + count <= round(view.scroll_y) + \
            view.page_height
        view.move_to(f.row, f.side, k, top=not shown)  # a row off screen comes up near the top

    async def action_next_misspelling(self) -> None:
        await self._spell_jump(1)

    async def action_prev_misspelling(self) -> None:
        await self._spell_jump(-1)

    # ------------------------------------------------------------ fixing

    def word_here(self) -> Finding | None:
        """The misspelling ``=`` works on: the one z landed on if the cursor is on its
        sentence, else the first of the cursor's sentence, else the first of the row."""
        v = self.view
        found = self.marks.misspellings(v.row)
        sid = v.current_sentence
        cur = self.marks.current
        for f in found:
            if cur is not None and (f.side, f.sid, f.start, f.word) == (cur[0], cur[1], cur[2],
                                                                       cur[4]) and \
                    (f.side, f.sid) == (v.side, sid):
                return f
        mine = [f for f in found if (f.side, f.sid) == (v.side, sid)]
        return (mine or found or [None])[0]

    def action_fix_word(self) -> None:
        if not self.doc.beads:
            return
        if not self.marks.ready:
            self.notify("The dictionaries are still loading." if getattr(self, "spellcheck", True)
                        else "Spelling is off in this session.", severity="warning")
            return
        f = self.word_here()
        if f is None:
            self._fix_term()
            return
        text = self.doc.side(f.side).get(f.sid).text
        self.push_screen(SuggestionDialog(f, text, f"row {f.row + 1}"),
                         lambda answer: self._spelling_answer(f, answer))

    def _spelling_answer(self, f: Finding, answer: tuple | None) -> None:
        if answer is None:
            return
        what = answer[0]
        if what == "fix":
            self._fix_with(f, answer[1])
        elif what == "type":
            def typed(value: str | None) -> None:
                if value and value.strip() and value.strip() != f.word:
                    self._fix_with(f, value.strip())
            self.push_screen(PromptDialog(f"Replace “{f.word}” by", "enter: replace · esc: cancel",
                                          f.word), typed)
        elif what == "ignore":
            if self.run_operation(lambda: spelling.ignore(self.doc, f.word, f.lang),
                                  keep_row=True) is not None:
                self.marks.current = None
                self.notify(f"“{f.word}” is accepted in this document (u undoes).", timeout=3)
        elif what == "add":
            self.add_to_dictionary(f.word, f.lang)

    def _fix_with(self, f: Finding, replacement: str) -> None:
        if self.run_operation(lambda: spelling.fix(self.doc, f, replacement),
                              keep_row=True) is not None:
            self.marks.current = None
            self.notify(f"{f.word} → {replacement} (u undoes; the original is kept)", timeout=3)

    def add_to_dictionary(self, word: str, lang: str) -> None:
        """Accept ``word`` in the whole project: dictionary.yaml is written now."""
        checker = self.marks.checker
        try:
            entry = checker.add_to_dictionary(word, lang)
        except (OperationError, WorkbenchError, OSError) as exc:
            self.notify(f"Not added: {exc}", severity="error", timeout=6)
            return
        self.marks.current = None
        self.changed_marks()
        where = checker.dictionary.path or "the dictionary"
        self.notify(f"“{entry}” added to {where}: accepted in every document of the project "
                    "(a file change: u does not undo it).", timeout=5)

    def _fix_term(self) -> None:
        """No misspelling here: offer the glossary's term for a forbidden or near-miss one."""
        v = self.view
        fixable = [t for t in self.marks.terms(v.row) if t.kind in ("forbidden", "near-miss")]
        if not fixable:
            self.notify("Nothing to fix here: z goes to the next misspelt word, i lists them "
                        "all.", timeout=3)
            return
        t = fixable[0]

        def answer(choice: str | None) -> None:
            if choice == "replace":
                if self.run_operation(lambda: gl.fix(self.doc, t), keep_row=True) is not None:
                    self.notify(f"{t.found} → {t.term.target} (u undoes)", timeout=3)
        self.push_screen(ChoiceDialog(
            "Use the glossary's term?", f"{t.message}.\nReplace “{t.found}” by "
            f"“{t.term.target}” in row {v.row + 1}?",
            [("replace", "Replace", "y"), ("cancel", "Cancel", "n")]), answer)

    # ------------------------------------------------------------ the findings list

    def findings(self) -> list[Item]:
        """Every misspelling and terminology problem, in row order."""
        doc, marks = self.doc, self.marks
        items: list[Item] = []
        for row in range(len(doc.beads)):
            check = marks.row(row)
            if not check.spelling and not check.terms:
                continue
            bead = doc.beads[row]
            for f in marks.misspellings(row):
                text = doc.side(f.side).get(f.sid).text
                label = Text.assemble((f"{row + 1:>5} ", "bold"), ("spelling ", "red"),
                                      (f"{f.word:<14} ", "bold"), context(text, f.start, f.end, 26))
                items.append(Item(row, f.side, getattr(bead, f.side).index(f.sid), "spelling",
                                  label, f))
            for t in marks.terms(row):
                span = next((s for s in t.spans if s.side == "tgt"), t.spans[0])
                ids = getattr(bead, span.side)
                k = ids.index(span.sid) if span.sid in ids else 0
                label = Text.assemble((f"{row + 1:>5} ", "bold"), ("term     ", "yellow"),
                                      t.message)
                items.append(Item(row, span.side, k, "term", label))
        return items

    async def action_findings(self) -> None:
        if not self.doc.beads or not await self._wait_for_check():
            return
        items = self.findings()
        spell = sum(it.kind == "spelling" for it in items)
        title = (f"Findings · {spell} misspelt word{'s' * (spell != 1)} · "
                 f"{len(items) - spell} terminology problem{'s' * (len(items) - spell != 1)}")
        row = self.view.row
        start = next((n for n, it in enumerate(items) if it.row >= row), 0)

        def chosen(item: Item | None) -> None:
            if item is None:
                return
            if item.spell is not None:
                self.go_to_misspelling(item.spell)
            else:
                self.view.move_to(item.row, item.side, item.k)
        self.push_screen(FindingsDialog(items, title, start), chosen)

    # ------------------------------------------------------------ status line

    def row_hint(self) -> str:
        """What the status line says about the cursor's row: typos, term problems, flags."""
        marks = self.marks
        if not marks.ready or not self.doc.beads:
            return ""
        v = self.view
        parts = []
        found = marks.misspellings(v.row)
        if found:
            words = ", ".join(dict.fromkeys(f.word for f in found))
            parts.append(f"typo: {words} (=)")
        terms = marks.row(v.row).terms
        if terms:
            parts.append(f"term: {terms[0].term.target} (i)")
        return " · ".join(parts)
