"""A corpus: many text pairs aligned into one folder of documents (``workbench corpus align``).

Pure and engine-free (the Dask part is :mod:`.corpus_dask`, which files pair up is
:mod:`.corpus_pairs`): the work of one pair done on texts that arrive as bytes (so that a worker
needs no shared file system) and returned as the document's YAML text, the manifest that makes
a run resumable, and the summary table.

The manifest (``OUT_DIR/manifest.json``) records each finished pair: the sha256 of both inputs,
the options that shaped the document and the sha256 of the document written. A pair is done
again when either input or an option changed, or its document is missing or was changed.
It is rewritten atomically after every finished pair, after the document itself: a kill loses
at most the pairs in flight.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .corpus_pairs import Pair
from .errors import WorkbenchError
from .files import atomic_write
from .textio import DEFAULT_LANGS

MANIFEST = "manifest.json"
SUMMARY = "summary.tsv"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class AlignOptions:
    """What shapes a document besides its two texts (the options `workbench align` has)."""

    source_lang: str = DEFAULT_LANGS[0]
    target_lang: str = DEFAULT_LANGS[1]
    presegmented: bool = False
    model: str = "use-v3"
    source_encoding: str | None = None
    target_encoding: str | None = None
    segmentation: str = "default"
    srx_rules: str | None = None
    bead_types: str | None = None
    #: (source, target): the language is the default, not the user's word, and a text whose
    #: script names another is read as that one (pipeline.read_side)
    guess_langs: tuple[bool, bool] = (False, False)

    def fingerprint(self) -> str:
        """What a finished pair was made with. ``guess_langs`` is left out: a pair whose texts
        are in their default languages' scripts comes out the same either way, and a corpus
        made before guessing existed resumes instead of starting over."""
        data = {k: v for k, v in asdict(self).items() if k != "guess_langs"}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


# ---------------------------------------------------------------- one pair

@dataclass
class Job:
    """One pair's work, as it travels to a worker: the texts as bytes, no file system."""

    name: str
    source_path: str  # absolute, as the document records it
    target_path: str
    source_bytes: bytes
    target_bytes: bytes
    document_dir: str  # absolute: the document's paths are relative to it
    options: AlignOptions


@dataclass
class Outcome:
    """What comes back: the document as YAML text and its numbers, or why it failed."""

    name: str
    yaml: str | None = None
    error: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0  # the whole job on the worker
    align_seconds: float = 0.0  # of which embedding and aligning


def align_job(job: Job, encoder) -> Outcome:
    """Align one pair exactly as `workbench align` does and return the YAML it would write."""
    start = time.perf_counter()
    try:
        doc, align_seconds = _document_of(job, encoder)
        from .store import _document_data
        from .document import check_invariants
        from .yamlfile import dump_yaml

        check_invariants(doc, allow_empty=True)
        text = dump_yaml(_document_data(doc, Path(job.document_dir)))
        return Outcome(job.name, yaml=text, stats=document_stats(doc),
                       seconds=time.perf_counter() - start, align_seconds=align_seconds)
    except WorkbenchError as exc:
        return Outcome(job.name, error=str(exc), seconds=time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001  a pair's failure must not stop the others
        return Outcome(job.name, error=f"{type(exc).__name__}: {exc}",
                       seconds=time.perf_counter() - start)


def _document_of(job: Job, encoder):
    from .align import AlignConfig, align_sides
    from .align.config import parse_types
    from .pipeline import new_document
    from .sources import Segmentation

    o = job.options
    with tempfile.TemporaryDirectory(prefix="workbench-pair-") as tmp:
        # the same file names (a reader may look at the suffix), in two folders
        paths = []
        for side, name, data in (("src", job.source_path, job.source_bytes),
                                 ("tgt", job.target_path, job.target_bytes)):
            folder = Path(tmp) / side
            folder.mkdir()
            p = folder / Path(name).name
            p.write_bytes(data)
            paths.append(p)
        try:
            doc = new_document(paths[0], paths[1], o.source_lang, o.target_lang,
                               presegmented=o.presegmented, model=o.model,
                               encodings=(o.source_encoding, o.target_encoding),
                               segmentation=Segmentation(o.segmentation, o.srx_rules),
                               guess_langs=o.guess_langs)
        except WorkbenchError as exc:
            for real, temp in ((job.source_path, paths[0]), (job.target_path, paths[1])):
                if exc.path == str(temp):
                    exc.path = real
            raise
    doc.source.path, doc.target.path = job.source_path, job.target_path
    cfg = AlignConfig(types=parse_types(o.bead_types)) if o.bead_types else AlignConfig()
    start = time.perf_counter()
    doc.beads = align_sides(doc.source, doc.target, encoder, cfg)
    return doc, time.perf_counter() - start


def document_stats(doc) -> dict[str, Any]:
    """The numbers of the summary table for one document."""
    from .textio import text_size

    scores = [b.confidence for b in doc.beads if b.confidence is not None]
    a = sum(text_size(s.text) for s in doc.source.sentences)
    b = sum(text_size(s.text) for s in doc.target.sentences)
    return {
        "source_sentences": len(doc.source.sentences),
        "target_sentences": len(doc.target.sentences),
        "rows": len(doc.beads),
        "mean_confidence": round(sum(scores) / len(scores), 3) if scores else None,
        "one_sided_rows": sum(1 for x in doc.beads if not x.src or not x.tgt),
        "length_ratio": round(max(a, b) / min(a, b), 2) if a and b else None,
    }


def sentences_of(stats: dict[str, Any]) -> int:
    return int(stats.get("source_sentences", 0)) + int(stats.get("target_sentences", 0))


# ---------------------------------------------------------------- the manifest

def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Manifest:
    """What is finished in OUT_DIR (see the module docstring)."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        self.out_dir = out_dir
        self.pairs: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            from .errors import read_bytes

            try:
                data = json.loads(read_bytes(self.path).decode("utf-8"))
                if data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("pairs"), dict):
                    raise ValueError("unknown format")
                self.pairs = data["pairs"]
            except (ValueError, UnicodeDecodeError) as exc:
                raise WorkbenchError(f"is not a workbench corpus manifest ({exc})",
                                     path=str(self.path),
                                     hint="remove it to align every pair again") from exc

    def is_done(self, pair: Pair, source_sha: str, target_sha: str, options: AlignOptions) -> bool:
        entry = self.pairs.get(pair.name)
        if not entry or entry.get("source_sha256") != source_sha or \
                entry.get("target_sha256") != target_sha or \
                entry.get("options") != options.fingerprint():
            return False
        doc = pair.document(self.out_dir)
        try:
            return sha256_of(doc.read_bytes()) == entry.get("document_sha256")
        except OSError:
            return False

    def record(self, pair: Pair, source_sha: str, target_sha: str, options: AlignOptions,
               outcome: Outcome) -> None:
        """Write the pair's document, then the manifest that says it is finished."""
        assert outcome.yaml is not None
        atomic_write(pair.document(self.out_dir), outcome.yaml, backup=False)
        self.pairs[pair.name] = {
            "source": str(pair.source), "target": str(pair.target),
            "source_sha256": source_sha, "target_sha256": target_sha,
            "options": options.fingerprint(),
            "document_sha256": sha256_of(outcome.yaml.encode("utf-8")),
            "stats": outcome.stats, "seconds": round(outcome.seconds, 4),
            "align_seconds": round(outcome.align_seconds, 4),
        }
        self.save()

    def save(self) -> None:
        text = json.dumps({"format": MANIFEST_FORMAT, "pairs": self.pairs}, ensure_ascii=False,
                          indent=1, sort_keys=True)
        atomic_write(self.path, text + "\n", backup=False)


# ---------------------------------------------------------------- the summary

SUMMARY_COLUMNS = ("name", "status", "mean_confidence", "one_sided_rows", "length_ratio",
                   "rows", "source_sentences", "target_sentences", "reason")


def summary_rows(manifest: Manifest, pairs: Iterable[Pair],
                 failures: dict[str, str]) -> list[dict[str, Any]]:
    """One row per pair, worst first: failures, then the lowest mean confidence, the most
    1-0/0-1 rows, the most lopsided lengths."""
    rows = []
    for p in pairs:
        if p.name in failures:
            rows.append({"name": p.name, "status": "failed", "reason": failures[p.name]})
        elif p.name in manifest.pairs:
            rows.append({"name": p.name, "status": "done", **manifest.pairs[p.name]["stats"]})
        else:
            rows.append({"name": p.name, "status": "not done"})

    def badness(row):
        if row["status"] != "done":
            return (0 if row["status"] == "failed" else 1, 0.0, 0, 0.0, row["name"])
        conf = row.get("mean_confidence")
        share = row.get("one_sided_rows", 0) / max(row.get("rows", 1), 1)
        return (2, conf if conf is not None else 0.0, -share,
                -(row.get("length_ratio") or 1.0), row["name"])

    return sorted(rows, key=badness)


def summary_tsv(rows: list[dict[str, Any]]) -> str:
    def cell(v):
        return "" if v is None else str(v).replace("\t", " ").replace("\n", " ")
    lines = ["\t".join(SUMMARY_COLUMNS)]
    lines += ["\t".join(cell(r.get(c)) for c in SUMMARY_COLUMNS) for r in rows]
    return "\n".join(lines) + "\n"


def write_summary(out_dir: Path, rows: list[dict[str, Any]]) -> Path:
    path = out_dir / SUMMARY
    atomic_write(path, summary_tsv(rows), backup=False)
    return path


def project_rows(folder: Path) -> list[dict[str, Any]]:
    """The documents of a corpus folder for the project screen, worst first: each with its
    ``path`` and, when the manifest has it, the summary's numbers; then the failed pairs of
    the last run (from summary.tsv, no path)."""
    from .export.combined import corpus_documents

    docs = [Pair(name, p, p) for name, p in corpus_documents(folder)]
    try:
        manifest = Manifest(folder)
    except WorkbenchError:
        manifest = Manifest.__new__(Manifest)
        manifest.path, manifest.out_dir, manifest.pairs = folder / MANIFEST, folder, {}
    failures = {}
    summary = folder / SUMMARY
    if summary.is_file():
        for line in summary.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
            cells = line.split("\t")
            if len(cells) == len(SUMMARY_COLUMNS) and cells[1] == "failed":
                failures[cells[0]] = cells[-1]
    known = {d.name for d in docs}
    everything = docs + [Pair(name, folder, folder) for name in failures if name not in known]
    rows = summary_rows(manifest, everything,
                        {k: v for k, v in failures.items() if k not in known})
    by_name = {d.name: d.source for d in docs}
    for r in rows:
        r["path"] = by_name.get(r["name"])
        if r["status"] == "not done" and r["path"] is not None:
            r["status"] = "document"  # made another way (not in the manifest)
    return rows


ProgressFn = Callable[[Outcome], None]

__all__ = ["AlignOptions", "Job", "Manifest", "Outcome", "align_job", "summary_rows",
           "write_summary"]
