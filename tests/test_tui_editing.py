"""The workbench UI's keys that move and edit: every key does what its help says, through History.

Pilot tests drive the real app headless on ``tui_helpers.small_doc`` and assert on the
document, not on pixels. No test loads the embedding model: re-aligning uses the fake encoder
from conftest.
"""

from __future__ import annotations

from workbench.core.document import Bead, Document, check_invariants, make_side
from workbench.tui.rows.alignment_view import AlignmentView

from tui_helpers import drive_now as drive  # straight after the first paint, at 100x30
from tui_helpers import make_app, notes, rows, settle, small_doc, state
from workbench.tui.common.dialogs import PromptDialog
from workbench.tui.rows.sentence_dialogs import EditDialog, SplitDialog


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
        assert v.row == 2  # 0.6: yellow rows are weak too (the default threshold is 0.8)
        await pilot.press("w")
        assert v.row == 3
        await pilot.press("w")
        assert v.row == 3 and "No low-confidence row below." in notes(app)
        await pilot.press("W")
        assert v.row == 2
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


def test_the_review_queue_starts_at_the_worst_row_and_goes_on_where_it_was_left():
    """``v`` on a document just opened goes to the worst unconfirmed row (a row made by hand,
    with no confidence, counts as the worst), then down the queue; looking at another row
    does not restart it, and a row confirmed on the way leaves it."""
    app = make_app()

    async def script(pilot):
        v = app.view
        assert v.row == 0  # confidence 0.9: the queue's last row
        await pilot.press("v")
        assert v.row == 5 and "1 of 5 unconfirmed" in " ".join(notes(app))  # made by hand
        await pilot.press("v", "v")
        assert v.row == 1  # 0.2 (row 4), then 0.3
        await pilot.press("g")
        await pilot.press("v")
        assert v.row == 2  # 0.6: on from row 1, not from the cursor's row 0
        await pilot.press("V", "V")
        assert v.row == 3
        await pilot.press("c", "v")
        assert v.row == 1 and "2 of 4 unconfirmed" in " ".join(notes(app))  # row 4 confirmed
        await pilot.press("v", "v", "v")
        assert v.row == 0 and "That was the last unconfirmed row" in " ".join(notes(app))
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


def test_split_with_no_point_chosen_on_the_other_side_frees_a_glued_title():
    """A 1-3 row whose first English sentence is a title: one `s` on the second English
    sentence makes the title a 0-1 row and leaves a 1-2 (issue 15)."""
    src = make_side("ru", [("Заголовок и текст.", 0)])
    tgt = make_side("en", [(t, 0) for t in ("A Title", "The text.", "More text.")])
    doc = Document(src, tgt, [Bead((0,), (0, 1, 2), 0.4)])
    app = make_app(doc)

    async def script(pilot):
        await pilot.press("l", "shift+down", "s")
        assert rows(app.doc) == [((), (0,)), ((0,), (1, 2))]
        await pilot.press("u", "g", "l", "shift+down", "shift+down")
        assert (app.view.row, app.view.side, app.view.k) == (0, "tgt", 2)
        await pilot.press("s")  # on the last sentence: the end comes off
        assert rows(app.doc) == [((0,), (0, 1)), ((), (2,))]
    drive(app, script)
