"""Bad input through the real CLI: one clear line, exit code 2, no traceback, no file changed.

The corpus is ``tests/data/bad/`` (made by its ``make_corpus.py``): text files in legacy
encodings, binary, empty or in the wrong language, and YAML documents broken in every way
the loader knows. Each case names the key phrase of its message and, for YAML, the line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core.textio import detect_encoding, read_text, russian_score

BAD = Path(__file__).resolve().parent / "data" / "bad"
TEXT, YAML = BAD / "text", BAD / "yaml"


def corpus_state() -> dict[str, str]:
    return {str(p.relative_to(BAD)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(BAD.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def before():
    return corpus_state()


def run(args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res


# ---------------------------------------------------------------- text files

TEXT_ERRORS = [
    ("empty.txt", "is empty (0 bytes)"),
    ("whitespace.txt", "has no sentences (the file is only whitespace)"),
    ("punctuation.txt", "has no sentences (no words"),
    ("image.png", "is a PNG image, not a plain text file"),
    ("nul.bin", "looks like a binary file (it contains NUL bytes)"),
    ("document.pdf", "is a PDF file"),
    ("document.docx", "is a ZIP archive"),
    ("controls.txt", "full of control characters"),
    ("utf16_no_bom.txt", "UTF-16 text without a byte-order mark"),
    ("ru_mixed_utf8_cp1251.txt", "mixes UTF-8 with another encoding"),
]


@pytest.mark.parametrize("name, words", TEXT_ERRORS)
def test_bad_text_file_is_one_line_and_exit_2(name, words, tmp_path, before):
    out = tmp_path / "o.yaml"
    res = run(["align", TEXT / name, TEXT / "en.txt", "-o", out])
    assert res.exit_code == 2, res.output
    assert words in res.output and name in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert not out.exists()
    assert corpus_state() == before


TEXT_READ = [  # (file, what the CLI says about it, is it a warning)
    ("ru_cp1251.txt", "as windows-1251", False),
    ("ru_koi8r.txt", "as KOI8-R", False),
    ("ru_cp866.txt", "as CP866", False),
    ("ru_mac_cyrillic.txt", "as mac-cyrillic", False),
    ("ru_utf16le_bom.txt", "as UTF-16 LE", False),
    ("ru_utf16be_bom.txt", "as UTF-16 BE", False),
    ("ru_utf8_bom.txt", "as UTF-8 with BOM", False),
    ("en_as_ru.txt", "given as the Russian side but 100% of its letters are Latin", True),
    ("ru_long.txt", "times longer than", True),
]


@pytest.mark.parametrize("name, words, warning", TEXT_READ)
def test_legacy_encodings_are_read_and_named_and_odd_pairs_warned(name, words, warning,
                                                                  tmp_path, before, use_encoder):
    out = tmp_path / "o.yaml"
    res = run(["align", TEXT / name, TEXT / "en.txt", "-o", out])
    assert res.exit_code == 0, res.output
    assert words in (res.stderr if warning else res.stdout)
    if not warning:
        from workbench.core import store

        doc = store.load(out)
        assert [s.text for s in doc.source.sentences][0].startswith("Жители микрорайона Бакай")
        assert len(doc.beads) == 3
    assert corpus_state() == before


def test_utf8_with_a_bad_byte_is_read_as_utf8_and_the_line_named(tmp_path, before, use_encoder):
    out = tmp_path / "o.yaml"
    bad = TEXT / "ru_utf8_bad_byte.txt"
    res = run(["align", bad, TEXT / "en.txt", "-o", out])
    assert res.exit_code == 0, res.output
    assert f"{bad}: is UTF-8 but for 1 invalid byte sequence (line 2), read as \ufffd" in res.stderr
    assert "KOI8" not in res.output and " as " not in res.stdout.split("rows")[0]
    from workbench.core import store

    texts = [s.text for s in store.load(out).source.sentences]
    assert texts == [line.replace("постановил", "\ufffdпостановил")
                     for line in (TEXT / "ru.txt").read_text(encoding="utf-8").splitlines()]
    assert corpus_state() == before


@pytest.mark.parametrize("name, script", [("ar_as_en.txt", "Arabic"), ("he_as_en.txt", "Hebrew"),
                                          ("zh_as_en.txt", "Chinese characters (Han)")])
def test_another_script_given_as_english_is_warned_about(name, script, tmp_path, use_encoder):
    res = run(["align", TEXT / "ru.txt", TEXT / name, "-o", tmp_path / "o.yaml"])
    assert res.exit_code == 0, res.output
    assert (f"{TEXT / name}: is given as the English side but 100% of its letters are {script}: "
            "is it the other language's file?") in res.stderr


def test_swapped_files_get_one_warning(tmp_path, use_encoder):
    res = run(["align", TEXT / "en.txt", TEXT / "ru.txt", "-o", tmp_path / "o.yaml"])
    assert res.exit_code == 0
    assert "look swapped" in res.stderr and "other language's file" not in res.stderr


def test_crlf_is_normalized():
    tf = read_text(TEXT / "ru_crlf.txt", "ru")
    assert "\r" not in tf.text and tf.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "cp866", "mac_cyrillic"])
@pytest.mark.parametrize("text", ["Привет, мир!", "Жители микрорайона Бакай",
                                  "ПРИКАЗ N 5 о сносе домов", "Я думаю, что это так."])
def test_short_cyrillic_texts_in_every_code_page(text, codec):
    data = text.encode(codec)
    got = detect_encoding(data, "ru").encoding
    assert data.decode(got) == text


def test_latin_text_is_not_taken_for_cyrillic():
    for text in ("Die Gletscher schmelzen für immer.", "L'expédition a réussi à l'été."):
        data = text.encode("cp1252")
        for lang in (None, "de"):
            assert data.decode(detect_encoding(data, lang).encoding) == text


def test_russian_score_prefers_the_right_page():
    text = "Маленькая победа самозастройщиков"
    right = russian_score(text)
    wrong = [russian_score(text.encode("cp1251").decode(c)) for c in ("koi8_r", "cp866", "mac_cyrillic")]
    assert all(right > w for w in wrong)


# ---------------------------------------------------------------- YAML documents

YAML_ERRORS = [  # (file, key phrase, line or None)
    ("malformed_flow.yaml", "not valid YAML", 15),
    ("malformed_indent.yaml", "not valid YAML", 12),
    ("malformed_quote.yaml", "not valid YAML", 22),
    ("tab_indent.yaml", "not valid YAML", 4),
    ("truncated.yaml", "not valid YAML", 15),
    ("unknown_id.yaml", "target sentence 9, which does not exist", 16),
    ("duplicate_id.yaml", "source sentence id 1 is used twice", 8),
    ("sentence_in_two_rows.yaml", "already used by an earlier row", 16),
    ("sentence_in_no_row.yaml", "source sentence 2 is in no row", 8),
    ("rows_out_of_order.yaml", "out of order", 15),
    ("bad_status.yaml", "unknown status 'done'", 14),
    ("bad_confidence.yaml", "outside [0, 1]", 15),
    ("empty_row.yaml", "empty on both sides", 17),
    ("bad_flag_category.yaml", "unknown MQM category 'Accuracy/Wrong'", 22),
    ("bad_flag_severity.yaml", "unknown severity 'huge'", 22),
    ("flag_unknown_sentence.yaml", "never had", 22),
    ("newer_format.yaml", "newer workbench (format 3", 1),
    ("format_not_a_number.yaml", "'format' that is not a whole number", 1),
    ("no_format.yaml", "no 'format' version key", None),
    ("text_not_text.yaml", "needs non-empty text", 8),
    ("src_not_a_list.yaml", "src must be a list of sentence ids", 15),
    ("id_not_a_number.yaml", "non-negative integer id", 7),
    ("source_not_a_mapping.yaml", "'source' must be a mapping", 3),
    ("bad_spelling_entry.yaml", "spelling entry 1", 18),
    ("bad_glossary_term.yaml", "term 1 needs a non-empty 'target'", 20),
    ("not_a_mapping.yaml", "not a workbench alignment document", None),
    ("empty.yaml", "not a workbench alignment document", None),
    ("utf16.yaml", "is UTF-16 text", None),
    ("latin1.yaml", "is not UTF-8 text", 8),
    ("binary.yaml", "is not UTF-8 text", 1),
    ("alias_text.yaml", "has a YAML anchor or alias (&t, *t)", 10),
    ("billion_laughs.yaml", "has a YAML anchor or alias (&a, *a)", 24),
    ("deep_nesting.yaml", "nests deeper than 32 levels", 23),
    ("deep_block.yaml", "nests deeper than 32 levels", 55),
]


@pytest.mark.parametrize("name, words, line", YAML_ERRORS)
def test_broken_document_is_one_line_exit_2_and_untouched(name, words, line, before):
    doc = YAML / name
    where = f"{doc}:{line}:" if line is not None else f"{doc}: "
    for args in (["show", doc], ["flag", "add", doc, "1", "-c", "acc/om", "-s", "minor"],
                 ["check", doc, "--fix", "1:word=other"]):
        res = run(args)
        assert res.exit_code == 2, (args, res.output)
        lines = res.output.strip().splitlines()
        assert len(lines) == 1, res.output
        assert words in lines[0] and where in lines[0], lines[0]
        assert "(" in lines[0]  # every message says what to do, in brackets at the end
    assert corpus_state() == before
    assert not list(YAML.glob("*~")) and not list(YAML.glob(".*.tmp"))


def test_a_byte_order_mark_is_fine():
    res = run(["show", "--format", "beads", YAML / "bom.yaml"])
    assert res.exit_code == 0 and res.output.splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_the_corpus_is_big_enough():
    assert len(TEXT_ERRORS) + len(TEXT_READ) + len(YAML_ERRORS) >= 25


def test_open_shows_what_reading_found_inside_the_workbench(monkeypatch, tmp_path):
    from workbench.tui.app import WorkbenchApp

    seen = []
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: seen.append(self))
    res = run(["open", TEXT / "ru_koi8r.txt", TEXT / "en.txt", "-o", tmp_path / "o.yaml"])
    assert res.exit_code == 0 and "as KOI8-R" in res.output
    assert seen[-1].startup_notices == [(f"read {TEXT / 'ru_koi8r.txt'} as KOI8-R", "information")]
    res = run(["open", TEXT / "ru_long.txt", TEXT / "en.txt", "-o", tmp_path / "o.yaml"])
    assert [s for _, s in seen[-1].startup_notices] == ["warning"]


# ---------------------------------------------------------------- --source/--target-encoding

def test_an_encoding_given_by_the_user_is_used(tmp_path):
    ru = "Жители микрорайона Бакай отбили попытку сноса. Суд постановил снести 120 домов."
    path = tmp_path / "ru.txt"
    path.write_bytes(ru.encode("koi8-r"))
    assert read_text(path, "ru", "koi8-r").text == ru
    # the user overrides a right detection with a wrong code page: the text is what they asked
    # for, and the caller's script check then says the side does not look Russian
    forced = read_text(path, "ru", "latin-1")
    assert forced.encoding == "iso8859-1" and "Жители" not in forced.text
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffHello there.".encode("utf-8"))
    assert read_text(bom, "en", "UTF8").text == "Hello there."


def test_align_with_a_wrong_or_unknown_encoding_is_one_line_and_exit_2(tmp_path, before):
    out = tmp_path / "o.yaml"
    res = run(["align", TEXT / "ru.txt", TEXT / "en.txt", "-o", out, "--source-encoding", "cp9999"])
    assert res.exit_code == 2
    assert "ru.txt" in res.stderr and "no such encoding" in res.stderr and "cp1251" in res.stderr
    cyrillic = tmp_path / "ru1251.txt"
    cyrillic.write_bytes("Жители микрорайона Бакай.\nСуд постановил.\n".encode("cp1251"))
    res = run(["align", cyrillic, TEXT / "en.txt", "-o", out, "--source-encoding", "utf-8"])
    assert res.exit_code == 2
    assert "ru1251.txt:1: is not valid UTF-8" in res.stderr
    assert "check the name, or leave it out" in res.stderr
    assert not out.exists()
    assert corpus_state() == before


def test_align_reads_the_given_encoding(tmp_path, use_encoder):
    ru = tmp_path / "ru.txt"
    ru.write_bytes((TEXT / "ru.txt").read_text(encoding="utf-8").encode("cp866"))
    out = tmp_path / "o.yaml"
    res = run(["align", ru, TEXT / "en.txt", "-o", out, "--source-encoding", "cp866"])
    assert res.exit_code == 0, res.output
    from workbench.core import store

    doc = store.load(out)
    assert doc.source.sentences[0].text.startswith("Жители микрорайона Бакай")


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
