"""Unit conversions translators make: two numbers that differ by the factor of an imperial
unit named after one of them (miles and km, inches and cm, pounds and kg, °F and °C ...,
within 10% for rounding) are a conversion, not an error, and so is "45 miles (72 kilometers)"
with only the 72 on the other side. The unit named decides which factor may explain them, so
360 km for 385 miles stays an error.
"""

from __future__ import annotations

import re

from .atoms import Token, atom_sort_key


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


def explain_conversions(only_a: set[str], only_b: set[str], text_a: str, text_b: str,
                        ch_a, ch_b, all_a: set[str], all_b: set[str]) -> tuple[set[str], set[str]]:
    """Drop the unmatched numbers that are unit conversions of each other, or of a number on
    their own side ("45 miles (72 kilometers)")."""
    units = _units(text_a, ch_a)
    for k, v in _units(text_b, ch_b).items():
        units.setdefault(k, set()).update(v)
    left_a, left_b = set(only_a), set(only_b)
    for x in sorted(only_a, key=atom_sort_key):
        for y in sorted(left_b, key=atom_sort_key):
            vx, vy = _value(x), _value(y)
            fams = units.get(x, set()) | units.get(y, set())
            if vx is not None and vy is not None and _converts(vx, vy, fams):
                left_a.discard(x)
                left_b.discard(y)
                break
    for left, everything in ((left_a, all_a), (left_b, all_b)):
        for x in sorted(left, key=atom_sort_key):
            vx = _value(x)
            if vx is not None and any(
                    y != x and _value(y) is not None
                    and _converts(vx, _value(y), units.get(x, set()) | units.get(y, set()))
                    for y in everything):
                left.discard(x)
    return left_a, left_b
