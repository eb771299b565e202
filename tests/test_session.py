"""The open document (core.session): one save path for the CLI and the TUI."""

from __future__ import annotations

import pytest

from workbench.core import operations as ops
from workbench.core import store
from workbench.core.document import Bead, Document, copy_document, make_side
from workbench.core.journal import journal_path, read_journal
from workbench.core.merge import MergeConflictError
from workbench.core.session import DiskChanged, Session, Written


def _doc() -> Document:
    src = make_side("ru", [("Первое.", 0), ("Второе.", 0), ("Третье.", 1)])
    tgt = make_side("en", [("First.", 0), ("Second.", 0), ("Third.", 1)])
    beads = [Bead((i,), (i,)) for i in range(3)]
    return Document(src, tgt, beads)


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "doc.yaml"
    store.save(_doc(), path)
    return path


def test_save_in_place_marks_saved_and_restarts_the_journal(saved):
    session = Session.open(saved)
    session.do(ops.confirm(session.doc, 0))
    assert session.dirty and journal_path(saved).exists()
    assert session.save() is None
    assert not session.dirty
    assert not journal_path(saved).exists()
    assert store.load(saved).beads[0].status == "confirmed"
    assert session.base_sha == store.file_sha256(saved)


def test_someone_elses_save_is_merged_not_overwritten(saved):
    session = Session.open(saved)
    other = store.load(saved)
    ops.apply_edit(other, ops.confirm(other, 2))
    store.save(other, saved)  # another person saves while our session is open
    session.do(ops.confirm(session.doc, 0))
    result = session.save()
    assert result is not None and result.theirs_changes >= 1
    on_disk = store.load(saved)
    assert [b.status for b in on_disk.beads][0] == "confirmed"
    assert [b.status for b in on_disk.beads][2] == "confirmed"
    assert session.doc.beads[2].status == "confirmed"  # the merge is the document now


def test_a_conflict_writes_nothing_unless_a_side_is_preferred(saved):
    session = Session.open(saved)
    other = store.load(saved)
    sid = other.target.sentences[1].id
    ops.apply_edit(other, ops.edit_sentence(other, "tgt", sid, "Second one."))
    store.save(other, saved)
    before = saved.read_bytes()
    session.do(ops.edit_sentence(session.doc, "tgt", sid, "The second."))
    with pytest.raises(MergeConflictError):
        session.save()
    assert saved.read_bytes() == before
    session.save(prefer="mine")
    assert store.load(saved).target.sentences[1].text == "The second."


def test_the_threaded_save_is_the_same_save_in_three_steps(saved, tmp_path):
    session = Session.open(saved)
    session.do(ops.confirm(session.doc, 0))
    job = session.prepare_save()
    session.do(ops.confirm(session.doc, 1))  # edited while the save runs
    outcome = job.run()
    assert isinstance(outcome, Written)
    assert session.finish_save(job, outcome.sha) is False  # the later edit is not saved yet
    assert session.dirty
    pending = read_journal(saved)
    assert pending is not None and len(pending.events) == 1 and not pending.stale

    other = store.load(saved)
    ops.apply_edit(other, ops.confirm(other, 2))
    store.save(other, saved)
    job = session.prepare_save()
    outcome = job.run()
    assert isinstance(outcome, DiskChanged) and outcome.result.clean
    session.adopt_merge(outcome.result, outcome.theirs, outcome.theirs_sha)
    assert session.doc.beads[2].status == "confirmed"
    session.history.undo()  # the merge is one undoable step
    assert session.doc.beads[2].status != "confirmed"
    session.history.redo()
    job = session.prepare_save()
    outcome = job.run()
    assert isinstance(outcome, Written) and session.finish_save(job, outcome.sha)
    assert [b.status for b in store.load(saved).beads] == ["confirmed"] * 3


def test_save_as_moves_the_document_and_its_journal(saved, tmp_path):
    session = Session.open(saved)
    session.do(ops.confirm(session.doc, 0))
    other = tmp_path / "copy.yaml"
    job = session.prepare_save(other)
    assert job.base_sha is None  # a new file: nothing to compare with
    outcome = job.run()
    assert session.finish_save(job, outcome.sha)
    assert session.path == other and not journal_path(saved).exists()
    session.do(ops.confirm(session.doc, 1))
    assert journal_path(other).exists()


def test_recovering_a_journal_replays_onto_the_file(saved):
    crashed = Session.open(saved)
    crashed.do(ops.confirm(crashed.doc, 0))
    crashed.do(ops.merge_with_next(crashed.doc, 1))
    expected = copy_document(crashed.doc)
    crashed.journal.close()  # the process dies here: the journal stays

    session = Session.open(saved)
    pending = read_journal(saved)
    session.recover(pending)
    assert session.doc.beads == expected.beads and session.dirty
    session.history.undo()
    assert len(session.doc.beads) == 3



def test_a_session_without_journal_leaves_the_journal_file_alone(saved):
    ui = Session.open(saved)
    ui.do(ops.confirm(ui.doc, 0))  # a UI's unsaved edit, journaled
    journal = journal_path(saved).read_bytes()
    command = Session.open(saved, journal=False)
    command.do(ops.confirm(command.doc, 2))
    assert command.dirty
    command.save()
    assert journal_path(saved).read_bytes() == journal
    assert store.load(saved).beads[2].status == "confirmed"


def test_a_file_replaced_by_another_document_is_not_merged(saved, tmp_path):
    from workbench.core.errors import WorkbenchError

    session = Session.open(saved)
    session.do(ops.confirm(session.doc, 0))
    other = Document(make_side("ru", [("Совсем другой текст.", 0)]),
                     make_side("en", [("Another text entirely.", 0)]), [Bead((0,), (0,))])
    store.save(other, saved)
    before = saved.read_bytes()
    with pytest.raises(WorkbenchError, match="replaced meanwhile by another document"):
        session.save()
    assert saved.read_bytes() == before and session.dirty
