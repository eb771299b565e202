"""Alignment speed and memory for long documents (embeddings ready), and strict F1.

    python bench/speed.py [--sizes 1000 10000 50000] [--model use-v3] [--repeat 3] [--paragraphs]

Long documents are made by concatenating the NTREX ru-en dev documents until N sentences per
side (they repeat literally, as a real book's headings do). Prints, per N: the alignment time
(embedding excluded, cached; the median of ``--repeat`` runs), peak RSS growth, and strict/lax
F1 against the concatenated gold. ``--paragraphs`` gives the aligner each NTREX document as a
paragraph on both sides (core/align/paragraphs.py), as a book's chapters would be.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.align import AlignConfig, align_vectors  # noqa: E402
from workbench.core.align.lexical import Anchors  # noqa: E402
from workbench.core.align.realign import _SideData, _span_embedder, for_encoder  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import parse_beads, score  # noqa: E402
from workbench.core.textio import lines  # noqa: E402

NTREX = ROOT.parent / "shared" / "data" / "ntrex-ru-en-dev"


def long_pair(n_target: int, paragraphs: list | None = None):
    """N sentences a side of NTREX documents one after another, and their gold; each
    sentence's document number is appended to ``paragraphs`` (source, target), if given."""
    src, tgt, gold = [], [], []
    while len(src) < n_target:
        for d in sorted((NTREX / "gold").iterdir()):
            s = lines((NTREX / "ru" / d.name).read_text(encoding="utf-8"))
            t = lines((NTREX / "en" / d.name).read_text(encoding="utf-8"))
            for a, b in parse_beads(d.read_text()):
                gold.append((tuple(x + len(src) for x in a), tuple(y + len(tgt) for y in b)))
            if paragraphs is not None:
                paragraphs[0].extend([len(gold)] * len(s))
                paragraphs[1].extend([len(gold)] * len(t))
            src += s
            tgt += t
            if len(src) >= n_target:
                break
    return src, tgt, gold


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def end_to_end(n: int, model: str) -> None:
    """`workbench align --presegmented` on N unique sentences per side, nothing cached."""
    import os
    import subprocess
    import tempfile

    src, tgt, _ = long_pair(n)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        # every copy of the dev set gets its own number, so no sentence is a cache hit
        period = len(lines((NTREX / "ru" / "001").read_text(encoding="utf-8")))
        (d / "ru.txt").write_text("".join(f"{s} ({k // period})\n" for k, s in enumerate(src)), encoding="utf-8")
        (d / "en.txt").write_text("".join(f"{t} ({k // period})\n" for k, t in enumerate(tgt)), encoding="utf-8")
        env = dict(os.environ, WORKBENCH_CACHE=str(d / "cache"))
        exe = Path(sys.executable).parent / "workbench"
        t0 = time.perf_counter()
        subprocess.run([str(exe), "align", str(d / "ru.txt"), str(d / "en.txt"), "-o", str(d / "o.yaml"),
                        "--presegmented", "--model", model], check=True, env=env,
                       stderr=subprocess.DEVNULL)
        print(f"end to end, {len(src)} x {len(tgt)} unique sentences, empty cache ({model}): "
              f"{time.perf_counter() - t0:.1f} s")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--end-to-end", type=int, metavar="N", help="time the whole CLI on N sentences")
    ap.add_argument("--paragraphs", action="store_true",
                    help="each NTREX document a paragraph on both sides")
    ap.add_argument("--repeat", type=int, default=3,
                    help="align each size this many times and report the median (this machine's "
                         "timings vary by 20%% from run to run)")
    args = ap.parse_args(argv)
    if args.end_to_end:
        end_to_end(args.end_to_end, args.model)
        return 0
    enc = load_encoder(args.model)
    sample = list(dict.fromkeys(long_pair(1000)[1]))[:1000]
    enc.encode(["warm up"])
    for part in getattr(enc, "parts", [enc]):  # an ensemble: each of its models
        part._memory.clear()
        part._db = None  # measure the model, not the cache
    t0 = time.perf_counter()
    enc.encode(sample)
    print(f"embedding throughput ({args.model}, uncached, {len(sample)} sentences): "
          f"{len(sample) / (time.perf_counter() - t0):.0f} sentences/s")
    import workbench.core.embed as embed_module
    embed_module._LOADED.clear()
    enc = load_encoder(args.model)  # fresh cached encoder
    cfg = for_encoder(AlignConfig(), enc)  # the scorer `workbench align` uses
    print(f"{'N':>7} {'M':>7} {'align s':>8} {'+embed s':>9} {'peak MB':>8} {'strict F1':>9} {'lax F1':>7}")
    for n in args.sizes:
        paras = ([], []) if args.paragraphs else None
        src, tgt, gold = long_pair(n, paras)
        te = time.perf_counter()
        u, v = enc.encode(src), enc.encode(tgt)
        sides = {"src": _SideData(src, "ru", u), "tgt": _SideData(tgt, "en", v)}
        embed_s = time.perf_counter() - te
        base = peak_mb()
        times = []
        for _ in range(max(args.repeat, 1)):
            ta = time.perf_counter()
            props = align_vectors(u, v, sides["src"].lengths, sides["tgt"].lengths, cfg,
                                  embed_spans=_span_embedder(enc, sides, None),
                                  anchors=lambda: Anchors.pair(src, tgt), paragraphs=paras)
            times.append(time.perf_counter() - ta)
        align_s = sorted(times)[len(times) // 2]
        res = score([(p.src, p.tgt) for p in props], gold)
        print(f"{len(src):7d} {len(tgt):7d} {align_s:8.2f} {align_s + embed_s:9.2f} "
              f"{peak_mb() - base:8.0f} {res['strict'].f1:9.3f} {res['lax'].f1:7.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
