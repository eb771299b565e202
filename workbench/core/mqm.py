"""MQM scores: penalty points of the flags, in total, per 1,000 source words, per category.

Each counted flag costs the weight of its severity (neutral 0, minor 1, major 5, critical 25
by default), unless a (category, severity) override applies; WMT's variant (:meth:`Weights.wmt`)
makes a minor punctuation error cost 0.1 and a non-translation 25 whatever its severity.
Counted flags are those whose status is open or resolved (a resolved problem was still in the
translation as delivered); dismissed flags are false alarms and cost nothing.

    score(doc).total, score(doc).per_1000, score(doc).by_category["Accuracy/Omission"].penalty
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .document import Document
from .errors import WorkbenchError
from .review import CATEGORIES, SEVERITIES, Flag, category_choices, flags as doc_flags

DEFAULT_SEVERITY_WEIGHTS: Mapping[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0,
                                                 "critical": 25.0}
COUNTED_STATUSES = ("open", "resolved")
_WORD = re.compile(r"\w+")


#: the largest weight: MQM's are 0 to 25 (100 in some profiles); nan, inf or 1e308 would
#: make every score meaningless
MAX_WEIGHT = 1000


@dataclass(frozen=True)
class Weights:
    """Penalty per severity, with optional (category, severity) overrides."""

    severity: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_SEVERITY_WEIGHTS))
    overrides: Mapping[tuple[str, str], float] = field(default_factory=dict)

    def weight(self, category: str, severity: str) -> float:
        if (category, severity) in self.overrides:
            return self.overrides[(category, severity)]
        return self.severity[severity]

    @classmethod
    def wmt(cls) -> "Weights":
        """WMT's MQM weights: minor punctuation 0.1, non-translation always 25."""
        over = {("Fluency/Punctuation", "minor"): 0.1}
        over.update({("Non-translation", s): 25.0 for s in SEVERITIES if s != "neutral"})
        return cls(overrides=over)

    @classmethod
    def parse(cls, text: str, base: "Weights | None" = None) -> "Weights":
        """Weights from "minor=1,major=10" and "CATEGORY:severity=W" items, over ``base``.

        ``punctuation-minor=0.1`` is a shorthand for ``Fluency/Punctuation:minor=0.1``.
        """
        base = base or cls()
        sev = dict(base.severity)
        over = dict(base.overrides)
        for item in filter(None, (p.strip() for p in text.split(","))):
            name, eq, value = item.rpartition("=")
            try:
                w = float(value)
            except ValueError:
                w = -1.0
            if not eq or not 0 <= w <= MAX_WEIGHT:  # also refuses nan and inf
                raise WorkbenchError(f"bad weight {item!r}: a weight is a number from 0 to "
                                     f"{MAX_WEIGHT:,}",
                                     hint="write SEVERITY=NUMBER or CATEGORY:SEVERITY=NUMBER, "
                                          "like major=10,Fluency/Punctuation:minor=0.1")
            name = name.strip()
            if name == "punctuation-minor":
                name = "Fluency/Punctuation:minor"
            if ":" in name:
                cat, _, s = name.rpartition(":")
                matches = [c for c in CATEGORIES if c == cat] or category_choices(cat)
                if len(matches) != 1 or s not in SEVERITIES:
                    raise WorkbenchError(f"bad weight {item!r}: unknown category or severity",
                                         hint=f"severities: {', '.join(SEVERITIES)}")
                over[(matches[0], s)] = w
            elif name in SEVERITIES:
                sev[name] = w
            else:
                raise WorkbenchError(f"bad weight {item!r}: unknown severity {name!r}",
                                     hint=f"use {', '.join(SEVERITIES)}")
        return cls(severity=sev, overrides=over)


@dataclass
class CategoryScore:
    count: int = 0
    penalty: float = 0.0
    by_severity: dict[str, int] = field(default_factory=lambda: {s: 0 for s in SEVERITIES})


@dataclass
class Score:
    """``total`` penalty points over ``words`` source words; ``per_1000`` = total * 1000 / words."""

    total: float
    words: int
    count: int
    by_category: dict[str, CategoryScore]
    by_severity: dict[str, int]

    @property
    def per_1000(self) -> float:
        return self.total * 1000.0 / self.words if self.words else 0.0


def source_words(doc: Document) -> int:
    """Words (runs of letters/digits) of the whole source side: the MQM normalizer."""
    return sum(len(_WORD.findall(s.text)) for s in doc.source.sentences)


def score(doc: Document, items: Iterable[Flag] | None = None, weights: Weights | None = None,
          statuses: Iterable[str] = COUNTED_STATUSES) -> Score:
    """The MQM score of ``items`` (default: the document's flags) with ``weights``."""
    weights = weights or Weights()
    wanted = set(statuses)
    by_cat: dict[str, CategoryScore] = {}
    by_sev = {s: 0 for s in SEVERITIES}
    total = 0.0
    count = 0
    for f in doc_flags(doc) if items is None else items:
        if f.status not in wanted:
            continue
        w = weights.weight(f.category, f.severity)
        cs = by_cat.setdefault(f.category, CategoryScore())
        cs.count += 1
        cs.penalty += w
        cs.by_severity[f.severity] += 1
        by_sev[f.severity] += 1
        total += w
        count += 1
    ordered = {c: by_cat[c] for c in sorted(by_cat, key=lambda c: (-by_cat[c].penalty, c))}
    return Score(total=total, words=source_words(doc), count=count, by_category=ordered,
                 by_severity=by_sev)
