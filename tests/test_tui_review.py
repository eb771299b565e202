"""Review in the UI: the flag dialog, the flags panel (filters, jumps, statuses, MQM score),
QA proposals, and ``workbench open --user``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import review, store
from workbench.core.document import Bead, Document, make_side
from workbench.core.operations import apply_edit
from workbench.tui.app import WorkbenchApp
from workbench.tui.review.flag_dialog import FlagDialog, match_categories

from tui_helpers import drive, settle

ROOT = Path(__file__).resolve().parent.parent
ALIGN = ROOT / "alignments"
NOW = "2026-01-05T10:00:00+00:00"


def small_doc(with_flags: bool = True) -> Document:
    """Five rows; flags of several categories, severities, statuses and authors."""
    rows = [("Первая строка.", "The first line."), ("Вторая строка.", "The second line."),
            ("Третья строка длиннее.", "The third line is longer."),
            ("Четвёртая строка.", "Fourth."), ("Пятая строка.", "The fifth line.")]
    doc = Document(make_side("ru", [(r, 0) for r, _ in rows]),
                   make_side("en", [(e, 0) for _, e in rows]),
                   [Bead((i,), (i,), 0.9) for i in range(len(rows))])
    if with_flags:
        for row, cat, sev, author, comment in [
                (1, "Accuracy/Mistranslation", "major", "anna", "wrong sense"),
                (3, "Accuracy/Omission", "critical", "boris", "half is missing"),
                (3, "Fluency/Punctuation", "minor", "anna", ""),
                (4, "Style/Awkward", "neutral", "boris", "reads oddly")]:
            apply_edit(doc, review.add_flag(doc, row, cat, sev, comment=comment, author=author,
                                            now=NOW))
        apply_edit(doc, review.resolve_flag(doc, 3))  # the punctuation one
    return doc


def make_app(doc: Document, tmp_path: Path, **kw) -> WorkbenchApp:
    kw.setdefault("spellcheck", False)
    return WorkbenchApp(doc, tmp_path / "doc.yaml", preload_model=False, autosave_seconds=None, check_autosave=False,
                        user="anna", **kw)


def statuses(app) -> dict[int, str]:
    return {f.id: f.status for f in review.flags(app.doc)}


# ---------------------------------------------------------------- the flag dialog

def test_category_filter_matches_word_starts():
    assert match_categories("omis") == ["Accuracy/Omission"]
    assert match_categories("acc/om") == ["Accuracy/Omission"]
    assert match_categories("fl sp") == ["Fluency/Spelling"]
    assert "Terminology/Inconsistent" in match_categories("term")
    assert match_categories("zzz") == []


def test_flag_a_row_through_the_dialog(tmp_path):
    app = make_app(small_doc(with_flags=False), tmp_path)

    async def script(pilot):
        await pilot.press("j", "j", "tab")  # row 3, English side
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FlagDialog)
        await pilot.press(*"omis")
        await pilot.press("tab", "right")  # severity: minor -> major
        await pilot.press("tab", "right")  # flagged: the row -> this sentence
        await pilot.press("tab", "tab", *"second clause missing")  # past "Words" to the comment
        await pilot.press("enter")
        await pilot.pause()
        (flag,) = review.flags(app.doc)
        assert (flag.category, flag.severity, flag.comment, flag.author) == (
            "Accuracy/Omission", "major", "second clause missing", "anna")
        assert flag.span == review.Span("tgt", 2, 0, len("The third line is longer."))
        assert app.marks.flag_severity(2) == "major"  # the ⚑ in the gutter
        assert app.dirty
        await pilot.press("u")
        await pilot.pause()
        assert review.flags(app.doc) == [] and app.marks.flag_severity(2) is None
    drive(app, script)


def test_tab_stops_at_the_last_field_of_the_flag_dialog(tmp_path):
    """Tab from Suggestion wrapped round to Category, and the next letters typed filtered the
    chosen category away."""
    app = make_app(small_doc(with_flags=False), tmp_path)

    async def script(pilot):
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"omis")
        for _ in range(5):
            await pilot.press("tab")
        assert app.screen.focused.id == "suggestion"
        await pilot.press("tab", *"more")  # still in the suggestion
        assert app.screen.focused.id == "suggestion"
        await pilot.press("enter")
        await pilot.pause()
        (flag,) = review.flags(app.doc)
        assert (flag.category, flag.suggestion) == ("Accuracy/Omission", "more")
    drive(app, script)


def test_flag_any_words_typed_in_the_dialog(tmp_path):
    app = make_app(small_doc(with_flags=False), tmp_path)

    async def script(pilot):
        await pilot.press("j", "j")  # row 3, Russian side
        await pilot.press("f", *"mistr", "tab", "tab", "tab")
        await pilot.press(*"line is")  # not in the Russian sentence: found in the English one
        await pilot.press("tab", *"wrong")
        await pilot.press("enter")
        await pilot.pause()
        (flag,) = review.flags(app.doc)
        assert flag.span == review.Span("tgt", 2, 10, 17)
        assert review.span_text(app.doc, flag) == "line is"
        # words that are not in the row keep the dialog open, with what was typed
        await pilot.press("f", *"omis", "tab", "tab", "tab", *"no such words", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlagDialog) and len(review.flags(app.doc)) == 1
        assert app.screen.query_one("#words").value == "no such words"
        await pilot.press("escape")
    drive(app, script)


def test_flag_a_misspelt_word_then_apply_its_suggestion(tmp_path):
    doc = small_doc(with_flags=False)
    doc.target.sentences[1] = replace(doc.target.sentences[1], text="The secnod line.")
    app = make_app(doc, tmp_path, spellcheck=True)

    async def script(pilot):
        await pilot.press("z")
        await pilot.pause()
        assert app.marks.current[4] == "secnod"
        await pilot.press("f", *"spel", "tab", "tab", "right", "right")  # the word itself
        await pilot.press("tab", "tab", "tab", *"second", "enter")  # words, comment, suggestion
        await pilot.pause()
        (flag,) = review.flags(app.doc)
        assert flag.category == "Fluency/Spelling" and flag.suggestion == "second"
        assert review.span_text(app.doc, flag) == "secnod"
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("A")  # apply the suggestion: the text is fixed, the flag resolved
        await pilot.pause()
        assert app.doc.target.get(1).text == "The second line."
        assert app.doc.target.get(1).original == "The secnod line."
        assert statuses(app) == {1: "resolved"}
    drive(app, script)


# ---------------------------------------------------------------- the flags panel

def test_flags_panel_lists_filters_and_jumps(tmp_path):
    app = make_app(small_doc(), tmp_path)

    async def script(pilot):
        await pilot.press("F")
        await pilot.pause()
        panel = app.flags_panel
        assert panel.has_class("shown") and panel.table.has_focus
        assert [e.flag.id for e in panel.entries] == [1, 2, 3, 4]  # by row
        title = str(panel.query_one("#flags-title").render())
        assert "3 open · 1 resolved · 0 dismissed" in title
        assert "MQM 31 points" in title  # major 5 + critical 25 + minor 1 (resolved counts)
        await pilot.press("s")  # status: open
        assert [e.flag.id for e in panel.entries] == [1, 2, 4]
        await pilot.press("v", "v")  # major or worse
        assert [e.flag.id for e in panel.entries] == [1, 2]
        await pilot.press("w")  # author: anna (the authors in order)
        assert [e.flag.id for e in panel.entries] == [1]
        await pilot.press("0", "c", "c")  # all, then category: Accuracy, then Fluency
        assert [e.flag.id for e in panel.entries] == [3]
        await pilot.press("0")
        assert len(panel.entries) == 4 and panel.selected.flag.id == 3  # it stays selected
        await pilot.press("k", "k", "k")
        assert panel.selected.flag.id == 1 and app.view.row == 1  # the view follows
        await pilot.press("down", "down")
        assert app.view.row == 3
        await pilot.press("down", "enter")  # go to the row: the rows get the focus
        await pilot.pause()
        assert app.view.row == 4 and app.view.has_focus and panel.has_class("shown")
        await pilot.press("O")  # previous row with an open flag (the resolved one is not)
        assert app.view.row == 3
        await pilot.press("O")
        assert app.view.row == 1
        await pilot.press("o", "o")
        assert app.view.row == 4
    drive(app, script)


def test_resolve_reopen_dismiss_delete_from_the_panel(tmp_path):
    app = make_app(small_doc(), tmp_path)

    async def script(pilot):
        await pilot.press("F")
        await pilot.pause()
        assert app.flags_panel.selected.flag.id == 1
        await pilot.press("r")
        await pilot.pause()
        assert statuses(app)[1] == "resolved" and app.marks.flag_severity(1) is None
        await pilot.press("o")
        await pilot.pause()
        assert statuses(app)[1] == "open" and app.marks.flag_severity(1) == "major"
        await pilot.press("x")
        await pilot.pause()
        assert statuses(app)[1] == "dismissed"
        assert "MQM 26 points" in str(app.flags_panel.query_one("#flags-title").render())
        beads = list(app.doc.beads)
        await pilot.press("m", "c", "s")  # s filters here; m and c do nothing to the rows
        assert app.doc.beads == beads
        await pilot.press("0", "up", "up", "up", "D")  # the selection stayed on flag 2
        await pilot.pause()
        assert 1 not in statuses(app)
        for _ in range(4):
            await pilot.press("u")
            await pilot.pause()
        assert statuses(app) == {1: "open", 2: "open", 3: "resolved", 4: "open"}
    drive(app, script)


def test_qa_proposals_are_accepted_or_dismissed_and_never_proposed_twice(tmp_path):
    doc = small_doc(with_flags=False)
    doc.target.sentences[0] = replace(doc.target.sentences[0], text="The first  line?")
    app = make_app(doc, tmp_path)

    async def script(pilot):
        await pilot.press("Q")
        await settle(pilot)
        panel = app.flags_panel
        assert panel.has_class("shown") and panel.filters.status == "proposed"
        proposed = [e.flag.origin for e in panel.entries]
        assert {"qa:spaces", "qa:end-punctuation"} <= set(proposed)
        assert review.flags(app.doc) == []  # nothing stored yet
        await pilot.press("y")  # accept the first
        await pilot.pause()
        (kept,) = review.flags(app.doc)
        assert kept.status == "open" and kept.origin == proposed[0] and kept.author == "anna"
        assert len(panel.entries) == len(proposed) - 1
        await pilot.press("x")  # dismiss the next one
        await pilot.pause()
        stored = review.flags(app.doc)
        assert [f.status for f in stored] == ["open", "dismissed"]
        await pilot.press("Q")  # a re-run proposes neither again
        await settle(pilot)
        assert len(panel.entries) == len(proposed) - 2
        assert "MQM" in str(panel.query_one("#flags-title").render())
        await pilot.press("u")  # undoing the dismissal lists the proposal again
        await pilot.pause()
        assert len(panel.entries) == len(proposed) - 1
    drive(app, script)


def test_the_palette_still_runs_row_commands_from_a_panel(tmp_path):
    app = make_app(small_doc(), tmp_path)

    async def script(pilot):
        await pilot.press("F")
        await pilot.pause()
        assert app.flags_panel.table.has_focus
        await pilot.press("m")  # off while the panel has the focus ...
        assert len(app.doc.beads) == 5
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Merge this row")
        await pilot.pause(0.3)
        await pilot.press("enter")  # ... but the palette runs it, back on the rows
        await pilot.pause(0.2)
        assert len(app.doc.beads) == 4 and app.view.has_focus
    drive(app, script)


# ---------------------------------------------------------------- the command line

def test_open_takes_the_user_for_flags(tmp_path, monkeypatch):
    store.save(small_doc(), tmp_path / "doc.yaml")
    seen = {}
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: seen.setdefault("user", self.user))
    result = CliRunner().invoke(main, ["open", str(tmp_path / "doc.yaml"), "--user", "vera"])
    assert result.exit_code == 0, result.output
    assert seen["user"] == "vera"
    assert "--user" in CliRunner().invoke(main, ["open", "--help"]).output


def test_open_ask_user_asks_the_reviewers_name_first(tmp_path, monkeypatch):
    """What each browser tab of workbench serve runs: the name typed signs the flags."""
    store.save(small_doc(), tmp_path / "doc.yaml")
    seen = {}
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: seen.setdefault("ask", self.ask_user))
    result = CliRunner().invoke(main, ["open", str(tmp_path / "doc.yaml"), "--ask-user"])
    assert result.exit_code == 0, result.output
    assert seen["ask"] is True


def test_the_name_given_at_start_signs_the_flags(tmp_path):
    app = make_app(small_doc(with_flags=False), tmp_path, ask_user=True)

    async def script(pilot):
        await pilot.press(*"  Zhanna   K ", "enter")  # spaces tidied
        await pilot.pause()
        assert app.user == "Zhanna K"
        await pilot.press("f", *"omis", "enter")
        await pilot.pause()
        (flag,) = review.flags(app.doc)
        assert flag.author == "Zhanna K"
    drive(app, script)


def test_no_name_given_keeps_the_default_author(tmp_path):
    app = make_app(small_doc(with_flags=False), tmp_path, ask_user=True)

    async def script(pilot):
        await pilot.press("escape")
        await pilot.pause()
        assert app.user == "anna" and app.screen is app.main_screen
    drive(app, script)


# ---------------------------------------------------------------- snapshot

def test_snapshot_flags_panel(snap_compare, tmp_path):
    """The ⚑ marks by severity and the flags panel with its MQM score at 80x24."""
    assert snap_compare(make_app(small_doc(), tmp_path), terminal_size=(80, 24), press=["F"])
