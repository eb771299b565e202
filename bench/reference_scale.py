"""The typical margin of a clean translation, per model: ``reference.py``'s table.

    .venv/bin/python bench/reference_scale.py [--model use-v3 ...]

For each model: the median over the NTREX ru-en dev documents of their typical margin
(``scoring.margin_scale``: the median gap between a sentence's best match and the mean of its
nearest neighbours), and the same for the other development corpora for comparison. A skip
is priced in these units (``AlignConfig.reference_scale``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loco import corpora  # noqa: E402
from workbench.core.align import AlignConfig  # noqa: E402
from workbench.core.align.scoring import margin_scale, neighbour_means, band_similarities  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402


def document_scale(u: np.ndarray, v: np.ndarray, cfg: AlignConfig = AlignConfig()) -> float:
    lo = np.zeros(len(u) + 1, dtype=np.int64)
    simb, sim_lo = band_similarities(u, v, lo, len(v) + 1, max(cfg.max_src, cfg.max_tgt))
    nn_s, nn_t, best_s, best_t = neighbour_means(simb, sim_lo, len(v), cfg.neighbours)
    return margin_scale(nn_s, nn_t, best_s, best_t)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="append", help="models (default: use-v3, e5-small, both)")
    args = ap.parse_args(argv)
    data = corpora()
    for name in args.model or ["use-v3", "e5-small", "use-v3+e5-small"]:
        enc = load_encoder(name)
        cells = []
        for corpus, docs in data.items():
            scales = [document_scale(enc.encode(d.src), enc.encode(d.tgt)) for d in docs]
            cells.append(f"{corpus} {np.median(scales):.4f}")
        print(f"{name}: " + ", ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
