"""Features of candidate beads, scored by the exact pass.

For every bead type t and every end cell (i, j) of a zone, a small feature vector describes the
bead "sentences i-a..i-1 with j-b..j-1": its margin and local margin with joined-text
embeddings, how well each of its sentences matches the other side on its own, the length
agreement, its type, its anchors, and, for a 1-0/0-1 bead, how clearly its sentence matches
something else. A bead's score is a weighing of them: fixed by hand by default
(``unlearned_weights``), or the CRF's weights fitted on the development sets
(``bench/fit_scorer.py``, ``learned.py``) when ``AlignConfig(scorer="learned")``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .dp import NEG
from .paragraphs import add_zone_penalty
from .scoring import Features

FEATURES = (
    "bias_pair", "margin", "margin_sq", "cov_min", "cov_short", "len_dev_sq", "len_dev_abs",
    "log_len", "t_12", "t_22", "t_13", "t_big", "bias_skip", "skip_gap", "skip_log_len",
    "skip_src", "size_margin", "cov_rel", "lex_dice", "lex_unmatched", "lex_cov_miss",
    "skip_near", "skip_lex_near", "lex_outside", "local_margin",
)
INDEX = {name: k for k, name in enumerate(FEATURES)}


def unlearned_weights(cfg) -> np.ndarray:
    """The default scorer: a fixed weighing of the features, in margin units, set by hand
    from ``cfg`` (config.py) rather than fitted, so it means the same on every corpus:
    margin + local margin, less the squared length deviation, the coverage shortfall and
    the merge price; anchors shared count for, displaced ones against; a 1-0/0-1 costs
    ``cfg.skip``."""
    w = np.zeros(len(FEATURES))
    w[INDEX["margin"]] = 1.0
    w[INDEX["local_margin"]] = cfg.local_weight
    w[INDEX["len_dev_sq"]] = -cfg.length_weight
    w[INDEX["cov_short"]] = -cfg.coverage_weight
    w[INDEX["t_12"]] = -cfg.merge_penalty          # one sentence beyond a 1-1
    w[INDEX["t_22"]] = -2 * cfg.merge_penalty
    w[INDEX["t_13"]] = -2 * cfg.merge_penalty
    w[INDEX["t_big"]] = -3 * cfg.merge_penalty     # 1-4, 2-3 ...: five sentences
    w[INDEX["lex_dice"]] = cfg.anchor_weight
    w[INDEX["lex_unmatched"]] = -cfg.anchor_weight
    w[INDEX["lex_outside"]] = -cfg.displaced_weight
    w[INDEX["bias_skip"]] = cfg.skip
    return w


def scorer_weights(cfg) -> tuple[np.ndarray, float]:
    """(weights, temperature): the learned scorer's weights (logits already), or the unlearned
    ones with ``cfg.temperature``, which turns margin units into log-potentials for the
    confidences."""
    if cfg.weights is not None:
        return np.asarray(cfg.weights, dtype=np.float64), 1.0
    return unlearned_weights(cfg), cfg.temperature


def zone_features(feats: Features, types, i0: int, i1: int, j0: int, j1: int,
                  exact_vecs: dict) -> tuple[np.ndarray, np.ndarray]:
    """(features[F, T, n+1, m+1], valid[T, n+1, m+1]) for the zone [i0, i1) x [j0, j1).

    A multi-sentence span is represented by the embedding of its joined text where
    ``exact_vecs[(side, start, end)]`` has one, else by the normalized sum of its sentence
    vectors. All cosines come from one matrix product of the zone's span vectors; the features
    are then read off it by a compiled loop.
    """
    return _features(*_zone_inputs(feats, types, i0, i1, j0, j1, exact_vecs))


def zone_scores(feats: Features, types, i0: int, i1: int, j0: int, j1: int, exact_vecs: dict,
                weights: np.ndarray, offset: float = 0.0,
                rows: tuple[np.ndarray, np.ndarray] | None = None,
                paragraph: float = 0.0) -> np.ndarray:
    """DP scores of the zone (the learned logit of every cell plus ``offset``, NEG where no bead
    fits): ``learned_scores(*zone_features(...))`` without building the feature tensor.
    ``rows = (first, last)`` limits row i to the columns first[i]..last[i] (a band); a bead
    that runs across a paragraph start on both sides pays ``paragraph``, on one side a
    quarter of it (paragraphs.py)."""
    n, m = i1 - i0, j1 - j0
    first, last = rows if rows is not None else (np.zeros(n + 1, np.int64), np.full(n + 1, m, np.int64))
    inputs = _zone_inputs(feats, types, i0, i1, j0, j1, exact_vecs)
    cells = _band_cells(inputs[1], inputs[2], n, m, first, last)
    out = np.full((len(types), n + 1, m + 1), NEG, dtype=np.float32)
    _scores(np.asarray(weights, dtype=np.float64), float(offset), cells[0], cells[1], cells[2],
            out, *inputs)
    add_zone_penalty(out, feats.breaks, types, i0, j0, paragraph)
    return out


def zone_rescore(feats: Features, types, zone, exact_vecs: dict, weights: np.ndarray,
                 offset: float, scores: np.ndarray, cells: tuple[np.ndarray, ...],
                 paragraph: float = 0.0) -> np.ndarray:
    """``scores`` (of ``zone_scores``) with the cells (types, rows, columns) in ``cells`` scored
    again with ``exact_vecs``: only merges depend on span vectors, so the second pass need not
    score a zone's 1-1 and skip beads twice."""
    i0, i1, j0, j1 = zone
    out = scores.copy()
    ct, ci, cj = (np.ascontiguousarray(c, dtype=np.int64) for c in cells)
    _scores(np.asarray(weights, dtype=np.float64), float(offset), ct, ci, cj, out,
            *_zone_inputs(feats, types, i0, i1, j0, j1, exact_vecs))
    add_zone_penalty(out, feats.breaks, types, i0, j0, paragraph, (ct, ci, cj))
    return out


def _zone_inputs(feats: Features, types, i0: int, i1: int, j0: int, j1: int, exact_vecs: dict):
    n, m = i1 - i0, j1 - j0
    ta = np.array([a for a, _ in types], dtype=np.int64)
    tb = np.array([b for _, b in types], dtype=np.int64)
    sv = _span_matrix(feats.u, "src", exact_vecs, i0, n, int(ta.max()))
    tv = _span_matrix(feats.v, "tgt", exact_vecs, j0, m, int(tb.max()))
    gram = sv @ tv.T
    gap_s = np.clip((feats.best_s[i0:i1] - feats.nn_s[i0:i1]) / feats.scale, -1, 3)
    gap_t = np.clip((feats.best_t[j0:j1] - feats.nn_t[j0:j1]) / feats.scale, -1, 3)

    def f64(x):
        return np.ascontiguousarray(x, dtype=np.float64)
    return (gram.astype(np.float64), ta, tb, n, m, f64(feats.nn_s[i0:i1]), f64(feats.nn_t[j0:j1]),
            f64(feats.len_s[i0:i1]), f64(feats.len_t[j0:j1]), f64(gap_s), f64(gap_t),
            f64(feats.best_s[i0:i1]), f64(feats.best_t[j0:j1]), float(feats.mu), float(feats.scale),
            len(FEATURES), *_zone_anchors(feats, i0, i1, j0, j1),
            _edges(feats, sv, tv, i0, i1, j0, j1))


def _edges(feats: Features, sv: np.ndarray, tv: np.ndarray, i0: int, i1: int, j0: int,
           j1: int) -> np.ndarray:
    """Cosines of the zone's spans with the sentences just outside it: source spans with
    target j0-1 and j1, target spans with source i0-1 and i1 (NaN beyond the document)."""
    out = np.full((4, max(len(sv), len(tv))), np.nan)
    for k, (spans, other, pos) in enumerate(((sv, feats.v, j0 - 1), (sv, feats.v, j1),
                                             (tv, feats.u, i0 - 1), (tv, feats.u, i1))):
        if 0 <= pos < len(other):
            out[k, :len(spans)] = spans @ other[pos]
    return out


def _zone_anchors(feats: Features, i0: int, i1: int, j0: int, j1: int):
    a_s, a_t = feats.anchors_s.window(i0, i1), feats.anchors_t.window(j0, j1)
    links = getattr(feats, "_anchor_links", None)  # made once per document's anchors
    if links is None or links[0] is not feats.anchors_s or links[1] is not feats.anchors_t:
        links = (feats.anchors_s, feats.anchors_t, _links(feats.anchors_s, feats.anchors_t),
                 _links(feats.anchors_t, feats.anchors_s))
        feats._anchor_links = links
    (ps, ns, ls, hs, sent_t), (pt, nt, lt, ht, sent_s) = links[2], links[3]
    ctx = (i0, feats.anchors_s.offsets[i0:i1 + 1], ps, ns, ls, hs, sent_t,
           j0, feats.anchors_t.offsets[j0:j1 + 1], pt, nt, lt, ht, sent_s)
    return a_s.offsets, a_s.values, a_t.offsets, a_t.values, ctx


def _links(own, other):
    """For every anchor of ``own`` (in document order): the previous and next own sentence
    holding the same code, and the run of ``other``'s sentences holding it (``run_lo`` ..
    ``run_hi`` into the returned sorted sentence array)."""
    order, codes, sents = own.by_code()
    same_prev = np.r_[False, codes[1:] == codes[:-1]]
    same_next = np.r_[codes[1:] == codes[:-1], False]
    prev_sorted = np.where(same_prev, np.r_[-(1 << 40), sents[:-1]], -(1 << 40))
    next_sorted = np.where(same_next, np.r_[sents[1:], 1 << 40], 1 << 40)
    prev = np.empty_like(prev_sorted)
    nxt = np.empty_like(next_sorted)
    prev[order], nxt[order] = prev_sorted, next_sorted
    _, codes_o, sents_o = other.by_code()
    lo = np.searchsorted(codes_o, own.values, "left").astype(np.int64)
    hi = np.searchsorted(codes_o, own.values, "right").astype(np.int64)
    return prev, nxt, lo, hi, sents_o


@njit(cache=True, nogil=True)
def _found(val, lo, hi, off_o, val_o, o0, o1):
    """How many of ``val[lo:hi]`` occur among the anchors of other-side sentences o0..o1-1."""
    hits = 0
    for p in range(lo, hi):
        x = val[p]
        for q in range(off_o[o0], off_o[o1]):
            if val_o[q] == x:
                hits += 1
                break
    return hits


def _span_matrix(x: np.ndarray, side: str, exact_vecs: dict, offset: int, n: int,
                 max_len: int) -> np.ndarray:
    """Row (a-1)*(n+1) + i holds the vector of the span of length a ending at zone position i
    (sentences offset+i-a .. offset+i-1)."""
    out = np.zeros((max_len * (n + 1), x.shape[1]), dtype=np.float32)
    seg = x[offset:offset + n]
    out[1:n + 1] = seg
    sums = seg
    for a in range(2, min(max_len, n) + 1):
        sums = sums[:-1] + seg[a - 1:]  # sums[k]: sentences k..k+a-1
        base = (a - 1) * (n + 1)
        norms = np.sqrt(np.einsum("ij,ij->i", sums, sums))[:, None]
        out[base + a:base + n + 1] = sums / (norms + 1e-9)
        if exact_vecs:
            for i in range(a, n + 1):
                vec = exact_vecs.get((side, offset + i - a, offset + i))
                if vec is not None:
                    out[base + i] = vec
    return out


# feature positions, as compile-time constants of the compiled loops
(_BIAS_PAIR, _MARGIN, _MARGIN_SQ, _COV_MIN, _COV_SHORT, _LEN_DEV_SQ, _LEN_DEV_ABS, _LOG_LEN,
 _T_12, _T_22, _T_13, _T_BIG, _BIAS_SKIP, _SKIP_GAP, _SKIP_LOG_LEN, _SKIP_SRC, _SIZE_MARGIN,
 _COV_REL, _LEX_DICE, _LEX_UNMATCHED, _LEX_COV_MISS, _SKIP_NEAR, _SKIP_LEX_NEAR,
 _LEX_OUTSIDE, _LOCAL_MARGIN) = range(len(FEATURES))


@njit(cache=True, nogil=True)
def _features(gram, ta, tb, n, m, nn_s, nn_t, len_s, len_t, gap_s, gap_t, best_s, best_t, mu, scale,
              n_feat, off_s, val_s, off_t, val_t, ctx, edges):
    bs, occ_s, ps, ns, ls, hs, sent_t, bt, occ_t, pt, nt, lt, ht, sent_s = ctx
    T = len(ta)
    F = np.zeros((n_feat, T, n + 1, m + 1), dtype=np.float32)
    valid = np.zeros((T, n + 1, m + 1), dtype=np.bool_)
    for t in range(T):
        a, b = ta[t], tb[t]
        if a > n or b > m or (a + b != 1 and (a == 0 or b == 0)):
            continue  # longer skips are chains of single ones
        for i in range(a, n + 1):
            for j in range(b, m + 1):
                if a == 1 and b == 0:
                    _skip_features(F[:, t, i, j], i - 1, j, m, gram, True, gap_s, len_s, nn_s,
                                   scale, off_s, val_s, off_t, val_t)
                elif a == 0:
                    _skip_features(F[:, t, i, j], j - 1, i, n, gram.T, False, gap_t, len_t, nn_t,
                                   scale, off_t, val_t, off_s, val_s)
                else:
                    if _pair_features(F[:, t, i, j], a, b, i, j, n, m, gram, nn_s, nn_t, len_s,
                                      len_t, best_s, best_t, mu, scale, off_s, val_s, off_t, val_t):
                        F[_LEX_OUTSIDE, t, i, j] = math.log1p(
                            _found_beside(i - a, i, bs, occ_s, ps, ns, ls, hs, sent_t, j - b, j, bt)
                            + _found_beside(j - b, j, bt, occ_t, pt, nt, lt, ht, sent_s, i - a, i, bs))
                    F[_LOCAL_MARGIN, t, i, j] = _local_margin(gram, edges, a, b, i, j, n, m, scale)
                valid[t, i, j] = True
    return F, valid


@njit(cache=True, nogil=True)
def _band_cells(ta, tb, n, m, first, last):
    """Every (type, row, column) a zone's DP can use: row i limited to first[i]..last[i]."""
    count = 0
    for t in range(len(ta)):
        a, b = ta[t], tb[t]
        if a > n or b > m or (a + b != 1 and (a == 0 or b == 0)):
            continue  # longer skips are chains of single ones
        for i in range(a, n + 1):
            count += max(0, min(m, last[i]) + 1 - max(b, first[i]))
    cells = np.empty((3, count), dtype=np.int64)
    k = 0
    for t in range(len(ta)):
        a, b = ta[t], tb[t]
        if a > n or b > m or (a + b != 1 and (a == 0 or b == 0)):
            continue
        for i in range(a, n + 1):
            for j in range(max(b, first[i]), min(m, last[i]) + 1):
                cells[0, k], cells[1, k], cells[2, k] = t, i, j
                k += 1
    return cells


@njit(cache=True, nogil=True)
def _scores(w, offset, cells_t, cells_i, cells_j, out, gram, ta, tb, n, m, nn_s, nn_t, len_s,
            len_t, gap_s, gap_t, best_s, best_t, mu, scale, n_feat, off_s, val_s, off_t, val_t,
            ctx, edges):
    """Writes the learned score of each listed cell (type t, row i, column j) into ``out``."""
    bs, occ_s, ps, ns, ls, hs, sent_t, bt, occ_t, pt, nt, lt, ht, sent_s = ctx
    f = np.zeros(n_feat)
    for k in range(len(cells_t)):
        t, i, j = cells_t[k], cells_i[k], cells_j[k]
        a, b = ta[t], tb[t]
        f[:] = 0.0
        if a == 1 and b == 0:
            _skip_features(f, i - 1, j, m, gram, True, gap_s, len_s, nn_s, scale,
                           off_s, val_s, off_t, val_t)
        elif a == 0:
            _skip_features(f, j - 1, i, n, gram.T, False, gap_t, len_t, nn_t, scale,
                           off_t, val_t, off_s, val_s)
        elif _pair_features(f, a, b, i, j, n, m, gram, nn_s, nn_t, len_s, len_t, best_s,
                            best_t, mu, scale, off_s, val_s, off_t, val_t):
            f[_LEX_OUTSIDE] = math.log1p(
                _found_beside(i - a, i, bs, occ_s, ps, ns, ls, hs, sent_t, j - b, j, bt)
                + _found_beside(j - b, j, bt, occ_t, pt, nt, lt, ht, sent_s, i - a, i, bs))
        if a > 0 and b > 0:
            f[_LOCAL_MARGIN] = _local_margin(gram, edges, a, b, i, j, n, m, scale)
        acc = offset
        for q in range(n_feat):
            acc += w[q] * f[q]
        out[t, i, j] = acc


@njit(cache=True, nogil=True)
def _skip_features(f, k, at, m, gram, is_src, gap, lens, nn, scale, off, val, off_o, val_o):
    """Sentence k left out, sitting before other-side sentence ``at``: how clearly it matches
    something, its length, and how well it matches the other-side sentences right beside it
    (a fragment of a neighbour's translation should be merged, not left out)."""
    f[_BIAS_SKIP] = 1.0
    f[_SKIP_GAP] = gap[k]
    f[_SKIP_LOG_LEN] = math.log1p(lens[k]) / 5
    if is_src:
        f[_SKIP_SRC] = 1.0
    lo, hi = max(at - 1, 0), min(at + 1, m)
    near = -3.0
    for o in range(lo, hi):
        near = max(near, (gram[k + 1, o + 1] - nn[k]) / scale)
    f[_SKIP_NEAR] = min(near, 3.0)
    if off[k + 1] > off[k] and hi > lo:
        f[_SKIP_LEX_NEAR] = _found(val, off[k], off[k + 1], off_o, val_o, lo, hi) / (off[k + 1] - off[k])


@njit(cache=True, nogil=True, inline="always")
def _anchor_counts(off, val, s0, s1, off_o, val_o, o0, o1):
    """Over sentences s0..s1-1: their anchors, how many occur in other-side sentences o0..o1-1,
    and (if there are several sentences) how many sentences have anchors but none found."""
    total, hit, miss = 0, 0, 0
    for k in range(s0, s1):
        own = off[k + 1] - off[k]
        h = _found(val, off[k], off[k + 1], off_o, val_o, o0, o1) if own else 0
        total += own
        hit += h
        if s1 - s0 > 1 and own and h == 0:
            miss += 1
    return total, hit, miss


@njit(cache=True, nogil=True, inline="always")
def _found_beside(s0, s1, base, occ0, prev, nxt, run_lo, run_hi, sents_o, o0, o1, base_o):
    """Anchors of sentences s0..s1-1 missing from other-side sentences o0..o1-1 but present in
    the sentence just before or just after them, and nowhere else near on either side: a
    boundary that is off by one sentence. (Zone positions plus ``base`` are document
    positions; anchor p of the zone is anchor p + ``occ0`` of the document.)"""
    out = 0
    g0, g1 = o0 + base_o, o1 + base_o
    k0, k1 = s0 + base - 2, s1 + base + 2
    for p in range(occ0[s0], occ0[s1]):
        if prev[p] >= k0 or nxt[p] < k1:
            continue  # the same anchor is in another sentence nearby on this side
        near, beside = 0, False
        for r in range(run_lo[p], run_hi[p]):
            q = sents_o[r]
            if q >= g1 + 3:
                break
            if q < g0 - 3:
                continue
            near += 1
            if q >= g0 and q < g1:
                near = 99
                break
            if q == g0 - 1 or q == g1:
                beside = True
        if beside and near == 1:
            out += 1
    return out


@njit(cache=True, nogil=True)
def _span_margin(gram, row, col, nn_s, s0, a, nn_t, t0, b, scale):
    ns = 0.0
    for k in range(s0, s0 + a):
        ns += nn_s[k]
    nt = 0.0
    for k in range(t0, t0 + b):
        nt += nn_t[k]
    return (gram[row, col] - 0.5 * (ns / a + nt / b)) / scale


@njit(cache=True, nogil=True, inline="always")
def _local_margin(gram, edges, a, b, i, j, n, m, scale):
    """Sentences i-a..i-1 with j-b..j-1: how much better the two spans match each other than
    either matches the sentences just beside the other span (the bead shifted by one), in
    margin units, clipped to [-3, 5]: a boundary's evidence, where the global margin only says
    how distinctive the sentences are. ``edges`` holds the cosines with the sentences just
    outside the zone (NaN at the document's ends)."""
    row, col = (a - 1) * (n + 1) + i, (b - 1) * (m + 1) + j
    cos = gram[row, col]
    out, sides = 0.0, 0
    for side in range(2):
        tot, cnt = 0.0, 0
        if side == 0:  # the source span against the target sentences beside the target span
            x = gram[row, j - b] if j - b > 0 else edges[0, row]
            y = gram[row, j + 1] if j < m else edges[1, row]
        else:
            x = gram[i - a, col] if i - a > 0 else edges[2, col]
            y = gram[i + 1, col] if i < n else edges[3, col]
        if not math.isnan(x):
            tot += x
            cnt += 1
        if not math.isnan(y):
            tot += y
            cnt += 1
        if cnt:
            out += cos - tot / cnt
            sides += 1
    v = out / sides / scale if sides else 0.0
    return min(max(v, -3.0), 5.0)


@njit(cache=True, nogil=True)
def _pair_features(f, a, b, i, j, n, m, gram, nn_s, nn_t, len_s, len_t, best_s, best_t, mu, scale,
                   off_s, val_s, off_t, val_t):
    """Sentences i-a..i-1 with j-b..j-1. True if an anchor of one side is missing from the other
    (then ``_found_beside`` may find it beside the bead)."""
    row, col = (a - 1) * (n + 1) + i, (b - 1) * (m + 1) + j
    marg = _span_margin(gram, row, col, nn_s, i - a, a, nn_t, j - b, b, scale)
    la = 0.0
    for k in range(i - a, i):
        la += len_s[k]
    lb = 0.0
    for k in range(j - b, j):
        lb += len_t[k]
    # coverage: each sentence of a merged side against the whole other span
    cov_min, cov_short, cov_rel = marg, 0.0, 0.0
    if a > 1:
        for k in range(i - a, i):
            c = (gram[k + 1, col] - nn_s[k]) / scale
            cov_min = min(cov_min, c)
            cov_short += max(0.0, 0.3 - c)
            cov_rel = min(cov_rel, (gram[k + 1, col] - best_s[k]) / scale)
    if b > 1:
        for k in range(j - b, j):
            c = (gram[row, k + 1] - nn_t[k]) / scale
            cov_min = min(cov_min, c)
            cov_short += max(0.0, 0.3 - c)
            cov_rel = min(cov_rel, (gram[row, k + 1] - best_t[k]) / scale)
    # anchors (numbers, names, cognates) shared by the two spans; a sentence of a merged side
    # whose anchors are all missing from the other span is a miss
    total, hit, miss = _anchor_counts(off_s, val_s, i - a, i, off_t, val_t, j - b, j)
    t2, h2, m2 = _anchor_counts(off_t, val_t, j - b, j, off_s, val_s, i - a, i)
    total, hit, miss = total + t2, hit + h2, miss + m2
    if total > 0:
        f[_LEX_DICE] = hit / total
        f[_LEX_UNMATCHED] = math.log1p(total - hit) / 2
    f[_LEX_COV_MISS] = miss
    d = math.log((la + 10.0) / (lb + 10.0)) - mu
    mc = min(max(marg, -3.0), 5.0)
    f[_BIAS_PAIR] = 1.0
    f[_MARGIN] = mc
    f[_MARGIN_SQ] = mc * mc / 4
    f[_SIZE_MARGIN] = mc * (a + b - 2) / 2
    f[_COV_MIN] = min(max(cov_min, -3.0), 5.0)
    f[_COV_SHORT] = min(cov_short, 5.0)
    f[_COV_REL] = max(cov_rel, -3.0)
    f[_LEN_DEV_SQ] = min(d * d, 9.0)
    f[_LEN_DEV_ABS] = min(abs(d), 3.0)
    f[_LOG_LEN] = math.log1p(la + lb) / 5
    if (a == 1 and b == 2) or (a == 2 and b == 1):
        f[_T_12] = 1.0
    elif a == 2 and b == 2:
        f[_T_22] = 1.0
    elif (a == 1 and b == 3) or (a == 3 and b == 1):
        f[_T_13] = 1.0
    elif a + b >= 5:
        f[_T_BIG] = 1.0
    return hit < total


def learned_scores(F: np.ndarray, valid: np.ndarray, weights: np.ndarray,
                   offset: float = 0.0) -> np.ndarray:
    """DP scores from features: the logit plus ``offset``; invalid cells get NEG."""
    out = (np.tensordot(weights, F, axes=(0, 0)) + offset).astype(np.float32)
    out[~valid] = NEG
    return out
