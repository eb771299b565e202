"""`workbench corpus align` throughput on Dask: pairs/s, sentences/s, overhead per pair.

    python bench/corpus.py [--copies 9] [--model use-v3] [--configs 1,2,scheduler]

The corpus is the 60 NTREX ru-en dev documents (one sentence per line: --presegmented) copied
``--copies`` times (540 pairs by default); copy k has " (k)" after every line on both sides so
that no sentence is embedded twice (each run also gets an empty embedding cache). Each
configuration runs the real command in a subprocess:

    1, 2        a LocalCluster of that many worker processes (--workers N)
    scheduler   `dask scheduler` and two `dask worker` processes on localhost (--scheduler)

Prints per configuration: pairs/s and sentences/s (from the first pair sent to the last
document written, the workers already up with their model loaded), the workers' time in
embedding and aligning, and the overhead per pair beyond it: (wall time x workers - the
workers' embedding and aligning time) / pairs, i.e. reading and segmenting the texts, the YAML,
Dask's transfers and scheduling, the client writing the document and the manifest. And the
part of it outside the worker's job (Dask + the client alone).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NTREX = ROOT.parent / "shared" / "data" / "ntrex-ru-en-dev"
PY = Path(sys.executable)


def make_corpus(folder: Path, copies: int) -> int:
    n = 0
    for k in range(copies):
        for side in ("ru", "en"):
            out = folder / side / f"copy{k}"
            out.mkdir(parents=True, exist_ok=True)
            for doc in sorted((NTREX / side).iterdir()):
                lines = [line for line in doc.read_text(encoding="utf-8").splitlines()
                         if line.strip()]
                (out / f"{doc.name}.txt").write_text(
                    "".join(f"{line} ({k})\n" for line in lines), encoding="utf-8")
                n += side == "ru"
    return n


def start_cluster(folder: Path, env: dict) -> tuple[str, list]:
    dask = PY.parent / "dask"
    folder.mkdir(parents=True, exist_ok=True)
    info = folder / "scheduler.json"
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--scheduler-file", str(info), "--no-dashboard"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    while not (info.exists() and info.stat().st_size):
        if procs[0].poll() is not None:
            sys.exit("dask scheduler did not start")
        time.sleep(0.1)
    address = json.loads(info.read_text())["address"]
    for n in range(2):
        procs.append(subprocess.Popen([str(dask), "worker", address, "--nthreads", "1",
                                       "--name", f"w{n}", "--no-dashboard",
                                       "--local-directory", str(folder / f"w{n}")],
                                      env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
    from distributed import Client

    with Client(address, timeout=60) as client:  # both up before the run
        client.wait_for_workers(2, timeout=120)
    return address, procs


def run(corpus: Path, out: Path, args: list[str], env: dict) -> tuple[float, dict]:
    cmd = [str(PY), "-m", "workbench", "corpus", "align", str(corpus / "ru"),
           str(corpus / "en"), "-o", str(out), "--presegmented", *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {done.stderr[-2000:]}")
    m = re.search(r"aligned (\d+) pairs, ([\d,]+) sentences in ([\d.]+) s", done.stdout)
    if not m:
        sys.exit(f"no timing line in: {done.stdout[-2000:]}")
    manifest = json.loads((out / "manifest.json").read_text())["pairs"]
    return float(m.group(3)), manifest


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=9)
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--configs", default="1,2,scheduler")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        tmp = Path(tmp)
        pairs = make_corpus(tmp / "corpus", a.copies)
        print(f"{pairs} pairs, model {a.model}, {os.cpu_count()} cores")
        print("| engine | pairs/s | sentences/s | wall s | embed+align s (sum) | "
              "overhead ms/pair beyond embed+align | of which outside the job |")
        print("|---|---|---|---|---|---|---|")
        for config in a.configs.split(","):
            env = {**os.environ, "PYTHONPATH": str(ROOT),
                   "WORKBENCH_CACHE": str(tmp / f"cache-{config}")}
            procs: list = []
            if config == "scheduler":
                address, procs = start_cluster(tmp / "dask", env)
                args, workers, label = ["--scheduler", address], 2, "localhost scheduler, 2 workers"
            else:
                workers = int(config)
                args, label = ["--workers", config], f"LocalCluster, {config} worker(s)"
            try:
                wall, manifest = run(tmp / "corpus", tmp / f"out-{config}",
                                     args + ["--model", a.model], env)
            finally:
                for p in procs:
                    p.terminate()
                for p in procs:
                    p.wait()
            n = len(manifest)
            sentences = sum(e["stats"]["source_sentences"] + e["stats"]["target_sentences"]
                            for e in manifest.values())
            job = sum(e["seconds"] for e in manifest.values())
            core = sum(e["align_seconds"] for e in manifest.values())
            beyond = (wall * workers - core) / n * 1000
            outside = (wall * workers - job) / n * 1000
            print(f"| {label} | {n / wall:.1f} | {sentences / wall:,.0f} | {wall:.1f} | "
                  f"{core:.1f} | {beyond:.0f} | {outside:.0f} |", flush=True)


if __name__ == "__main__":
    main()
