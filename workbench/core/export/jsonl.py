"""JSON Lines: one object per pair, UTF-8, keys in a fixed order.

    {"row": 12, "ru": "...", "en": "...", "status": "confirmed", "confidence": 0.93,
     "src_ids": [11], "tgt_ids": [13], "flags": [{"category": ..., "severity": ..., ...}]}

The two texts are keyed by the document's language codes (as in MT data sets).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..document import Document
from ..files import atomic_write
from . import Pair


def record(doc: Document, p: Pair) -> dict:
    return {
        "row": p.row,
        doc.source.lang: p.source,
        doc.target.lang: p.target,
        "status": p.status,
        "confidence": p.confidence,
        "src_ids": list(p.src_ids),
        "tgt_ids": list(p.tgt_ids),
        "flags": [{k: v for k, v in f.record().items() if k not in ("src", "tgt")}
                  for f in p.flags],
    }


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    lines = [json.dumps(record(doc, p), ensure_ascii=False) for p in pairs]
    atomic_write(path, "".join(line + "\n" for line in lines), backup=False)
    return [path]
