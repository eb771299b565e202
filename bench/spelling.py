"""Spelling engines on the Bakai pair: spylls (pure Python) vs chunspell (libhunspell), same
dictionaries (the ones the spylls wheel ships), and the workbench checker built on them.

Prints load time, time to check every word of both sides, time to suggest for the published
English typos and how often the first suggestion is right (raw engine order and the
workbench's ranking). Run: .venv/bin/python bench/spelling.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core import morph, spelling, store  # noqa: E402

TYPOS = {"Inititally": "Initially", "seige": "siege", "upto": "up to", "tracktors": "tractors",
         "aggitated": "agitated", "occassion": "occasion", "slongans": "slogans",
         "Askaraova": "Askarova", "assualt": "assault", "charnge": "charge",
         "aggitate": "agitate", "longterm": "long-term", "Astonishly": "Astonishingly",
         "beaurocrats": "bureaucrats", "Vnutrnnikh": "Vnutrennikh"}


def published_words(doc):
    out = {}
    for side in (doc.source, doc.target):
        texts = [s.original or s.text for s in side.sentences]
        out[side.lang] = [w for t in texts for _, _, w in spelling.tokens(t, side.lang)]
    return out


def main() -> None:
    doc = store.load(ROOT / "alignments/bakai.yaml")
    words = published_words(doc)
    n = sum(len(v) for v in words.values())
    print(f"Bakai: {n} words to check ({len(words['ru'])} ru, {len(words['en'])} en)")
    import hunspell
    from spylls.hunspell import Dictionary

    bases = {lang: spelling.dictionary_base(lang) for lang in ("en", "ru")}
    t = time.perf_counter()
    sp = {lang: Dictionary.from_files(str(b)) for lang, b in bases.items()}
    sp_load = time.perf_counter() - t
    t = time.perf_counter()
    ch = {lang: hunspell.Hunspell(b.name, hunspell_data_dir=str(b.parent)) for lang, b in bases.items()}
    ch_load = time.perf_counter() - t
    print(f"{'engine':12}{'load s':>8}{'check ms':>10}{'suggest s':>11}{'first right':>13}")
    for name, eng, load, spell, sugg in (
            ("spylls", sp, sp_load, lambda e, w: e.lookup(w), lambda e, w: list(e.suggest(w))),
            ("chunspell", ch, ch_load, lambda e, w: e.spell(w), lambda e, w: e.suggest(w))):
        t = time.perf_counter()
        for lang, ws in words.items():
            for w in ws:
                spell(eng[lang], w)
        check = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        right = sum((sugg(eng["en"], typo) or [""])[0] == want for typo, want in TYPOS.items())
        print(f"{name:12}{load:8.2f}{check:10.1f}{time.perf_counter() - t:11.2f}"
              f"{right:>10}/{len(TYPOS)}")
    checker = spelling.Checker.for_project(ROOT / "alignments")
    pub = store.load(ROOT / "alignments/bakai.yaml")
    for side in (pub.source, pub.target):
        from dataclasses import replace
        side.sentences = [replace(s, text=s.original, original=None) if s.original else s
                          for s in side.sentences]
        side.invalidate()
    t = time.perf_counter()
    found = checker.misspellings(pub)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(10):
        checker.misspellings(pub)
    warm = (time.perf_counter() - t) / 10
    t = time.perf_counter()
    right = sum(checker.suggest(typo, "en")[0] == want for typo, want in TYPOS.items())
    print(f"workbench checker (chunspell + project words + ranking): {len(found)} findings, "
          f"first check {cold:.2f} s, then {warm * 1000:.1f} ms; suggestions "
          f"{time.perf_counter() - t:.2f} s, first right {right}/{len(TYPOS)}")
    morph.lemmas.cache_clear()


if __name__ == "__main__":
    main()
