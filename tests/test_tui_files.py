"""The workbench UI and files: save and reopen, the quit guard, autosave and recovery, a new
alignment, and ``workbench open``. Every test works on a copy of ``alignments/bakai.yaml``
(the ``bakai`` fixture) or in ``tmp_path``: files are safe.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from workbench.core import store
from workbench.core.document import Bead, Document, check_invariants
from workbench.tui.files import autosave
from workbench.tui.app import WorkbenchApp

from tui_helpers import drive_now as drive  # straight after the first paint, at 100x30
from tui_helpers import make_app, notes, settle, state
from workbench.tui.common.dialogs import ChoiceDialog

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"


@pytest.fixture
def bakai(tmp_path) -> Path:
    path = tmp_path / "bakai.yaml"
    shutil.copy(BAKAI, path)
    return path


# ---------------------------------------------------------------- files

def test_save_and_reopen_are_equal(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("j", "j", "j", "l", "right_square_bracket", "x", "e", *" !", "enter")
        assert app.dirty and app.sub_title.startswith("●")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.dirty and app.sub_title == "saved"
    drive(app, script)
    again = store.load(bakai)
    assert state(again) == state(app.doc)
    assert Path(str(bakai) + "~").exists()  # the previous version is kept


def test_a_failed_save_or_autosave_is_a_note_not_a_crash(tmp_path):
    path = tmp_path / "doc.yaml"
    path.mkdir()  # a folder where the file should be: saving must fail
    autosave.autosave_path(path).mkdir()
    app = make_app(path=path, autosave_edits=1)

    async def script(pilot):
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and app.dirty and not app.saving
        assert any(n.startswith("Autosave failed") for n in notes(app))
        assert any(n.startswith("Could not save") for n in notes(app))
    drive(app, script)


def test_quit_guard(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("m", "q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        assert not isinstance(app.screen, ChoiceDialog) and app.is_running
        await pilot.press("q", "c")  # cancel by key
        assert app.is_running
        await pilot.press("q", "d")  # quit without saving
        await pilot.pause()
    drive(app, script)
    assert app.return_code == 0
    assert store.load(bakai).beads == store.load(BAKAI).beads


def test_quit_saving(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("m", "ctrl+q", "s")
        await settle(pilot)
    drive(app, script)
    assert state(store.load(bakai)) == state(app.doc)
    assert len(store.load(bakai).beads) == 68


def test_quit_clean_document_does_not_ask(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("j", "q")
        await pilot.pause()
        assert not app.is_running
    drive(app, script)


def test_autosave_after_edits_and_removed_by_save(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, autosave_edits=2,
                                 check_autosave=False)
    side = autosave.autosave_path(bakai)

    async def script(pilot):
        await pilot.press("m")
        await settle(pilot)
        assert not side.exists()
        await pilot.press("m")
        await settle(pilot)
        assert side.exists()
        assert state(store.load(side)) == state(app.doc)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not side.exists()
    drive(app, script)


def test_autosave_timer(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=0.2, check_autosave=False)

    async def script(pilot):
        await pilot.press("m")
        await pilot.pause(0.5)
        await settle(pilot)
        assert autosave.autosave_path(bakai).exists()
    drive(app, script)


def _leave_autosave(path: Path) -> Document:
    doc = store.load(path)
    doc.beads[1:3] = [Bead(doc.beads[1].src + doc.beads[2].src,
                           doc.beads[1].tgt + doc.beads[2].tgt)]
    side = autosave.write_autosave(autosave.snapshot(doc), path)
    later = time.time() + 5
    os.utime(side, (later, later))
    return doc


def test_recover_autosave(bakai):
    crashed = _leave_autosave(bakai)
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None)

    async def script(pilot):
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("r")
        assert state(app.doc) == state(crashed)
        assert app.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
    drive(app, script)
    assert state(store.load(bakai)) == state(crashed)
    assert not autosave.autosave_path(bakai).exists()


def test_discard_autosave(bakai):
    _leave_autosave(bakai)
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None)

    async def script(pilot):
        await pilot.press("d")
        assert len(app.doc.beads) == 69 and not app.dirty
    drive(app, script)
    assert not autosave.autosave_path(bakai).exists()


def test_an_autosave_equal_to_the_file_is_not_offered(bakai):
    side = autosave.write_autosave(store.load(bakai), bakai)
    shutil.copy(side, bakai)
    later = time.time() + 5
    os.utime(side, (later, later))
    assert autosave.pending_autosave(bakai) is None
    assert not autosave.autosave_path(bakai).exists()


def test_new_alignment_aligns_in_a_worker_and_saves(fake_encoder, bakai_paths, tmp_path):
    from workbench.core.pipeline import new_document

    src, tgt, _ = bakai_paths
    out = tmp_path / "new.yaml"
    out.write_text("old")
    doc = new_document(src, tgt, "ru", "en")
    app = WorkbenchApp(doc, out, align=True, encoder=fake_encoder, ask_overwrite=True,
                       autosave_seconds=None)

    async def script(pilot):
        await settle(pilot)
        assert app.doc.beads and isinstance(app.screen, ChoiceDialog)  # replace old file?
        await pilot.press("r")
        await settle(pilot)
        assert not app.dirty
    drive(app, script)
    saved = store.load(out)
    check_invariants(saved)
    assert saved.model == "fake" and len(saved.beads) == len(app.doc.beads)


def test_cli_open_builds_the_right_app(monkeypatch, bakai, bakai_paths, tmp_path):
    from click.testing import CliRunner

    from workbench.launcher import main

    seen = []
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: seen.append(self))
    runner = CliRunner()
    assert runner.invoke(main, ["open", str(bakai)]).exit_code == 0
    assert seen[-1].path == bakai and not seen[-1].needs_alignment
    src, tgt, _ = bakai_paths
    out = tmp_path / "x.yaml"
    assert runner.invoke(main, ["open", str(src), str(tgt), "-o", str(out)]).exit_code == 0
    assert seen[-1].needs_alignment and seen[-1].path == out and not seen[-1].ask_overwrite
    res = runner.invoke(main, ["open", str(src), str(tgt), str(out)])
    assert res.exit_code == 2
    res = runner.invoke(main, ["open", str(tmp_path / "missing.yaml")])
    assert res.exit_code == 2 and "file not found" in res.output


def test_a_document_reopens_where_it_was_left(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("colon", *"17", "enter", "l")
        assert (app.view.row, app.view.side) == (16, "tgt")
        await pilot.press("q")
    drive(app, script)
    again = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def check(pilot):
        assert (again.view.row, again.view.side) == (16, "tgt")
    drive(again, check)


def test_a_key_pressed_twice_in_a_closing_dialog_is_ignored(bakai):
    """A quick double press in the quit dialog answered it twice: "Can't pop screen"."""
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("m", "q")
        dialog = app.screen
        dialog.answer("cancel")
        dialog.answer("discard")  # the second answer of a closing dialog does nothing
        await pilot.pause()
        assert app.is_running and app.dirty
        await pilot.press("q", "d", "d")
        await pilot.pause()
    drive(app, script)
    assert app.return_code in (0, None)


def test_export_and_the_report_from_inside_the_workbench(bakai):
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None, check_autosave=False)
    folder = bakai.parent

    async def script(pilot):
        await pilot.press("E")
        await pilot.pause()
        path = app.screen.query_one("#path")
        assert path.value == str(folder / "bakai.tmx")  # follows the format
        await pilot.press("right")  # tsv
        assert path.value == str(folder / "bakai.tsv")
        await pilot.press("enter")
        await settle(pilot)
        assert (folder / "bakai.tsv").read_text(encoding="utf-8").count("\n") == 63  # header+62
        assert any("Exported 62 pairs" in n for n in notes(app))  # 1-0 and 0-1 rows are not pairs
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one("#path").value = str(bakai)  # over the document itself: refused
        await pilot.press("enter")
        await settle(pilot)
        assert any("Not exported" in n and "is also what this command reads" in n
                   for n in notes(app))
        await pilot.press("E")
        await pilot.pause()
        from workbench.core.export import FORMATS

        for _ in FORMATS:  # after the export formats: the HTML report
            await pilot.press("right")
        await pilot.press("enter")
        await settle(pilot)
        assert "<html" in (folder / "bakai.html").read_text(encoding="utf-8")
    before = bakai.read_bytes()
    drive(app, script)
    assert bakai.read_bytes() == before


def test_the_model_is_loaded_in_the_background_for_the_first_realign(bakai):
    """An open document loads its model at once, off the keys' thread, so the first R does
    not wait for it (it took 10-22 s)."""
    from workbench.tui.rows.modelwork import ModelWork

    app = WorkbenchApp.open_file(bakai, autosave_seconds=None, check_autosave=False,
                                 spellcheck=False)

    async def script(pilot):
        work = app.area(ModelWork)
        await settle(pilot)
        assert work.encoder is not None and work.encoder.name == "use-v3"
    drive(app, script)


def test_a_served_tab_saves_and_exports_only_in_its_folder(bakai, tmp_path_factory):
    """workbench serve's tabs (--write-root): save as and export elsewhere are refused."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    app = WorkbenchApp.open_file(bakai, preload_model=False, autosave_seconds=None,
                                 check_autosave=False, spellcheck=False,
                                 write_root=bakai.parent)

    async def script(pilot):
        await pilot.press("alt+s")
        await pilot.pause()
        app.screen.query_one("Input").value = str(elsewhere / "copy.yaml")
        await pilot.press("enter")
        await settle(pilot)
        assert any("Not saved: this workbench writes only in" in n for n in notes(app))
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one("#path").value = str(elsewhere / "out.tmx")
        await pilot.press("enter")
        await settle(pilot)
        assert any("Not exported: this workbench writes only in" in n for n in notes(app))
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one("#path").value = str(bakai.parent / "out.tsv")
        await pilot.press("right", "enter")
        await settle(pilot)
    drive(app, script)
    assert list(elsewhere.iterdir()) == []
    assert (bakai.parent / "out.tsv").exists()  # its own folder: written


def test_serve_runs_each_tab_asking_the_name_and_writing_only_beside_the_document(tmp_path):
    import shlex

    from workbench.web import tab_command

    document = tmp_path / "a folder" / "x; rm -rf y.yaml"
    words = shlex.split(tab_command(document))
    assert words[-4:] == [str(document), "--ask-user", "--write-root", str(document.parent)]
