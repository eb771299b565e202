"""How well the default sentence splitter finds the sentences of the development corpora.

    .venv/bin/python bench/segmentation.py [--show N] [--speed]

The development corpora come one sentence per line, cut by people (NTREX's translators
translated sentence by sentence; Text+Berg was segmented and hand-checked). Each document's
lines are joined into one paragraph, as a user's text arrives, and split again by
``workbench.core.segment.split_paragraph``. Two counts per language:

- **missed**: a line that ends with an end mark (. ! ? 。 ！ ？ …, closing quotes allowed)
  whose end the splitter does not cut (a line without one, a title, cannot be found);
- **extra**: a cut inside a line that the gold pairs 1-1 with one line of the other side (a
  line the corpus builder merged from two sentences may rightly be cut).

Text+Berg is left out: it is tokenized (a space before every mark), and a closing quote
often starts the line after the sentence it closes, so its lines are not a user's text.

Cuts are compared by the number of non-space characters before them, so spacing does not
matter. Prints the counts and the first N errors of each kind.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.segment import split_paragraph  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
#: a line that ends a sentence by its punctuation
_ENDS = re.compile(r"[.!?。！？…][\"'»”’」』）)]*\s*$")


def _gold(path: Path) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a, b = line.split(":")
            beads.append((ast.literal_eval(a), ast.literal_eval(b)))
    return beads


def documents() -> list[tuple[str, str, list[str], set[int]]]:
    """(corpus, language, lines, indices of the lines in 1-1 beads) per document and side."""
    out = []
    for corpus, src, tgt in (("ntrex-ru-en-dev", "ru", "en"), ("ntrex-zh-en-dev", "zh", None)):
        for gold in sorted((DATA / corpus / "gold").iterdir()):
            beads = _gold(gold)
            for lang, side in ((src, 0), (tgt, 1)):
                if lang is None:
                    continue
                lines = (DATA / corpus / lang / gold.name).read_text(encoding="utf-8").split("\n")
                ones = {b[side][0] for b in beads if len(b[0]) == 1 and len(b[1]) == 1}
                out.append((corpus, lang, lines, ones))
    return out


def _ink(text: str) -> int:
    return sum(not c.isspace() for c in text)


def check(lang: str, lines: list[str], ones: set[int]):
    """Missed and extra cuts of one document: lists of (line index, text shown)."""
    lines = [ln.strip() for ln in lines]
    keep = [i for i, ln in enumerate(lines) if ln]
    joiner = "" if lang in ("zh", "ja") else " "
    sentences = split_paragraph(joiner.join(lines[i] for i in keep), lang)
    cuts, n = set(), 0
    for s in sentences[:-1]:
        n += _ink(s)
        cuts.add(n)
    missed, extra, n = [], [], 0
    for k, i in enumerate(keep):
        start, n = n, n + _ink(lines[i])
        if k + 1 < len(keep) and _ENDS.search(lines[i]) and n not in cuts:
            missed.append((i, lines[i][-60:] + " | " + lines[keep[k + 1]][:40]))
        if i in ones:
            inside = sorted(c - start for c in cuts if start < c < n)
            if inside:
                extra.append((i, " | ".join(_pieces(lines[i], inside))))
    return missed, extra


def _pieces(line: str, inside: list[int]) -> list[str]:
    """The line cut after the given counts of non-space characters."""
    out, seen, last = [], 0, 0
    marks = iter(inside)
    want = next(marks, None)
    for pos, c in enumerate(line):
        if not c.isspace():
            seen += 1
        if want is not None and seen == want:
            out.append(line[last:pos + 1].strip())
            last, want = pos + 1, next(marks, None)
    out.append(line[last:].strip())
    return out


def speed() -> None:
    """Seconds to split long paragraphs: ordinary text (the Bakai article, 100 times), nothing
    but dialogue, references with abbreviations and no sentence end, Chinese with straight
    quotes."""
    import time

    bakai = (ROOT / "texts" / "en" / "bakai.txt").read_text(encoding="utf-8")
    texts = {
        "Bakai x100": " ".join([" ".join(ln.strip() for ln in bakai.splitlines() if ln.strip())] * 100),
        "dialogue": '"Where are you going now?" "Home, because it is late." ' * 16_000,
        "references": "p. 5 x, " * 80_000,
        "zh quotes": '他说。"好。"她笑了。' * 80_000,
    }
    for name, text in texts.items():
        start = time.perf_counter()
        n = len(split_paragraph(text, "zh" if name.startswith("zh") else "en"))
        print(f"{name:12} {len(text) / 1000:7.0f} KB {n:7d} sentences "
              f"{time.perf_counter() - start:6.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", type=int, default=5, help="errors shown per language and kind")
    ap.add_argument("--speed", action="store_true",
                    help="time long one-paragraph texts instead (where pysbd alone is quadratic)")
    args = ap.parse_args()
    if args.speed:
        speed()
        return
    totals: dict[tuple[str, str], list] = {}
    for corpus, lang, lines, ones in documents():
        missed, extra = check(lang, lines, ones)
        t = totals.setdefault((corpus, lang), [0, 0, [], []])
        t[0] += sum(1 for ln in lines if ln.strip())
        t[1] += len(ones)
        t[2].extend(missed)
        t[3].extend(extra)
    print(f"{'corpus':20} {'lang':4} {'lines':>6} {'missed':>7} {'extra':>6}  (extra among 1-1 lines)")
    for (corpus, lang), (n, n1, missed, extra) in totals.items():
        print(f"{corpus:20} {lang:4} {n:6d} {len(missed):7d} {len(extra):6d}  of {n1}")
    for (corpus, lang), (_, _, missed, extra) in totals.items():
        for kind, errors in (("missed", missed), ("extra", extra)):
            for _, shown in errors[: args.show]:
                print(f"  {lang} {kind}: {shown}")


if __name__ == "__main__":
    main()
