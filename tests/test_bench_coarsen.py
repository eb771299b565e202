"""bench/loco.py --coarsen: joining one side's sentences must carry the gold along with it
(the bench's literary proxy is only as good as its remapped gold)."""

import importlib.util
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _loco():
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("loco_under_test", ROOT / "bench" / "loco.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _check(mod, doc, out, side):
    sents, joined = (doc.src, doc.tgt)[side], (out.src, out.tgt)[side]
    sep = "" if (doc.sl, doc.tl)[side] == "zh" else " "
    # the joined side is the same text, cut in fewer places; the other side is untouched
    assert sep.join(joined) == sep.join(sents) and len(joined) < len(sents)
    assert (out.tgt, out.src)[side] == (doc.tgt, doc.src)[side]
    seen_s = sorted(i for a, _ in out.gold for i in a)
    seen_t = sorted(j for _, b in out.gold for j in b)
    assert seen_s == list(range(len(out.src))) and seen_t == list(range(len(out.tgt)))
    for a, b in out.gold:
        assert len(a) <= 4 and len(b) <= 4 and len(a) + len(b) <= 5 and (a or b)
        for ids in (a, b):  # contiguous: a bead the aligners can propose
            assert list(ids) == list(range(ids[0], ids[0] + len(ids))) if ids else True


def test_coarsen_keeps_every_sentence_in_one_producible_bead():
    mod = _loco()
    rng = random.Random(3)
    for trial in range(30):
        src, tgt, gold = [], [], []
        for k in range(40):
            kind = rng.choice(["11", "11", "11", "12", "21", "10", "01"])
            a, b = int(kind[0]), int(kind[1])
            gold.append((list(range(len(src), len(src) + a)), list(range(len(tgt), len(tgt) + b))))
            src += [f"s{k}.{x}" for x in range(a)]
            tgt += [f"t{k}.{x}" for x in range(b)]
        doc = mod.Doc(src, tgt, gold, "de", "zh")
        for side in (0, 1):
            out = mod.coarsen(doc, 0.5, side)
            _check(mod, doc, out, side)


def test_coarsen_joins_a_skip_inside_the_new_bead():
    """Two source sentences whose translations have an added target sentence between them:
    joined, the three target sentences are one bead, the addition inside it."""
    mod = _loco()
    doc = mod.Doc(["A.", "B."], ["a.", "x.", "b."], [([0], [0]), ([], [1]), ([1], [2])], "de", "fr")
    out = mod.coarsen(doc, 1.0, 0)
    assert out.src == ["A. B."]
    assert [tuple(map(tuple, b)) for b in out.gold] == [((0,), (0, 1, 2))]


def test_coarsen_leaves_a_sentence_the_gold_does_not_cover_uncovered():
    """Text+Berg's gold leaves a few sentences out of every bead: joining around them works."""
    mod = _loco()
    doc = mod.Doc(["A.", "B.", "C."], ["a.", "x.", "b.", "c."],
                  [([0], [0]), ([1], [2]), ([2], [3])], "de", "fr")
    out = mod.coarsen(doc, 1.0, 0)
    assert out.src == ["A. B. C."]
    assert [tuple(map(tuple, b)) for b in out.gold] == [((0,), (0, 2, 3))]
