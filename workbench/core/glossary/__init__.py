"""The glossary: term pairs, matching them in both languages, and the consistency check.

A :class:`Term` is a source term, its target term, an optional note and optional forbidden
target variants (``Zher Ann`` for ``Жер Ана``). The project glossary
(``alignments/glossary.yaml``, :class:`Glossary`) serves every document of the folder; a
document may add its own terms in ``doc.extra["glossary"]`` (edited with the undoable
:func:`add_term` / :func:`remove_term` / :func:`replace_document_term`). Glossary words are
also accepted by the spell checker. Import/export (OmegaT TSV, CSV, TBX) is in
:mod:`workbench.core.glossary_io`.

One module per job, every name re-exported here:

- :mod:`.terms`: the :class:`Term` record and :func:`check_terms`;
- :mod:`.project`: the project file, :class:`Glossary`, :func:`project_glossary_path`;
- :mod:`.section`: the document's own terms, their undoable edits, :func:`all_terms`, and
  :func:`check_section` (validation on load);
- :mod:`.matching`: :func:`find_terms` and :func:`term_matches`, in any inflection;
- :mod:`.consistency`: :func:`terminology_findings` (missing, near-miss, forbidden) and
  :func:`fix`;
- :mod:`.accepted`: findings the translator accepted in one sentence (:func:`accept`,
  :func:`unaccept`), kept in the document and left out of the checks.
"""

from __future__ import annotations

from .accepted import accept, accepted_keys, unaccept
from .consistency import NEAR_MISS_RATIO, TermFinding, fix, terminology_findings
from .matching import TermMatch, find_terms, split_words, term_matches
from .project import GLOSSARY_NAME, Glossary, project_glossary_path
from .section import (SECTION, add_term, all_terms, check_section, document_terms,
                      remove_term, replace_document_term)
from .terms import Term, check_terms

__all__ = [
    "GLOSSARY_NAME", "NEAR_MISS_RATIO", "SECTION", "Glossary", "Term", "TermFinding",
    "TermMatch", "accept", "accepted_keys", "add_term", "all_terms", "check_section", "check_terms", "document_terms",
    "find_terms", "fix", "project_glossary_path", "remove_term", "replace_document_term",
    "split_words", "term_matches", "terminology_findings", "unaccept",
]
