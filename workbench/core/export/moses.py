"""Moses/OPUS plain text: two files with one pair per line, line n of each file aligned.

``-o out/bakai`` writes ``out/bakai.ru`` and ``out/bakai.en`` (the language codes of the
document); a path already ending in ``.ru`` or ``.en`` is used as the prefix without it.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..files import atomic_write
from . import Pair


def paths(doc: Document, path: Path) -> tuple[Path, Path]:
    prefix = path
    if path.suffix.lstrip(".") in (doc.source.lang, doc.target.lang):
        prefix = path.with_suffix("")
    return (prefix.with_name(f"{prefix.name}.{doc.source.lang}"),
            prefix.with_name(f"{prefix.name}.{doc.target.lang}"))


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    src_path, tgt_path = paths(doc, path)
    atomic_write(src_path, "".join(p.source + "\n" for p in pairs), backup=False)
    atomic_write(tgt_path, "".join(p.target + "\n" for p in pairs), backup=False)
    return [src_path, tgt_path]
