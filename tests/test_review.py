"""Review flags through the core: lifecycle with undo/redo, anchoring, validation, MQM scores."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import operations as ops, review, store
from workbench.core.document import Bead, Document, Sentence, Side
from workbench.core.errors import FormatError, OperationError
from workbench.core.mqm import Weights, score, source_words
from workbench.core.operations import History
from workbench.core.review import Span

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-01-05T10:00:00+00:00"


def small_doc() -> Document:
    src = Side("ru", [Sentence(0, "Один два три."), Sentence(1, "Четыре пять."),
                      Sentence(2, "Шесть семь восемь девять.")])
    tgt = Side("en", [Sentence(0, "One two three."), Sentence(1, "Four five."),
                      Sentence(2, "Six seven eigth nine.")])
    beads = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))]
    return Document(src, tgt, beads)


def test_flag_lifecycle_with_undo_and_redo():
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 2, "Fluency/Spelling", "minor", comment="typo",
                         span=Span("tgt", 2, 10, 15), suggestion="eight", author="anna", now=NOW))
    [f] = review.flags(doc)
    assert (f.id, f.src, f.tgt, f.status, f.origin, f.author, f.created) == \
        (1, (2,), (2,), "open", "manual", "anna", NOW)
    assert doc.target.get(2).text[f.span.start:f.span.end] == "eigth"
    snapshots = [list(doc.extra["flags"])]
    h.do(review.edit_flag(doc, 1, severity="major", comment="typo in a number"))
    snapshots.append(list(doc.extra["flags"]))
    h.do(review.resolve_flag(doc, 1))
    snapshots.append(list(doc.extra["flags"]))
    assert review.get_flag(doc, 1).status == "resolved"
    h.do(review.reopen_flag(doc, 1))
    h.do(review.dismiss_flag(doc, 1))
    assert review.get_flag(doc, 1).status == "dismissed"
    h.do(review.delete_flag(doc, 1))
    assert review.flags(doc) == []
    for _ in range(3):
        h.undo()
    assert doc.extra["flags"] == snapshots[2]
    h.undo()
    h.undo()
    assert doc.extra["flags"] == snapshots[0]
    h.undo()
    assert doc.extra["flags"] == []
    while h.can_redo():
        h.redo()
    assert review.flags(doc) == []


def test_accepting_a_suggestion_fixes_the_text_and_resolves_in_one_undoable_step():
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 2, "Fluency/Spelling", "minor", span=Span("tgt", 2, 10, 15),
                         suggestion="eight", author="a", now=NOW))
    assert review.span_text(doc, review.get_flag(doc, 1)) == "eigth"
    h.do(review.accept_suggestion(doc, 1))
    s = doc.target.get(2)
    assert (s.text, s.original) == ("Six seven eight nine.", "Six seven eigth nine.")
    assert review.get_flag(doc, 1).status == "resolved"
    h.undo()
    assert doc.target.get(2).text == "Six seven eigth nine."
    assert review.get_flag(doc, 1).status == "open"
    h.do(review.add_flag(doc, 1, "Other", "minor", author="a", now=NOW))
    with pytest.raises(OperationError, match="no suggestion"):
        review.accept_suggestion(doc, 2)


def test_an_accepted_suggestion_moves_the_spans_with_the_text():
    """"Askaraova" -> "Askarova,": the accepted flag's span covers the suggestion (the report
    highlights it, not the comma after it), and a later flag in the sentence moves along."""
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 2, "Fluency/Spelling", "minor", span=Span("tgt", 2, 10, 15),
                         suggestion="eight,", author="a", now=NOW))
    h.do(review.add_flag(doc, 2, "Style/Awkward", "minor", span=Span("tgt", 2, 16, 20),
                         author="a", now=NOW))
    h.do(review.add_flag(doc, 2, "Other", "minor", span=Span("tgt", 2, 0, 3), author="a",
                         now=NOW))
    h.do(review.accept_suggestion(doc, 1))
    assert review.span_text(doc, review.get_flag(doc, 1)) == "eight,"
    assert review.span_text(doc, review.get_flag(doc, 2)) == "nine"
    assert review.span_text(doc, review.get_flag(doc, 3)) == "Six"  # before it: unmoved
    h.undo()
    assert review.span_text(doc, review.get_flag(doc, 2)) == "nine"
    assert review.get_flag(doc, 2).span == Span("tgt", 2, 16, 20)


def test_status_changes_that_do_nothing_are_refused():
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 0, "Other", "neutral", author="a", now=NOW))
    with pytest.raises(OperationError, match="already open"):
        review.reopen_flag(doc, 1)
    with pytest.raises(OperationError, match="no flag 9"):
        review.resolve_flag(doc, 9)
    with pytest.raises(OperationError, match="unchanged"):
        review.edit_flag(doc, 1, severity="neutral")


@pytest.mark.parametrize("kwargs, message", [
    (dict(category="Accuracy/Omision", severity="minor"), "did you mean Accuracy/Omission"),
    (dict(category="Other", severity="huge"), "unknown severity"),
    (dict(category="Other", severity="minor", span=Span("tgt", 0, 3, 99)), "outside sentence"),
    (dict(category="Other", severity="minor", span=Span("tgt", 1, 0, 2)), "not in row 1"),
])
def test_bad_flags_are_refused(kwargs, message):
    with pytest.raises(OperationError, match=message):
        review.add_flag(small_doc(), 0, **kwargs)


def test_flags_follow_their_sentences_through_row_edits():
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 1, "Other", "minor", author="a", now=NOW))
    h.do(review.add_flag(doc, 2, "Other", "minor", span=Span("tgt", 2, 0, 3), author="a", now=NOW))
    h.do(ops.merge_with_next(doc, 0))          # rows 0+1 merge: flag 1 now on row 0
    assert [review.flag_row(doc, f) for f in review.flags(doc)] == [0, 1]
    h.do(ops.detach(doc, 1, "tgt"))            # the target of row 1 moves to a row of its own
    assert review.flag_row(doc, review.get_flag(doc, 2)) == 2  # it follows its span
    h.do(ops.split_sentence(doc, "src", 1, 6))  # source 1 gets new ids: flag 1 keeps target 1
    assert review.flag_row(doc, review.get_flag(doc, 1)) == 0
    by_row = review.flags_by_row(doc)
    assert sorted(k for k in by_row if k is not None) == [0, 2]


def test_a_flag_whose_sentences_all_vanished_is_detached_not_an_error(tmp_path):
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 2, "Other", "minor", span=Span("src", 2, 0, 5), author="a", now=NOW))
    h.do(ops.split_sentence(doc, "src", 2, 6))
    h.do(ops.split_sentence(doc, "tgt", 2, 4))
    assert review.flag_row(doc, review.get_flag(doc, 1)) is None
    store.save(doc, tmp_path / "d.yaml")
    back = store.load(tmp_path / "d.yaml")
    assert review.flags_by_row(back)[None][0].id == 1


def test_flags_round_trip_one_line_each(tmp_path):
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 0, "Accuracy/Mistranslation", "major",
                         comment='he said: "no" & <b>left</b>: «ушёл»', suggestion="Одно",
                         span=Span("src", 0, 0, 4), author="anna", now=NOW))
    h.do(review.add_flag(doc, 1, "Style/Awkward", "minor", author="boris", now=NOW))
    path = tmp_path / "d.yaml"
    store.save(doc, path)
    text = path.read_text(encoding="utf-8")
    flag_lines = text[text.index("flags:"):].splitlines()[1:]
    assert len(flag_lines) == 2 and all(line.startswith("- {id: ") for line in flag_lines)
    assert review.flags(store.load(path)) == review.flags(doc)


def _yaml_with_flag(record: str) -> str:
    doc = small_doc()
    return store.dumps(doc) + "flags:\n" + record + "\n"


@pytest.mark.parametrize("record, message", [
    ("- {id: 1, src: [0], tgt: [0], category: Accuracy/Wrong, severity: minor}",
     "unknown MQM category"),
    ("- {id: 1, src: [0], tgt: [0], category: Other, severity: bad}", "unknown severity"),
    ("- {id: 1, src: [0], tgt: [0], category: Other, severity: minor, status: done}",
     "unknown status"),
    ("- {id: 1, src: [0], tgt: [42], category: Other, severity: minor}",
     "target sentence 42, which this document never had"),
    ("- {id: 1, src: [], tgt: [], category: Other, severity: minor}", "names no sentence"),
    ("- {id: 1, src: [0], tgt: [0], span: {side: tgt, id: 0, start: 5, end: 2}, category: Other, "
     "severity: minor}", "span must be"),
])
def test_bad_flag_records_are_reported_with_file_and_line(record, message):
    text = _yaml_with_flag("- {id: 2, src: [1], tgt: [1], category: Other, severity: minor}\n"
                           + record.replace("id: 1", "id: 3", 1))
    line = text.splitlines().index(record.replace("id: 1", "id: 3", 1)) + 1
    with pytest.raises(FormatError, match=message) as err:
        store.loads(text, path="x.yaml")
    assert str(err.value).startswith(f"x.yaml:{line}:")


def test_filters():
    doc = small_doc()
    h = History(doc)
    h.do(review.add_flag(doc, 0, "Accuracy/Omission", "major", author="anna", now=NOW))
    h.do(review.add_flag(doc, 1, "Fluency/Spelling", "minor", author="boris", now=NOW))
    h.do(review.add_flag(doc, 2, "Accuracy/Addition", "critical", author="anna", now=NOW,
                         origin="qa:length", key="k"))
    h.do(review.dismiss_flag(doc, 3))
    fl = review.flags(doc)
    ids = lambda xs: [f.id for f in xs]  # noqa: E731
    assert ids(review.filter_flags(fl, category="Accuracy")) == [1, 3]
    assert ids(review.filter_flags(fl, severity=["minor", "major"])) == [1, 2]
    assert ids(review.filter_flags(fl, min_severity="major")) == [1, 3]
    assert ids(review.filter_flags(fl, status="open", author="anna")) == [1]
    assert ids(review.filter_flags(fl, origin="qa")) == [3]
    assert ids(review.filter_flags(fl, origin="manual")) == [1, 2]


# ---------------------------------------------------------------- MQM arithmetic

def _scored_doc() -> Document:
    doc = small_doc()  # 3 + 2 + 4 = 9 source words
    h = History(doc)
    for row, cat, sev in [(0, "Accuracy/Mistranslation", "major"), (0, "Fluency/Spelling", "minor"),
                          (1, "Fluency/Punctuation", "minor"), (1, "Fluency/Punctuation", "minor"),
                          (2, "Accuracy/Omission", "critical"), (2, "Style/Awkward", "neutral"),
                          (2, "Non-translation", "major"), (1, "Fluency/Grammar", "major")]:
        h.do(review.add_flag(doc, row, cat, sev, author="a", now=NOW))
    h.do(review.resolve_flag(doc, 2))   # resolved: still counts
    h.do(review.dismiss_flag(doc, 8))   # dismissed: the grammar major does not count
    return doc


def test_mqm_default_weights_by_hand():
    doc = _scored_doc()
    assert source_words(doc) == 9
    sc = score(doc)
    # 5 + 1 + 1 + 1 + 25 + 0 + 5 = 38
    assert sc.total == 38 and sc.count == 7
    assert sc.per_1000 == pytest.approx(38 * 1000 / 9)
    assert sc.by_category["Fluency/Punctuation"].penalty == 2
    assert sc.by_category["Fluency/Punctuation"].count == 2
    assert "Fluency/Grammar" not in sc.by_category
    assert sc.by_severity == {"neutral": 1, "minor": 3, "major": 2, "critical": 1}
    assert list(sc.by_category)[0] == "Accuracy/Omission"  # ordered by penalty


def test_mqm_wmt_and_custom_weights_by_hand():
    doc = _scored_doc()
    # WMT: punctuation minor 0.1 each, non-translation 25: 5 + 1 + 0.2 + 25 + 0 + 25
    assert score(doc, weights=Weights.wmt()).total == pytest.approx(56.2)
    w = Weights.parse("major=10,critical=100,punctuation-minor=0.5")
    # 10 + 1 + 0.5 + 0.5 + 100 + 0 + 10
    assert score(doc, weights=w).total == pytest.approx(122)
    assert Weights.parse("acc/omi:critical=1").weight("Accuracy/Omission", "critical") == 1
    with pytest.raises(Exception, match="bad weight"):
        Weights.parse("huge=3")


def test_flag_cli_add_list_resolve(tmp_path):
    path = tmp_path / "d.yaml"
    store.save(small_doc(), path)
    r = CliRunner()
    res = r.invoke(main, ["flag", "add", str(path), "3", "-c", "flu/spel", "-s", "minor",
                          "-m", "typo", "--text", "eigth", "--suggest", "eight", "--user", "anna"])
    assert res.exit_code == 0, res.output
    [f] = review.flags(store.load(path))
    assert (f.category, f.span, f.author, f.suggestion) == \
        ("Fluency/Spelling", Span("tgt", 2, 10, 15), "anna", "eight")
    res = r.invoke(main, ["flag", "list", str(path), "--status", "open"])
    assert "eigth" in res.output and "Fluency/Spelling" in res.output
    assert r.invoke(main, ["flag", "resolve", str(path), "1"]).exit_code == 0
    assert review.get_flag(store.load(path), 1).status == "resolved"
    res = r.invoke(main, ["flag", "add", str(path), "9", "-c", "Other", "-s", "minor"])
    assert res.exit_code == 2 and "no row 9" in res.output
    res = r.invoke(main, ["flag", "add", str(path), "1", "-c", "Fluency", "-s", "minor"])
    assert res.exit_code == 2 and "could be" in res.output
