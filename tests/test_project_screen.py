"""The project screen of a corpus folder (issue 18): each document's own numbers (% confirmed,
low-confidence rows, open flags, MQM), sorting, Enter / escape, a broken document and a failed
pair listed; and the core function that reads the numbers (core/project_stats.py)."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core import mqm, review, store
from workbench.core.corpus import project_rows
from workbench.core.history import History
from workbench.core.project_stats import read_stats, review_stats
from test_corpus import align_small_corpus

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = ("name\tstatus\tmean_confidence\tone_sided_rows\tlength_ratio\trows\tsource_sentences"
           "\ttarget_sentences\treason\ngone\tfailed\t\t\t\t\t\t\tgone.src.txt: is empty\n")


def _review(path: Path, confidences, confirmed, flags) -> None:
    """Give the aligned document at ``path`` these confidences and confirmed rows, and raise
    ``flags`` (row, category, severity, status) as a reviewer would."""
    doc = store.load(path)
    doc.beads = [replace(b, confidence=c, status="confirmed" if i in confirmed else "proposed")
                 for i, (b, c) in enumerate(zip(doc.beads, confidences))]
    history = History(doc)
    for row, category, severity, status in flags:
        history.do(review.add_flag(doc, row, category, severity, author="anna"))
        flag_id = review.flags(doc)[-1].id
        if status == "resolved":
            history.do(review.resolve_flag(doc, flag_id))
        elif status == "dismissed":
            history.do(review.dismiss_flag(doc, flag_id))
    store.save(doc, path)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A corpus folder made by `workbench align` (five rows each), then reviewed:

    a      confidences .3 .6 .9 .95 .2, row 5 confirmed; a major flag open, a minor resolved,
           a critical dismissed
    b      every row confirmed, no flags
    sub/c  nothing confirmed, as aligned (all high); two minor flags open
    broken a YAML that does not parse; gone: a pair that failed (summary.tsv); and the
    project's glossary.yaml, which is no document
    """
    out = align_small_corpus(tmp_path, monkeypatch)
    _review(out / "a.yaml", [0.3, 0.6, 0.9, 0.95, 0.2], {4},
            [(0, "Accuracy/Omission", "major", "open"), (1, "Fluency/Spelling", "minor", "resolved"),
             (2, "Accuracy/Mistranslation", "critical", "dismissed")])
    _review(out / "b.yaml", [0.9] * 5, set(range(5)), [])
    _review(out / "sub/c.yaml", [0.99] * 5, set(),
            [(1, "Fluency/Grammar", "minor", "open"), (3, "Style/Awkward", "minor", "open")])
    (out / "broken.yaml").write_text("format: 1\nsource: [\n", encoding="utf-8")
    (out / "summary.tsv").write_text(SUMMARY, encoding="utf-8")
    shutil.copy(ROOT / "alignments/glossary.yaml", out / "glossary.yaml")
    return out


def _per_1000(path: Path, points: float) -> float:
    return round(points * 1000 / mqm.source_words(store.load(path)), 2)


# ---------------------------------------------------------------- the core


def test_review_stats_count_as_the_status_line_and_score_as_the_report(folder):
    doc = store.load(folder / "a.yaml")
    stats = review_stats(doc)
    assert stats["rows"] == 5 and stats["confirmed_pct"] == 20.0
    assert stats["low_confidence"] == 2  # .3 red, .6 yellow; .2 is confirmed
    assert stats["open_flags"] == 1
    assert stats["mqm"] == _per_1000(folder / "a.yaml", 5 + 1)  # dismissed costs nothing
    assert stats["mqm"] == round(mqm.score(doc).per_1000, 2)
    assert review_stats(store.load(folder / "b.yaml"))["confirmed_pct"] == 100.0


def test_read_stats_gives_a_reason_for_what_does_not_load_and_reads_a_changed_file_again(folder):
    broken = read_stats(folder / "broken.yaml")
    assert list(broken) == ["reason"] and broken["reason"].startswith("does not load: line ")
    assert "cannot be read" in read_stats(folder / "missing.yaml")["reason"]
    assert read_stats(folder / "b.yaml")["low_confidence"] == 0
    _review(folder / "b.yaml", [0.1] * 5, set(), [])
    assert read_stats(folder / "b.yaml")["low_confidence"] == 5


def test_project_rows_list_documents_and_failed_pairs_not_the_glossary(folder):
    rows = {r["name"]: r for r in project_rows(folder)}
    assert sorted(rows) == ["a", "b", "broken", "gone", "sub/c"]
    assert rows["gone"]["status"] == "failed" and rows["gone"]["path"] is None
    assert rows["sub/c"]["path"] == folder / "sub/c.yaml"


# ---------------------------------------------------------------- the screen


def _run(app, script, size=(180, 30)):
    async def go():
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await script(pilot)
        return app.return_value
    return asyncio.run(go())


def _shown(app) -> dict[str, dict[str, str]]:
    """Each row's cells as the table shows them, by document."""
    from workbench.tui.project import COLUMNS

    table = app.query_one("DataTable")
    out = {}
    for i in range(table.row_count):
        cells = table.get_row_at(i)
        text = [getattr(c, "plain", c) for c in cells]
        out[text[0]] = dict(zip((c[0] for c in COLUMNS), text))
    return out


def _order(app) -> list[str]:
    table = app.query_one("DataTable")
    return [table.get_row_at(i)[0] for i in range(table.row_count)]


def test_each_document_shows_its_review_numbers(folder):
    from workbench.tui.project import ProjectApp

    app = ProjectApp(folder)
    seen = {}

    async def look(pilot):
        seen.update(_shown(app))
        seen["summary"] = str(app.query_one("#project-summary").render())
        seen["labels"] = [c.label.plain.strip() for c in app.query_one("DataTable").columns.values()]

    _run(app, look)
    assert seen["labels"] == ["document", "status", "rows", "% confirmed", "low conf.",
                              "open flags", "MQM/1k words", "mean conf.", "1-0/0-1",
                              "length ratio", "reason"]
    a, b, c = seen["a"], seen["b"], seen["sub/c"]
    assert (a["rows"], a["confirmed_pct"], a["low_confidence"], a["open_flags"]) == \
        ("5", "20.0", "2", "1")
    assert a["mqm"] == f"{_per_1000(folder / 'a.yaml', 6):.2f}"
    assert (b["confirmed_pct"], b["low_confidence"], b["open_flags"], b["mqm"]) == \
        ("100.0", "0", "0", "0.00")
    assert (c["confirmed_pct"], c["low_confidence"], c["open_flags"]) == ("0.0", "0", "2")
    assert c["mqm"] == f"{_per_1000(folder / 'sub/c.yaml', 2):.2f}"
    assert seen["broken"]["status"] == "broken"
    assert seen["broken"]["reason"].startswith("does not load: line ")
    assert seen["gone"]["status"] == "failed" and seen["gone"]["reason"] == "gone.src.txt: is empty"
    assert "glossary" not in seen
    assert "4 documents, 1 failed pair - worst first" in seen["summary"]
    assert "< > sort column, r reverse" in seen["summary"]


def test_sorting_by_a_column_reverses_on_a_second_press_and_keeps_empty_cells_last(folder):
    from workbench.tui.project import ProjectApp

    app = ProjectApp(folder)
    orders = {}

    async def sort(pilot):
        orders["worst first"] = _order(app)
        await pilot.press(*">" * 6)  # document, status, rows, % confirmed, low conf., open flags
        orders["open flags"] = _order(app)
        orders["summary"] = str(app.query_one("#project-summary").render())
        await pilot.press("r")
        orders["reversed"] = _order(app)
        await pilot.press("<")
        orders["low conf."] = _order(app)
        table = app.query_one("DataTable")
        x = sum(col.get_render_width(table) for col in list(table.columns.values())[:3]) + 2
        await pilot.click("#documents", offset=(x, 0))  # the header of % confirmed
        await pilot.pause()
        orders["% confirmed"] = _order(app)
        orders["order"] = app.order
        await pilot.click("#documents", offset=(x, 0))
        await pilot.pause()
        orders["% confirmed reversed"] = _order(app)
        await pilot.press("<", "<", "<", "<")  # rows, status, document, worst first
        orders["back"] = _order(app)
        await pilot.press(*["down"] * orders["back"].index("b"), ">", ">", "r")
        orders["cursor"] = table.get_row_at(table.cursor_row)[0]  # it stays on its document
        orders["by status"] = _order(app)

    _run(app, sort)
    assert orders["worst first"][:2] == ["gone", "broken"]  # failures first, as the summary
    assert orders["open flags"][:3] == ["sub/c", "a", "b"]
    assert "by open flags ▼" in orders["summary"]
    assert orders["reversed"][:3] == ["b", "a", "sub/c"]
    assert set(orders["reversed"][3:]) == {"gone", "broken"}  # no number: last both ways
    assert set(orders["open flags"][3:]) == {"gone", "broken"}
    assert orders["low conf."][0] == "a"
    assert orders["order"] == ("confirmed_pct", False)
    assert orders["% confirmed"][:3] == ["sub/c", "a", "b"]  # the least confirmed first
    assert orders["% confirmed reversed"][:3] == ["b", "a", "sub/c"]
    assert orders["back"] == orders["worst first"]
    assert orders["cursor"] == "b" and orders["by status"] != orders["back"]


def test_enter_returns_the_document_escape_none_and_the_cursor_stays_on_it(folder):
    from workbench.tui.project import ProjectApp

    app = ProjectApp(folder, order=("mqm", True))

    async def choose(pilot):
        assert _order(app)[0] == "a"  # the highest MQM
        await pilot.press("down", "enter")
        await pilot.pause()

    chosen = _run(app, choose)
    assert chosen == folder / "sub/c.yaml" and app.order == ("mqm", True)

    _review(folder / "sub/c.yaml", [0.99] * 5, {0, 1, 2, 3, 4}, [])  # reviewed meanwhile
    app = ProjectApp(folder, selected="sub/c", order=app.order)
    seen = {}

    async def back(pilot):
        table = app.query_one("DataTable")
        seen["cursor"] = table.get_row_at(table.cursor_row)[0]
        seen["c"] = _shown(app)["sub/c"]
        await pilot.press("escape")

    assert _run(app, back) is None
    assert seen["cursor"] == "sub/c"
    assert (seen["c"]["confirmed_pct"], seen["c"]["open_flags"]) == ("100.0", "2")


def test_a_broken_document_or_a_failed_pair_only_gives_a_notice(folder):
    from workbench.tui.project import ProjectApp

    app = ProjectApp(folder)
    notes = []

    async def enter(pilot):
        for name in ("gone", "broken"):
            table = app.query_one("DataTable")
            await pilot.press("home", *["down"] * table.get_row_index(name), "enter")
            await pilot.pause()
            assert app.is_running
        notes.extend(n.message for n in app._notifications)
        await pilot.press("q")

    assert _run(app, enter) is None
    assert notes[0] == "gone: no document (gone.src.txt: is empty)"
    assert notes[1].startswith("broken: does not load: line ")


def test_a_document_that_breaks_after_the_list_was_read_brings_the_list_back(folder, monkeypatch):
    """The program's loop: the document fails to open -> the list again, saying why."""
    from workbench import launcher
    from workbench.tui.project import ProjectApp

    answers = iter([folder / "broken.yaml", None])
    notices = []

    def run(self):
        notices.append(self.notice)
        return next(answers)

    monkeypatch.setattr(ProjectApp, "run", run)
    result = CliRunner().invoke(launcher.main, ["open", str(folder)])
    assert result.exit_code == 0, result.output
    assert notices[0] is None and "broken.yaml:" in notices[1]
