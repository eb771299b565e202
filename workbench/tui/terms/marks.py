"""What the rows show besides their text: misspelt words, glossary terms, terminology problems
and review flags, computed per row and cached by the row's content.

Why per row and by content: the view asks for a row's marks only when it draws one of the
row's lines (its strips are cached, so a cursor move asks for nothing new), and the cache key
is the row's sentence ids with their texts. An edit therefore re-checks exactly the rows whose
text it changed, with no bookkeeping of row numbers through merges and splits; undo and redo
come for free. Checking one row takes ~0.2 ms once the dictionaries are warm (Bakai: 68 rows
in ~11 ms; the synthetic 10,000-row bench document in ~2 s).

Everything that can change a verdict without changing a text (the document's ignore list and
own terms, the project dictionary and glossary) bumps ``generation``; rows checked under an
older generation are checked again when next asked for.

The slow parts run in a thread (:meth:`Marks.load` and :meth:`Marks.fill`, called from a
worker by :mod:`.checking`): loading Hunspell and the project files (~0.3 s), then checking
every row of a snapshot of the document so that the findings list and the jumps need not wait.
Rows drawn before that are drawn plain, then repainted. Suggestions are not fetched here:
libhunspell holds the GIL for ~0.1 s a word, so they are fetched only when asked for.

Flags come from the document itself (cheap): the rows and spans of open flags, recomputed once
per document version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from ...core import glossary as gl
from ...core import review
from ...core.document import Document, copy_document
from ...core.langtags import base_lang
from ...core.session import Session
from ...core.spelling import Checker, Finding

SIDES = ("src", "tgt")
#: the styles of the view a span can have, weakest first (later ones are drawn over earlier)
SPAN_ORDER = ("term", "term-bad", "flag-span", "misspelt", "spell-current")


@dataclass(frozen=True)
class RowCheck:
    """The checker's verdicts on one row, independent of where the row is now.

    ``spelling`` holds (side, sentence id, start, end, word, lang); ``terms`` are terminology
    findings whose ``row`` is where the row was when it was checked (see :meth:`Marks.terms`).
    """

    spelling: tuple[tuple[str, int, int, int, str, str], ...]
    matches: tuple[gl.TermMatch, ...]
    terms: tuple[gl.TermFinding, ...]
    spans: dict[tuple[str, int], tuple[tuple[int, int, str], ...]]


EMPTY = RowCheck((), (), (), {})


def snapshot(doc: Document) -> Document:
    """A copy a thread can read while the UI edits the original (list copies only)."""
    return copy_document(doc)


def check_row(doc: Document, row: int, checker: Checker, glossary: gl.Glossary | None) -> RowCheck:
    """Spelling, glossary matches and terminology findings of one row."""
    found = checker.misspellings(doc, [row])
    matches = tuple(gl.term_matches(doc, row, glossary))
    terms = tuple(gl.terminology_findings(doc, glossary, [row])) if matches else ()
    spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for m in matches:
        spans.setdefault((m.span.side, m.span.sid), []).append(
            (m.span.start, m.span.end, "term-bad" if m.forbidden else "term"))
    for t in terms:
        for sp in t.spans:
            if t.kind != "missing" or sp.side == "src":
                spans.setdefault((sp.side, sp.sid), []).append((sp.start, sp.end, "term-bad"))
    for f in found:
        spans.setdefault((f.side, f.sid), []).append((f.start, f.end, "misspelt"))
    return RowCheck(tuple((f.side, f.sid, f.start, f.end, f.word, f.lang) for f in found),
                    matches, terms,
                    {k: tuple(sorted(v, key=lambda s: SPAN_ORDER.index(s[2])))
                     for k, v in spans.items()})


class Marks:
    """Row marks of the session's current document (which recovery may replace).

    ``on_verdicts_changed`` is called (from drawing: it should only schedule work) when an
    edit changed the document's ignore list or own terms, so that every row is checked again.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.on_verdicts_changed: Callable[[], None] | None = None
        self.checker: Checker | None = None
        self.glossary: gl.Glossary | None = None
        self.folder: Path = Path(session.path).resolve().parent
        self.error: str | None = None  # why the project files could not be read
        self._load_lock = threading.Lock()
        self.ready = False  # the checker is loaded: rows can be checked
        self.filled_generation = -1  # the generation a whole-document fill completed for
        self.generation = 0
        self.current: tuple[str, int, int, int, str] | None = None  # the misspelling z landed on
        self._rows: dict[tuple, tuple[tuple[str, ...], int, RowCheck]] = {}
        self._seen: tuple[int, int] | None = None  # (id(doc), version) last synced
        self._extras: tuple = ((), ())
        self._flags_key: tuple[int, int] | None = None
        self._flag_rows: dict[int, str] = {}  # row -> highest open severity
        self._flag_spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}

    @property
    def doc(self) -> Document:
        return self.session.doc

    def _version(self) -> tuple[int, int]:
        return id(self.session.doc), self.session.history.version

    # ------------------------------------------------------------ loading (thread-safe)

    def load(self) -> None:
        """Read the project's dictionary and glossary and warm Hunspell (in a thread, or on
        the UI thread when a panel needs the glossary first; loads once)."""
        from ...core.errors import WorkbenchError

        with self._load_lock:
            if self.checker is not None:
                return
            try:
                checker = Checker.for_project(self.folder)
            except WorkbenchError as exc:
                self.error = str(exc)
                checker = Checker()
            for lang in {self.doc.source.lang, self.doc.target.lang}:
                checker.accepts("a" if base_lang(lang) != "ru" else "да", lang)  # loads the engine
            self.glossary = checker.glossary
            self.checker = checker

    def fill(self, doc: Document, generation: int) -> bool:
        """Check every row of ``doc`` (a :func:`snapshot`), in a thread. False if outdated."""
        checker, glossary = self.checker, self.glossary
        if checker is None:
            return False
        for i, bead in enumerate(doc.beads):
            if generation != self.generation:
                return False
            key = (bead.src, bead.tgt)
            texts = _texts(doc, bead)
            hit = self._rows.get(key)
            if hit is None or hit[0] != texts or hit[1] != generation:
                self._rows[key] = (texts, generation, check_row(doc, i, checker, glossary))
        return True

    # ------------------------------------------------------------ invalidation

    def _sync(self) -> None:
        """After an edit: a changed ignore list, document glossary or list of accepted terms
        changes every verdict."""
        seen = self._version()
        if seen == self._seen:
            return
        first = self._seen is None
        self._seen = seen
        extra = self.doc.extra
        extras = (tuple(map(repr, extra.get("spelling") or ())),
                  tuple(map(repr, extra.get(gl.SECTION) or ())),
                  tuple(map(repr, extra.get(gl.accepted.SECTION) or ())))
        if extras != self._extras:
            self._extras = extras
            self.generation += 1
            if self.ready and not first and self.on_verdicts_changed is not None:
                self.on_verdicts_changed()  # the whole document again, in a thread

    def project_changed(self) -> None:
        """The project dictionary or glossary changed: re-read the accepted words, re-check."""
        if self.checker is not None:
            self.checker.reload()
        self.generation += 1

    # ------------------------------------------------------------ rows

    def row(self, i: int) -> RowCheck:
        """The checks of row ``i`` of the current document (computed now if not cached)."""
        if not self.ready or self.checker is None:
            return EMPTY
        self._sync()
        doc = self.doc
        bead = doc.beads[i]
        key = (bead.src, bead.tgt)
        texts = _texts(doc, bead)
        hit = self._rows.get(key)
        if hit is not None and hit[0] == texts and hit[1] == self.generation:
            return hit[2]
        result = check_row(doc, i, self.checker, self.glossary)
        if len(self._rows) > 4 * len(doc.beads) + 1000:  # forget rows that no longer exist
            self._rows.clear()
        self._rows[key] = (texts, self.generation, result)
        return result

    def rows_with_findings(self, rows: range | None = None) -> list[int]:
        """The rows (of ``rows``, default all) with a misspelling or a term problem, in order:
        :meth:`row` of each in one pass (the findings list: 10,000 rows in ~10 ms, not ~25)."""
        if not self.ready or self.checker is None:
            return []
        self._sync()
        doc, cache, generation = self.doc, self._rows, self.generation
        src = {s.id: s.text for s in doc.source.sentences}
        tgt = {s.id: s.text for s in doc.target.sentences}
        beads = doc.beads
        found = []
        for i in rows if rows is not None else range(len(beads)):
            bead = beads[i]
            hit = cache.get((bead.src, bead.tgt))
            if hit is not None and hit[1] == generation and hit[0] == (
                    *map(src.__getitem__, bead.src), "\0", *map(tgt.__getitem__, bead.tgt)):
                check = hit[2]
            else:
                check = self.row(i)
            if check.spelling or check.terms:
                found.append(i)
        return found

    def misspellings(self, i: int) -> list[Finding]:
        """Misspelt words of row ``i`` in reading order (Russian side first)."""
        return [Finding(i, side, sid, start, end, word, lang, self.checker)
                for side, sid, start, end, word, lang in self.row(i).spelling]

    def terms(self, i: int) -> list[gl.TermFinding]:
        """Terminology findings of row ``i`` (with ``row`` set to ``i``)."""
        return [t if t.row == i else replace(t, row=i) for t in self.row(i).terms]

    @property
    def complete(self) -> bool:
        """Every row has been checked under the current verdicts (the findings list is quick)."""
        self._sync()
        return self.ready and self.filled_generation == self.generation

    # ------------------------------------------------------------ flags

    def _flags(self) -> None:
        key = self._version()
        if key == self._flags_key:
            return
        self._flags_key = key
        self._flag_rows, self._flag_spans = {}, {}
        items = [f for f in review.flags(self.doc) if f.status == "open"]
        if not items:
            return
        index = review.RowIndex(self.doc)
        for f in items:
            row = index.row(f)
            if row is None:
                continue
            old = self._flag_rows.get(row)
            if old is None or review.severity_rank(f.severity) > review.severity_rank(old):
                self._flag_rows[row] = f.severity
            if f.span is not None:
                self._flag_spans.setdefault((f.span.side, f.span.sid), []).append(
                    (f.span.start, f.span.end, "flag-span"))

    def flag_severity(self, row: int) -> str | None:
        """The highest severity among the open flags of ``row``, or None."""
        self._flags()
        return self._flag_rows.get(row)

    def flagged_rows(self) -> list[int]:
        self._flags()
        return sorted(self._flag_rows)

    # ------------------------------------------------------------ what the view draws

    def gutter(self, row: int) -> tuple[str | None, bool]:
        """(highest open flag severity or None, whether the row has a terminology problem)."""
        return self.flag_severity(row), bool(self.row(row).terms)

    def sentence_spans(self, row: int, side: str, sid: int) -> tuple[tuple[int, int, str], ...]:
        """Styled spans of one sentence, weakest first: (start, end, view style name)."""
        spans = self.row(row).spans.get((side, sid), ())
        self._flags()
        flagged = self._flag_spans.get((side, sid))
        cur = self.current
        if not flagged and (cur is None or cur[:2] != (side, sid)):
            return spans
        out = list(spans) + (flagged or [])
        if cur is not None and cur[:2] == (side, sid) and \
                self.doc.side(side).get(sid).text[cur[2]:cur[3]] == cur[4]:
            out.append((cur[2], cur[3], "spell-current"))
        return tuple(sorted(out, key=lambda s: SPAN_ORDER.index(s[2])))


def _texts(doc: Document, bead) -> tuple[str, ...]:
    src, tgt = doc.source, doc.target
    return tuple(src.get(s).text for s in bead.src) + ("\0",) + tuple(
        tgt.get(t).text for t in bead.tgt)
