"""Writing systems: which script a text's letters are in, and which scripts a language uses.

Reading a pair warns about a side whose letters are not in its language's script (an Arabic,
Hebrew or Chinese file given as the English side, a Latin one as the Russian side): the
aligner would still pair sentences by the numbers and names they share, and the result would
look plausible. Only letters count (digits and punctuation are the same everywhere); a big
text is judged on evenly spaced samples, so the check stays fast on any size.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from .langtags import base_lang

#: (first code point, last code point, script), sorted; what is not listed is "other"
_RANGES = sorted([
    (0x0041, 0x024F, "Latin"), (0x1E00, 0x1EFF, "Latin"), (0x2C60, 0x2C7F, "Latin"),
    (0xA720, 0xA7FF, "Latin"), (0xFF21, 0xFF5A, "Latin"),
    (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"), (0x1C80, 0x1C8F, "Cyrillic"), (0x2DE0, 0x2DFF, "Cyrillic"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"), (0xFB1D, 0xFB4F, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
    (0x0700, 0x074F, "Syriac"), (0x0780, 0x07BF, "Thaana"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Oriya"), (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"), (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"), (0x1780, 0x17FF, "Khmer"), (0x1800, 0x18AF, "Mongolian"),
    (0x3040, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"), (0xFF66, 0xFF9F, "Kana"),
    (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"), (0xF900, 0xFAFF, "Han"),
    (0x20000, 0x2FFFF, "Han"),
])
_STARTS = [r[0] for r in _RANGES]

#: scripts written without spaces between words (Han, kana; Hangul syllables, whose words
#: carry their particles): a regex character class, for matching one character at a time
SPACELESS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"

#: Chinese and Japanese characters with their punctuation and full-width forms, whose lines
#: break anywhere (Korean breaks its lines at the spaces between words): a character class
HAN_KANA = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"

#: how a script is named in a message
SCRIPT_NAMES = {"Han": "Chinese characters (Han)", "Kana": "Japanese kana",
                "Han+Kana": "Japanese kana and Chinese characters",
                "Hangul": "Korean Hangul"}

LATIN_LANGS = frozenset({
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "pl", "cs",
    "sk", "sl", "hr", "bs", "ro", "hu", "tr", "et", "lv", "lt", "ca", "eu", "ga", "gl", "cy",
    "id", "ms", "vi", "sq", "is", "mt", "lb", "af", "sw", "tl", "eo", "la", "az", "uz"})
CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "tt",
                            "ba", "cv"})
#: language code -> the scripts its text is written in
LANG_SCRIPTS: dict[str, frozenset[str]] = {
    **{lang: frozenset({"Latin"}) for lang in LATIN_LANGS},
    **{lang: frozenset({"Cyrillic"}) for lang in CYRILLIC_LANGS},
    "el": frozenset({"Greek"}), "hy": frozenset({"Armenian"}), "ka": frozenset({"Georgian"}),
    "he": frozenset({"Hebrew"}), "yi": frozenset({"Hebrew"}),
    "ar": frozenset({"Arabic"}), "fa": frozenset({"Arabic"}), "ur": frozenset({"Arabic"}),
    "ps": frozenset({"Arabic"}), "ug": frozenset({"Arabic"}), "ckb": frozenset({"Arabic"}),
    "hi": frozenset({"Devanagari"}), "mr": frozenset({"Devanagari"}),
    "ne": frozenset({"Devanagari"}), "sa": frozenset({"Devanagari"}),
    "bn": frozenset({"Bengali"}), "pa": frozenset({"Gurmukhi"}), "gu": frozenset({"Gujarati"}),
    "or": frozenset({"Oriya"}), "ta": frozenset({"Tamil"}), "te": frozenset({"Telugu"}),
    "kn": frozenset({"Kannada"}), "ml": frozenset({"Malayalam"}), "si": frozenset({"Sinhala"}),
    "th": frozenset({"Thai"}), "lo": frozenset({"Lao"}), "bo": frozenset({"Tibetan"}),
    "my": frozenset({"Myanmar"}), "km": frozenset({"Khmer"}), "am": frozenset({"Ethiopic"}),
    "ti": frozenset({"Ethiopic"}), "dv": frozenset({"Thaana"}),
    "zh": frozenset({"Han"}), "ja": frozenset({"Han", "Kana"}),
    "ko": frozenset({"Hangul", "Han"}),
}
_SAMPLE = 200_000  # characters looked at, in 20 evenly spaced pieces, when a text is longer


def script_of(ch: str) -> str:
    """The script of one letter ("other" for one not in the table)."""
    i = bisect_right(_STARTS, ord(ch)) - 1
    if i >= 0 and ord(ch) <= _RANGES[i][1]:
        return _RANGES[i][2]
    return "other"


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    step, piece = len(text) // 20, _SAMPLE // 20
    return "".join(text[i * step: i * step + piece] for i in range(20))


def script_counts(text: str) -> Counter:
    """Letters per known script (of a sample of the text when it is long)."""
    counts = Counter(script_of(c) for c in _sample(text) if c.isalpha())
    counts.pop("other", None)
    return counts


def first_run(text: str, scripts: frozenset[str]) -> tuple[int, int] | None:
    """Start and end of the first run of letters in ``scripts`` in ``text`` (words joined by
    spaces or hyphens count as one run); None if there is none."""
    def ours(k: int) -> bool:
        return text[k].isalpha() and script_of(text[k]) in scripts

    n = len(text)
    start = next((k for k in range(n) if ours(k)), None)
    if start is None:
        return None
    end = start
    while end < n:
        if ours(end):
            end += 1
            continue
        gap = end
        while gap < n and text[gap] in " -\u00a0":
            gap += 1
        if gap == end or gap >= n or not ours(gap):
            break
        end = gap
    return start, end


def script_name(script: str) -> str:
    return SCRIPT_NAMES.get(script, script)


def langs_written_in(script: str, limit: int = 3) -> list[str]:
    """Language codes written in ``script``, those written in it alone first: what to suggest
    for a text that is not in the language it was given as."""
    alone = [lang for lang, scripts in LANG_SCRIPTS.items() if scripts == {script}]
    mixed = [lang for lang, scripts in LANG_SCRIPTS.items() if script in scripts and lang not in alone]
    return (alone + mixed)[:limit]


def wrong_script(text: str, lang: str, counts: Counter | None = None) -> tuple[str, float] | None:
    """(the script most of the letters are in, its share) when more than half the letters of
    ``text`` are in scripts ``lang`` is not written in; None when they are not, or when the
    language's script is not known here."""
    expected = LANG_SCRIPTS.get(base_lang(lang))
    if expected is None:
        return None
    counts = script_counts(text) if counts is None else counts
    total = sum(counts.values())
    if not total or sum(n for s, n in counts.items() if s in expected) / total >= 0.5:
        return None
    script, n = max(((s, n) for s, n in counts.items() if s not in expected), key=lambda x: x[1])
    return script, n / total


#: the scripts only one language here is written in, and that language (Greek, Thai ...)
_ONE_LANG = {script: langs[0] for script in {s for v in LANG_SCRIPTS.values() for s in v}
             if len(langs := [lang for lang, v in LANG_SCRIPTS.items() if v == {script}]) == 1}


def lang_of_text(text: str, counts: Counter | None = None) -> tuple[str, str, float] | None:
    """(language, script, share) when the letters of ``text`` name one language by their
    script alone: kana among Chinese characters is Japanese, Hangul Korean, Chinese
    characters alone Chinese, Greek Greek, Thai Thai ... None for a script many languages
    share (Latin, Cyrillic, Arabic, Devanagari ...), or when no script has most letters.
    ``counts``: the text's script_counts, when the caller has them already."""
    counts = script_counts(text) if counts is None else counts
    total = sum(counts.values())
    if not total:
        return None
    cjk = counts["Han"] + counts["Kana"]
    if counts["Kana"] >= 0.05 * total and cjk > total / 2:
        return "ja", "Han+Kana", cjk / total
    script, n = counts.most_common(1)[0]
    if n <= total / 2:
        return None
    if script == "Hangul" or script == "Han" and counts["Hangul"] >= 0.05 * total:
        return "ko", "Hangul", (counts["Hangul"] + counts["Han"]) / total
    return (_ONE_LANG[script], script, n / total) if script in _ONE_LANG else None
