"""A held-out check on real translation in a pair the aligner was never tuned on: Spanish-English.

    apt-get install diatheke sword-text-sparv sword-text-web
    .venv/bin/python bench/bible.py [--model use-v3] [--noise SIGMA]

Twenty chapters of the Bible (narrative, law, poetry, prophecy, letters) in the Reina-Valera
1909 (Spanish) and the World English Bible (both public domain), read from Debian's SWORD
modules. Verse numbers are a gold alignment that nobody made for this project: each verse is
split into sentences by the workbench's own splitter, and the gold bead of a verse is all of its
sentences on both sides (1-1, 1-2 for an English verse cut in two, 2-2 ...). RV1909 keeps the
Hebrew letters of Psalm 119 ("ALEPH.") and the psalm titles ("Salmo de David.") inside the
verse, where the WEB has none: those are gold 1-0 beads.

A verse of two or more sentences on both sides says nothing about how they pair inside it, so
any split of such a verse into beads counts as that verse's bead; a bead that crosses a verse
boundary, or leaves out a sentence of a verse with one sentence on a side, is wrong. Strict and
lax F1 as in bench/loco.py, for the shipped aligner, the unlearned floor and Bertalign's
algorithm with the same model. Nothing was tuned on this: it is a check, like the test sets.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loco import FLOOR, Doc, NoisyEncoder, bertalign_beads, bertalign_corelib, fmt  # noqa: E402

from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import score_many  # noqa: E402
from workbench.core.segment import split_paragraph  # noqa: E402

MODULES = {"es": "spaRV1909eb", "en": "engWEB2015eb"}
CHAPTERS = ("Genesis 1", "Genesis 24", "Exodus 14", "Ruth 1", "1 Samuel 17", "Psalms 23",
            "Psalms 119", "Proverbs 8", "Isaiah 53", "Matthew 5", "Mark 1", "Luke 15", "John 3",
            "Acts 27", "Romans 8", "1 Corinthians 13", "Hebrews 11", "Revelation 21", "Job 38",
            "Ecclesiastes 3")
#: a line of RV1909 that the WEB has outside its verses: Psalm 119's Hebrew letters, psalm titles
TITLE = re.compile(r"[A-ZÁÉÍÓÚ]+\.|Salmo de David\.")
_LABEL = re.compile(r"((?:I{1,3} )?[A-Z][A-Za-z]*(?: of [A-Z][a-z]+)? \d+:\d+): (.*)")


def verses(module: str, chapter: str) -> dict[str, str]:
    """{"1:1": text, ...} of one chapter, the OSIS markup stripped (the modules write some
    words as <w>hubo</w>una<w>voz</w>: the spaces are put back)."""
    out = subprocess.run(["diatheke", "-b", module, "-f", "osis", "-k", chapter],
                         capture_output=True, text=True, check=True).stdout
    raw: dict[str, str] = {}
    key = None
    for line in out.splitlines():
        m = _LABEL.search(line)
        if m:
            key = m.group(1).split()[-1]
            raw[key] = m.group(2)
        elif key and not line.startswith("("):
            raw[key] += " " + line
    clean = {}
    for key, t in raw.items():
        t = re.sub(r"<note.*?</note>|<title.*?</title>", "", t, flags=re.S)
        t = re.sub(r"</w>(?=\w|<w)", "</w> ", t)
        t = re.sub(r"(?<=\w)<w", " <w", t)
        t = re.sub(r"<(?:milestone|lb|l|/l)\b[^>]*>", " ", t)
        t = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", t)).strip()
        if t:
            clean[key] = t
    return clean


def chapter_doc(chapter: str) -> Doc:
    es, en = verses(MODULES["es"], chapter), verses(MODULES["en"], chapter)
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    for key in (k for k in es if k in en):
        s = split_paragraph(es[key], "es")
        while s and TITLE.fullmatch(s[0]):
            gold.append(([len(src)], []))
            src.append(s.pop(0))
        t = split_paragraph(en[key], "en")
        gold.append((list(range(len(src), len(src) + len(s))), list(range(len(tgt), len(tgt) + len(t)))))
        src += s
        tgt += t
    return Doc(src, tgt, gold, "es", "en")


def _owners(gold: list) -> Callable[[tuple, tuple], int | None]:
    """The verse of two or more sentences a side that a bead lies inside, if any."""
    owner: dict[tuple[str, int], int] = {}
    for k, (s, t) in enumerate(gold):
        if len(s) >= 2 and len(t) >= 2:
            owner.update({("s", i): k for i in s})
            owner.update({("t", j): k for j in t})

    def of(s, t) -> int | None:
        ks = {owner.get(("s", i)) for i in s} | {owner.get(("t", j)) for j in t}
        return ks.pop() if len(ks) == 1 else None
    return of


def by_verse(beads: list, gold: list) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The proposal with the beads that lie inside one verse of two or more sentences a side
    joined into one (the verse says nothing about how those pair up inside it)."""
    owner = _owners(gold)
    out: list[list[list[int]]] = []
    joined: dict[int, list[list[int]]] = {}
    for s, t in beads:
        k = owner(s, t)
        if k is None:
            out.append([list(s), list(t)])
        elif k in joined:
            joined[k][0] += s
            joined[k][1] += t
        else:
            joined[k] = [list(s), list(t)]
            out.append(joined[k])
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in out]


def rights(beads: list, gold: list) -> list[bool]:
    """Is each proposed bead right, as ``by_verse`` scores it: a bead inside a verse of two or
    more sentences a side is right when that verse, joined, is; any other when it is a gold
    bead."""
    owner = _owners(gold)
    gold_set = {(tuple(s), tuple(t)) for s, t in gold}
    right_joined = set(by_verse(beads, gold)) & gold_set
    out = []
    for s, t in beads:
        k = owner(s, t)
        if k is None:
            out.append((tuple(s), tuple(t)) in gold_set)
        else:
            out.append((tuple(gold[k][0]), tuple(gold[k][1])) in right_joined)
    return out


def evaluate(docs: list[Doc], beads_of) -> tuple[dict, int, int]:
    """Scores over the chapters, how many sentences were left out and how many of those the
    gold leaves out too."""
    pairs, skips, right = [], 0, 0
    for d in docs:
        beads = [(tuple(s), tuple(t)) for s, t in beads_of(d)]
        gold = [(tuple(s), tuple(t)) for s, t in d.gold]
        left_out = [b for b in beads if not b[0] or not b[1]]
        skips += len(left_out)
        right += len(set(left_out) & set(gold))
        pairs.append((by_verse(beads, gold), gold))
    return score_many(pairs), skips, right


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--noise", type=float, default=0.0, metavar="SIGMA",
                    help="weaken every translation's match (as bench/loco.py --noise)")
    ap.add_argument("--no-bertalign", action="store_true")
    args = ap.parse_args(argv)
    hint = "needs Debian's SWORD tools and modules: apt-get install diatheke sword-text-sparv sword-text-web"
    if not shutil.which("diatheke"):
        print(hint, file=sys.stderr)
        return 2
    docs = [chapter_doc(c) for c in CHAPTERS]
    if not all(d.src and d.tgt for d in docs):
        print(f"{hint} (a chapter came back empty)", file=sys.stderr)
        return 2
    enc = load_encoder(args.model)
    if args.noise:
        enc = NoisyEncoder(enc, args.noise)
    cols = {"shipped": AlignConfig(), "floor": replace(AlignConfig(), **FLOOR)}
    kinds = Counter(f"{len(s)}-{len(t)}" for d in docs for s, t in d.gold)
    print(f"Bible es-en: {len(docs)} chapters, {sum(len(d.src) for d in docs)} Spanish and "
          f"{sum(len(d.tgt) for d in docs)} English sentences; verses "
          + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print(f"model {args.model}{f'; noise {args.noise}' if args.noise else ''}; strict / lax F1, "
          "sentences left out (of them right)")
    for name, cfg in cols.items():
        r, skips, right = evaluate(docs, lambda d, cfg=cfg: [
            (p.src, p.tgt) for p in align_texts(d.src, d.tgt, enc, d.sl, d.tl, cfg)])
        print(f"  {name:10} {fmt(r)}  {skips} ({right})", flush=True)
    core = None if args.no_bertalign else bertalign_corelib()
    if core is not None:
        r, skips, right = evaluate(docs, lambda d: bertalign_beads(d, enc, core))
        print(f"  {'bertalign':10} {fmt(r)}  {skips} ({right})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
