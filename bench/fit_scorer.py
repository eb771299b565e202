"""Fit the exact pass's bead scorer (logistic regression) on the development sets.

    python bench/fit_scorer.py [--model use-v3] [--write] [--holdout ntrex|textberg]

For every dev document: embed sentences and joined spans, compute the features of every
candidate bead near the gold path (features.py), label the gold beads, fit a logistic model
with L2 (Newton steps, numpy only). ``--write`` stores the weights in
workbench/core/align/learned.py; ``--holdout`` fits without one set and scores on it, to see
how the weights carry over to data they have not seen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import dev_sets  # noqa: E402
from workbench.core.align.band import full_band  # noqa: E402
from workbench.core.align.config import AlignConfig  # noqa: E402
from workbench.core.align.features import FEATURES, zone_features  # noqa: E402
from workbench.core.align.scoring import Features  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import parse_beads  # noqa: E402
from workbench.core.textio import lines  # noqa: E402


def doc_samples(src, tgt, gold, enc, cfg, radius=4, want_tensors=False):
    u, v = enc.encode(src), enc.encode(tgt)
    lo, w = full_band(len(src), len(tgt))
    feats = Features(u, v, [len(s) for s in src], [len(t) for t in tgt], cfg, lo, w)
    spans_s = [(s, s + a) for a in range(2, cfg.max_src + 1) for s in range(len(src) - a + 1)]
    spans_t = [(s, s + b) for b in range(2, cfg.max_tgt + 1) for s in range(len(tgt) - b + 1)]
    vs = dict(zip(spans_s, enc.encode([" ".join(src[a:b]) for a, b in spans_s]))) if spans_s else {}
    vt = dict(zip(spans_t, enc.encode([" ".join(tgt[a:b]) for a, b in spans_t]))) if spans_t else {}
    get_s = lambda a, b: u[a] if b - a == 1 else vs[(a, b)]  # noqa: E731
    get_t = lambda a, b: v[a] if b - a == 1 else vt[(a, b)]  # noqa: E731
    F, valid = zone_features(feats, cfg.types, 0, len(src), 0, len(tgt), get_s, get_t)
    if want_tensors:
        return F, valid
    types = {t: k for k, t in enumerate(cfg.types)}
    label = np.zeros(valid.shape, dtype=bool)
    near = np.zeros(valid.shape[1:], dtype=bool)
    i = j = 0
    for s, t in gold:
        a, b = len(s), len(t)
        i, j = i + a, j + b
        if (a, b) in types:
            label[types[(a, b)], i, j] = True
        near[i, max(0, j - radius):j + radius + 1] = True
    # cells near the gold path, for every type
    mask = valid & near[None, :, :]
    X = F[:, mask].T.astype(np.float64)
    y = label[mask].astype(np.float64)
    return X, y


def fit_logistic(X, y, l2=1.0, steps=30):
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
        g = X.T @ (p - y) + l2 * w
        H = (X * (p * (1 - p))[:, None]).T @ X + l2 * np.eye(len(w))
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def collect(sets, names, enc, cfg):
    Xs, ys = [], []
    for name in names:
        per_set_X, per_set_y = [], []
        for s, t, g, sl, tl in sets[name]:
            X, y = doc_samples(lines(s.read_text(encoding="utf-8")), lines(t.read_text(encoding="utf-8")),
                               parse_beads(g.read_text()), enc, cfg)
            per_set_X.append(X)
            per_set_y.append(y)
        X, y = np.vstack(per_set_X), np.concatenate(per_set_y)
        Xs.append(X)
        ys.append(y)
        print(f"{name}: {len(y)} candidate beads, {int(y.sum())} gold", file=sys.stderr)
    # each set weighs the same, however many documents it has
    weights = [np.full(len(y), len(np.concatenate(ys)) / (len(ys) * len(y))) for y in ys]
    return np.vstack(Xs), np.concatenate(ys), np.concatenate(weights)


def doc_chunks(src, tgt, gold, enc, cfg, size=25):
    """Training pieces: runs of at most ``size`` gold beads whose types the aligner allows,
    each with its zone features (the whole document's margins and neighbours)."""
    u, v = enc.encode(src), enc.encode(tgt)
    lo, w = full_band(len(src), len(tgt))
    feats = Features(u, v, [len(x) for x in src], [len(x) for x in tgt], cfg, lo, w)
    cache = {}

    def getter(side, texts, vecs):
        def get(a, b):
            if b - a == 1:
                return vecs[a]
            if (side, a, b) not in cache:
                cache[(side, a, b)] = enc.encode([" ".join(texts[a:b])])[0]
            return cache[(side, a, b)]
        return get

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
        F, valid = zone_features(feats, cfg.types, i0, i1, j0, j1, getter("src", src, u),
                                 getter("tgt", tgt, v))
        out.append([F, valid, gp, 1.0])
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
            F, valid, gold, weight = docs[k]
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--holdout", choices=["ntrex", "textberg"])
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--method", choices=["crf", "perceptron", "logistic"], default="crf")
    ap.add_argument("--epochs", type=int, default=30)
    args = ap.parse_args(argv)
    enc = load_encoder(args.model)
    cfg = AlignConfig()
    sets = dev_sets()
    names = [n for n in ("ntrex", "textberg") if n != args.holdout]
    if args.method in ("perceptron", "crf"):
        docs = []
        for name in names:
            set_docs = []
            for s, t, g, sl, tl in sets[name]:
                src, tgt = lines(s.read_text(encoding="utf-8")), lines(t.read_text(encoding="utf-8"))
                set_docs += doc_chunks(src, tgt, parse_beads(g.read_text()), enc, cfg)
            for d in set_docs:
                d[3] = 1.0
            print(f"{name}: {len(set_docs)} training pieces", file=sys.stderr)
            docs += set_docs
        if args.method == "crf":
            from crf import fit_crf
            w = fit_crf(docs, cfg.types, l2=args.l2, iters=args.epochs)
        else:
            w = perceptron(docs, cfg.types, epochs=args.epochs)
        return _report(w, args)
    X, y, sw = collect(sets, names, enc, cfg)
    Xw = X * np.sqrt(sw)[:, None]
    # weighted logistic regression via sample weights folded into Newton steps
    w = np.zeros(X.shape[1])
    for _ in range(40):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
        g = X.T @ (sw * (p - y)) + args.l2 * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + args.l2 * np.eye(len(w))
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    del Xw
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
