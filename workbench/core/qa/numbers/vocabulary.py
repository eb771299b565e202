"""The words that carry numbers in both languages: month names, number words (all Russian
case forms), and the multipliers after a number ("5 тыс.", "5 thousand", "£125m").
"""

from __future__ import annotations

import re

from ...langtags import base_lang

RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
EN_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                 "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}

EN_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100,
}
# Russian number words by stem and endings (all cases)
_RU_WORD_PATTERNS = [
    (r"дв(?:а|е|ух|ум|умя|ое|оих|оим|оими)", 2),
    (r"тр(?:и|[её]х|[её]м|емя|ое|оих|оим|оими)", 3),
    (r"четыр(?:е|[её]х|[её]м|ьмя)|четвер(?:о|ых|ым|ыми)", 4),
    (r"пят(?:ь|и|ью)|пятер(?:о|ых|ым|ыми)", 5),
    (r"шест(?:ь|и|ью)|шестер(?:о|ых|ым|ыми)", 6),
    (r"сем(?:ь|и)|семер(?:о|ых|ым|ыми)", 7),  # not "семью" (family)
    (r"вос(?:емь|ьми|емью|ьмью)", 8),
    (r"девят(?:ь|и|ью)", 9),
    (r"десят(?:ь|и|ью)", 10),
    (r"одиннадцат(?:ь|и|ью)", 11), (r"двенадцат(?:ь|и|ью)", 12), (r"тринадцат(?:ь|и|ью)", 13),
    (r"четырнадцат(?:ь|и|ью)", 14), (r"пятнадцат(?:ь|и|ью)", 15),
    (r"шестнадцат(?:ь|и|ью)", 16), (r"семнадцат(?:ь|и|ью)", 17),
    (r"восемнадцат(?:ь|и|ью)", 18), (r"девятнадцат(?:ь|и|ью)", 19),
    (r"двадцат(?:ь|и|ью)", 20), (r"тридцат(?:ь|и|ью)", 30), (r"сорок(?:а)?", 40),
    (r"пят(?:ьдесят|идесяти|ьюдесятью)", 50), (r"шест(?:ьдесят|идесяти|ьюдесятью)", 60),
    (r"сем(?:ьдесят|идесяти|ьюдесятью)", 70), (r"вос(?:емьдесят|ьмидесяти|емьюдесятью)", 80),
    (r"девяност(?:о|а)", 90), (r"ст(?:о|а)", 100),
    (r"двест(?:и)|двухсот|двумстам|двумястами", 200),
    (r"трист(?:а)|тр[её]хсот|тр[её]мстам|тремястами", 300),
    (r"четырест(?:а)|четыр[её]хсот|четыр[её]мстам|четырьмястами", 400),
    (r"пятьсот|пятисот|пятистам|пятьюстами", 500),
]
RU_WORDS = [(re.compile(rf"(?:{p})", re.IGNORECASE), v) for p, v in _RU_WORD_PATTERNS]

MULTIPLIERS = [
    (re.compile(r"[\s-]?(?:тыс\.?(?!\w)|тысяч\w*|thousand\b)", re.IGNORECASE), 1000),
    (re.compile(r"[\s-]?(?:млн\.?(?!\w)|миллион\w*|million\b)", re.IGNORECASE), 1_000_000),
    (re.compile(r"[\s-]?(?:млрд\.?(?!\w)|миллиард\w*|billion\b)", re.IGNORECASE), 1_000_000_000),
]
# "£125m", "$3bn", "5k": a multiplier or a unit (5m = five metres): both readings
SHORT_MULTIPLIERS = [(re.compile(r"(?:bn|b)\b"), 1_000_000_000), (re.compile(r"m\b"), 1_000_000),
                     (re.compile(r"k\b"), 1000)]
MULTIPLIER_AHEAD = re.compile(r"[\s-]?(?:тыс|тысяч|млн|миллион|млрд|миллиард|thousand|million|"
                              r"billion|bn\b|m\b|k\b)", re.IGNORECASE)


def word_value(word: str, lang: str) -> int | None:
    """The value of one number word ("пятью" -> 5, "twenty" -> 20), or None."""
    lang = base_lang(lang)
    if lang == "ru":
        for rx, v in RU_WORDS:
            if rx.fullmatch(word):
                return v
        return None
    return EN_WORDS.get(word.lower())
