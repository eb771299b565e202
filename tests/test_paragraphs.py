"""Paragraph breaks as alignment evidence (core/align/paragraphs.py): a bead that runs across
a paragraph start on both sides pays, on one side a quarter; no evidence from a text with a
sentence per line; every path (first pass, exact pass, confidences, re-alignment) sees it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from workbench.core.align import AlignConfig, align_sides, align_texts, align_vectors, realign
from workbench.core.align.band import full_band
from workbench.core.align.dp import NEG
from workbench.core.align.features import FEATURES, zone_rescore, zone_scores
from workbench.core.align.paragraphs import ONE_SIDE, paragraph_starts, shared_breaks
from workbench.core.align.scoring import Features
from workbench.core.document import Bead, Document, make_side
from workbench.core.history import History


def test_paragraph_starts_and_when_paragraphs_say_nothing():
    assert paragraph_starts([0, 0, 1, 1, 1, 2]).tolist() == [True, False, True, False, False,
                                                            True, True]
    assert paragraph_starts(None) is None
    assert paragraph_starts([0]) is None
    assert paragraph_starts([0, 0, 0, 0]) is None  # one paragraph
    assert paragraph_starts(list(range(10))) is None  # a sentence per line
    assert paragraph_starts([0, 1, 2, 3, 4, 5, 6, 7, 8, 8]) is None  # nearly so (8 of 9)
    assert paragraph_starts([0, 1, 2, 3, 3, 4, 4, 5, 5, 5]) is not None  # 5 of 9
    # both sides must have them
    assert shared_breaks([0, 0, 1, 1], list(range(4))) is None
    assert shared_breaks([0, 0, 1, 1], [0, 0, 0, 1]) is not None
    # ... and about as many: one side's "paragraphs" may be a layout's lines
    assert shared_breaks([0] * 6 + [1] * 6, [0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 5]) is None
    assert shared_breaks([0] * 6 + [1] * 6, [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2]) is not None


def test_which_spans_run_across_a_paragraph_start():
    breaks = shared_breaks([0, 0, 1, 1, 1], [0, 1, 1, 2, 2])
    cross_s, cross_t = breaks.crossing(((1, 1), (2, 2), (3, 1)))
    assert not cross_s[0].any() and not cross_t[0].any()  # a single sentence never does
    # source: a paragraph starts at sentence 2; a 2-span ending before k covers k-2, k-1
    assert cross_s[1].tolist() == [False, False, False, True, False, False]
    assert cross_s[2].tolist() == [False, False, False, True, True, False]
    assert cross_t[1].tolist() == [False, False, True, False, True, False]


def _crossing_pair(n=12, seed=5):
    """Sentences 5 and 6 of each side both match the other side's 5 + 6 (a 2-2 by content),
    the rest 1-1; with ``merge_penalty`` 0 the aligner proposes the 2-2."""
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((n, 32))
    v = u + 0.3 * rng.standard_normal((n, 32))
    mix = u[5] + u[6]
    v[5] = mix + 0.3 * rng.standard_normal(32)
    v[6] = mix + 0.3 * rng.standard_normal(32)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return u.astype(np.float32), v.astype(np.float32), np.full(n, 50.0)


def _beads(props):
    return [(p.src, p.tgt) for p in props]


def test_a_bead_across_both_sides_paragraph_start_becomes_two():
    u, v, lengths = _crossing_pair()
    cfg = AlignConfig(merge_penalty=0.0)
    plain = align_vectors(u, v, lengths, lengths, cfg)
    assert ((5, 6), (5, 6)) in _beads(plain)
    paras = [0] * 6 + [1] * 6  # both sides start a paragraph at sentence 6
    split = align_vectors(u, v, lengths, lengths, cfg, paragraphs=(paras, paras))
    assert ((5,), (5,)) in _beads(split) and ((6,), (6,)) in _beads(split)
    # the price is the setting: without it the 2-2 is back
    off = align_vectors(u, v, lengths, lengths, replace(cfg, paragraph_weight=0.0),
                        paragraphs=(paras, paras))
    assert _beads(off) == _beads(plain)
    # paragraphs elsewhere change nothing here
    elsewhere = [0] * 3 + [1] * 9
    assert _beads(align_vectors(u, v, lengths, lengths, cfg,
                                paragraphs=(elsewhere, elsewhere))) == _beads(plain)


def test_a_sentence_per_line_or_one_side_without_paragraphs_is_no_evidence():
    u, v, lengths = _crossing_pair()
    cfg = AlignConfig(merge_penalty=0.0)
    plain = [(p.src, p.tgt, p.confidence) for p in align_vectors(u, v, lengths, lengths, cfg)]
    lines = list(range(12))
    paras = [0] * 6 + [1] * 6
    for given in ((lines, lines), (paras, lines), (paras, [0] * 12)):
        got = align_vectors(u, v, lengths, lengths, cfg, paragraphs=given)
        assert [(p.src, p.tgt, p.confidence) for p in got] == plain


def test_the_zone_scores_take_the_price_from_crossing_beads_only():
    u, v, lengths = _crossing_pair()
    cfg = AlignConfig()
    lo, width = full_band(len(u), len(v))
    paras = [0] * 6 + [1] * 6
    one_side = [0] * 7 + [1] * 5  # the target starts its paragraph a sentence later
    plain = Features(u, v, lengths, lengths, cfg, lo, width)
    feats = Features(u, v, lengths, lengths, cfg, lo, width, breaks=shared_breaks(paras, one_side))
    w = np.random.default_rng(0).standard_normal(len(FEATURES))
    before = zone_scores(plain, cfg.types, 3, 9, 3, 9, {}, w)
    after = zone_scores(feats, cfg.types, 3, 9, 3, 9, {}, w, paragraph=2.0)
    diff = before - after
    t22, t11, t12 = (cfg.types.index(t) for t in ((2, 2), (1, 1), (1, 2)))
    # 2-2 ending at source 7 (5, 6) and target 8 (6, 7): runs across both starts
    assert diff[t22, 7 - 3, 8 - 3] == pytest.approx(2.0)
    # 2-2 ending at (7, 7): source 5-6 runs across, target 5-6 does not
    assert diff[t22, 7 - 3, 7 - 3] == pytest.approx(2.0 * ONE_SIDE)
    assert not diff[t11].any()
    # a 1-2 ending at target 8 (6, 7) runs across the target's start only
    assert diff[t12, 6 - 3, 8 - 3] == pytest.approx(2.0 * ONE_SIDE)
    assert np.all(after[before <= NEG / 2] <= NEG / 2)  # no bead fits there still
    # scoring the merges again keeps the price
    cells = np.nonzero(np.array([a > 1 or b > 1 for a, b in cfg.types])[:, None, None]
                       & (after > NEG / 2))
    again = zone_rescore(feats, cfg.types, (3, 9, 3, 9), {}, w, 0.0, after, cells, 2.0)
    assert again == pytest.approx(after, abs=1e-4)


def test_align_texts_and_realign_pass_the_documents_paragraphs(fake_encoder):
    src = ["one two three four.", "five six seven eight.", "alpha beta gamma kappa.",
           "delta epsilon zeta lambda.", "nine ten eleven twelve.", "thirteen fourteen fifteen."]
    tgt = ["one two three four.", "five six seven eight.", "alpha beta delta epsilon.",
           "gamma kappa zeta lambda.", "nine ten eleven twelve.", "thirteen fourteen fifteen."]
    plain = align_texts(src, tgt, fake_encoder, "xx", "yy")
    paras = [0, 0, 0, 1, 1, 1]
    given = align_texts(src, tgt, fake_encoder, "xx", "yy", paragraphs=(paras, paras))
    assert [p.confidence for p in given] != [p.confidence for p in plain]

    doc = Document(make_side("xx", list(zip(src, paras))), make_side("yy", list(zip(tgt, paras))),
                   [Bead(tuple(range(6)), tuple(range(6)))])
    History(doc).do(realign(doc, fake_encoder))
    assert [b.confidence for b in doc.beads] == [p.confidence for p in given]
    # the side's paragraphs are what align_sides uses too
    beads = align_sides(doc.source, doc.target, fake_encoder)
    assert [b.confidence for b in beads] == [p.confidence for p in given]


def test_a_stretch_of_one_sentence_paragraphs_keeps_the_documents_evidence(fake_encoder):
    """Whether the paragraphs say anything is judged on the whole document: re-aligning a
    stretch of two one-sentence paragraphs (headings, say) still uses them."""
    src = ["one two three four.", "five six seven eight.", "nine ten eleven twelve.",
           "alpha beta gamma kappa mu.", "delta epsilon zeta lambda nu.",
           "thirteen fourteen fifteen.", "sixteen seventeen eighteen.", "nineteen twenty."]
    # three fifths of each target sentence translate its source sentence, two fifths the other
    tgt = src[:3] + ["alpha beta gamma delta epsilon.", "kappa mu zeta lambda nu."] + src[5:]
    paras = [0, 0, 0, 1, 2, 3, 3, 3]

    def doc():
        confirmed = [Bead((i,), (i,), None, "confirmed") for i in (0, 1, 2)]
        rest = [Bead((i,), (i,), None, "confirmed") for i in (5, 6, 7)]
        return Document(make_side("xx", list(zip(src, paras))), make_side("yy", list(zip(tgt, paras))),
                        confirmed + [Bead((3, 4), (3, 4))] + rest)

    def stretch(cfg):
        d = doc()
        History(d).do(realign(d, fake_encoder, cfg))
        return [(b.src, b.tgt) for b in d.beads if not b.confirmed]

    assert stretch(AlignConfig(paragraph_weight=0.0)) == [((3, 4), (3, 4))]
    assert stretch(AlignConfig()) == [((3,), (3,)), ((4,), (4,))]
