"""Review flags: MQM findings a reviewer (or an automatic check) attaches to rows.

A :class:`Flag` says "this row (or this span of one sentence) has a problem of this MQM
category and severity", with a comment, an optional suggested replacement, who raised it and
when, and where it stands (open / resolved / dismissed). Flags live in the document's
``flags`` section, one mapping per flag, so one change is a one-line diff::

    flags:
    - {id: 1, src: [47], tgt: [52], span: {side: tgt, id: 52, start: 6, end: 15}, category: Fluency/Spelling, severity: minor, status: open, comment: 'surname misspelt', suggestion: Askarova, author: anna, created: '2026-01-05T10:12:00+00:00', origin: manual}

Anchoring. A flag names the sentence ids of its row when it was raised (``src``, ``tgt``),
never a row number, so it follows its sentences when rows are merged, split, moved or
re-aligned: :func:`flag_row` finds the row that now holds any of them. A flag whose sentences
all disappeared (each was split into new ids) is *detached* (row ``None``): kept, listed,
never an error. Ids the side never had (``>= next_id``) are an error (a hand-edit typo).

Span. Optional: ``side`` (src/tgt), sentence ``id``, character offsets ``start``/``end`` in
that sentence's current text. ``suggestion`` replaces the span (or, without a span, the row's
target text).

Origin. ``manual`` for a reviewer's flag; ``qa:<check>`` for one proposed by
:mod:`workbench.core.qa`, which also sets ``key`` (check + sentence ids + fingerprint) so a
dismissed proposal is never proposed again.

API for the UI, one module per job, every name re-exported here (every change is an undoable
:class:`~workbench.core.history.Edit`, applied with ``History.do``; nothing here mutates the
document):

- :mod:`.vocabulary`: :data:`CATEGORIES`, :data:`SEVERITIES`, :data:`FLAG_STATUSES`, how
  severities are shown, :func:`category_choices`;
- :mod:`.flag`: the :class:`Flag` record;
- :mod:`.reading`: :func:`flags`, :func:`get_flag`, :func:`flag_row` (or one :class:`RowIndex`
  for many), :func:`flags_by_row`, :func:`filter_flags`, :func:`span_text`;
- :mod:`.edits`: :func:`add_flag`, :func:`add_flags`, :func:`edit_flag`, :func:`resolve_flag`,
  :func:`reopen_flag`, :func:`dismiss_flag`, :func:`delete_flag`, :func:`accept_suggestion`
  (fix the text with the suggestion and resolve the flag in one step), :func:`anchor_of_row`;
- :mod:`.validation`: :func:`check_records`, validation on load (registered in
  ``section_checks.SECTION_CHECKS``).

Scores (MQM penalties) are in :mod:`workbench.core.mqm`.
"""

from __future__ import annotations

from ..document import Span
from .edits import (accept_suggestion, add_flag, add_flags, anchor_of_row, default_author,
                    delete_flag, dismiss_flag, edit_flag, find_span, new_flag, now_iso,
                    reopen_flag, resolve_flag)
from .flag import SECTION, TARGET, Flag
from .reading import (RowIndex, filter_flags, flag_position, flag_row, flags, flags_by_row,
                      get_flag, records, span_text)
from .validation import check_records
from .vocabulary import (CATEGORIES, FLAG_STATUSES, SEVERITIES, SEVERITY_COLOURS,
                         SEVERITY_STYLES, SIDES, category_choices, near_categories,
                         severity_rank)

__all__ = [
    "CATEGORIES", "FLAG_STATUSES", "SECTION", "SEVERITIES", "SEVERITY_COLOURS",
    "SEVERITY_STYLES", "SIDES", "TARGET", "Flag", "RowIndex", "Span", "accept_suggestion",
    "add_flag", "add_flags", "anchor_of_row", "category_choices", "check_records",
    "default_author", "delete_flag", "dismiss_flag", "edit_flag", "filter_flags", "find_span",
    "flag_position", "flag_row", "flags", "flags_by_row", "get_flag", "near_categories",
    "new_flag", "now_iso", "records", "reopen_flag", "resolve_flag", "severity_rank",
    "span_text",
]
