"""Reading text files: encoding, newlines, paragraphs.

A side of a document is read from a plain text file. Paragraphs are separated by newlines
(blank lines are ignored), so both the "one paragraph per line" web dump and the
"blank line between paragraphs" book layout work; a hard-wrapped text (lines broken at about
70 columns inside its paragraphs, hardwrap.py) has its runs of lines joined.

Encodings. A byte-order mark decides first (UTF-8, UTF-16 LE/BE, UTF-32); then strict UTF-8;
then the legacy code pages. charset-normalizer alone confuses the Cyrillic code pages on short
texts (a title in KOI8-R comes out as Shift-JIS, a line of CP866 as CP1125 or UTF-16), so the
four Russian code pages (windows-1251, KOI8-R, CP866, mac-cyrillic) are always tried too and
scored by how Russian the decoded letters look: the frequency of each letter in Russian text,
capitals only where words start (KOI8-R read as windows-1251 swaps the case of every letter),
and a heavy cost for box-drawing and other symbols that ordinary text never has (what CP866
becomes when read as windows-1251, and the reverse). Only bytes above 0x7F count: the ASCII
part is the same in every candidate. When the best two candidates score close, the reader
adds a warning naming both. Files that are not text at all (NUL bytes, control characters,
PDF, Word, images) are refused with a hint. A Chinese, Japanese or Korean multi-byte code page
(Shift_JIS, GBK, Big5, EUC-KR ...) that charset-normalizer names is taken when the whole file
decodes in it to those scripts and no Russian code page reads it as Russian.
"""

from __future__ import annotations

import codecs
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import aozora, gutenberg
from .errors import InputError, read_bytes
from .hardwrap import unwrap
from .langtags import LANG_NAMES, base_lang
from .scripts import CYRILLIC_LANGS

#: codec -> the name a user knows it by
ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE", "utf-32-le": "UTF-32 LE", "utf-32-be": "UTF-32 BE",
    "cp1251": "windows-1251", "koi8_r": "KOI8-R", "cp866": "CP866", "mac_cyrillic":
    "mac-cyrillic", "cp1252": "windows-1252", "latin_1": "ISO-8859-1", "cp1250": "windows-1250",
    "iso8859_15": "ISO-8859-15", "cp932": "Shift_JIS", "shift_jis": "Shift_JIS",
    "euc_jp": "EUC-JP", "iso2022_jp": "ISO-2022-JP", "gb2312": "GB2312", "gbk": "GBK",
    "gb18030": "GB18030", "big5": "Big5", "cp950": "Big5", "euc_kr": "EUC-KR", "cp949": "EUC-KR",
}
#: the multi-byte code pages of Chinese, Japanese and Korean text (as charset-normalizer names
#: them): a Japanese book from Aozora Bunko is Shift_JIS, an older Chinese e-text GBK or Big5
CJK_PAGES = frozenset({
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950",
    "euc_kr", "cp949", "johab"})
#: Chinese, Japanese or Korean characters a text must have to be read in their code page
MIN_CJK = 8
_CJK_CHAR = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
#: the Russian legacy code pages, always candidates
CYRILLIC_PAGES = ("cp1251", "koi8_r", "cp866", "mac_cyrillic")

#: the languages of a text pair when the user names none (the project's pair)
DEFAULT_LANGS = ("ru", "en")



def lang_name(lang: str) -> str:
    """"Russian" for "ru" (and "ru-RU"); the code itself for a language without a name here."""
    return LANG_NAMES.get(lang) or LANG_NAMES.get(base_lang(lang), lang)


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "a PDF file", "export it as plain text (.txt)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub is one)",
     "save it from the word processor as plain text (.txt)"),
    (b"\xd0\xcf\x11\xe0", "a Word 97-2003 document", "save it as plain text (.txt)"),
    (b"{\\rtf", "an RTF document", "save it as plain text (.txt)"),
    (b"\x89PNG", "a PNG image", "give the text file"),
    (b"\xff\xd8\xff", "a JPEG image", "give the text file"),
    (b"GIF8", "a GIF image", "give the text file"),
    (b"\x1f\x8b", "a gzip-compressed file", "unpack it first: gunzip -k FILE"),
    (b"BZh91AY&SY", "a bzip2-compressed file", "unpack it first: bunzip2 -k FILE"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "unpack it first: unxz -k FILE"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file", "unpack it first: unzstd FILE"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first: 7z x FILE"),
)

# Letter frequencies of Russian text (per cent; Lyashevskaya & Sharoff's frequency dictionary)
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}
_LOG_FREQ = {ch: math.log(f / 100) for ch, f in _RU_FREQ.items()}
#: non-ASCII punctuation of ordinary Russian text: cost, and whether it may touch a letter
#: before it / after it ("«слово»", "слово…"); a dash or a "№" glued to letters is what a
#: capital letter becomes in the wrong code page ("—исло", "им€")
_SYMBOLS = {
    "«": (0.01, False, True), "»": (0.01, True, False), "—": (0.01, False, False),
    "–": (0.003, False, False), "…": (0.003, True, False), "„": (0.002, False, True),
    "“": (0.002, True, True), "”": (0.002, True, False), "‘": (0.001, False, True),
    "’": (0.002, True, True), "№": (0.003, False, False), "°": (0.001, False, False),
    "\u00a0": (0.003, False, False), "•": (0.001, False, False), "·": (0.001, False, False),
    "€": (0.001, False, False), "§": (0.001, False, False), "©": (0.001, False, False),
}
_FOREIGN_COST = -13.0  # a letter no Russian text has, box drawing, a control character
_CASE_BREAK = -7.0     # a capital right after a small letter: "оПХБЕР"
_MIXED_SCRIPT = -10.0  # a Cyrillic letter glued to a Latin one
_SENTENCE_ENDS = set(".!?…\n")
_SAMPLE_BYTES = 1 << 16  # the scores are computed on the first 64 KB
_PRINTABLE = bytes(range(0x20, 0x7f))


@dataclass(frozen=True)
class TextFile:
    """The decoded content of a text file, with the hash of its bytes (to detect drift)."""

    path: str
    text: str
    sha256: str
    encoding: str
    warnings: tuple[str, ...] = field(default=())

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def russian_score(text: str) -> float:
    """Mean of :func:`russian_evidence` per character (0 if none)."""
    total, n = russian_evidence(text)
    return total / n if n else 0.0


def russian_evidence(text: str) -> tuple[float, int]:
    """How much the non-ASCII characters of ``text`` look like Russian: log-likelihood
    summed (about -3 a character for Russian prose, below -4.5 for a wrong code page), and the
    number of those characters.

    A letter costs its frequency; a capital costs little at a sentence start, a bit at a word
    start (names), a lot right after a small letter; a small letter at a sentence start costs
    a bit. Punctuation costs its rarity, and much more where it touches letters it should not.
    """
    total, n = 0.0, 0
    prev, sentence_start = "\n", True
    for i, ch in enumerate(text):
        if ch >= "\x80":
            n += 1
            low = ch.lower()
            cost = _LOG_FREQ.get(low)
            if cost is not None:
                capital = ch != low
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if ("a" <= prev.lower() <= "z") or ("a" <= nxt.lower() <= "z"):
                    cost += _MIXED_SCRIPT  # "fьr": a Latin word read in a Cyrillic code page
                if sentence_start:
                    cost += 0.0 if capital else -2.5
                elif capital:
                    if prev.isalpha():
                        cost += _CASE_BREAK if prev.islower() else -0.7
                    else:
                        cost += -1.5
            else:
                cost = _symbol_cost(ch, prev, text[i + 1] if i + 1 < len(text) else " ", 1.0)
            total += cost
        if ch.isalpha():
            sentence_start = False
        elif ch in _SENTENCE_ENDS:
            sentence_start = True
        prev = ch
    return total, n


_WESTERN = set("éèàùâêîôûëïüÿçäößñóáíúòìœæãõåøÉÈÀÙÂÊÎÔÛËÏÜŸÇÄÖÑÓÁÍÚÒÌŒÆÃÕÅØ")
#: the Western code pages tried when the text is not Cyrillic, most common first
LATIN_PAGES = ("cp1252", "iso8859_15", "cp1250")


def _symbol_cost(ch: str, prev: str, nxt: str, weight: float) -> float:
    """A non-letter: the log of how common it is (times ``weight``), very dear where it
    touches a letter it never touches in real text, and dearer still if it is unknown."""
    sym = _SYMBOLS.get(ch)
    if sym is None:
        return _FOREIGN_COST
    freq, touch_before, touch_after = sym
    if (prev.isalpha() and not touch_before) or (nxt.isalpha() and not touch_after):
        return -10.0
    return math.log(freq) * weight


def latin_score(text: str) -> float:
    """The same idea as :func:`russian_score` for Latin-script text: the accented letters of
    Western languages are cheap, other Latin letters dearer, anything else very dear."""
    total, n, prev = 0.0, 0, " "
    for i, ch in enumerate(text):
        if ch >= "\x80":
            n += 1
            if ch in _WESTERN:
                cost = -1.0
                if ch.isupper() and prev.isalpha() and prev.islower():
                    cost += _CASE_BREAK
                if prev >= "\x80" and prev.isalpha():
                    cost -= 5.0  # accented letters come one at a time: "Ïðèâåò" is Russian
            elif ch.isalpha() and ch < "\u0250":
                cost = -4.0
            else:
                cost = _symbol_cost(ch, prev, text[i + 1] if i + 1 < len(text) else " ", 0.5)
            total += cost
        prev = ch
    return total / n if n else 0.0


@dataclass(frozen=True)
class Detection:
    """The encoding chosen for some bytes, and a warning when the choice was close."""

    encoding: str
    bom: int = 0
    warning: str | None = None
    errors: str = "strict"  # "replace": UTF-8 with a few bad bytes, each read as U+FFFD


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha() and c >= "\x80"]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def _cjk_reading(text: str | None) -> bool:
    """Is ``text`` (a file decoded in a Chinese, Japanese or Korean code page, None if it does
    not decode) in those scripts: nearly all its non-ASCII characters theirs, and a third of
    its letters at least (Latin text with a few accented letters decodes to a few Chinese
    characters too)?"""
    if text is None:
        return False
    sample = text[:_SAMPLE_BYTES]
    wide = sum(1 for c in sample if c >= "\x80")
    cjk = len(_CJK_CHAR.findall(sample))
    letters = sum(1 for c in sample if c.isalpha())
    return cjk >= MIN_CJK and cjk >= 0.8 * wide and cjk >= letters / 3


def detect_encoding(data: bytes, lang: str | None = None) -> Detection:
    """The encoding of ``data`` (see the module docstring); raises InputError (no path) when
    the bytes are not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Detection(codec, len(bom))
    for magic, what, hint in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"is {what}, not a plain text file", hint=hint)
    if b"\x00" in data:
        even, odd = data[0::2], data[1::2]
        if odd.count(0) > 0.4 * len(odd) > 0 and even.count(0) < 0.05 * len(even) or \
                even.count(0) > 0.4 * len(even) > 0 and odd.count(0) < 0.05 * len(odd):
            raise InputError("looks like UTF-16 text without a byte-order mark",
                             hint="save it as UTF-8 (or as UTF-16 with a BOM)")
        raise InputError("looks like a binary file (it contains NUL bytes)",
                         hint="give a plain text file")
    if _decodes(data, "utf-8") is not None:
        return Detection("utf-8")
    damaged = utf8_damage(data)
    if damaged is not None:
        return damaged
    scored = []
    sample = data[:_SAMPLE_BYTES]
    for codec in CYRILLIC_PAGES:
        text = _decodes(data, codec)
        if text is not None:
            total, n = russian_evidence(sample.decode(codec))
            scored.append((total / n if n else 0.0, codec, text, total))
    scored.sort(reverse=True)
    best_cyr = scored[0] if scored else None
    import charset_normalizer  # only needed for text that is not UTF-8

    guess = charset_normalizer.from_bytes(data).best()
    guessed = guess.encoding if guess is not None else None
    if guessed is not None and _decodes(_PRINTABLE, guessed) != _PRINTABLE.decode("ascii"):
        guessed = None  # EBCDIC and the like: not a plain text file's encoding today
    # Shift_JIS, GBK, Big5 ...: a single-byte page reads any bytes, but as letters no text
    # has (a Japanese file in CP866 scores about -10 as Russian, Russian prose about -3)
    if guessed in CJK_PAGES and (best_cyr is None or best_cyr[0] <= -5.0) and _cjk_reading(
            _decodes(data, guessed)):
        return Detection(guessed)
    latin = []
    for codec in dict.fromkeys((*LATIN_PAGES, *([guessed] if guessed else []))):
        if _decodes(data, codec) is not None:
            latin.append((latin_score(sample.decode(codec, "replace")), -len(latin), codec))
    best_lat = max(latin) if latin else None
    if best_cyr is not None:
        share = _cyrillic_share(best_cyr[2])
        if lang is not None and base_lang(lang) in CYRILLIC_LANGS:
            cyrillic = share > 0.5
        elif lang is not None:  # another script expected: Cyrillic only if clearly better
            cyrillic = share > 0.8 and best_cyr[0] > -5.0 and (
                best_lat is None or best_cyr[0] > best_lat[0] + 1.5)
        else:
            cyrillic = share > 0.8 and best_cyr[0] > -5.0 and (
                best_lat is None or best_cyr[0] > best_lat[0])
        if cyrillic:
            codec = best_cyr[1]
            warning = None
            if len(scored) > 1 and best_cyr[3] - scored[1][3] < 6.0:  # nats: e^6 = 400 to 1
                other = ENCODING_NAMES[scored[1][1]]
                warning = (f"the encoding was hard to tell: read as {ENCODING_NAMES[codec]}, but "
                           f"it could be {other}; if the text looks garbled, save the file as UTF-8")
            return Detection(codec, warning=warning)
    if best_lat is not None:
        return Detection(best_lat[2])
    raise InputError("is not text in an encoding this workbench can tell",
                     hint="save the file as UTF-8 and try again")


def _bad_utf8(data: bytes) -> tuple[int, int, list[int]]:
    """(valid non-ASCII characters, invalid byte sequences, the first three lines that have
    one) of bytes that are not all valid UTF-8; one pass of the C decoder."""
    text = data.decode("utf-8", "replace")  # each invalid sequence becomes one U+FFFD
    bad = text.count("\ufffd")
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    lines, at, line, seen = [], 0, 1, 0
    while len(lines) < 3:
        found = text.find("\ufffd", at)
        if found < 0:
            break
        line += text.count("\n", seen, found)
        lines.append(line)
        seen = at = text.find("\n", found)  # the next bad sequence on another line
        if at < 0:
            break
    return len(text) - ascii_bytes - bad, bad, lines


def utf8_damage(data: bytes) -> Detection | None:
    """Bytes that are UTF-8 but for a few bad sequences (a damaged download, one pasted
    windows-1251 word): read as UTF-8 with each bad sequence as U+FFFD and a warning naming
    the lines, never as another code page, which would garble every other letter. Bytes that
    mix much UTF-8 with much of something else are refused. None: not UTF-8 at all."""
    valid, bad, at = _bad_utf8(data)
    lines = f"line{'s' if len(at) > 1 else ''} {', '.join(map(str, at))}{' ...' if len(at) == 3 else ''}"
    if valid >= 3 * bad:
        return Detection("utf-8", errors="replace", warning=(
            f"is UTF-8 but for {bad} invalid byte sequence{'s' if bad > 1 else ''} ({lines}), "
            "read as \ufffd: fix the file there, or the sentence in the workbench"))
    if valid >= 20 and valid >= bad:
        raise InputError(f"mixes UTF-8 with another encoding ({valid:,} UTF-8 characters, "
                         f"{bad:,} byte sequences that are not UTF-8, from "
                         f"{lines})", hint="save the whole file in one encoding, UTF-8")
    return None


def _codec(name: str, path: Path) -> str:
    """The canonical codec name for a user's ``--encoding``; a clear error for an unknown one."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"cannot be read as {name!r}: no such encoding", path=str(path),
                         hint="give an encoding name such as utf-8, cp1251, koi8-r, "
                              "mac-cyrillic, cp866, cp1252 or latin-1") from None


#: the control characters (category Cc) other than tab, newlines and form feed
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    """The share of control characters (one regex pass: linear and in C on any size)."""
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROLS.finditer(text)) / len(text)


def read_text(path: str | Path, lang: str | None = None, encoding: str | None = None) -> TextFile:
    """Read a text file in any encoding :func:`detect_encoding` knows; CRLF and CR become LF.

    ``lang`` (the side's language) settles the Cyrillic code pages for a Cyrillic language;
    ``encoding`` (a codec name) overrides the detection when the user knows better.
    """
    p = Path(path)
    data = read_bytes(p, InputError, "text file")
    if not data:
        raise InputError("is empty (0 bytes)", path=str(p), hint="give the file with the text")
    if encoding:
        codec = _codec(encoding, p)
        found = Detection(codec, 3 if codec == "utf-8" and data.startswith(codecs.BOM_UTF8) else 0)
    else:
        try:
            found = detect_encoding(data, lang)
        except InputError as exc:
            raise InputError(exc.message, path=str(p), hint=exc.hint) from None
    try:
        text = data[found.bom:].decode(found.encoding.removesuffix("-sig"), found.errors)
    except UnicodeDecodeError as exc:
        line = data[found.bom: found.bom + exc.start].count(b"\n") + 1
        hint = ("the encoding was given: check the name, or leave it out to let workbench tell"
                if encoding else "save the file as UTF-8 and try again")
        raise InputError(f"is not valid {ENCODING_NAMES.get(found.encoding, found.encoding)}",
                         path=str(p), line=line, hint=hint) from None
    if _control_share(text) > 0.01:
        raise InputError("looks like a binary file (it is full of control characters)",
                         path=str(p), hint="give a plain text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = (found.warning,) if found.warning else ()
    return TextFile(str(p), text, hashlib.sha256(data).hexdigest(), found.encoding, warnings)


def script_shares(text: str) -> tuple[float, float]:
    """(Cyrillic, Latin) shares of the letters of ``text``."""
    cyr = lat = 0
    for c in text:
        if c.isalpha():
            if "\u0400" <= c <= "\u04ff":
                cyr += 1
            elif c < "\u0250":
                lat += 1
    n = cyr + lat
    return (cyr / n, lat / n) if n else (0.0, 0.0)


#: characters of dense scripts: Han (a Chinese translation has about a third of the English
#: characters) and kana or Hangul (Japanese and Korean about half)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_HANGUL = re.compile("[\u3040-\u30ff\uac00-\ud7af]")


def text_size(text: str) -> int:
    """The length of a text in Latin-script characters: a Chinese character counts 3, a kana or
    Hangul syllable 2, so that a text and its translation measure about the same."""
    if not text or max(text) < "\u3040":
        return len(text)
    return len(text) + 2 * len(_HAN.findall(text)) + len(_KANA_HANGUL.findall(text))


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one per non-blank line, surrounding whitespace removed; a
    hard-wrapped text (hardwrap.py) one per run of lines between blank lines."""
    return [p for _, p in paragraph_lines(text)]


def paragraph_lines(text: str) -> list[tuple[int, str]]:
    """``paragraphs`` with the line (1-based) each one starts on."""
    return read_paragraphs(text)[0]


class ParagraphsRead(NamedTuple):
    """A plain text's paragraphs, with the line (1-based) each starts on, and how its layout
    was read: the width (columns) its lines are broken at, if it is hard-wrapped (hardwrap.py);
    the lines (first, end; 0-based) of the book, if it is framed by Project Gutenberg's header
    and licence, which are left out (gutenberg.py); for an Aozora Bunko text, whose ruby and
    notes are left out, the lines of its block explaining the symbols and the first line of
    its colophon, left out too (aozora.py)."""

    lines: list[tuple[int, str]]
    wrapped: int | None
    book: tuple[int, int] | None
    aozora: tuple[tuple[int, int] | None, int | None] | None = None


def read_paragraphs(text: str) -> ParagraphsRead:
    """``paragraph_lines``, and how the text's layout was read (``ParagraphsRead``)."""
    raw, book = gutenberg.blanked(text.split("\n"))
    marked = None
    if aozora.is_aozora(raw):
        raw, block, colophon = aozora.cleaned(raw)
        marked = (block, colophon)
    wrapped, lines = laid_out(raw)
    return ParagraphsRead(lines, wrapped, book, marked)


def laid_out(raw: list[str]) -> tuple[int | None, list[tuple[int, str]]]:
    """The paragraphs of lines of text, each with its line (1-based), and the width they are
    wrapped at: a paragraph per non-blank line, or a hard-wrapped text's (hardwrap.py)."""
    unwrapped = unwrap(raw)
    if unwrapped is not None:
        return unwrapped
    return None, [(n, line.strip()) for n, line in enumerate(raw, 1) if line.strip()]


def lines(text: str) -> list[str]:
    """Pre-segmented input: one segment per non-blank line (benchmark corpora come this way)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


#: a line that only marks a paragraph's end in pre-segmented text (hunalign's input format)
PARAGRAPH_MARK = "<p>"


def segment_blocks(text: str) -> list[list[str]]:
    """Pre-segmented input as paragraphs: the segments (non-blank lines) of each run of lines
    between blank lines or lines that are only ``<p>`` (hunalign's paragraph mark)."""
    out: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if not line or line == PARAGRAPH_MARK:
            if out[-1]:
                out.append([])
        else:
            out[-1].append(line)
    return [b for b in out if b]
