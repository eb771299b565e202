"""Tab-separated values: a header row (the two language codes, status, confidence), then one
pair per line. Tabs and line breaks inside the text were turned into spaces (package doc),
so no quoting is needed; memoQ, Trados and spreadsheets read it as it is.

    ru<TAB>en<TAB>status<TAB>confidence
    Милиция снимает осаду.<TAB>The police end the siege.<TAB>confirmed<TAB>0.912
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..files import atomic_write
from . import Pair


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    lines = ["\t".join((doc.source.lang, doc.target.lang, "status", "confidence"))]
    for p in pairs:
        conf = "" if p.confidence is None else f"{p.confidence:.3f}"
        lines.append("\t".join((p.source, p.target, p.status, conf)))
    atomic_write(path, "\n".join(lines) + "\n", backup=False)
    return [path]
