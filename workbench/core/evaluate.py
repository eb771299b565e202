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

from .document import Document
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
    return [bead for _, bead in _bead_lines(text, path)]


def _bead_lines(text: str, path: str) -> list[tuple[int, BeadPos]]:
    """(line number, bead) of every bead line."""
    beads: list[tuple[int, BeadPos]] = []
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
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            raise FormatError(f"not a bead line: {line[:60]!r}", path=path, line=ln,
                              hint="expected [source positions]:[target positions], e.g. [3]:[3, 4]") from None
        beads.append((ln, (tuple(src), tuple(tgt))))
    return beads


def check_bead_lines(beads: Sequence[tuple[int, BeadPos]], path: str) -> None:
    """A bead file that cannot be an alignment: no beads, a negative position, or a sentence
    in two beads (scores of it would mean nothing)."""
    if not beads:
        raise FormatError("has no beads", path=path,
                          hint="a bead file has one [source positions]:[target positions] per line")
    seen: list[dict[int, int]] = [{}, {}]
    for ln, bead in beads:
        for side, name in ((0, "source"), (1, "target")):
            for pos in bead[side]:
                if pos < 0:
                    raise FormatError(f"{name} position {pos} is negative", path=path, line=ln,
                                      hint="positions count sentences from 0")
                if pos in seen[side]:
                    raise FormatError(f"{name} sentence {pos} is in two beads (lines "
                                      f"{seen[side][pos]} and {ln})", path=path, line=ln,
                                      hint="each sentence belongs to one bead: fix the file")
                seen[side][pos] = ln


def format_beads(beads: Sequence[BeadPos]) -> str:
    return "".join(f"{list(s)}:{list(t)}\n" for s, t in beads)


def document_beads(doc) -> list[BeadPos]:
    """A document's beads as 0-based sentence positions (the benchmark format)."""
    return [(tuple(doc.source.position(i) for i in b.src),
             tuple(doc.target.position(i) for i in b.tgt)) for b in doc.beads]


def read_beads(path: str | Path) -> list[BeadPos]:
    """Beads from a YAML document (by extension) or a bead-per-line file."""
    return read_scored(path)[0]


def read_scored(path: str | Path) -> tuple[list[BeadPos], Document | None]:
    """The beads of a YAML document (by extension) with the document, or of a bead-per-line
    file (checked: :func:`check_bead_lines`) with None."""
    p = Path(path)
    if p.suffix in (".yaml", ".yml"):
        from .store import load

        doc = load(p)
        return document_beads(doc), doc
    text = decode_utf8(read_bytes(p, FormatError, "bead file"), p, FormatError)
    lines = _bead_lines(text, str(p))
    check_bead_lines(lines, str(p))
    return [bead for _, bead in lines], None


def _sizes(beads: Sequence[BeadPos], doc: Document | None) -> tuple[int, int]:
    """Sentences per side: the document's, or what a bead file's positions reach."""
    if doc is not None:
        return len(doc.source.sentences), len(doc.target.sentences)
    return tuple(max((p + 1 for b in beads for p in b[side]), default=0)  # type: ignore[return-value]
                 for side in (0, 1))


def _first_texts(side) -> list[str]:
    return [s.original if s.original is not None else s.text for s in side.sentences]


_SAME_TEXTS = "score an alignment against the gold of the same texts, segmented the same way"


def check_pair(test: Sequence[BeadPos], gold: Sequence[BeadPos], test_doc: Document | None,
               gold_doc: Document | None, test_path: str, gold_path: str) -> list[str]:
    """Do PROPOSED and GOLD align the same text? Scores of two unrelated alignments look like
    scores and mean nothing, so a clear mismatch is a FormatError; a small one (a bead file
    that stops a sentence early, a few sentences that differ) comes back as a warning."""
    warnings = []
    names = ("source", "target")
    if test_doc is not None and gold_doc is not None:  # texts to compare
        for name, a, b in zip(names, (test_doc.source, test_doc.target),
                              (gold_doc.source, gold_doc.target)):
            ta, tb = _first_texts(a), _first_texts(b)
            same = sum(x == y for x, y in zip(ta, tb))
            if len(ta) != len(tb) or same < 0.9 * len(tb):
                why = (f"it has {len(ta):,} {name} sentences, the gold {len(tb):,}"
                       if len(ta) != len(tb) else
                       f"only {same:,} of the {len(tb):,} {name} sentences are the same")
                raise FormatError(f"does not align the same text as {gold_path}: {why}",
                                  path=test_path, hint=_SAME_TEXTS)
            if same < len(tb):
                first = next(i for i, (x, y) in enumerate(zip(ta, tb)) if x != y)
                warnings.append(f"{test_path}: {len(tb) - same} {name} sentence(s) differ from "
                                f"{gold_path}'s, the first at position {first}: check the scores")
        return warnings
    for name, a, b in zip(names, _sizes(test, test_doc), _sizes(gold, gold_doc)):
        if min(a, b) < 0.5 * max(a, b):
            raise FormatError(f"does not align the same text as {gold_path}: its beads reach "
                              f"{a:,} {name} sentences, the gold's {b:,}", path=test_path,
                              hint=_SAME_TEXTS)
        if a != b:
            warnings.append(f"{test_path} has {a:,} {name} sentences, {gold_path} {b:,}: "
                            "the scores count only what both cover")
    return warnings
