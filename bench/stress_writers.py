"""Two command-line writers and the workbench UI saving one document at once: nothing lost.

Each of two processes runs ``workbench flag add`` on the document ROUNDS times; meanwhile a
third process, the workbench UI (headless), raises a flag and saves (ctrl+s) ROUNDS times.
The saves race each other: the document lock makes "is the file still the one I read, merge,
write" one step, so at the end every one of the 3 x ROUNDS flags must be in the file, with
distinct ids, each command's printed id the id it saved. Prints the counts and exits 1 if
anything was lost.

    .venv/bin/python bench/stress_writers.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "workbench"

UI_WRITER = r"""
import asyncio, sys
from workbench.core import review
from workbench.tui.app import WorkbenchApp

path, rounds = sys.argv[1], int(sys.argv[2])
app = WorkbenchApp.open_file(path, autosave_seconds=None, check_autosave=False,
                             spellcheck=False, preload_model=False, user="ui")

async def run():
    async with app.run_test(size=(120, 40)) as pilot:
        for i in range(rounds):
            row = 10 + i % 40
            app.ctx.apply(lambda: review.add_flag(app.doc, row, "Style/Awkward", "minor",
                                                  comment=f"ui-{i}", author="ui"))
            await pilot.press("ctrl+s")
            while app.saving or app.dirty:  # merged with what the others saved, then written
                await asyncio.sleep(0.01)
                if not app.saving and app.dirty:
                    await pilot.press("ctrl+s")
        print("UI done", flush=True)

asyncio.run(run())
"""


def command_writer(doc: Path, who: str, rounds: int) -> list[tuple[int, str]]:
    """``workbench flag add`` ROUNDS times; the (id, comment) each printed."""
    printed = []
    for i in range(rounds):
        comment = f"{who}-{i}"
        res = subprocess.run([str(EXE), "flag", "add", str(doc), str(1 + i % 60), "-c",
                              "acc/om", "-s", "minor", "-m", comment, "--user", who],
                             capture_output=True, text=True)
        if res.returncode != 0:
            raise SystemExit(f"{who} round {i}: {res.stderr.strip()}")
        printed.append((int(res.stdout.split("flag ")[1].split()[0]), comment))
    return printed


def run(rounds: int, folder: Path) -> dict[str, int]:
    from workbench.core import review, store

    doc = folder / "alignments" / "bakai.yaml"
    doc.parent.mkdir(parents=True, exist_ok=True)
    for sub in ("texts/ru", "texts/en"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "alignments/bakai.yaml", doc)
    for f in ("texts/ru/bakai.txt", "texts/en/bakai.txt"):
        shutil.copy(ROOT / f, folder / f)
    env = dict(os.environ)
    ui = subprocess.Popen([sys.executable, "-c", UI_WRITER, str(doc), str(rounds)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with ThreadPoolExecutor(2) as pool:
        cli = list(pool.map(lambda who: command_writer(doc, who, rounds), ("cli1", "cli2")))
    out, err = ui.communicate(timeout=600)
    if ui.returncode != 0 or "UI done" not in out:
        raise SystemExit(f"the UI writer failed: {err[-2000:]}")
    flags = review.flags(store.load(doc))
    comments = {f.comment: f.id for f in flags}
    printed = [p for writer in cli for p in writer]
    return {
        "flags expected": 3 * rounds,
        "flags in the file": len(flags),
        "distinct ids": len({f.id for f in flags}),
        "UI flags kept": sum(1 for i in range(rounds) if f"ui-{i}" in comments),
        "command flags kept": sum(1 for _, c in printed if c in comments),
        "printed id = saved id": sum(1 for fid, c in printed if comments.get(c) == fid),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        counts = run(args.rounds, Path(tmp))
    for name, n in counts.items():
        print(f"{name:24} {n}")
    print(f"{args.rounds} rounds in {time.perf_counter() - t:.0f} s")
    lost = counts["flags expected"] - counts["flags in the file"]
    wrong = 2 * args.rounds - counts["printed id = saved id"]
    print(f"lost: {lost}, printed ids that differ from the saved ones: {wrong}")
    sys.exit(1 if lost or wrong or counts["distinct ids"] != counts["flags in the file"] else 0)


if __name__ == "__main__":
    main()
