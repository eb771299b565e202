"""Fit the exact pass's bead scorer (logistic regression) on the development sets.

    python bench/fit_scorer.py [--model use-v3] [--write] [--holdout ntrex|textberg] [--cv]

For every dev document: embed sentences and joined spans, compute the features of every
candidate bead near the gold path (features.py), label the gold beads, fit a logistic model
with L2 (Newton steps, numpy only). ``--write`` stores the weights in
workbench/core/align/learned.py; ``--holdout`` fits without one set and scores on it, to see
how the weights carry over to data they have not seen; ``--cv`` cross-validates the recipe
(four folds per set, Text+Berg cut into contiguous parts): the number to trust when choosing
features, since the in-sample score flatters them.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import dev_sets  # noqa: E402
from workbench.core.align import align_texts  # noqa: E402
from workbench.core.align.band import full_band  # noqa: E402
from workbench.core.align.config import AlignConfig  # noqa: E402
from workbench.core.align.features import FEATURES, zone_features  # noqa: E402
from workbench.core.align.lexical import Anchors  # noqa: E402
from workbench.core.align.scoring import Features  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import parse_beads, score_many  # noqa: E402
from workbench.core.textio import lines, text_size  # noqa: E402


def doc_chunks(src, tgt, gold, enc, cfg, size=25):
    """Training pieces: runs of at most ``size`` gold beads whose types the aligner allows,
    each with its zone features (the whole document's margins and neighbours)."""
    u, v = enc.encode(src), enc.encode(tgt)
    lo, w = full_band(len(src), len(tgt))
    feats = Features(u, v, [text_size(x) for x in src], [text_size(x) for x in tgt], cfg, lo, w,
                     anchors=Anchors.pair(src, tgt))
    cache = {}
    spans_s = {(a, a + k) for a in range(len(src)) for k in range(2, cfg.max_src + 1) if a + k <= len(src)}
    spans_t = {(a, a + k) for a in range(len(tgt)) for k in range(2, cfg.max_tgt + 1) if a + k <= len(tgt)}
    for side, texts, spans in (("src", src, sorted(spans_s)), ("tgt", tgt, sorted(spans_t))):
        if spans:
            for sp, vec in zip(spans, enc.encode([" ".join(texts[a:b]) for a, b in spans])):
                cache[(side,) + sp] = vec
    allowed = set(cfg.types)
    pieces, run, i, j = [], [], 0, 0
    start = (0, 0)
    for s_ids, t_ids in gold:
        a, b = len(s_ids), len(t_ids)
        usable = (a, b) in allowed or not (a and b)
        # some gold files leave sentences out of every bead: a gap ends a piece
        bi = s_ids[0] if s_ids else i
        bj = t_ids[0] if t_ids else j
        if (bi, bj) != (i, j):
            if run:
                pieces.append((start, (i, j), run))
                run = []
            i, j = bi, bj
        if run and (not usable or len(run) >= size):
            pieces.append((start, (i, j), run))
            run = []
        if usable:
            if not run:
                start = (i, j)
            run.append((s_ids, t_ids))
        i, j = i + a, j + b
    if run:
        pieces.append((start, (i, j), run))
    out = []
    for (i0, j0), (i1, j1), beads in pieces:
        gp = gold_path(beads, cfg.types)
        if gp is None or i1 - i0 < 1 or j1 - j0 < 1:
            continue
        F, valid = zone_features(feats, cfg.types, i0, i1, j0, j1, cache)
        out.append([F, valid, gp, 1.0, (i0, j0)])
    return out


def gold_path(gold, types):
    """Gold beads as (type index, i, j) end cells; None if a gold bead's type is not allowed."""
    index = {t: k for k, t in enumerate(types)}
    out, i, j = [], 0, 0
    for s, t in gold:
        a, b = len(s), len(t)
        i, j = i + a, j + b
        if (a, b) in index:
            out.append((index[(a, b)], i, j))
        elif a == 0 or b == 0:  # a multi-sentence skip: a chain of single skips
            for k in range(1, a + b + 1):
                out.append((index[(1, 0)], i - a + k, j) if a else (index[(0, 1)], i, j - b + k))
        else:
            return None
    return out


def perceptron(docs, types, epochs=30, seed=0):
    """Averaged structured perceptron: push the DP's best path toward the gold path."""
    from workbench.core.align.dp import best_path
    from workbench.core.align.features import learned_scores

    rng = np.random.default_rng(seed)
    w = np.zeros(len(FEATURES))
    w[FEATURES.index("margin")] = 1.0  # start from the plain margin score
    w[FEATURES.index("bias_skip")] = -0.5
    total = np.zeros_like(w)
    count = 0
    for epoch in range(epochs):
        mistakes = 0
        for k in rng.permutation(len(docs)):
            F, valid, gold, weight, *_ = docs[k]
            n, m = F.shape[2] - 1, F.shape[3] - 1
            sc = learned_scores(F, valid, w.astype(np.float32))
            pred = best_path(sc, np.zeros(n + 1, dtype=np.int64), list(types), n, m)
            if pred != gold:
                mistakes += 1
                fg = sum(F[:, t, i, j] for t, i, j in gold)
                fp = sum(F[:, t, i, j] for t, i, j in pred)
                w += weight * (fg - fp)
            total += w
            count += 1
        print(f"epoch {epoch}: {mistakes} documents wrong", file=sys.stderr)
    return total / count


#: a Text+Berg piece weighs this many NTREX pieces (real translation divergences are rarer
#: in NTREX, whose merges and drops are synthetic)
TEXTBERG_WEIGHT = 1.0


def set_pieces(sets, name, enc, cfg):
    """Training pieces of every document of a dev set, each tagged with its document index."""
    out = []
    for k, (s, t, g, _, _) in enumerate(sets[name]):
        src, tgt = lines(s.read_text(encoding="utf-8")), lines(t.read_text(encoding="utf-8"))
        for piece in doc_chunks(src, tgt, parse_beads(g.read_text()), enc, cfg):
            out.append(piece + [k])
    print(f"{name}: {len(out)} training pieces", file=sys.stderr)
    return out


def fit(pieces, cfg, args, weight_of):
    dropped = [FEATURES.index(x) for x in args.drop.split(",") if x]
    for p in pieces:
        p[3] = weight_of(p)
        p[0][dropped] = 0.0
    if args.method == "perceptron":
        return perceptron(pieces, cfg.types, epochs=args.epochs)
    from crf import fit_crf
    with contextlib.redirect_stdout(sys.stderr):
        return fit_crf(pieces, cfg.types, l2=args.l2, iters=args.epochs,
                       prior=hand_prior(cfg, args.prior) if args.prior else None)


def hand_prior(cfg, temperature: float) -> np.ndarray:
    """The unlearned score (``features.unlearned_weights``) times ``temperature``: what the
    fit is pulled toward instead of zero."""
    from workbench.core.align.features import unlearned_weights
    return temperature * unlearned_weights(cfg)


def cross_validate(sets, pieces, enc, cfg, args, weight_of, folds=4):
    """Honest accuracy of the fitting recipe: Text+Berg dev cut into ``folds`` contiguous parts
    and NTREX into ``folds`` groups of documents; each part is aligned with weights fitted
    without it and scored on its own beads."""
    results = {}
    for name in pieces:
        docs = sets[name]
        scored = []
        if len(docs) == 1:  # one long document: contiguous parts by gold bead
            s, t, g, sl, tl = docs[0]
            src, tgt, gold = (lines(s.read_text(encoding="utf-8")), lines(t.read_text(encoding="utf-8")),
                              parse_beads(g.read_text()))
            cuts = np.linspace(0, len(gold), folds + 1).astype(int)
            for f in range(folds):
                part = gold[cuts[f]:cuts[f + 1]]
                box = _box(part)
                train = [p for n, ps in pieces.items() for p in ps
                         if n != name or not _inside(p, box)]
                w = fit(train, cfg, args, weight_of)
                props = align_texts(src, tgt, enc, sl, tl, replace(cfg, weights=tuple(map(float, w))))
                test = [(p.src, p.tgt) for p in props]
                scored.append((_within(test, box), _within(gold, box)))
        else:
            groups = np.array_split(np.arange(len(docs)), folds)
            for group in groups:
                held = set(group.tolist())
                train = [p for n, ps in pieces.items() for p in ps if n != name or p[5] not in held]
                w = fit(train, cfg, args, weight_of)
                c = replace(cfg, weights=tuple(map(float, w)))
                for k in sorted(held):
                    s, t, g, sl, tl = docs[k]
                    props = align_texts(lines(s.read_text(encoding="utf-8")),
                                        lines(t.read_text(encoding="utf-8")), enc, sl, tl, c)
                    scored.append(([(p.src, p.tgt) for p in props], parse_beads(g.read_text())))
        results[name] = score_many(scored)
    return results


def _box(beads):
    s = [i for a, _ in beads for i in a]
    t = [j for _, b in beads for j in b]
    return min(s), max(s) + 1, min(t), max(t) + 1


def _inside(piece, box):
    i0, _ = piece[4]
    return box[0] <= i0 < box[1]


def _within(beads, box):
    i0, i1, j0, j1 = box
    return [(tuple(a), tuple(b)) for a, b in beads if (a or b)
            and all(i0 <= x < i1 for x in a) and all(j0 <= y < j1 for y in b)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--holdout", choices=["ntrex", "textberg"])
    ap.add_argument("--cv", action="store_true", help="cross-validate the recipe (4 folds per set)")
    ap.add_argument("--folds", type=int, default=4, help="folds per set for --cv")
    ap.add_argument("--l2", type=float, default=0.5)
    ap.add_argument("--method", choices=["crf", "perceptron"], default="crf")
    ap.add_argument("--epochs", type=int, default=150)
    ap.add_argument("--prior", type=float, default=0.0, metavar="T",
                    help="pull the weights toward the hand-set score times T instead of zero")
    ap.add_argument("--drop", default="", help="features to leave out (comma-separated), to measure them")
    ap.add_argument("--textberg-weight", type=float, default=TEXTBERG_WEIGHT,
                    help="weight of a Text+Berg training piece (an NTREX piece weighs 1)")
    args = ap.parse_args(argv)
    enc = load_encoder(args.model)
    cfg = AlignConfig(scorer="learned")
    sets = dev_sets()
    names = [n for n in ("ntrex", "textberg") if n != args.holdout]
    pieces = {name: set_pieces(sets, name, enc, cfg) for name in names}

    def weight_of(p):
        return args.textberg_weight if p[6] == "textberg" else 1.0

    for name, ps in pieces.items():
        for p in ps:
            p.append(name)
    if args.cv:
        for name, r in cross_validate(sets, pieces, enc, cfg, args, weight_of, args.folds).items():
            print(f"{name:9} cross-validated strict F1 {r['strict'].f1:.3f}  lax F1 {r['lax'].f1:.3f}")
        return 0
    w = fit([p for ps in pieces.values() for p in ps], cfg, args, weight_of)
    if args.holdout:
        c = replace(cfg, weights=tuple(map(float, w)))
        from accuracy import run_set
        r = run_set(sets[args.holdout], enc, c)
        print(f"{args.holdout} held out: strict F1 {r['strict'].f1:.3f}  lax F1 {r['lax'].f1:.3f}")
    return _report(w, args)


def _report(w, args) -> int:
    for name, value in zip(FEATURES, w):
        print(f"  {name:14} {value:+.4f}")
    if args.write:
        path = ROOT / "workbench" / "core" / "align" / "learned.py"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        import re
        body = ", ".join(f"{x:.5f}" for x in w)
        entry = f'    "{args.model}": ({body}),\n'
        if f'    "{args.model}":' in text:
            text = re.sub(rf'    "{re.escape(args.model)}": \([^)]*\),\n', entry, text)
        else:
            text = text.replace("WEIGHTS = {\n", "WEIGHTS = {\n" + entry)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
