"""The terms area's spelling keys: jump to misspelt words, fix one, list them all.

- ``z`` / ``Z`` move the cursor to the next / previous misspelt word (its sentence; the word
  itself is highlighted), wrapping around;
- ``=`` opens :class:`.suggestion_dialog.SuggestionDialog` on the misspelt word at the cursor
  (the one ``z`` landed on, else the first of the sentence, else of the row). A fix is an
  ordinary undoable sentence edit (the sentence keeps its original), ignoring a word is an
  undoable document change, adding it to the project dictionary is a file change (not
  undoable). On a row with no misspelling but a forbidden or near-miss term, ``=`` offers the
  glossary's term instead;
- ``i`` lists every misspelling and terminology problem (:mod:`.findings`).

The verdicts come from :class:`.marks.Marks` (cached per row by content).
"""

from __future__ import annotations

from ...core import glossary as gl
from ...core import spelling
from ...core.errors import OperationError, WorkbenchError
from ...core.spelling import Finding
from ..common.dialogs import ChoiceDialog, PromptDialog
from ..context import Context
from .checking import Checking
from .findings import FindingsDialog, Item, all_findings
from .marks import SIDES, Marks
from .suggestion_dialog import SuggestionDialog


#: rows the findings list is scanned for in one quiet moment (~3 ms)
SCAN_ROWS = 2500


class Spelling:
    """Misspelt words and term problems: jumps, fixes, the findings list, the status hint."""

    #: made ready in a quiet moment (Context.prepare_dialogs), then shown again and again
    dialogs = (SuggestionDialog, FindingsDialog)

    def __init__(self, ctx: Context, marks: Marks, checking: Checking) -> None:
        self.ctx = ctx
        self.marks = marks
        self.checking = checking
        self._findings: tuple[tuple, list[Item]] | None = None  # (what it was made from, items)
        self._scan: tuple[tuple, int, list[Item]] | None = None  # one under way: key, next row
        ctx.when_quiet(self._scan_findings)

    # ------------------------------------------------------------ jumps

    def _position(self, f: Finding) -> tuple[int, int, int, int]:
        bead = self.ctx.doc.beads[f.row]
        return (f.row, SIDES.index(f.side), getattr(bead, f.side).index(f.sid), f.start)

    def _here(self, step: int) -> tuple[int, int, int, int]:
        v = self.ctx.view
        cur, sid = self.marks.current, v.current_sentence
        start = cur[2] if cur is not None and cur[:2] == (v.side, sid) else (
            -1 if step > 0 else 1 << 30)
        return (v.row, SIDES.index(v.side), v.k, start)

    async def _jump(self, step: int) -> None:
        ctx = self.ctx
        if not ctx.doc.beads or not await self.checking.wait():
            return
        marks, n = self.marks, len(ctx.doc.beads)
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
                    ctx.notify("Wrapped around.", timeout=2)
                self.go_to_misspelling(f)
                return
        ctx.notify("No misspelt words.", timeout=3)

    def go_to_misspelling(self, f: Finding) -> None:
        """Cursor on the finding's sentence, the word highlighted (``=`` then fixes it)."""
        self.marks.current = (f.side, f.sid, f.start, f.end, f.word)
        k = getattr(self.ctx.doc.beads[f.row], f.side).index(f.sid)
        view = self.ctx.view
        view.refresh_rows()
        first, count = view.row_span(f.row) if view.laid_out else (0, 0)
        shown = round(view.scroll_y) <= first and first + count <= round(view.scroll_y) + \
            view.page_height
        view.move_to(f.row, f.side, k, top=not shown)  # a row off screen comes up near the top

    async def next_typo(self) -> None:
        await self._jump(1)

    async def prev_typo(self) -> None:
        await self._jump(-1)

    # ------------------------------------------------------------ fixing

    def word_here(self) -> Finding | None:
        """The misspelling ``=`` works on: the one z landed on if the cursor is on its
        sentence, else the first of the cursor's sentence, else the first of the row."""
        v = self.ctx.view
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

    def fix_word(self) -> None:
        ctx = self.ctx
        if not ctx.doc.beads:
            return
        if not self.marks.ready:
            ctx.notify("The dictionaries are still loading." if self.checking.enabled
                       else "Spelling is off in this session.", severity="warning")
            return
        f = self.word_here()
        if f is None:
            self._fix_term()
            return
        text = ctx.doc.side(f.side).get(f.sid).text
        ctx.dialog(SuggestionDialog, lambda answer: self._answer(f, answer), f, text,
                   f"row {f.row + 1}")

    def _answer(self, f: Finding, answer: tuple | None) -> None:
        ctx = self.ctx
        if answer is None:
            return
        what = answer[0]
        if what == "fix":
            self._fix_with(f, answer[1])
        elif what == "type":
            def typed(value: str | None) -> None:
                if value and value.strip() and value.strip() != f.word:
                    self._fix_with(f, value.strip())
            ctx.dialog(PromptDialog, typed, f"Replace “{f.word}” by",
                       "enter: replace · esc: cancel", f.word)
        elif what == "ignore":
            if ctx.apply(lambda: spelling.ignore(ctx.doc, f.word, f.lang),
                         keep_row=True) is not None:
                self.marks.current = None
                ctx.notify(f"“{f.word}” is accepted in this document (u undoes).", timeout=3)
        elif what == "add":
            self.add_to_dictionary(f.word, f.lang)

    def _fix_with(self, f: Finding, replacement: str) -> None:
        ctx = self.ctx
        if ctx.apply(lambda: spelling.fix(ctx.doc, f, replacement), keep_row=True) is not None:
            self.marks.current = None
            ctx.notify(f"{f.word} → {replacement} (u undoes; the original is kept)", timeout=3)

    def add_to_dictionary(self, word: str, lang: str) -> None:
        """Accept ``word`` in the whole project: dictionary.yaml is written now."""
        checker = self.marks.checker
        try:
            entry = checker.add_to_dictionary(word, lang)
        except (OperationError, WorkbenchError, OSError) as exc:
            self.ctx.notify(f"Not added: {exc}", severity="error", timeout=6)
            return
        self.marks.current = None
        self.checking.project_changed()
        where = checker.dictionary.path or "the dictionary"
        self.ctx.notify(f"“{entry}” added to {where}: accepted in every document of the "
                        "project (a file change: u does not undo it).", timeout=5)

    def _fix_term(self) -> None:
        """No misspelling here: a term problem of this row can take the glossary's term
        (a forbidden or near-miss one), or be accepted here as the translator's choice."""
        ctx = self.ctx
        v = ctx.view
        found = self.marks.terms(v.row)
        if not found:
            ctx.notify("Nothing to fix here: z goes to the next misspelt word, i lists them "
                       "all.", timeout=3)
            return
        t = next((f for f in found if f.kind in ("forbidden", "near-miss")), found[0])
        fixable = t.kind in ("forbidden", "near-miss")

        def answer(choice: str | None) -> None:
            if choice == "replace":
                if ctx.apply(lambda: gl.fix(ctx.doc, t), keep_row=True) is not None:
                    ctx.notify(f"{t.found} → {t.term.target} (u undoes)", timeout=3)
            elif choice == "accept":
                if ctx.apply(lambda: gl.accept(ctx.doc, t), keep_row=True) is not None:
                    ctx.notify(f"“{t.term.source}” → “{t.term.target}” is accepted as it is in "
                               f"row {v.row + 1} (u undoes).", timeout=4)

        question = (f"Replace “{t.found}” by “{t.term.target}” in row {v.row + 1}, or accept "
                    "the row as it is (a deliberate choice: no longer reported)?" if fixable
                    else f"Accept row {v.row + 1} as it is (a deliberate choice: no longer "
                         "reported)?")
        choices = ([("replace", "Replace", "y")] if fixable else []) + [
            ("accept", "Accept here", "a"), ("cancel", "Cancel", "n")]
        ctx.ask(ChoiceDialog("Glossary term", f"{t.message}.\n{question}", choices), answer)

    # ------------------------------------------------------------ the findings list

    async def findings(self) -> None:
        ctx = self.ctx
        if not ctx.doc.beads or not await self.checking.wait():
            return
        items = self._all_findings()
        spell = sum(it.kind == "spelling" for it in items)
        title = (f"Findings · {spell} misspelt word{'s' * (spell != 1)} · "
                 f"{len(items) - spell} terminology problem{'s' * (len(items) - spell != 1)}")
        row = ctx.view.row
        start = next((n for n, it in enumerate(items) if it.row >= row), 0)

        def chosen(item: Item | None) -> None:
            if item is None:
                return
            if item.spell is not None:
                self.go_to_misspelling(item.spell)
            else:
                ctx.view.move_to(item.row, item.side, item.k)
        ctx.dialog(FindingsDialog, chosen, items, title, start)

    def _findings_key(self) -> tuple:
        """What the findings list is made from: the document's version and the verdicts'."""
        marks, session = self.marks, self.ctx.session
        return (id(session.doc), id(session.history), session.history.version,
                marks.generation, marks.filled_generation)

    def _all_findings(self) -> list[Item]:
        """:func:`all_findings`, kept while the document and the verdicts are the same (a
        scan of 10,000 rows' marks takes ~12 ms: ``i`` pressed again costs nothing, and
        neither does ``i`` after a quiet moment, see :meth:`_scan_findings`)."""
        key = self._findings_key()
        if self._findings is None or self._findings[0] != key:
            self._findings = (key, all_findings(self.ctx.doc, self.marks))
            self._scan = None
        return self._findings[1]

    def _scan_findings(self) -> bool:
        """A quiet moment: scan the next :data:`SCAN_ROWS` rows for the findings list, so that
        it is ready when ``i`` comes (the scan starts over if the document changes meanwhile).
        False when there is nothing to do."""
        if not self.marks.complete or not self.ctx.doc.beads:
            return False
        key = self._findings_key()
        if self._findings is not None and self._findings[0] == key:
            return False
        if self._scan is None or self._scan[0] != key:
            self._scan = (key, 0, [])
        _key, start, items = self._scan
        end = min(start + SCAN_ROWS, len(self.ctx.doc.beads))
        items = items + all_findings(self.ctx.doc, self.marks, range(start, end))
        if end == len(self.ctx.doc.beads):
            self._findings, self._scan = (key, items), None
        else:
            self._scan = (key, end, items)
        return True

    # ------------------------------------------------------------ status line

    def row_hint(self) -> str:
        """What the status line says about the cursor's row: typos and term problems."""
        marks, ctx = self.marks, self.ctx
        if not marks.ready or not ctx.doc.beads:
            return ""
        v = ctx.view
        parts = []
        found = marks.misspellings(v.row)
        if found:
            words = ", ".join(dict.fromkeys(f.word for f in found))
            parts.append(f"typo: {words} (=)")
        terms = marks.row(v.row).terms
        if terms:
            parts.append(f"term: {terms[0].term.target} (i)")
        return " · ".join(parts)
