"""Fit the confidence model: P(bead is right) from the aligner's own output on the dev sets.

    python bench/fit_confidence.py [--model use-v3] [--write]

Aligns every dev document, computes the features of each proposed bead, labels it right when
it equals a gold bead, and fits a logistic regression (numpy Newton steps, L2). Prints the
ranking quality (AUC: how often a wrong bead has a lower confidence than a right one) fitted on
both sets and with each set held out. ``--write`` stores the weights in learned.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import dev_sets  # noqa: E402
from workbench.core.align import AlignConfig  # noqa: E402
from workbench.core.align.engine import search  # noqa: E402
from workbench.core.align.features import bead_feature_rows  # noqa: E402
from workbench.core.align.lexical import Anchors  # noqa: E402
from workbench.core.align.realign import _SideData, _span_embedder, with_model_weights  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import parse_beads  # noqa: E402
from workbench.core.textio import lines  # noqa: E402


def set_data(docs, enc, cfg):
    Xs, ys = [], []
    for s, t, g, sl, tl in docs:
        src, tgt = lines(s.read_text(encoding="utf-8")), lines(t.read_text(encoding="utf-8"))
        u, v = enc.encode(src), enc.encode(tgt)
        sides = {"src": _SideData(src, sl, u), "tgt": _SideData(tgt, tl, v)}
        feats, beads, exact = search(u, v, sides["src"].lengths, sides["tgt"].lengths, cfg,
                                     _span_embedder(enc, sides, None), anchors=Anchors.pair(src, tgt))
        gold = set(parse_beads(g.read_text()))
        Xs.append(bead_feature_rows(feats, cfg.types, beads, exact))
        ys.append(np.array([(tuple(range(a, b)), tuple(range(c, d))) in gold for a, b, c, d in beads]))
    return np.vstack(Xs), np.concatenate(ys)


def fit(X, y, l2=1.0):
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(Xb @ w, -30, 30)))
        g = Xb.T @ (p - y) + l2 * w
        H = (Xb * (p * (1 - p))[:, None]).T @ Xb + l2 * np.eye(len(w))
        w -= np.linalg.solve(H, g)
    return w


def predict(X, w):
    return 1 / (1 + np.exp(-(X @ w[:-1] + w[-1])))


def auc(c, y):
    order = np.argsort(c)
    r = np.empty(len(c))
    r[order] = np.arange(len(c))
    pos, neg = y.sum(), len(y) - y.sum()
    return float((r[y].sum() - pos * (pos - 1) / 2) / (pos * neg))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    enc = load_encoder(args.model)
    cfg = with_model_weights(AlignConfig(), enc)
    data = {name: set_data(docs, enc, cfg) for name, docs in dev_sets().items()}
    for hold in data:
        rest = [n for n in data if n != hold]
        w = fit(np.vstack([data[n][0] for n in rest]), np.concatenate([data[n][1] for n in rest]).astype(float))
        print(f"fitted without {hold}: AUC on {hold} {auc(predict(data[hold][0], w), data[hold][1]):.3f}")
    w = fit(np.vstack([d[0] for d in data.values()]), np.concatenate([d[1] for d in data.values()]).astype(float))
    for name, (X, y) in data.items():
        c = predict(X, w)
        print(f"{name}: {len(y)} beads, {int((~y).sum())} wrong, AUC {auc(c, y):.3f}; below 0.5: "
              f"{int(((c < 0.5) & ~y).sum())} wrong, {int(((c < 0.5) & y).sum())} right")
    if args.write:
        path = ROOT / "workbench" / "core" / "align" / "learned.py"
        text = path.read_text(encoding="utf-8")
        entry = f'    "{args.model}": ({", ".join(f"{x:.5f}" for x in w)}),\n'
        block = text[text.index("CONFIDENCE = {"):]
        if f'    "{args.model}":' in block:
            new_block = re.sub(rf'    "{re.escape(args.model)}": \([^)]*\),\n', entry, block, count=1)
        else:
            new_block = block.replace("CONFIDENCE = {\n", "CONFIDENCE = {\n" + entry, 1)
        path.write_text(text.replace(block, new_block), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
