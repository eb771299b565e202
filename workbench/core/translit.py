"""Cyrillic in Latin letters: one table for every place that compares a Russian word with its
English spelling (anchor tokens of the aligner, name checks, term pairing).

The spelling is rough on purpose (й, ы -> y; ъ, ь dropped; no diacritics): it only has to make
Казахстан and Kazakhstan, Аскаров and Askarov, look alike to a fuzzy comparison. The
Ukrainian letters і, ї, є, ґ are there so that Ukrainian names meet their spellings too.
"""

from __future__ import annotations

#: Lower-case Cyrillic letter -> Latin letters.
CYRILLIC_TO_LATIN: dict[str, str] = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "i", "e", "g"]))


def translit(text: str, lower: bool = True) -> str:
    """``text`` in lower case with its Cyrillic letters in Latin ones; every other character
    is kept as it is. ``lower=False`` is for text already folded to lower case in a way of the
    caller's own (upper-case letters left in it then stay as they are)."""
    return "".join(CYRILLIC_TO_LATIN.get(c, c) for c in (text.lower() if lower else text))
