"""Language tags as users and files write them ("zh-CN", "pt_BR", "eng", "en-US") and as the
rules that depend on a language look them up ("zh", "pt", "en").

A document keeps the tag it was given, so that an export says "zh-CN" to a CAT tool that
tells zh-CN from zh-TW; every rule keyed by language (the sentence splitter, scripts,
spelling, numbers, lemmas) asks for :func:`base_lang`. The tags themselves are langcodes' job.
"""

from __future__ import annotations

import re
from functools import lru_cache

import langcodes

from .errors import InputError

#: English names of the languages the workbench names in messages and reads in glossary headers
LANG_NAMES = {"ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian",
              "es": "Spanish", "it": "Italian", "kk": "Kazakh", "be": "Belarusian", "bg": "Bulgarian",
              "ar": "Arabic", "he": "Hebrew", "fa": "Persian", "zh": "Chinese", "ja": "Japanese",
              "ko": "Korean", "el": "Greek", "hi": "Hindi", "tr": "Turkish", "pl": "Polish",
              "th": "Thai", "lo": "Lao", "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish",
              "da": "Danish", "nb": "Norwegian", "fi": "Finnish", "cs": "Czech", "sk": "Slovak",
              "sl": "Slovenian", "hr": "Croatian", "sr": "Serbian", "hu": "Hungarian",
              "ro": "Romanian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian",
              "ka": "Georgian", "hy": "Armenian", "az": "Azerbaijani", "uz": "Uzbek",
              "vi": "Vietnamese", "id": "Indonesian", "ms": "Malay", "ur": "Urdu", "bn": "Bengali"}
_BY_NAME = {name.lower(): code for code, name in LANG_NAMES.items()}

#: what a language tag looks like before langcodes is asked: letters, digits, "-" or "_"
_SHAPE = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=256)
def base_lang(tag: str) -> str:
    """The language alone, lower case, a macrolanguage for its members ("zh-CN", "cmn",
    "zh_TW" -> "zh"; "en-US" -> "en"; "iw" -> "he"). Never fails: a tag langcodes cannot read
    gives its first part, lower case."""
    tag = (tag or "").strip()
    try:
        language = langcodes.Language.get(langcodes.standardize_tag(tag, macro=True)).language
    except (langcodes.LanguageTagError, ValueError):
        language = None
    return language or re.split(r"[-_]", tag.lower())[0]


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two tags name one language, whatever their regions or scripts."""
    return bool(a and b) and base_lang(a) == base_lang(b)


def standard(tag: str, what: str = "language") -> str:
    """A user's tag in its standard form ("zh_cn" -> "zh-CN", "ENG" -> "en", "rus" -> "ru"),
    or a clear error for one that is not a language tag ("russian", "ua")."""
    text = (tag or "").strip()
    hint = "give an ISO 639 code, e.g. ru, en, de, zh, zh-CN, pt-BR"
    tag = tag if len(tag or "") <= 40 else f"{tag[:40]}..."  # as the message names it
    if text.lower() == "ua":  # the country code, the commonest slip
        raise InputError(f"{what} {tag!r} is Ukraine's country code; Ukrainian is uk",
                         hint="give uk")
    named = _BY_NAME.get(re.split(r"[(_,]", text, maxsplit=1)[0].strip().lower())
    if named:  # "russian", "English (United States)": a name, not a tag
        raise InputError(f"{what} {tag!r} is a language's name, not its tag",
                         hint=f"give {named}")
    if not _SHAPE.fullmatch(text):
        raise InputError(f"{what} {tag!r} is not a language tag", hint=hint)
    try:
        out = langcodes.standardize_tag(text)
    except (langcodes.LanguageTagError, ValueError):
        raise InputError(f"{what} {tag!r} is not a language tag", hint=hint) from None
    if not langcodes.tag_is_valid(out):
        raise InputError(f"{what} {tag!r} is not a known language code", hint=hint)
    return out


def read_lang(text: str | None) -> str | None:
    """A language as a file's header may name it: a tag ("ru", "en-US", "eng"), or an English
    name, with or without its region ("Russian", "English (United States)",
    "English_United_States", as memoQ and Trados write them); None for neither ("Source")."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return standard(text)
    except InputError:
        pass
    return _BY_NAME.get(re.split(r"[(_,]", text, maxsplit=1)[0].strip().lower())


__all__ = ["LANG_NAMES", "base_lang", "read_lang", "same_language", "standard"]
