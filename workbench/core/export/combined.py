"""One export for a whole corpus folder (``workbench export OUT_DIR ...``): every document's
pairs in one file, each pair carrying its document's name, streamed (one document in memory at
a time) into a temp file that is renamed over the output at the end.

| format | the document's name                                        |
|--------|------------------------------------------------------------|
| tmx    | ``<prop type="x-workbench-document">`` of each ``tu``       |
| tsv    | a first column ``document``                                 |
| jsonl  | a ``"document"`` key                                        |
| xlsx   | a last column ``document`` (source and target stay A and B) |
| moses  | PATH.<src> and PATH.<tgt>, and PATH.docs: a name per line   |

All documents must share one language pair (the first one's); another is left out with a
warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

from ..errors import WorkbenchError
from . import DEFAULT_ONLY, ExportResult, select_pairs

#: the formats a corpus folder exports to
CORPUS_FORMATS = ("tmx", "tsv", "moses", "jsonl", "xlsx")


def corpus_documents(folder: Path) -> list[tuple[str, Path]]:
    """(name, path) of the documents under ``folder``: NAME.yaml at any depth, in name order;
    not the project's glossary.yaml and dictionary.yaml, which sit among them."""
    from ..dictionary import DICTIONARY_NAME
    from ..glossary.project import GLOSSARY_NAME

    found = []
    for p in sorted(folder.rglob("*.yaml")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or \
                p.name in (GLOSSARY_NAME, DICTIONARY_NAME):
            continue
        found.append((rel.with_suffix("").as_posix(), p))
    return found


@contextlib.contextmanager
def _streamed(path: Path, mode: str = "w") -> Iterator:
    """A file written bit by bit that appears at ``path`` only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": "\n"}
                                    if "b" not in mode else {})) as fh:
            yield fh, tmp
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export_corpus(folder: Path, fmt: str, path: Path, only: str | None = None,
                  exclude_flagged: str | None = None) -> ExportResult:
    """Write the pairs of every document under ``folder`` to ``path`` as ``fmt``."""
    from .. import store

    if fmt not in CORPUS_FORMATS:
        raise WorkbenchError(f"a corpus folder exports to {', '.join(CORPUS_FORMATS)}, not {fmt}")
    docs = corpus_documents(folder)
    if not docs:
        raise WorkbenchError("is a directory with no documents (NAME.yaml) to export",
                             path=str(folder),
                             hint="align a corpus into it first: workbench corpus align")
    result = ExportResult(0, [])
    only = only or DEFAULT_ONLY[fmt]
    langs: list[tuple[str, str]] = []

    def each():
        """(name, document, its pairs), one document loaded at a time."""
        for name, p in docs:
            doc = store.load(p)
            pair = (doc.source.lang, doc.target.lang)
            if not langs:
                langs.append(pair)
            elif pair != langs[0]:
                result.warnings.append(f"{p}: left out: {pair[0]}-{pair[1]}, not "
                                       f"{langs[0][0]}-{langs[0][1]} like the others")
                continue
            warnings: list[str] = []
            pairs = select_pairs(doc, only, exclude_flagged, warnings, result)
            result.warnings.extend(f"{name}: {w}" for w in warnings)
            result.count += len(pairs)
            yield name, doc, pairs

    writer = {"tmx": _tmx, "tsv": _tsv, "moses": _moses, "jsonl": _jsonl, "xlsx": _xlsx}[fmt]
    result.paths = writer(each(), path, docs)
    return result


def _first(items):
    it = iter(items)
    first = next(it, None)
    return first, it


def _tsv(items, path: Path, docs) -> list[Path]:
    first, rest = _first(items)
    with _streamed(path) as (fh, _):
        if first is None:
            fh.write("document\tsource\ttarget\tstatus\tconfidence\n")
            return [path]
        doc = first[1]
        fh.write("\t".join(("document", doc.source.lang, doc.target.lang, "status",
                            "confidence")) + "\n")
        for name, doc, pairs in _chain(first, rest):
            for p in pairs:
                conf = "" if p.confidence is None else f"{p.confidence:.3f}"
                fh.write("\t".join((_cell(name), p.source, p.target, p.status, conf)) + "\n")
    return [path]


def _chain(first, rest):
    yield first
    yield from rest


def _cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def _jsonl(items, path: Path, docs) -> list[Path]:
    from .jsonl import record

    with _streamed(path) as (fh, _):
        for name, doc, pairs in items:
            for p in pairs:
                fh.write(json.dumps({"document": name, **record(doc, p)}, ensure_ascii=False)
                         + "\n")
    return [path]


def _moses(items, path: Path, docs) -> list[Path]:
    from .moses import paths

    first, rest = _first(items)
    if first is None:
        raise WorkbenchError("no document to export has the language pair of the first")
    src_path, tgt_path = paths(first[1], path)
    names_path = src_path.with_suffix(".docs")
    with _streamed(src_path) as (s, _), _streamed(tgt_path) as (t, _), \
            _streamed(names_path) as (n, _):
        for name, doc, pairs in _chain(first, rest):
            for p in pairs:
                s.write(p.source + "\n")
                t.write(p.target + "\n")
                n.write(_cell(name) + "\n")
    return [src_path, tgt_path, names_path]


def _tmx(items, path: Path, docs) -> list[Path]:
    from .tmx import build

    first, rest = _first(items)
    with _streamed(path) as (fh, _):
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if first is None:
            fh.write('<tmx version="1.4"><body/></tmx>\n')
            return [path]
        header = build(first[1], [], "").find("header")
        fh.write('<tmx version="1.4">\n  ' + ET.tostring(header, encoding="unicode").strip()
                 + "\n  <body>\n")
        for name, doc, pairs in _chain(first, rest):
            body = build(doc, pairs, name).find("body")
            for tu in body:
                ET.indent(tu, space="  ", level=2)
                tu.tail = None
                fh.write("    " + ET.tostring(tu, encoding="unicode") + "\n")
        fh.write("  </body>\n</tmx>\n")
    return [path]


def _xlsx(items, path: Path, docs) -> list[Path]:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("corpus")
    first, rest = _first(items)
    if first is not None:
        doc = first[1]
        ws.append([doc.source.lang, doc.target.lang, "status", "confidence", "document"])
        for name, doc, pairs in _chain(first, rest):
            for p in pairs:
                ws.append([p.source, p.target, p.status,
                           round(p.confidence, 3) if p.confidence is not None else None, name])
    with _streamed(path, "wb") as (fh, _):
        wb.save(fh)
    return [path]
