"""The project glossary file, ``glossary.yaml`` beside the documents: reading and validating
it (file/line errors), writing it atomically, adding and merging terms::

    format: 1
    source_lang: ru
    target_lang: en
    terms:
    - {source: Бакай, target: Bakai, note: a squatter settlement on the edge of Almaty}
    - {source: Жер Ана, target: Zher Ana, forbidden: [Zher Ann]}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from ..errors import FormatError, OperationError, decode_utf8, read_bytes
from ..files import DocumentLock, atomic_write, file_sha256
from ..langtags import read_lang
from ..project_merge import merge_keyed
from ..yamlfile import FlowMap, Loader, dump_yaml, locate
from .terms import Term, check_terms

GLOSSARY_NAME = "glossary.yaml"


@dataclass
class Glossary:
    """The project glossary: terms in file order, its languages and its file."""

    terms: list[Term] = field(default_factory=list)
    source_lang: str = "ru"
    target_lang: str = "en"
    path: Path | None = None
    #: the terms as read, and the sha256 of the file then: what saving merges against
    base: tuple[Term, ...] = field(default=(), repr=False, compare=False)
    base_sha: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path) -> "Glossary":
        """Read and validate the file; a missing file is an empty glossary (made on save)."""
        p = Path(path)
        if not p.exists():
            return cls(path=p)
        raw = read_bytes(p, FormatError)
        gloss = cls.loads(decode_utf8(raw, p, FormatError), str(p))
        gloss.base, gloss.base_sha = tuple(gloss.terms), hashlib.sha256(raw).hexdigest()
        return gloss

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
        langs = [data.get(key, default) for key, default in (("source_lang", "ru"),
                                                               ("target_lang", "en"))]
        return cls([Term.from_record(r) for r in records], *(read_lang(x) or x for x in langs),
                   Path(path) if path != "<string>" else None)

    def dumps(self) -> str:
        head = ("# The project glossary: used by every document in this folder (workbench check,\n"
                "# the UI). One term per line: source, target, optional note and forbidden\n"
                "# target variants. Russian terms match in every inflection.\n")
        data = {"format": 1, "source_lang": self.source_lang, "target_lang": self.target_lang,
                "terms": [FlowMap(t.record()) for t in self.terms]}
        return head + dump_yaml(data)

    def save(self, path: str | Path | None = None) -> None:
        """Write atomically (temp file, fsync, rename), under the file's lock; if someone else
        saved it since it was read, this glossary's own changes are laid over theirs
        (:mod:`workbench.core.project_merge`) rather than its stale copy written over them."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise OperationError("this glossary has no file to save to")
        with DocumentLock(target):
            if file_sha256(target) != self.base_sha and target.exists() and \
                    (path is None or target == self.path):
                self._merge_with(Glossary.load(target))
            atomic_write(target, self.dumps(), backup=False)
            self.base, self.base_sha = tuple(self.terms), file_sha256(target)
        self.path = target

    def _merge_with(self, theirs: "Glossary") -> None:
        def keyed(terms):
            return {(t.source, t.target): t for t in terms}
        self.terms = list(merge_keyed(keyed(self.base), keyed(self.terms),
                                      keyed(theirs.terms)).values())
        if not self.base:  # this glossary was new: the file's languages stand
            self.source_lang, self.target_lang = theirs.source_lang, theirs.target_lang

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
