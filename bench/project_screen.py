"""How long the project screen's numbers take: ``project_rows`` (the manifest, instant) and
``read_stats`` of every document (each YAML loaded: % confirmed, low-confidence rows, open
flags, MQM), for N small documents, then again with nothing changed (the per-file memo).

The documents are synthetic, written as ``corpus align`` writes them (the YAML text, nothing in
the parse cache): ``--rows`` 1-1 rows of 8-20-word sentences, a third confirmed, confidences
spread over the three bands, two flags each.

    .venv/bin/python bench/project_screen.py [--documents 500] [--rows 30]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.core import review, store  # noqa: E402
from workbench.core.document import Bead, Document, Sentence, Side  # noqa: E402
from workbench.core.files import atomic_write  # noqa: E402
from workbench.core.history import History  # noqa: E402

WORDS = "the a of river bridge town old new winter road house market light stone".split()


def document(rng: random.Random, rows: int) -> Document:
    def side(lang):
        return Side(lang, [Sentence(i, " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))))
                           for i in range(rows)])

    beads = [Bead((i,), (i,), round(rng.random(), 3), "confirmed" if i % 3 == 0 else "proposed")
             for i in range(rows)]
    doc = Document(side("ru"), side("en"), beads, model="use-v3")
    history = History(doc)
    history.do(review.add_flag(doc, 1, "Accuracy/Omission", "major", author="bench"))
    history.do(review.add_flag(doc, 2, "Fluency/Spelling", "minor", author="bench"))
    return doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", type=int, default=500)
    ap.add_argument("--rows", type=int, default=30)
    args = ap.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WORKBENCH_CACHE"] = str(Path(tmp) / "cache")
        folder = Path(tmp) / "corpus"
        for k in range(args.documents):
            path = folder / f"part{k % 10}" / f"doc{k:05d}.yaml"
            atomic_write(path, store.dumps(document(rng, args.rows), path.parent), backup=False)
        from workbench.core.corpus import project_rows
        from workbench.core.project_stats import read_stats

        start = time.perf_counter()
        rows = project_rows(folder)
        listed = time.perf_counter() - start
        for label in ("first read", "unchanged"):
            start = time.perf_counter()
            for r in rows:
                read_stats(r["path"])
            took = time.perf_counter() - start
            print(f"{label}: {len(rows)} documents of {args.rows} rows: "
                  f"project_rows {listed:.3f} s, read_stats of all {took:.2f} s "
                  f"({1000 * took / len(rows):.1f} ms each)")


if __name__ == "__main__":
    main()
