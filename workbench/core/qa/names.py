"""Names spelt differently in different rows of the target ("Askaraova" vs "Askarova").

Capitalized words of the target side (possessive 's dropped) are compared pairwise with
rapidfuzz's normalized Indel similarity; two different spellings at 85 or more that are not
just the same word with another ending a translator would expect - a plural or possessive
``s``, or the feminine ``a`` of a Russian surname (Asanov / Asanova are two people) - are a
likely misspelling of one name. The rarer spelling is flagged (each row where it occurs;
on a tie, the later one), with the usual spelling as the suggestion:
Fluency/Inconsistency, minor.

When the source is Russian, the two spellings' rows are checked on the source side too: the
Russian name nearest to each spelling (transliterated, case ending dropped: Аскаровой,
Аскарову -> askarov) must be the same name, so two people with similar names (Asanova =
Асанова, Arstanova = Арстановой) are not confused. Without a Russian match the pair is
flagged.

A name written capitalized on its own in the middle of a sentence in one row and in lower
case in the middle of another ("Bakayevzci" / "bakayevzci") is flagged the same way, unless
the lower-case form is the more frequent (a common word capitalized somewhere); words
capitalized only inside a multi-word name ("Socialist Resistance") or in a title-case
headline are left alone. Two words of one name (Korea / Korean, Germany / German, Liverpool
/ LiverpoolFC) are not spelling variants.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator

from rapidfuzz import fuzz, process

from ..document import Document
from ..langtags import base_lang
from ..review import Span
from ..translit import translit
from . import Context, Finding

MIN_SCORE = 85.0
MIN_LEN = 5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


# endings that make another word of the same name: plural, possessive, the feminine "a" of a
# Russian surname, a demonym or adjective (Korea/Korean, Germany/German, Europe/European)
_ENDINGS = {"s", "es", "a", "'s", "’s", "n", "ns", "an", "ans", "ian", "ians", "y", "ese", "ish",
            "ic", "i"}


def _expected_variant(a: str, b: str) -> bool:
    """True when a and b are two words of one name rather than two spellings of one word."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short):
        ending = long_[len(short):]
        return ending in _ENDINGS or ending[:1].isupper()  # LiverpoolFC: a compound
    return short.casefold() == long_.casefold()


_RU_ENDING = re.compile(r"(?:ыми|ими|ами|ями|ой|ою|ей|ую|юю|ом|ым|им|ем|ах|ях|ов|а|у|ы|е|и|я|ю|ь|й)$")
_RU_NAME = re.compile(r"\b[А-ЯЁ][а-яё]{3,}")
SAME_NAME = 90.0


def ru_name_key(word: str) -> str:
    """A Russian name without its case ending, in Latin letters: Аскаровой -> askarov."""
    stem = word.lower()
    base = _RU_ENDING.sub("", stem)
    if len(base) >= 3:
        stem = base
    return translit(stem)


def _source_name(doc: Document, row: int, name: str) -> str | None:
    """The key of the Russian name in ``row`` nearest to the English ``name``, if any."""
    keys = {ru_name_key(w) for sid in doc.beads[row].src
            for w in _RU_NAME.findall(doc.source.get(sid).text)}
    if not keys:
        return None
    best = process.extractOne(name.lower(), list(keys), scorer=fuzz.ratio, score_cutoff=70)
    return best[0] if best else None


def _different_people(doc: Document, rows_a: list[int], a: str, rows_b: list[int], b: str) -> bool:
    """True when the source names behind spellings a and b are clearly not the same name."""
    if base_lang(doc.source.lang) != "ru":
        return False
    ka = {k for r in rows_a if (k := _source_name(doc, r, a))}
    kb = {k for r in rows_b if (k := _source_name(doc, r, b))}
    if not ka or not kb:
        return False
    return max(fuzz.ratio(x, y) for x in ka for y in kb) < SAME_NAME


def _occurrences(doc: Document):
    """(word, row, sentence id, start, end, sentence-initial?, next to another capitalized
    word?) for every word of the target."""
    rows = {}
    for bi, b in enumerate(doc.beads):
        for sid in b.tgt:
            rows[sid] = bi
    for s in doc.target.sentences:
        ms = list(_WORD.finditer(s.text))
        long_words = [m[0] for m in ms if len(m[0]) >= 4]
        headline = len(long_words) >= 3 and \
            sum(w[:1].isupper() for w in long_words) >= 0.6 * len(long_words)
        for k, m in enumerate(ms):
            word = _strip_possessive(m[0])
            before = s.text[ms[k - 1].end() if k else 0:m.start()]
            initial = k == 0 or bool(re.search(r"[.!?:;|\"'“‘«(\[*•–—-]\s*$", before))
            in_phrase = headline or bool(re.search(r"\d\w*\s+$", s.text[max(0, m.start() - 12):m.start()])) or any(
                w[:1].isupper() for w in _neighbours(s.text, ms, k))
            yield word, rows.get(s.id), s.id, m.start(), m.start() + len(word), initial, in_phrase


_LINKS = {"of", "for", "and", "the", "de", "la", "du", "von", "van", "der", "del", "in", "on", "at"}


def _neighbours(text: str, ms: list, k: int) -> list[str]:
    """The nearest words before and after word ``k`` in the same clause, skipping the small
    words inside multi-word names ("Commission for Employment and Skills")."""
    out = []
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(ms):
            lo, hi = sorted((ms[j].end(), ms[k].start())) if step < 0 else \
                sorted((ms[k].end(), ms[j].start()))
            if re.search(r"[.!?|:;,()\"“”«»]", text[lo:hi]):
                break
            if ms[j][0] in _LINKS:
                j += step
                continue
            out.append(ms[j][0])
            break
    return out


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    occ = [o for o in _occurrences(doc) if o[1] is not None]
    caps = Counter(o[0] for o in occ if o[0][:1].isupper() and len(o[0]) >= MIN_LEN)
    where: dict[str, list] = defaultdict(list)
    for o in occ:
        where[o[0]].append(o)
    names = sorted(caps)
    flagged: set[tuple[str, int]] = set()
    # 1. near-identical spellings of capitalized words
    for i, a in enumerate(names):
        matches = process.extract(a, names[i + 1:], scorer=fuzz.ratio, score_cutoff=MIN_SCORE,
                                  limit=None)
        for b, sc, _ in matches:
            if _expected_variant(a, b):
                continue
            if _different_people(doc, sorted({o[1] for o in where[a]}), a,
                                 sorted({o[1] for o in where[b]}), b):
                continue
            ca, cb = caps[a], caps[b]
            if ca != cb:
                rare, usual = (a, b) if ca < cb else (b, a)
                targets = where[rare]
            else:  # a tie: flag the spelling that occurs later
                last_a = max(o[1] for o in where[a])
                last_b = max(o[1] for o in where[b])
                rare, usual = (a, b) if last_a > last_b else (b, a)
                targets = where[rare]
            usual_rows = sorted({o[1] + 1 for o in where[usual]})
            for word, row, sid, start, end, *_ in targets:
                if (rare, row) in flagged:
                    continue
                flagged.add((rare, row))
                yield Finding("names", row, "Fluency/Inconsistency", "minor",
                              f"{rare!r} here, {usual!r} in row{'s' if len(usual_rows) > 1 else ''} "
                              f"{', '.join(map(str, usual_rows[:6]))}: the same name?",
                              f"{rare}>{usual}", span=Span("tgt", sid, start, end),
                              suggestion=usual)
    # 2. a mid-sentence capitalized name also written in lower case mid-sentence
    mid_caps = {o[0] for o in occ if not o[5] and not o[6] and o[0][:1].isupper()
                and len(o[0]) >= MIN_LEN and not o[0].isupper()}
    for name in sorted(mid_caps):
        low = name[0].lower() + name[1:]
        lows = [o for o in where.get(low, []) if not o[5]]
        standalone = sum(1 for o in where[name] if not o[5] and not o[6])
        if len(lows) > standalone:  # mostly lower case: a common word, capitalized somewhere
            continue
        for word, row, sid, start, end, initial, _ in lows:
            if initial or (low, row) in flagged:
                continue
            flagged.add((low, row))
            yield Finding("names", row, "Fluency/Inconsistency", "minor",
                          f"{low!r} in lower case here, {name!r} elsewhere",
                          f"{low}>{name}", span=Span("tgt", sid, start, end), suggestion=name)
