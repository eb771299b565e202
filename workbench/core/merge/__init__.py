"""Three-way merge of alignment documents: BASE (what both started from), MINE and THEIRS.

Two people edit copies of one document: the translator fixes the alignment and typos, the
reviewer raises flags. Merging keeps every change that does not collide with one of the other
side's and reports the rest as :class:`Conflict` objects, each settled "mine" or "theirs"
(``prefer`` for all, ``choices`` per conflict). The result is always a valid document.

Rows. A row is compared as its structure (source ids, target ids) plus its fields (status,
confidence) and the records of its sentences (text, para, original). Each side's row list is
diffed against BASE on the structure (rows with unique id lists, so a patience diff: longest
increasing run of rows found in both), giving *hunks*: stretches of BASE rows replaced by other
rows (a merge, split, move, detach, re-alignment, sentence split/join) and single rows whose
fields or sentences changed (a confirm, a typo fix). Hunks of the two sides that do not
overlap are both applied. Where they overlap:

- the same result on both sides: taken once;
- one side changed only fields and sentence texts, the other the structure: the structural
  version is taken and the field changes are laid over it (a typo fix inside rows the other
  side merged), as long as the sentences and rows they touch still exist there;
- fields on both sides: merged per sentence and per row; a sentence (or row status) changed
  differently on both sides is a conflict of that one item;
- anything else is a conflict of the stretch of rows: one side's version is taken whole.

Sentence ids. New sentences of both sides get ids from the same ``next_id``; THEIRS' new ids
that MINE also uses (or used) are renumbered, and so are the flags naming them. Hunks that
touch are joined when a kept sentence moved between them (a re-alignment across rows), so a
hunk can always be taken whole. Flags are merged by id field by field (new flags of both sides kept, renumbered on a
collision, a QA proposal raised on both sides kept once), glossary terms by (source, target),
spelling entries as sets; other sections and the header as whole values.
"""

from .common import MINE, THEIRS, Conflict, MergeConflictError, MergeResult
from .merging import describe, merge, replacement_edit

__all__ = ["MINE", "THEIRS", "Conflict", "MergeConflictError", "MergeResult", "describe",
           "merge", "replacement_edit"]
