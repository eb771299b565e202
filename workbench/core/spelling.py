"""Spelling: find misspelt words on both sides of a document, suggest, fix, accept, ignore.

The checker
    Hunspell dictionaries ``en_US`` and ``ru`` (the ones the ``spylls`` wheel ships, so
    nothing is downloaded) run in libhunspell through ``chunspell``: on Bakai it loads in
    0.1-0.25 s (spylls 2-2.4 s), checks all 2,424 words in ~10 ms (spylls 100-210 ms) and
    suggests ~3x faster (bench/spelling.py). spylls' pure Python engine is the fallback when
    chunspell cannot be imported (same dictionaries, same verdicts). Other languages are
    not checked (``sv`` is also in the spylls data).

What counts as a word (:func:`tokens`)
    Letters with internal apostrophes or hyphens. Skipped: anything with a digit (``11am``,
    ``Shanyrak-1``'s ``1``, the ``[1]`` of ``OPON[1]``), single letters (initials ``Z.``,
    ``т.е.``), two-letter capitalized initials before a dot, URLs and e-mail addresses, and
    words in the other script (Latin in Russian text and vice versa). A hyphenated word is
    accepted when the whole or each of its parts is; otherwise each unknown part is a finding.

Accepted words, in this order
    1. the document's ignore list, ``doc.extra["spelling"]`` (undoable: :func:`ignore`);
    2. the document's own glossary terms (``doc.extra["glossary"]``);
    3. the project dictionary (``alignments/dictionary.yaml``, :class:`ProjectDictionary`)
       and the project glossary's terms (``alignments/glossary.yaml``): Russian entries are
       lemmas accepted in every inflection (pymorphy3 lexemes and lemmas), English entries
       case-insensitively with possessive and plural;
    4. Hunspell.
    Verdicts of 3-4 are cached per word, so re-checking a whole document costs a dictionary
    lookup per token (Bakai, ~2,600 words: a few ms once warm).

Suggestions (:meth:`Checker.suggest`, best first, cached per word)
    Hunspell's suggestions plus project words within two edits, re-ranked: candidates one
    edit away (insertion, deletion, substitution or transposition) come first, fewer
    inserted/deleted characters first among them (so ``seige`` -> ``siege`` before
    ``sage``, ``upto`` -> ``up to`` before ``unto``); then project words two edits away; then
    Hunspell's own order (``Astonishly`` -> ``Astonishingly``).

Operations
    - :func:`fix` builds an undoable edit replacing the word at its span
      (``operations.edit_sentence``: the sentence keeps its ``original`` text);
    - :func:`ignore` / :func:`unignore` build undoable edits of ``doc.extra["spelling"]``;
    - :func:`add_to_dictionary` writes the project dictionary file at once. It is a project
      change shared by every document, **not** part of a document's undo stack (remove the
      word with :meth:`ProjectDictionary.remove` + ``save``).

The document section (validated on load by :func:`check_section`)::

    spelling:
    - {ignore: zhanara, lang: en}

The project dictionary (one word per line; Russian words are lemmas)::

    format: 1
    en:
    - Bakai
    ru:
    - Бакай
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import morph
from .dictionary import DICTIONARY_NAME, ProjectDictionary  # noqa: F401  (re-exported)
from .document import Document
from .errors import OperationError
from .operations import Edit, Splice, replace_span, replace_spans

SECTION = "spelling"
MAX_SUGGESTIONS = 8

_URL_RE = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|edu|gov|ru|kz|ua|uk|de|fr|eu)\b(?:/\S*)?",
    re.IGNORECASE)
_HUNSPELL_NAMES = {"en": "en/en_US", "ru": "ru/ru", "sv": "sv/sv_SE"}


# ---------------------------------------------------------------- tokens

def tokens(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` a spell checker should look at, as (start, end, word).

    Hyphenated words come whole (the checker splits them when needed); numbers, single
    letters, initials, URLs and words in another script are left out.
    """
    masked = [(m.start(), m.end()) for m in _URL_RE.finditer(text)] if (
        "." in text or "@" in text) else []
    out = []
    for start, end, word in morph.words(text):
        if masked and any(a <= start < b for a, b in masked):
            continue
        if len(word) == 1 or not morph.in_script(word, lang):
            continue
        if any(ch.isdigit() for ch in word) and "-" not in word:
            continue
        if len(word) == 2 and word[0].isupper() and text[end:end + 1] == ".":
            continue  # an initial like "Zh."
        out.append((start, end, word))
    return out


# ---------------------------------------------------------------- Hunspell engines

class _Engine:
    """One Hunspell dictionary behind ``spell``/``suggest``; chunspell, else spylls."""

    def __init__(self, lang: str, base: Path):
        self.lang = lang
        self._lock = threading.Lock()
        try:
            import hunspell  # chunspell's module

            self._h = hunspell.Hunspell(base.name, hunspell_data_dir=str(base.parent))
            self.backend = "chunspell"
            self._spell, self._suggest = self._h.spell, self._h.suggest
        except ImportError:  # pragma: no cover - the wheel is pinned; this is the fallback
            from spylls.hunspell import Dictionary

            self._d = Dictionary.from_files(str(base))
            self.backend = "spylls"
            self._spell = self._d.lookup
            self._suggest = lambda w: list(self._d.suggest(w))

    def spell(self, word: str) -> bool:
        with self._lock:
            return bool(self._spell(word))

    def suggest(self, word: str) -> list[str]:
        with self._lock:
            return list(self._suggest(word))


_engines: dict[str, _Engine | None] = {}
_engines_lock = threading.Lock()


def dictionary_base(lang: str) -> Path | None:
    """The path (without .aff/.dic) of the Hunspell dictionary used for ``lang``, if any."""
    import spylls.hunspell

    data = Path(spylls.hunspell.__file__).parent / "data"
    name = _HUNSPELL_NAMES.get(lang)
    if name and (data / f"{name}.aff").exists():
        return data / name
    return None


def engine(lang: str) -> _Engine | None:
    """The shared Hunspell engine of ``lang`` (loaded once: ~0.1 s), or None if unknown."""
    if lang not in _engines:
        with _engines_lock:
            if lang not in _engines:
                base = dictionary_base(lang)
                _engines[lang] = _Engine(lang, base) if base is not None else None
    return _engines[lang]


# ---------------------------------------------------------------- accepted words

class _Accepted:
    """Words accepted in one language: exact forms and lemmas, matched case-insensitively."""

    def __init__(self, lang: str, entries: Iterable[str]):
        self.lang = lang
        self.display: list[str] = []   # entries (and Russian forms) as suggestions
        self.forms: set[str] = set()
        self.lemmas: set[str] = set()
        for entry in entries:
            for _, _, w in morph.words(entry):
                for part in [w, *w.split("-")] if "-" in w else [w]:
                    self._add(part)

    def _add(self, word: str) -> None:
        low = word.lower().replace("ё", "е")
        if low in self.forms:
            return
        self.display.append(word)
        if self.lang == "ru":
            forms = morph.forms(word)
            self.forms |= forms
            cap = word[:1].isupper()
            self.display.extend((f[:1].upper() + f[1:]) if cap else f
                                for f in sorted(forms) if f != low)
        self.forms.add(low)
        self.lemmas |= morph.lemmas(word, self.lang)

    def __contains__(self, word: str) -> bool:
        low = word.lower().replace("ё", "е").replace("’", "'")
        if low in self.forms:
            return True
        return not self.lemmas.isdisjoint(morph.lemmas(word, self.lang))

    def __bool__(self) -> bool:
        return bool(self.forms)


def _term_words(terms: Iterable[Any], source_lang: str, target_lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {source_lang: [], target_lang: []}
    for t in terms:
        out[source_lang].append(t.source)
        out[target_lang].append(t.target)
    return out


# ---------------------------------------------------------------- findings

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
        from .glossary import GLOSSARY_NAME, Glossary

        folder = Path(folder)
        return cls(ProjectDictionary.load(folder / DICTIONARY_NAME),
                   Glossary.load(folder / GLOSSARY_NAME))

    def reload(self) -> None:
        """Rebuild the accepted-word sets and forget cached verdicts and suggestions."""
        with self._lock:
            entries: dict[str, list[str]] = {k: list(v) for k, v in self.dictionary.words.items()}
            if self.glossary is not None:
                for lang, ws in _term_words(self.glossary.terms, self.glossary.source_lang,
                                            self.glossary.target_lang).items():
                    entries.setdefault(lang, []).extend(ws)
            self._accepted = {lang: _Accepted(lang, ws) for lang, ws in entries.items()}
            self._ok: dict[tuple[str, str], bool] = {}
            self._suggestions: dict[tuple[str, str], tuple[str, ...]] = {}
            self._doc_cache: tuple[Any, dict[str, _Accepted]] | None = None

    # -- verdicts

    def _known(self, word: str, lang: str) -> bool:
        """Hunspell or the project accepts ``word`` (one part, no hyphen logic). Cached."""
        key = (lang, word)
        ok = self._ok.get(key)
        if ok is None:
            acc = self._accepted.get(lang)
            ok = bool(acc and word in acc)
            if not ok:
                eng = engine(lang)
                ok = True if eng is None else eng.spell(word.replace("’", "'"))
            self._ok[key] = ok
        return ok

    def unknown_parts(self, start: int, word: str, lang: str,
                      extra: "_Accepted | None" = None,
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

    def check_text(self, text: str, lang: str, extra: "_Accepted | None" = None,
                   ignored: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
        """Misspelt words of one text as (start, end, word), e.g. for a sentence being edited."""
        out = []
        for start, _end, word in tokens(text, lang):
            out.extend(self.unknown_parts(start, word, lang, extra, ignored))
        return out

    def accepts(self, word: str, lang: str) -> bool:
        """Whether ``word`` passes (project words and Hunspell; no document context)."""
        return not self.unknown_parts(0, word, lang)

    def _document_words(self, doc: Document) -> dict[str, _Accepted]:
        """Accepted words from the document's own glossary (rebuilt when it changes)."""
        from .glossary import document_terms

        terms = tuple(document_terms(doc))
        cached = self._doc_cache
        if cached is not None and cached[0] == terms:
            return cached[1]
        by_lang = _term_words(terms, doc.source.lang, doc.target.lang)
        result = {lang: _Accepted(lang, ws) for lang, ws in by_lang.items() if ws}
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
            for side_name, ids in (("src", bead.src), ("tgt", bead.tgt)):
                side = doc.side(side_name)
                lang = side.lang
                extra = extras.get(lang)
                ign = ignores.get(lang, frozenset())
                for sid in ids:
                    for start, end, word in self.check_text(side.get(sid).text, lang, extra, ign):
                        out.append(Finding(row, side_name, sid, start, end, word, lang, self))
        return out

    # -- suggestions

    def suggest(self, word: str, lang: str) -> tuple[str, ...]:
        """Replacements for ``word``, best first (see the module docstring). Cached."""
        key = (lang, word)
        got = self._suggestions.get(key)
        if got is not None:
            return got
        from rapidfuzz import process
        from rapidfuzz.distance import OSA, Indel

        low = word.lower()
        eng = engine(lang)
        cands: list[tuple[str, int]] = [(s, 0) for s in (eng.suggest(word) if eng else [])]
        acc = self._accepted.get(lang)
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


def fix(doc: Document, finding: Finding, replacement: str | None = None) -> Edit:
    """An undoable edit replacing the finding's word by ``replacement`` (default: the first
    suggestion). The sentence keeps its first-read text in ``original``."""
    if replacement is None:
        if not finding.suggestions:
            raise OperationError(f"no suggestion for '{finding.word}': type the replacement")
        replacement = finding.suggestions[0]
    edit = replace_span(doc, finding.side, finding.sid, finding.start, finding.end, replacement,
                        expected=finding.word)
    return Edit(f"fix spelling: {finding.word} → {replacement}", edit.splices,
                cursor=finding.row)


def ignored_words(doc: Document) -> dict[str, frozenset[str]]:
    """The document's ignore list as lang -> lowercased words."""
    out: dict[str, set[str]] = {}
    for rec in doc.extra.get(SECTION) or []:
        if isinstance(rec, dict) and "ignore" in rec:
            out.setdefault(str(rec.get("lang", "")), set()).add(str(rec["ignore"]).lower())
    return {k: frozenset(v) for k, v in out.items()}


def ignore(doc: Document, word: str, lang: str) -> Edit:
    """An undoable edit adding ``word`` (any case) to this document's ignore list."""
    if word.lower() in ignored_words(doc).get(lang, frozenset()):
        raise OperationError(f"'{word}' is already ignored in this document")
    items = doc.extra.get(SECTION) or []
    return Edit(f"ignore '{word}'", (Splice(f"extra:{SECTION}", len(items), (),
                                            ({"ignore": word, "lang": lang},)),))


def unignore(doc: Document, word: str, lang: str) -> Edit:
    """An undoable edit removing ``word`` from this document's ignore list."""
    items = doc.extra.get(SECTION) or []
    for i, rec in enumerate(items):
        if isinstance(rec, dict) and str(rec.get("ignore", "")).lower() == word.lower() \
                and rec.get("lang") == lang:
            return Edit(f"stop ignoring '{word}'", (Splice(f"extra:{SECTION}", i, (rec,), ()),))
    raise OperationError(f"'{word}' is not ignored in this document")


def check_section(value: Any) -> list[tuple[tuple, str, str | None]]:
    """Validator of ``doc.extra["spelling"]`` for ``section_checks.SECTION_CHECKS``."""
    hint = "each entry is like {ignore: word, lang: en}"
    if not isinstance(value, list):
        return [((), "'spelling' must be a list of entries", hint)]
    for i, rec in enumerate(value):
        if not isinstance(rec, dict) or not isinstance(rec.get("ignore"), str) \
                or not rec["ignore"].strip() or not isinstance(rec.get("lang"), str):
            return [((i,), f"spelling entry {i + 1} must name the ignored word and its language",
                     hint)]
        unknown = set(rec) - {"ignore", "lang"}
        if unknown:
            return [((i,), f"spelling entry {i + 1} has unknown key '{sorted(unknown)[0]}'", hint)]
    return []


def fix_in_row(doc: Document, row: int, word: str, replacement: str | None = None,
               checker: Checker | None = None) -> Edit:
    """One undoable edit fixing ``word`` in row ``row`` (0-based), on whichever side it is.

    If the checker flags the word there, every flagged occurrence gets ``replacement`` or,
    without one, the word's first suggestion. A word that is not flagged (a wrong but real
    word, a forbidden term variant such as "Zher Ann") needs an explicit ``replacement``;
    its whole-word occurrences in the row are replaced. Sentences keep their ``original``.
    """
    if not 0 <= row < len(doc.beads):
        raise OperationError(f"there is no row {row + 1}")
    checker = checker or default_checker()
    flagged = [f for f in checker.misspellings(doc, [row]) if f.word == word]
    spans: list[tuple[str, int, int, int, str]] = []
    if flagged:
        for f in flagged:
            rep = replacement
            if rep is None:
                if not f.suggestions:
                    raise OperationError(f"no suggestion for '{word}' in row {row + 1}: give "
                                         "the replacement")
                rep = f.suggestions[0]
            spans.append((f.side, f.sid, f.start, f.end, rep))
    else:
        bead = doc.beads[row]
        pattern = re.compile(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])")
        for side_name, ids in (("src", bead.src), ("tgt", bead.tgt)):
            for sid in ids:
                for m in pattern.finditer(doc.side(side_name).get(sid).text):
                    spans.append((side_name, sid, m.start(), m.end(), replacement or ""))
        if not spans:
            raise OperationError(f"row {row + 1} has no '{word}'")
        if replacement is None:
            raise OperationError(f"'{word}' is not misspelt in row {row + 1}: give the "
                                 "replacement (ROW:WORD=REPLACEMENT)")
    by_sentence: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for side_name, sid, start, end, rep in sorted(spans, key=lambda s: -s[2]):
        by_sentence.setdefault((side_name, sid), []).append((start, end, rep))
    splices: list[Splice] = []
    for (side_name, sid), changes in by_sentence.items():
        splices.extend(replace_spans(doc, side_name, sid, changes).splices)
    rep_label = replacement or (flagged[0].suggestions[0] if flagged else "")
    return Edit(f"fix: {word} → {rep_label}", tuple(splices), cursor=row)
