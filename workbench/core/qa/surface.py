"""Surface checks: untranslated text, unbalanced quotes and brackets, double spaces, and a
final punctuation mark of another kind.

- ``untranslated``: a row whose two sides are the same text (letters compared, case and
  punctuation ignored), or letters of the source's script left in the target (Cyrillic in an
  English translation, Chinese characters in an English one; never Latin): Accuracy/
  Untranslated, major.
- ``brackets``: on each side, ( ) [ ] « » “ ” „ “, straight double quotes and the full-width
  （ ） 「 」 『 』 《 》 【 】 must pair up
  (matched over the whole side: a quotation may run over several rows); each stray mark is
  reported in its row: Fluency/Punctuation, minor, with the span of the mark.
- ``spaces``: two or more spaces in a sentence: Fluency/Punctuation, minor.
- ``end-punctuation``: the row ends in ``?``, ``!`` or ``.`` (or ``？``, ``！``, ``。``) on one
  side and in another of these on the other, and that mark is not used as often on the two sides (so a question or
  exclamation that only moved inside a restructured row is not flagged): Fluency/Punctuation,
  minor. Rows ending in ``:``, ``;`` or no mark are not judged (list items, headings).
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from ..document import Document
from ..langtags import base_lang
from ..review import Span
from ..scripts import LANG_SCRIPTS, first_run, script_name, script_of
from . import Context, Finding, joined, span_in, two_sided

#: Chinese and Japanese brackets and quotes (full width) pair up as the Latin ones do
_CJK_PAIRS = {"（": "）", "［": "］", "「": "」", "『": "』", "《": "》", "【": "】", "〈": "〉"}
_CLOSERS = {")": "(", "]": "[", "»": "«", "”": "“", **{c: o for o, c in _CJK_PAIRS.items()}}
_OPENERS = {"(": ")", "[": "]", "«": "»", "“": "”", "„": "“", **_CJK_PAIRS}
_TRAILING = "\"'»”“’)]*… \u00a0" + "".join(_CJK_PAIRS.values())
#: full-width end marks read as their Latin ones
_FULL_WIDTH = {"。": ".", "．": ".", "？": "?", "！": "!"}


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def check_untranslated(doc: Document, ctx: Context) -> Iterator[Finding]:
    # the source's scripts that the target's language is not written in (Latin names and
    # brands are at home in any text)
    left_over = frozenset(LANG_SCRIPTS.get(base_lang(doc.source.lang), frozenset())
                          - LANG_SCRIPTS.get(base_lang(doc.target.lang), frozenset()) - {"Latin"})
    for row, src, tgt in two_sided(doc):
        s_text, t_text = joined(src), joined(tgt)
        letters = _letters(t_text)
        if letters and letters == _letters(s_text) and any(ch.isalpha() for ch in letters):
            yield Finding("untranslated", row, "Accuracy/Untranslated", "major",
                          "the target is the same text as the source", "same-text",
                          span=span_in("tgt", tgt, 0, len(tgt[0].text)))
            continue
        if left_over:
            for s in tgt:
                run = first_run(s.text, left_over)
                if run:
                    words = s.text[run[0]:run[1]]
                    script = script_of(words[0])
                    label = script_name(script) if script != "Cyrillic" else "Cyrillic text"
                    yield Finding("untranslated", row, "Accuracy/Untranslated", "major",
                                  f"{label} left in the translation: {words!r}",
                                  f"script:{words}", span=span_in("tgt", [s], *run))
                    break


_STRAIGHT_OPENS = re.compile(r"(?:^|[\s(\[{«“„—–-])$")


def unbalanced(text: str) -> list[tuple[int, str]]:
    """Positions and characters of quotes/brackets without a partner.

    A straight double quote opens after a space, a bracket or a dash (or at the start) and
    closes otherwise, so a stray one is found where it is (Dragons" Den), not at the end.
    """
    stack: list[tuple[int, str]] = []
    stray: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch == '"':
            if _STRAIGHT_OPENS.search(text[max(0, i - 1):i]) or i == 0:
                stack.append((i, ch))
            elif stack and stack[-1][1] == '"':
                stack.pop()
            else:
                stray.append((i, ch))
            continue
        if ch == "“" and stack and stack[-1][1] == "„":  # Russian/German „…“
            stack.pop()
            continue
        if ch in _CLOSERS:
            if stack and stack[-1][1] == _CLOSERS[ch]:
                stack.pop()
            elif any(o == _CLOSERS[ch] for _, o in stack):  # closes an outer one: inner strays
                while stack[-1][1] != _CLOSERS[ch]:
                    stray.append(stack.pop())
                stack.pop()
            else:
                stray.append((i, ch))
            continue
        if ch in _OPENERS:
            stack.append((i, ch))
    stray.extend(stack)
    return sorted(stray)


def check_brackets(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Pairs are matched over the whole side, so a quotation running over several rows is
    fine; each stray mark is reported in its row."""
    for side in ("src", "tgt"):
        sentences = doc.side(side).sentences
        starts, pos = [], 0
        for s in sentences:
            starts.append(pos)
            pos += len(s.text) + 1
        text = " ".join(s.text for s in sentences)
        by_sentence: dict[int, list[tuple[int, str]]] = {}
        k = 0
        for at, ch in unbalanced(text):
            while k + 1 < len(starts) and starts[k + 1] <= at:
                k += 1
            by_sentence.setdefault(k, []).append((at - starts[k], ch))
        rows = {}
        for bi, b in enumerate(doc.beads):
            for sid in getattr(b, side):
                rows[sid] = bi
        by_row: dict[int, list[tuple[int, int, str]]] = {}
        for k, marks in by_sentence.items():
            s = sentences[k]
            by_row.setdefault(rows[s.id], []).extend((s.id, at, ch) for at, ch in marks)
        lang = doc.side(side).lang
        for row in sorted(by_row):
            marks = by_row[row]
            shown = " ".join(ch for _, _, ch in marks)
            sid, at, _ = marks[0]
            yield Finding("brackets", row, "Fluency/Punctuation", "minor",
                          f"unbalanced quotes or brackets in the {lang} text: {shown}",
                          f"{side}:{shown}", span=Span(side, sid, at, at + 1))


def _sides(doc: Document, row: int) -> Iterator[tuple[str, Sequence]]:
    b = doc.beads[row]
    if b.src:
        yield "src", [doc.source.get(i) for i in b.src]
    if b.tgt:
        yield "tgt", [doc.target.get(i) for i in b.tgt]


def check_spaces(doc: Document, ctx: Context) -> Iterator[Finding]:
    for row in range(len(doc.beads)):
        for side, sentences in _sides(doc, row):
            for s in sentences:
                m = re.search(r"[ \t\u00a0]{2,}", s.text)
                if m:
                    before = s.text[max(0, m.start() - 12):m.start()]
                    yield Finding("spaces", row, "Fluency/Punctuation", "minor",
                                  f"double space in the {doc.side(side).lang} text after "
                                  f"{before!r}", f"{side}:{s.id}:{before}",
                                  span=span_in(side, [s], m.start(), m.end()), suggestion=" ")


def final_mark(text: str) -> str | None:
    """?, ! or . ending the text (closing quotes and brackets skipped; Chinese and Japanese
    。？！ read as . ? !); None for others."""
    t = text.rstrip(_TRAILING)
    last = _FULL_WIDTH.get(t[-1:], t[-1:])
    if last in ("?", "!", "."):
        return last
    if text.rstrip().endswith("…"):
        return "."
    return None


def _count(text: str, mark: str) -> int:
    """How often ``mark`` (? or !) is used in ``text``, full-width forms included."""
    return text.count(mark) + sum(text.count(f) for f, m in _FULL_WIDTH.items() if m == mark)


def check_end_punctuation(doc: Document, ctx: Context) -> Iterator[Finding]:
    for row, src, tgt in two_sided(doc):
        s_text, t_text = joined(src), joined(tgt)
        a, b = final_mark(s_text), final_mark(t_text)
        if a is None or b is None or a == b:
            continue
        marked = a if a != "." else b  # the ? or ! at stake
        if _count(s_text, marked) == _count(t_text, marked):
            continue
        last = tgt[-1]
        end = len(last.text.rstrip(_TRAILING))
        wide = last.text[end - 1:end] in _FULL_WIDTH  # a Chinese target gets 。？！
        suggestion = next((f for f, m in _FULL_WIDTH.items() if m == a), a) if wide else a
        yield Finding("end-punctuation", row, "Fluency/Punctuation", "minor",
                      f"the {doc.source.lang} row ends with {a!r}, the {doc.target.lang} one "
                      f"with {b!r}", f"{a}{b}",
                      span=span_in("tgt", [last], end - 1, end), suggestion=suggestion)
