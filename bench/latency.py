"""What a new user waits for, cold process, warm disk cache (median of 5 runs):

- ``workbench align`` of a 2-sentence pair, end to end (target < 2 s);
- ``workbench open RU.txt EN.txt`` of the Bakai texts until the aligned rows are on screen
  (headless, 160x48; target < 4 s);

each with the embedding cache as a user has it after a first run, and empty (a new pair:
every sentence embedded; ``$WORKBENCH_CACHE`` pointed at an empty folder each run).

Every editing key at 10,000 rows is measured by ``bench/tui_speed.py``.

    .venv/bin/python bench/latency.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "workbench"

OPEN_HEADLESS = r"""
import asyncio, os, sys, time
t0 = float(os.environ["T0"])
from workbench.cli import make_main

def headless(request):
    from workbench.tui.app import WorkbenchApp
    app = WorkbenchApp(request.doc, request.path, align=True, model=request.model,
                       autosave_seconds=None, check_autosave=False, preload_model=False)
    async def run():
        async with app.run_test(size=(160, 48)) as pilot:
            while not app.doc.beads:
                await asyncio.sleep(0.01)
            await pilot.pause()
            print(f"ROWS {time.time() - t0:.3f} {len(app.doc.beads)}", flush=True)
    asyncio.run(run())

make_main(headless)(sys.argv[1:], standalone_mode=False)
"""


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    t = time.time()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise SystemExit(f"{cmd} failed: {res.stderr}")
    for line in res.stdout.splitlines():
        if line.startswith("ROWS "):
            return float(line.split()[1])
    return time.time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "ru.txt").write_text("Суд постановил снести дома.\nЖители вышли на улицу.\n",
                                       encoding="utf-8")
        (folder / "en.txt").write_text("The court ruled to demolish the houses.\n"
                                       "The residents took to the street.\n", encoding="utf-8")
        rows = []
        for cold in (False, True):
            small, opened = [], []
            for i in range(args.runs):
                env = dict(os.environ)
                if cold:
                    env["WORKBENCH_CACHE"] = str(folder / f"cache-{i}")
                small.append(timed([str(EXE), "align", "ru.txt", "en.txt", "-o",
                                    f"out{i}.yaml"], folder, env))
                env["T0"] = str(time.time())
                opened.append(timed([sys.executable, "-c", OPEN_HEADLESS, "open",
                                     str(ROOT / "texts/ru/bakai.txt"),
                                     str(ROOT / "texts/en/bakai.txt"),
                                     "-o", str(folder / f"bakai{i}.yaml")], folder, env))
            cache = "empty cache" if cold else "cached"
            rows.append((f"align a 2-sentence pair, {cache}", small, 2.0))
            rows.append((f"open the Bakai texts, {cache}: rows shown", opened, 4.0))
    for name, values, target in rows:
        print(f"{name:44} median {statistics.median(values):5.2f} s  "
              f"(min {min(values):.2f}, max {max(values):.2f}; target < {target:.0f} s)")

if __name__ == "__main__":
    main()
