"""Alignment quality: strict and lax precision, recall and F1 (Sennrich & Volk 2011).

As in vecalign's score.py: strict counts a proposed bead only when it equals a gold bead; lax
counts it when it overlaps a gold bead on both sides (or equals it). Precision is over every
non-empty proposed bead, 1-0/0-1 included; recall is over the gold beads that are not 1-0/0-1.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import FormatError, decode_utf8, read_bytes

BeadPos = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _counts(test: Sequence[BeadPos], gold: Sequence[BeadPos]):
    test_pairs = [b for b in test if b[0] or b[1]]
    gold_pairs = [b for b in gold if b[0] and b[1]]
    gold_set = set(b for b in gold if b[0] or b[1])
    test_set = set(test_pairs)
    strict_p = sum(b in gold_set for b in test_pairs)
    strict_r = sum(b in test_set for b in gold_pairs)

    def overlaps(x: BeadPos, pool: Sequence[BeadPos]) -> bool:
        return any(x == y or (set(x[0]) & set(y[0]) and set(x[1]) & set(y[1])) for y in pool)

    # index beads by source sentence so lax matching stays linear
    by_src: dict[int, list[BeadPos]] = {}
    for b in gold_set:
        for s in b[0]:
            by_src.setdefault(s, []).append(b)
    by_src_t: dict[int, list[BeadPos]] = {}
    for b in test_pairs:
        for s in b[0]:
            by_src_t.setdefault(s, []).append(b)
    lax_p = sum(b in gold_set or overlaps(b, [g for s in b[0] for g in by_src.get(s, [])])
                for b in test_pairs)
    lax_r = sum(overlaps(b, [t for s in b[0] for t in by_src_t.get(s, [])]) for b in gold_pairs)
    return len(test_pairs), len(gold_pairs), strict_p, strict_r, lax_p, lax_r


def score(test: Sequence[BeadPos], gold: Sequence[BeadPos]) -> dict[str, Scores]:
    """{"strict": Scores, "lax": Scores} of ``test`` beads against ``gold`` beads."""
    return score_many([(test, gold)])


def score_many(pairs: Sequence[tuple[Sequence[BeadPos], Sequence[BeadPos]]]) -> dict[str, Scores]:
    """Scores over several documents, counts summed before dividing (micro-average)."""
    totals = [0] * 6
    for test, gold in pairs:
        totals = [a + b for a, b in zip(totals, _counts(test, gold))]
    nt, ng, sp, sr, lp, lr = totals
    out = {}
    for name, hp, hr in (("strict", sp, sr), ("lax", lp, lr)):
        p = hp / nt if nt else 0.0
        r = hr / ng if ng else 0.0
        out[name] = Scores(p, r, _f1(p, r))
    return out


def parse_beads(text: str, path: str = "<string>") -> list[BeadPos]:
    """Read the bead-per-line format ``[0, 1]:[2]`` (0-based positions)."""
    beads: list[BeadPos] = []
    for ln, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        left, sep, right = line.partition(":")
        try:
            if not sep:
                raise ValueError
            src, tgt = ast.literal_eval(left.strip()), ast.literal_eval(right.strip())
            if not (isinstance(src, list) and isinstance(tgt, list)
                    and all(isinstance(x, int) for x in src + tgt)):
                raise ValueError
        except (ValueError, SyntaxError):
            raise FormatError(f"not a bead line: {line[:60]!r}", path=path, line=ln,
                              hint="expected [source positions]:[target positions], e.g. [3]:[3, 4]") from None
        beads.append((tuple(src), tuple(tgt)))
    return beads


def format_beads(beads: Sequence[BeadPos]) -> str:
    return "".join(f"{list(s)}:{list(t)}\n" for s, t in beads)


def document_beads(doc) -> list[BeadPos]:
    """A document's beads as 0-based sentence positions (the benchmark format)."""
    return [(tuple(doc.source.position(i) for i in b.src),
             tuple(doc.target.position(i) for i in b.tgt)) for b in doc.beads]


def read_beads(path: str | Path) -> list[BeadPos]:
    """Beads from a YAML document (by extension) or a bead-per-line file."""
    p = Path(path)
    if p.suffix in (".yaml", ".yml"):
        from .store import load

        return document_beads(load(p))
    return parse_beads(decode_utf8(read_bytes(p, FormatError, "bead file"), p, FormatError), str(p))
