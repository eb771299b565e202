"""Editing operations: what each does to the document, and exact undo/redo."""

import copy

import pytest

from workbench.core.document import Bead, Document, check_invariants, make_side
from workbench.core.errors import OperationError
from workbench.core import operations as ops
from workbench.core.operations import History


def doc4() -> Document:
    src = make_side("ru", [(f"r{i}", 0) for i in range(4)])
    tgt = make_side("en", [(f"e{i}", 0) for i in range(5)])
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1, 2), 0.5), Bead((2,), (3,), 0.8),
             Bead((3,), (4,), 0.7, "confirmed")]
    return Document(src, tgt, beads)


def snapshot(doc):
    return (list(doc.beads), list(doc.source.sentences), list(doc.target.sentences),
            doc.source.next_id, doc.target.next_id)


def rows(doc):
    return [(b.src, b.tgt) for b in doc.beads]


def test_move_first_up_and_last_down():
    doc = doc4()
    h = History(doc)
    h.do(ops.move_first_up(doc, 1, "tgt"))
    assert rows(doc)[:2] == [((0,), (0, 1)), ((1,), (2,))]
    assert doc.beads[0].status == "proposed" and doc.beads[0].confidence is None
    h.do(ops.move_last_down(doc, 0, "tgt"))
    assert rows(doc)[:2] == [((0,), (0,)), ((1,), (1, 2))]
    check_invariants(doc)


def test_moving_the_only_sentence_removes_the_emptied_row():
    doc = doc4()
    History(doc).do(ops.move_first_up(doc, 2, "src"))
    assert rows(doc)[1:3] == [((1, 2), (1, 2)), ((), (3,))]
    check_invariants(doc)


def test_merge_split_detach():
    doc = doc4()
    h = History(doc)
    h.do(ops.merge_with_next(doc, 0))
    assert rows(doc)[0] == ((0, 1), (0, 1, 2))
    h.do(ops.split_row(doc, 0, 1, 2))
    assert rows(doc)[:2] == [((0,), (0, 1)), ((1,), (2,))]
    h.do(ops.detach(doc, 1, "tgt"))
    assert rows(doc)[1:3] == [((1,), ()), ((), (2,))]
    check_invariants(doc)
    with pytest.raises(OperationError):
        ops.split_row(doc, 0, 0, 0)
    with pytest.raises(OperationError):
        ops.merge_with_next(doc, len(doc.beads) - 1)


def test_confirm_through_and_unconfirm():
    doc = doc4()
    h = History(doc)
    h.do(ops.confirm_through(doc, 2))
    assert [b.status for b in doc.beads] == ["confirmed"] * 4
    h.do(ops.unconfirm(doc, 1))
    assert doc.beads[1].status == "proposed"
    with pytest.raises(OperationError):
        ops.confirm(doc, 0)  # already confirmed


def test_edit_sentence_keeps_the_original():
    doc = doc4()
    h = History(doc)
    h.do(ops.edit_sentence(doc, "tgt", 2, "fixed"))
    s = doc.target.get(2)
    assert s.text == "fixed" and s.original == "e2" and s.edited
    h.do(ops.edit_sentence(doc, "tgt", 2, "fixed again"))
    assert doc.target.get(2).original == "e2"
    h.do(ops.edit_sentence(doc, "tgt", 2, "e2"))
    assert doc.target.get(2).original is None


def test_split_and_join_sentence_make_new_ids_never_reused():
    doc = doc4()
    h = History(doc)
    h.do(ops.split_sentence(doc, "src", 1, 1))
    assert [s.text for s in doc.source.sentences] == ["r0", "r", "1", "r2", "r3"]
    assert doc.beads[1].src == (4, 5) and doc.source.next_id == 6
    h.do(ops.join_sentences(doc, "src", 4))
    assert doc.beads[1].src == (4,) and doc.source.get(4).text == "r 1"
    with pytest.raises(OperationError):
        ops.join_sentences(doc, "src", 0)  # next sentence is in another row
    check_invariants(doc)


def test_every_operation_undoes_and_redoes_exactly():
    doc = doc4()
    before = snapshot(doc)
    h = History(doc)
    edits = [lambda d: ops.merge_with_next(d, 0), lambda d: ops.split_sentence(d, "tgt", 3, 1),
             lambda d: ops.detach(d, 1, "src"), lambda d: ops.edit_sentence(d, "src", 0, "x"),
             lambda d: ops.confirm_through(d, 1), lambda d: ops.move_last_down(d, 0, "tgt")]
    states = [snapshot(doc)]
    for make in edits:
        h.do(make(doc))
        check_invariants(doc)
        states.append(snapshot(doc))
    assert h.dirty
    for state in reversed(states[:-1]):
        h.undo()
        assert snapshot(doc) == state
    assert snapshot(doc) == before and not h.dirty
    for state in states[1:]:
        h.redo()
        assert snapshot(doc) == state


def test_new_edit_clears_redo_and_save_point():
    doc = doc4()
    h = History(doc)
    h.do(ops.merge_with_next(doc, 0))
    h.mark_saved()
    h.undo()
    assert h.dirty and h.can_redo()
    h.do(ops.confirm(doc, 0))
    assert not h.can_redo() and h.dirty


def test_replace_rows_is_one_undo_step():
    doc = doc4()
    h = History(doc)
    before = copy.deepcopy(rows(doc))
    edit = ops.replace_rows(doc, "re-align", [(0, 2, [Bead((0, 1), (0, 1, 2))]),
                                              (2, 3, [Bead((2,), (3,), 0.99)])])
    h.do(edit)
    assert rows(doc) == [((0, 1), (0, 1, 2)), ((2,), (3,)), ((3,), (4,))]
    h.undo()
    assert rows(doc) == before


def test_feature_sections_are_edited_by_splices_too():
    doc = doc4()
    h = History(doc)
    flag = {"row": 1, "category": "Accuracy/Mistranslation"}
    h.do(ops.Edit("add flag", (ops.Splice("extra:flags", 0, (), (flag,)),)))
    assert doc.extra["flags"] == [flag]
    h.undo()
    assert doc.extra["flags"] == []


def test_insert_an_empty_row_and_move_sentences_into_it(tmp_path):
    from workbench.core import store

    doc = doc4()
    h = History(doc)
    h.do(ops.insert_empty_row(doc, 2))
    assert rows(doc)[2] == ((), ()) and doc.beads[2].kind == "0-0"
    check_invariants(doc, allow_empty=True)
    h.do(ops.move_last_down(doc, 1, "tgt"))  # the 1-2 row gives its last English sentence
    assert rows(doc)[1:3] == [((1,), (1,)), ((), (2,))]
    h.do(ops.insert_empty_row(doc, len(doc.beads)))
    store.save(doc, tmp_path / "d.yaml")  # the trailing empty row is not written
    assert [(b.src, b.tgt) for b in store.load(tmp_path / "d.yaml").beads] == rows(doc)[:-1]
    h.undo(); h.undo(); h.undo()
    assert rows(doc) == rows(doc4())
