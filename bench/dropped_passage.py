"""A translation that leaves out a whole passage: does the alignment around it hold?

    .venv/bin/python bench/dropped_passage.py [--model use-v3] [--sizes 0,5,15,40]

K consecutive target (``--side src``: source) sentences are removed from the middle of the
Text+Berg dev document and of a long document made of the first 20 NTREX ru-en dev documents (a
translator dropping a paragraph or a page, or adding one); the other side's sentences whose
whole partner went become gold 1-0 (0-1) beads. Strict / lax F1 of the workbench and of
Bertalign's algorithm with the same vectors (when it is installed, as for bench/loco.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loco import Doc, bertalign_beads, bertalign_corelib, corpora, fmt  # noqa: E402
from speed import long_pair  # noqa: E402

from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import score_many  # noqa: E402


def without_passage(d: Doc, k: int, side: str = "tgt") -> Doc:
    """``d`` with k sentences from the middle of one side removed and the gold to match (the
    other side's sentences whose whole partner went are left out)."""
    if side == "src":
        flipped = Doc(d.tgt, d.src, [(t, s) for s, t in d.gold], d.tl, d.sl)
        out = without_passage(flipped, k)
        return Doc(out.tgt, out.src, [(t, s) for s, t in out.gold], d.sl, d.tl)
    start = len(d.tgt) // 2
    kept = [j for j in range(len(d.tgt)) if not start <= j < start + k]
    new = {j: n for n, j in enumerate(kept)}
    gold = []
    for s, t in d.gold:
        t2 = tuple(new[j] for j in t if j in new)
        if s and not t2:
            gold += [((i,), ()) for i in s]
        elif s or t2:
            gold.append((tuple(s), t2))
    return Doc(d.src, [d.tgt[j] for j in kept], gold, d.sl, d.tl)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--sizes", default="0,5,15,40", help="passage lengths (sentences)")
    ap.add_argument("--side", choices=("src", "tgt"), default="tgt", help="the side that loses it")
    args = ap.parse_args(argv)
    data = corpora()
    docs = {}
    if "textberg" in data:
        docs["Text+Berg"] = data["textberg"][0]
    if "ntrex-ru" in data:  # the first 20 documents as one
        docs["NTREX ru-en x20"] = Doc(*long_pair(270), "ru", "en")
    if not docs:
        print("needs the development corpora in ../shared/data", file=sys.stderr)
        return 2
    enc = load_encoder(args.model)
    core = bertalign_corelib()
    print(f"model {args.model}; {args.side} passage left out; strict / lax F1; workbench, Bertalign")
    for name, d in docs.items():
        for k in (int(x) for x in args.sizes.split(",")):
            dd = without_passage(d, k, args.side) if k else d
            ours = [(p.src, p.tgt) for p in align_texts(dd.src, dd.tgt, enc, dd.sl, dd.tl, AlignConfig())]
            row = f"  {name:16} {k:3d} left out: {fmt(score_many([(ours, dd.gold)]))}"
            if core is not None:
                row += f"  {fmt(score_many([(bertalign_beads(dd, enc, core), dd.gold)]))}"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
