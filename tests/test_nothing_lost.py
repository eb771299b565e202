"""Nothing lost: atomic saves with a backup, the journal of unsaved edits and recovery after a
real ``kill -9``, a full or read-only disk, and someone else saving the same document."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.core import operations as ops
from workbench.core import review, store
from workbench.core.document import copy_document
from workbench.core.journal import Journal, journal_path, read_journal, replay
from workbench.core.operations import History
from workbench.tui.app import WorkbenchApp
from workbench.tui.files.conflicts import ConflictScreen
from workbench.tui.common.dialogs import ChoiceDialog, PromptDialog

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"


@pytest.fixture
def doc_path(tmp_path) -> Path:
    """The gold document saved into tmp_path (source paths rewritten to point at texts/)."""
    path = tmp_path / "bakai.yaml"
    store.save(store.load(BAKAI), path)
    Path(str(path) + "~").unlink(missing_ok=True)
    return path


def state(doc):
    return (list(doc.beads), list(doc.source.sentences), list(doc.target.sentences),
            doc.source.next_id, doc.target.next_id, doc.extra.get("flags"))


def drive(app, script, size=(120, 36)):
    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)
    asyncio.run(main())


async def settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def notes(app):
    return [n.message for n in app._notifications]


def open_app(path, **kw):
    kw.setdefault("autosave_seconds", None)
    kw.setdefault("spellcheck", False)
    kw.setdefault("preload_model", False)
    return WorkbenchApp.open_file(path, **kw)


# ---------------------------------------------------------------- atomic saves

def test_a_failed_write_leaves_the_file_and_no_temp(doc_path, monkeypatch):
    before = doc_path.read_bytes()
    doc = store.load(doc_path)
    doc.model = "changed"

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as info:
        store.save(doc, doc_path)
    assert info.value.errno == errno.ENOSPC
    assert doc_path.read_bytes() == before
    assert not list(doc_path.parent.glob(".*.tmp")) and not Path(str(doc_path) + "~").exists()


def test_each_save_keeps_the_previous_version(doc_path):
    first = doc_path.read_bytes()
    doc = store.load(doc_path)
    ops.apply_edit(doc, ops.merge_with_next(doc, 0))
    sha = store.save(doc, doc_path)
    assert Path(str(doc_path) + "~").read_bytes() == first
    assert sha == store.file_sha256(doc_path)
    second = doc_path.read_bytes()
    ops.apply_edit(doc, ops.merge_with_next(doc, 0))
    store.save(doc, doc_path)
    assert Path(str(doc_path) + "~").read_bytes() == second


# ---------------------------------------------------------------- the journal

def test_journal_replays_every_edit_and_undo(doc_path):
    doc, sha = store.load_with_hash(doc_path)
    journal = Journal(doc_path, sha)
    history = History(doc, on_change=journal)
    history.do(ops.merge_with_next(doc, 3))
    history.do(ops.edit_sentence(doc, "tgt", doc.beads[10].tgt[0], "Fixed."))
    history.do(review.add_flag(doc, 5, "Other", "minor", comment="x"))
    history.undo()
    history.do(ops.split_sentence(doc, "src", doc.beads[20].src[0], 10))
    history.undo()
    history.redo()
    journal.close()
    pending = read_journal(doc_path)
    assert pending is not None and not pending.stale and len(pending.events) == 7
    fresh = store.load(doc_path)
    recovered = replay(fresh, pending.events)
    assert state(fresh) == state(doc)
    recovered.undo()
    recovered.undo()
    assert recovered.undo() is not None  # the merge, undoable after recovery


def test_a_save_truncates_the_journal_and_keeps_later_edits(doc_path):
    doc, sha = store.load_with_hash(doc_path)
    journal = Journal(doc_path, sha)
    history = History(doc, on_change=journal)
    history.do(ops.merge_with_next(doc, 3))
    mark, snap = journal.count, copy_document(doc)
    history.do(ops.unconfirm(doc, 10))  # made while the snapshot is being written
    journal.rebase(store.save(snap, doc_path), keep_from=mark)
    pending = read_journal(doc_path)
    assert len(pending.events) == 1 and not pending.stale
    fresh = store.load(doc_path)
    replay(fresh, pending.events)
    assert state(fresh) == state(doc)
    # after a save with nothing pending the journal is gone; undo past the save is journaled
    journal.rebase(store.save(doc, doc_path))
    assert not journal_path(doc_path).exists()
    history.undo()
    history.undo()  # past the saved state: the merge made before the first save
    fresh = store.load(doc_path)
    replay(fresh, read_journal(doc_path).events)
    assert state(fresh) == state(doc)


def test_a_journal_another_live_session_writes_is_neither_offered_nor_clobbered(doc_path):
    """Two workbench UIs on one document (two browser tabs of workbench serve): the first
    keeps the journal; the second is told it has none, never empties, recovers or removes it."""
    import fcntl

    other = journal_path(doc_path)
    other.write_text('{"journal": 1, "base_sha256": "x"}\n{"e": "do"}\n', encoding="utf-8")
    held = os.open(other, os.O_RDONLY)  # the other process's lock
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        assert read_journal(doc_path) is None  # work in progress, not left behind
        doc, sha = store.load_with_hash(doc_path)
        errors = []
        journal = Journal(doc_path, sha, on_error=errors.append)
        history = History(doc, on_change=journal)
        history.do(ops.merge_with_next(doc, 3))
        assert errors and errors[0].errno == errno.EBUSY
        journal.rebase(store.save(doc, doc_path))
        journal.discard()
        assert other.read_text(encoding="utf-8").startswith('{"journal": 1, "base_sha256": "x"}')
    finally:
        os.close(held)
    from workbench.core.journal import in_use

    assert not in_use(other)  # its session gone (a crash): offered on the next open again


def test_a_torn_last_line_is_ignored_and_a_changed_file_is_stale(doc_path):
    doc, sha = store.load_with_hash(doc_path)
    journal = Journal(doc_path, sha)
    history = History(doc, on_change=journal)
    history.do(ops.merge_with_next(doc, 0))
    expected = state(doc)
    history.do(ops.merge_with_next(doc, 0))
    journal.close()
    jp = journal_path(doc_path)
    jp.write_bytes(jp.read_bytes()[:-25])  # the crash came in the middle of the last write
    pending = read_journal(doc_path)
    assert pending.torn and len(pending.events) == 1
    fresh = store.load(doc_path)
    replay(fresh, pending.events)
    assert state(fresh) == expected
    other = store.load(doc_path)
    other.model = "someone else's"
    store.save(other, doc_path)
    assert read_journal(doc_path).stale


def test_journal_overhead_per_edit_is_small(doc_path):
    doc, sha = store.load_with_hash(doc_path)
    journal = Journal(doc_path, sha)
    history = History(doc, on_change=journal)
    t = time.perf_counter()
    for _ in range(40):
        history.do(ops.unconfirm(doc, 5))
        history.do(ops.confirm(doc, 5))
    per_edit = (time.perf_counter() - t) / 80
    assert per_edit < 0.02, per_edit  # ~0.1-2 ms here, most of it the fsync
    assert len(read_journal(doc_path).events) == 80


# ---------------------------------------------------------------- recovery in the UI

KEYS = ["m", "j", "x", "j", "j", "m", "u", "j", "m", "e", *" fixed", "enter"]


def test_reopening_after_an_unsaved_exit_recovers_every_edit(doc_path):
    app = open_app(doc_path)

    async def work(pilot):
        await pilot.press(*KEYS)
        await settle(pilot)
        app.exit()  # no save, no quit guard: as if the process died
    drive(app, work)
    edited = state(app.doc)
    assert state(store.load(doc_path)) != edited
    again = open_app(doc_path)

    async def recover(pilot):
        assert isinstance(again.screen, ChoiceDialog)
        await pilot.press("r")
        await settle(pilot)
        assert state(again.doc) == edited and again.dirty
        await pilot.press("u")  # the recovered edits are on the undo stack
        assert state(again.doc) != edited
        await pilot.press("U", "ctrl+s")
        await settle(pilot)
    drive(again, recover)
    assert state(store.load(doc_path)) == edited
    assert not journal_path(doc_path).exists()


def test_discarding_the_journal(doc_path):
    app = open_app(doc_path)

    async def work(pilot):
        await pilot.press("m")
        await settle(pilot)
        app.exit()
    drive(app, work)
    again = open_app(doc_path)

    async def discard(pilot):
        await pilot.press("d")
        assert len(again.doc.beads) == 69 and not again.dirty
    drive(again, discard)
    assert not journal_path(doc_path).exists()


def _workbench_pid(pane_pid: int) -> int | None:
    """The workbench process: the pane's process or one of its descendants."""
    todo = [pane_pid]
    while todo:
        pid = todo.pop()
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"workbench" in cmd and b"open" in cmd and b"tmux" not in cmd:
            return pid
        try:
            kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            kids = []
        todo.extend(int(k) for k in kids)
    return None


@pytest.mark.skipif(shutil.which("tmux") is None or not sys.platform.startswith("linux"),
                    reason="needs tmux on Linux")
def test_kill_9_of_the_running_workbench_loses_nothing(doc_path, tmp_path):
    """The real program in a terminal (tmux), keys sent, then SIGKILL: every edit comes back."""
    exe = Path(sys.executable).parent / "workbench"
    session = f"wb{os.getpid()}"
    env = dict(os.environ, TERM="xterm-256color", WORKBENCH_CACHE=str(tmp_path / "cache"))
    tmux = ["tmux", "-L", session, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
                    f"{exe} open {doc_path}"], check=True, env=env)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:  # the UI is up when the status line shows
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", session],
                                    capture_output=True, text=True).stdout
            if "Row 1/69" in screen:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"the workbench did not start:\n{screen}")
        for key in KEYS:
            subprocess.run([*tmux, "send-keys", "-t", session,
                            {"enter": "Enter", " ": "Space"}.get(key, key)], check=True)
            time.sleep(0.05)
        jp = journal_path(doc_path)
        events = 6  # m, x, m, undo, m, edit
        while time.time() < deadline:
            if jp.exists() and len(jp.read_text(encoding="utf-8").splitlines()) >= 1 + events:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the journal did not get every edit")
        pane = int(subprocess.run([*tmux, "list-panes", "-t", session, "-F", "#{pane_pid}"],
                                  capture_output=True, text=True).stdout.split()[0])
        pid = _workbench_pid(pane)
        assert pid is not None
        os.kill(pid, 9)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert store.load(doc_path).beads == store.load(BAKAI).beads  # the file was never saved
    # the same keys in a headless app give the expected state
    twin_path = tmp_path / "twin" / "bakai.yaml"
    twin_path.parent.mkdir()
    store.save(store.load(doc_path), twin_path)
    twin = open_app(twin_path)

    async def same_keys(pilot):
        await pilot.press(*KEYS)
        await settle(pilot)
    drive(twin, same_keys)
    again = open_app(doc_path)

    async def recover(pilot):
        assert isinstance(again.screen, ChoiceDialog)
        await pilot.press("r")
        await settle(pilot)
    drive(again, recover)
    assert state(again.doc) == state(twin.doc)


# ---------------------------------------------------------------- disk trouble

def _read_only(folder: Path) -> bool:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    return subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0


def _writable(folder: Path) -> None:
    if os.geteuid() != 0:
        folder.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


def test_read_only_folder_keeps_the_edits_and_saves_elsewhere(doc_path, tmp_path):
    app = open_app(doc_path)
    elsewhere = tmp_path / "elsewhere" / "copy.yaml"
    elsewhere.parent.mkdir()
    if not _read_only(doc_path.parent):
        pytest.skip("cannot make a read-only folder here")
    try:
        async def script(pilot):
            await pilot.press("m", "ctrl+s")
            await settle(pilot)
            assert any("Could not save" in n and "no permission" in n for n in notes(app))
            assert isinstance(app.screen, ChoiceDialog) and app.dirty
            assert len(app.doc.beads) == 68
            await pilot.press("a")  # save elsewhere
            assert isinstance(app.screen, PromptDialog)
            prompt = app.screen.query_one("Input")
            prompt.value = str(elsewhere)
            await pilot.press("enter")
            await settle(pilot)
            assert app.path == elsewhere and not app.dirty
        drive(app, script)
    finally:
        _writable(doc_path.parent)
    saved = store.load(elsewhere)
    assert len(saved.beads) == 68
    assert Path(saved.source.path).resolve() == Path(store.load(doc_path).source.path).resolve()


def test_disk_full_is_said_plainly(doc_path, monkeypatch):
    app = open_app(doc_path)

    async def script(pilot):
        await pilot.press("m")
        await settle(pilot)
        real = os.fsync

        def full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(os, "fsync", full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        monkeypatch.setattr(os, "fsync", real)
        assert any("the disk is full" in n for n in notes(app))
        assert app.dirty and len(app.doc.beads) == 68
        await pilot.press("r")  # retry, now that there is room
        await settle(pilot)
        assert not app.dirty
    drive(app, script)
    assert len(store.load(doc_path).beads) == 68


# ---------------------------------------------------------------- two people, one document

def _someone_else(path: Path, change) -> None:
    other = store.load(path)
    ops.apply_edit(other, change(other))
    store.save(other, path)


def test_save_merges_what_someone_else_saved_meanwhile(doc_path):
    app = open_app(doc_path)

    async def script(pilot):
        await pilot.press("m")  # rows 1-2 merged
        _someone_else(doc_path, lambda d: review.add_flag(d, 40, "Other", "major", comment="r"))
        _someone_else(doc_path, lambda d: ops.unconfirm(d, 51))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("changed by someone else: merged" in n for n in notes(app))
        assert not app.dirty
    drive(app, script)
    saved = store.load(doc_path)
    assert len(saved.beads) == 68 and not saved.beads[50].confirmed
    assert [f.comment for f in review.flags(saved)] == ["r"]
    assert state(saved)[:5] == state(app.doc)[:5]


def test_a_command_line_edit_leaves_the_journal_of_unsaved_ui_edits_alone(doc_path):
    from click.testing import CliRunner

    from workbench.launcher import main

    doc, sha = store.load_with_hash(doc_path)
    journal = Journal(doc_path, sha)
    History(doc, on_change=journal).do(ops.merge_with_next(doc, 0))  # a UI's unsaved edit
    before = journal_path(doc_path).read_bytes()
    res = CliRunner().invoke(main, ["flag", "add", str(doc_path), "40", "-c", "Other",
                                    "-s", "major", "-m", "from the command line"])
    assert res.exit_code == 0, res.output
    journal.close()
    assert journal_path(doc_path).read_bytes() == before
    pending = read_journal(doc_path)  # still there to recover, merged with the new file
    assert pending.stale and [e for e, _ in pending.events] == ["do"]
    assert [f.comment for f in review.flags(store.load(doc_path))] == ["from the command line"]


def test_a_command_merges_what_someone_else_saved_while_it_ran(doc_path, monkeypatch):
    from click.testing import CliRunner

    from workbench.launcher import main
    from workbench.core.session import Session

    opened = Session.open

    def open_then_someone_saves(cls, path, **kw):
        session = opened(path, **kw)
        _someone_else(doc_path, lambda d: ops.unconfirm(d, 51))
        return session

    monkeypatch.setattr(Session, "open", classmethod(open_then_someone_saves))
    res = CliRunner().invoke(main, ["flag", "add", str(doc_path), "40", "-c", "Other",
                                    "-s", "major"])
    assert res.exit_code == 0, res.output
    assert "changed on disk meanwhile: merged 1 change(s) from it" in res.stderr
    saved = store.load(doc_path)
    assert not saved.beads[51].confirmed and len(review.flags(saved)) == 1


def test_conflicts_are_shown_and_settled_by_choice(doc_path):
    app = open_app(doc_path)
    sid = store.load(doc_path).beads[7].tgt[0]

    async def script(pilot):
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "l", "e", *" mine", "enter")
        _someone_else(doc_path, lambda d: ops.edit_sentence(d, "tgt", sid, "Their text."))
        _someone_else(doc_path, lambda d: ops.unconfirm(d, 30))
        theirs_bytes = doc_path.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert len(app.screen.conflicts) == 1 and app.screen.conflicts[0].theirs == ["Their text."]
        await pilot.press("escape")  # not now: nothing written, edits kept
        assert doc_path.read_bytes() == theirs_bytes and app.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("t", "enter")
        await settle(pilot)
        assert not app.dirty
    drive(app, script)
    saved = store.load(doc_path)
    assert saved.target.get(sid).text == "Their text." and not saved.beads[30].confirmed


def test_a_journal_of_an_older_version_is_merged_with_the_new_file(doc_path):
    app = open_app(doc_path)

    async def work(pilot):
        await pilot.press("m")  # rows 1-2 merged, never saved
        await settle(pilot)
        app.exit()
    drive(app, work)
    _someone_else(doc_path, lambda d: ops.unconfirm(d, 51))  # the backup ~ is our base now
    assert read_journal(doc_path).stale
    again = open_app(doc_path)

    async def recover(pilot):
        assert isinstance(again.screen, ChoiceDialog)
        assert "changed since they were made" in str(again.screen.body)
        await pilot.press("r")
        await settle(pilot)
        assert len(again.doc.beads) == 68 and not again.doc.beads[50].confirmed
        await pilot.press("ctrl+s")
        await settle(pilot)
    drive(again, recover)
    saved = store.load(doc_path)
    assert len(saved.beads) == 68 and not saved.beads[50].confirmed
