"""Validators of the sections that feature modules keep in ``Document.extra``, by name.

:func:`workbench.core.store.loads` runs the one for each section a file has. Each entry
imports its module only when called, so loading a document without flags never imports the
review code. A validator returns problems as (keys inside the section, message, hint or
None); the first one becomes the load error, pointing at that line.
"""

from __future__ import annotations

from typing import Any, Callable

from .document import Document

Problems = list[tuple[tuple, str, str | None]]


def _flags(value: Any, doc: Document) -> Problems:
    from .review import check_records

    return check_records(value, doc=doc)  # with doc: flags name sentence ids to check


def _spelling(value: Any, doc: Document) -> Problems:
    from .spelling import check_section

    return check_section(value)


def _glossary(value: Any, doc: Document) -> Problems:
    from .glossary import check_section

    return check_section(value)


def _accepted_terms(value: Any, doc: Document) -> Problems:
    from .glossary.accepted import check_accepted

    return check_accepted(value, doc)


def _paragraphs(value: Any, doc: Document) -> Problems:
    from .sources import check_paragraphs

    return check_paragraphs(value, doc)


def _segmentation(value: Any, doc: Document) -> Problems:
    from .sources import check_segmentation

    return check_segmentation(value, doc)


SECTION_CHECKS: dict[str, Callable[[Any, Document], Problems]] = {
    "flags": _flags,
    "spelling": _spelling,
    "glossary": _glossary,
    "accepted_terms": _accepted_terms,
    "source_paragraphs": _paragraphs,
    "target_paragraphs": _paragraphs,
    "segmentation": _segmentation,
}


def check_section(name: str, value: Any, doc: Document) -> Problems:
    """The problems of section ``name`` (none for a section no feature claims)."""
    check = SECTION_CHECKS.get(name)
    return check(value, doc) if check else []
