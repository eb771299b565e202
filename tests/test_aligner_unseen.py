"""The aligner on text it was never tuned on (issue 16): the default scorer is the unlearned
one, the learned scorer only on request; Chinese (no spaces) segments, anchors and aligns;
confidences stay calibrated."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from workbench.core.align import AlignConfig, align_vectors
from workbench.core.align.features import FEATURES, INDEX, scorer_weights, unlearned_weights
from workbench.core.align.realign import for_encoder
from workbench.core.align.reference import REFERENCE_SCALES
from workbench.core.align.scoring import MAX_PRICE_FACTOR, weak_signal

from test_aligner import _random_parallel

ZH = ("北京市政府周一宣布，明年将在城南新建三座公园。这些公园总面积约为120公顷，预计耗资15亿元。"
      "市长王明在新闻发布会上说：“我们希望每个居民步行十分钟就能到达绿地。”"
      "环保组织对这一计划表示欢迎，但他们也提醒政府注意保护现有的湿地，并要求公开环境评估报告。"
      "工程将于2027年3月开工。\n")
EN = ("The Beijing city government announced on Monday that it will build three new parks in the "
      "south of the city next year. The parks will cover about 120 hectares. They are expected to "
      "cost 1.5 billion yuan. \"We want every resident to be able to reach green space within a "
      "ten-minute walk,\" Mayor Wang Ming said at a press conference. Environmental groups welcomed "
      "the plan. But they also reminded the government to protect the existing wetlands and asked "
      "for the environmental assessment report to be made public. Work will begin in March 2027.\n")


class _Named:
    def __init__(self, name: str) -> None:
        self.name = name


def test_the_default_scorer_is_unlearned_and_the_learned_one_comes_only_on_request():
    cfg = AlignConfig()
    for_use = for_encoder(cfg, _Named("use-v3"))
    assert for_use.weights is None  # nothing fitted is applied, only the model's skip unit
    assert for_use == replace(cfg, reference_scale=REFERENCE_SCALES["use-v3"])
    weights, temperature = scorer_weights(cfg)
    assert np.array_equal(weights, unlearned_weights(cfg)) and temperature == cfg.temperature
    learned = for_encoder(AlignConfig(scorer="learned"), _Named("use-v3"))
    assert learned.weights is not None and len(learned.weights) == len(FEATURES)
    weights, temperature = scorer_weights(learned)
    assert np.allclose(weights, learned.weights) and temperature == 1.0
    # a model without weights of its own (a local folder) gets the default model's
    assert for_encoder(AlignConfig(scorer="learned"), _Named("/some/model")).weights


def test_the_unlearned_weights_are_the_config_and_nothing_fitted():
    cfg = AlignConfig()
    w = unlearned_weights(cfg)
    assert w[INDEX["margin"]] == 1.0
    assert w[INDEX["local_margin"]] == cfg.local_weight
    assert w[INDEX["bias_skip"]] == cfg.skip
    assert w[INDEX["lex_outside"]] == -cfg.displaced_weight
    assert w[INDEX["t_big"]] == -3 * cfg.merge_penalty
    # the features a fit would use to learn a corpus's habits carry no weight
    for name in ("bias_pair", "log_len", "skip_src", "skip_near", "size_margin", "cov_rel"):
        assert w[INDEX[name]] == 0.0
    changed = unlearned_weights(replace(cfg, local_weight=0.0, skip=-1.0))
    assert changed[INDEX["local_margin"]] == 0.0 and changed[INDEX["bias_skip"]] == -1.0


def test_the_local_margin_prefers_the_true_boundary():
    """A 1-2 whose second target sentence also resembles the next source sentence: the local
    margin (the bead against its neighbours) is higher for the true bead than the bead
    shifted by one."""
    from workbench.core.align.band import full_band
    from workbench.core.align.features import zone_features
    from workbench.core.align.scoring import Features

    u, v, gold = _random_parallel(40, seed=3, noise=0.3)
    lo, w = full_band(len(u), len(v))
    feats = Features(u, v, np.full(len(u), 50.0), np.full(len(v), 50.0), AlignConfig(), lo, w)
    cfg = AlignConfig()
    F, valid = zone_features(feats, cfg.types, 0, len(u), 0, len(v), {})
    t11 = cfg.types.index((1, 1))
    ones = [(s[0], t[0]) for s, t in gold if len(s) == 1 and len(t) == 1]
    right = [F[INDEX["local_margin"], t11, i + 1, j + 1] for i, j in ones]
    shifted = [F[INDEX["local_margin"], t11, i + 1, j + 2] for i, j in ones if j + 2 <= len(v)]
    assert min(right) > 0 > max(shifted)


def test_confidences_stay_calibrated_on_noisy_text():
    """Posterior confidences under the unlearned score: the beads it is sure of are right,
    and the wrong beads sit lower than the right ones (the review queue finds them)."""
    u, v, gold = _random_parallel(400, seed=7, noise=1.5)
    props = align_vectors(u, v, np.full(len(u), 60.0), np.full(len(v), 60.0), AlignConfig())
    truth = {(tuple(s), tuple(t)) for s, t in gold}
    right = [p.confidence for p in props if (p.src, p.tgt) in truth]
    wrong = [p.confidence for p in props if (p.src, p.tgt) not in truth]
    assert wrong, "the noise should make some beads wrong"
    sure = [(p.src, p.tgt) in truth for p in props if p.confidence >= 0.95]
    assert len(sure) > len(props) / 2 and np.mean(sure) >= 0.95
    assert np.mean(wrong) < np.mean(right) - 0.2
    assert np.mean([c < 0.8 for c in wrong]) >= 0.5


def test_prices_are_set_against_the_models_clean_translation_margin():
    """The prices are set for a clean translation: a document whose sentences match their
    partners half as clearly (half the model's reference margin) pays twice as much per skip,
    merge, length deviation and anchor, with a local margin weight and a temperature lower by
    sqrt(2); at most
    MAX_PRICE_FACTOR times. An unknown model or a very short document keeps them as set."""
    from types import SimpleNamespace
    from workbench.core.align.engine import for_document

    cfg = AlignConfig(reference_scale=0.2)
    assert weak_signal(cfg, 0.2, 100) == 1.0
    assert weak_signal(cfg, 0.1, 100) == 2.0
    assert weak_signal(cfg, 0.4, 100) == 0.5
    assert weak_signal(cfg, 0.001, 100) == MAX_PRICE_FACTOR
    assert weak_signal(AlignConfig(), 0.1, 100) == 1.0  # no reference known
    assert weak_signal(cfg, 0.1, 4) == 1.0  # too few sentences to judge
    doc = for_document(cfg, SimpleNamespace(weak=2.0))
    assert (doc.skip, doc.merge_penalty, doc.length_weight, doc.anchor_weight,
            doc.displaced_weight) == (2 * cfg.skip, 2 * cfg.merge_penalty, 2 * cfg.length_weight,
                                      2 * cfg.anchor_weight, 2 * cfg.displaced_weight)
    assert doc.temperature == pytest.approx(cfg.temperature / 2 ** 0.5)
    assert doc.local_weight == pytest.approx(cfg.local_weight / 2 ** 0.5)
    assert doc.coverage_weight == cfg.coverage_weight
    assert for_document(cfg, SimpleNamespace(weak=1.0)) is cfg
    # every bundled model has its unit; a local model folder keeps the document-relative one
    for name in ("use-v3", "e5-small", "use-v3+e5-small"):
        assert for_encoder(AlignConfig(), _Named(name)).reference_scale == REFERENCE_SCALES[name]
    assert for_encoder(AlignConfig(), _Named("/some/model")).reference_scale is None


class _Fake:
    """A local model: each calibration sentence and its translation get one vector (plus a
    little noise) if it ``knows`` the languages, unrelated vectors if it does not."""

    def __init__(self, name: str, knows: bool):
        from workbench.core.align.reference import calibration_pairs

        src, tgt = calibration_pairs()
        rng = np.random.default_rng(0)
        base = rng.standard_normal((len(src), 64))
        self.name, self.vec = name, {}
        for k, (a, b) in enumerate(zip(src, tgt)):
            self.vec[a] = base[k] + 0.3 * rng.standard_normal(64)
            self.vec[b] = (base[k] if knows else rng.standard_normal(64)) + 0.3 * rng.standard_normal(64)

    def encode(self, texts, **kw):
        out = np.array([self.vec[t] for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_a_local_model_is_measured_on_the_calibration_pairs():
    """A model the project does not know gets its unit from the clean pairs shipped with
    it: CALIBRATION_RATIO times their typical margin; one that cannot pair them up (it does not
    know the languages) gets none, and the prices stay in the document's units."""
    from workbench.core.align.reference import CALIBRATION_RATIO, calibration_pairs, clean_margin

    knows = _Fake("/models/knows-ru-en", knows=True)
    src, tgt = calibration_pairs()
    assert len(src) == len(tgt) >= 30
    expected = CALIBRATION_RATIO * clean_margin(knows.encode(src), knows.encode(tgt))
    got = for_encoder(AlignConfig(), knows).reference_scale
    assert got == pytest.approx(expected) and got > 0
    assert for_encoder(AlignConfig(), _Fake("/models/other", knows=False)).reference_scale is None


def _joined_spans(u, v):
    def embed(side, spans):
        x = u if side == "src" else v
        out = np.array([x[s:e].sum(0) for s, e in spans])
        return out / np.linalg.norm(out, axis=1, keepdims=True)
    return embed


def test_a_weakly_matching_translation_does_not_leave_out_more_sentences():
    """The same document translated ever more freely (more noise between the sides): priced
    against the clean translation's margin, skips stay about as many as the document has;
    priced in the document's own margin units, the aligner leaves out ever more sentences on
    ever weaker evidence (Bertalign's fixed skip does not: docs/aligner.md)."""
    from workbench.core.align.band import full_band
    from workbench.core.align.scoring import Features
    from workbench.core.evaluate import score

    lengths = np.full(300, 60.0)
    u, v, gold = _random_parallel(300, seed=5, noise=0.3)
    lo, w = full_band(len(u), len(v))
    clean = Features(u, v, lengths, lengths[:len(v)], AlignConfig(), lo, w).scale
    u, v, same_gold = _random_parallel(300, seed=5, noise=2.0)
    assert same_gold == gold
    truth = {(tuple(s), tuple(t)) for s, t in gold}
    real_skips = sum(1 for s, t in gold if not s or not t)
    got = {}
    for ref in (None, clean):
        props = align_vectors(u, v, lengths, lengths[:len(v)], AlignConfig(reference_scale=ref),
                              embed_spans=_joined_spans(u, v))
        skips = [(p.src, p.tgt) for p in props if not p.src or not p.tgt]
        got[ref] = (len(skips), sum(b not in truth for b in skips),
                    score([(p.src, p.tgt) for p in props], gold)["strict"].f1)
    assert got[None][1] >= 6  # without the reference: wrong skips ...
    assert got[clean][1] <= got[None][1] / 2  # ... at least halved with it
    assert got[clean][0] <= real_skips + 5
    assert got[clean][2] > got[None][2]


def test_chinese_text_splits_into_sentences_with_quotes_kept_whole():
    from workbench.core.segment import segment_text

    got = [s.text for s in segment_text(ZH, "zh")]
    assert len(got) == 5
    assert got[2] == "市长王明在新闻发布会上说：“我们希望每个居民步行十分钟就能到达绿地。”"
    assert got[3].startswith("环保组织")
    # a Japanese quotation closed by 」 stays with its sentence too
    ja = [s.text for s in segment_text("「東京へ行きます。」と彼は言った。それから帰った。", "ja")]
    assert ja == ["「東京へ行きます。」と彼は言った。", "それから帰った。"]


def align_zh_en(tmp_path, zh: str, en: str) -> tuple[Path, dict]:
    """`workbench align zh.txt en.txt --source-lang zh` with the bundled model: the document
    written and its YAML."""
    from workbench.cli import main

    (tmp_path / "zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    out = tmp_path / "zh-en.yaml"
    res = CliRunner().invoke(main, ["align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"),
                                    "--source-lang", "zh", "--target-lang", "en", "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out, yaml.safe_load(out.read_text(encoding="utf-8"))


def test_a_chinese_english_pair_aligns_end_to_end(tmp_path):
    """`workbench align zh.txt en.txt --source-lang zh`: Chinese split without spaces, its
    1-2 beads (one Chinese sentence, two English ones) found with the bundled model."""
    from workbench.cli import main

    out, doc = align_zh_en(tmp_path, ZH, EN)
    beads = [(len(b["src"]), len(b["tgt"])) for b in doc["beads"]]
    assert beads == [(1, 1), (1, 2), (1, 1), (1, 2), (1, 1)]
    # `show` wraps a Chinese sentence (no spaces to break at) instead of cutting it off
    shown = CliRunner().invoke(main, ["show", str(out)], env={"COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    assert "…" not in shown.output
    flat = "".join(c for c in shown.output if "\u4e00" <= c <= "\u9fff")
    assert "".join(c for c in ZH if "\u4e00" <= c <= "\u9fff") == flat


#: a scene of dialogue, written for this test, and its translation (curly quotes on both sides)
ZH_DIALOGUE = ("“你回来了？”母亲问道。她站在门口，手里还拿着一块抹布。“路上堵车，”我说，“对不起，"
               "我来晚了。”她没有说话，只是转身走进了厨房。过了一会儿，她端出一碗热汤。“先喝点汤吧。”她说。\n")
EN_DIALOGUE = ("“You’re back?” my mother asked. She stood in the doorway, a rag still in her hand. "
               "“The traffic was bad,” I said. “Sorry I’m late.” She said nothing and turned back "
               "into the kitchen. After a while she brought out a bowl of hot soup. “Have some soup "
               "first,” she said.\n")


def test_chinese_dialogue_keeps_its_speakers_and_aligns_one_to_one(tmp_path):
    """A novel's dialogue: the speaker after a Chinese quotation (“你回来了？”母亲问道。) stays in
    its sentence, as English keeps "“You’re back?” my mother asked." whole, so the rows are
    1-1; the one Chinese sentence with two quotations is the English's two (1-2)."""
    _, doc = align_zh_en(tmp_path, ZH_DIALOGUE, EN_DIALOGUE)
    zh = [s["text"] for s in doc["source_sentences"]]
    assert zh[0] == "“你回来了？”母亲问道。" and zh[-1] == "“先喝点汤吧。”她说。"
    assert zh[2] == "“路上堵车，”我说，“对不起，我来晚了。”"
    beads = [(len(b["src"]), len(b["tgt"])) for b in doc["beads"]]
    assert beads == [(1, 1), (1, 1), (1, 2), (1, 1), (1, 1), (1, 1)]
