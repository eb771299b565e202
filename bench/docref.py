"""A held-out check on real translation in four more pairs: the Debian Reference (zh, ja, de, fr into en).

    apt-get install debian-reference-en debian-reference-zh-cn debian-reference-ja \
        debian-reference-de debian-reference-fr
    .venv/bin/python bench/docref.py [--lang zh-cn ja de fr] [--model use-v3] [--noise SIGMA]

Osamu Aoki's Debian Reference (GPL-2+) is written in English and translated with po4a, which
keeps the document's structure: the N-th paragraph of a chapter in a translation is the
translation of the N-th paragraph of the English chapter. Those paragraphs are a gold
alignment nobody made for this project, in a technical domain none of the development corpora
has, and in Chinese and Japanese, scripts without spaces. Each chapter is one document: its
paragraphs, each split into sentences by the workbench's own splitter, the translation as
source (as NTREX zh-en), English as target. A paragraph po4a left untranslated (the same text,
or no Chinese or Japanese in it) is left out of both sides; a chapter whose two files do not
have the same number of paragraphs is left out.

Scored as bench/bible.py scores verses: a paragraph of two or more sentences on both sides
says nothing about how they pair inside it, so any split of it counts as its bead; a bead that
crosses a paragraph boundary, or leaves out a sentence of a paragraph with one sentence on a
side, is wrong. Nothing was tuned on this: it is a check, like the test sets. The files are
read from the system, never copied into the project.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bible import evaluate  # noqa: E402
from loco import FLOOR, Doc, NoisyEncoder, bertalign_beads, bertalign_corelib, fmt  # noqa: E402

from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.segment import split_paragraph  # noqa: E402

HERE = Path("/usr/share/debian-reference")
#: the package's language suffix -> the workbench's language code
LANGS = {"zh-cn": "zh", "ja": "ja", "de": "de", "fr": "fr"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_PARA = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)


def paragraphs(path: Path) -> list[str]:
    """The text of every <p> of one chapter's HTML, in order, markup stripped."""
    raw = _PARA.findall(path.read_text(encoding="utf-8"))
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", p))).strip() for p in raw]


def translated(en: str, other: str, lang: str) -> bool:
    if not en or not other or en == other:
        return False
    return lang not in ("zh", "ja") or bool(_CJK.search(other))


def chapter_doc(en_file: Path, suffix: str) -> Doc | None:
    lang = LANGS[suffix]
    other = en_file.with_name(en_file.name.replace(".en.html", f".{suffix}.html"))
    if not other.exists():
        return None
    en, tr = paragraphs(en_file), paragraphs(other)
    if len(en) != len(tr):
        return None
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    for e, t in zip(en, tr):
        if not translated(e, t, lang):
            continue
        s, g = split_paragraph(t, lang), split_paragraph(e, "en")
        gold.append((list(range(len(src), len(src) + len(s))), list(range(len(tgt), len(tgt) + len(g)))))
        src += s
        tgt += g
    return Doc(src, tgt, gold, lang, "en") if src else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", nargs="+", default=list(LANGS), choices=list(LANGS))
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--noise", type=float, default=0.0, metavar="SIGMA",
                    help="weaken every translation's match (as bench/loco.py --noise)")
    ap.add_argument("--no-bertalign", action="store_true")
    args = ap.parse_args(argv)
    english = sorted(HERE.glob("*.en.html"))
    if not english:
        print("needs the Debian Reference: apt-get install debian-reference-en "
              + " ".join(f"debian-reference-{s}" for s in args.lang), file=sys.stderr)
        return 2
    enc = load_encoder(args.model)
    if args.noise:
        enc = NoisyEncoder(enc, args.noise)
    cols = {"shipped": AlignConfig(), "floor": replace(AlignConfig(), **FLOOR)}
    core = None if args.no_bertalign else bertalign_corelib()
    print(f"model {args.model}{f'; noise {args.noise}' if args.noise else ''}; strict / lax F1, "
          "sentences left out (of them right)")
    for suffix in args.lang:
        docs = [d for d in (chapter_doc(f, suffix) for f in english) if d is not None]
        if not docs:
            print(f"{suffix}: not installed (apt-get install debian-reference-{suffix})")
            continue
        kinds = Counter(f"{len(s)}-{len(t)}" for d in docs for s, t in d.gold)
        print(f"{suffix}-en: {len(docs)} chapters, {sum(len(d.src) for d in docs)} and "
              f"{sum(len(d.tgt) for d in docs)} sentences; paragraphs "
              + ", ".join(f"{k} {v}" for k, v in kinds.most_common(8)), flush=True)
        for name, cfg in cols.items():
            r, skips, right = evaluate(docs, lambda d, cfg=cfg: [
                (p.src, p.tgt) for p in align_texts(d.src, d.tgt, enc, d.sl, d.tl, cfg)])
            print(f"  {name:10} {fmt(r)}  {skips} ({right})", flush=True)
        if core is not None:
            r, skips, right = evaluate(docs, lambda d: bertalign_beads(d, enc, core))
            print(f"  {'bertalign':10} {fmt(r)}  {skips} ({right})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
