"""Editing operations on a Document, each built as an undoable :class:`Edit`.

The functions here only *build* edits of rows and sentences (and raise
:class:`OperationError` when they do not apply); :class:`History` applies them, so the UI
never mutates a document itself. The edit record, applying, reverting and undo/redo live in
:mod:`workbench.core.history` and are re-exported here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .document import Bead, Document, Sentence
from .errors import OperationError
# re-exported: the front ends and the tests take edits and the history from here
from .history import Edit, History, Listener, Splice, apply_edit, revert_edit  # noqa: F401

SIDES = ("src", "tgt")


# ---------------------------------------------------------------- helpers

def _bead(doc: Document, i: int) -> Bead:
    if not 0 <= i < len(doc.beads):
        raise OperationError(f"there is no row {i + 1}")
    return doc.beads[i]


def _unconfirmed(b: Bead, **changes) -> Bead:
    """A changed bead: its content changed, so it is no longer confirmed nor scored."""
    return replace(b, status="proposed", confidence=None, **changes)


def _rows(label: str, start: int, old: Sequence[Bead], new: Sequence[Bead],
          cursor: int | None = None) -> Edit:
    return Edit(label, (Splice("beads", start, tuple(old), tuple(new)),), cursor=cursor)


def _ids(doc: Document) -> tuple[int, int]:
    return (doc.source.next_id, doc.target.next_id)


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise OperationError(f"unknown side {side!r}: use 'src' or 'tgt'")


def _sentence_at(doc: Document, side: str, sid: int) -> tuple[int, Sentence]:
    """(position, sentence) of sentence ``sid`` of ``side``; an OperationError if it is gone
    (an edit prepared before another one removed it)."""
    _check_side(side)
    s_side = doc.side(side)
    try:
        pos = s_side.position(sid)
    except KeyError:
        raise OperationError(f"there is no sentence {sid}") from None
    return pos, s_side.sentences[pos]


# ---------------------------------------------------------------- row operations

def move_first_up(doc: Document, i: int, side: str) -> Edit:
    """Move the first sentence of one side of row ``i`` to the end of row ``i - 1``."""
    _check_side(side)
    b = _bead(doc, i)
    if i == 0:
        raise OperationError("the first row has no row above it")
    ids = getattr(b, side)
    if not ids:
        raise OperationError("this side of the row is empty")
    above = doc.beads[i - 1]
    new_above = _unconfirmed(above, **{side: getattr(above, side) + ids[:1]})
    new_b = _unconfirmed(b, **{side: ids[1:]})
    new = [new_above] if not new_b.src and not new_b.tgt else [new_above, new_b]
    return _rows("move sentence up", i - 1, [above, b], new, cursor=i - 1)


def move_last_down(doc: Document, i: int, side: str) -> Edit:
    """Move the last sentence of one side of row ``i`` to the start of row ``i + 1``."""
    _check_side(side)
    b = _bead(doc, i)
    if i == len(doc.beads) - 1:
        raise OperationError("the last row has no row below it")
    ids = getattr(b, side)
    if not ids:
        raise OperationError("this side of the row is empty")
    below = doc.beads[i + 1]
    new_below = _unconfirmed(below, **{side: ids[-1:] + getattr(below, side)})
    new_b = _unconfirmed(b, **{side: ids[:-1]})
    if not new_b.src and not new_b.tgt:
        return _rows("move sentence down", i, [b, below], [new_below], cursor=i)
    return _rows("move sentence down", i, [b, below], [new_b, new_below], cursor=i + 1)


def merge_with_next(doc: Document, i: int) -> Edit:
    """Merge row ``i`` with row ``i + 1`` into one bead."""
    b = _bead(doc, i)
    if i == len(doc.beads) - 1:
        raise OperationError("the last row has nothing below to merge with")
    nxt = doc.beads[i + 1]
    merged = Bead(b.src + nxt.src, b.tgt + nxt.tgt)
    return _rows("merge rows", i, [b, nxt], [merged], cursor=i)


def insert_empty_row(doc: Document, i: int) -> Edit:
    """Insert an empty row before row ``i`` (``i == len(beads)``: at the end), to move
    sentences into it with move_first_up / move_last_down. Empty rows are not saved."""
    if not 0 <= i <= len(doc.beads):
        raise OperationError(f"there is no row {i + 1}")
    return _rows("insert empty row", i, [], [Bead((), ())], cursor=i)


def split_row(doc: Document, i: int, src_at: int, tgt_at: int) -> Edit:
    """Split row ``i`` in two: the first ``src_at``/``tgt_at`` sentences stay, the rest go below."""
    b = _bead(doc, i)
    if not (0 <= src_at <= len(b.src) and 0 <= tgt_at <= len(b.tgt)):
        raise OperationError("the split point is outside the row")
    top = Bead(b.src[:src_at], b.tgt[:tgt_at])
    bottom = Bead(b.src[src_at:], b.tgt[tgt_at:])
    if not (top.src or top.tgt) or not (bottom.src or bottom.tgt):
        raise OperationError("a split must leave a sentence in each of the two rows")
    return _rows("split row", i, [b], [top, bottom], cursor=i)


def detach(doc: Document, i: int, side: str) -> Edit:
    """Turn row ``i`` into a 1-0 and a 0-1 row: ``side`` moves out into its own row below."""
    _check_side(side)
    b = _bead(doc, i)
    if not b.src or not b.tgt:
        raise OperationError("the row already has an empty side")
    if side == "tgt":
        new = [Bead(b.src, ()), Bead((), b.tgt)]
    else:
        new = [Bead((), b.tgt), Bead(b.src, ())]
    return _rows("detach side", i, [b], new, cursor=i)


def set_status(doc: Document, rows: Sequence[int], status: str, label: str) -> Edit:
    splices = []
    for i in rows:
        b = _bead(doc, i)
        if b.status != status:
            splices.append(Splice("beads", i, (b,), (replace(b, status=status),)))
    if not splices:
        raise OperationError(f"already {status}")
    return Edit(label, tuple(splices), cursor=rows[-1] if rows else None)


def confirm(doc: Document, i: int) -> Edit:
    return set_status(doc, [i], "confirmed", "confirm row")


def unconfirm(doc: Document, i: int) -> Edit:
    return set_status(doc, [i], "proposed", "unconfirm row")


def confirm_through(doc: Document, i: int) -> Edit:
    """Confirm every row from the top down to and including row ``i``."""
    _bead(doc, i)
    return set_status(doc, list(range(i + 1)), "confirmed", "confirm rows above")


# ---------------------------------------------------------------- sentence operations

def _bead_of(doc: Document, side: str, sid: int) -> int:
    for bi, b in enumerate(doc.beads):
        if sid in getattr(b, side):
            return bi
    raise OperationError(f"sentence {sid} is in no row")


def edit_sentence(doc: Document, side: str, sid: int, text: str) -> Edit:
    """Replace a sentence's text (a typo fix); the text as first read stays in ``original``."""
    _check_side(side)
    text = text.strip()
    if not text:
        raise OperationError("a sentence cannot be empty: join or move it instead")
    pos, old = _sentence_at(doc, side, sid)
    if old.text == text:
        raise OperationError("the text is unchanged")
    return Edit("edit sentence", (Splice(side, pos, (old,), (old.with_text(text),)),))


def replace_spans(doc: Document, side: str, sid: int,
                  spans: Sequence[tuple[int, int, str]]) -> Edit:
    """One :func:`edit_sentence` replacing characters ``start:end`` of a sentence by a new
    text, for each ``(start, end, replacement)`` of ``spans`` (offsets into the sentence as it
    reads now; applied right to left so that each stays valid). This is how a spelling fix, a
    term fix or a reviewer's suggestion changes a sentence."""
    text = _sentence_at(doc, side, sid)[1].text
    for start, end, replacement in sorted(spans, key=lambda s: -s[0]):
        if not 0 <= start <= end <= len(text):
            raise OperationError(f"characters {start}-{end} are outside sentence {sid} now")
        text = text[:start] + replacement + text[end:]
    return edit_sentence(doc, side, sid, text)


def replace_span(doc: Document, side: str, sid: int, start: int, end: int, replacement: str,
                 expected: str | None = None) -> Edit:
    """:func:`replace_spans` for one span. With ``expected``, the characters must still read
    so: a finding made before later edits may point at other text now."""
    if expected is not None:
        if _sentence_at(doc, side, sid)[1].text[start:end] != expected:
            raise OperationError(f"'{expected}' is no longer at that place: check again")
    return replace_spans(doc, side, sid, [(start, end, replacement)])


def split_sentence(doc: Document, side: str, sid: int, offset: int, bead_hint: int | None = None) -> Edit:
    """Split a sentence at character ``offset``; both halves get new ids in the same row."""
    pos, old = _sentence_at(doc, side, sid)
    left, right = old.text[:offset].strip(), old.text[offset:].strip()
    if not left or not right:
        raise OperationError("split inside the sentence, with text on both sides of the cursor")
    before = _ids(doc)
    a, b_id = doc.side(side).next_id, doc.side(side).next_id + 1
    after = (before[0] + 2, before[1]) if side == "src" else (before[0], before[1] + 2)
    halves = (Sentence(a, left, old.para), Sentence(b_id, right, old.para))
    bi = bead_hint if bead_hint is not None and sid in getattr(doc.beads[bead_hint], side) \
        else _bead_of(doc, side, sid)
    bead = doc.beads[bi]
    ids = getattr(bead, side)
    k = ids.index(sid)
    new_bead = _unconfirmed(bead, **{side: ids[:k] + (a, b_id) + ids[k + 1:]})
    return Edit("split sentence", (Splice(side, pos, (old,), halves),
                                   Splice("beads", bi, (bead,), (new_bead,))),
                ids_before=before, ids_after=after, cursor=bi)


def join_sentences(doc: Document, side: str, sid: int, bead_hint: int | None = None) -> Edit:
    """Join a sentence with the next one of its row; the joined sentence keeps the first id."""
    _check_side(side)
    s_side = doc.side(side)
    bi = bead_hint if bead_hint is not None and sid in getattr(doc.beads[bead_hint], side) \
        else _bead_of(doc, side, sid)
    bead = doc.beads[bi]
    ids = getattr(bead, side)
    k = ids.index(sid)
    if k + 1 >= len(ids):
        raise OperationError("the next sentence is in another row: move it into this row first")
    pos = s_side.position(sid)
    first, second = s_side.sentences[pos], s_side.sentences[pos + 1]
    joined_text = f"{first.text} {second.text}"
    joined_original = None
    if first.original is not None or second.original is not None:
        joined_original = f"{first.original or first.text} {second.original or second.text}"
    joined = Sentence(first.id, joined_text, first.para, joined_original)
    new_bead = _unconfirmed(bead, **{side: ids[:k + 1] + ids[k + 2:]})
    return Edit("join sentences", (Splice(side, pos, (first, second), (joined,)),
                                   Splice("beads", bi, (bead,), (new_bead,))), cursor=bi)


# ---------------------------------------------------------------- re-alignment

def replace_rows(doc: Document, label: str, stretches: Sequence[tuple[int, int, Sequence[Bead]]]) -> Edit:
    """Replace several row ranges ``[start, end)`` by new beads, as one undoable step.

    Used by re-alignment: each unconfirmed stretch gets the aligner's new beads. Stretches must
    be given in ascending order and must not overlap.
    """
    splices = []
    shift = 0
    last_end = -1
    for start, end, new in stretches:
        if start < last_end:
            raise OperationError("re-aligned stretches overlap")
        last_end = end
        old = tuple(doc.beads[start:end])
        if tuple(new) != old:
            splices.append(Splice("beads", start + shift, old, tuple(new)))
        shift += len(new) - (end - start)
    return Edit(label, tuple(splices))
