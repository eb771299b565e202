"""The aligner on constructed cases with known bead types, banding, and constrained re-alignment."""

import numpy as np
import pytest

from workbench.core.align import AlignConfig, align_texts, align_vectors, realign
from workbench.core.align.band import coarse_band, full_band
from workbench.core.align.dp import best_path
from workbench.core.document import Bead, Document, make_side
from workbench.core.operations import History, apply_edit

# A "translation" shares concept words with its source; 2-1 and 1-2 beads split or join them.
SRC = ["a1 a2 a3 a4 a5 a6", "b1 b2 b3 b4 b5", "c1 c2 c3 c4", "c5 c6 c7 c8",
       "d1 d2 d3 d4 d5 d6 d7", "x1 x2 x3 x4 x5", "e1 e2 e3 e4 e5", "f1 f2 f3 f4 f5 f6",
       "g1 g2 g3 g4 g5", "h1 h2 h3 h4"]
TGT = ["a1 a2 a3 a4 a5 a6", "b1 b2 b3 b4 b5", "c1 c2 c3 c4 c5 c6 c7 c8", "d1 d2 d3",
       "d4 d5 d6 d7", "e1 e2 e3 e4 e5", "y1 y2 y3 y4", "f1 f2 f3 f4 f5 f6", "g1 g2 g3 g4 g5",
       "h1 h2 h3 h4"]
GOLD = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3, 4)), ((5,), ()),
        ((6,), (5,)), ((), (6,)), ((7,), (7,)), ((8,), (8,)), ((9,), (9,))]


def as_pairs(props):
    return [(p.src, p.tgt) for p in props]


def test_constructed_bead_types_are_found(fake_encoder):
    props = align_texts(SRC, TGT, fake_encoder, "xx", "yy")
    assert as_pairs(props) == GOLD


def test_confidence_is_in_unit_range_and_high_for_clear_pairs(fake_encoder):
    props = align_texts(SRC, TGT, fake_encoder, "xx", "yy")
    assert all(0.0 <= p.confidence <= 1.0 for p in props)
    assert props[0].confidence > 0.8


def test_same_input_same_output(fake_encoder):
    assert as_pairs(align_texts(SRC, TGT, fake_encoder)) == as_pairs(align_texts(SRC, TGT, fake_encoder))


def test_one_side_empty():
    u = np.eye(3, dtype=np.float32)
    props = align_vectors(u, np.zeros((0, 3), dtype=np.float32), [1, 1, 1], [])
    assert as_pairs(props) == [((0,), ()), ((1,), ()), ((2,), ())]


def _random_parallel(n, seed=1, dim=48, noise=0.3):
    """n source vectors; the target is a noisy copy with a few merges and deletions."""
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((n, dim))
    tgt, gold, j = [], [], 0
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.05 and i + 1 < n:  # 2-1
            tgt.append(u[i] + u[i + 1] + noise * rng.standard_normal(dim))
            gold.append(((i, i + 1), (j,)))
            i += 2
        elif r < 0.08:  # 1-0
            gold.append(((i,), ()))
            i += 1
            continue
        else:
            tgt.append(u[i] + noise * rng.standard_normal(dim))
            gold.append(((i,), (j,)))
            i += 1
        j += 1
    v = np.array(tgt)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return u.astype(np.float32), v.astype(np.float32), gold


def test_banded_dp_equals_exact_dp_when_the_band_covers_the_matrix():
    u, v, _ = _random_parallel(60)
    ls, lt = np.full(len(u), 50.0), np.full(len(v), 50.0)
    exact = align_vectors(u, v, ls, lt, AlignConfig(full_cells=10**9))
    banded = align_vectors(u, v, ls, lt, AlignConfig(full_cells=0, band_margin=100))
    assert as_pairs(exact) == as_pairs(banded)


def test_long_documents_use_a_band_not_the_matrix():
    u, v, gold = _random_parallel(3000, seed=3)
    lo, width = coarse_band(u, v, margin=24)
    assert width < 200  # the DP touches O(n * width) cells, not n * m
    props = align_vectors(u, v, np.full(len(u), 50.0), np.full(len(v), 50.0),
                          AlignConfig(full_cells=100_000))
    got = set(as_pairs(props))
    pairs = [g for g in gold if g[0] and g[1]]
    assert sum(g in got for g in pairs) / len(pairs) > 0.95


def test_dp_finds_no_path_outside_a_band_that_misses_the_corner():
    scores = np.zeros((1, 3, 2), dtype=np.float32)
    lo, _ = full_band(2, 1)
    with pytest.raises(ValueError):
        best_path(scores, np.array([0, 0, 5]), [(1, 1)], 2, 1)
    assert best_path(np.zeros((1, 3, 3), dtype=np.float32), np.zeros(3, dtype=np.int64), [(1, 1)], 2, 2) == [(0, 1, 1), (0, 2, 2)]


def _doc(src, tgt, beads):
    return Document(make_side("xx", [(t, 0) for t in src]), make_side("yy", [(t, 0) for t in tgt]), beads)


def test_realign_keeps_confirmed_beads_even_when_wrong(fake_encoder):
    # two wrong catch-all beads around a confirmed (deliberately odd) 1-1
    beads = [Bead(tuple(range(0, 5)), tuple(range(0, 6))),
             Bead((5,), (6,), None, "confirmed"),
             Bead(tuple(range(6, 10)), tuple(range(7, 10)))]
    doc = _doc(SRC, TGT, beads)
    h = History(doc)
    h.do(realign(doc, fake_encoder))
    pairs = [(b.src, b.tgt) for b in doc.beads]
    assert ((5,), (6,)) in pairs and doc.beads[pairs.index(((5,), (6,)))].confirmed
    assert ((2, 3), (2,)) in pairs and ((4,), (3, 4)) in pairs and ((7,), (7,)) in pairs
    h.undo()
    assert doc.beads == beads


def test_realign_with_everything_confirmed_changes_nothing(fake_encoder):
    beads = [Bead((i,), (i,), None, "confirmed") for i in range(3)]
    doc = _doc(SRC[:3], TGT[:3], beads)
    edit = realign(doc, fake_encoder)
    apply_edit(doc, edit)
    assert doc.beads == beads and edit.splices == ()


def test_max_marginals_match_the_best_path():
    from workbench.core.align.dp import max_marginals

    rng = np.random.default_rng(5)
    types = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
    scores = rng.standard_normal((len(types), 7, 6)).astype(np.float32)
    path = best_path(scores, np.zeros(7, dtype=np.int64), types, 6, 5)
    total = sum(float(scores[t, i, j]) for t, i, j in path)
    mm, best = max_marginals(scores, types)
    assert best == pytest.approx(total, abs=1e-4)
    for t, i, j in path:  # every bead of the best path has the best path's total
        assert mm[t, i, j] == pytest.approx(total, abs=1e-4)
    assert (mm <= best + 1e-4).all()


def test_pruning_the_exact_pass_keeps_the_result(fake_encoder):
    full = align_texts(SRC, TGT, fake_encoder, cfg=AlignConfig(prune=1e9))
    pruned = align_texts(SRC, TGT, fake_encoder, cfg=AlignConfig())
    assert as_pairs(full) == as_pairs(pruned) == GOLD


def test_posteriors_of_the_beads_covering_a_sentence_sum_to_one():
    from workbench.core.align.dp import posteriors

    types = list(AlignConfig().types)
    rng = np.random.default_rng(4)
    scores = rng.normal(size=(len(types), 6, 5)).astype(np.float32)
    post = posteriors(scores, types)
    for s in range(5):  # every path covers source sentence s exactly once
        total = sum(post[t, i, j] for t, (a, b) in enumerate(types) if a
                    for i in range(s + 1, s + a + 1) if i <= 5 for j in range(b, 5))
        assert total == pytest.approx(1.0, abs=1e-6)
    # one bead type dominating everywhere: the diagonal 1-1 path is near certain
    scores = np.full((len(types), 6, 6), -20.0, dtype=np.float32)
    scores[types.index((1, 1))] = 5.0
    post = posteriors(scores, types)
    assert post[types.index((1, 1)), 3, 3] > 0.999


def test_confidences_are_probabilities_highest_far_from_the_hard_rows(fake_encoder):
    props = align_texts(SRC, TGT, fake_encoder, "xx", "yy")
    assert as_pairs(props) == GOLD
    assert all(0.5 <= p.confidence <= 1.0 for p in props)
    # the 1-1 rows with no merge or omission beside them are the surest
    far = [props[k].confidence for k in (0, 8, 9)]
    assert min(far) > 0.95
    assert min(far) >= max(p.confidence for p in props[2:7])


def _lengths_for(gold, n, m, seed=3):
    """Character counts that agree with the gold beads: a target span as long as its source."""
    rng = np.random.default_rng(seed)
    ls = rng.integers(20, 200, n).astype(float)
    lt = np.full(m, 60.0)
    for src, tgt in gold:
        if src and tgt:
            total = ls[list(src)].sum() * rng.uniform(0.9, 1.1)
            lt[list(tgt)] = total / len(tgt)
    return ls, lt


def test_a_much_denser_script_is_measured_within_the_fitted_length_range():
    """Chinese against English: 0.3 characters for one. The source's counts are rescaled so the
    length ratio stays where the scorer was tuned, and the pair aligns as the plain one does
    (the default scorer and the learned one)."""
    u, v, gold = _random_parallel(80, seed=4, noise=1.0)  # noisy enough for lengths to decide
    ls, lt = _lengths_for(gold, len(u), len(v))
    for cfg in (AlignConfig(), _learned()):
        _same_when_denser(u, v, ls, lt, cfg)


def _learned() -> AlignConfig:
    from workbench.core.align.learned import weights_for

    return AlignConfig(scorer="learned", weights=tuple(weights_for("use-v3")))


def _same_when_denser(u, v, ls, lt, cfg) -> None:
    from workbench.core.align.band import full_band
    from workbench.core.align.scoring import DENSITY_RANGE, Features

    lo, w = full_band(len(u), len(v))
    plain = Features(u, v, ls, lt, cfg, lo, w)
    dense = Features(u, v, ls * 0.3, lt, cfg, lo, w)
    assert abs(plain.mu) < DENSITY_RANGE and np.allclose(plain.len_s, ls)
    assert dense.mu == pytest.approx(-DENSITY_RANGE)
    assert as_pairs(align_vectors(u, v, ls * 0.3, lt, cfg)) == as_pairs(align_vectors(u, v, ls, lt, cfg))


def test_a_sentence_left_out_beside_one_left_out_on_the_other_side_is_one_free_translation(fake_encoder):
    """x and y match nothing and their lengths differ wildly, at the same place: the DP would
    leave both out, but a replaced sentence is recorded as a 1-1 (gold alignments do), with a
    confidence low enough for the review queue."""
    base = [f"{c}1 {c}2 {c}3 {c}4 {c}5" for c in "abcdefghijkl"]
    src = base[:6] + [" ".join(f"x{i}" for i in range(60))] + base[6:]
    tgt = base[:6] + ["y1"] + base[6:]
    apart = as_pairs(align_texts(src, tgt, fake_encoder, "xx", "yy", AlignConfig(pair_skips=False)))
    assert ((6,), ()) in apart and ((), (6,)) in apart
    props = align_texts(src, tgt, fake_encoder, "xx", "yy")
    assert as_pairs(props) == [((k,), (k,)) for k in range(13)]
    assert props[6].confidence < 0.5 < min(p.confidence for k, p in enumerate(props) if k != 6)
