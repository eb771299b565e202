"""Fix the typos of the published Bakai English in alignments/bakai.yaml, with the core's
undoable operations (what a translator does in the UI), and print what changed.

Idempotent: a fix whose word is no longer flagged is skipped. Every edited sentence keeps the
published text in ``original``. Run: .venv/bin/python bench/fix_bakai_typos.py [DOC]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.core import glossary, operations, spelling, store  # noqa: E402
from workbench.core.errors import OperationError  # noqa: E402

# word -> replacement (None: the first suggestion, which is right for these)
SPELLING = {
    "Inititally": None, "seige": None, "upto": None, "tracktors": None, "aggitated": None,
    "occassion": None, "slongans": None, "Askaraova": None, "assualt": None, "charnge": None,
    "aggitate": None,  # "pamphlets that agitate for the nationalization": agitate, the verb
    "Astonishly": None, "beaurocrats": None, "Vnutrnnikh": None,
    "longterm": "long-term",  # first suggestion "long term"; the adjective is hyphenated
}
# words that are right here but not in en_US: ignored in this document only
IGNORE = {"zhanara": "the author's user name in the byline",
          "totalling": "British spelling, correct"}
# typos no spell checker sees: dropped words (found by reading the text)
EDITS = [("squatters Bakai community", "squatters in Bakai community"),
         ("backs teenagers", "backs of teenagers"),
         ("to carry out task", "to carry out their task")]


def main(path: str = "alignments/bakai.yaml") -> None:
    doc = store.load(path)
    history = operations.History(doc)
    checker = spelling.Checker.for_project(Path(path).parent)
    gloss = glossary.Glossary.load(glossary.project_glossary_path(path))

    t = time.perf_counter()
    findings = checker.misspellings(doc)
    print(f"{len(findings)} misspellings before ({time.perf_counter() - t:.3f} s, cold)")
    while True:  # one fix at a time: a fix moves the spans after it in its sentence
        f = next((f for f in checker.misspellings(doc) if f.word in SPELLING), None)
        if f is None:
            break
        edit = spelling.fix(doc, f, SPELLING[f.word])
        history.do(edit)
        print(f"row {f.row + 1}: {edit.label}")
    for f in checker.misspellings(doc):
        if f.word.lower() in IGNORE:
            try:
                history.do(spelling.ignore(doc, f.word, f.lang))
                print(f"row {f.row + 1}: ignore '{f.word}' in this document ({IGNORE[f.word.lower()]})")
            except OperationError:
                pass
    for tf in glossary.terminology_findings(doc, gloss):
        if tf.kind == "forbidden":
            edit = glossary.fix(doc, tf)
            history.do(edit)
            print(f"row {tf.row + 1}: {edit.label}")
    for old, new in EDITS:
        for s in doc.target.sentences:
            if old in s.text:
                history.do(operations.edit_sentence(doc, "tgt", s.id, s.text.replace(old, new)))
                print(f"sentence {s.id}: '{old}' → '{new}'")
    if history.dirty:
        store.save(doc, path)
    t = time.perf_counter()
    left = checker.misspellings(doc)
    print(f"{len(left)} misspellings after ({(time.perf_counter() - t) * 1000:.1f} ms, warm)")
    for f in left:
        print(f"  row {f.row + 1} {f.side}: {f.word}")
    for tf in glossary.terminology_findings(doc, gloss):
        print(f"  row {tf.row + 1} terminology ({tf.kind}): {tf.message}")


if __name__ == "__main__":
    main(*sys.argv[1:])
