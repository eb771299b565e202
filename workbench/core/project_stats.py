"""One document's numbers for the project screen, read from the document itself: the corpus
manifest only knows how a pair was aligned, not how far its review is.

- ``confirmed_pct``: confirmed rows in % of the rows;
- ``low_confidence``: unconfirmed rows of the low and middle confidence bands (the red and
  yellow rows the workbench's status line counts: :mod:`.confidence`);
- ``open_flags``: review flags still open (resolved and dismissed ones are settled);
- ``mqm``: MQM penalty points per 1,000 source words, :func:`.mqm.score` with its default
  weights (the number the HTML review report leads with);
- and :func:`.corpus.document_stats` of the document as it is now (rows, mean confidence,
  1-0/0-1 rows, length ratio), which replace the manifest's numbers from aligning time.

A document that does not load gives ``{"reason": ...}`` instead, never an exception. Numbers
are kept per file (path, size, modification time, inode) for the life of the process, so coming
back to the project screen reads again only the documents that changed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from .confidence import confidence_band
from .document import Document
from .errors import WorkbenchError

#: the keys :func:`review_stats` adds to a row of :func:`.corpus.project_rows`
STATS_KEYS = ("confirmed_pct", "low_confidence", "open_flags", "mqm")

_known: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}
_lock = threading.Lock()


def review_stats(doc: Document) -> dict[str, Any]:
    """The project screen's numbers of one loaded document (see the module docstring)."""
    from . import mqm
    from .corpus import document_stats
    from .review import flags

    n = len(doc.beads)
    bands = [confidence_band(b.confidence) for b in doc.beads if not b.confirmed]
    return {
        **document_stats(doc),
        "confirmed_pct": round(100.0 * doc.confirmed_count / n, 1) if n else None,
        "low_confidence": bands.count("low") + bands.count("mid"),
        "open_flags": sum(1 for f in flags(doc) if f.status == "open"),
        "mqm": round(mqm.score(doc).per_1000, 2),
    }


def read_stats(path: Path) -> dict[str, Any]:
    """:func:`review_stats` of the document at ``path``, or ``{"reason": why it does not
    load}``; the same answer again while the file is unchanged."""
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError as exc:
        return {"reason": f"cannot be read: {exc.strerror or exc}"}
    key = path.resolve()
    with _lock:
        known = _known.get(key)
    if known is not None and known[0] == stamp:
        return dict(known[1])
    from . import store

    try:
        stats = review_stats(store.load(path, remember=False))
    except WorkbenchError as exc:
        return {"reason": f"does not load: {_short(exc)}"}
    except OSError as exc:
        return {"reason": f"cannot be read: {exc.strerror or exc}"}
    except Exception as exc:  # noqa: BLE001  one document must not stop the list of the others
        return {"reason": f"does not load: {type(exc).__name__}: {exc}"}
    with _lock:
        _known[key] = (stamp, stats)
    return dict(stats)


def _short(exc: WorkbenchError) -> str:
    """The error without the file's path (the row names the document)."""
    where = f"line {exc.line}: " if exc.line is not None else ""
    return where + exc.message
