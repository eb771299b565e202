"""Two people, one document: the three-way merge, `workbench merge`, and git's merge driver."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import operations as ops
from workbench.core import review, store
from workbench.core.document import Bead, Document, check_invariants, copy_document, make_side
from workbench.core.errors import FormatError
from workbench.core.merge import MergeConflictError, merge, replacement_edit
from workbench.core.session import save_merging
from workbench.core.operations import apply_edit

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"


@pytest.fixture(scope="module")
def gold() -> Document:
    return store.load(BAKAI)


def fork(doc):
    return copy_document(doc), copy_document(doc)


def do(doc, edit):
    apply_edit(doc, edit)


def tgt_of(doc, row, k=0):
    return doc.beads[row].tgt[k]


def test_translator_fixes_and_reviewer_flags_merge_cleanly(gold):
    mine, theirs = fork(gold)
    # the translator: merges two rows, fixes a typo, splits a sentence
    do(mine, ops.merge_with_next(mine, 9))
    do(mine, ops.edit_sentence(mine, "tgt", tgt_of(mine, 30), "Fixed text of row 31."))
    do(mine, ops.split_sentence(mine, "src", mine.beads[51].src[0], 12))
    # the reviewer: unconfirms a row, raises flags, fixes another typo
    do(theirs, ops.unconfirm(theirs, 20))
    do(theirs, review.add_flag(theirs, 40, "Accuracy/Omission", "major", comment="missing"))
    do(theirs, review.add_flag(theirs, 9, "Fluency/Spelling", "minor", comment="typo"))
    do(theirs, ops.edit_sentence(theirs, "tgt", tgt_of(theirs, 61), "Reviewer's fix."))
    result = merge(gold, mine, theirs)
    assert result.clean, result.conflicts
    doc = result.doc
    check_invariants(doc)
    texts = [s.text for s in doc.target.sentences]
    assert "Fixed text of row 31." in texts and "Reviewer's fix." in texts
    assert len(doc.beads) == len(gold.beads) - 1  # one merge; a sentence split stays in its row
    assert not doc.beads[19].confirmed  # row 21 of gold is row 20 after the merge above it
    assert [f["comment"] for f in review.records(doc)] == ["missing", "typo"]
    assert review.flag_row(doc, review.flags(doc)[1]) == 9  # the flag follows its sentences
    assert result.mine_changes == 3 and result.theirs_changes >= 3


def test_a_text_fix_inside_rows_the_other_merged_is_kept(gold):
    mine, theirs = fork(gold)
    do(mine, ops.merge_with_next(mine, 5))
    sid = tgt_of(theirs, 6)
    do(theirs, ops.edit_sentence(theirs, "tgt", sid, "Their fix."))
    result = merge(gold, mine, theirs)
    assert result.clean
    assert result.doc.target.get(sid).text == "Their fix."
    assert result.doc.beads[5].tgt == gold.beads[5].tgt + gold.beads[6].tgt


def test_same_sentence_edited_twice_is_a_conflict_settled_per_choice(gold):
    mine, theirs = fork(gold)
    sid = tgt_of(gold, 7)
    do(mine, ops.edit_sentence(mine, "tgt", sid, "Mine."))
    do(theirs, ops.edit_sentence(theirs, "tgt", sid, "Theirs."))
    do(theirs, ops.unconfirm(theirs, 30))
    result = merge(gold, mine, theirs)
    assert len(result.conflicts) == 1
    c = result.conflicts[0]
    assert c.mine == ["Mine."] and c.theirs == ["Theirs."] and c.row == 7
    assert result.doc.target.get(sid).text == "Mine." and not result.doc.beads[30].confirmed
    assert merge(gold, mine, theirs, prefer="theirs").doc.target.get(sid).text == "Theirs."
    chosen = merge(gold, mine, theirs, choices={c.key: "theirs"})
    assert chosen.doc.target.get(sid).text == "Theirs."


def test_both_restructured_the_same_rows_is_a_row_conflict(gold):
    mine, theirs = fork(gold)
    do(mine, ops.merge_with_next(mine, 7))
    do(theirs, ops.detach(theirs, 7, "tgt"))
    result = merge(gold, mine, theirs)
    assert [c.key for c in result.conflicts] == ["rows:7-9"]
    assert result.doc.beads[7] == mine.beads[7]
    other = merge(gold, mine, theirs, prefer="theirs").doc
    assert other.beads[7:9] == theirs.beads[7:9]
    # confirmed by one, restructured by the other: a conflict too
    mine, theirs = fork(gold)
    do(mine, ops.unconfirm(mine, 12))
    do(theirs, ops.merge_with_next(theirs, 12))
    assert len(merge(gold, mine, theirs).conflicts) == 1


def test_same_change_on_both_sides_is_no_conflict(gold):
    mine, theirs = fork(gold)
    for d in (mine, theirs):
        do(d, ops.merge_with_next(d, 3))
        do(d, ops.edit_sentence(d, "src", d.beads[10].src[0], "Одинаково."))
    result = merge(gold, mine, theirs)
    assert result.clean and result.doc.beads == mine.beads


def test_new_sentence_ids_of_both_sides_never_collide(gold):
    mine, theirs = fork(gold)
    do(mine, ops.split_sentence(mine, "src", gold.beads[3].src[0], 12))
    do(theirs, ops.split_sentence(theirs, "src", gold.beads[51].src[0], 12))
    do(theirs, review.add_flag(theirs, 51, "Other", "minor", comment="on the new halves"))
    result = merge(gold, mine, theirs)
    assert result.clean
    doc = result.doc
    ids = [s.id for s in doc.source.sentences]
    assert len(ids) == len(set(ids)) == len(gold.source.sentences) + 2
    assert doc.beads[3].src == mine.beads[3].src
    new = doc.beads[51].src
    assert all(i >= mine.source.next_id for i in new)
    assert doc.source.next_id > max(ids)
    assert review.flags(doc)[0].src == new  # the flag was renumbered with its sentences


def test_flags_both_added_with_the_same_id_are_both_kept(gold):
    mine, theirs = fork(gold)
    do(mine, review.add_flag(mine, 1, "Other", "minor", comment="mine"))
    do(theirs, review.add_flag(theirs, 2, "Other", "major", comment="theirs"))
    f_mine = copy_document(mine)
    do(f_mine, review.resolve_flag(f_mine, 1))
    result = merge(gold, f_mine, theirs)
    assert result.clean
    flags = review.flags(result.doc)
    # THEIRS' flag is in the file already (a command may have printed its id): it keeps id 1,
    # MINE's, not saved yet, becomes 2
    assert sorted((f.id, f.comment, f.status) for f in flags) == [(1, "theirs", "open"),
                                                                   (2, "mine", "resolved")]


def test_flag_fields_merge_and_clash(gold):
    base = copy_document(gold)
    do(base, review.add_flag(base, 1, "Other", "minor", comment="c"))
    mine, theirs = fork(base)
    do(mine, review.resolve_flag(mine, 1))
    do(theirs, review.edit_flag(theirs, 1, comment="better comment"))
    result = merge(base, mine, theirs)
    assert result.clean
    assert (review.flags(result.doc)[0].status, review.flags(result.doc)[0].comment) == \
        ("resolved", "better comment")
    do(theirs, review.dismiss_flag(theirs, 1))
    result = merge(base, mine, theirs)
    assert [c.key for c in result.conflicts] == ["flag:1"]


def test_glossary_and_spelling_sections_merge(gold):
    base = copy_document(gold)
    base.extra["spelling"] = [{"ignore": "bakai", "lang": "en"}]
    base.extra["glossary"] = [{"source": "снос", "target": "demolition"}]
    mine, theirs = fork(base)
    mine.extra["spelling"] = mine.extra["spelling"] + [{"ignore": "shanyrak", "lang": "en"}]
    theirs.extra["spelling"] = []
    theirs.extra["glossary"] = theirs.extra["glossary"] + [{"source": "акимат", "target": "akimat"}]
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.doc.extra["spelling"] == [{"ignore": "shanyrak", "lang": "en"}]
    assert [t["source"] for t in result.doc.extra["glossary"]] == ["снос", "акимат"]


def test_replacement_edit_turns_mine_into_the_merge_and_undoes(gold):
    mine, theirs = fork(gold)
    do(mine, ops.merge_with_next(mine, 2))
    do(theirs, ops.unconfirm(theirs, 40))
    do(theirs, review.add_flag(theirs, 4, "Other", "minor"))
    before = (list(mine.beads), list(mine.target.sentences), dict(mine.extra))
    result = merge(gold, mine, theirs)
    edit = replacement_edit(mine, result.doc)
    do(mine, edit)
    assert mine.beads == result.doc.beads and mine.extra["flags"] == result.doc.extra["flags"]
    ops.revert_edit(mine, edit)
    assert (list(mine.beads), list(mine.target.sentences)) == before[:2]


def test_merge_of_10k_rows_is_fast(gold):
    src = make_side("ru", [(f"предложение номер {i}.", 0) for i in range(10_000)])
    tgt = make_side("en", [(f"sentence number {i}.", 0) for i in range(10_000)])
    base = Document(src, tgt, [Bead((i,), (i,), 0.9) for i in range(10_000)])
    mine, theirs = fork(base)
    for k in range(0, 10_000, 500):
        do(mine, ops.merge_with_next(mine, k))
        do(theirs, ops.confirm(theirs, k + 200))
        do(theirs, ops.edit_sentence(theirs, "tgt", theirs.beads[k + 300].tgt[0], f"fixed {k}"))
    t = time.perf_counter()
    result = merge(base, mine, theirs)
    took = time.perf_counter() - t
    assert result.clean and len(result.doc.beads) == 10_000 - 20
    assert took < 3.0, took  # ~0.3 s here


def test_save_merging_keeps_the_other_save(tmp_path, gold):
    path = tmp_path / "doc.yaml"
    store.save(gold, path)
    base, sha = store.load_with_hash(path)
    mine = copy_document(base)
    do(mine, ops.merge_with_next(mine, 1))
    theirs = copy_document(base)  # someone saves meanwhile
    do(theirs, ops.unconfirm(theirs, 61))
    store.save(theirs, path)
    result = save_merging(mine, path, base, sha)
    assert result is not None and result.clean
    saved = store.load(path)
    assert len(saved.beads) == 68 and not saved.beads[60].confirmed
    # a conflicting change: nothing is written
    before = path.read_bytes()
    base2, sha2 = store.load_with_hash(path)
    mine2 = copy_document(base2)
    do(mine2, ops.unconfirm(mine2, 3))
    theirs2 = copy_document(base2)
    do(theirs2, ops.merge_with_next(theirs2, 3))
    store.save(theirs2, path)
    before = path.read_bytes()
    with pytest.raises(MergeConflictError):
        save_merging(mine2, path, base2, sha2)
    assert path.read_bytes() == before


# ---------------------------------------------------------------- the command and git

def _write(doc, path):
    store.save(doc, path)
    return path


def test_merge_command_exit_codes_and_output(tmp_path, gold):
    mine, theirs = fork(gold)
    do(mine, ops.merge_with_next(mine, 1))
    do(theirs, ops.unconfirm(theirs, 51))
    b, m, t = (_write(d, tmp_path / f"{n}.yaml") for d, n in ((gold, "b"), (mine, "m"), (theirs, "t")))
    out = tmp_path / "out.yaml"
    res = CliRunner().invoke(main, ["merge", str(b), str(m), str(t), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "0 conflict(s)" in res.stderr
    merged = store.load(out)
    assert len(merged.beads) == 68 and not merged.beads[50].confirmed
    # conflicts: exit 1, mine kept (or theirs), listed on stderr, output still loadable
    do(theirs, ops.detach(theirs, 1, "src"))
    _write(theirs, t)
    res = CliRunner().invoke(main, ["merge", str(b), str(m), str(t), "-o", str(out)])
    assert res.exit_code == 1
    assert "conflict: " in res.stderr and "kept mine" in res.stderr
    assert store.load(out).beads[1] == mine.beads[1]
    res = CliRunner().invoke(main, ["merge", str(b), str(m), str(t), "--theirs"])
    assert res.exit_code == 1 and "kept theirs" in res.stderr
    assert store.loads(res.stdout).beads[1:4] == theirs.beads[1:4]
    # broken input: exit 2
    (tmp_path / "broken.yaml").write_text("format: 1\nbeads: [\n")
    res = CliRunner().invoke(main, ["merge", str(b), str(m), str(tmp_path / "broken.yaml")])
    assert res.exit_code == 2 and "broken.yaml:" in res.output


def _git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
                               "HOME": str(repo), "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_merge_driver(tmp_path):
    repo = tmp_path / "repo"
    (repo / "alignments").mkdir(parents=True)
    (repo / "texts" / "ru").mkdir(parents=True)
    (repo / "texts" / "en").mkdir(parents=True)
    shutil.copy(ROOT / "texts/ru/bakai.txt", repo / "texts/ru/bakai.txt")
    shutil.copy(ROOT / "texts/en/bakai.txt", repo / "texts/en/bakai.txt")
    doc_path = repo / "alignments" / "bakai.yaml"
    shutil.copy(BAKAI, doc_path)
    exe = Path(sys.executable).parent / "workbench"
    (repo / ".gitattributes").write_text("alignments/*.yaml merge=workbench\n")
    assert _git(repo, "init", "-q", "-b", "main").returncode == 0
    _git(repo, "config", "merge.workbench.name", "workbench alignment merge")
    _git(repo, "config", "merge.workbench.driver", f"{exe} merge %O %A %B -o %A")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")

    def commit_on(branch, change, new=True):
        _git(repo, "checkout", "-q", *(["-b"] if new else []), branch)
        d = store.load(doc_path)
        change(d)
        store.save(d, doc_path)
        (doc_path.parent / "bakai.yaml~").unlink(missing_ok=True)
        assert _git(repo, "commit", "-qam", branch).returncode == 0

    commit_on("translator", lambda d: do(d, ops.merge_with_next(d, 10)))
    _git(repo, "checkout", "-q", "main")
    commit_on("reviewer", lambda d: do(d, ops.unconfirm(d, 40)))
    _git(repo, "checkout", "-q", "translator")
    res = _git(repo, "merge", "-q", "--no-edit", "reviewer")
    assert res.returncode == 0, res.stdout + res.stderr
    merged = store.load(doc_path)
    assert len(merged.beads) == 68 and not merged.beads[39].confirmed
    assert merged.source.path == str(repo / "alignments" / "../texts/ru/bakai.txt")
    # the same row on both branches: git reports the conflict, the file stays loadable (ours)
    commit_on("reviewer", lambda d: do(d, ops.unconfirm(d, 5)), new=False)
    _git(repo, "checkout", "-q", "translator")
    commit_on("translator", lambda d: do(d, ops.merge_with_next(d, 5)), new=False)
    res = _git(repo, "merge", "--no-edit", "reviewer")
    assert res.returncode != 0 and "CONFLICT" in res.stdout
    ours = store.load(doc_path)
    assert ours.beads[5] == Bead(merged.beads[5].src + merged.beads[6].src,
                                 merged.beads[5].tgt + merged.beads[6].tgt)
    with pytest.raises(FormatError):  # nothing but a valid document: no conflict markers
        store.loads("<<<<<<< " + doc_path.read_text())
