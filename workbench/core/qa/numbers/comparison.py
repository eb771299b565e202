"""The ``numbers`` check: the atoms of the two sides of a row compared, a finding per row whose
atoms differ.

Each side keeps the reading of each token that agrees best with the other side. Atoms are
compared as sets (a number repeated on one side is no error), unit conversions set aside. A
row is flagged when the sets differ: Accuracy/Mistranslation when both sides have atoms the
other lacks, Omission / Addition when only one side does.
"""

from __future__ import annotations

from typing import Iterator

from ...document import Document
from .. import Context, Finding, joined, span_in, two_sided
from .atoms import Token, atom_sort_key, describe, read_atoms
from .units import explain_conversions


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


def compare(src_text: str, tgt_text: str, src_lang: str = "ru", tgt_lang: str = "en"):
    """(atoms only in source, atoms only in target, chosen source tokens, chosen target tokens)."""
    s_tok = read_atoms(src_text, src_lang)
    t_tok = read_atoms(tgt_text, tgt_lang)
    s_ch = _choose(s_tok, t_tok)
    t_ch = _choose(t_tok, [Token(t.start, t.end, [rd]) for t, rd in s_ch])
    s_atoms = set().union(*[rd for _, rd in s_ch]) if s_ch else set()
    t_atoms = set().union(*[rd for _, rd in t_ch]) if t_ch else set()
    only_s, only_t = explain_conversions(s_atoms - t_atoms, t_atoms - s_atoms, src_text, tgt_text,
                                         s_ch, t_ch, s_atoms, t_atoms)
    return only_s, only_t, s_ch, t_ch


def _listed(atoms: set[str]) -> str:
    return ", ".join(describe(a) for a in sorted(atoms, key=atom_sort_key))


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    src_lang, tgt_lang = doc.source.lang, doc.target.lang
    for row, src, tgt in two_sided(doc):
        s_text, t_text = joined(src), joined(tgt)
        only_s, only_t, s_ch, t_ch = compare(s_text, t_text, src_lang, tgt_lang)
        if not only_s and not only_t:
            continue
        parts = []
        if only_s:
            parts.append(f"{src_lang} has {_listed(only_s)}")
        if only_t:
            parts.append(f"{tgt_lang} has {_listed(only_t)}")
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
        fingerprint = "+".join(sorted(only_s, key=atom_sort_key)) + ">" + \
            "+".join(sorted(only_t, key=atom_sort_key))
        yield Finding("numbers", row, category, "major",
                      "numbers differ: " + "; ".join(parts), fingerprint, span=span)
