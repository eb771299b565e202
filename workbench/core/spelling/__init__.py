"""Spelling: find misspelt words on both sides of a document, suggest, fix, accept, ignore.

One module per job, all names re-exported here:

- :mod:`.words`: what counts as a word (:func:`tokens`);
- :mod:`.engines`: the Hunspell dictionaries (chunspell, else spylls), :func:`engine`;
- :mod:`.accepted`: words a project or document accepts besides Hunspell;
- :mod:`.checker`: :class:`Checker` (verdicts, suggestions, the project dictionary) and its
  :class:`Finding`; :func:`misspellings`, :func:`suggest`, :func:`add_to_dictionary`;
- :mod:`.ignore_list`: the document's ignore list, undoable :func:`ignore` / :func:`unignore`,
  validated on load by :func:`check_section`;
- :mod:`.fixes`: undoable :func:`fix` (one finding) and :func:`fix_in_row` (a word in a row).

:func:`add_to_dictionary` writes the project dictionary file at once: a project change shared
by every document, **not** part of a document's undo stack.

The document section::

    spelling:
    - {ignore: zhanara, lang: en}

The project dictionary (one word per line; Russian words are lemmas)::

    format: 1
    en:
    - Bakai
    ru:
    - Бакай
"""

from __future__ import annotations

from ..dictionary import DICTIONARY_NAME, ProjectDictionary
from .checker import (MAX_SUGGESTIONS, Checker, Finding, add_to_dictionary, default_checker,
                      misspellings, suggest)
from .engines import dictionary_base, engine
from .fixes import fix, fix_in_row
from .ignore_list import SECTION, check_section, ignore, ignored_words, unignore
from .words import tokens

__all__ = [
    "DICTIONARY_NAME", "MAX_SUGGESTIONS", "SECTION", "Checker", "Finding", "ProjectDictionary",
    "add_to_dictionary", "check_section", "default_checker", "dictionary_base", "engine", "fix",
    "fix_in_row", "ignore", "ignored_words", "misspellings", "suggest", "tokens", "unignore",
]
