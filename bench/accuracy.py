"""Alignment accuracy on the development sets in ../shared/data and on the Bakai gold.

    python bench/accuracy.py [--model use-v3] [--set ntrex|textberg|bakai ...] [--scorer learned]

Prints strict and lax precision/recall/F1 per set (micro-averaged over documents, as
vecalign's score.py) and the time spent (embedding cached after the first run).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import document_beads, parse_beads, score_many  # noqa: E402
from workbench.core.textio import lines  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def dev_sets() -> dict[str, list[tuple[Path, Path, Path, str, str]]]:
    sets = {}
    ntrex = DATA / "ntrex-ru-en-dev"
    if ntrex.is_dir():
        sets["ntrex"] = [(ntrex / "ru" / d.name, ntrex / "en" / d.name, d, "ru", "en")
                         for d in sorted((ntrex / "gold").iterdir())]
    tb = DATA / "textberg-de-fr-dev"
    if tb.is_dir():
        sets["textberg"] = [(tb / "dev.de", tb / "dev.fr", tb / "dev.gold", "de", "fr")]
    return sets


def run_set(docs, encoder, cfg):
    pairs = []
    for src_path, tgt_path, gold_path, sl, tl in docs:
        src = lines(src_path.read_text(encoding="utf-8"))
        tgt = lines(tgt_path.read_text(encoding="utf-8"))
        props = align_texts(src, tgt, encoder, sl, tl, cfg)
        pairs.append(([(p.src, p.tgt) for p in props], parse_beads(gold_path.read_text())))
    return score_many(pairs)


def run_bakai(encoder, cfg):
    from workbench.core.store import load

    gold = load(ROOT / "alignments" / "bakai.yaml")
    # align the texts as published (the gold's corrected text would make it easier)
    src = [s.original or s.text for s in gold.source.sentences]
    tgt = [s.original or s.text for s in gold.target.sentences]
    props = align_texts(src, tgt, encoder, "ru", "en", cfg)
    return score_many([([(p.src, p.tgt) for p in props], document_beads(gold))])


def scale_source_lengths(factor: float) -> None:
    """Multiply the source side's character counts (the embeddings stay as they are)."""
    import importlib

    realign = importlib.import_module("workbench.core.align.realign")
    plain = realign._SideData.__init__

    def scaled(self, texts, lang, vectors):
        plain(self, texts, lang, vectors)
        if lang in ("ru", "de"):  # the source languages of the dev sets
            self.lengths = self.lengths * factor
    realign._SideData.__init__ = scaled


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--set", action="append", choices=["ntrex", "textberg", "bakai"])
    ap.add_argument("--scorer", choices=["margin", "learned"], default="margin",
                    help="the default unlearned scorer, or the CRF fitted on the dev sets")
    ap.add_argument("--source-length-scale", type=float, default=1.0, metavar="F",
                    help="count each source character F times: how the aligner would fare with a "
                         "denser or sparser script (0.3 is about Chinese against English)")
    args = ap.parse_args(argv)
    if args.source_length_scale != 1.0:
        scale_source_lengths(args.source_length_scale)
    encoder = load_encoder(args.model)
    cfg = AlignConfig(scorer=args.scorer)
    wanted = args.set or ["ntrex", "textberg", "bakai"]
    sets = dev_sets()
    print(f"model {args.model}")
    print(f"{'set':10} {'strict P':>9} {'R':>6} {'F1':>6} {'lax P':>7} {'R':>6} {'F1':>6} {'time s':>7}")
    for name in wanted:
        t0 = time.perf_counter()
        if name == "bakai":
            res = run_bakai(encoder, cfg)
        elif name in sets:
            res = run_set(sets[name], encoder, cfg)
        else:
            print(f"{name:10} (data not found)")
            continue
        s, lx = res["strict"], res["lax"]
        print(f"{name:10} {s.precision:9.3f} {s.recall:6.3f} {s.f1:6.3f} {lx.precision:7.3f} "
              f"{lx.recall:6.3f} {lx.f1:6.3f} {time.perf_counter() - t0:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
