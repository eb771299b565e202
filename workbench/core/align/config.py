"""Aligner settings: bead types and the weights of the score (tuned on ../shared/data dev sets)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import WorkbenchError

DEFAULT_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2),
)


@dataclass(frozen=True)
class AlignConfig:
    """What the aligner may propose and how it weighs the evidence.

    Scores are in units of the document's typical margin (see ``scoring.margin_scale``), so the
    same numbers work for models with very different cosine ranges.
    """

    types: tuple[tuple[int, int], ...] = DEFAULT_TYPES
    #: score of leaving one sentence unaligned (1-0 or 0-1), per sentence. This and the other
    #: prices (merge, length, anchors) are in margin units of a clean translation: see
    #: ``reference_scale``
    skip: float = -0.38
    #: the model's typical margin on a clean translation (reference.py). When known, the exact
    #: pass multiplies the prices by ``reference_scale / the document's own typical margin``
    #: (engine.for_document): they stay fixed in the model's units, as Bertalign's skip is
    #: fixed in cosine units, so a freer translation, whose sentences match their partners
    #: less clearly, leans more on lengths and anchors and leaves fewer sentences out
    #: (docs/aligner.md: "Weaker evidence")
    reference_scale: float | None = None
    #: ... minus this much per unit of the sentence's best margin (a sentence with a clear
    #: partner is dear to skip)
    skip_slope: float = 0.0
    #: a sentence left out beside one left out on the other side is one sentence translated
    #: freely: the two become a 1-1 (a gold alignment records a replaced sentence so; none of
    #: the development corpora's gold has the pair, docs/aligner.md)
    pair_skips: bool = True
    #: weight of the squared log length-ratio deviation
    length_weight: float = 1.2
    #: extra cost of each many-to-many type, by number of sentences beyond a 1-1
    merge_penalty: float = 0.15
    #: each sentence of a merged span must reach a margin of 0.3 against the other side's span
    #: (features.py) or pay this much per unit of shortfall
    coverage_weight: float = 0.1
    #: weight of the local margin: how much better the bead's spans match each other than
    #: the sentences just beside them (Bertalign's neighbour contrast; boundary evidence)
    local_weight: float = 1.0
    #: weight of the anchors (numbers, names, cognates) the bead's sides share, less those
    #: one side has and the other lacks (lexical.py)
    anchor_weight: float = 0.25
    #: cost of each anchor missing from the bead's other side but found just beside it, and
    #: nowhere else near: a boundary off by one sentence
    displaced_weight: float = 1.0
    #: cost of a bead that runs across a paragraph start on both sides (paragraphs.py): a
    #: translation keeps its original's paragraphs far more often than not
    paragraph_weight: float = 2.0
    #: nearest neighbours averaged for the margin
    neighbours: int = 4
    #: problems with at most this many DP cells use the full matrix; larger ones use a band
    full_cells: int = 2_000_000
    #: half-width (in sentences) of the band around the coarse path
    band_margin: int = 24
    #: beads with a normalized margin below this (or not 1-1) are re-scored with joined text
    recheck_below: float = 0.3
    #: a merge is embedded exactly only if some path through it scores within this of the
    #: best path under approximate span vectors
    prune: float = 2.0
    #: largest zone (sentences per side) re-scored exactly
    max_zone: int = 40
    #: the second pass looks at beads ending within this many sentences of the first pass's
    #: path (on Text+Berg and NTREX dev, 1 to 6 gave the same result as the whole zone)
    zone_reach: int = 2
    #: "margin": the unlearned score above (the default: it holds on corpora it was not tuned
    #: on); "learned": the CRF fitted on the development sets (learned.py), better on text
    #: like them and worse elsewhere (docs/aligner.md)
    scorer: str = "margin"
    #: weights of the learned scorer, set from learned.py when ``scorer`` is "learned"
    weights: tuple[float, ...] | None = None
    #: the unlearned score times this is a bead's log-potential for its confidence (the
    #: posterior probability), for a clean translation (a weaker one: engine.for_document);
    #: fitted on the development corpora (bench/loco.py)
    temperature: float = 2.0
    #: added to every learned bead score (the logit): the price of one more bead
    learned_offset: float = 0.0

    @property
    def max_src(self) -> int:
        return max(a for a, _ in self.types)

    @property
    def max_tgt(self) -> int:
        return max(b for _, b in self.types)

    def type_penalty(self, a: int, b: int) -> float:
        if a == 0 or b == 0:
            return 0.0
        return self.merge_penalty * (a + b - 2)


def parse_types(text: str) -> tuple[tuple[int, int], ...]:
    """"1-1,2-1,0-1" -> ((1, 1), (2, 1), (0, 1)); 1-1 is required, 0-0 and > 4 refused."""
    out = []
    for part in text.replace(" ", "").split(","):
        try:
            a, b = (int(x) for x in part.split("-"))
            if a < 0 or b < 0 or a + b == 0 or a > 4 or b > 4:
                raise ValueError
        except ValueError:
            raise WorkbenchError(f"bad bead type {part!r}",
                                 hint="write types like 1-1,2-1,1-2,0-1 (0 to 4 sentences a side)") from None
        out.append((a, b))
    if (1, 1) not in out:
        raise WorkbenchError("the bead types must include 1-1", hint="add 1-1 to --bead-types")
    return tuple(dict.fromkeys(out))
