"""What the parts of the merge share: the two sides' names, conflicts, results, counting."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..document import Document
from ..errors import WorkbenchError


MINE, THEIRS = "mine", "theirs"


@dataclass
class Conflict:
    """Something both sides changed differently; ``choice`` is the version the result holds."""

    key: str            # stable name for choosing: "rows:12-14", "src:30", "flag:5" ...
    what: str           # "rows 13-14", "Russian sentence 30", "flag 5" (rows numbered from 1)
    base: list[str]
    mine: list[str]
    theirs: list[str]
    row: int | None     # the first row of the result it concerns (0-based), if any
    choice: str = MINE


@dataclass
class MergeResult:
    doc: Document
    conflicts: list[Conflict]
    mine_changes: int = 0     # hunks and items changed by MINE only, by THEIRS only
    theirs_changes: int = 0

    @property
    def clean(self) -> bool:
        return not self.conflicts


class MergeConflictError(WorkbenchError):
    """The file changed on disk and the changes conflict with the ones being saved."""

    exit_code = 1



def clip(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"



local_counts = threading.local()  # records changed by each side in this thread's merge


def count_change(side: str) -> None:
    counts = getattr(local_counts, "counts", None)
    if counts is not None:
        counts[side] += 1

