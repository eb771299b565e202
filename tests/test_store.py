"""YAML round-trip, the one-record-per-line layout, and validation errors by file and line."""

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from workbench.core import store
from workbench.core.document import Bead, Document, Sentence, Side
from workbench.core.errors import FormatError

texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda t: t.strip() == t and t != "")


@st.composite
def documents(draw):
    n = draw(st.integers(1, 8))
    m = draw(st.integers(1, 8))
    src = Side("ru", [Sentence(i * 2, draw(texts), i // 3,
                               draw(st.one_of(st.none(), texts))) for i in range(n)],
               path=None, sha256=None)
    tgt = Side("en", [Sentence(i, draw(texts), 0) for i in range(m)])
    # cut both sides into the same number of consecutive groups
    beads = []
    i = j = 0
    while i < n or j < m:
        a = draw(st.integers(0 if j < m else 1, min(3, n - i))) if i < n else 0
        b = draw(st.integers(0 if a else 1, min(3, m - j))) if j < m else 0
        if a == 0 and b == 0:
            continue
        conf = draw(st.one_of(st.none(), st.floats(0, 1)))
        beads.append(Bead(tuple(s.id for s in src.sentences[i:i + a]),
                          tuple(s.id for s in tgt.sentences[j:j + b]),
                          None if conf is None else round(conf, 3),
                          draw(st.sampled_from(["proposed", "confirmed"]))))
        i += a
        j += b
    return Document(src, tgt, beads, model="m", extra={"later_feature": [{"row": 1, "note": "x"}]})


@settings(max_examples=60, deadline=None)
@given(documents())
def test_round_trip_is_identity(doc):
    text = store.dumps(doc)
    back = store.loads(text)
    assert back.beads == doc.beads
    assert back.source.sentences == doc.source.sentences
    assert back.target.sentences == doc.target.sentences
    assert back.source.next_id == doc.source.next_id
    assert back.extra == doc.extra
    assert store.dumps(back) == text


def small_doc() -> Document:
    src = Side("ru", [Sentence(0, "Один."), Sentence(1, "Два: «три» — 4.")])
    tgt = Side("en", [Sentence(0, "One."), Sentence(1, "Two: 'three' - 4."),
                      Sentence(2, "yes")])
    return Document(src, tgt, [Bead((0,), (0,), 0.91), Bead((1,), (1, 2), None, "confirmed")])


def test_one_record_per_line_so_a_change_is_a_one_line_diff(tmp_path):
    doc = small_doc()
    a = store.dumps(doc).splitlines()
    doc.beads[1] = Bead((1,), (1, 2), None, "proposed")
    b = store.dumps(doc).splitlines()
    assert len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
    assert "- {src: [0], tgt: [0], confidence: 0.91, status: proposed}" in a
    assert any("«три»" in line for line in a)  # unicode kept readable


def test_save_is_atomic_and_keeps_a_backup(tmp_path):
    p = tmp_path / "doc.yaml"
    store.save(small_doc(), p)
    first = p.read_text()
    doc = store.load(p)
    doc.model = "other"
    store.save(doc, p)
    assert (tmp_path / "doc.yaml~").read_text() == first
    assert store.load(p).model == "other"
    assert not list(tmp_path.glob(".*.tmp"))


def _error(text: str, tmp_path: Path) -> FormatError:
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    before = p.read_bytes()
    with pytest.raises(FormatError) as info:
        store.load(p)
    assert p.read_bytes() == before
    return info.value


def good_text() -> str:
    return store.dumps(small_doc())


@pytest.mark.parametrize("mutate, line, words", [
    (lambda t: t.replace("- {src: [1], tgt: [1, 2]", "- {src: [1], tgt: [1, 7]"), 14, "does not exist"),
    (lambda t: t.replace("- {src: [1], tgt: [1, 2]", "- {src: [1], tgt: [0, 2]"), 14, "already used"),
    (lambda t: t.replace("tgt: [1, 2], status: confirmed", "tgt: [2, 1], status: confirmed"), 14, "out of order"),
    (lambda t: t.replace("- {src: [1], tgt: [1, 2]", "- {src: [1], tgt: [1]"), None, "sentence 2 is in no row"),
    (lambda t: t.replace("status: confirmed", "status: maybe"), 14, "unknown status"),
    (lambda t: t.replace("confidence: 0.91", "confidence: 7"), 13, "outside [0, 1]"),
    (lambda t: t.replace("format: 1", "format: 9"), 1, "newer workbench"),
    (lambda t: t.replace("format: 1\n", ""), None, "no 'format'"),
    (lambda t: t.replace("{id: 1, para: 0, text: 'Два", "{id: x, para: 0, text: 'Два"), 7, "integer id"),
    (lambda t: t.replace("- {src: [0], tgt: [0]", "- {src: [0, tgt: [0]"), 13, "not valid YAML"),
    (lambda t: t.replace("src: [0], tgt", "src: zero, tgt"), 13, "list of sentence ids"),
])
def test_validation_errors_name_file_line_and_what_is_wrong(tmp_path, mutate, line, words):
    text = good_text()
    bad = mutate(text)
    assert bad != text
    err = _error(bad, tmp_path)
    msg = str(err)
    assert "bad.yaml" in msg and words in msg
    if line is not None:
        assert err.line == line, msg


def test_not_a_document(tmp_path):
    err = _error("- just\n- a list\n", tmp_path)
    assert "not a workbench alignment document" in str(err)
    err = _error("", tmp_path)
    assert "not a workbench" in str(err)


def test_source_paths_are_relative_to_the_document(tmp_path):
    (tmp_path / "texts").mkdir()
    doc = small_doc()
    doc.source.path = str(tmp_path / "texts" / "a.txt")
    store.save(doc, tmp_path / "alignments" / "a.yaml")
    assert "path: ../texts/a.txt" in (tmp_path / "alignments" / "a.yaml").read_text()
    back = store.load(tmp_path / "alignments" / "a.yaml")
    assert Path(back.source.path).resolve() == (tmp_path / "texts" / "a.txt").resolve()


def test_bakai_gold_loads_fully_confirmed(bakai_paths):
    doc = store.load(bakai_paths[2])
    assert doc.confirmed_count == len(doc.beads) == 69
    kinds = [b.kind for b in doc.beads]
    assert sum(k not in ("1-1", "1-0", "0-1") for k in kinds) >= 12
    assert kinds.count("1-0") == 3 and kinds.count("0-1") >= 3


def test_parse_cache_gives_the_same_document_as_parsing(tmp_path):
    """A saved file reopens from the parse cache; a hand edit is parsed afresh."""
    from workbench.core import parse_cache

    p = tmp_path / "doc.yaml"
    doc = small_doc()
    doc.extra["later_feature"] = [{"id": 1, "note": "x"}]
    store.save(doc, p)
    raw = p.read_bytes()
    cached = parse_cache.get(raw)
    assert cached == __import__("yaml").safe_load(raw.decode())
    assert store.dumps(store.load(p)) == store.dumps(doc)
    p.write_text(p.read_text().replace("One.", "Uno."))
    assert parse_cache.get(p.read_bytes()) is None
    assert store.load(p).target.sentences[0].text == "Uno."
    assert parse_cache.get(p.read_bytes()) is not None
