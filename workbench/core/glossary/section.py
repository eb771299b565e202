"""The document's own terms, ``doc.extra["glossary"]``: reading them (alone or with the
project's), undoable edits adding, removing or replacing one, and the validation on load
(:func:`check_section`, registered in ``section_checks``)::

    glossary:
    - {source: сектор Газа, target: Gaza Strip}
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..errors import OperationError
from ..history import Edit, Splice
from ..langtags import same_language
from .project import Glossary
from .terms import Term, check_terms

SECTION = "glossary"


def check_section(value: Any) -> list[tuple[tuple, str, str | None]]:
    """Validator of ``doc.extra["glossary"]`` for ``section_checks.SECTION_CHECKS``."""
    return check_terms(value, "glossary")


def document_terms(doc: Document) -> list[Term]:
    """The document's own terms (``doc.extra["glossary"]``)."""
    return [Term.from_record(r) for r in doc.extra.get(SECTION) or [] if isinstance(r, dict)]


def all_terms(doc: Document, glossary: Glossary | None = None) -> tuple[Term, ...]:
    """The project terms that fit the document's languages, then the document's own."""
    terms: list[Term] = []
    if glossary is not None and same_language(glossary.source_lang, doc.source.lang) and \
            same_language(glossary.target_lang, doc.target.lang):
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
