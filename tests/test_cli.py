"""The CLI end to end on the Bakai pair with the fast model, and its error handling."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import store
from workbench.core.evaluate import document_beads, score

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def aligned_bakai(tmp_path_factory):
    """`workbench align` run once on the Bakai pair with the default model."""
    out = tmp_path_factory.mktemp("cli") / "bakai.yaml"
    res = CliRunner().invoke(main, ["align", str(ROOT / "texts/ru/bakai.txt"),
                                    str(ROOT / "texts/en/bakai.txt"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out, res.output


def test_align_bakai_reaches_the_gold(aligned_bakai):
    out, output = aligned_bakai
    assert "rows" in output
    doc = store.load(out)
    gold = store.load(ROOT / "alignments/bakai.yaml")
    res = score(document_beads(doc), document_beads(gold))
    assert res["strict"].f1 >= 0.95
    assert doc.model == "use-v3" and doc.source.sha256 and doc.confirmed_count == 0
    assert all(0 <= b.confidence <= 1 for b in doc.beads)


def test_eval_prints_strict_and_lax(runner, aligned_bakai):
    res = runner.invoke(main, ["eval", str(aligned_bakai[0]), str(ROOT / "alignments/bakai.yaml")])
    assert res.exit_code == 0
    assert res.output.splitlines()[1].startswith("strict") and "lax" in res.output


def test_eval_reads_bead_files_and_yaml(runner, tmp_path):
    (tmp_path / "a").write_text("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n")
    (tmp_path / "g").write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n")
    res = runner.invoke(main, ["eval", str(tmp_path / "a"), str(tmp_path / "g")])
    # strict: 1 of 3 proposed beads right, 1 of 3 gold pairs found
    assert "strict       0.333   0.333   0.333" in res.output
    # lax: [1,2]:[1] overlaps gold [1]:[1]; [3]:[] overlaps nothing -> P 2/3; R: [0],[1] found, [3]:[2] not
    assert "lax          0.667   0.667   0.667" in res.output


def test_show_beads_format_matches_the_gold_file_format(runner):
    res = runner.invoke(main, ["show", "--format", "beads", str(ROOT / "alignments/bakai.yaml")])
    lines = res.output.splitlines()
    assert lines[0] == "[]:[0]" and lines[1] == "[0]:[1]" and len(lines) == 69


def test_show_columns_prints_both_texts(runner):
    res = runner.invoke(main, ["show", str(ROOT / "alignments/bakai.yaml")], terminal_width=160)
    assert res.exit_code == 0
    assert "Бакай" in res.output and "Bakai" in res.output and "2-1" in res.output


def test_align_refuses_to_overwrite_confirmed_rows(runner, tmp_path):
    out = tmp_path / "gold.yaml"
    shutil.copy(ROOT / "alignments/bakai.yaml", out)
    # the copy's source paths are relative to alignments/: rewrite to absolute ones
    doc = store.load(ROOT / "alignments/bakai.yaml")
    store.save(doc, out)
    before = out.read_bytes()
    args = ["align", str(ROOT / "texts/ru/bakai.txt"), str(ROOT / "texts/en/bakai.txt"), "-o", str(out)]
    res = runner.invoke(main, args)
    assert res.exit_code == 2
    assert "69 confirmed rows" in res.output and "--update" in res.output
    assert out.read_bytes() == before
    res = runner.invoke(main, args + ["--update"])
    assert res.exit_code == 0, res.output
    assert store.load(out).beads == doc.beads  # all confirmed: nothing re-aligned


def test_update_keeps_confirmed_and_realigns_the_rest(runner, tmp_path):
    doc = store.load(ROOT / "alignments/bakai.yaml")
    from dataclasses import replace
    doc.beads = [b if i < 20 else replace(b, status="proposed") for i, b in enumerate(doc.beads)]
    out = tmp_path / "half.yaml"
    store.save(doc, out)
    res = runner.invoke(main, ["align", str(ROOT / "texts/ru/bakai.txt"),
                               str(ROOT / "texts/en/bakai.txt"), "-o", str(out), "--update"])
    assert res.exit_code == 0, res.output
    new = store.load(out)
    assert new.beads[:20] == doc.beads[:20]
    assert new.confirmed_count == 20


def test_presegmented_and_other_languages(runner, tmp_path):
    (tmp_path / "de").write_text("Der Berg ist hoch. Wirklich.\nWir steigen auf.\n", encoding="utf-8")
    (tmp_path / "fr").write_text("La montagne est haute. Vraiment.\nNous montons.\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    res = runner.invoke(main, ["align", str(tmp_path / "de"), str(tmp_path / "fr"), "-o", str(out),
                               "--presegmented", "--source-lang", "de", "--target-lang", "fr"])
    assert res.exit_code == 0, res.output
    doc = store.load(out)
    assert [s.text for s in doc.source.sentences] == ["Der Berg ist hoch. Wirklich.", "Wir steigen auf."]
    assert doc.source.lang == "de" and doc.target.lang == "fr"


def test_presegmented_text_keeps_its_paragraphs_and_reads_hunalign_marks(runner, tmp_path):
    """One segment per line; a blank line, or a line "<p>" (hunalign's input format), ends a
    paragraph: the mark is no sentence, and the paragraphs reach the aligner."""
    (tmp_path / "de").write_text("Der Berg ist hoch.\nWir steigen auf.\n<p>\nOben ist es kalt.\n"
                                 "Wir gehen zurück.\n", encoding="utf-8")
    (tmp_path / "fr").write_text("La montagne est haute.\nNous montons.\n\nEn haut il fait "
                                 "froid.\nNous rentrons.\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    res = runner.invoke(main, ["align", str(tmp_path / "de"), str(tmp_path / "fr"), "-o", str(out),
                               "--presegmented", "--source-lang", "de", "--target-lang", "fr"])
    assert res.exit_code == 0, res.output
    doc = store.load(out)
    assert [s.text for s in doc.source.sentences] == [
        "Der Berg ist hoch.", "Wir steigen auf.", "Oben ist es kalt.", "Wir gehen zurück."]
    assert [s.para for s in doc.source.sentences] == [0, 0, 1, 1]
    assert [s.para for s in doc.target.sentences] == [0, 0, 1, 1]
    from workbench.core.align.paragraphs import shared_breaks

    assert shared_breaks([s.para for s in doc.source.sentences],
                         [s.para for s in doc.target.sentences]) is not None


@pytest.mark.parametrize("setup, words", [
    (lambda d: None, "file not found"),
    (lambda d: (d / "ru.txt").write_text("   \n\n"), "has no sentences"),
    (lambda d: (d / "ru.txt").write_bytes(b""), "is empty"),  # legacy encodings: test_bad_input
    (lambda d: (d / "ru.txt").write_bytes(b"\x00\x01\x02binary"), "binary"),
])
def test_bad_input_is_one_clear_line_and_exit_2(runner, tmp_path, setup, words):
    setup(tmp_path)
    res = runner.invoke(main, ["align", str(tmp_path / "ru.txt"), str(ROOT / "texts/en/bakai.txt"),
                               "-o", str(tmp_path / "o.yaml")])
    assert res.exit_code == 2
    assert words in res.output and "Traceback" not in res.output
    assert not (tmp_path / "o.yaml").exists()


def test_unknown_model_is_a_clear_error(runner, tmp_path):
    res = runner.invoke(main, ["align", str(ROOT / "texts/ru/bakai.txt"),
                               str(ROOT / "texts/en/bakai.txt"), "-o", str(tmp_path / "o.yaml"),
                               "--model", "labse"])
    assert res.exit_code == 2 and "unknown model 'labse'" in res.output


@pytest.mark.parametrize("model, words", [("use-v3+labse", "unknown model 'labse'"),
                                          ("use-v3+", "bad model ensemble")])
def test_a_model_typo_stops_open_before_the_ui(runner, tmp_path, monkeypatch, model, words):
    from workbench.tui.app import WorkbenchApp

    monkeypatch.setattr(WorkbenchApp, "run", lambda self: pytest.fail("the UI was started"))
    for files in ([str(ROOT / "texts/ru/bakai.txt"), str(ROOT / "texts/en/bakai.txt"),
                   "-o", str(tmp_path / "o.yaml")], [str(ROOT / "alignments/bakai.yaml")]):
        res = runner.invoke(main, ["open", *files, "--model", model])
        assert res.exit_code == 2 and words in res.output, res.output


def test_console_script_runs_without_a_traceback_on_a_bad_document(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nbeads: [\n")
    exe = Path(sys.executable).parent / "workbench"
    res = subprocess.run([str(exe), "show", str(bad)], capture_output=True, text=True)
    assert res.returncode == 2
    assert "bad.yaml" in res.stderr and "Traceback" not in res.stderr


def test_python_dash_m_workbench_is_the_cli():
    res = subprocess.run([sys.executable, "-m", "workbench", "--help"], capture_output=True,
                         text=True)
    assert res.returncode == 0, res.stderr
    assert "Usage:" in res.stdout and all(c in res.stdout for c in ("align", "open", "flag"))


def test_the_command_line_alone_says_how_to_start_the_ui(runner):
    """The CLI package does not import the UI: its ``open`` reaches the UI only through what
    the program (workbench.launcher) plugs in, and says so when nothing is."""
    from workbench.cli import main as cli_alone

    res = runner.invoke(cli_alone, ["open", str(ROOT / "alignments/bakai.yaml")])
    assert res.exit_code == 2 and "no workbench UI plugged in" in res.output


def test_open_hands_the_document_to_the_ui_it_was_given(runner):
    from workbench.cli import make_main

    seen = []
    res = runner.invoke(make_main(seen.append), ["open", str(ROOT / "alignments/bakai.yaml"),
                                                 "--user", "anna"])
    assert res.exit_code == 0, res.output
    assert seen[0].path == ROOT / "alignments/bakai.yaml" and seen[0].doc is None
    assert seen[0].user == "anna"


def test_bead_types_are_configurable(runner, tmp_path):
    out = tmp_path / "o.yaml"
    args = ["align", str(ROOT / "texts/ru/bakai.txt"), str(ROOT / "texts/en/bakai.txt"), "-o", str(out)]
    res = runner.invoke(main, args + ["--bead-types", "1-1,1-0,0-1"])
    assert res.exit_code == 0, res.output
    assert {b.kind for b in store.load(out).beads} <= {"1-1", "1-0", "0-1"}
    res = runner.invoke(main, args + ["--bead-types", "2-x"])
    assert res.exit_code == 2 and "bad bead type '2-x'" in res.output
