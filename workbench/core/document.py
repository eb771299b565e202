"""The document model: sentences of two sides and the beads that align them.

A *bead* is one row of the alignment: some source sentences and the target sentences that
translate them (1-1, 2-1, 0-1 ...). Beads refer to sentences by id, never by position, and a
sentence keeps its id forever: splitting a sentence makes new ids, joining keeps the first,
and ids are never reused (each side remembers ``next_id``).

Invariants (checked by :func:`check_invariants`, relied on everywhere else):
- reading the beads in order lists every sentence of each side exactly once, in text order;
- no bead is empty on both sides, except the empty row a translator inserts while editing (to
  move sentences into it); saving leaves such rows out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Literal

Status = Literal["proposed", "confirmed"]
STATUSES: tuple[str, ...] = ("proposed", "confirmed")


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of sentence ``sid`` on ``side`` ("src" or "tgt"): a flagged
    stretch, a matched term."""

    side: str
    sid: int
    start: int
    end: int

    def record(self) -> dict:
        return {"side": self.side, "id": self.sid, "start": self.start, "end": self.end}

    @classmethod
    def from_record(cls, rec: dict) -> "Span":
        return cls(rec["side"], rec["id"], rec["start"], rec["end"])


@dataclass(frozen=True)
class Sentence:
    """One sentence of one side. ``original`` keeps the text as first read once it is edited."""

    id: int
    text: str
    para: int = 0
    original: str | None = None

    @property
    def edited(self) -> bool:
        return self.original is not None and self.original != self.text

    def with_text(self, text: str) -> "Sentence":
        """The same sentence with corrected text; the first original is kept."""
        original = self.original if self.original is not None else self.text
        return replace(self, text=text, original=None if text == original else original)


@dataclass(frozen=True)
class Bead:
    """One alignment row: source ids, target ids, the aligner's confidence, and its status."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float | None = None
    status: str = "proposed"

    @property
    def kind(self) -> str:
        """The bead type as translators say it: "1-1", "2-1", "0-1" ..."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


@dataclass
class Side:
    """One language side: its sentences in text order, where they came from, and the id counter."""

    lang: str
    sentences: list[Sentence]
    path: str | None = None
    sha256: str | None = None
    next_id: int = 0

    def __post_init__(self) -> None:
        if self.sentences:
            self.next_id = max(self.next_id, max(s.id for s in self.sentences) + 1)
        self._index: dict[int, int] | None = None

    def invalidate(self) -> None:
        """Forget the id -> position index (after the sentence list changed)."""
        self._index = None

    def position(self, sid: int) -> int:
        """The position of sentence ``sid`` in text order."""
        if self._index is None:
            self._index = {s.id: i for i, s in enumerate(self.sentences)}
        return self._index[sid]

    def get(self, sid: int) -> Sentence:
        return self.sentences[self.position(sid)]

    def texts(self, ids: Iterable[int]) -> list[str]:
        return [self.get(i).text for i in ids]

    def new_ids(self, n: int) -> list[int]:
        """Reserve ``n`` fresh ids (never used before on this side)."""
        ids = list(range(self.next_id, self.next_id + n))
        self.next_id += n
        return ids


@dataclass
class Document:
    """An aligned pair. ``extra`` keeps sections later features own (glossary, flags ...)."""

    source: Side
    target: Side
    beads: list[Bead]
    model: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def side(self, name: str) -> Side:
        if name == "src":
            return self.source
        if name == "tgt":
            return self.target
        raise ValueError(f"unknown side {name!r}")

    def bead_texts(self, i: int) -> tuple[list[str], list[str]]:
        b = self.beads[i]
        return self.source.texts(b.src), self.target.texts(b.tgt)

    @property
    def confirmed_count(self) -> int:
        return sum(b.confirmed for b in self.beads)


class InvariantError(ValueError):
    """The document breaks one of the model's invariants; ``bead`` is the offending row (or None)."""

    def __init__(self, message: str, bead: int | None = None, side: str | None = None,
                 sentence: int | None = None):
        super().__init__(message)
        self.bead = bead
        self.side = side
        self.sentence = sentence  # position in the side's sentence list, when one is to blame


def check_invariants(doc: Document, allow_empty: bool = False) -> None:
    """Raise :class:`InvariantError` naming the first bead that breaks an invariant."""
    for name, side in (("source", doc.source), ("target", doc.target)):
        seen: set[int] = set()
        for k, s in enumerate(side.sentences):
            if s.id in seen:
                raise InvariantError(f"{name} sentence id {s.id} is used twice", side=name,
                                     sentence=k)
            if s.id < 0:
                raise InvariantError(f"{name} sentence id {s.id} is negative", side=name,
                                     sentence=k)
            seen.add(s.id)
        if side.sentences and side.next_id <= max(seen):
            side.next_id = max(seen) + 1
    for attr, name, side in (("src", "source", doc.source), ("tgt", "target", doc.target)):
        expected = [s.id for s in side.sentences]
        pos = 0
        for bi, bead in enumerate(doc.beads):
            for sid in getattr(bead, attr):
                if pos >= len(expected) or expected[pos] != sid:
                    known = sid in set(expected)
                    if not known:
                        msg = f"row {bi + 1} names {name} sentence {sid}, which does not exist"
                    elif sid in set(expected[:pos]):
                        msg = f"row {bi + 1} names {name} sentence {sid}, already used by an earlier row"
                    else:
                        msg = (f"row {bi + 1} names {name} sentence {sid} out of order "
                               f"(expected {expected[pos]})")
                    raise InvariantError(msg, bead=bi, side=name)
                pos += 1
        if pos != len(expected):
            raise InvariantError(f"{name} sentence {expected[pos]} is in no row", side=name,
                                 sentence=pos)
    for bi, bead in enumerate(doc.beads):
        if not bead.src and not bead.tgt and not allow_empty:
            raise InvariantError(f"row {bi + 1} is empty on both sides", bead=bi)
        if bead.status not in STATUSES:
            raise InvariantError(f"row {bi + 1} has unknown status {bead.status!r}", bead=bi)
        if bead.confidence is not None and not 0.0 <= bead.confidence <= 1.0:
            raise InvariantError(f"row {bi + 1} has confidence {bead.confidence} outside [0, 1]",
                                 bead=bi)


def make_side(lang: str, segments: Iterable[tuple[str, int]], path: str | None = None,
              sha256: str | None = None) -> Side:
    """A fresh side whose sentences get ids 0..n-1 in text order."""
    sentences = [Sentence(i, text, para) for i, (text, para) in enumerate(segments)]
    return Side(lang=lang, sentences=sentences, path=path, sha256=sha256, next_id=len(sentences))


def copy_document(doc: Document) -> Document:
    """A copy later edits cannot change: the lists are copied, the sentences, beads and
    section records (never mutated in place: edits replace them) are shared. Cheap enough
    to take before every save of a 10,000-row document."""
    def side(s: Side) -> Side:
        return Side(lang=s.lang, sentences=list(s.sentences), path=s.path, sha256=s.sha256,
                    next_id=s.next_id)
    extra = {k: list(v) if isinstance(v, list) else v for k, v in doc.extra.items()}
    return Document(side(doc.source), side(doc.target), list(doc.beads), model=doc.model,
                    extra=extra)
