"""What the spell checker looks at in a text: its words, without numbers, initials or URLs.

Letters with internal apostrophes or hyphens count as a word. Skipped: anything with a digit
(``11am``, ``Shanyrak-1``'s ``1``, the ``[1]`` of ``OPON[1]``), single letters (initials
``Z.``, ``т.е.``), two-letter capitalized initials before a dot, URLs and e-mail addresses,
and words in the other script (Latin in Russian text and vice versa). Hyphenated words come
whole: the checker accepts one when the whole or each of its parts is known.
"""

from __future__ import annotations

from .. import morph
from ..urls import url_spans


def tokens(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` a spell checker should look at, as (start, end, word).

    Hyphenated words come whole (the checker splits them when needed); numbers, single
    letters, initials, URLs and words in another script are left out.
    """
    masked = url_spans(text)
    out = []
    for start, end, word in morph.words(text):
        if masked and any(a <= start < b for a, b in masked):
            continue
        if len(word) == 1 or not morph.in_script(word, lang):
            continue
        if any(ch.isdigit() for ch in word) and "-" not in word:
            continue
        if len(word) == 2 and word[0].isupper() and text[end:end + 1] == ".":
            continue  # an initial like "Zh."
        out.append((start, end, word))
    return out
