"""Numbers, times and dates that differ between the two sides of a row.

Each side's text is read into *atoms*: ``n:12`` (a number), ``t:14:30`` (a time of day,
24-hour), ``m:5`` (a month named next to a number). Forms of both languages are understood:

- times: "14:30", "в 14.30", "2:30pm", "11am", "4 p.m.", "7 утра", "2 часа дня",
  "12 noon", "noon"/"полдень",
  "midnight"/"полночь";
- dates: "12 мая 2006 г." and "12 May, 2006" and "May 12, 2006" all give n:12 m:5 n:2006;
  "18.05.2006" too; a month word counts only next to a number ("may have" is no month);
- numbers: "1 000" / "1,000", "3,5" (ru) / "3.5" (en), "30–40" is two numbers, "5 тыс.",
  "5 thousand", "25-тысячную" are 5000 (25000); "£125m" is 125 million or 125 (metres);
  "тысячи"/"thousands" may be 1000 or just "many"; number words two..ninety-nine and hundreds in both languages
  (all Russian case forms: пять, пяти, пятью; двое, пятеро), "полтора"/"an hour and a half"
  = 1.5. "One"/"один" are not counted: they are articles and idioms far more often than
  numbers ("один в один", "one remaining bastion").

Two numbers that differ by the conversion factor of an imperial unit named after one of
them (miles and km, inches and cm, pounds and kg, °F and °C ..., within 10% for rounding) are
a conversion, not an error, and so is "45 miles (72 kilometers)" with only the 72 on the
other side. 360 km for 385 miles stays an error.

Some forms have several readings: "12.05" is a time (12:05), a decimal or a date (12 May);
"11:00" is also the number 11; "2:30" in English is 02:30 or 14:30. Each side keeps the
reading that agrees best with the other side. Atoms are compared as sets (a number repeated
on one side is no error). A row is flagged when the sets differ: Accuracy/Mistranslation
when both sides have atoms the other lacks, Omission / Addition when only one side does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..document import Document
from . import Context, Finding, joined, span_in, two_sided

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
_MULTIPLIER_AHEAD = re.compile(r"[\s-]?(?:тыс|тысяч|млн|миллион|млрд|миллиард|thousand|million|"
                               r"billion|bn\b|m\b|k\b)", re.IGNORECASE)


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


def _overlaps(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < y and x < b for x, y in taken)


class _Reader:
    def __init__(self, text: str, lang: str):
        self.text = text
        self.lang = lang
        self.tokens: list[Token] = []
        self.taken: list[tuple[int, int]] = []

    def add(self, a: int, b: int, *readings: set[str]) -> None:
        self.tokens.append(Token(a, b, [frozenset(r) for r in readings]))
        self.taken.append((a, b))

    def scan(self, pattern: str, flags: int = 0) -> Iterator[re.Match]:
        for m in re.finditer(pattern, self.text, flags):
            if not _overlaps(self.taken, m.start(), m.end()):
                yield m


def _month_next_to_number(text: str, a: int, b: int) -> bool:
    before = text[max(0, a - 12):a]
    after = text[b:b + 8]
    return bool(re.search(r"\d(?:-?[a-zа-яё]{1,3})?[\s,.\-–—]*(?:of\s+)?$", before, re.IGNORECASE)
                or re.match(r"[\s,.]*\d", after))


def read_atoms(text: str, lang: str) -> list[Token]:
    """The tokens of ``text`` that carry numbers, with their readings."""
    r = _Reader(text, lang)
    ru = lang == "ru"
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
        if m[2] == "." and _MULTIPLIER_AHEAD.match(text, m.end()):
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


def _word_value(word: str, lang: str) -> int | None:
    if lang == "ru":
        for rx, v in RU_WORDS:
            if rx.fullmatch(word):
                return v
        return None
    return EN_WORDS.get(word.lower())


def _number_words(r: _Reader) -> None:
    """Runs of number words ("twenty-five", "two hundred", "двадцать пять") -> one number."""
    words = [m for m in re.finditer(r"[^\W\d_]+", r.text)
             if not _overlaps(r.taken, m.start(), m.end())]
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
        v = _word_value(m[0], r.lang)
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


def _choose(tokens: list[Token], other: list[Token]) -> list[tuple[Token, frozenset[str]]]:
    """For each token, the reading that agrees best with everything the other side may mean."""
    possible: set[str] = set()
    for t in other:
        for rd in t.readings:
            possible |= rd
    out = []
    for t in tokens:
        best = max(t.readings, key=lambda rd: len(rd & possible) - len(rd - possible))
        out.append((t, best))
    return out


_MONTH_NAMES = EN_MONTHS


def describe(atom: str) -> str:
    kind, _, value = atom.partition(":")
    if kind == "m":
        return _MONTH_NAMES[int(value) - 1]
    return value


# unit conversions translators make: an imperial unit named next to one of the two numbers
# decides which factor may explain them (so 360 km vs 385 miles stays an error)
UNIT_FAMILIES = (
    ("mile", r"miles?|mph|мил[ьяию]\w*", 1.609), ("inch", r"inch(?:es)?|in\.|дюйм\w*", 2.54),
    ("foot", r"feet|foot|ft\b|фут\w*", 3.281), ("yard", r"yards?|yd\b", 1.094),
    ("pound", r"pounds?|lbs?\b|фунт\w*", 2.205), ("ounce", r"ounces?|oz\b|унци\w*", 28.35),
    ("gallon", r"gallons?|галлон\w*", 3.785), ("acre", r"acres?|акр\w*", 2.471),
    ("temperature", r"degrees?|°|градус\w*", None),
)
_UNIT_RES = [(name, re.compile(rf"^[\s-]*(?:\(|of\s+)?(?:{rx})", re.IGNORECASE), f)
             for name, rx, f in UNIT_FAMILIES]
_FACTORS = {name: f for name, _, f in UNIT_FAMILIES}
_RANGE_END = re.compile(r"^\s*(?:-|–|—|to|до|or|или|and|и)\s*\d+(?:[.,]\d+)?", re.IGNORECASE)


def _value(atom: str) -> float | None:
    return float(atom[2:]) if atom.startswith("n:") else None


def _units(text: str, chosen: list[tuple[Token, frozenset[str]]]) -> dict[str, set[str]]:
    """Atom -> the unit families named right after its number."""
    out: dict[str, set[str]] = {}
    for t, rd in chosen:
        after = _RANGE_END.sub("", text[t.end:t.end + 40], count=1)  # "1 to 4 inches"
        fams = {name for name, rx, _ in _UNIT_RES if rx.match(after)}
        for a in rd:
            if fams:
                out.setdefault(a, set()).update(fams)
    return out


def _converts(a: float, b: float, families: set[str]) -> bool:
    """True when a and b are one quantity in two units of these families (10% for rounding)."""
    for fam in families:
        if fam == "temperature":
            if any(abs((f - 32) * 5 / 9 - c) <= 2 for f, c in ((a, b), (b, a))):
                return True
            continue
        lo, hi = sorted((a, b))
        factor = _FACTORS[fam]
        if lo > 0 and abs(hi / lo - factor) <= 0.1 * factor:
            return True
    return False


def _explain_conversions(only_a: set[str], only_b: set[str], text_a: str, text_b: str,
                         ch_a, ch_b, all_a: set[str], all_b: set[str]) -> tuple[set[str], set[str]]:
    """Drop the unmatched numbers that are unit conversions of each other, or of a number on
    their own side ("45 miles (72 kilometers)")."""
    units = _units(text_a, ch_a)
    for k, v in _units(text_b, ch_b).items():
        units.setdefault(k, set()).update(v)
    left_a, left_b = set(only_a), set(only_b)
    for x in sorted(only_a, key=_sort_key):
        for y in sorted(left_b, key=_sort_key):
            vx, vy = _value(x), _value(y)
            fams = units.get(x, set()) | units.get(y, set())
            if vx is not None and vy is not None and _converts(vx, vy, fams):
                left_a.discard(x)
                left_b.discard(y)
                break
    for left, everything in ((left_a, all_a), (left_b, all_b)):
        for x in sorted(left, key=_sort_key):
            vx = _value(x)
            if vx is not None and any(
                    y != x and _value(y) is not None
                    and _converts(vx, _value(y), units.get(x, set()) | units.get(y, set()))
                    for y in everything):
                left.discard(x)
    return left_a, left_b


def compare(src_text: str, tgt_text: str, src_lang: str = "ru", tgt_lang: str = "en"):
    """(atoms only in source, atoms only in target, chosen source tokens, chosen target tokens)."""
    s_tok = read_atoms(src_text, src_lang)
    t_tok = read_atoms(tgt_text, tgt_lang)
    s_ch = _choose(s_tok, t_tok)
    t_ch = _choose(t_tok, [Token(t.start, t.end, [rd]) for t, rd in s_ch])
    s_atoms = set().union(*[rd for _, rd in s_ch]) if s_ch else set()
    t_atoms = set().union(*[rd for _, rd in t_ch]) if t_ch else set()
    only_s, only_t = _explain_conversions(s_atoms - t_atoms, t_atoms - s_atoms, src_text, tgt_text,
                                          s_ch, t_ch, s_atoms, t_atoms)
    return only_s, only_t, s_ch, t_ch


def _sort_key(atom: str):
    kind, _, value = atom.partition(":")
    return (kind, value)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    src_lang, tgt_lang = doc.source.lang, doc.target.lang
    for row, src, tgt in two_sided(doc):
        s_text, t_text = joined(src), joined(tgt)
        only_s, only_t, s_ch, t_ch = compare(s_text, t_text, src_lang, tgt_lang)
        if not only_s and not only_t:
            continue
        fmt = lambda atoms: ", ".join(describe(a) for a in sorted(atoms, key=_sort_key))  # noqa: E731
        parts = []
        if only_s:
            parts.append(f"{src_lang} has {fmt(only_s)}")
        if only_t:
            parts.append(f"{tgt_lang} has {fmt(only_t)}")
        if only_s and only_t:
            category = "Accuracy/Mistranslation"
        elif only_s:
            category = "Accuracy/Omission"
        else:
            category = "Accuracy/Addition"
        span = None
        if only_t:
            tok = next(t for t, rd in t_ch if rd & only_t)
            span = span_in("tgt", tgt, tok.start, tok.end)
        else:
            tok = next(t for t, rd in s_ch if rd & only_s)
            span = span_in("src", src, tok.start, tok.end)
        fingerprint = "+".join(sorted(only_s, key=_sort_key)) + ">" + \
            "+".join(sorted(only_t, key=_sort_key))
        yield Finding("numbers", row, category, "major",
                      "numbers differ: " + "; ".join(parts), fingerprint, span=span)
