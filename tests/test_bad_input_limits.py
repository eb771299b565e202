"""Bad input through the real CLI, part two: inputs that hang or explode (pipes, devices,
folders, sizes, expanding or deep YAML, very long sentences and words), inputs that do not
belong together (eval, merge), strict glossary import, bad options and rows. One clear line,
exit code 2, no traceback, no file changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from bad_input_helpers import BAD, TEXT, YAML, before, corpus_state, run  # noqa: F401


# ---------------------------------------------------------------- pipes, devices, folders, sizes

def _unblock_later(fifo: Path, seconds: float = 20.0) -> None:
    """Should a regression read the FIFO, a writer opens and closes it after a while: the test
    then fails instead of hanging forever."""
    import os
    import threading
    import time

    def writer():
        time.sleep(seconds)
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass

    threading.Thread(target=writer, daemon=True).start()


def _commands(bad: Path, tmp: Path) -> list[list]:
    """Every command that reads a file, with ``bad`` in the place of one of its inputs."""
    good, text = YAML / "good.yaml", TEXT / "en.txt"
    return [
        ["align", bad, text, "-o", tmp / "o.yaml"], ["align", TEXT / "ru.txt", bad, "-o", tmp / "o.yaml"],
        ["show", bad], ["eval", bad, good], ["eval", good, bad], ["merge", bad, good, good],
        ["merge", good, good, bad], ["check", bad], ["check", good, "--glossary", bad],
        ["check", good, "--dictionary", bad], ["glossary", "import", bad, "--format", "csv",
                                               "--glossary", tmp / "g.yaml"],
        ["glossary", "export", tmp / "g.tsv", "--glossary", bad],
        ["flag", "add", bad, "1", "-c", "acc/om", "-s", "minor"], ["flag", "list", bad],
        ["qa", bad], ["report", bad], ["export", bad, "--format", "tsv", "-o", tmp / "x.tsv"],
        ["reanchor", bad], ["open", bad],
    ]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_by_every_command(tmp_path, before):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _unblock_later(fifo)
    for args in _commands(fifo, tmp_path):
        res = run(args)
        assert res.exit_code == 2, (args, res.output)
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and f"{fifo}: is a named pipe (FIFO)" in lines[0], (args, lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.txt"]
    assert corpus_state() == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(device, tmp_path):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    for args in _commands(Path(device), tmp_path):
        res = run(args)
        assert res.exit_code == 2, (args, res.output)
        assert res.output.strip() == res.output.strip().splitlines()[0]
        assert f"{device}: is a character device" in res.output and "never ends" in res.output


def test_a_folder_is_one_line_naming_it(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for args in _commands(folder, tmp_path):
        res = run(args)
        assert res.exit_code == 2, (args, res.output)
        assert res.output.strip().splitlines() == [res.output.strip()], (args, res.output)
        assert f"{folder}: is a directory" in res.output, (args, res.output)


def test_a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path, monkeypatch,
                                                                           use_encoder):
    big = tmp_path / "big.txt"
    big.write_bytes((TEXT / "ru.txt").read_bytes() * 120)  # 36,720 bytes
    monkeypatch.setenv("WORKBENCH_MAX_INPUT_MB", "0.02")  # 20,971 bytes
    out = tmp_path / "o.yaml"
    res = run(["align", big, TEXT / "en.txt", "-o", out])
    assert res.exit_code == 2 and not out.exists()
    assert res.output.strip() == (
        f"workbench: {big}: is 36,720 bytes, more than the 20,971 bytes workbench reads (is it "
        "the right file? If so, raise the limit: WORKBENCH_MAX_INPUT_MB=1 workbench ...)")
    assert run(["show", YAML / "good.yaml"]).exit_code == 0  # a small file is read
    monkeypatch.setenv("WORKBENCH_MAX_INPUT_MB", "1")
    res = run(["align", big, TEXT / "en.txt", "-o", out])
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf"])
def test_a_bad_size_limit_is_one_line(value, monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_INPUT_MB", value)
    res = run(["show", YAML / "good.yaml"])
    assert res.exit_code == 2
    assert res.output.strip() == f"workbench: WORKBENCH_MAX_INPUT_MB={value!r} is not a size in " \
        "megabytes (set it to a number such as 200, or unset it for 32)"


# ---------------------------------------------------------------- YAML that expands or nests

@pytest.mark.parametrize("option, name, words, line", [
    ("--glossary", "glossary_alias.yaml", "has a YAML anchor or alias (&d, *d)", 5),
    ("--glossary", "glossary_deep.yaml", "nests deeper than 32 levels", 5),
    ("--dictionary", "dictionary_alias.yaml", "has a YAML anchor or alias (&w, *w)", 2),
])
def test_aliases_and_deep_nesting_in_project_files_are_refused(option, name, words, line, before):
    res = run(["check", YAML / "good.yaml", option, YAML / name])
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == [res.output.strip()]
    assert f"{YAML / name}:{line}: " in res.output and words in res.output
    assert corpus_state() == before


def test_refused_yaml_leaves_no_temp_file_in_the_parse_cache(tmp_path, monkeypatch):
    import os

    from workbench.core import parse_cache

    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path))
    for name in ("deep_nesting.yaml", "billion_laughs.yaml", "alias_text.yaml"):
        assert run(["show", YAML / name]).exit_code == 2
    deep: list = []
    for _ in range(5000):  # data no loader gives, but should it reach the cache: no .tmp left
        deep = [deep]
    parse_cache.put(b"deep", deep)
    assert not [f for f in os.listdir(tmp_path / "parsed") if f.endswith(".tmp")]


# ---------------------------------------------------------------- very long sentences and words

def _one_row_document(path: Path, ru: str, en: str) -> Path:
    from workbench.core import store
    from workbench.core.document import Bead, Document, Sentence, Side

    doc = Document(Side("ru", [Sentence(0, ru), Sentence(1, "Суд постановил снести 120 домов.")]),
                   Side("en", [Sentence(0, en), Sentence(1, "The court ordered 102 houses razed.")]),
                   [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)], model="use-v3")
    store.save(doc, path)
    return path


def test_a_text_without_sentence_ends_is_refused_with_its_line(tmp_path):
    text = tmp_path / "dump.txt"
    text.write_text("Short line.\n\n" + "word " * 5000 + "\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    for args in (["align", TEXT / "ru.txt", text, "-o", out],
                 ["align", TEXT / "ru.txt", text, "-o", out, "--presegmented"]):
        res = run(args)
        assert res.exit_code == 2 and not out.exists()
        assert res.output.strip().splitlines() == [
            f"workbench: {text}:3: has a sentence of 24,999 characters, more than the 20,000 "
            "workbench aligns (text without sentence ends?) (is it the right file? Break its "
            "paragraphs into lines, or split the text at its sentences)"]


def test_the_line_named_in_presegmented_text_counts_blank_and_mark_lines(tmp_path):
    text = tmp_path / "dump.txt"
    text.write_text("Short line.\n<p>\n\nAnother.\n" + "word " * 5000 + "\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    res = run(["align", TEXT / "ru.txt", text, "-o", out, "--presegmented"])
    assert res.exit_code == 2 and not out.exists()
    assert res.output.startswith(f"workbench: {text}:5: has a sentence of 24,999 characters")


def test_presegmented_text_of_only_paragraph_marks_says_so(tmp_path):
    marks = tmp_path / "marks.txt"
    marks.write_text("<p>\n\n<p>\n", encoding="utf-8")
    res = run(["align", marks, TEXT / "ru.txt", "-o", tmp_path / "o.yaml", "--presegmented"])
    assert res.exit_code == 2
    assert res.output.strip() == (f"workbench: {marks}: has no sentences (the file is only "
                                  "whitespace and <p> marks) (give the file with the text)")


def test_qa_on_a_sentence_of_megabytes_is_quick_and_says_what_it_skipped(tmp_path):
    import time

    numbers = ("В 2006 году снесли 120 домов и 45 сараев, 12 мая в 14:30. " * 20_000).strip()
    doc = _one_row_document(tmp_path / "long.yaml", numbers, "In 2006 they razed houses. " * 40_000)
    start = time.perf_counter()
    res = run(["qa", doc])
    assert time.perf_counter() - start < 10  # before: minutes (every pair of numbers compared)
    assert res.exit_code == 0
    assert (f"workbench: warning: {doc}: row 1 is not checked: its Russian side is {len(numbers):,} "
            "characters long (more than 20,000: text without sentence ends?)") in res.stderr
    assert "102" in res.stdout  # row 2 is checked: 120 against 102


def test_check_on_a_word_of_100000_letters_is_quick_and_says_what_it_skipped(tmp_path, before):
    import time

    doc = _one_row_document(tmp_path / "word.yaml", "Дом " + "б" * 100_000 + ".",
                            "The house " + "a" * 100_000 + ".")
    start = time.perf_counter()
    res = run(["check", doc, "--no-terms"])
    assert time.perf_counter() - start < 10  # before: about a minute
    assert res.exit_code == 1
    assert (f"{doc}: row 1 is not checked: its Russian side is 100,005 characters long"
            in res.stderr)
    word = _one_row_document(tmp_path / "w.yaml", "Дом " + "б" * 5000 + ".", "The house.")
    res = run(["check", word, "--no-terms"])
    assert "row 1 is not checked: its Russian side has a word of 5,001 characters" in res.stderr
    raw = word.read_bytes()
    res = run(["check", word, "--fix", "1:house=home"])
    assert res.exit_code == 2 and res.output.strip().splitlines() == [
        f"workbench: {word}: row 1 is too long to fix from here: its Russian side has a word of "
        "5,001 characters (more than 1,000) (fix it in the workbench)"]
    assert word.read_bytes() == raw


# ---------------------------------------------------------------- eval and merge: inputs that belong together

BEADS = BAD / "beads"
EVAL_ERRORS = [  # (proposed, gold, the file named, key phrase, line or None)
    (YAML / "good.yaml", YAML / "other_document.yaml", YAML / "good.yaml",
     "does not align the same text as", None),
    (BEADS / "duplicate.txt", YAML / "good.yaml", BEADS / "duplicate.txt",
     "source sentence 0 is in two beads (lines 1 and 2)", 2),
    (YAML / "good.yaml", BEADS / "duplicate.txt", BEADS / "duplicate.txt",
     "source sentence 0 is in two beads", 2),
    (BEADS / "negative.txt", BEADS / "good.txt", BEADS / "negative.txt",
     "target position -1 is negative", 2),
    (BEADS / "good.txt", BEADS / "no_beads.txt", BEADS / "no_beads.txt", "has no beads", None),
    (BEADS / "not_beads.txt", YAML / "good.yaml", BEADS / "not_beads.txt", "not a bead line", 1),
    (BEADS / "short.txt", YAML / "good.yaml", BEADS / "short.txt",
     "its beads reach 1 source sentences, the gold's 3", None),
    (BEADS / "long.txt", BEADS / "good.txt", BEADS / "long.txt",
     "its beads reach 40 source sentences, the gold's 3", None),
]


@pytest.mark.parametrize("proposed, gold, named, words, line", EVAL_ERRORS)
def test_eval_of_what_does_not_belong_together_is_one_line_and_exit_2(proposed, gold, named,
                                                                      words, line, before):
    res = run(["eval", proposed, gold])
    assert res.exit_code == 2, res.output
    where = f"{named}:{line}: " if line is not None else f"{named}: "
    assert res.output.strip().splitlines() == [res.output.strip()]
    assert where in res.output and words in res.output and "precision" not in res.output
    assert corpus_state() == before


def test_eval_of_the_same_text_scores_and_a_small_mismatch_is_a_warning():
    res = run(["eval", BEADS / "good.txt", YAML / "good.yaml"])
    assert res.exit_code == 0 and "strict       1.000   1.000   1.000" in res.stdout
    assert res.stderr == ""
    res = run(["eval", YAML / "good.yaml", YAML / "bom.yaml"])
    assert res.exit_code == 0 and res.stderr == ""


@pytest.mark.parametrize("order, named", [
    (("good.yaml", "good.yaml", "other_document.yaml"), "other_document.yaml"),
    (("good.yaml", "other_document.yaml", "good.yaml"), "other_document.yaml"),
    (("other_document.yaml", "good.yaml", "good.yaml"), "good.yaml"),
])
def test_merge_of_unrelated_documents_is_refused(order, named, tmp_path, before):
    out = tmp_path / "merged.yaml"
    res = run(["merge", *(YAML / n for n in order), "-o", out])
    assert res.exit_code == 2 and not out.exists()
    assert res.output.strip().splitlines() == [res.output.strip()]
    assert f"workbench: {YAML / named}: is not a version of {YAML / order[0]}: it keeps 0 of " \
           "its 6 sentences" in res.output
    assert corpus_state() == before


# ---------------------------------------------------------------- glossary import is strict

GLOSSARY_ERRORS = [  # (file, key phrase, line)
    ("unclosed_quote.csv", "a quoted cell is never closed", 2),
    ("bad_quote.csv", "not valid CSV: ',' expected after '\"'", 2),
    ("extra_cells.csv", "has 5 cells, the header 4", 3),
    ("nul.csv", "has a NUL byte", 3),
    ("nul.tsv", "has a NUL byte", 2),
    ("extra_tabs.tsv", "has 4 tab-separated cells", 2),
    ("entities.tbx", "declares XML entities", 3),
]


@pytest.mark.parametrize("name, words, line", GLOSSARY_ERRORS)
def test_a_malformed_glossary_file_is_named_with_its_line_and_nothing_imported(name, words, line,
                                                                               tmp_path, before):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_bytes((BAD.parents[2] / "alignments" / "glossary.yaml").read_bytes())
    kept = glossary.read_bytes()
    bad = BAD / "glossary" / name
    res = run(["glossary", "import", bad, "--glossary", glossary])
    assert res.exit_code == 2, res.output
    assert res.output.strip().splitlines() == [res.output.strip()]
    assert f"workbench: {bad}:{line}: {words}" in res.output and "(" in res.output
    assert glossary.read_bytes() == kept and sorted(p.name for p in tmp_path.iterdir()) == [
        "glossary.yaml"]
    assert corpus_state() == before


def test_a_quote_that_closes_lines_later_is_refused_where_it_opens(tmp_path):
    csv = tmp_path / "g.csv"
    csv.write_text('ru,en\nснос,demolition\n"осада,siege\nсуд",court\nдом,house\n', encoding="utf-8")
    res = run(["glossary", "import", csv, "--glossary", tmp_path / "g.yaml"])
    assert res.exit_code == 2 and not (tmp_path / "g.yaml").exists()
    assert f"{csv}:3: a quoted cell runs over the end of the line (an unclosed quote?)" in res.output


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx"])
def test_a_cell_of_200_kb_is_refused(fmt, tmp_path):
    big = "x" * 200_000
    text = {"csv": f"ru,en\nснос,demolition\nосада,{big}\n",
            "tsv": f"снос\tdemolition\nосада\t{big}\n",
            "tbx": '<martif type="TBX"><text><body><termEntry><langSet xml:lang="ru"><tig><term>'
                   f'осада</term></tig></langSet><langSet xml:lang="en"><tig><term>{big}</term>'
                   "</tig></langSet></termEntry></body></text></martif>"}[fmt]
    path = tmp_path / f"g.{fmt}"
    path.write_text(text, encoding="utf-8")
    res = run(["glossary", "import", path, "--glossary", tmp_path / "g.yaml"])
    assert res.exit_code == 2 and not (tmp_path / "g.yaml").exists()
    assert res.output.strip().splitlines() == [res.output.strip()]
    assert "200,0" in res.output and str(path) in res.output


# ---------------------------------------------------------------- options and rows

@pytest.mark.parametrize("args, line", [
    (["check", "{doc}", "--fix", "²:word=x"],
     "workbench: --fix '²:word=x': not ROW:WORD or ROW:WORD=REPLACEMENT (rows are numbered from "
     "1, e.g. --fix 12:seige or --fix 64:longterm=long-term)"),
    (["check", "{doc}", "--fix", "0:word"], None), (["check", "{doc}", "--fix", "x:word"], None),
    (["check", "{doc}", "--fix", "99999999999999999999:word"], None),
    (["check", "{doc}", "--fix", "99999:word=x"],
     "workbench: {doc}: there is no row 99999 (the document has 3) (rows are numbered from 1, as "
     "check prints them)"),
    (["flag", "add", "{doc}", "99999", "-c", "acc/om", "-s", "minor"],
     "workbench: {doc}: there is no row 99999 (the document has 3) (rows are numbered from 1, as "
     "show prints them)"),
    (["flag", "add", "{doc}", "1", "-c", "acc/om", "-s", "minor", "--text", "nothere"],
     "workbench: {doc}: 'nothere' is not in row 1"),
    (["flag", "resolve", "{doc}", "99"], "workbench: {doc}: there is no flag 99"),
    (["report", "{doc}", "--weights", "minor=nan"], None),
    (["report", "{doc}", "--weights", "minor=inf"], None),
    (["report", "{doc}", "--weights", "major=-1"], None),
    (["report", "{doc}", "--weights", "critical=1e400"], None),
])
def test_a_bad_option_or_row_is_one_line_naming_the_document(args, line, tmp_path):
    doc = tmp_path / "doc.yaml"
    doc.write_bytes((YAML / "good.yaml").read_bytes())
    raw = doc.read_bytes()
    res = run([a.format(doc=doc) for a in args])
    assert res.exit_code == 2, res.output
    assert res.output.strip().splitlines() == [res.output.strip()]
    if line is not None:
        assert res.output.strip() == line.format(doc=doc)
    elif "--weights" in args:
        assert "a weight is a number from 0 to 1,000" in res.output
    else:
        assert "not ROW:WORD" in res.output
    assert doc.read_bytes() == raw and sorted(p.name for p in tmp_path.iterdir()) == ["doc.yaml"]
