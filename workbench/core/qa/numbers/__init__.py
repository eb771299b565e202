"""Numbers, times and dates that differ between the two sides of a row (the ``numbers`` check).

Each side's text is read into *atoms* (``n:12`` a number, ``t:14:30`` a time, ``m:5`` a month
named next to a number), in the forms of both languages; forms with several readings keep
them all, and each side keeps the reading that agrees best with the other. Numbers that are
unit conversions of each other (385 miles and 620 km) are no error. A row is flagged when the
atoms differ: Accuracy/Mistranslation when both sides have atoms the other lacks, Omission /
Addition when only one side does.

One module per job, every name re-exported here:

- :mod:`.vocabulary`: month names, number words and multipliers of both languages;
- :mod:`.atoms`: :func:`read_atoms`, a text into :class:`Token` s with their readings;
- :mod:`.cjk`: numbers and months written the Chinese, Japanese and Korean way ("15亿", "3月",
  "三座", "3월");
- :mod:`.units`: :data:`UNIT_FAMILIES` and the conversions they explain;
- :mod:`.comparison`: :func:`compare` two texts, :func:`check` a document.
"""

from __future__ import annotations

from .atoms import Token, atom_sort_key, describe, read_atoms
from .comparison import check, compare
from .units import UNIT_FAMILIES, explain_conversions
from .vocabulary import (EN_MONTH_ABBR, EN_MONTHS, EN_WORDS, MULTIPLIER_AHEAD, MULTIPLIERS,
                         RU_MONTHS, RU_WORDS, SHORT_MULTIPLIERS, word_value)

__all__ = [
    "EN_MONTHS", "EN_MONTH_ABBR", "EN_WORDS", "MULTIPLIERS", "MULTIPLIER_AHEAD", "RU_MONTHS",
    "RU_WORDS", "SHORT_MULTIPLIERS", "Token", "UNIT_FAMILIES", "atom_sort_key", "check",
    "compare", "describe", "explain_conversions", "read_atoms", "word_value",
]
