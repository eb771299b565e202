"""Reading a text into *atoms*, the comparable meaning of its numbers, times and dates:
``n:12`` (a number), ``t:14:30`` (a time of day, 24-hour), ``m:5`` (a month named next to a
number). Forms of both languages are understood, and Chinese, Japanese and Korean ones (cjk.py):

- times: "14:30", "в 14.30", "2:30pm", "11am", "4 p.m.", "7 утра", "2 часа дня",
  "12 noon", "noon"/"полдень",
  "midnight"/"полночь";
- dates: "12 мая 2006 г." and "12 May, 2006" and "May 12, 2006" all give n:12 m:5 n:2006;
  "18.05.2006" too; a month word counts only next to a number ("may have" is no month);
- numbers: "1 000" / "1,000", "3,5" (ru) / "3.5" (en), "30–40" is two numbers, "5 тыс.",
  "5 thousand", "25-тысячную" are 5000 (25000); "£125m" is 125 million or 125 (metres);
  "тысячи"/"thousands" may be 1000 or just "many"; number words two..ninety-nine and
  hundreds in both languages (all Russian case forms: пять, пяти, пятью; двое, пятеро),
  "полтора"/"an hour and a half" = 1.5. "One"/"один" are not counted: they are articles and
  idioms far more often than numbers ("один в один", "one remaining bastion").

Some forms have several readings: "12.05" is a time (12:05), a decimal or a date (12 May);
"11:00" is also the number 11; "2:30" in English is 02:30 or 14:30. A :class:`Token` keeps
them all; the comparison picks the one that agrees best with the other side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...langtags import base_lang
from ...spans import TakenSpans
from .cjk import CJK_TEXT, cjk_numbers
from .vocabulary import (EN_MONTH_ABBR, EN_MONTHS, MULTIPLIER_AHEAD, MULTIPLIERS, RU_MONTHS,
                         SHORT_MULTIPLIERS, word_value)


@dataclass
class Token:
    """A piece of text with its alternative readings (each a frozenset of atoms)."""

    start: int
    end: int
    readings: list[frozenset[str]]


def _num(value: float) -> str:
    if float(value).is_integer():
        return f"n:{int(value)}"
    return f"n:{value:g}"


def _time(h: int, m: int) -> str:
    return f"t:{h:02d}:{m:02d}"




class _Reader:
    def __init__(self, text: str, lang: str):
        self.text = text
        self.lang = base_lang(lang)
        self.tokens: list[Token] = []
        self.taken = TakenSpans()

    def add(self, a: int, b: int, *readings: set[str]) -> None:
        self.tokens.append(Token(a, b, [frozenset(r) for r in readings]))
        self.taken.add(a, b)

    def scan(self, pattern: str, flags: int = 0) -> Iterator[re.Match]:
        for m in re.finditer(pattern, self.text, flags):
            if not self.taken.overlaps(m.start(), m.end()):
                yield m


def _month_next_to_number(text: str, a: int, b: int) -> bool:
    before = text[max(0, a - 12):a]
    after = text[b:b + 8]
    return bool(re.search(r"\d(?:-?[a-zа-яё]{1,3})?[\s,.\-–—]*(?:of\s+)?$", before, re.IGNORECASE)
                or re.match(r"[\s,.]*\d", after))


def read_atoms(text: str, lang: str) -> list[Token]:
    """The tokens of ``text`` that carry numbers, with their readings."""
    r = _Reader(text, lang)
    ru = r.lang == "ru"
    # dates first: dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd
    for m in r.scan(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d])"):
        d, mo, y = int(m[1]), int(m[2]), m[3]
        readings = []
        if 1 <= mo <= 12:
            readings.append({_num(d), f"m:{mo}", _num(int(y))})
        if 1 <= d <= 12 and not ru:  # US order
            readings.append({_num(mo), f"m:{d}", _num(int(y))})
        if readings:
            r.add(m.start(), m.end(), *readings)
    for m in r.scan(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"):
        r.add(m.start(), m.end(), {_num(int(m[1])), f"m:{int(m[2])}", _num(int(m[3]))})
    # Chinese, Japanese, Korean: "15亿", "3月", "三座", "3월" (cjk.py)
    if CJK_TEXT.search(text):
        for a, b, kind, values, certain in cjk_numbers(text, lambda a, b: not r.taken.overlaps(a, b)):
            readings = [{_num(v) if kind == "n" else f"m:{int(v)}"} for v in values]
            r.add(a, b, *readings, *([] if certain else [set()]))
    # times with am/pm
    for m in r.scan(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE):
        h, mi = int(m[1]), int(m[2] or 0)
        if h > 12 or mi > 59:
            continue
        h24 = (h % 12) + (12 if m[3].lower() == "p" else 0)
        r.add(m.start(), m.end(), {_time(h24, mi)}, *([{_num(h)}] if mi == 0 else []))
    # Russian "7 утра", "2 часа дня", "в 9 вечера", "5 часов утра"
    for m in r.scan(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s+(?:час(?:а|ов)?\s+)?"
                    r"(утра|дня|вечера|ночи)\b", re.IGNORECASE):
        h, mi = int(m[1]), int(m[2] or 0)
        if h > 12 or mi > 59:
            continue
        part = m[3].lower()
        h24 = h % 12 + (12 if part in ("дня", "вечера") else 0)
        r.add(m.start(), m.end(), {_time(h24, mi)}, *([{_num(h)}] if mi == 0 else []))
    for m in r.scan(r"(?<![\d.:])(\d{1,2})\s+(?:noon|midday)\b", re.IGNORECASE):
        r.add(m.start(), m.end(), {_time(12, 0)})
    for m in r.scan(r"(?<![\d.:])(\d{1,2})\s+o'clock\b", re.IGNORECASE):
        h = int(m[1]) % 12
        r.add(m.start(), m.end(), {_time(h, 0)}, {_time(h + 12, 0)}, {_num(int(m[1]))})
    for m in r.scan(r"\b(?:noon|midday|полд(?:ень|ня|ню|нем))\b", re.IGNORECASE):
        r.add(m.start(), m.end(), {_time(12, 0)})
    for m in r.scan(r"\b(?:midnight|полноч(?:ь|и|ью))\b", re.IGNORECASE):
        r.add(m.start(), m.end(), {_time(0, 0)})
    # hh:mm and hh.mm (a dotted one is also a decimal or a day.month date)
    for m in r.scan(r"(?<![\d.:,])([01]?\d|2[0-3])([:.])([0-5]\d)(?![\d]|[.:,]\d)"):
        if m[2] == "." and MULTIPLIER_AHEAD.match(text, m.end()):
            continue  # "3.26 million"
        h, mi = int(m[1]), int(m[3])
        readings: list[set[str]] = [{_time(h, mi)}]
        if m[2] == ":" and not ru and 1 <= h <= 12:
            readings.append({_time(h % 12 + 12, mi)})
        if mi == 0:
            readings.append({_num(h)})
        if m[2] == ".":
            readings.append({_num(float(f"{h}.{m[3]}"))})
            if 1 <= mi <= 12 and h >= 1:
                readings.append({_num(h), f"m:{mi}"})
        r.add(m.start(), m.end(), *readings)
    # one and a half
    for m in r.scan(r"\b(?:полтора|полторы|полутора)\b|\b(?:an?|one)\s+(?:\w+\s+)?and\s+a\s+half\b",
                    re.IGNORECASE):
        r.add(m.start(), m.end(), {_num(1.5)})
    # numbers with digits (grouped thousands, decimals, multipliers)
    if ru:
        pattern = (r"(?<![\d.,])(?<!\d\s)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)"
                   r"|(?<![\d])\d+(?:,\d+)?")
    else:
        pattern = r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d])\d+(?:\.\d+)?"
    for m in r.scan(pattern):
        raw = re.sub(r"[ \u00a0\u202f]", "", m[0])
        raw = raw.replace(",", ".") if ru else raw.replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        end = m.end()
        readings = [{_num(value)}]
        for mult_re, mult in MULTIPLIERS:
            mm = mult_re.match(text, end)
            if mm:
                readings = [{_num(value * mult)}]
                end = mm.end()
                break
        else:
            if not ru:
                for mult_re, mult in SHORT_MULTIPLIERS:
                    mm = mult_re.match(text, end)
                    if mm:
                        readings = [{_num(value * mult)}, {_num(value)}]
                        end = mm.end()
                        break
        r.add(m.start(), end, *readings)
    # "тысячи", "a thousand", "thousands": maybe 1000, maybe just "many"
    for m in r.scan(r"\b(?:тысяч[аиуе]?|тысячей|тысячами|thousands?)\b", re.IGNORECASE):
        r.add(m.start(), m.end(), {_num(1000)}, set())
    # months next to a number
    if ru:
        for m in r.scan(r"\b(январ[ьяюе]|феврал[ьяюе]|март[ауе]?|апрел[ьяюе]|ма[йяюе]|июн[ьяюе]|"
                        r"июл[ьяюе]|август[ауе]?|сентябр[ьяюе]|октябр[ьяюе]|ноябр[ьяюе]|"
                        r"декабр[ьяюе])\b", re.IGNORECASE):
            if _month_next_to_number(text, m.start(), m.end()):
                stem = m[1].lower()
                mo = 5 if re.fullmatch(r"ма[йяюе]", stem) else next(
                    i + 1 for i, s in enumerate(RU_MONTHS) if s != "ма" and stem.startswith(s))
                r.add(m.start(), m.end(), {f"m:{mo}"})
    else:
        names = "|".join(EN_MONTHS + sorted(EN_MONTH_ABBR, key=len, reverse=True))
        for m in r.scan(rf"\b({names})\b\.?"):
            if _month_next_to_number(text, m.start(), m.end()):
                word = m[1]
                mo = EN_MONTHS.index(word) + 1 if word in EN_MONTHS else EN_MONTH_ABBR[word]
                r.add(m.start(), m.end(), {f"m:{mo}"})
    _number_words(r)
    # compounds: "трехдневными", "пятиэтажный" (three-day, five-storey): maybe a number
    for m in r.scan(r"\b(двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти)"
                    r"(?=[а-яё]{4,})[а-яё]+", re.IGNORECASE):
        value = {"двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
                 "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10}[m[1].lower()]
        r.add(m.start(), m.end(), {_num(value)}, set())
    r.tokens.sort(key=lambda t: t.start)
    return r.tokens


def _number_words(r: _Reader) -> None:
    """Runs of number words ("twenty-five", "two hundred", "двадцать пять") -> one number."""
    words = [m for m in re.finditer(r"[^\W\d_]+", r.text)
             if not r.taken.overlaps(m.start(), m.end())]
    run: list[tuple[re.Match, int]] = []

    def flush() -> None:
        if not run:
            return
        total, current = 0, 0
        for _, v in run:
            if v == 100 and r.lang != "ru" and current:
                current *= 100
            elif current and current > v and current % (10 ** len(str(v))) == 0:
                current += v
            else:
                total += current
                current = v
        total += current
        start, end = run[0][0].start(), run[-1][0].end()
        # "a hundred" alone is 100; a bare "hundred" in "hundreds" never matched
        r.add(start, end, {_num(total)})
        run.clear()

    prev_end = None
    for m in words:
        v = word_value(m[0], r.lang)
        if v is None:
            flush()
            prev_end = None
            continue
        gap = r.text[prev_end:m.start()] if prev_end is not None else None
        if run and gap is not None and gap.strip(" -") != "":
            flush()
        run.append((m, v))
        prev_end = m.end()
    flush()


def atom_sort_key(atom: str) -> tuple[str, str]:
    """Atoms in a stable order for messages and fingerprints: by kind, then value."""
    kind, _, value = atom.partition(":")
    return (kind, value)


_MONTH_NAMES = EN_MONTHS


def describe(atom: str) -> str:
    """An atom as a message shows it: "12", "14:30", "May"."""
    kind, _, value = atom.partition(":")
    if kind == "m":
        return _MONTH_NAMES[int(value) - 1]
    return value
