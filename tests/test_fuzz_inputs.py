"""Fuzzing the readers of user files: whatever the bytes, the result is a document (terms,
a text) or a WorkbenchError naming the problem, never another exception (a traceback).

Hypothesis feeds random bytes and text, and good files with random edits (the likeliest
damage: a character lost, doubled or replaced, YAML's and CSV's special characters
especially). Examples are few and bounded in time so the suite stays fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core import glossary_io, store
from workbench.core.dictionary import ProjectDictionary
from workbench.core.errors import WorkbenchError
from workbench.core.evaluate import check_bead_lines, _bead_lines
from workbench.core.glossary import Glossary, Term
from workbench.core.textio import detect_encoding, read_text

BAD = Path(__file__).resolve().parent / "data" / "bad"
GOOD_YAML = (BAD / "yaml" / "good.yaml").read_text(encoding="utf-8")
GLOSSARY_YAML = (Path(__file__).resolve().parent.parent / "alignments" / "glossary.yaml").read_text(
    encoding="utf-8")
TERMS = [Term("снос", "demolition", "a note, with a comma", ("razing",)),
         Term("Жер Ана", "Zher Ana", 'the "movement"', ()), Term("суд", "court")]
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SPECIAL = "&*[]{}:-!|>'\"%@`#,;\t\n\r\x00\ufeff\\ ?ё«»é\u202e"
#: any character a file can hold (decoding never yields a lone surrogate)
TEXT_CHARS = st.characters(blacklist_categories=("Cs",))


@st.composite
def damaged(draw, good: str) -> str:
    """``good`` with a few random edits: characters deleted, inserted, replaced, lines cut."""
    text = good
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "cut", "repeat"]))
        piece = draw(st.text(alphabet=st.sampled_from(SPECIAL) | TEXT_CHARS, min_size=1,
                             max_size=4))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "replace":
            text = text[:at] + piece + text[at + len(piece):]
        elif kind == "cut":
            text = text[:at]
        else:
            text = text[:at] + text[at:at + 30] * draw(st.integers(2, 5)) + text[at:]
    return text


def _never_a_traceback(call, *args):
    try:
        return call(*args)
    except WorkbenchError:
        return None


# ---------------------------------------------------------------- YAML: documents, glossaries, dictionaries

@FUZZ
@given(damaged(GOOD_YAML))
def test_a_damaged_document_loads_or_is_a_workbench_error(text):
    doc = _never_a_traceback(store.loads, text, "doc.yaml")
    if doc is not None:  # what loads also saves: nothing in it that the writer cannot take
        store.loads(store.dumps(doc), "again.yaml")


@FUZZ
@given(st.binary(max_size=600) | damaged(GOOD_YAML).map(lambda t: t.encode("utf-8", "replace")))
def test_any_bytes_load_or_are_a_workbench_error(raw):
    _never_a_traceback(store.loads_bytes, raw, "doc.yaml")


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(TEXT_CHARS, max_size=8)
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(TEXT_CHARS, max_size=6) | st.integers(), inner, max_size=4),
                    max_leaves=30)


@FUZZ
@given(st.dictionaries(st.sampled_from(["format", "model", "source", "target", "source_sentences",
                                        "target_sentences", "beads", "flags", "glossary",
                                        "spelling", "other"]), data, max_size=8))
def test_any_yaml_data_loads_or_is_a_workbench_error(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    _never_a_traceback(store.loads, text, "doc.yaml")
    _never_a_traceback(Glossary.loads, text, "glossary.yaml")


@FUZZ
@given(damaged(GLOSSARY_YAML))
def test_a_damaged_glossary_loads_or_is_a_workbench_error(text):
    _never_a_traceback(Glossary.loads, text, "glossary.yaml")


@FUZZ
@given(damaged("format: 1\nen:\n- Shanyrak\n- Bakai\nru:\n- бакаевец\n"))
def test_a_damaged_dictionary_loads_or_is_a_workbench_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dictionary.yaml"
        path.write_text(text, encoding="utf-8")
        _never_a_traceback(ProjectDictionary.load, path)


# ---------------------------------------------------------------- text files

RU = (BAD / "text" / "ru.txt").read_text(encoding="utf-8")


@FUZZ
@given(st.binary(max_size=800)
       | st.sampled_from(["utf-8", "cp1251", "koi8_r", "cp866", "utf-16"]).flatmap(
           lambda codec: damaged(RU).map(lambda t: t.encode(codec, "replace"))),
       st.sampled_from([None, "ru", "en", "zh"]))
def test_any_bytes_are_a_text_or_an_input_error(raw, lang):
    _never_a_traceback(detect_encoding, raw, lang)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "side.txt"
        path.write_bytes(raw)
        text = _never_a_traceback(read_text, path, lang)
        if text is not None:
            assert "\r" not in text.text


# ---------------------------------------------------------------- glossary files, bead files

@FUZZ
@given(st.sampled_from(glossary_io.FORMATS).flatmap(
    lambda fmt: st.tuples(st.just(fmt), damaged(glossary_io.export_terms(TERMS, fmt))
                          | st.text(TEXT_CHARS, max_size=300))))
def test_a_damaged_glossary_file_imports_or_is_a_workbench_error(case):
    fmt, text = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"glossary.{fmt}"
        path.write_text(text, encoding="utf-8")
        found = _never_a_traceback(glossary_io.import_terms, path)
    if found is not None:
        for term in found[0]:
            assert "\x00" not in term.source + term.target and term.source and term.target


@FUZZ
@given(damaged("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[]\n") | st.text(TEXT_CHARS, max_size=200))
def test_a_damaged_bead_file_reads_or_is_a_workbench_error(text):
    lines = _never_a_traceback(_bead_lines, text, "gold.txt")
    if lines is not None:
        _never_a_traceback(check_bead_lines, lines, "gold.txt")
