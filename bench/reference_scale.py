"""The typical margin of a clean translation, per model: ``reference.py``'s table.

    .venv/bin/python bench/reference_scale.py [--model use-v3 ...]

For each model: the median over the NTREX ru-en dev documents of their typical margin
(``scoring.margin_scale``: the median gap between a sentence's best match and the mean of its
nearest neighbours), and the same for the other development corpora for comparison; and the
typical margin of the calibration pairs shipped with the package (``calibration.tsv``) with
the ratio of the two, which ``reference.CALIBRATION_RATIO`` uses for models not in the table.
The prices are in these units (``AlignConfig.reference_scale``).
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
from workbench.core.align.scoring import typical_margin  # noqa: E402
from workbench.core.align.reference import calibration_pairs, clean_margin  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="append", help="models (default: use-v3, e5-small, both)")
    args = ap.parse_args(argv)
    data = corpora()
    for name in args.model or ["use-v3", "e5-small", "use-v3+e5-small"]:
        enc = load_encoder(name)
        cells = []
        for corpus, docs in data.items():
            scales = [typical_margin(enc.encode(d.src), enc.encode(d.tgt)) for d in docs]
            cells.append(f"{corpus} {np.median(scales):.4f}")
        src, tgt = calibration_pairs()
        calib = clean_margin(enc.encode(src), enc.encode(tgt))
        ntrex = float(np.median([typical_margin(enc.encode(d.src), enc.encode(d.tgt))
                                 for d in data.get("ntrex-ru", [])] or [np.nan]))
        print(f"{name}: " + ", ".join(cells) + f"; calibration pairs {calib:.4f} "
              f"(NTREX ru-en / calibration {ntrex / calib:.3f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
