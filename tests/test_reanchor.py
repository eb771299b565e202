"""Source drift: a text file changed since the document was made; re-anchoring onto it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import review, store
from workbench.core.document import check_invariants
from workbench.core.reanchor import drifted_sides, read_new_text, reanchor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the Bakai project (texts + the gold document) to change."""
    for rel in ("texts/ru/bakai.txt", "texts/en/bakai.txt", "alignments/bakai.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def edit_text(project: Path, side: str, old: str, new: str) -> None:
    p = project / "texts" / side / "bakai.txt"
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def moved(project: Path, side: str = "tgt", encoder=None):
    doc = store.load(project / "alignments/bakai.yaml")
    return doc, reanchor(doc, {side: read_new_text(doc, side)}, encoder)


def test_unchanged_texts_do_not_drift(project):
    assert drifted_sides(store.load(project / "alignments/bakai.yaml")) == {}


def test_a_fixed_typo_keeps_ids_rows_and_confirmation(project):
    edit_text(project, "en", "squatters' community just outside", "squatters’ community right outside")
    doc, res = moved(project)
    assert set(drifted_sides(doc)) == {"tgt"}
    rep = res.sides["tgt"]
    assert (rep.changed, rep.new, rep.removed) == (1, 0, 0)
    assert res.confirmed_kept == res.confirmed_before == 69
    assert [b.src for b in res.doc.beads] == [b.src for b in doc.beads]
    assert [b.tgt for b in res.doc.beads] == [b.tgt for b in doc.beads]
    assert drifted_sides(res.doc) == {} and res.doc.target.sha256 != doc.target.sha256
    check_invariants(res.doc)


def test_a_typo_fixed_in_the_file_like_in_the_document_is_kept(project):
    edit_text(project, "en", "Inititally", "Initially")  # fixed in the document already
    doc, res = moved(project)
    assert res.sides["tgt"].kept == len(doc.target.sentences) and res.confirmed_lost == 0
    assert res.doc.target.get(11).original == doc.target.get(11).original


def test_an_edited_sentence_changed_in_the_file_keeps_the_edit(project):
    edit_text(project, "en", "Inititally, the situation", "Inititally, the whole situation")
    doc, res = moved(project)
    s = res.doc.target.get(11)
    assert s.text == doc.target.get(11).text and s.original.startswith("Inititally, the whole")


def test_a_re_split_sentence_finds_its_row(project):
    edit_text(project, "en", "a street battle took place in Bakai, a squatters' community",
              "a street battle took place in Bakai. It is a squatters' community")
    doc, res = moved(project)
    rep = res.sides["tgt"]
    assert rep.split == 1 and rep.new == 0 and rep.removed == 0
    row = next(i for i, b in enumerate(doc.beads) if 8 in b.tgt)
    new_ids = res.doc.beads[row].tgt
    assert 8 not in new_ids and len(new_ids) == len(doc.beads[row].tgt) + 1
    assert res.doc.beads[row].confirmed and res.confirmed_lost == 0


def test_joined_sentences_keep_the_first_id(project):
    ru = (project / "texts/ru/bakai.txt").read_text(encoding="utf-8")
    doc = store.load(project / "alignments/bakai.yaml")
    row = next(b for b in doc.beads if len(b.src) >= 2)
    a, b = (doc.source.get(i).text for i in row.src[:2])
    assert f"{a} {b}" in ru
    edit_text(project, "ru", f"{a} {b}", f"{a[:-1]}; {b[0].lower()}{b[1:]}")
    doc, res = moved(project, "src")
    assert res.sides["src"].joined == 1
    assert row.src[0] in [s.id for s in res.doc.source.sentences]
    assert row.src[1] not in [s.id for s in res.doc.source.sentences]


def test_new_and_removed_sentences_and_realignment(project, fake_encoder):
    edit_text(project, "en", "Russian original for this translation w/ more photos here:",
              "Russian original for this translation w/ more photos here:\n\nA brand new line.")
    edit_text(project, "en", "zhanara | 18.05.2006 17:24 | Migration | Repression | Social Struggles\n", "")
    doc, res = moved(project)
    rep = res.sides["tgt"]
    assert rep.removed == 1 and rep.new == 1 and res.confirmed_lost == 1
    new_id = max(s.id for s in res.doc.target.sentences)
    assert new_id == doc.target.next_id and res.doc.target.next_id == new_id + 1
    assert any(b.tgt == (new_id,) and not b.src for b in res.doc.beads)
    check_invariants(res.doc)
    # with an encoder, the unconfirmed rows are re-aligned; the confirmed ones stay
    doc, res2 = moved(project, encoder=fake_encoder)
    assert res2.realigned and res2.confirmed_kept == 68
    kept = [b for b in res.doc.beads if b.confirmed]
    assert [b for b in res2.doc.beads if b.confirmed] == kept


def test_flags_stay_on_their_sentences_and_spans_follow_words(project):
    doc = store.load(project / "alignments/bakai.yaml")
    from workbench.core.operations import apply_edit

    row = next(i for i, b in enumerate(doc.beads) if 8 in b.tgt)
    text = doc.target.get(8).text
    start = text.index("Bakai")
    apply_edit(doc, review.add_flag(doc, row, "Fluency/Spelling", "minor",
                                    span=review.Span("tgt", 8, start, start + 5)))
    store.save(doc, project / "alignments/bakai.yaml")
    edit_text(project, "en", "On 12 May, 2006 a street battle", "On 12 May 2006, a street battle")
    doc, res = moved(project)
    flag = review.flags(res.doc)[0]
    assert flag.tgt == doc.beads[row].tgt and review.flag_row(res.doc, flag) == row
    assert review.span_text(res.doc, flag) == "Bakai"


def test_reanchor_command(project):
    edit_text(project, "en", "squatters' community just outside", "squatters’ community right outside")
    doc_path = project / "alignments/bakai.yaml"
    runner = CliRunner()
    res = runner.invoke(main, ["reanchor", str(doc_path), "--no-realign"])
    assert res.exit_code == 0, res.output
    assert "changed since this document was made" in res.output
    assert "en sentences: 82 kept, 1 changed, 0 new, 0 removed" in res.output
    assert "confirmed rows: 69 kept, 0 lost (of 69)" in res.output
    assert Path(str(doc_path) + "~").exists()
    assert drifted_sides(store.load(doc_path)) == {}
    res = runner.invoke(main, ["reanchor", str(doc_path)])
    assert res.exit_code == 0 and "nothing to do" in res.output


def test_open_warns_about_drift(project, monkeypatch):
    from workbench.tui.app import WorkbenchApp

    monkeypatch.setattr(WorkbenchApp, "run", lambda self: None)
    edit_text(project, "ru", "Маленькая победа", "Небольшая победа")
    res = CliRunner().invoke(main, ["open", str(project / "alignments/bakai.yaml")])
    assert res.exit_code == 0
    assert "texts/ru/bakai.txt changed since this document was made" in res.stderr
    assert "workbench reanchor" in res.stderr


def test_align_update_reanchors_changed_texts(project, use_encoder):
    edit_text(project, "en", "squatters' community just outside", "squatters’ community right outside")
    out = project / "alignments/bakai.yaml"
    res = CliRunner().invoke(main, ["align", str(project / "texts/ru/bakai.txt"),
                                    str(project / "texts/en/bakai.txt"), "-o", str(out),
                                    "--update"])
    assert res.exit_code == 0, res.output
    assert "re-anchored" in res.output and "1 changed" in res.output
    assert store.load(out).confirmed_count == 69


def test_re_aligning_uses_the_documents_own_model_unless_told(project, monkeypatch, fake_encoder):
    """A document aligned with the ensemble is re-aligned with the ensemble, not the default."""
    from workbench.core import embed
    from workbench.tui.app import WorkbenchApp

    doc_path = project / "alignments/bakai.yaml"
    doc = store.load(doc_path)
    doc.model = "use-v3+e5-small"
    store.save(doc, doc_path)
    asked = []
    monkeypatch.setattr(embed, "load_encoder", lambda name, **kw: asked.append(name) or fake_encoder)
    edit_text(project, "en", "squatters' community just outside", "squatters’ community right outside")
    runner = CliRunner()
    assert runner.invoke(main, ["reanchor", str(doc_path)]).exit_code == 0
    edit_text(project, "en", "squatters’ community right outside", "squatters' community just outside")
    assert runner.invoke(main, ["reanchor", str(doc_path), "--model", "e5-small"]).exit_code == 0
    assert asked == ["use-v3+e5-small", "e5-small"]
    assert WorkbenchApp.open_file(doc_path).model_name == "use-v3+e5-small"
    assert WorkbenchApp.open_file(doc_path, model="use-v3").model_name == "use-v3"


def test_a_document_naming_no_usable_model_is_re_aligned_with_the_default(tmp_path):
    from workbench.core.embed import model_to_reuse

    assert model_to_reuse("hand-checked gold") == "use-v3"
    assert model_to_reuse(None) == "use-v3"
    assert model_to_reuse("e5-small") == "e5-small"
    assert model_to_reuse("use-v3+e5-small") == "use-v3+e5-small"
    assert model_to_reuse(str(tmp_path)) == str(tmp_path)  # a local model folder
    assert model_to_reuse(str(tmp_path / "gone")) == "use-v3"
