"""The aligner: two passes over sentence vectors, then confidences.

1. Band: the full matrix for small problems, a coarse-to-fine band for long ones (band.py).
2. First pass: DP with span vectors approximated by the sum of sentence vectors (cheap: only
   1-1 cosines are computed).
3. Second pass: around every bead that is not a confident 1-1, the zone is re-aligned with
   embeddings of the joined text of each candidate span (only those spans are embedded).
4. Each bead gets a confidence in [0, 1]: its posterior probability under the bead scores
   (forward-backward over the alignments near the chosen one).

The bead scores of the second pass are a weighing of the features in features.py: by default
fixed by hand (``unlearned_weights``), or the learned CRF's (``AlignConfig(scorer="learned")``).

Everything here works on positions 0..n-1 of the problem; documents and ids live in realign.py.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from .band import make_band
from .config import AlignConfig
from .dp import NEG, best_path, max_marginals, posteriors
from .features import scorer_weights, zone_rescore, zone_scores
from .lexical import Anchors
from .paragraphs import Breaks, shared_breaks
from .scoring import Features

#: ``embed_spans(side, [(start, end), ...])`` -> vectors of the joined text of each span
SpanEmbedder = Callable[[str, Sequence[tuple[int, int]]], np.ndarray]
#: the anchors of both sides, or a function that makes them
AnchorSource = tuple[Anchors, Anchors] | Callable[[], tuple[Anchors, Anchors]]


@dataclass(frozen=True)
class Proposal:
    """A proposed bead: source and target positions (consecutive) and a confidence."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float
    margin: float = 0.0


def _path_beads(path, types, offset_i=0, offset_j=0):
    out = []
    for t, i, j in path:
        a, b = types[t]
        out.append((offset_i + i - a, offset_i + i, offset_j + j - b, offset_j + j))
    return out


def _zones(beads: list[tuple[int, int, int, int]], margins: list[float], cfg: AlignConfig):
    """Runs of uncertain beads (not 1-1, or a weak 1-1), widened by one bead each side."""
    uncertain = [not (i1 - i0 == 1 and j1 - j0 == 1 and mg >= cfg.recheck_below)
                 for (i0, i1, j0, j1), mg in zip(beads, margins)]
    zones = []
    k = 0
    while k < len(beads):
        if not uncertain[k]:
            k += 1
            continue
        start = k
        while k < len(beads) and uncertain[k]:
            k += 1
        lo_b, hi_b = max(start - 1, 0), min(k + 1, len(beads))
        if zones and zones[-1][1] >= lo_b:
            zones[-1] = (zones[-1][0], hi_b)
        else:
            zones.append((lo_b, hi_b))
    return zones


def _chunks(beads, zone: tuple[int, int], max_zone: int):
    """Cut a long zone at bead boundaries into pieces of at most ``max_zone`` sentences a side."""
    zb0, zb1 = zone
    start = zb0
    for k in range(zb0, zb1):
        if k > start and (beads[k][1] - beads[start][0] > max_zone
                          or beads[k][3] - beads[start][2] > max_zone):
            yield (start, k)
            start = k
    if start < zb1:
        yield (start, zb1)


def _near(beads, zone, reach: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row of the zone, the columns within ``reach`` sentences of the beads' path."""
    i0, i1, j0, j1 = zone
    n, m = i1 - i0, j1 - j0
    first = np.full(n + 1, m, dtype=np.int64)
    last = np.zeros(n + 1, dtype=np.int64)
    for b0, b1, c0, c1 in beads:
        rows = slice(b0 - i0, b1 - i0 + 1)
        first[rows] = np.minimum(first[rows], c0 - j0 - reach)
        last[rows] = np.maximum(last[rows], c1 - j0 + reach)
    return first, last


def _exact_pass(feats: Features, beads, margins, cfg: AlignConfig, embed_spans: SpanEmbedder,
                exact_vecs: dict) -> list[tuple[int, int, int, int]]:
    """Re-align the uncertain zones with joined-text embeddings of the spans that matter.

    A zone is first scored with approximate span vectors; only multi-sentence beads that can
    be on a path within ``cfg.prune`` of the best (their max-marginal) get their joined text
    embedded, and the zone is then decided with those exact vectors, other merges excluded.
    """
    types = list(cfg.types)
    weights = scorer_weights(cfg)[0]
    zones = []
    for zb0, zb1 in (c for z in _zones(beads, margins, cfg) for c in _chunks(beads, z, cfg.max_zone)):
        zones.append((zb0, zb1, (beads[zb0][0], beads[zb1 - 1][1], beads[zb0][2], beads[zb1 - 1][3])))
    keep_masks, first_scores = [], []
    need_s: set[tuple[int, int]] = set()
    need_t: set[tuple[int, int]] = set()
    bands = [_near(beads[zb0:zb1], zone, cfg.zone_reach) for zb0, zb1, zone in zones]
    multi = np.array([a > 1 or b > 1 for a, b in types])
    for (_, _, zone), band in zip(zones, bands):
        i0, i1, j0, j1 = zone
        sc = zone_scores(feats, cfg.types, i0, i1, j0, j1, {}, weights, cfg.learned_offset, band,
                         cfg.paragraph_weight)
        mm, best = max_marginals(sc, types)
        keep = mm >= best - cfg.prune
        keep_masks.append(keep)
        first_scores.append(sc)
        for t, (a, b) in enumerate(types):
            if a == 0 or b == 0 or (a == 1 and b == 1):
                continue
            ii, jj = np.nonzero(keep[t])
            if a > 1:
                need_s.update((i0 + i - a, i0 + i) for i in ii.tolist())
            if b > 1:
                need_t.update((j0 + j - b, j0 + j) for j in jj.tolist())
    for side, need in (("src", sorted(need_s)), ("tgt", sorted(need_t))):
        if need:
            vecs = embed_spans(side, need)
            exact_vecs.update({(side, s, e): vec for (s, e), vec in zip(need, vecs)})

    new_beads: list[tuple[int, int, int, int]] = []
    last = 0
    for (zb0, zb1, zone), keep, band, sc in zip(zones, keep_masks, bands, first_scores):
        new_beads.extend(beads[last:zb0])
        i0, i1, j0, j1 = zone
        merges = keep & multi[:, None, None]
        # only the merges kept change with joined-text vectors
        sc = zone_rescore(feats, cfg.types, zone, exact_vecs, weights,
                          cfg.learned_offset, sc, np.nonzero(merges), cfg.paragraph_weight)
        sc[multi[:, None, None] & ~keep] = NEG
        zpath = best_path(sc, np.zeros(i1 - i0 + 1, dtype=np.int64), types, i1 - i0, j1 - j0)
        new_beads.extend(_path_beads(zpath, cfg.types, i0, j0))
        last = zb1
    new_beads.extend(beads[last:])
    return new_beads


def align_vectors(u: np.ndarray, v: np.ndarray, len_s: Sequence[float], len_t: Sequence[float],
                  cfg: AlignConfig = AlignConfig(), embed_spans: SpanEmbedder | None = None,
                  mu: float | None = None, scale: float | None = None,
                  anchors: AnchorSource | None = None,
                  paragraphs: tuple[Sequence[int], Sequence[int]] | Breaks | None = None
                  ) -> list[Proposal]:
    """Align n source and m target sentence vectors (L2-normalized rows); ``anchors`` are the
    sentences' anchor tokens (lexical.py), if the texts are at hand, or a function that makes
    them (then run in a thread while the first pass works: only the second pass needs them);
    ``paragraphs`` the paragraph number of every sentence of each side, if known, or their
    ``Breaks`` already judged (paragraphs.py)."""
    n, m = len(u), len(v)
    if n == 0 or m == 0:
        return ([Proposal((i,), (), 1.0) for i in range(n)]
                + [Proposal((), (j,), 1.0) for j in range(m)])
    feats, beads, exact_vecs = search(u, v, len_s, len_t, cfg, embed_spans, mu, scale, anchors,
                                      paragraphs)
    conf = confidences(feats, beads, exact_vecs, for_document(cfg, feats))
    margins = feats.bead_margins(beads)
    return [Proposal(tuple(range(i0, i1)), tuple(range(j0, j1)), round(float(c), 3), float(mg))
            for (i0, i1, j0, j1), c, mg in zip(beads, conf, margins)]


def search(u, v, len_s, len_t, cfg: AlignConfig, embed_spans: SpanEmbedder | None = None,
           mu: float | None = None, scale: float | None = None,
           anchors: AnchorSource | None = None,
           paragraphs: tuple[Sequence[int], Sequence[int]] | Breaks | None = None):
    """The two passes: (features of the problem, beads as (i0, i1, j0, j1), joined-span vectors)."""
    breaks = (paragraphs if paragraphs is None or isinstance(paragraphs, Breaks)
              else shared_breaks(*paragraphs))
    if callable(anchors):  # made in a thread while the first pass works
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(anchors)
            feats, beads = _first_pass(u, v, len_s, len_t, cfg, mu, scale, breaks=breaks)
            feats.anchors_s, feats.anchors_t = pending.result()
    else:
        feats, beads = _first_pass(u, v, len_s, len_t, cfg, mu, scale, anchors, breaks)
    exact_vecs: dict[tuple[str, int, int], np.ndarray] = {}
    if embed_spans is not None:
        margins = feats.bead_margins(beads).tolist()
        beads = _exact_pass(feats, beads, margins, for_document(cfg, feats), embed_spans,
                            exact_vecs)
    if cfg.pair_skips and (1, 1) in cfg.types:
        beads = pair_skips(beads)
    return feats, beads, exact_vecs


def pair_skips(beads: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Beads (i0, i1, j0, j1) with each 1-0 next to a 0-1 (either order) made one 1-1. The DP
    prefers the two skips when the pair matches less than two skips cost, but a translation
    that leaves a sentence out and adds an unrelated one at the same place is rarer than a
    free translation of the sentence; the 1-1's confidence (its posterior) stays low, so the
    review queue shows it."""
    out: list[tuple[int, int, int, int]] = []
    for b in beads:
        if out:
            a = out[-1]
            sizes = (a[1] - a[0], a[3] - a[2], b[1] - b[0], b[3] - b[2])
            if sizes in ((1, 0, 0, 1), (0, 1, 1, 0)):
                out[-1] = (a[0], b[1], a[2], b[3])
                continue
        out.append(b)
    return out


def for_document(cfg: AlignConfig, feats: Features) -> AlignConfig:
    """The settings as this document's exact pass and confidences use them. The scores are in
    units of the document's own typical margin; the prices of what is not embedding evidence
    (a skip, a merge, the length deviation, anchors shared or displaced) are set for a clean
    translation and kept fixed in units of the model's clean margin instead: where the
    sentences match their partners less clearly (``feats.weak`` > 1, scoring.weak_signal), the
    embeddings' evidence is weaker and those prices weigh proportionally more. The local
    margin, a difference of single cosines, gets noisier faster than the margin (which
    averages four neighbours): its weight falls with the square root. So does the confidence
    temperature (fixed in the model's units it made a weak document's confidences too low,
    fixed in the document's too high). A document clearer than the reference: the other way
    round. docs/aligner.md, "Weaker evidence"."""
    w = feats.weak
    if w == 1.0:
        return cfg
    return replace(cfg, skip=cfg.skip * w, merge_penalty=cfg.merge_penalty * w,
                   length_weight=cfg.length_weight * w, anchor_weight=cfg.anchor_weight * w,
                   displaced_weight=cfg.displaced_weight * w,
                   paragraph_weight=cfg.paragraph_weight * w,
                   local_weight=cfg.local_weight / w ** 0.5,
                   temperature=cfg.temperature / w ** 0.5)


def _first_pass(u, v, len_s, len_t, cfg: AlignConfig, mu, scale, anchors=None, breaks=None):
    """Band, features and the DP with approximate span vectors: (features, beads)."""
    lo, width = make_band(u, v, cfg.full_cells, cfg.band_margin)
    feats = Features(u, v, len_s, len_t, cfg, lo, width, mu=mu, scale=scale, anchors=anchors,
                     breaks=breaks)
    path = best_path(feats.approx_scores(), lo, list(cfg.types), len(u), len(v))
    return feats, _path_beads(path, cfg.types)


def confidences(feats: Features, beads, exact_vecs: dict, cfg: AlignConfig, run: int = 32,
                context: int = 1, reach: int = 0) -> np.ndarray:
    """Probability that each bead is right: its posterior probability, the share of all
    alignments near the chosen one that contain it (runs of ``run`` beads with ``context``
    beads each side, alignments within ``reach`` sentences of the chosen path), with the
    bead scores (times the scorer's temperature) as log-potentials. It ranks wrong beads
    below right ones, and the temperature is set so that the share right in each band
    matches the band on the development corpora (bench/loco.py)."""
    types = list(cfg.types)
    index = {t: k for k, t in enumerate(types)}
    weights, temperature = scorer_weights(cfg)
    out = np.zeros(len(beads))

    def window(k0: int) -> None:
        k1 = min(k0 + run, len(beads))
        w0, w1 = max(k0 - context, 0), min(k1 + context, len(beads))
        i0, j0, i1, j1 = beads[w0][0], beads[w0][2], beads[w1 - 1][1], beads[w1 - 1][3]
        sc = zone_scores(feats, cfg.types, i0, i1, j0, j1, exact_vecs, weights * temperature,
                         cfg.learned_offset * temperature,
                         _near(beads[w0:w1], (i0, i1, j0, j1), reach),
                         cfg.paragraph_weight * temperature)
        post = posteriors(sc, types)
        for k in range(k0, k1):
            b0, b1, c0, c1 = beads[k]
            out[k] = post[index[(b1 - b0, c1 - c0)], b1 - i0, c1 - j0]

    for k0 in range(0, len(beads), run):
        window(k0)
    return out
