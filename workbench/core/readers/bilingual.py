"""Bilingual files as input: XLIFF 1.2, XLIFF 2.0 and TMX. Their segments are already paired:
each pair becomes one row (a unit with an empty target a 1-0 row), to be reviewed and, where
the pairing is wrong, re-aligned. Each segment is one sentence (never re-split) in a
paragraph of kind ``segment`` whose ``where`` is the unit (``unit ID``, ``tu N``).

Rows start ``confirmed`` where the file says the translation is done (XLIFF 1.2
``approved="yes"`` or a ``final``/``signed-off`` target, XLIFF 2.0 ``state="final"``, a TMX
written by workbench with ``x-workbench-status`` confirmed), else ``proposed``. Inline codes
(``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<ut>`` hold the original format's markup) are not
text; ``<g>``, ``<pc>``, ``<mrk>``, ``<hi>`` keep theirs; ``<cp hex>`` is its character.
Units marked translate="no" are left out. Parsed without DTDs or entities (xmlsafe.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..langtags import same_language
from . import Paragraph, SourceFile, file_hash
from .limits import MAX_MARKUP, read_limited
from .xmlsafe import inline_text, local, parse_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE = {"ph", "bpt", "ept", "it", "ut", "sub"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Unit:
    source: str
    target: str
    status: str
    where: str


@dataclass(frozen=True)
class Bilingual:
    path: str
    format: str
    source_lang: str | None
    target_lang: str | None
    units: tuple[Unit, ...]
    sha256: str


def _text(el) -> str:
    def special(child, name: str) -> str | None:
        if name == "cp" and child.get("hex"):
            try:
                return chr(int(child.get("hex"), 16))
            except ValueError:
                return ""
        return "" if name in _CODE or not name else None
    return _SPACE.sub(" ", inline_text(el, special)).strip()


def _child(el, name: str):
    return next((c for c in el if local(c.tag) == name), None)


def _xliff1(root) -> tuple[str | None, str | None, list[Unit]]:
    units: list[Unit] = []
    src_lang = tgt_lang = None
    for f in (e for e in root.iter() if local(e.tag) == "file"):
        src_lang = src_lang or f.get("source-language")
        tgt_lang = tgt_lang or f.get("target-language")
        for tu in (e for e in f.iter() if local(e.tag) == "trans-unit"):
            if tu.get("translate") == "no":
                continue
            target = _child(tu, "target")
            done = tu.get("approved") == "yes" or (
                target is not None and target.get("state") in ("final", "signed-off"))
            status = "confirmed" if done else "proposed"
            uid = tu.get("id") or str(len(units) + 1)
            seg_source = _child(tu, "seg-source")
            marks = [m for m in seg_source.iter() if local(m.tag) == "mrk"
                     and m.get("mtype") == "seg"] if seg_source is not None else []
            if marks:
                tmarks = {m.get("mid"): m for m in target.iter() if local(m.tag) == "mrk"
                          and m.get("mtype") == "seg"} if target is not None else {}
                for m in marks:
                    units.append(Unit(_text(m), _text(tmarks.get(m.get("mid"))), status,
                                      f"unit {uid}, segment {m.get('mid')}"))
            else:
                units.append(Unit(_text(_child(tu, "source")), _text(target), status,
                                  f"unit {uid}"))
    return src_lang, tgt_lang, units


def _xliff2(root) -> tuple[str | None, str | None, list[Unit]]:
    units: list[Unit] = []
    for unit in (e for e in root.iter() if local(e.tag) == "unit"):
        if unit.get("translate") == "no":
            continue
        uid = unit.get("id") or str(len(units) + 1)
        segs = [s for s in unit if local(s.tag) == "segment"]
        for k, seg in enumerate(segs, 1):
            status = "confirmed" if seg.get("state") == "final" else "proposed"
            where = f"unit {uid}" + (f", segment {seg.get('id') or k}" if len(segs) > 1 else "")
            units.append(Unit(_text(_child(seg, "source")), _text(_child(seg, "target")),
                              status, where))
    return root.get("srcLang"), root.get("trgLang"), units


def _tmx(root, source_lang: str | None, target_lang: str | None):
    header = next((e for e in root.iter() if local(e.tag) == "header"), None)
    src_lang = source_lang
    if header is not None and header.get("srclang") and header.get("srclang") != "*all*":
        src_lang = header.get("srclang") if not source_lang or same_language(
            header.get("srclang"), source_lang) else source_lang
    units: list[Unit] = []
    tgt_seen = None
    for n, tu in enumerate((e for e in root.iter() if local(e.tag) == "tu"), 1):
        tuvs = [(t.get(XML_LANG) or t.get("lang"), _text(_child(t, "seg")))
                for t in tu if local(t.tag) == "tuv"]
        if not tuvs:
            continue
        src = next((t for t in tuvs if same_language(t[0], src_lang)), None) or tuvs[0]
        others = [t for t in tuvs if t is not src]
        tgt = next((t for t in others if same_language(t[0], target_lang)), None) or \
            (others[0] if others else (None, ""))
        tgt_seen = tgt_seen or tgt[0]
        props = {p.get("type"): (p.text or "").strip() for p in tu if local(p.tag) == "prop"}
        status = "confirmed" if props.get("x-workbench-status") == "confirmed" else "proposed"
        units.append(Unit(src[1], tgt[1], status, f"tu {tu.get('tuid') or n}"))
    return src_lang, target_lang or tgt_seen, units


def read_pairs(path: str | Path, source_lang: str | None = None,
               target_lang: str | None = None) -> Bilingual:
    """The units of an XLIFF or TMX file."""
    p = Path(path)
    data = read_limited(p, MAX_MARKUP, "an XLIFF or TMX file")
    root = parse_xml(data, str(p), what="an XLIFF or TMX file")
    kind = local(root.tag)
    if kind == "xliff":
        fmt = "xliff"
        if (root.get("version") or "").startswith("2"):
            src, tgt, units = _xliff2(root)
        else:
            src, tgt, units = _xliff1(root)
    elif kind == "tmx":
        fmt = "tmx"
        src, tgt, units = _tmx(root, source_lang, target_lang)
    else:
        raise InputError(f"is not an XLIFF or TMX file (its root is <{kind}>)", path=str(p))
    units = [u for u in units if u.source or u.target]
    if not units:
        raise InputError(f"is {'an XLIFF file' if fmt == 'xliff' else 'a TMX file'} with no "
                         "segments", path=str(p), hint="give the file with the translation units")
    import hashlib

    return Bilingual(str(p), fmt, src, tgt, tuple(units), hashlib.sha256(data).hexdigest())


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "xliff") -> SourceFile:
    """One side of a bilingual file: the target side if ``lang`` is its target language."""
    pairs = read_pairs(path)
    target = lang is not None and same_language(lang, pairs.target_lang) and \
        not same_language(lang, pairs.source_lang)
    paras = tuple(Paragraph(u.target if target else u.source, "segment", where=u.where)
                  for u in pairs.units if (u.target if target else u.source))
    if not paras:
        raise InputError(f"has no {'target' if target else 'source'} text", path=str(path),
                         hint="give a file with translations")
    return SourceFile(str(path), pairs.format, paras, pairs.sha256)


def check_langs(pairs: Bilingual, source_lang: str, target_lang: str) -> list[str]:
    """Warnings when the file's languages are not the ones asked for."""
    out = []
    for side, found, asked in (("source", pairs.source_lang, source_lang),
                               ("target", pairs.target_lang, target_lang)):
        if found and not same_language(found, asked):
            out.append(f"its {side} language is {found}, not {asked} (give --{side}-lang "
                       f"{found.split('-')[0].lower()} if that is right)")
    return out


__all__ = ["Bilingual", "Unit", "read", "read_pairs", "check_langs", "file_hash"]
