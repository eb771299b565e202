"""Bad input through the real CLI: one clear line, exit code 2, no traceback, no file changed.

The corpus is ``tests/data/bad/`` (made by its ``make_corpus.py``): text files in legacy
encodings, binary, empty or in the wrong language, and YAML documents broken in every way
the loader knows. Each case names the key phrase of its message and, for YAML, the line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core.textio import detect_encoding, read_text, russian_score

from bad_input_helpers import BAD, TEXT, YAML, before, corpus_state, run  # noqa: F401


# ---------------------------------------------------------------- text files

TEXT_ERRORS = [
    ("empty.txt", "is empty (0 bytes)"),
    ("whitespace.txt", "has no sentences (the file is only whitespace)"),
    ("punctuation.txt", "has no sentences (no words"),
    ("image.png", "is a PNG image, not a plain text file"),
    ("nul.bin", "looks like a binary file (it contains NUL bytes)"),
    ("ru.txt.gz", "is a gzip-compressed file, not a plain text file (unpack it first: gunzip"),
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
    res = run(["align", TEXT / "ru.txt", TEXT / name, "-o", tmp_path / "o.yaml", "--target-lang", "en"])
    assert res.exit_code == 0, res.output
    assert (f"{TEXT / name}: is given as the English side but 100% of its letters are {script}: "
            "is it the other language's file?") in res.stderr
    # and what to do if the file is right: name its language
    assert "--source-lang or --target-lang (" in res.stderr
    if script.startswith("Chinese"):
        assert "(zh, ja, ko ...)" in res.stderr


def test_a_script_that_names_one_language_is_read_as_that_language(tmp_path, use_encoder):
    """No --target-lang: the default English gives way to the language the script names
    (Chinese here), with a notice; Arabic and Hebrew scripts name several: still a warning."""
    from workbench.core import store

    res = run(["align", TEXT / "ru.txt", TEXT / "zh_as_en.txt", "-o", tmp_path / "o.yaml"])
    assert res.exit_code == 0, res.output
    assert (f"read {TEXT / 'zh_as_en.txt'} as Chinese: 100% of its letters are Chinese characters "
            "(Han) (name another language with --source-lang or --target-lang)") in res.output
    assert "other language's file" not in res.stderr
    assert store.load(tmp_path / "o.yaml").target.lang == "zh"
    assert "ru and " in res.stdout and " zh sentences" in res.stdout
    res = run(["align", TEXT / "ru.txt", TEXT / "ar_as_en.txt", "-o", tmp_path / "a.yaml"])
    assert "is given as the English side" in res.stderr
    assert store.load(tmp_path / "a.yaml").target.lang == "en"


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
