"""Words a project or a document accepts besides Hunspell: its dictionary and glossary terms.

Russian entries are lemmas accepted in every inflection (pymorphy3 lexemes and lemmas);
English entries are matched case-insensitively, with possessive and plural.
"""

from __future__ import annotations

from typing import Any, Iterable

from .. import morph
from ..langtags import base_lang


class AcceptedWords:
    """Words accepted in one language: exact forms and lemmas, matched case-insensitively."""

    def __init__(self, lang: str, entries: Iterable[str]):
        self.lang = base_lang(lang)
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


def term_words(terms: Iterable[Any], source_lang: str, target_lang: str) -> dict[str, list[str]]:
    """Glossary terms as lang -> the phrases to accept (source and target sides)."""
    source_lang, target_lang = base_lang(source_lang), base_lang(target_lang)
    out: dict[str, list[str]] = {source_lang: [], target_lang: []}
    for t in terms:
        out[source_lang].append(t.source)
        out[target_lang].append(t.target)
    return out
