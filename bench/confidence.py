"""How far the aligner's confidences can be trusted, on the development sets.

    python bench/confidence.py [--model use-v3]

Aligns every dev document as `workbench align` does and labels each proposed bead right when it
equals a gold bead. Prints the ranking quality (AUC: how often a wrong bead has a lower
confidence than a right one), how many wrong beads a translator finds by looking at rows below
0.5 (the TUI's "low confidence"), and the calibration: per confidence band, the share of beads
that are right.
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
from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import parse_beads  # noqa: E402
from workbench.core.textio import lines  # noqa: E402

BANDS = (0.0, 0.5, 0.8, 0.95, 1.01)


def set_data(docs, enc):
    conf, right = [], []
    for s, t, g, sl, tl in docs:
        props = align_texts(lines(s.read_text(encoding="utf-8")), lines(t.read_text(encoding="utf-8")),
                            enc, sl, tl, AlignConfig())
        gold = set(parse_beads(g.read_text()))
        conf += [p.confidence for p in props]
        right += [(p.src, p.tgt) in gold for p in props]
    return np.array(conf), np.array(right)


def auc(c, y):
    """Probability that a random right bead has a higher confidence than a random wrong one."""
    pos, neg = c[y], c[~y]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="use-v3")
    args = ap.parse_args(argv)
    enc = load_encoder(args.model)
    print(f"model {args.model}")
    for name, docs in dev_sets().items():
        c, y = set_data(docs, enc)
        low = c < 0.5
        print(f"{name}: {len(y)} beads, {int((~y).sum())} wrong, AUC {auc(c, y):.3f}; below 0.5: "
              f"{int((low & ~y).sum())} wrong, {int((low & y).sum())} right")
        for lo, hi in zip(BANDS, BANDS[1:]):
            band = (c >= lo) & (c < hi)
            if band.any():
                print(f"  confidence {lo:.2f}-{min(hi, 1.0):.2f}: {int(band.sum()):4d} beads, "
                      f"{y[band].mean():.0%} right (mean confidence {c[band].mean():.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
