"""Sentence segmentation by SRX rules (Segmentation Rules eXchange 2.0), as CAT tools do it.

A translation memory is only applied by a CAT tool when its source segments are the tool's
own segments, so ``workbench align --segmentation srx`` splits paragraphs the way OmegaT,
memoQ or Trados would: by the rules of an SRX file. :data:`DEFAULT_RULES` is workbench's own
file (``rules/workbench.srx``, written for this project from the SRX standard; see its
header), which breaks where OmegaT's default rules break for Russian and English; a user's
own file (``--srx-rules FILE.srx``: OmegaT's, LanguageTool's, one exported from memoQ or
Trados) is read the same way.

How a paragraph is split (the SRX 2.0 algorithm, as OmegaT implements it):

- The language rules that apply are those of every ``languagemap`` whose pattern matches the
  language code, in the file's order (``cascade``; with ``cascade="no"`` only the first).
- Each rule names a regular expression before the break and one after it. Every position where
  some ``beforebreak`` match ends and an ``afterbreak`` match starts is a candidate; the first
  rule (in order) that fits a position decides it: break (``break="yes"``) or not.
- Segments are the text between breaks with the white space around them removed.

The rules are Java regular expressions. They are run with the ``regex`` module, which knows
``\\p{Lu}``, ``\\P{L}``, ``\\p{InCyrillic}`` and class intersections (``[a-z&&[^x]]``); ``\\s``,
``\\d`` and ``\\w`` are ASCII-only as in Java, and ``\\Q...\\E`` is translated. The XML is
parsed without DTDs or entities (a rules file is data, never a way to read other files).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .errors import InputError

SRX_NS = "http://www.lisa.org/srx20"
SRX1_NS = "http://www.lisa.org/srx10"
#: workbench's own rules, shipped with the package
DEFAULT_RULES = Path(__file__).resolve().parent / "rules" / "workbench.srx"
MAX_RULES_BYTES = 20 * 1024 * 1024

#: Java's \s, \d, \w (ASCII only, unlike Python's)
_JAVA_CLASSES = {"s": " \\t\\n\\x0B\\f\\r", "d": "0-9", "w": "a-zA-Z_0-9"}
_JAVA_NEGATED = {"S": "s", "D": "d", "W": "w"}
#: Java's named classes that the regex module spells otherwise
_JAVA_PROPERTIES = {
    "javaLowerCase": "Ll", "javaUpperCase": "Lu", "javaWhitespace": "White_Space",
    "javaLetter": "L", "javaDigit": "Nd", "javaLetterOrDigit": "Alnum", "javaAlphabetic": "Alpha",
    "IsAlphabetic": "Alpha", "IsLetter": "L", "IsDigit": "Nd", "IsUppercase": "Upper",
    "IsLowercase": "Lower", "IsWhite_Space": "White_Space", "IsPunctuation": "P",
}


def java_to_python(pattern: str) -> str:
    """A Java regular expression in the ``regex`` module's syntax (see the module doc)."""
    out: list[str] = []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                end = n if end < 0 else end
                out.append(regex.escape(pattern[i + 2:end]))
                i = end + 2
                continue
            if nxt in _JAVA_CLASSES:
                chars = _JAVA_CLASSES[nxt]
                out.append(chars if depth else f"[{chars}]")
            elif nxt in _JAVA_NEGATED and not depth:
                out.append(f"[^{_JAVA_CLASSES[_JAVA_NEGATED[nxt]]}]")
            elif nxt in "pP" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.find("}", i + 3)
                name = pattern[i + 3:end] if end > 0 else ""
                if name in _JAVA_PROPERTIES:
                    out.append(f"\\{nxt}{{{_JAVA_PROPERTIES[name]}}}")
                    i = end + 1
                    continue
                out.append(pattern[i:i + 2])
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        out.append(ch)
        i += 1
    return "".join(out)


def _compile(pattern: str, where: str) -> "regex.Pattern[str]":
    py = java_to_python(pattern)
    for flags in (regex.V1 | regex.DOTALL, regex.V0 | regex.DOTALL):
        try:
            return regex.compile(py, flags)
        except regex.error as exc:
            err = exc
    raise InputError(f"has a rule this workbench cannot read ({where}: {pattern!r}: {err})",
                     hint="fix the regular expression, or leave the rule out")


@dataclass(frozen=True)
class Rule:
    """One SRX rule: break or not where ``before`` ends and ``after`` starts."""

    brk: bool
    before: "regex.Pattern[str] | None"
    after: "regex.Pattern[str] | None"

    def positions(self, text: str) -> list[int]:
        """Where this rule applies, as OmegaT finds them: each successive match of the
        before-break pattern whose end is the start of a match of the after-break pattern."""
        if self.before is None and self.after is None:
            return []
        if self.before is None:
            return [m.start() for m in self.after.finditer(text)]  # type: ignore[union-attr]
        if self.after is None:
            return [m.end() for m in self.before.finditer(text)]
        out = []
        for m in self.before.finditer(text):
            end = m.end()
            if self.after.match(text, end):
                out.append(end)
        return out


@dataclass(frozen=True)
class Rules:
    """A parsed SRX file: named language rules and the map from language codes to them."""

    path: str
    languages: dict[str, tuple[Rule, ...]]
    maps: tuple[tuple["regex.Pattern[str]", str], ...]
    cascade: bool = True

    def for_language(self, lang: str) -> tuple[Rule, ...]:
        """The rules for a language code ("ru", "en-GB"), in the order they apply."""
        out: list[Rule] = []
        for pattern, name in self.maps:
            if pattern.fullmatch(lang) or pattern.fullmatch(lang.upper()):
                out.extend(self.languages.get(name, ()))
                if not self.cascade:
                    break
        return tuple(out)

    def splitter(self, lang: str) -> "Splitter":
        return Splitter(self.for_language(lang))


@dataclass(frozen=True)
class Splitter:
    """Splits paragraphs of one language by its rules."""

    rules: tuple[Rule, ...]

    def breaks(self, text: str) -> list[int]:
        decided: dict[int, bool] = {}
        for rule in self.rules:
            for pos in rule.positions(text):
                if 0 < pos < len(text):
                    decided.setdefault(pos, rule.brk)
        return sorted(p for p, brk in decided.items() if brk)

    def split(self, text: str) -> list[str]:
        """The segments of a paragraph, white space around them removed (Java's notion of
        white space: a no-break space stays)."""
        out, start = [], 0
        for pos in [*self.breaks(text), len(text)]:
            seg = _trim(text[start:pos])
            if seg:
                out.append(seg)
            start = pos
        return out


_KEEP = "\u00a0\u2007\u202f"  # Character.isWhitespace is false for the no-break spaces


def _trim(text: str) -> str:
    a, b = 0, len(text)
    while a < b and text[a].isspace() and text[a] not in _KEEP:
        a += 1
    while b > a and text[b - 1].isspace() and text[b - 1] not in _KEEP:
        b -= 1
    return text[a:b]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_rules(data: bytes, path: str = "<srx>") -> Rules:
    """Rules from the bytes of an SRX 1.0 or 2.0 file; a broken file is an InputError."""
    from .readers.xmlsafe import parse_xml

    root = parse_xml(data, path, what="an SRX rules file")
    if _local(root.tag) != "srx":
        raise InputError("is not an SRX rules file (its root element is not <srx>)", path=path,
                         hint="give an .srx file exported from a CAT tool")
    header = next((e for e in root if _local(e.tag) == "header"), None)
    cascade = True
    if header is not None and header.get("cascade", "yes").lower() == "no":
        cascade = False
    languages: dict[str, tuple[Rule, ...]] = {}
    maps: list[tuple[regex.Pattern[str], str]] = []
    for el in root.iter():
        name = _local(el.tag) if isinstance(el.tag, str) else ""
        if name == "languagerule":
            rule_name = el.get("languagerulename", "")
            rules = []
            for k, r in enumerate(e for e in el if _local(e.tag) == "rule"):
                where = f"{rule_name} rule {k + 1}"
                before = after = None
                for part in r:
                    text = part.text or ""
                    if _local(part.tag) == "beforebreak" and text:
                        before = _compile(text, where)
                    elif _local(part.tag) == "afterbreak" and text:
                        after = _compile(text, where)
                rules.append(Rule(r.get("break", "yes").lower() != "no", before, after))
            languages[rule_name] = tuple(rules)
        elif name == "languagemap":
            maps.append((_compile(el.get("languagepattern", ".*"), "languagemap"),
                         el.get("languagerulename", "")))
    if not maps:
        raise InputError("has no <languagemap> (no rules apply to any language)", path=path,
                         hint="give a complete SRX file")
    return Rules(path, languages, tuple(maps), cascade)


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> Rules:
    from .readers.limits import read_limited

    return parse_rules(read_limited(Path(path), MAX_RULES_BYTES, "SRX rules file"), path)


def load_rules(path: str | Path | None = None) -> Rules:
    """The rules of an SRX file (workbench's own when ``path`` is None), cached per file."""
    p = Path(path) if path is not None else DEFAULT_RULES
    try:
        mtime = p.stat().st_mtime_ns
    except FileNotFoundError:
        raise InputError("file not found", path=str(p), hint="check the path of --srx-rules") \
            from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    return _load(str(p), mtime)
