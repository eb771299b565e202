"""What "nothing lost" costs on a 10,000-row document.

    .venv/bin/python bench/nothing_lost.py [--rows 10000]

Prints: the journal's cost per edit (serialise + write + flush + fsync, on the disk the
document is on) for the everyday edits; the check before a save (hash the file on disk); a
three-way merge of two people's copies of the document (parse included, as `workbench merge`
does, and the merge alone); and re-anchoring after a typo fix in the text file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui_speed import build  # noqa: E402

from workbench.core import operations as ops  # noqa: E402
from workbench.core import review, store  # noqa: E402
from workbench.core.document import copy_document  # noqa: E402
from workbench.core.journal import Journal  # noqa: E402
from workbench.core.merge import merge  # noqa: E402
from workbench.core.operations import History  # noqa: E402
from workbench.core.reanchor import NewText, reanchor  # noqa: E402


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.yaml"
    doc = build(args.rows)
    store.save(doc, path)
    size = path.stat().st_size
    print(f"document: {args.rows:,} rows, {size / 1e6:.1f} MB")

    doc, sha = store.load_with_hash(path)
    journal = Journal(path, sha)
    history = History(doc, on_change=journal)
    kinds = {
        "confirm": lambda i: ops.confirm(doc, i),
        "merge rows": lambda i: ops.merge_with_next(doc, i),
        "edit sentence": lambda i: ops.edit_sentence(doc, "tgt", doc.beads[i].tgt[0],
                                                     doc.target.get(doc.beads[i].tgt[0]).text + " x"),
        "split sentence": lambda i: ops.split_sentence(doc, "src", doc.beads[i].src[0], 20),
        "add flag": lambda i: review.add_flag(doc, i, "Other", "minor", comment="bench"),
    }
    print(f"{'journal, per edit':24} {'median ms':>10} {'max ms':>8} {'bytes':>7}")
    for name, make in kinds.items():
        times, sizes = [], []
        for k in range(50):
            edit = make(100 + k * 50)
            before = journal.path.stat().st_size if journal.path.exists() else 0
            t = time.perf_counter()
            journal.record("do", edit)
            times.append(time.perf_counter() - t)
            history.do(edit)  # (History would call the journal; timed apart above)
            history.listeners.clear()
            history.listeners.append(lambda *a: None)
            sizes.append(journal.path.stat().st_size - before)
        print(f"{name:24} {statistics.median(times) * 1000:10.2f} {max(times) * 1000:8.2f} "
              f"{int(statistics.median(sizes)):7}")
    journal.close()

    t = timed(lambda: store.file_sha256(path), 5)
    print(f"check before save (hash the file): {min(t) * 1000:.0f} ms")

    base = store.load(path)
    mine, theirs = copy_document(base), copy_document(base)
    for k in range(0, args.rows - 10, max(1, args.rows // 50)):
        ops.apply_edit(mine, ops.merge_with_next(mine, k))
        ops.apply_edit(theirs, ops.confirm(theirs, k + 3))
        ops.apply_edit(theirs, review.add_flag(theirs, k + 5, "Other", "minor"))
    for name, d in (("base", base), ("mine", mine), ("theirs", theirs)):
        store.save(d, folder / f"{name}.yaml")
    t_merge = timed(lambda: merge(base, mine, theirs), 3)
    print(f"merge, documents in memory: {min(t_merge):.2f} s")
    from click.testing import CliRunner

    from workbench.cli import main as cli

    args_cli = ["merge", *(str(folder / f"{n}.yaml") for n in ("base", "mine", "theirs")),
                "-o", str(folder / "out.yaml")]
    t_cli = timed(lambda: CliRunner().invoke(cli, args_cli), 1)
    print(f"workbench merge (parse 3 files, merge, write): {t_cli[0]:.2f} s")

    fresh = [(s.text, s.para) for s in base.target.sentences]
    fresh[args.rows // 2] = (fresh[args.rows // 2][0].replace("e", "é", 1), fresh[args.rows // 2][1])
    t_re = timed(lambda: reanchor(base, {"tgt": NewText(fresh, "x")}), 1)
    print(f"re-anchor after one changed sentence: {t_re[0]:.2f} s")


if __name__ == "__main__":
    main()
