"""Properties of the editing operations, and a fuzz test of the YAML loader.

Random sequences of every editing operation (moves, merge, split, detach, confirm, sentence
edit/split/join, re-align with the fake encoder, undo, redo) keep the document's invariants;
confirmed rows survive re-alignment; undoing everything gives back the original exactly; the
journal replays to the same state; save/load is the identity; a three-way merge with an
untouched copy keeps every change. The loader, fed a few hundred
random mutations of a valid document, only ever answers with a document or a FormatError.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.core import operations as ops
from workbench.core import store
from workbench.core.align.realign import realign
from workbench.core.document import Bead, Document, Sentence, Side, check_invariants
from workbench.core.embed import Encoder
from workbench.core.errors import FormatError, OperationError
from workbench.core.journal import decode_edit, encode_edit, replay
from workbench.core.merge import merge
from workbench.core.operations import History

from conftest import BagOfConcepts

WORDS = "river stone house court police meeting group street city winter road law".split()
GOOD = Path(__file__).resolve().parent / "data" / "bad" / "yaml" / "good.yaml"


@st.composite
def documents(draw):
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 7))

    def sentence(i):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5))
        return Sentence(i, " ".join(words) + ".")
    src = Side("ru", [sentence(i) for i in range(n)])
    tgt = Side("en", [sentence(i) for i in range(m)])
    beads, i, j = [], 0, 0
    while i < n or j < m:
        a = draw(st.integers(0 if j < m else 1, min(2, n - i))) if i < n else 0
        b = draw(st.integers(0 if a else 1, min(2, m - j))) if j < m else 0
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)),
                          draw(st.sampled_from([None, 0.25, 0.9])),
                          draw(st.sampled_from(["proposed", "confirmed"]))))
        i, j = i + a, j + b
    doc = Document(src, tgt, beads, model="fake")
    check_invariants(doc)
    return doc


OPS = st.one_of(
    st.tuples(st.just("move_up"), st.integers(0, 20), st.sampled_from(["src", "tgt"])),
    st.tuples(st.just("move_down"), st.integers(0, 20), st.sampled_from(["src", "tgt"])),
    st.tuples(st.just("merge"), st.integers(0, 20)),
    st.tuples(st.just("split_row"), st.integers(0, 20), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("detach"), st.integers(0, 20), st.sampled_from(["src", "tgt"])),
    st.tuples(st.just("confirm"), st.integers(0, 20)),
    st.tuples(st.just("unconfirm"), st.integers(0, 20)),
    st.tuples(st.just("confirm_through"), st.integers(0, 20)),
    st.tuples(st.just("edit"), st.sampled_from(["src", "tgt"]), st.integers(0, 20),
              st.sampled_from(WORDS)),
    st.tuples(st.just("split_sentence"), st.sampled_from(["src", "tgt"]), st.integers(0, 20),
              st.integers(1, 30)),
    st.tuples(st.just("join"), st.sampled_from(["src", "tgt"]), st.integers(0, 20)),
    st.tuples(st.just("realign")),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def build(doc: Document, op: tuple, encoder) -> ops.Edit | None:
    name, *args = op
    n = len(doc.beads)
    row = (lambda k: k % n)
    if name == "move_up":
        return ops.move_first_up(doc, row(args[0]), args[1])
    if name == "move_down":
        return ops.move_last_down(doc, row(args[0]), args[1])
    if name == "merge":
        return ops.merge_with_next(doc, row(args[0]))
    if name == "split_row":
        b = doc.beads[row(args[0])]
        return ops.split_row(doc, row(args[0]), args[1] % (len(b.src) + 1),
                             args[2] % (len(b.tgt) + 1))
    if name == "detach":
        return ops.detach(doc, row(args[0]), args[1])
    if name == "confirm":
        return ops.confirm(doc, row(args[0]))
    if name == "unconfirm":
        return ops.unconfirm(doc, row(args[0]))
    if name == "confirm_through":
        return ops.confirm_through(doc, row(args[0]))
    if name in ("edit", "split_sentence", "join"):
        side = doc.side(args[0])
        sid = side.sentences[args[1] % len(side.sentences)].id
        if name == "edit":
            return ops.edit_sentence(doc, args[0], sid, side.get(sid).text + " " + args[2])
        if name == "split_sentence":
            return ops.split_sentence(doc, args[0], sid, args[2])
        joinable = [ids[k] for b in doc.beads for ids in [getattr(b, args[0])]
                    for k in range(len(ids) - 1)]
        if joinable:
            sid = joinable[args[1] % len(joinable)]
        return ops.join_sentences(doc, args[0], sid)
    if name == "realign":
        return realign(doc, encoder)
    raise AssertionError(name)


def state(doc: Document):
    return (list(doc.beads), list(doc.source.sentences), list(doc.target.sentences),
            doc.source.next_id, doc.target.next_id)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(OPS, min_size=1, max_size=14))
def test_any_sequence_of_edits_keeps_the_invariants_and_undoes_exactly(doc, sequence):
    encoder = Encoder("fake", BagOfConcepts(), "fake", use_disk_cache=False)
    original = state(doc)
    events = []
    history = History(doc, on_change=lambda e, edit: events.append((e, decode_edit(encode_edit(edit)))))
    for op in sequence:
        if op[0] == "undo":
            history.undo()
        elif op[0] == "redo":
            history.redo()
        else:
            confirmed = [b for b in doc.beads if b.confirmed]
            try:
                edit = build(doc, op, encoder)
            except OperationError:
                continue
            history.do(edit)
            if op[0] == "realign":  # confirmed rows survive re-alignment, untouched
                assert [b for b in doc.beads if b.confirmed] == confirmed
        check_invariants(doc)
        assert all(b.src or b.tgt for b in doc.beads)
    # the journal's events, replayed onto the original, give the same document
    copy = Document(Side("ru", list(original[1]), next_id=original[3]),
                    Side("en", list(original[2]), next_id=original[4]), list(original[0]), "fake")
    replay(copy, events)
    assert state(copy) == state(doc)
    # save/load is the identity (confidences are stored to 3 places)
    text = store.dumps(doc)
    back = store.loads(text)
    assert store.dumps(back) == text
    assert [(b.src, b.tgt, b.status) for b in back.beads] == [(b.src, b.tgt, b.status) for b in doc.beads]
    assert back.source.sentences == doc.source.sentences
    assert back.target.sentences == doc.target.sentences
    # merging with an untouched copy of the original keeps every change, on either side
    start = Document(Side("ru", list(original[1]), next_id=original[3]),
                     Side("en", list(original[2]), next_id=original[4]), list(original[0]), "fake")
    rounded = [(b.src, b.tgt, b.status, None if b.confidence is None else round(b.confidence, 3))
               for b in doc.beads]
    for result in (merge(start, doc, start), merge(start, start, doc)):
        assert result.clean
        assert [(b.src, b.tgt, b.status, b.confidence) for b in result.doc.beads] == rounded
        assert result.doc.source.sentences == doc.source.sentences
        assert result.doc.target.sentences == doc.target.sentences
    # undoing the whole sequence gives the original back, exactly
    while history.undo() is not None:
        pass
    assert state(doc) == original


# ---------------------------------------------------------------- fuzzing the loader

TOKENS = ["[", "]", "{", "}", ":", ",", "-", "'", '"', "\t", " ", "\n", "null", "~", "&a", "*a",
          "!!python/object/apply:os.system ['true']", "1e999", ".nan", "-1", "0.5", "true", "yes",
          "2026-01-05", "? ", "| ", "> ", "#", "%YAML 1.1", "---", "...", "\u00a0", "\ufeff",
          "src", "tgt", "id", "beads", "flags", "99", "[[[[[[", "{a: {b: {c:"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(8)
        i = rng.randrange(len(lines))
        if kind == 0 and len(lines) > 1:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif kind == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 3 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + bytes([rng.randrange(256)]) + lines[i][k + 1:]
        elif kind == 4:
            k = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:k] + rng.choice(TOKENS).encode() + lines[i][k:]
        elif kind == 5:
            cut = b"\n".join(lines)
            return cut[: rng.randrange(len(cut) + 1)]
        elif kind == 6:
            digits = [k for k, c in enumerate(lines[i]) if 48 <= c <= 57]
            if digits:
                k = rng.choice(digits)
                lines[i] = lines[i][:k] + bytes([48 + rng.randrange(10)]) + lines[i][k + 1:]
        else:
            k = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:k] + lines[i][k + rng.randrange(1, 6):]
    return b"\n".join(lines)


def test_fuzzed_documents_load_or_fail_cleanly(tmp_path):
    good = GOOD.read_bytes()
    rng = random.Random(20260105)
    outcomes = {"loaded": 0, "FormatError": 0}
    for k in range(400):
        data = mutate(good, rng)
        try:
            doc = store.loads_bytes(data, f"fuzz{k}.yaml", tmp_path)
        except FormatError as exc:
            assert str(exc).startswith(f"fuzz{k}.yaml"), exc
            outcomes["FormatError"] += 1
            continue
        check_invariants(doc)
        assert store.loads(store.dumps(doc, tmp_path), base=tmp_path).beads == doc.beads
        outcomes["loaded"] += 1
    assert outcomes["FormatError"] > 100 and outcomes["loaded"] > 10, outcomes


def _apply_sequence(doc: Document, sequence, encoder) -> None:
    history = History(doc)
    for op in sequence:
        if op[0] == "undo":
            history.undo()
        elif op[0] == "redo":
            history.redo()
        else:
            try:
                history.do(build(doc, op, encoder))
            except OperationError:
                pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(OPS, max_size=8), st.lists(OPS, max_size=8))
def test_merging_two_peoples_edits_always_gives_a_valid_document(base, mine_ops, theirs_ops):
    from workbench.core.document import copy_document

    encoder = Encoder("fake", BagOfConcepts(), "fake", use_disk_cache=False)
    mine, theirs = copy_document(base), copy_document(base)
    _apply_sequence(mine, mine_ops, encoder)
    _apply_sequence(theirs, theirs_ops, encoder)
    for prefer in ("mine", "theirs"):
        result = merge(base, mine, theirs, prefer=prefer)
        check_invariants(result.doc)
        ids = [s.id for s in result.doc.source.sentences]
        assert len(ids) == len(set(ids)) and result.doc.source.next_id > max(ids, default=-1)
        # every choice settles each conflict the other way without breaking the document
        flipped = {c.key: ("theirs" if c.choice == "mine" else "mine") for c in result.conflicts}
        check_invariants(merge(base, mine, theirs, prefer=prefer, choices=flipped).doc)
    if not merge(base, mine, theirs).conflicts:  # a clean merge keeps both texts' edits
        texts = {s.text for s in merge(base, mine, theirs).doc.target.sentences}
        for side_doc in (mine, theirs):
            for s in side_doc.target.sentences:
                if s not in base.target.sentences and s.id in {x.id for x in base.target.sentences}:
                    assert s.text in texts
