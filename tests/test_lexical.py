"""Anchor tokens (numbers, names, cognates) and the bead features built on them."""

import numpy as np
import pytest

from workbench.core.align import AlignConfig
from workbench.core.align.band import full_band
from workbench.core.align.features import INDEX, zone_features
from workbench.core.align.lexical import Anchors, anchor_tokens
from workbench.core.align.scoring import Features


def test_anchor_tokens_fold_accents_case_and_cyrillic():
    assert anchor_tokens("Expedition am 12. Juli 1957") == ["exped", "#12", "juli", "#1957"]
    assert anchor_tokens("l'expédition du 012") == ["exped", "#12"]
    # Cyrillic is transliterated, so Russian names meet their English spelling
    assert anchor_tokens("Бакай, Алматы, Казахстан")[:2] == anchor_tokens("Bakai, Almaty")
    assert anchor_tokens("Казахстан")[0] == anchor_tokens("Kazakhstan")[0]


def test_numbers_in_chinese_text_are_anchors_in_any_digits():
    assert anchor_tokens("2006年5月12日") == ["#2006", "#5", "#12"]
    assert anchor_tokens("２００６年") == ["#2006"]  # full-width digits
    # a run of Han characters is no anchor (it never reappears in English), and a name in
    # Latin letters glued to it is still found
    assert anchor_tokens("今天早上我们在北京吃了早饭") == []
    assert anchor_tokens("他们将头衔改为Wales议会") == ["wales"]
    assert anchor_tokens("日本語のテキストとFerrari") == ["ferra"]


def test_short_words_count_only_as_capitalized_names():
    assert anchor_tokens("Band und der Ort") == ["band", "ort"]
    assert anchor_tokens("und der die") == []
    assert anchor_tokens("USA") == []  # acronyms in capitals are left alone


def test_pair_keeps_tokens_found_on_both_sides_and_not_too_common():
    src = ["Roiss 1957", "Wien", "Gletscher", "Expedition"] + ["1956 x"] * 8
    tgt = ["Roiss 1957", "Vienne", "glacier", "l'expédition"] + ["1956 y"] * 8
    a_s, a_t = Anchors.pair(src, tgt)
    # "Roiss" and "1957" are shared; Wien/Vienne and Gletscher/glacier are not; the two
    # expeditions meet at their 5-letter prefix; "1956" is in two thirds of the sentences
    assert [int(a_s.offsets[k + 1] - a_s.offsets[k]) for k in range(4)] == [2, 0, 0, 1]
    assert a_s.offsets[-1] == 3 and a_t.offsets[-1] == 3
    assert set(a_s.values.tolist()) == set(a_t.values.tolist())


def test_take_and_window_select_sentences():
    a, _ = Anchors.pair(["11 22", "33", "44 55 66"], ["11 22 33 44 55 66"], max_share=1.0)
    assert len(a) == 3
    w = a.window(1, 3)
    assert w.offsets.tolist() == [0, 1, 4]
    t = a.take([2, 0])
    assert t.offsets.tolist() == [0, 3, 5]
    assert t.values.tolist() == a.values[3:].tolist() + a.values[:2].tolist()
    assert len(Anchors.empty(4)) == 4


def _problem(src, tgt, seed=3):
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((len(src), 32)).astype(np.float32)
    v = (u[: len(tgt)] + 0.2 * rng.standard_normal((len(tgt), 32))).astype(np.float32)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    cfg = AlignConfig()
    lo, width = full_band(len(src), len(tgt))
    feats = Features(u, v, [len(x) for x in src], [len(x) for x in tgt], cfg, lo, width,
                     anchors=Anchors.pair(src, tgt))
    return feats, cfg


SRC = ["Im Mai 1953 kam Roiss", "nach Skardu", "Die 7729 m waren hoch", "Lager IV", "Eis"]
TGT = ["En mai 1953 Roiss arriva à Skardu", "Les 7729 m", "Camp IV", "Glace", "Fin"]


def test_anchor_features_of_a_merge():
    feats, cfg = _problem(SRC, TGT)
    F, valid = zone_features(feats, cfg.types, 0, 5, 0, 5, {})
    t21, t11 = cfg.types.index((2, 1)), cfg.types.index((1, 1))
    # "Im Mai 1953 kam Roiss" + "nach Skardu" with the sentence that has all three anchors
    assert valid[t21, 2, 1]
    assert F[INDEX["lex_dice"], t21, 2, 1] == pytest.approx(1.0)
    assert F[INDEX["lex_cov_miss"], t21, 2, 1] == 0
    # the first sentence alone leaves "Skardu" of the target unmatched
    assert F[INDEX["lex_dice"], t11, 1, 1] == pytest.approx(4 / 5)
    assert F[INDEX["lex_unmatched"], t11, 1, 1] > 0
    # a merge with a sentence whose anchor ("7729") is not in the target span is a miss
    t12 = cfg.types.index((1, 2))
    assert F[INDEX["lex_cov_miss"], t12, 1, 2] == 1


def test_leaving_out_a_fragment_whose_anchor_is_beside_it():
    feats, cfg = _problem(SRC, TGT)
    F, _ = zone_features(feats, cfg.types, 0, 5, 0, 5, {})
    t10 = cfg.types.index((1, 0))
    # "nach Skardu" (source 1) left out just after target 0, which has "Skardu"
    assert F[INDEX["skip_lex_near"], t10, 2, 1] == pytest.approx(1.0)
    assert F[INDEX["skip_src"], t10, 2, 1] == 1.0
    # left out far from it: no anchor beside it
    assert F[INDEX["skip_lex_near"], t10, 2, 4] == 0.0


def test_a_name_in_the_sentence_beside_says_the_boundary_is_off():
    # the translation moved "Abalakow" across the sentence boundary (a crossed 2-2)
    src = ["Erstersteigung 1933 durch B.M .", "Abalakow , seitdem oft besucht .", "Pik Lenin 7134"]
    tgt = ["ascension en 1933 par B.M. Abalakow .", "Souvent visité depuis .", "Pik Lenin 7134"]
    feats, cfg = _problem(src, tgt)
    F, _ = zone_features(feats, cfg.types, 0, 3, 0, 3, {})
    t11, t22 = cfg.types.index((1, 1)), cfg.types.index((2, 2))
    out = INDEX["lex_outside"]
    assert F[out, t11, 2, 2] > 0  # source 1 with target 1: its name is in target 0
    assert F[out, t11, 1, 1] > 0  # source 0 with target 0: target 0's name is in source 1
    assert F[out, t22, 2, 2] == 0  # the 2-2 holds both
    assert F[out, t11, 3, 3] == 0  # nothing displaced


def test_an_anchor_repeated_nearby_is_not_a_displaced_one():
    # "Shanyrak" in three nearby target sentences: a translator's added name, not a boundary
    src = ["Shanyrak 120", "Hilfe fur Shanyrak", "Frauen kamen mit"]
    tgt = ["Shanyrak 120", "help Shanyrak", "women of Shanyrak came"]
    feats, cfg = _problem(src, tgt)
    F, _ = zone_features(feats, cfg.types, 0, 3, 0, 3, {})
    assert F[INDEX["lex_outside"], cfg.types.index((1, 1)), 3, 3] == 0


def test_zone_scores_are_the_weighted_features():
    from workbench.core.align.features import FEATURES, learned_scores, zone_scores

    feats, cfg = _problem(SRC, TGT)
    w = np.random.default_rng(0).standard_normal(len(FEATURES))
    F, valid = zone_features(feats, cfg.types, 0, 5, 0, 5, {})
    expected = learned_scores(F, valid, w.astype(np.float32), 0.5)
    got = zone_scores(feats, cfg.types, 0, 5, 0, 5, {}, w, 0.5)
    assert got == pytest.approx(expected, abs=1e-4)


def test_scoring_only_the_merges_again_equals_scoring_the_whole_zone():
    from workbench.core.align.features import FEATURES, zone_rescore, zone_scores

    feats, cfg = _problem(SRC, TGT)
    types = cfg.types
    w = np.random.default_rng(1).standard_normal(len(FEATURES))
    rng = np.random.default_rng(2)
    exact = {}
    for key in (("src", 0, 2), ("tgt", 0, 2), ("src", 1, 4), ("tgt", 2, 5)):
        vec = rng.standard_normal(32).astype(np.float32)
        exact[key] = vec / np.linalg.norm(vec)
    first = zone_scores(feats, types, 0, 5, 0, 5, {}, w)
    full = zone_scores(feats, types, 0, 5, 0, 5, exact, w)
    multi = np.array([a > 1 or b > 1 for a, b in types])
    assert not np.allclose(first[multi], full[multi])  # the joined-text vectors matter ...
    assert np.allclose(first[~multi], full[~multi])  # ... to merges only
    from workbench.core.align.dp import NEG

    cells = np.nonzero(multi[:, None, None] & (first > NEG / 2))  # every merge a bead fits
    again = zone_rescore(feats, types, (0, 5, 0, 5), exact, w, 0.0, first, cells)
    assert again == pytest.approx(full, abs=1e-4)
