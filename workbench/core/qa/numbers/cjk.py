"""Numbers and months written the Chinese, Japanese and Korean way, for the ``numbers`` check.

"15亿元" is 1.5 billion, "120万" 1.2 million, "3月" and "三月" are March, "三座公园" holds a
three, "一百二十" is 120; in Korean "15억" is 1.5 billion, "3월" March, "세 곳" three places.
A numeral written in characters is often no number at all ("十分" is "very", "万一" "in case",
"一起" "together", Korean "세" also "world"), so it is read as "maybe this number, maybe
nothing", as "thousands" is: the comparison keeps it only when the other side has the number.
A lone 一 or 한 (one) is not counted, as "one" is not in English.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...scripts import SPACELESS

#: characters that make a text worth reading this way (Han, kana, Hangul)
CJK_TEXT = re.compile(f"[{SPACELESS}]")

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8, "만": 10 ** 4, "억": 10 ** 8}
#: Korean native numerals before a counter ("세 곳", "두 명", "열 살")
_KO_NATIVE = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
              "열": 10, "스무": 20}
_NUMERAL = "".join([*_DIGITS, *_UNITS, *_BIG])

#: "15亿", "3.5万", "120万", "15억": digits times a large unit
_TIMES_BIG = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([万萬亿億만억])")
#: "3月", "12月", "三月", "十二月" (not "三个月", three months), Korean "3월"
_MONTH = re.compile(rf"(?<![\d.{_NUMERAL}])(\d{{1,2}}|[{_NUMERAL}]{{1,3}})\s*月|"
                    rf"(?<![\d.])(\d{{1,2}})\s*월")
_KO_WORD = re.compile(rf"(?<![\uac00-\ud7af])({'|'.join(_KO_NATIVE)})(?=\s+[\uac00-\ud7af])")
_RUN = re.compile(f"[{_NUMERAL}]+")
#: "2027年", "二〇二七年", "2027년" just before a month ("同年3月", the same year, is no date)
_YEAR_BEFORE = re.compile(rf"(?:\d|[{_NUMERAL}])\s*[年년]\s*$")
#: "八十年代", "80年代": the eighties
_DECADE = re.compile(rf"(?<![\d{_NUMERAL}])(\d{{2,4}}|[{_NUMERAL}]{{2,3}})\s*年代")
_DAY = re.compile(rf"\s*(?:\d{{1,2}}|[{_NUMERAL}]{{1,3}})\s*[日号號일]")


def numeral_value(text: str) -> int | None:
    """The value of a run of Chinese numerals: "一百二十" 120, "十五" 15, "三万五千" 35000,
    "二〇二七" 2027 (digit by digit); None if it is not one."""
    if not text or any(c not in _DIGITS and c not in _UNITS and c not in _BIG for c in text):
        return None
    if all(c in _DIGITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    total = section = digit = 0
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (digit or 1) * _UNITS[c]
            digit = 0
        else:
            total += ((section + digit) or 1) * _BIG[c]
            section = digit = 0
    return total + section + digit


def cjk_numbers(text: str, free) -> Iterator[tuple[int, int, str, tuple[float, ...], bool]]:
    """(start, end, kind, values, certain) for each number ("n") or month ("m") written the
    Chinese, Japanese or Korean way in ``text``: ``values`` are its readings, and one that is not ``certain`` may
    also be no number at all (numeral runs, months outside a date, decades).
    ``free(start, end)`` says whether a span is still unread; decades, digits with a large unit
    and months come first."""
    for m in _DECADE.finditer(text):
        value = int(m[1]) if m[1].isdigit() else numeral_value(m[1])
        if value is not None and free(m.start(), m.end()):
            # "八十年代": the 1980s (or the 2080s), or just "the eighties"
            values = (1900 + value, 2000 + value, value) if value < 100 else (value,)
            yield m.start(), m.end(), "n", values, False
    for m in _TIMES_BIG.finditer(text):
        if free(m.start(), m.end()):
            yield m.start(), m.end(), "n", (float(m[1]) * _BIG[m[2]],), True
    for m in _MONTH.finditer(text):
        written = m[1] or m[2]
        month = int(written) if written.isdigit() else numeral_value(written)
        if month and 1 <= month <= 12 and free(m.start(), m.end()):
            # a date ("2027年3月", "3月12日") as surely as "March 12"; alone ("3月に") it is
            # "March", which English counts only next to a number
            dated = (_YEAR_BEFORE.search(text, 0, m.start()) is not None
                     or _DAY.match(text, m.end()) is not None)
            yield m.start(), m.end(), "m", (month,), dated
    for m in _RUN.finditer(text):
        value = numeral_value(m[0])
        if value is not None and value != 1 and free(m.start(), m.end()):
            yield m.start(), m.end(), "n", (value,), False
    for m in _KO_WORD.finditer(text):
        if free(m.start(), m.end()):
            yield m.start(), m.end(), "n", (_KO_NATIVE[m[1]],), False
