"""What kind of workbench file a path holds, told from its first lines without parsing it.

A command that writes must never replace a file of another kind (an HTML report written over
the document it reports on, a TSV export over the glossary): the commands ask this first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from .errors import WorkbenchError

DOCUMENT, GLOSSARY, DICTIONARY, OTHER = "document", "glossary", "dictionary", "other"
WORKBENCH_KINDS = (DOCUMENT, GLOSSARY, DICTIONARY)

_TOP_KEY = re.compile(rb"^([A-Za-z_][\w-]*):", re.MULTILINE)
_SNIFF_BYTES = 64 * 1024


def file_kind(path: str | Path) -> str | None:
    """``"document"``, ``"glossary"``, ``"dictionary"``, ``"other"`` (any other file), or None
    when there is no regular file there (nothing to protect)."""
    p = Path(path)
    try:
        if not p.is_file():
            return OTHER if p.exists() else None
        with p.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return OTHER
    keys = set(_TOP_KEY.findall(head))
    if b"format" not in keys:
        return OTHER
    if keys & {b"beads", b"source_sentences", b"target_sentences"} or {b"source", b"target"} <= keys:
        return DOCUMENT
    if b"terms" in keys:
        return GLOSSARY
    return DICTIONARY if keys - {b"format"} else OTHER


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (links and ``..`` included)."""
    pa, pb = Path(a), Path(b)
    try:
        return pa.samefile(pb)
    except OSError:
        return pa.resolve() == pb.resolve()


def check_output(output: Path, *, reads: Sequence[Path] = (), writes: str) -> None:
    """Stop before ``output`` replaces a file this command reads, or a workbench file of
    another kind than ``writes`` ("document", "glossary", or what an export/report is)."""
    for source in reads:
        if same_file(output, source):
            raise WorkbenchError(f"is also what this command reads: writing the {writes} there "
                                 "would destroy it", path=str(output),
                                 hint="choose another file to write")
    kind = file_kind(output)
    if kind is None or kind == writes:
        return
    if kind in WORKBENCH_KINDS:
        raise WorkbenchError(f"is a workbench {kind}: writing the {writes} there would replace "
                             "it", path=str(output), hint="choose another file to write")
    if writes == DOCUMENT:
        raise WorkbenchError("exists and is not an alignment document: it would be replaced",
                             path=str(output), hint="choose another file to write, or "
                                                    "remove it first")
