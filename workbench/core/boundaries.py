"""Repairs to the sentence cuts that pysbd and razdel make in a paragraph.

Both splitters know their abbreviations; what they get wrong is mostly quotation, counted by
``bench/segmentation.py`` on the NTREX development documents (one sentence per line, joined
into paragraphs as a user's text arrives):

- pysbd keeps a quotation of several sentences as one sentence ("We came. We saw. We won."),
  and a stray quote mark can pair with one many sentences later, so that a whole article
  becomes one sentence (English NTREX: 70 of 852 sentence ends missed); razdel, and pysbd
  for Chinese, cut inside quotations, so the two sides of a translation disagree;
- a closing quote after the last sentence of a quotation comes out as a sentence of its
  own ("), or opens the next one (" Dann ging er.);
- razdel takes the full stop after a number's unit for an abbreviation's ("в 2018 г. | В
  другом интервью" is not cut);
- German "am 10. Juli" is cut before the date, French "13 h. 30" and "p. 91" after the
  abbreviation, and in a language with no splitter of its own (razdel's rules stand in) a
  title before a name: Portuguese "O Sr. | Silva";
- pysbd cuts Spanish dialogue before its speaker (¿Vienes? | —preguntó ella.);
- pysbd keeps Japanese quotations one after another together (「本当ですか？」「はい。」);
- Korean (razdel stands in) is cut before the speaker of a quotation (“어디 가?” | 그가 물었다.);
- pysbd cuts Chinese after a comma inside a quotation (“……，”他说) and before the speaker
  of a quotation (“真的吗？”他问道。), where English keeps "“Really?” he asked." whole.

The repairs work on cut positions in the paragraph, so every sentence is a slice of the
paragraph's own text: nothing is added, dropped or respaced.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .langtags import base_lang
from .scripts import SPACELESS

#: the marks that end a sentence
END_MARKS = ".!?…。！？‼⁇⁈⁉"
#: marks that may follow an end mark and still belong to the sentence
TRAILERS = "\"'”’»«」』）》】〕〉)]"
#: marks that only ever close a quotation or bracket (not », which opens one in German)
_CLOSERS = "”’」』）》】〕〉)]"
#: marks that stand inside a sentence, never at its start
_MIDDLE = ",，、;；:："
#: a quotation of some length: straight, curly, guillemets either way round, German „…“
#: (single quotes, as British English writes them, only from a capital to an end mark and a
#: quote that no letter follows, since ' and ’ are apostrophes too: don't, O'Hagan)
_QUOTATION = re.compile(r'"[^"]{8,}"|“[^”]{8,}”|«[^»]{8,}»|»[^«]{8,}«|„[^“”]{8,}[“”]'
                        r"|(?<![\w'’])['‘](?=[A-Z]).{8,}?[.!?,]['’](?![\w'’])")
#: an end mark inside a quotation's text followed by more of it
_INNER_END = re.compile(r"[.!?…](?:\s|$)")
#: a sentence end at a closing quote, or before an opening one, then a capital
_END_AT_QUOTE = re.compile(
    r'[.!?…]\s?[»«”"]\s+(?=["“«„»]?\s?\w)|[.!?…]\s+(?=["“«„]\s?\w)'
    r"|[.!?…]\s+(?=['‘][A-Z])")
#: the same in Chinese, where no capital follows: 。" 但是… / 吗?” 国民队…
_END_AT_QUOTE_ZH = re.compile(r'[。！？!?…]["”」』’]+(?=[^，,、：:。！？!?"”」』’\s])')
#: a number and a unit at the end of a Russian sentence, where razdel takes the unit's full stop
#: for an abbreviation's ("в 2018 г. | В другом", "10 см. | Для", "19 км/ч. | Ураган"): a
#: capital after it starts a sentence (a town after "г." has no number before it)
_UNIT_END_RU = re.compile(
    r"(?<=\d)\s?(?:г|гг|в|вв|см|мм|км|м|кг|т|ч|мин|сек|км/ч|м/с|тыс|млн|млрд|руб|долл)\."
    r"(?=\s+[«\"„(]?[А-ЯЁA-Z])")
#: a Japanese quotation that ends a sentence and another that follows it
_QUOTE_AFTER_QUOTE_JA = re.compile(r"[。！？!?…][」』]+(?=\s*[「『])")
#: abbreviations that stand before a number: p. 91, S. 340, h. 30, Nr. 293, vol. 2
_BEFORE_NUMBER = re.compile(
    r"(?:^|[\s(\[])(?:[^\W\d_]|nr|no|bd|vol|art|pp|ch|fig|abb|hr|ca|tel|cap|vv|kl|nº)\.$", re.I)
#: titles before a name, in the languages without a splitter of their own (razdel cuts
#: "O Sr. | Silva", "A Dra. | Costa", "Prof. | Demir"): never a sentence end before a capital
_TITLE = re.compile(
    r"(?:^|[\s(\[\"“«])(?:Mr|Mrs|Ms|Dr|Dra|Drs|Prof|Profa|Sr|Sra|Srta|Sto|Sta|St|Mme|Mlle|Mgr|"
    r"Hr|Hrn|Fr|Frk|Gen|Col|Capt|Cpt|Lt|Sgt|Rev|Hon|Gov|Sen|Rep|Pres|Ing|Arq|Lic|Dott|Sig|"
    r"Doç|Av|Cel|Ten)\.$")
#: a dash that opens a sentence, and the letter after it
_DASH_THEN_WORD = re.compile(r"[—–-]\s?([^\W\d_])")
#: a text ending with an ellipsis (three dots or the one character), closing quotes allowed
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’»)]*$")
#: a Latin initial: "P." in "P. Diddy"
_INITIAL = re.compile(r"(?:^|[^A-Za-z])[A-Z]\.$")
#: the first clause of a Chinese sentence that names who spoke: 他问道 / Wade 说 / 她笑着说
#: (its clause ends the sentence, or opens a further quotation: 她笑着说，“快进来吧。”)
_SPEAKER = re.compile(
    r"^[^，。！？：“”「」]{1,12}?(?:说|道|问|答|喊|叫|称|表示|写道|补充)(?:着|了|过|道)?(?:。|[，：][“「])")
#: the same in Korean, a few words that end with a verb of saying: 그가 물었다. / 김 씨가 말했다.
_SPEAKER_KO = re.compile(
    r"^(?:\S+\s+){0,3}?\S*(?:말했|물었|대답했|답했|외쳤|소리쳤|속삭였|중얼거렸|덧붙였|밝혔)다[.,]"
    r"|^(?:참조|참고)")  # ... or "see": 6.10절 “pool 디렉터리 안에는 무엇이 있나요?” 참조.
#: a Korean cross-reference's label before the title it quotes: 6.10절. “…” (section 6.10)
_LABEL_KO = re.compile(r"\d+(?:\.\d+)*\s?[절장]\.$")
_SPACELESS = {"zh", "ja"}
#: the number that starts a heading or a list item: "10.1.", "Chapter 10.", "Глава 3." (it
#: goes with the title or text after it)
_NUMBER_LABEL = re.compile(r"(?:[^\W\d_]{1,12}\s)?\d{1,3}(?:\.\d{1,3})*\.?")
#: the same without a word, anywhere in a paragraph: a contents list or a numbered list read as
#: one paragraph ("4.2. Can I …? 4.3. How …?")
_NUMBER_ONLY = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.")
#: a footnote mark after a sentence's end mark ("changed by you. [2] (Rationale: …)",
#: "Это так.[4] И дальше."): it belongs to the sentence it follows
_FOOTNOTE = re.compile(r"\s?\[\d{1,3}\]")
_TRAILING_FOOTNOTE = re.compile(_FOOTNOTE.pattern + "$")
_FOOTNOTE_END = re.compile(r"[.!?…。！？][\"'”’»)]*\s?\[\d{1,3}\](?=\s+[\"“«„(]?[^\W\d_])")
#: Chinese or Japanese text that goes on right after a Latin phrase's own end mark: "Debian
#: FAQ: Which other codenames have been used?に記載されています" (a Chinese or Japanese end
#: mark after Han or kana, 呢? / 了!, stays a sentence end)
_LATIN_END = re.compile(r"[A-Za-z0-9][.!?][)\]\"'”’]*$")
_CJK_START = re.compile(f"[{SPACELESS}]")
#: what may follow an end mark with no space between inside one word of a file name, path,
#: pattern or command (*.desktop, $HOME/.local, ~i!~M, version 2.0): a small letter, a digit
#: or a symbol of such names (a capital stays a sentence end: a missing space, "back!Really")
_GLUED = re.compile(r"[.!?](?=[a-z0-9~/*$_\\\-.=#%&@|<>+])")


def repair(paragraph: str, cuts: list[int], lang: str,
           resplit: Callable[[str], list[str]] | None = None,
           stand_in: bool = False) -> list[int]:
    """The cuts (offsets in the paragraph where a sentence ends) after every repair.
    ``resplit`` is the splitter that made the cuts when it keeps quotations whole (pysbd):
    it is run again on the text of each quotation. ``stand_in``: the cuts come from another
    language's rules (razdel's), which do not know this language's titles."""
    lang = base_lang(lang)
    cuts = sorted(set(c for c in cuts if 0 < c < len(paragraph)))
    if resplit is not None and lang not in _SPACELESS:
        cuts = _cut_quotations(paragraph, cuts, resplit)
        cuts = _cut_after_closing_quotes(paragraph, cuts)
    if lang == "ru":
        cuts = _cut_after(paragraph, cuts, _UNIT_END_RU)
    if lang == "zh":  # Japanese goes on after a quotation (」と彼は言った), as pysbd knows
        cuts = _cut_after_chinese_quotes(paragraph, cuts)
    if lang == "ja":  # ... but one quotation after another is a new sentence: 「…？」「…。」
        cuts = _cut_after(paragraph, cuts, _QUOTE_AFTER_QUOTE_JA)
    cuts = _inside_words(paragraph, cuts)
    cuts = _footnotes_back(paragraph, cuts)
    cuts = _closers_back(paragraph, cuts)
    cuts = _join(paragraph, cuts, lambda prev, nxt: not _has_word(nxt))
    cuts = _join(paragraph, cuts, lambda prev, nxt: not _has_word(prev))
    cuts = _join(paragraph, cuts, lambda prev, nxt: not _ends_sentence(prev))
    cuts = _join(paragraph, cuts, lambda prev, nxt: nxt[:1].isdigit() and bool(
        _BEFORE_NUMBER.search(prev)))
    if stand_in:  # pysbd and razdel know their own languages' titles ("on 5th Av. | It")
        cuts = _join(paragraph, cuts, lambda prev, nxt: nxt[:1].isupper() and bool(
            _TITLE.search(prev)))
    cuts = _join(paragraph, cuts, lambda prev, nxt: _continues_after_dash(nxt))
    cuts = _join(paragraph, cuts, lambda prev, nxt: _continues_after_ellipsis(prev, nxt))
    cuts = _join(paragraph, cuts, lambda prev, nxt: nxt[:1] == "(" and nxt[1:2].islower())
    if cuts and _NUMBER_LABEL.fullmatch(paragraph[:cuts[0]].strip()):
        cuts = cuts[1:]  # a heading's number: "Chapter 10. | Debian and the kernel"
    cuts = _join(paragraph, cuts, lambda prev, nxt: bool(_NUMBER_ONLY.fullmatch(prev)))
    cuts = [c for c in cuts if not _inside_brackets(paragraph, c)]
    if lang in _SPACELESS:
        cuts = _join(paragraph, cuts, lambda prev, nxt: bool(_INITIAL.search(prev)))
        cuts = _join(paragraph, cuts, lambda prev, nxt: bool(
            _LATIN_END.search(prev) and _CJK_START.match(nxt)))
    if lang == "zh":
        cuts = _join(paragraph, cuts, _speaker_follows)
    if lang == "ko":
        cuts = _join(paragraph, cuts, lambda prev, nxt: _after_quotation(prev) and bool(
            _SPEAKER_KO.match(nxt)))
        cuts = _join(paragraph, cuts, lambda prev, nxt: nxt[:1] in "“\"「'‘" and bool(
            _LABEL_KO.search(prev)))
    return cuts


def sentences(paragraph: str, cuts: list[int]) -> list[str]:
    """The paragraph's sentences between the cuts, without the white space around them."""
    bounds = [0, *cuts, len(paragraph)]
    return [s for a, b in zip(bounds, bounds[1:]) if (s := paragraph[a:b].strip())]


def cuts_of(paragraph: str, parts: list[str]) -> list[int] | None:
    """Where the parts a splitter returned end in the paragraph; None when a part is not
    found in order (a splitter that changed the text)."""
    cuts, pos = [], 0
    for part in parts:
        at = paragraph.find(part, pos)
        if at < 0:
            return None
        pos = at + len(part)
        cuts.append(pos)
    return cuts[:-1]


def _cut_after(paragraph: str, cuts: list[int], pattern: re.Pattern) -> list[int]:
    """The cuts and one after every match of ``pattern``."""
    return sorted(set(cuts) | {m.end() for m in pattern.finditer(paragraph)})


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _ends_sentence(text: str) -> bool:
    """Does the text end with an end mark, perhaps followed by closing quotes or brackets?"""
    text = _TRAILING_FOOTNOTE.sub("", text.rstrip())
    return text.rstrip().rstrip(TRAILERS).rstrip()[-1:] in set(END_MARKS)


def _pieces_between(paragraph: str, cuts: list[int]):
    bounds = [0, *cuts, len(paragraph)]
    return list(zip(bounds, bounds[1:]))


#: how much of the sentences on either side of a cut the joins look at
_SEEN = 400


def _join(paragraph: str, cuts: list[int], joins: Callable[[str, str], bool]) -> list[int]:
    """Drop each cut where ``joins(sentence before, sentence after)`` says it is no end."""
    out: list[int] = []
    start = 0
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(paragraph)
        # the ends that meet are enough (and a long run of joins stays linear)
        prev = paragraph[max(start, cut - _SEEN):cut].strip()
        if not joins(prev, paragraph[cut:min(end, cut + _SEEN)].strip()):
            out.append(cut)
            start = cut
    return out


def _inside_words(paragraph: str, cuts: list[int]) -> list[int]:
    """Drop the cuts pysbd makes inside a file name or command: after the dot of *.ext or
    ~/.bashrc, after the ! of ~i!~M (Debian Reference, in every language)."""
    return [c for c in cuts if not _GLUED.match(paragraph, c - 1)]


def _footnotes_back(paragraph: str, cuts: list[int]) -> list[int]:
    """Each cut before a footnote mark moved after it, and a cut after a footnote mark that
    ends a sentence where the splitter made none."""
    moved = {m.end() for m in _FOOTNOTE_END.finditer(paragraph)}
    for c in cuts:
        m = _FOOTNOTE.match(paragraph, c)
        after = paragraph[m.end():] if m else ""
        # the mark ends the paragraph, or a space and no small letter follow it ("[1] is")
        if m and (not after.strip() or after[0].isspace() and not after.lstrip()[0].islower()):
            c = m.end()
        moved.add(c)
    return sorted(c for c in moved if 0 < c < len(paragraph))


def _closers_back(paragraph: str, cuts: list[int]) -> list[int]:
    """A sentence that starts with closing marks, end marks or a comma (the splitter cut after
    the end mark inside the quotation: 他说：“我们不同意。” 然后…; a doubled 。。): they go back
    to the sentence they close. Straight quotes count as closing when white space (or the end)
    follows them and the sentence before has an odd number: Wir sahen." Dann…, but not the
    opening quote of "I yelled…"."""
    out: list[int] = []
    for cut in cuts:
        k = cut
        while k < len(paragraph) and paragraph[k].isspace():
            k += 1
        j = k
        while j < len(paragraph) and paragraph[j] in _CLOSERS + END_MARKS + _MIDDLE + '"':
            j += 1
        straight = '"' in paragraph[k:j]
        if j > k and (not straight or (j == len(paragraph) or paragraph[j].isspace()) and (
                paragraph[out[-1] if out else 0:cut].count('"') % 2 == 1)):
            cut = j
        out.append(cut)
    return out


def _cut_quotations(paragraph: str, cuts: list[int],
                    resplit: Callable[[str], list[str]]) -> list[int]:
    """Cut a quotation of several sentences where the splitter, run on the quotation's own
    text, ends its sentences (as razdel, pysbd for Chinese and CAT tools do)."""
    new = set(cuts)
    for a, b in _pieces_between(paragraph, cuts):
        for m in _QUOTATION.finditer(paragraph, a, b):
            inner_start, inner = m.start() + 1, m[0][1:-1]
            if not _INNER_END.search(inner.rstrip()):
                continue
            inner_cuts = cuts_of(inner, resplit(inner))
            if inner_cuts:
                new.update(inner_start + c for c in inner_cuts)
    return sorted(new)


def _cut_after_closing_quotes(paragraph: str, cuts: list[int]) -> list[int]:
    """Cut after an end mark and a closing quote, or before an opening one, followed by a
    capital (pysbd keeps 'Er sagte: «Wir kamen.» Dann ging er.' whole, and a stray quote
    mark makes it pair quotes wrongly: '… got to the boy. "I yelled …')."""
    new = set(cuts)
    for m in _END_AT_QUOTE.finditer(paragraph):
        rest = paragraph[m.end():].lstrip("\"“«„»'‘ ")
        if rest[:1].isupper():
            new.add(m.end())
    return sorted(new)


def _cut_after_chinese_quotes(paragraph: str, cuts: list[int]) -> list[int]:
    """Cut after an end mark and a closing quote in Chinese (pysbd does not after
    a straight one: 进程。" 这两座…). A straight quote closes when the text since the last
    cut has an odd number of them; otherwise it opens the next sentence."""
    new = set(cuts)
    added = 0  # the last cut added (matches come in order, each after the one before)
    for m in _END_AT_QUOTE_ZH.finditer(paragraph):
        if '"' in m[0]:
            k = bisect.bisect_right(cuts, m.start())
            last = max(cuts[k - 1] if k else 0, added)
            if paragraph[last:m.start() + m[0].index('"')].count('"') % 2 == 0:
                continue
        new.add(m.end())
        added = m.end()
    return sorted(new)


#: how far a bracket that a cut would fall inside may open before it and close after it
_BRACKET_REACH = 150


def _inside_brackets(paragraph: str, cut: int) -> bool:
    """Does the cut fall inside a short bracket: one opened just before it and closed soon
    after? A cross-reference ("( 6.3절. “sid는 무엇인가요?” 참조)") is no sentence end,
    whatever marks its title has."""
    tail = paragraph[max(0, cut - _BRACKET_REACH):cut]
    if "(" not in tail and "（" not in tail:
        return False
    depth = 0
    for ch in reversed(tail):
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
    else:
        return False
    depth = 0
    for ch in paragraph[cut:cut + _BRACKET_REACH]:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                return True
            depth -= 1
    return False


def _continues_after_dash(nxt: str) -> bool:
    """A dash and a small letter go on with the sentence before, as a speaker after a line of
    dialogue does in Spanish (¿Vienes? —preguntó ella.) and Russian (— кричали люди)."""
    m = _DASH_THEN_WORD.match(nxt)
    return bool(m) and m[1].islower()


def _continues_after_ellipsis(prev: str, nxt: str) -> bool:
    """An ellipsis and a small letter go on with the sentence: "Debian is... what is Linux?!"
    (pysbd cuts there when a question word follows)."""
    return bool(_ELLIPSIS_END.search(prev)) and nxt[:1].isalpha() and nxt[:1].islower()


def _after_quotation(prev: str) -> bool:
    """Does the text end with a quotation that ends a sentence (。” ?" !」 …)?"""
    return prev[-1:] in "”」』\"" and prev.rstrip("”」』\"")[-1:] in "。！？!?.…"


def _speaker_follows(prev: str, nxt: str) -> bool:
    """A Chinese quotation whose speaker follows it: “真的吗？” + 他问道。"""
    return _after_quotation(prev) and bool(_SPEAKER.match(nxt.replace(" ", "")))
