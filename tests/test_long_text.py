"""Long sentences and words: the pieces that keep the checks linear (core/spans.py,
core/urls.py) agree with what they replace, and the limits (core/limits.py) say what they skip."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.document import Bead, Document, Sentence, Side
from workbench.core.limits import MAX_SENTENCE_CHARS, MAX_WORD_CHARS, describe_skipped, too_long_rows
from workbench.core.spans import TakenSpans
from workbench.core.urls import url_spans

# the pattern spelling.tokens used: quadratic on a long run of letters (no anchor before "@")
OLD_URL_RE = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|edu|gov|ru|kz|ua|uk|de|fr|eu)\b(?:/\S*)?",
    re.IGNORECASE)


def old_spans(text: str) -> list[tuple[int, int]]:
    if "." not in text and "@" not in text:
        return []
    return [(m.start(), m.end()) for m in OLD_URL_RE.finditer(text)]


# ---------------------------------------------------------------- spans taken

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=25)


@settings(max_examples=300, deadline=None)
@given(spans, spans)
def test_taken_spans_answer_what_the_list_answered(added, queries):
    taken, plain = TakenSpans(), []
    for a, b in added:
        for qa, qb in queries:
            assert taken.overlaps(qa, qb) == any(qa < y and x < qb for x, y in plain)
        taken.add(a, b)
        plain.append((a, b))


def test_taken_spans_stay_fast():
    taken = TakenSpans()
    start = time.perf_counter()
    for i in range(100_000):
        if not taken.overlaps(3 * i, 3 * i + 2):
            taken.add(3 * i, 3 * i + 2)
    assert len(taken) == 100_000 and time.perf_counter() - start < 2.0  # a list: minutes


# ---------------------------------------------------------------- URLs

@pytest.mark.parametrize("text", [
    "See https://example.com/a?b=1 and www.bakai.kz now.", "Mail anna.k+x@mail.ru or bob@x.org.",
    "Visit bakai.kz, gov.kz and news.bbc.co.uk/world today.", "e.g. the U.S. and Mr. Smith.",
    "Write to info@bakai.kz.", "x.example.com (sub.domain.org/path)", "ftp://files.x.de/pub",
    "a@b", "...example.com", "no url here"])
def test_urls_are_found_as_before(text):
    assert url_spans(text) == old_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", "com", "kz", ".", "@", "+", " ", "www", "http://",
                                 "/", "_", "1", "Б"]), max_size=14))
def test_urls_are_found_as_before_in_any_text_without_hyphens(parts):
    text = "".join(parts)
    assert url_spans(text) == old_spans(text)


@pytest.mark.parametrize("unit", ["a", "a-", "a.", "a@", "ab.cd-ef+", "б"])
def test_urls_in_a_word_of_100000_characters_take_linear_time(unit):
    word = unit * (100_000 // len(unit))
    start = time.perf_counter()
    url_spans(f"The {word} house.")
    assert time.perf_counter() - start < 1.0  # the old pattern: about a minute on the first


# ---------------------------------------------------------------- what qa and check skip

def _doc(*rows: tuple[str, str]) -> Document:
    return Document(Side("ru", [Sentence(i, r) for i, (r, _) in enumerate(rows)]),
                    Side("en", [Sentence(i, e) for i, (_, e) in enumerate(rows)]),
                    [Bead((i,), (i,)) for i in range(len(rows))])


def test_rows_too_long_to_check_are_named_with_the_reason():
    doc = _doc(("Дом.", "House."), ("Дом " * 6000, "House."), ("Дом.", "a" * 2000),
               ("Дом.", "House."))
    skipped = too_long_rows(doc)
    assert sorted(skipped) == [1, 2]
    assert skipped[1] == (f"its Russian side is {len('Дом ' * 6000):,} characters long (more "
                          f"than {MAX_SENTENCE_CHARS:,}: text without sentence ends?)")
    assert skipped[2] == f"its English side has a word of 2,000 characters (more than {MAX_WORD_CHARS:,})"
    assert describe_skipped(skipped).startswith("rows 2, 3 are not checked (row 2: its Russian")
    assert describe_skipped({}) is None
    many = describe_skipped({i: "x" for i in range(10)})
    assert many.startswith("rows 1, 2, 3 and 7 more are not checked")


def test_qa_leaves_long_rows_out_and_keeps_the_row_numbers():
    from workbench.core.qa import run_checks, skipped

    doc = _doc(("В 2006 году " * 3000, "In 2007 " * 3000), ("Снесли 120 домов.", "They razed 102 houses."))
    found = run_checks(doc, ["numbers"])
    assert [f.row for f in found] == [1] and list(skipped(doc)) == [0]
