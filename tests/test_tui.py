"""The workbench UI: wrapping, the palette, help and theme, terminal sizes, and the snapshots.

Snapshot tests (pytest-textual-snapshot) pin what the screens look like at 80x24 and 160x48;
they stay in this module, since their SVGs are stored under ``__snapshots__/test_tui/`` by
module and test name. The keys that move and edit are tested in test_tui_editing.py, saving,
quitting and autosave in test_tui_files.py. No test loads the embedding model.
"""

from __future__ import annotations

import pytest

from workbench.core.document import Bead, Document, Sentence, make_side
from workbench.tui.rows.alignment_view import AlignmentView
from workbench.tui.app import WorkbenchApp

from tui_helpers import drive_now as drive  # straight after the first paint, at 100x30
from tui_helpers import make_app, rows
from workbench.tui.keys import BINDINGS
from workbench.tui.general.help import HelpScreen
from workbench.tui.rows.wrap import wrap_offsets


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
    # Japanese after a Latin word goes on on the same line (it breaks between any two of
    # its characters), and no line starts with 。 or ends with 「
    text = "10.1. Debian 特有の調整を行わずにカーネルをインストール、コンパイルすることはできますか。"
    lines = [text[s:e] for s, e in wrap_offsets(text, 30)]
    assert lines[0] == "10.1. Debian 特有の調整を行わ" and "".join(lines) == text
    lines = [t for s, e in wrap_offsets("他说：“我们不同意。”然后他走了。", 10)
             for t in ["他说：“我们不同意。”然后他走了。"[s:e]]]
    assert not any(line[0] in "。”" or line[-1] == "“" for line in lines)


# ---------------------------------------------------------------- palette, help, theme, sizes

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
    return WorkbenchApp(doc, tmp_path / "bakai.yaml", preload_model=False, autosave_seconds=None,
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


def test_the_palette_keeps_brackets_in_its_texts():
    """"(fill it with [ and ]; ...)" lost its brackets: the text was read as markup."""
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    app = make_app()

    async def script(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"empty row")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        for _ in range(50):  # the palette searches in the background: wait for its hits
            await pilot.pause(0.2)
            texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            if any("fill it with" in t for t in texts):
                break
        assert any("fill it with [ and ]" in t for t in texts), texts
    drive(app, script)


def test_keys_typed_ahead_of_a_dialog_are_not_lost():
    """":4", enter, "f" typed faster than the dialogs open and close: the digits reach the
    go-to dialog, and the f opens the flag dialog on row 4 (one f was dropped in use)."""
    from textual import events

    app = make_app(spellcheck=False)

    async def script(pilot):
        for key, char in (("colon", ":"), ("4", "4"), ("enter", "\r"), ("f", "f")):
            app.post_message(events.Key(key, char))  # all queued at once, as a fast typist
        for _ in range(20):
            await pilot.pause(0.05)
        assert type(app.screen).__name__ == "FlagDialog"
        assert app.view.row == 3
    drive(app, script)


def test_a_key_that_answers_a_dialog_does_nothing_else():
    """The "a" that answers a choice must not also reach the rows (where it adds a row)."""
    from workbench.tui.common.dialogs import ChoiceDialog

    app = make_app(spellcheck=False)
    answers = []

    async def script(pilot):
        app.push_screen(ChoiceDialog("Title", "text", [("yes", "Yes", "a"),
                                                       ("cancel", "No", "n")]), answers.append)
        await pilot.pause()
        await pilot.press("a")
        for _ in range(3):
            await pilot.pause()
        assert answers == ["yes"] and not app.history.can_undo()
    drive(app, script)


def test_a_notice_is_one_line_below_the_rows():
    """Notices covered the English column for seconds: now one line, on the status line."""
    import asyncio

    from textual.widgets._toast import Toast

    app = make_app(spellcheck=False)

    async def main():
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.press("m", "u")  # "Undid: merge rows"
            await pilot.pause(0.3)
            toast = app.screen.query(Toast).last()
            assert toast.region.height == 1
            assert toast.region.y >= app.view.region.bottom  # not over the rows
    asyncio.run(main())
