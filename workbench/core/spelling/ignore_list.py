"""The document's own ignore list, ``doc.extra["spelling"]``: reading it, undoable edits of
it, and its validation on load (:func:`check_section`, registered in ``section_checks``)::

    spelling:
    - {ignore: zhanara, lang: en}
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..errors import OperationError
from ..history import Edit, Splice
from ..langtags import base_lang, same_language

SECTION = "spelling"


def ignored_words(doc: Document) -> dict[str, frozenset[str]]:
    """The document's ignore list as lang -> lowercased words."""
    out: dict[str, set[str]] = {}
    for rec in doc.extra.get(SECTION) or []:
        if isinstance(rec, dict) and "ignore" in rec:
            out.setdefault(base_lang(str(rec.get("lang", ""))), set()).add(
                str(rec["ignore"]).lower())
    return {k: frozenset(v) for k, v in out.items()}


def ignore(doc: Document, word: str, lang: str) -> Edit:
    """An undoable edit adding ``word`` (any case) to this document's ignore list."""
    if word.lower() in ignored_words(doc).get(base_lang(lang), frozenset()):
        raise OperationError(f"'{word}' is already ignored in this document")
    items = doc.extra.get(SECTION) or []
    return Edit(f"ignore '{word}'", (Splice(f"extra:{SECTION}", len(items), (),
                                            ({"ignore": word, "lang": lang},)),))


def unignore(doc: Document, word: str, lang: str) -> Edit:
    """An undoable edit removing ``word`` from this document's ignore list."""
    items = doc.extra.get(SECTION) or []
    for i, rec in enumerate(items):
        if isinstance(rec, dict) and str(rec.get("ignore", "")).lower() == word.lower() \
                and same_language(str(rec.get("lang", "")), lang):
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
