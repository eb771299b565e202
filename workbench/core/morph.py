"""Words and lemmas, shared by spelling and the glossary.

- :func:`words` splits a sentence into word tokens with character spans (letters and digits,
  with internal apostrophes and hyphens: ``court-executive's``, ``Shanyrak-1``, ``т.е`` is two
  tokens). Callers decide what to skip (numbers, single letters ...).
- :func:`lemmas` gives the set of lemmas a word may have, lowercased, ``ё`` read as ``е``:
  for Russian every normal form pymorphy3 proposes (``сносу`` -> {снос}, ``Аскаровой`` ->
  {аскаров}; unknown words get sensible guesses), for English a deliberately small
  lemmatizer (possessive ``'s``, plural ``-s``/``-es``/``-ies``), for other languages the
  lowercased word. Two words "match" when their lemma sets intersect.
- :func:`forms` lists every inflected form pymorphy3 knows for a Russian word (all its
  parses' lexemes), to accept a dictionary lemma in every case.

pymorphy3 is loaded on first use (~0.1 s) and results are cached per word.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from .langtags import base_lang

#: A word token: letters/digits, joined by internal apostrophes or hyphens.
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")

#: Languages written in Cyrillic (their spell checker ignores Latin words and vice versa).
CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})

_morph = None
_morph_lock = threading.Lock()


def words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as (start, end, word), in order."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def in_script(word: str, lang: str) -> bool:
    """Whether ``word`` is written in the script of ``lang`` (Cyrillic or Latin)."""
    if base_lang(lang) in CYRILLIC_LANGS:
        return bool(_CYRILLIC.search(word))
    return bool(_LATIN.search(word))


def morph():
    """The shared pymorphy3 analyzer for Russian (loaded once, thread-safe)."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer(lang="ru")
    return _morph


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е").replace("’", "'")


def en_lemma(word: str) -> str:
    """A small English lemmatizer: lowercase, no possessive, singular of regular plurals."""
    w = _norm(word)
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=200_000)
def lemmas(word: str, lang: str) -> frozenset[str]:
    """Every lemma ``word`` may have (lowercased); the word itself is always one of them."""
    low = _norm(word)
    lang = base_lang(lang)
    if lang == "ru":
        out = {low}
        for part in low.split("-") if "-" in low else (low,):
            if part:
                out.update(_norm(p.normal_form) for p in morph().parse(part))
        return frozenset(out)
    if lang == "en":
        return frozenset({low, en_lemma(low)})
    return frozenset({low})


@lru_cache(maxsize=20_000)
def forms(word: str) -> frozenset[str]:
    """Every form of every lexeme pymorphy3 finds for a Russian ``word`` (lowercased)."""
    out = {_norm(word)}
    for p in morph().parse(word):
        out.update(_norm(f.word) for f in p.lexeme)
    return frozenset(out)


def lemma(word: str, lang: str) -> str:
    """The most likely lemma, keeping the word's capitalization (for storing in a dictionary)."""
    lang = base_lang(lang)
    if lang == "ru":
        parses = morph().parse(word)
        base = parses[0].normal_form if parses else word.lower()
    elif lang == "en":
        return word
    else:
        base = word.lower()
    if word.isupper() and len(word) > 1:
        return base.upper()
    if word[:1].isupper():
        return base[:1].upper() + base[1:]
    return base
