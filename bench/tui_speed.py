"""How fast the workbench UI is on a 10,000-row document (headless, 160x48).

Builds a synthetic document (one 18-32-word sentence per side, so two per row), opens it with
``App.run_test`` and prints: time to the first painted screen (load from YAML included), then
for 100 cursor-downs (while spelling and terms are checked in a thread), the time until every
row is checked, a jump to the next typo (in the last row: it scans every row), 20 page-downs,
merge, undo, redo and every other editing key and dialog (split, move, detach, confirm, the
edit, flag, add-term, go-to, export dialogs, findings, help, and the fix-word dialog on the
typo) the time from the key event to the next frame written to the terminal (wall, and the
CPU the process spent meanwhile, its threads included), and the time of one save. Targets:
first screen < 2 s, every key < 50 ms at the 95th percentile.

First paint runs from the start of loading to the first frame that shows rows; key -> frame
is measured by wrapping ``App._display`` (Textual writes a frame at most 60 times
a second, so up to ~16 ms of it is frame pacing); ``Pilot.press`` is not used for timing because
its idle detection sleeps in steps of tens of milliseconds. Each key after the spelling check is
sent once no frame has come for 30 ms, so that a frame still due from what came before is not
taken for its own (the 100 cursor-downs go at their own pace, as a check runs meanwhile).

    .venv/bin/python bench/tui_speed.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402

from workbench.core import store  # noqa: E402
from workbench.core.document import Bead, Document, make_side  # noqa: E402

RU = ("дом суд жители милиция снос поселок город закон право работа вода земля окраина улица "
      "собрание решение группа поддержка власть район человек время день год").split()
EN = ("house court residents police demolition village city law right work water land outskirts "
      "street assembly decision group support power district person time day year").split()


def sentence(rng: random.Random, words: list[str]) -> str:
    n = rng.randint(18, 32)
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def build(rows: int, seed: int = 0) -> Document:
    rng = random.Random(seed)
    src = make_side("ru", [(sentence(rng, RU), i // 5) for i in range(rows)])
    tgt = make_side("en", [(sentence(rng, EN), i // 5) for i in range(rows)])
    beads = [Bead((i,), (i,), round(rng.random(), 3)) for i in range(rows)]
    return Document(src, tgt, beads, model="synthetic")


async def measure(path: Path) -> dict[str, object]:
    from workbench.tui.app import WorkbenchApp

    out: dict[str, object] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    app = WorkbenchApp.open_file(path, autosave_seconds=None, check_autosave=False,
                                 preload_model=False)
    loaded = time.perf_counter() - t0
    last = app.doc.target.sentences[-1]  # one typo, in the last row: z scans every row
    app.doc.target.sentences[-1] = replace(last, text="Huose " + last.text)
    frames: list[float] = []  # when each frame was written to the (headless) terminal
    first_rows: list[float] = []  # the first frame that showed rows
    show = app._display

    def display(screen, renderable) -> None:
        show(screen, renderable)
        frames.append(time.perf_counter())
        if not first_rows and getattr(app, "main_screen", None) and app.view.laid_out:
            first_rows.append(frames[-1])

    app._display = display
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        out["first paint (rows on screen)"] = first_rows[0] - t0
        out["of which store.load"] = loaded
        out["process CPU until then"] = time.process_time() - c0

        async def latency(key: str, n: int, then: str | None = None,
                          settle: bool = True) -> list[tuple[float, float]]:
            """Key event sent -> the next frame written: what a translator waits for;
            ``then``: a key that closes what the measured key opened (not timed);
            ``settle``: send it once no frame has come for 30 ms."""
            times = []
            for _ in range(n):
                await pilot.pause()
                while settle:  # a frame still due (Textual paces them) would pass for this key's
                    seen = len(frames)
                    await asyncio.sleep(0.03)
                    if len(frames) == seen:
                        break
                seen, c = len(frames), time.process_time()
                t = time.perf_counter()
                app._driver.send_message(events.Key(key, None))
                while len(frames) == seen and time.perf_counter() - t < 2.0:
                    await asyncio.sleep(0.0005)
                if len(frames) == seen:  # the key changed nothing on screen (nothing to do)
                    continue
                times.append((frames[seen] - t, time.process_time() - c))
                if then is not None:
                    await pilot.pause(0.05)
                    await pilot.press(then)
                    await pilot.pause(0.05)
            return times

        out["down (100 keys)"] = await latency("down", 100, settle=False)  # while spelling
        # is checked, at the pace of the keys (a frame of the check's could pass for a key's)
        while app.spellcheck and not app.marks.complete:  # spelling and terms, in a thread
            await asyncio.sleep(0.01)
        out["spelling+terms checked (thread)"] = time.perf_counter() - t0
        out["next typo (z, scans 10k rows)"] = await latency("z", 1)
        await latency("g", 1)
        out["page down (20 keys)"] = await latency("pagedown", 20)
        out["merge (5 keys)"] = await latency("m", 5)
        out["undo (5 keys)"] = await latency("u", 5)
        out["redo (5 keys)"] = await latency("U", 5)
        await latency("u", 5)
        for name, key, n, then in EVERY_KEY:
            out[name] = await latency(key, n, then)
        row = app.view.row
        await latency("z", 1)  # to the typo in the last row: = has a word to fix there
        out["fix-word dialog (=, at a typo)"] = await latency("equals_sign", 5, "escape")
        app.view.move_to(row, k=0)
        await latency("m", 1)
        t = time.perf_counter()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        out["save (ctrl+s, in a thread)"] = time.perf_counter() - t
        assert not app.dirty
    return out


#: the other editing keys and the dialogs: (name, key, presses, the key that closes it)
EVERY_KEY = [
    ("split row (s)", "s", 5, "u"),
    ("move up ([)", "left_square_bracket", 5, "u"),
    ("move down (])", "right_square_bracket", 5, "u"),
    ("detach (d)", "d", 5, "u"),
    ("confirm (c)", "c", 5, None),
    ("unconfirm (x)", "x", 5, "c"),
    ("next weak (w)", "w", 10, None),
    ("worst first (v)", "v", 10, None),
    ("edit dialog (e)", "e", 5, "escape"),
    ("flag dialog (f)", "f", 5, "escape"),
    ("add-term dialog (B)", "B", 5, "escape"),
    ("findings list (i)", "i", 3, "escape"),
    ("go-to dialog (:)", "colon", 5, "escape"),
    ("export dialog (E)", "E", 5, "escape"),
    ("help (?)", "question_mark", 3, "escape"),
]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        t = time.perf_counter()
        store.save(build(args.rows), path)
        print(f"built and saved {args.rows} rows in {time.perf_counter() - t:.2f} s "
              f"({path.stat().st_size / 1e6:.1f} MB)")
        results = asyncio.run(measure(path))
    for name, value in results.items():
        if isinstance(value, float):
            print(f"{name:27} {value * 1000:8.0f} ms")
        elif not value:
            print(f"{name:27} (no frame: the key changed nothing here)")
        else:
            wall = [w * 1000 for w, _ in value]
            cpu = [c * 1000 for _, c in value]
            print(f"{name:27} CPU avg {statistics.mean(cpu):6.1f} p95 {_p95(cpu):6.1f} "
                  f"max {max(cpu):6.1f} ms · wall avg {statistics.mean(wall):6.1f} "
                  f"p95 {_p95(wall):6.1f} max {max(wall):6.1f} ms  (n={len(cpu)})")


if __name__ == "__main__":
    main()
