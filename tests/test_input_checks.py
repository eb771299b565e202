"""The checks that inputs belong together: MINE and THEIRS are versions of BASE
(core/lineage.py), PROPOSED aligns the text GOLD aligns (core/evaluate.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core import store
from workbench.core.document import Document, copy_document
from workbench.core.errors import FormatError
from workbench.core.evaluate import check_pair, document_beads
from workbench.core.lineage import check_versions, shared
from workbench.core.operations import apply_edit, edit_sentence, split_sentence

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"


@pytest.fixture(scope="module")
def gold() -> Document:
    return store.load(BAKAI)


def _rewritten(doc: Document, how) -> Document:
    out = copy_document(doc)
    for side in (out.source, out.target):
        side.sentences = [replace(s, text=how(s.text), original=None) for s in side.sentences]
        side.invalidate()
    return out


def test_versions_with_edits_splits_and_reanchored_texts_belong_to_base(gold):
    edited = copy_document(gold)
    for s in list(edited.target.sentences)[:40]:
        apply_edit(edited, edit_sentence(edited, "tgt", s.id, s.text + " (edited)"))
    for s in list(edited.source.sentences)[:10]:
        if " " in s.text:
            apply_edit(edited, split_sentence(edited, "src", s.id, s.text.index(" ") + 1))
    reanchored = _rewritten(gold, lambda t: t.replace(",", "").replace("a", "o"))  # text changed
    check_versions(gold, {"mine.yaml": edited, "theirs.yaml": reanchored}, "base.yaml")
    kept, total = shared(gold, edited)
    assert kept >= 0.8 * total


def test_an_unrelated_document_is_no_version_of_base(gold):
    other = _rewritten(gold, lambda t: "Весной в горах выпало много снега и реки разлились.")
    shuffled = copy_document(gold)  # the same sentences under other ids: not the same document
    for side in (shuffled.source, shuffled.target):
        texts = [s.text for s in side.sentences]
        side.sentences = [replace(s, text=texts[(i + 7) % len(texts)], original=None)
                          for i, s in enumerate(side.sentences)]
        side.invalidate()
    for doc in (other, shuffled):
        with pytest.raises(FormatError) as err:
            check_versions(gold, {"mine.yaml": gold, "theirs.yaml": doc}, "base.yaml")
        assert str(err.value).startswith("theirs.yaml: is not a version of base.yaml: it keeps 0 of")


def test_eval_of_two_documents_of_one_text_passes_even_with_fixed_typos(gold):
    fixed = copy_document(gold)
    s = fixed.target.sentences[5]
    apply_edit(fixed, edit_sentence(fixed, "tgt", s.id, s.text + " (fixed)"))
    assert check_pair(document_beads(fixed), document_beads(gold), fixed, gold, "p", "g") == []


def test_eval_of_documents_with_a_few_different_sentences_warns(gold):
    other = copy_document(gold)
    target = other.target.sentences
    target[3] = replace(target[3], text="Another sentence.", original=None)
    (warning,) = check_pair(document_beads(other), document_beads(gold), other, gold, "p", "g")
    assert warning == "p: 1 target sentence(s) differ from g's, the first at position 3: check the scores"
    target[:20] = [replace(s, text=f"Other {i}.", original=None) for i, s in enumerate(target[:20])]
    with pytest.raises(FormatError, match=f"only {len(target) - 20} of the {len(target)} target "
                                          "sentences are the same"):
        check_pair(document_beads(other), document_beads(gold), other, gold, "p", "g")
