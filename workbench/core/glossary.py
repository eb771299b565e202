"""The glossary: term pairs, matching them in both languages, and the consistency check.

Terms
    A :class:`Term` is a source term, its target term, an optional note and optional
    forbidden target variants (``Zher Ann`` for ``Жер Ана``). The project glossary
    (``alignments/glossary.yaml``, :class:`Glossary`) serves every document of the folder;
    a document may add its own terms in ``doc.extra["glossary"]`` (edited with the undoable
    :func:`add_term` / :func:`remove_term` / :func:`replace_document_term`). Glossary words
    are also accepted by the spell checker. Import/export (OmegaT TSV, CSV, TBX) is in
    :mod:`workbench.core.glossary_io`.

Matching (:func:`find_terms`, :func:`term_matches`)
    Both the term and the sentence are split into words (:func:`morph.words`); a term of k
    words matches k consecutive words whose lemma sets intersect word by word: Russian via
    pymorphy3 (``снос`` matches ``сноса``, ``сносу``; ``Социалистическое сопротивление``
    matches ``«Социалистического сопротивления»``), English case-insensitively with
    possessive and regular plurals (``court executives``, ``court executive's``).
    Punctuation between words is ignored; a term never spans two sentences.

The consistency check (:func:`terminology_findings`), per bead (row)
    - ``missing``: a source term occurs but its target term does not occur in the row's
      target sentences;
    - ``near-miss``: ... and, for a name (a target term with a capital letter), a target word
      sequence is close to it (rapidfuzz ratio >= 80, e.g. ``Aisha Askaraova`` for
      ``Aisha Askarova``): reported instead of ``missing``, with the span of the near miss
      (common words are left to the spell checker: "polite" is no near miss of "police");
    - ``forbidden``: a forbidden variant occurs in the row's target sentences.
    Rows with an empty side are not checked for ``missing`` (an omission is a review
    matter). Each finding carries character spans (side, sentence id, start, end) for
    highlighting. Bakai (68 rows, 20+ terms): ~10 ms once lemmas are cached.

The project file (one term per line; validated on load with file/line errors)::

    format: 1
    source_lang: ru
    target_lang: en
    terms:
    - {source: Бакай, target: Bakai, note: a squatter settlement on the edge of Almaty}
    - {source: Жер Ана, target: Zher Ana, forbidden: [Zher Ann]}

The document section has the same term records::

    glossary:
    - {source: сектор Газа, target: Gaza Strip}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from . import morph
from .document import Document, Span
from .errors import FormatError, OperationError, decode_utf8, read_bytes
from .files import atomic_write
from .operations import Edit, Splice, replace_span
from .yamlfile import FlowMap, Loader, dump_yaml, locate

SECTION = "glossary"
GLOSSARY_NAME = "glossary.yaml"
NEAR_MISS_RATIO = 80.0
_TERM_KEYS = ("source", "target", "note", "forbidden")


@dataclass(frozen=True)
class Term:
    """A glossary entry: source term, target term, note, forbidden target variants."""

    source: str
    target: str
    note: str | None = None
    forbidden: tuple[str, ...] = ()

    def record(self) -> dict:
        """The YAML/section record of this term."""
        rec: dict[str, Any] = {"source": self.source, "target": self.target}
        if self.note:
            rec["note"] = self.note
        if self.forbidden:
            rec["forbidden"] = list(self.forbidden)
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> "Term":
        forbidden = rec.get("forbidden") or ()
        if isinstance(forbidden, str):
            forbidden = (forbidden,)
        note = rec.get("note")
        return cls(str(rec["source"]).strip(), str(rec["target"]).strip(),
                   str(note).strip() if note not in (None, "") else None,
                   tuple(str(f).strip() for f in forbidden if str(f).strip()))


def check_terms(value: Any, where: str = "glossary") -> list[tuple[tuple, str, str | None]]:
    """Problems of a list of term records as (keys inside the list, message, hint)."""
    hint = "a term is like {source: снос, target: demolition, note: ..., forbidden: [...]}"
    if not isinstance(value, list):
        return [((), f"'{where}' must be a list of terms", hint)]
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            return [((i,), f"term {i + 1} must be a mapping", hint)]
        for key in ("source", "target"):
            v = rec.get(key)
            if not isinstance(v, (str, int, float)) or isinstance(v, bool) or not str(v).strip():
                return [((i,), f"term {i + 1} needs a non-empty '{key}'", hint)]
        unknown = set(rec) - set(_TERM_KEYS)
        if unknown:
            return [((i,), f"term {i + 1} has unknown key '{sorted(map(str, unknown))[0]}'",
                     hint)]
        forb = rec.get("forbidden")
        if forb is not None and not (isinstance(forb, str) or (
                isinstance(forb, list) and all(isinstance(f, str) for f in forb))):
            return [((i,), f"term {i + 1}: 'forbidden' must be a list of variants", hint)]
        note = rec.get("note")
        if note is not None and not isinstance(note, (str, int, float)):
            return [((i,), f"term {i + 1}: 'note' must be text", hint)]
    return []


def check_section(value: Any) -> list[tuple[tuple, str, str | None]]:
    """Validator of ``doc.extra["glossary"]`` for ``section_checks.SECTION_CHECKS``."""
    return check_terms(value, "glossary")


@dataclass
class Glossary:
    """The project glossary: terms in file order, its languages and its file."""

    terms: list[Term] = field(default_factory=list)
    source_lang: str = "ru"
    target_lang: str = "en"
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path) -> "Glossary":
        """Read and validate the file; a missing file is an empty glossary (made on save)."""
        p = Path(path)
        if not p.exists():
            return cls(path=p)
        return cls.loads(decode_utf8(read_bytes(p, FormatError), p, FormatError), str(p))

    @classmethod
    def loads(cls, text: str, path: str = "<string>") -> "Glossary":
        try:
            data = yaml.load(text, Loader=Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            raise FormatError(f"not valid YAML: {exc.problem}", path=path,
                              line=mark.line + 1 if mark else None,
                              hint="fix the syntax at that spot") from None

        def fail(keys: tuple, message: str, hint: str | None = None) -> FormatError:
            line, col = locate(text, keys) if keys else (None, None)
            return FormatError(message, path=path, line=line, column=col, hint=hint)

        if not isinstance(data, dict):
            raise fail((), "is not a workbench glossary (expected a YAML mapping)",
                       "start it with 'format: 1', source_lang, target_lang and 'terms:'")
        if data.get("format") != 1:
            raise fail(("format",) if "format" in data else (), "needs 'format: 1'")
        for key in ("source_lang", "target_lang"):
            if not isinstance(data.get(key, "x"), str):
                raise fail((key,), f"'{key}' must be a language code like ru")
        unknown = set(data) - {"format", "source_lang", "target_lang", "terms"}
        if unknown:
            raise fail((sorted(map(str, unknown))[0],),
                       f"unknown key '{sorted(map(str, unknown))[0]}'")
        records = data.get("terms") or []
        problems = check_terms(records, "terms")
        if problems:
            keys, message, hint = problems[0]
            raise fail(("terms", *keys), message, hint)
        return cls([Term.from_record(r) for r in records], data.get("source_lang", "ru"),
                   data.get("target_lang", "en"), Path(path) if path != "<string>" else None)

    def dumps(self) -> str:
        head = ("# The project glossary: used by every document in this folder (workbench check,\n"
                "# the UI). One term per line: source, target, optional note and forbidden\n"
                "# target variants. Russian terms match in every inflection.\n")
        data = {"format": 1, "source_lang": self.source_lang, "target_lang": self.target_lang,
                "terms": [FlowMap(t.record()) for t in self.terms]}
        return head + dump_yaml(data)

    def save(self, path: str | Path | None = None) -> None:
        """Write atomically (temp file, fsync, rename)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise OperationError("this glossary has no file to save to")
        atomic_write(target, self.dumps(), backup=False)
        self.path = target

    def add(self, term: Term) -> bool:
        """Add a term, or update the one with the same source and target; True if new."""
        for i, t in enumerate(self.terms):
            if (t.source, t.target) == (term.source, term.target):
                self.terms[i] = term
                return False
        self.terms.append(term)
        return True

    def merge(self, terms: Iterable[Term]) -> tuple[int, int]:
        """Add many terms; returns (added, updated)."""
        added = updated = 0
        for t in terms:
            if self.add(t):
                added += 1
            else:
                updated += 1
        return added, updated


def project_glossary_path(document_path: str | Path) -> Path:
    """The project glossary of a document: ``glossary.yaml`` beside it."""
    return Path(document_path).parent / GLOSSARY_NAME


def document_terms(doc: Document) -> list[Term]:
    """The document's own terms (``doc.extra["glossary"]``)."""
    return [Term.from_record(r) for r in doc.extra.get(SECTION) or [] if isinstance(r, dict)]


def all_terms(doc: Document, glossary: Glossary | None = None) -> tuple[Term, ...]:
    """The project terms that fit the document's languages, then the document's own."""
    terms: list[Term] = []
    if glossary is not None and (glossary.source_lang, glossary.target_lang) == (
            doc.source.lang, doc.target.lang):
        terms.extend(glossary.terms)
    for t in document_terms(doc):
        if t not in terms:
            terms.append(t)
    return tuple(terms)


def add_term(doc: Document, term: Term) -> Edit:
    """An undoable edit adding a term to the document's own glossary."""
    items = doc.extra.get(SECTION) or []
    if any(isinstance(r, dict) and Term.from_record(r) == term for r in items):
        raise OperationError(f"'{term.source}' → '{term.target}' is already a term here")
    return Edit(f"add term '{term.source}'",
                (Splice(f"extra:{SECTION}", len(items), (), (term.record(),)),))


def remove_term(doc: Document, term: Term) -> Edit:
    """An undoable edit removing a term from the document's own glossary."""
    for i, rec in enumerate(doc.extra.get(SECTION) or []):
        if isinstance(rec, dict) and Term.from_record(rec) == term:
            return Edit(f"remove term '{term.source}'",
                        (Splice(f"extra:{SECTION}", i, (rec,), ()),))
    raise OperationError(f"'{term.source}' is not a term of this document")


def replace_document_term(doc: Document, old: Term, new: Term) -> Edit:
    """One undoable edit replacing a document term (removed, then added at the end)."""
    removed = remove_term(doc, old)
    if old == new:
        raise OperationError("the term is unchanged")
    if any(Term.from_record(r) == new for r in doc.extra.get(SECTION) or []
           if isinstance(r, dict)):
        raise OperationError(f"'{new.source}' → '{new.target}' is already a term here")
    items = doc.extra.get(SECTION) or []
    add = Splice(f"extra:{SECTION}", len(items) - 1, (), (new.record(),))
    return Edit(f"edit term '{new.source}'", removed.splices + (add,))


# ---------------------------------------------------------------- matching

def _split(text: str) -> list[tuple[int, int, str]]:
    """Words for matching: hyphenated words are split (Shanyrak-1 -> Shanyrak, 1)."""
    out = []
    for start, _end, w in morph.words(text):
        pos = start
        for part in w.split("-"):
            if part:
                out.append((pos, pos + len(part), part))
            pos += len(part) + 1
    return out


class _Index:
    """Terms of one language compiled for matching: lemma sets per word, by first lemma."""

    def __init__(self, phrases: Sequence[str], lang: str):
        self.lang = lang
        self.patterns: list[tuple[frozenset[str], ...]] = []
        self.first: dict[str, list[int]] = {}
        for k, phrase in enumerate(phrases):
            pat = tuple(morph.lemmas(w, lang) for _, _, w in _split(phrase))
            self.patterns.append(pat)
            if pat:
                for lem in pat[0]:
                    self.first.setdefault(lem, []).append(k)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Matches in ``text`` as (phrase index, start, end), in text order."""
        toks = _split(text)
        sets = [morph.lemmas(w, self.lang) for _, _, w in toks]
        out = []
        for i, s in enumerate(sets):
            cands: set[int] = set()
            for lem in s:
                cands.update(self.first.get(lem, ()))
            for k in sorted(cands):
                pat = self.patterns[k]
                if i + len(pat) <= len(sets) and all(
                        not pat[j].isdisjoint(sets[i + j]) for j in range(1, len(pat))):
                    out.append((k, toks[i][0], toks[i + len(pat) - 1][1]))
        return out


@lru_cache(maxsize=32)
def _index(phrases: tuple[str, ...], lang: str) -> _Index:
    return _Index(phrases, lang)


@dataclass(frozen=True)
class TermMatch:
    """A term found in a sentence: the term, where, and the text as written there."""

    term: Term
    span: Span
    text: str
    forbidden: bool = False  # the match is one of the term's forbidden variants


@dataclass(frozen=True)
class TermFinding:
    """A terminology problem in one row (0-based): kind is "missing", "near-miss" or
    "forbidden"; ``spans`` locate the source term and, if any, the faulty target text;
    ``found`` is the text as written (the source term's for "missing", else the target's)."""

    row: int
    kind: str
    term: Term
    spans: tuple[Span, ...]
    found: str | None = None

    @property
    def expected(self) -> str:
        return self.term.target

    @property
    def message(self) -> str:
        t = self.term
        if self.kind == "forbidden":
            return f"'{self.found}' is a forbidden variant: use '{t.target}' (for {t.source})"
        if self.kind == "near-miss":
            return f"'{self.found}' looks like a misspelling of '{t.target}' (for {t.source})"
        return f"{self.found or t.source} should be translated as '{t.target}'"


def find_terms(text: str, lang: str, terms: Sequence[Term], *, side: str = "tgt",
               sid: int = 0, target: bool = True) -> list[TermMatch]:
    """Terms (their target side if ``target``, else their source side) found in ``text``."""
    phrases: list[str] = []
    owners: list[tuple[Term, bool]] = []
    for t in terms:
        phrases.append(t.target if target else t.source)
        owners.append((t, False))
        if target:
            for f in t.forbidden:
                phrases.append(f)
                owners.append((t, True))
    out = []
    for k, start, end in _index(tuple(phrases), lang).find(text):
        term, forb = owners[k]
        out.append(TermMatch(term, Span(side, sid, start, end), text[start:end], forb))
    return out


def term_matches(doc: Document, row: int, glossary: Glossary | None = None) -> list[TermMatch]:
    """Every glossary term (and forbidden variant) in row ``row``, both sides, for highlighting."""
    terms = all_terms(doc, glossary)
    bead = doc.beads[row]
    out: list[TermMatch] = []
    for sid in bead.src:
        out += find_terms(doc.source.get(sid).text, doc.source.lang, terms, side="src",
                          sid=sid, target=False)
    for sid in bead.tgt:
        out += find_terms(doc.target.get(sid).text, doc.target.lang, terms, side="tgt",
                          sid=sid, target=True)
    return out


def _near_miss(term: Term, sentences: Sequence[tuple[int, str]]) -> tuple[Span, str] | None:
    """The target word sequence closest to ``term.target`` if within the near-miss ratio."""
    from rapidfuzz import fuzz

    n = len(_split(term.target))
    want = term.target.lower()
    if n == 0 or len(want) < 4 or term.target.islower():
        return None
    best: tuple[float, Span, str] | None = None
    for sid, text in sentences:
        toks = _split(text)
        for i in range(len(toks) - n + 1):
            start, end = toks[i][0], toks[i + n - 1][1]
            got = text[start:end]
            score = fuzz.ratio(want, got.lower(), score_cutoff=NEAR_MISS_RATIO)
            if score and (best is None or score > best[0]):
                best = (score, Span("tgt", sid, start, end), got)
    return (best[1], best[2]) if best else None


def terminology_findings(doc: Document, glossary: Glossary | None = None,
                         rows: Iterable[int] | None = None) -> list[TermFinding]:
    """Terminology findings of every row (or the given rows), in row order."""
    terms = all_terms(doc, glossary)
    if not terms:
        return []
    out: list[TermFinding] = []
    for row in (range(len(doc.beads)) if rows is None else rows):
        bead = doc.beads[row]
        tgt = [(sid, doc.target.get(sid).text) for sid in bead.tgt]
        found_tgt: list[TermMatch] = []
        for sid, text in tgt:
            found_tgt += find_terms(text, doc.target.lang, terms, sid=sid, target=True)
        for m in found_tgt:
            if m.forbidden:
                out.append(TermFinding(row, "forbidden", m.term, (m.span,), m.text))
        if not bead.tgt:
            continue
        present = {m.term for m in found_tgt if not m.forbidden}
        flagged = {m.term for m in found_tgt if m.forbidden}
        src_found: dict[Term, list[TermMatch]] = {}
        for sid in bead.src:
            for m in find_terms(doc.source.get(sid).text, doc.source.lang, terms, side="src",
                                sid=sid, target=False):
                src_found.setdefault(m.term, []).append(m)
        for term, ms in src_found.items():
            if term in present or term in flagged:
                continue
            spans = tuple(m.span for m in ms)
            near = _near_miss(term, tgt)
            if near is not None:
                out.append(TermFinding(row, "near-miss", term, spans + (near[0],), near[1]))
            else:
                out.append(TermFinding(row, "missing", term, spans, ms[0].text))
    return out


def fix(doc: Document, finding: TermFinding, replacement: str | None = None) -> Edit:
    """An undoable edit replacing the faulty target text of a "forbidden" or "near-miss"
    finding by ``replacement`` (default: the glossary's target term, as written there;
    give the inflected form yourself when the sentence needs one)."""
    span = next((s for s in finding.spans if s.side == "tgt"), None)
    if span is None or finding.found is None:
        raise OperationError("this finding has no target text to replace: edit the sentence")
    replacement = finding.term.target if replacement is None else replacement
    edit = replace_span(doc, "tgt", span.sid, span.start, span.end, replacement,
                        expected=finding.found)
    return Edit(f"fix term: {finding.found} → {replacement}", edit.splices, cursor=finding.row)
