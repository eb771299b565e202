"""The workbench UI: every key does what its help says, through History, and files are safe.

Pilot tests drive the real app headless and assert on the document, not on pixels; snapshot
tests (pytest-textual-snapshot) pin what the screens look like at 80x24 and 160x48. No test
loads the embedding model: re-aligning uses the fake encoder from conftest.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from workbench.core import store
from workbench.core.document import Bead, Document, Sentence, check_invariants, make_side
from workbench.tui import autosave
from workbench.tui.alignment_view import AlignmentView
from workbench.tui.app import WorkbenchApp

import tui_helpers
from tui_helpers import notes, settle  # noqa: F401
from workbench.tui.keys import BINDINGS
from workbench.tui.screens import ChoiceDialog, EditDialog, HelpScreen, PromptDialog, SplitDialog
from workbench.tui.wrap import wrap_offsets

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"


# ---------------------------------------------------------------- helpers

def small_doc() -> Document:
    """Six rows with every kind of row the keys care about (low, confirmed, 0-1, 1-2, 2-1)."""
    src = make_side("ru", [(t, 0) for t in (
        "alpha one.", "beta two.", "gamma three.", "delta four.", "epsilon five.", "zeta six.")])
    tgt = make_side("en", [(t, 0) for t in (
        "Alpha one.", "Beta two.", "Beta more.", "Gamma three.", "Delta four and five.",
        "Zeta six.", "Extra line.")])
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1, 2), 0.3), Bead((2,), (3,), 0.6),
             Bead((3, 4), (4,), 0.2), Bead((5,), (5,), 0.95, "confirmed"), Bead((), (6,), None)]
    doc = Document(src, tgt, beads)
    check_invariants(doc)
    return doc


def rows(doc: Document) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in doc.beads]


def state(doc: Document):
    return (list(doc.beads), list(doc.source.sentences), list(doc.target.sentences),
            doc.source.next_id, doc.target.next_id)


def make_app(doc=None, path="unused.yaml", **kw) -> WorkbenchApp:
    kw.setdefault("autosave_seconds", None)
    kw.setdefault("check_autosave", False)
    return WorkbenchApp(doc if doc is not None else small_doc(), path, **kw)


def drive(app: WorkbenchApp, script, size=(100, 30)) -> None:
    """Run ``await script(pilot)`` in the headless app, straight after the first paint."""
    tui_helpers.drive(app, script, size, wait=False)


@pytest.fixture
def bakai(tmp_path) -> Path:
    path = tmp_path / "bakai.yaml"
    shutil.copy(BAKAI, path)
    return path


# ---------------------------------------------------------------- wrapping

def test_wrap_fits_the_width_and_keeps_every_word():
    text = "Сегодня жителям Бакая удалось отбить попытку выселения и сноса домов, однако " \
           "суд уже постановил снести 120 домов; averyveryverylongwordthatmustbecut here"
    for width in (5, 12, 33, 70):
        lines = [text[s:e] for s, e in wrap_offsets(text, width)]
        assert all(len(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap_offsets("", 10) == [(0, 0)]
    assert [("日本語のテキスト"[s:e]) for s, e in wrap_offsets("日本語のテキスト", 6)] == \
        ["日本語", "のテキ", "スト"]


# ---------------------------------------------------------------- movement

def test_movement_keys():
    app = make_app()

    async def script(pilot):
        v = app.view
        await pilot.press("j", "down")
        assert v.row == 2
        await pilot.press("k")
        assert v.row == 1
        await pilot.press("G")
        assert v.row == 5
        await pilot.press("g")
        assert v.row == 0
        await pilot.press("end")
        assert v.row == 5
        await pilot.press("home", "pagedown")
        assert v.row > 0
        await pilot.press("pageup")
        assert v.row == 0
        await pilot.press("tab")
        assert v.side == "tgt"
        await pilot.press("h")
        assert v.side == "src"
        await pilot.press("l", "j", "shift+down")  # row 1 has two English sentences
        assert (v.row, v.k) == (1, 1)
        await pilot.press("shift+down")
        assert (v.row, v.k) == (2, 0)
        await pilot.press("shift+up")
        assert (v.row, v.k) == (1, 1)
        await pilot.press("left")
        assert v.side == "src" and v.k == 0
        await pilot.press("right", "up")
        assert (v.row, v.side) == (0, "tgt")
        await pilot.click(AlignmentView, offset=(20, 2))  # row 2's first line, Russian side
        assert (v.row, v.side, v.k) == (1, "src", 0)
        await pilot.click(AlignmentView, offset=(70, 3))  # its second English sentence
        assert (v.row, v.side, v.k) == (1, "tgt", 1)
    drive(app, script)


def test_jumps_to_rows_that_need_a_look():
    app = make_app()

    async def script(pilot):
        v = app.view
        await pilot.press("w")
        assert v.row == 1  # confidence 0.3
        await pilot.press("w")
        assert v.row == 3
        await pilot.press("w")
        assert v.row == 3 and "No low-confidence row below." in notes(app)
        await pilot.press("W")
        assert v.row == 1
        await pilot.press("t")
        assert v.row == 3  # 2-1
        await pilot.press("t")
        assert v.row == 5  # 0-1
        await pilot.press("T", "T")
        assert v.row == 1
        await pilot.press("G", "P")
        assert v.row == 3  # row 4 is confirmed
        await pilot.press("P")
        assert v.row == 2
        await pilot.press("g", "p")
        assert v.row == 1
    drive(app, script)


def test_go_to_row():
    app = make_app()

    async def script(pilot):
        await pilot.press("colon")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("5", "enter")
        assert app.view.row == 4
        await pilot.press("ctrl+g", "9", "9", "enter")  # past the end: the last row, and a note
        assert app.view.row == 5
        assert "There are rows 1 to 6." in notes(app)
        await pilot.press("colon", "escape")
        assert app.view.row == 5 and not isinstance(app.screen, PromptDialog)
    drive(app, script)


def test_search_both_sides_and_next_previous():
    app = make_app()

    async def script(pilot):
        v = app.view
        await pilot.press("slash", *"BETA", "enter")
        assert (v.row, v.side, v.k) == (1, "src", 0)
        await pilot.press("tab", "n")  # "Beta two." -> "Beta more." in the same row
        assert (v.row, v.side, v.k) == (1, "tgt", 1)
        await pilot.press("slash", "ctrl+u", *"five", "enter")
        assert (v.row, v.side, v.k) == (3, "src", 1)  # "epsilon five."
        await pilot.press("n")
        assert (v.row, v.side, v.k) == (3, "tgt", 0)  # "Delta four and five."
        await pilot.press("n")
        assert (v.row, v.side, v.k) == (3, "src", 1)  # wrapped around
        assert "Search wrapped around." in notes(app)
        await pilot.press("N")
        assert (v.row, v.side, v.k) == (3, "tgt", 0)
        await pilot.press("slash", "ctrl+u", *"nowhere", "enter")
        assert "'nowhere' is not in the document." in notes(app)
        assert app.search_query == "nowhere" and v.query == "nowhere"
    drive(app, script)


# ---------------------------------------------------------------- operations

def test_move_sentence_up_and_down():
    app = make_app()

    async def script(pilot):
        await pilot.press("j", "tab", "left_square_bracket")  # "Beta two." up into row 0
        assert rows(app.doc)[:2] == [((0,), (0, 1)), ((1,), (2,))]
        assert app.view.row == 0 and app.view.current_sentence == 1
        await pilot.press("right_square_bracket")  # and back down
        assert rows(app.doc)[:2] == [((0,), (0,)), ((1,), (1, 2))]
        assert app.view.row == 1
        await pilot.press("h", "j", "j", "right_square_bracket")  # "epsilon five." down
        assert rows(app.doc)[3:5] == [((3,), (4,)), ((4, 5), (5,))]
        assert app.dirty
    drive(app, script)


def test_merge_split_detach():
    app = make_app()

    async def script(pilot):
        await pilot.press("m")
        assert rows(app.doc)[0] == ((0, 1), (0, 1, 2))
        await pilot.press("l", "shift+down", "s")  # split before the 2nd English sentence
        assert rows(app.doc)[:2] == [((0,), (0,)), ((1,), (1, 2))]
        await pilot.press("j", "d")  # detach the English side of row 2
        assert rows(app.doc)[1:3] == [((1,), ()), ((), (1, 2))]
        assert app.doc.beads[1].kind == "1-0"
        check_invariants(app.doc)
    drive(app, script)


def test_split_a_row_at_a_sentence_chosen_on_each_side():
    app = make_app()

    async def script(pilot):
        await pilot.press("j", "j", "j", "m")  # row 4 + row 5: 3 Russian, 2 English sentences
        assert rows(app.doc)[3] == ((3, 4, 5), (4, 5))
        await pilot.press("h", "shift+down", "shift+down")  # Russian: before "zeta six."
        await pilot.press("l", "shift+down")  # English: before "Zeta six."
        await pilot.press("s")
        assert rows(app.doc)[3:5] == [((3, 4), (4,)), ((5,), (5,))]
    drive(app, script)


def test_insert_an_empty_row_and_fill_it():
    app = make_app()

    async def script(pilot):
        await pilot.press("j", "a")  # an empty row below row 2
        assert rows(app.doc)[2] == ((), ()) and app.view.row == 2
        await pilot.press("k", "l", "right_square_bracket")  # "Beta more." down into it
        assert rows(app.doc)[1:3] == [((1,), (1,)), ((), (2,))]
        await pilot.press("u", "u")
        assert rows(app.doc) == rows(small_doc())
    drive(app, script)


def test_confirm_keys():
    app = make_app()

    async def script(pilot):
        await pilot.press("c")
        assert app.doc.beads[0].confirmed and app.view.row == 1
        await pilot.press("enter")
        assert app.doc.beads[1].confirmed and app.view.row == 2
        await pilot.press("k", "x")
        assert not app.doc.beads[1].confirmed and app.view.row == 1
        await pilot.press("j", "j", "C")
        assert [b.confirmed for b in app.doc.beads] == [True, True, True, True, True, False]
        assert app.view.row == 3
    drive(app, script)


def test_edit_sentence_keeps_the_original():
    app = make_app()

    async def script(pilot):
        await pilot.press("j", "e")
        assert isinstance(app.screen, EditDialog)
        await pilot.press("backspace", *" fixed.", "enter")
        s = app.doc.source.get(1)
        assert (s.text, s.original) == ("beta two fixed.", "beta two.")
        await pilot.press("e", "escape")  # cancel changes nothing
        assert app.doc.source.get(1).text == "beta two fixed."
        await pilot.press("G", "e")  # the 0-1 row has no Russian sentence
        assert not isinstance(app.screen, EditDialog)
        assert any("No Russian sentence" in n for n in notes(app))
    drive(app, script)


def test_split_and_join_sentences():
    app = make_app()

    async def script(pilot):
        await pilot.press("j", "j", "j", "l", "S")  # "Delta four and five."
        assert isinstance(app.screen, SplitDialog)
        await pilot.press("home", *["right"] * 15, "enter")  # after "Delta four and"
        ids = app.doc.beads[3].tgt
        assert len(ids) == 2 and ids == (7, 8)
        assert app.doc.target.texts(ids) == ["Delta four and", "five."]
        await pilot.press("J")
        assert app.doc.beads[3].tgt == (7,)
        assert app.doc.target.get(7).text == "Delta four and five."
        await pilot.press("J")  # nothing after it in this row: a note, no crash
        assert any("next sentence is in another row" in n for n in notes(app))
    drive(app, script)


def test_undo_redo_round_trip():
    app = make_app()
    before = state(small_doc())

    async def script(pilot):
        keys = ["m", "l", "shift+down", "s", "c", "j", "d", "k", "e", "backspace", "X", "enter"]
        await pilot.press(*keys)
        after = state(app.doc)
        assert after != before
        await pilot.press(*["u"] * 5)
        assert state(app.doc) == before and not app.dirty
        await pilot.press("u")
        assert "Nothing to undo." in notes(app)
        await pilot.press("U", "ctrl+y", "U", "U", "ctrl+y")
        assert state(app.doc) == after and app.dirty
        await pilot.press("ctrl+z")
        assert state(app.doc) != after
    drive(app, script)


def test_operation_errors_are_notes_not_crashes():
    app = make_app()

    async def script(pilot):
        await pilot.press("left_square_bracket")  # first row: nothing above
        await pilot.press("G", "m")  # last row: nothing below
        await pilot.press("d")  # already a 0-1 row
        await pilot.press("g", "s")  # split at the first sentence leaves the top row empty
        assert state(app.doc) == state(small_doc())
        assert len(notes(app)) == 4
        assert not app.dirty
    drive(app, script)


def test_realign_with_a_fake_encoder(fake_encoder):
    """R re-aligns the unconfirmed rows in a worker, as one undo step."""
    words = ["river stone", "green apple tree", "old brown dog", "cold blue sea",
             "tall red house", "small white cat"]
    src = make_side("ru", [(w, 0) for w in words])
    tgt = make_side("en", [(w + ".", 0) for w in words])
    beads = [Bead((0,), (0,), status="confirmed"), Bead((1, 2), (1,)), Bead((3,), (2, 3)),
             Bead((4,), (4,)), Bead((5,), (5,))]
    doc = Document(src, tgt, beads)
    app = make_app(doc, encoder=fake_encoder)

    async def script(pilot):
        before = state(app.doc)
        await pilot.press("R")
        await settle(pilot)
        assert rows(app.doc)[:4] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
        assert app.doc.beads[0].confirmed
        check_invariants(app.doc)
        assert app.busy is None and app.dirty
        await pilot.press("u")
        assert state(app.doc) == before
    drive(app, script)


def test_palette_offers_every_binding():
    app = make_app()

    async def script(pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"merge this row")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert rows(app.doc)[0] == ((0, 1), (0, 1, 2))
    drive(app, script)
    assert len({b.id for b in BINDINGS}) == len(BINDINGS)
    assert all(b.id and b.description and b.tooltip for b in BINDINGS)


def test_help_lists_every_binding():
    app = make_app()

    async def script(pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen._table()
        described = {cell.plain if hasattr(cell, "plain") else str(cell)
                     for col in table.columns for cell in col._cells}
        assert all(b.tooltip in described for b in BINDINGS)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
    drive(app, script)


def test_theme_toggle():
    app = make_app()

    async def script(pilot):
        first = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != first
        await pilot.press("ctrl+t")
        assert app.theme == first
    drive(app, script)


def test_narrow_and_wide_terminals_show_every_row_line():
    for size in ((80, 24), (200, 50)):
        app = make_app()

        async def script(pilot):
            v: AlignmentView = app.view
            assert v.virtual_size.width <= v.scrollable_content_region.width
            line = v.render_line(0).text
            assert "alpha one." in line and "Alpha one." in line
        drive(app, script, size=size)


# ---------------------------------------------------------------- files

def test_save_and_reopen_are_equal(bakai):
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None, check_autosave=False)

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
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None, check_autosave=False)

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
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("m", "ctrl+q", "s")
        await settle(pilot)
    drive(app, script)
    assert state(store.load(bakai)) == state(app.doc)
    assert len(store.load(bakai).beads) == 67


def test_quit_clean_document_does_not_ask(bakai):
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None, check_autosave=False)

    async def script(pilot):
        await pilot.press("j", "q")
        await pilot.pause()
        assert not app.is_running
    drive(app, script)


def test_autosave_after_edits_and_removed_by_save(bakai):
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None, autosave_edits=2,
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
    app = WorkbenchApp.open_file(bakai, autosave_seconds=0.2, check_autosave=False)

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
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None)

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
    app = WorkbenchApp.open_file(bakai, autosave_seconds=None)

    async def script(pilot):
        await pilot.press("d")
        assert len(app.doc.beads) == 68 and not app.dirty
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

    from workbench.cli import main

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


# ---------------------------------------------------------------- snapshots

#: The first rows of the Bakai pair, frozen here so that the snapshots do not change when
#: alignments/bakai.yaml does; with confidences and statuses that show every colour.
SNAPSHOT_ROWS = [
    ([], ["Skip to content or view screen version"], 0.85, "confirmed"),
    (["Маленькая победа самозастройщиков микрорайона Бакай, Алматы, Казахстан"],
     ["Small victory for squatters in Bakai community, Almaty, Kazakhstan"], 0.97, "confirmed"),
    ([], ["zhanara | 18.05.2006 17:24 | Migration | Repression | Social Struggles"], 0.9,
     "proposed"),
    (["Сегодня жителям Бакая удалось отбить попытку выселения и сноса домов, однако суд уже "
      "постановил снести 120 домов в соседних микрорайонах Шанырак."],
     ["Bakai squatter evictions and home demolition successfully beaten back for today.",
      "Court orders 120 homes to be destroyed in Shanyrak communities nearby."], 0.94,
     "proposed"),
    (["Общее собрание бакаевцев решило направить в Шанырак группу поддержки."],
     ["A general assembly at Bakai votes to send support to Shanyrak."], 0.62, "proposed"),
    ([], ["Russian original for this translation w/ more photos here:"], 0.31, "proposed"),
    (["Поначалу ситуация с первым домом, казалось бы, разрешилась мирно."],
     ["Initially, the situation with the first house seems to have ended peacefully."], None,
     "proposed"),
    (["Тем не менее, несмотря на отдельные стычки, переговорщикам во главе с Салимом "
      "Оразалиновым удалось договориться.", "Милиция снимает осаду."],
     ["Nonetheless, regardless of various isolated scuffles, a group of negotiators headed by "
      "Salim Orazalinov was able to negotiate the following: the police would end the siege."],
     0.88, "proposed"),
] * 3


def _snapshot_app(tmp_path) -> WorkbenchApp:
    src, tgt, beads = [], [], []
    for ru, en, conf, status in SNAPSHOT_ROWS:
        s_ids = tuple(range(len(src), len(src) + len(ru)))
        t_ids = tuple(range(len(tgt), len(tgt) + len(en)))
        src += [(t, 0) for t in ru]
        tgt += [(t, 0) for t in en]
        beads.append(Bead(s_ids, t_ids, conf, status))
    doc = Document(make_side("ru", src), make_side("en", tgt), beads)
    fixed = doc.target.sentences[7]  # a typo fix, shown in the "edited" colour
    doc.target.sentences[7] = Sentence(fixed.id, fixed.text, 0, "Inititally" + fixed.text[9:])
    return WorkbenchApp(doc, tmp_path / "bakai.yaml", autosave_seconds=None,
                        check_autosave=False, spellcheck=False)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_main(snap_compare, tmp_path, size):
    """The aligned view: cursor on the 2nd English sentence of a 1-2 row."""
    assert snap_compare(_snapshot_app(tmp_path), terminal_size=size,
                        press=["j", "j", "j", "shift+down"])


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_help(snap_compare, tmp_path, size):
    """The help screen lists the keys by task."""
    assert snap_compare(_snapshot_app(tmp_path), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_edit_dialog(snap_compare, tmp_path, size):
    """The edit dialog over the view, on the Russian sentence of row 4."""
    assert snap_compare(_snapshot_app(tmp_path), terminal_size=size,
                        press=["j", "j", "j", "h", "e"])
