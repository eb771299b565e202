"""Are MINE and THEIRS versions of BASE? The check before a three-way merge.

A merge pairs the three documents' sentences by id. Three unrelated documents have the same
ids (0, 1, 2 ...) with other texts, so the merge "succeeds": every row conflicts, MINE is
kept whole and THEIRS' work is dropped as one big conflict, with exit code 1 like an ordinary
merge. So before merging, each of MINE and THEIRS must keep at least half of BASE's sentences
under the same id with a related text: the same text or original (a typo fixed), or a near
one (a sentence edited, or re-anchored to a changed source).
"""

from __future__ import annotations

from .document import Document, Side
from .errors import FormatError

#: the share of BASE's sentences a version of it keeps (edits, splits and re-anchoring keep
#: nearly all; an unrelated document keeps none but by chance)
MIN_SHARED = 0.5
#: rapidfuzz's ratio above which two texts are one sentence edited (unrelated sentences of
#: one language score 20-50)
NEAR = 60.0


def _texts(side: Side) -> dict[int, tuple[str, ...]]:
    return {s.id: (s.text,) if s.original in (None, s.text) else (s.text, s.original)
            for s in side.sentences}


def shared(base: Document, other: Document) -> tuple[int, int]:
    """(BASE's sentences that ``other`` keeps under the same id with a related text, all of
    BASE's sentences)."""
    from rapidfuzz.fuzz import ratio

    kept = total = 0
    for mine, theirs in ((base.source, other.source), (base.target, other.target)):
        there = _texts(theirs)
        for sid, texts in _texts(mine).items():
            total += 1
            found = there.get(sid)
            if found is None:
                continue
            if set(texts) & set(found) or any(ratio(a, b) >= NEAR for a in texts for b in found):
                kept += 1
    return kept, total


def check_versions(base: Document, versions: dict[str, Document], base_path: str) -> None:
    """Raise FormatError (naming the file) if a version keeps less than half of BASE."""
    for path, doc in versions.items():
        kept, total = shared(base, doc)
        if total and kept < MIN_SHARED * total:
            raise FormatError(
                f"is not a version of {base_path}: it keeps {kept:,} of its {total:,} sentences "
                "(same id, related text)", path=path,
                hint="give three versions of one document, in the order BASE MINE THEIRS; "
                     "a git merge driver gets %O %A %B")
