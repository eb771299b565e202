"""Spell checking of a document: :class:`Checker` decides which words are misspelt and
suggests replacements; each misspelt word is a :class:`Finding`.

Accepted words, in this order
    0. a word the row's other side has too ("Levsen", "License" in a German sentence whose
       English has them): a name or a term the translation keeps, not a typo;
    1. the document's ignore list, ``doc.extra["spelling"]`` (:mod:`.ignore_list`);
    2. the document's own glossary terms (``doc.extra["glossary"]``);
    3. the project dictionary (``alignments/dictionary.yaml``, :class:`ProjectDictionary`)
       and the project glossary's terms (``alignments/glossary.yaml``), see :mod:`.accepted`;
    4. Hunspell (:mod:`.engines`).
    Verdicts of 3-4 are cached per word, so re-checking a whole document costs a dictionary
    lookup per token (Bakai, ~2,600 words: a few ms once warm).

Suggestions (:meth:`Checker.suggest`, best first, cached per word)
    Hunspell's suggestions plus project words within two edits, re-ranked: candidates one
    edit away (insertion, deletion, substitution or transposition) come first, fewer
    inserted/deleted characters first among them (so ``seige`` -> ``siege`` before
    ``sage``, ``upto`` -> ``up to`` before ``unto``); then project words two edits away; then
    Hunspell's own order (``Astonishly`` -> ``Astonishingly``).

:meth:`Checker.add_to_dictionary` writes the project dictionary file at once. It is a project
change shared by every document, **not** part of a document's undo stack (remove the word
with :meth:`ProjectDictionary.remove` + ``save``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..dictionary import DICTIONARY_NAME, ProjectDictionary
from ..document import Document
from ..langtags import base_lang
from .accepted import AcceptedWords, term_words
from .engines import engine, regional_variant
from .ignore_list import ignored_words
from .words import tokens

#: the words of a row's other side, for rule 0 (a hyphenated word's parts one by one)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class Finding:
    """A misspelt word: row (0-based bead index), side ("src"/"tgt"), sentence id, the
    character span ``[start, end)`` in that sentence's text, and the word. ``suggestions``
    is computed on first use (Hunspell suggesting takes ~0.1 s a word) and cached."""

    row: int
    side: str
    sid: int
    start: int
    end: int
    word: str
    lang: str
    checker: "Checker" = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    @property
    def suggestions(self) -> tuple[str, ...]:
        return (self.checker or default_checker()).suggest(self.word, self.lang)


class Checker:
    """Spell checking for one project: Hunspell + project dictionary + project glossary.

    Build it once per project (:meth:`for_project`) and reuse it: verdicts and suggestions
    are cached per word. The document's own ignore list and glossary are read on each call,
    so undo/redo of those sections needs no notification. After changing the project
    dictionary or glossary outside :meth:`add_to_dictionary`, call :meth:`reload`.
    """

    def __init__(self, dictionary: ProjectDictionary | None = None, glossary: Any = None):
        self.dictionary = dictionary or ProjectDictionary()
        self.glossary = glossary
        self._lock = threading.RLock()
        self.reload()

    @classmethod
    def for_project(cls, folder: str | Path) -> "Checker":
        """The checker of the project whose files live in ``folder`` (a document's folder):
        ``dictionary.yaml`` and ``glossary.yaml`` there, when they exist. Its ``glossary``
        is the project :class:`~workbench.core.glossary.Glossary`, to pass to
        ``glossary.terminology_findings`` and ``glossary.term_matches``."""
        from ..glossary import GLOSSARY_NAME, Glossary

        folder = Path(folder)
        return cls(ProjectDictionary.load(folder / DICTIONARY_NAME),
                   Glossary.load(folder / GLOSSARY_NAME))

    def reload(self) -> None:
        """Rebuild the accepted-word sets and forget cached verdicts and suggestions."""
        with self._lock:
            entries: dict[str, list[str]] = {}
            for k, v in self.dictionary.words.items():
                entries.setdefault(base_lang(k), []).extend(v)
            if self.glossary is not None:
                for lang, ws in term_words(self.glossary.terms, self.glossary.source_lang,
                                           self.glossary.target_lang).items():
                    entries.setdefault(lang, []).extend(ws)
            self._accepted = {lang: AcceptedWords(lang, ws) for lang, ws in entries.items()}
            self._ok: dict[tuple[str, str], bool] = {}
            self._suggestions: dict[tuple[str, str], tuple[str, ...]] = {}
            self._doc_cache: tuple[Any, dict[str, AcceptedWords]] | None = None

    # -- verdicts

    def _known(self, word: str, lang: str) -> bool:
        """Hunspell or the project accepts ``word`` (one part, no hyphen logic). Cached."""
        key = (lang, word)
        ok = self._ok.get(key)
        if ok is None:
            acc = self._accepted.get(base_lang(lang))
            ok = bool(acc and word in acc)
            if not ok:
                eng = self._engine(lang)
                ok = True if eng is None else eng.spell(word.replace("’", "'"))
            self._ok[key] = ok
        return ok

    def unknown_parts(self, start: int, word: str, lang: str,
                      extra: AcceptedWords | None = None,
                      ignored: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
        """The misspelt parts of one token (the whole token, or unknown hyphen parts)."""
        def ok(w: str) -> bool:
            return (w.lower() in ignored or (extra is not None and w in extra)
                    or self._known(w, lang))

        if ok(word):
            return []
        if "-" not in word:
            return [(start, start + len(word), word)]
        out, pos = [], start
        for part in word.split("-"):
            if len(part) > 1 and not any(c.isdigit() for c in part) and not ok(part):
                out.append((pos, pos + len(part), part))
            pos += len(part) + 1
        return out

    def check_text(self, text: str, lang: str, extra: AcceptedWords | None = None,
                   ignored: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
        """Misspelt words of one text as (start, end, word), e.g. for a sentence being edited."""
        out = []
        for start, _end, word in tokens(text, lang):
            out.extend(self.unknown_parts(start, word, lang, extra, ignored))
        return out

    def accepts(self, word: str, lang: str) -> bool:
        """Whether ``word`` passes (project words and Hunspell; no document context)."""
        return not self.unknown_parts(0, word, lang)

    def _document_words(self, doc: Document) -> dict[str, AcceptedWords]:
        """Accepted words from the document's own glossary (rebuilt when it changes)."""
        from ..glossary import document_terms

        terms = tuple(document_terms(doc))
        cached = self._doc_cache
        if cached is not None and cached[0] == terms:
            return cached[1]
        by_lang = term_words(terms, doc.source.lang, doc.target.lang)  # keyed by base_lang
        result = {lang: AcceptedWords(lang, ws) for lang, ws in by_lang.items() if ws}
        self._doc_cache = (terms, result)
        return result

    def misspellings(self, doc: Document, rows: Iterable[int] | None = None) -> list[Finding]:
        """Every misspelt word of ``doc`` (or of the given rows), in row and text order."""
        extras = self._document_words(doc)
        ignores = ignored_words(doc)
        out: list[Finding] = []
        beads = doc.beads
        for row in (range(len(beads)) if rows is None else rows):
            bead = beads[row]
            words = {name: {w.lower() for sid in ids
                            for w in _WORDS.findall(doc.side(name).get(sid).text)}
                     for name, ids in (("src", bead.src), ("tgt", bead.tgt))}
            for side_name, ids in (("src", bead.src), ("tgt", bead.tgt)):
                side = doc.side(side_name)
                lang = side.lang
                extra = extras.get(base_lang(lang))
                ign = ignores.get(base_lang(lang), frozenset()) | \
                    words["tgt" if side_name == "src" else "src"]
                for sid in ids:
                    for start, end, word in self.check_text(side.get(sid).text, lang, extra, ign):
                        out.append(Finding(row, side_name, sid, start, end, word, lang, self))
        return out

    # -- suggestions

    def prefetch(self, findings: Iterable[Finding]) -> None:
        """Compute the suggestions of many findings at once (``workbench check`` prints them
        all): Hunspell's part runs in worker processes (engines.Engine.suggest_many)."""
        by_lang: dict[str, set[str]] = {}
        for f in findings:
            if (f.lang, f.word) not in self._suggestions:
                by_lang.setdefault(f.lang, set()).add(f.word)
        for lang, words in by_lang.items():
            eng = self._engine(lang)
            if eng is not None:
                eng.suggest_many(words)

    def _engine(self, lang: str):
        """Hunspell for a language tag: the dictionary the project chose for the language,
        else the tag's region's ("en-GB": en_GB), else the language's own."""
        variants = {base_lang(k): v for k, v in self.dictionary.variants.items()}
        return engine(lang, variants.get(base_lang(lang)) or regional_variant(lang))

    def suggest(self, word: str, lang: str) -> tuple[str, ...]:
        """Replacements for ``word``, best first (see the module docstring). Cached."""
        key = (lang, word)
        got = self._suggestions.get(key)
        if got is not None:
            return got
        from rapidfuzz import process
        from rapidfuzz.distance import OSA, Indel

        low = word.lower()
        eng = self._engine(lang)
        cands: list[tuple[str, int]] = [(s, 0) for s in (eng.suggest(word) if eng else [])]
        acc = self._accepted.get(base_lang(lang))
        if acc:
            for s, dist, _ in process.extract(low, acc.display, scorer=OSA.distance,
                                              processor=str.lower, score_cutoff=2, limit=10):
                if s.lower() != low:
                    cands.append((_same_case(word, s), 1))

        def rank(item: tuple[int, tuple[str, int]]) -> tuple:
            i, (s, from_project) = item
            d = OSA.distance(low, s.lower())
            if d <= 1:
                return (0, Indel.distance(low, s.lower()), i)
            if from_project and d == 2:
                return (1, 0, i)
            return (2, 0, i)

        ranked: list[str] = []
        for _, (s, _p) in sorted(enumerate(cands), key=rank):
            if s not in ranked and s != word:
                ranked.append(s)
        got = tuple(ranked[:MAX_SUGGESTIONS])
        self._suggestions[key] = got
        return got

    # -- the project dictionary

    def add_to_dictionary(self, word: str, lang: str) -> str:
        """Accept ``word`` in the whole project: writes the dictionary file now (not undoable
        with the document; see the module docstring). Returns the stored entry."""
        with self._lock:
            entry = self.dictionary.add(word, lang)
            if self.dictionary.path is not None:
                self.dictionary.save()
            self.reload()
            return entry


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_default: Checker | None = None


def default_checker() -> Checker:
    """A checker with no project files (Hunspell and the document's own sections only)."""
    global _default
    if _default is None:
        _default = Checker()
    return _default


# ---------------------------------------------------------------- module-level API

def misspellings(doc: Document, checker: Checker | None = None,
                 rows: Iterable[int] | None = None) -> list[Finding]:
    """Misspelt words of ``doc`` (see :meth:`Checker.misspellings`)."""
    return (checker or default_checker()).misspellings(doc, rows)


def suggest(word: str, lang: str, checker: Checker | None = None) -> tuple[str, ...]:
    """Replacements for ``word`` in ``lang``, best first."""
    return (checker or default_checker()).suggest(word, lang)


def add_to_dictionary(word: str, lang: str, checker: Checker) -> str:
    """Accept ``word`` project-wide (a file change, not an undoable document edit)."""
    return checker.add_to_dictionary(word, lang)
