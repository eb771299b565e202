"""The project dictionary: words a project accepts, one file beside its documents, and the
Hunspell dictionary each language is checked with when not the default
(``dictionaries: {en: en_GB}``: British spelling for the whole project).

Russian words are stored as lemmas and accepted in every inflected form (see morph.py);
adding a word writes the file at once (it is project state, not part of a document's undo).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import morph
from .errors import FormatError, OperationError, decode_utf8, read_bytes
from .files import DocumentLock, atomic_write, file_sha256
from .langtags import base_lang
from .project_merge import merge_keyed
from .yamlfile import Loader, UnsafeYAMLError, locate

DICTIONARY_NAME = "dictionary.yaml"
VARIANTS_KEY = "dictionaries"  #: {en: en_GB}: the Hunspell dictionary of each language


@dataclass
class ProjectDictionary:
    """Words a project accepts, per language (Russian ones as lemmas); ``path`` is its file."""

    words: dict[str, list[str]] = field(default_factory=dict)
    path: Path | None = None
    #: the Hunspell dictionary a language is checked with, when not the default (en: en_GB)
    variants: dict[str, str] = field(default_factory=dict)
    #: the words as read, and the sha256 of the file then: what saving merges against
    base: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    base_sha: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path) -> "ProjectDictionary":
        """Read the file; a missing file is an empty dictionary that will be created on save."""
        p = Path(path)
        if not p.exists():
            return cls({}, p)
        text = decode_utf8(read_bytes(p, FormatError, "dictionary file"), p, FormatError)
        try:
            data = yaml.load(text, Loader=Loader)
        except UnsafeYAMLError as exc:
            mark = exc.problem_mark
            raise FormatError(exc.problem, path=str(p), line=mark.line + 1 if mark else None,
                              hint=exc.hint) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            raise FormatError(f"not valid YAML: {exc.problem}", path=str(p),
                              line=mark.line + 1 if mark else None) from None
        problems = _check_dictionary(data)
        if problems:
            keys, message, hint = problems[0]
            line, col = locate(text, keys)
            raise FormatError(message, path=str(p), line=line, column=col, hint=hint)
        words = {k: [str(w) for w in v or []] for k, v in data.items()
                 if k not in ("format", VARIANTS_KEY)}
        variants = {str(k): str(v) for k, v in (data.get(VARIANTS_KEY) or {}).items()}
        return cls(words, p, variants, {k: list(v) for k, v in words.items()}, file_sha256(p))

    def dumps(self) -> str:
        lines = ["# Words this project accepts in every document (workbench check, the UI).",
                 "# One word per line under its language; Russian words are lemmas (Бакай",
                 "# accepts Бакая, Бакаю ...), English ones match any case, plural and 's.",
                 "format: 1"]
        if self.variants:
            lines.append(f"{VARIANTS_KEY}: {{" + ", ".join(
                f"{k}: {v}" for k, v in sorted(self.variants.items())) + "}")
        body = {lang: sorted(set(ws), key=lambda w: (w.lower(), w))
                for lang, ws in sorted(self.words.items()) if ws}
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1 << 20,
                              default_flow_style=False) if body else ""
        return "\n".join(lines) + "\n" + text

    def save(self, path: str | Path | None = None) -> None:
        target = Path(path) if path is not None else self.path
        if target is None:
            raise OperationError("this dictionary has no file to save to")
        with DocumentLock(target):  # and words someone else added meanwhile are kept
            if target.exists() and file_sha256(target) != self.base_sha and \
                    (path is None or target == self.path):
                on_disk = ProjectDictionary.load(target)
                theirs = on_disk.words
                self.variants = {**on_disk.variants, **self.variants}
                for lang in set(self.words) | set(theirs) | set(self.base):
                    merged = merge_keyed(dict.fromkeys(self.base.get(lang, []), True),
                                         dict.fromkeys(self.words.get(lang, []), True),
                                         dict.fromkeys(theirs.get(lang, []), True))
                    self.words[lang] = list(merged)
            atomic_write(target, self.dumps(), backup=False)
            self.base = {k: list(v) for k, v in self.words.items()}
            self.base_sha = file_sha256(target)
        self.path = target

    def add(self, word: str, lang: str) -> str:
        """Add ``word`` (a Russian word as its lemma); returns the entry stored."""
        word = word.strip()
        if not word or any(ch.isspace() for ch in word):
            raise OperationError("add one word at a time (no spaces)")
        lang = base_lang(lang)
        entry = morph.lemma(word, lang) if lang == "ru" else word
        entries = self.words.setdefault(lang, [])
        if entry not in entries:
            entries.append(entry)
        return entry

    def remove(self, word: str, lang: str) -> bool:
        entries = self.words.get(base_lang(lang), [])
        if word in entries:
            entries.remove(word)
            return True
        return False


def _check_dictionary(data: Any) -> list[tuple[tuple, str, str | None]]:
    hint = "the file is 'format: 1' then one list of words per language code"
    if not isinstance(data, dict):
        return [((), "is not a workbench dictionary (expected a mapping)", hint)]
    if data.get("format") != 1:
        return [(("format",) if "format" in data else (), "needs 'format: 1'", hint)]
    variants = data.get(VARIANTS_KEY)
    if variants is not None and (not isinstance(variants, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in variants.items())):
        return [((VARIANTS_KEY,), f"'{VARIANTS_KEY}' must map a language to a Hunspell "
                 "dictionary", "like: dictionaries: {en: en_GB}")]
    for lang, value in data.items():
        if lang in ("format", VARIANTS_KEY):
            continue
        if not isinstance(lang, str) or not isinstance(value, (list, type(None))):
            return [((lang,), f"'{lang}' must be a list of words", hint)]
        for i, w in enumerate(value or []):
            if not isinstance(w, (str, int)) or isinstance(w, bool) or not str(w).strip() \
                    or any(ch.isspace() for ch in str(w)):
                return [((lang, i), f"entry {i + 1} of '{lang}' must be one word", hint)]
    return []
