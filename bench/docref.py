"""A held-out check on real translation in more pairs: Debian's manuals (zh, ja, ko, ru, de, fr, it into en).

    apt-get install debian-reference-en debian-reference-zh-cn debian-reference-ja \
        debian-reference-de debian-reference-fr developers-reference developers-reference-ru \
        developers-reference-ja developers-reference-de developers-reference-fr \
        developers-reference-it debian-faq debian-faq-ru debian-faq-zh-cn debian-faq-ko \
        debian-faq-ja debian-faq-de
    .venv/bin/python bench/docref.py [--doc reference devref faq] [--lang zh-cn ru ...]
        [--model use-v3] [--noise SIGMA] [--paragraphs given|moved|none] [--moved SHARE]

Three of Debian's manuals are written in English and translated with po4a or gettext, which
keep the document's structure: the N-th paragraph of a chapter in a translation is the
translation of the N-th paragraph of the English chapter. Those paragraphs are a gold
alignment nobody made for this project, in a technical domain none of the development corpora
has, and in Chinese, Japanese and Korean. The manuals: the Debian Reference (Osamu Aoki), the
Developer's Reference and the Debian FAQ (all GPL-2+ or similar; read from the system, never
copied into the project). Each chapter is one document: its paragraphs, each split into
sentences by the workbench's own splitter, the translation as source (as NTREX zh-en), English
as target. A paragraph left untranslated (the same text, or none of the language's script in
it) is left out of both sides; a chapter whose two files do not have the same number of
paragraphs is left out.

Scored as bench/bible.py scores verses: a paragraph of two or more sentences on both sides
says nothing about how they pair inside it, so any split of it counts as its bead; a bead that
crosses a paragraph boundary, or leaves out a sentence of a paragraph with one sentence on a
side, is wrong. Nothing was tuned on this: it is a check, like the test sets.

The workbench knows a document's paragraphs, and uses them (core/align/paragraphs.py). Here
they are the gold's own paragraphs, so ``--paragraphs given`` (the default) flatters it; a
translator's paragraphs do not always follow the original's, and ``--paragraphs moved`` (the
share ``--moved``, 0.2) takes away that share of each side's paragraph breaks and adds as
many inside its paragraphs, each side at its own random places (fixed seed); ``none`` gives
it none. Bertalign never uses paragraphs.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bible import evaluate, rights  # noqa: E402
from loco import (FLOOR, Doc, NoisyEncoder, bertalign_beads, bertalign_corelib, fmt,  # noqa: E402
                  queue_share, reliability)

from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.scripts import LANG_SCRIPTS, script_counts  # noqa: E402
from workbench.core.segment import split_paragraph  # noqa: E402

#: the package's language suffix -> the workbench's language code
LANGS = {"zh-cn": "zh", "ja": "ja", "ko": "ko", "ru": "ru", "de": "de", "fr": "fr", "it": "it"}
_PARA = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
#: what may stand between two <p> of one paragraph: code blocks
_ONLY_CODE = re.compile(
    r"(?:\s*(?:<div\b[^>]*>\s*)*<pre\b[^>]*>(?:(?!</pre>).)*</pre>(?:\s*</div>)*)+\s*", re.S)


@dataclass(frozen=True)
class Manual:
    package: str  # the English package; a translation is <prefix>-<suffix>
    prefix: str
    english: str  # glob of the English chapters
    translation: str  # the translated chapter: {dir}, {stem} (the name before .en.html), {lang}
    langs: tuple[str, ...]

    def chapters(self) -> list[Path]:
        return sorted(p for p in Path("/").glob(self.english.lstrip("/"))
                      if p.name not in ("developers-reference.html", "search.html"))

    def translated(self, en_file: Path, suffix: str) -> Path:
        stem = en_file.name.removesuffix(".html").removesuffix(".en")
        return Path(self.translation.format(dir=en_file.parent, stem=stem, lang=suffix))


MANUALS = {
    "reference": Manual("debian-reference-en", "debian-reference",
                        "/usr/share/debian-reference/*.en.html", "{dir}/{stem}.{lang}.html",
                        ("zh-cn", "ja", "de", "fr")),
    "devref": Manual("developers-reference", "developers-reference",
                     "/usr/share/developers-reference/*.html", "{dir}/{lang}/{stem}.html",
                     ("ru", "ja", "de", "fr", "it")),
    "faq": Manual("debian-faq", "debian-faq", "/usr/share/doc/debian/FAQ/*.en.html",
                  "{dir}/{lang}/{stem}.{lang}.html", ("ru", "zh-cn", "ko", "ja", "de")),
}


def paragraphs(path: Path) -> list[list[str]]:
    """Every paragraph of one chapter's HTML, in order, as the texts of its <p> (markup
    stripped). A <p> that follows another with nothing but a code block between them belongs
    to the same paragraph: the HTML breaks a paragraph around its code (<p>After configuring,
    run:</p><pre>make deb-pkg</pre><p>…</p>), and a translation breaks it elsewhere in its
    sentence (<p>設定後、単に</p><pre>…</pre><p>を実行します。…</p>)."""
    page = path.read_text(encoding="utf-8")
    out: list[list[str]] = []
    end = None
    for m in _PARA.finditer(page):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", m[1]))).strip()
        if end is not None and _ONLY_CODE.fullmatch(page, end, m.start()):
            out[-1].append(text)
        else:
            out.append([text])
        end = m.end()
    return out


def translated(en: str, other: str, lang: str) -> bool:
    """Is ``other`` a translation of ``en``: not the same text, and, for a language not written
    in Latin letters, with some letters of its script?"""
    if not en or not other or en == other:
        return False
    scripts = LANG_SCRIPTS[lang]
    return "Latin" in scripts or any(s in scripts for s in script_counts(other))


def chapter_doc(manual: Manual, en_file: Path, suffix: str) -> Doc | None:
    lang = LANGS[suffix]
    other = manual.translated(en_file, suffix)
    if not other.exists():
        return None
    en, tr = paragraphs(en_file), paragraphs(other)
    if len(en) != len(tr):
        return None
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    para_s: list[int] = []
    para_t: list[int] = []
    for e, t in zip(en, tr):
        if not translated(" ".join(e).strip(), " ".join(t).strip(), lang):
            continue
        s = [x for piece in t for x in split_paragraph(piece, lang)]
        g = [x for piece in e for x in split_paragraph(piece, "en")]
        gold.append((list(range(len(src), len(src) + len(s))), list(range(len(tgt), len(tgt) + len(g)))))
        para_s += [len(gold)] * len(s)
        para_t += [len(gold)] * len(g)
        src += s
        tgt += g
    return Doc(src, tgt, gold, lang, "en", (para_s, para_t)) if src else None


def moved(paras: tuple[list[int], list[int]], share: float, seed: int
          ) -> tuple[list[int], list[int]]:
    """The paragraphs as a translator who does not keep them might leave them: on each side,
    ``share`` of the paragraph breaks taken away (paragraphs joined) and as many added inside
    paragraphs (paragraphs split), each side at its own random places."""
    rng = random.Random(seed)

    def move(p: list[int]) -> list[int]:
        cuts = {k for k in range(1, len(p)) if p[k] != p[k - 1]}
        inner = [k for k in range(1, len(p)) if k not in cuts]
        drop = set(rng.sample(sorted(cuts), round(share * len(cuts))))
        cuts = (cuts - drop) | set(rng.sample(inner, min(len(drop), len(inner))))
        out, k = [], 0
        for i in range(len(p)):
            k += i in cuts
            out.append(k)
        return out

    return move(paras[0]), move(paras[1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--doc", nargs="+", default=list(MANUALS), choices=list(MANUALS))
    ap.add_argument("--lang", nargs="+", default=list(LANGS), choices=list(LANGS))
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--noise", type=float, default=0.0, metavar="SIGMA",
                    help="weaken every translation's match (as bench/loco.py --noise)")
    ap.add_argument("--paragraphs", choices=("given", "moved", "none"), default="given",
                    help="the paragraphs the workbench is given: the gold's, moved, or none")
    ap.add_argument("--moved", type=float, default=0.2, metavar="SHARE",
                    help="with --paragraphs moved: the share of breaks taken away and added")
    ap.add_argument("--no-bertalign", action="store_true")
    ap.add_argument("--no-floor", action="store_true")
    ap.add_argument("--reliability", action="store_true",
                    help="share of beads right per confidence band, and wrong beads in the "
                    "review queue (below 0.8)")
    args = ap.parse_args(argv)
    enc = load_encoder(args.model)
    if args.noise:
        enc = NoisyEncoder(enc, args.noise)
    cols = {"shipped": AlignConfig(), "floor": replace(AlignConfig(), **FLOOR)}
    if args.no_floor:
        del cols["floor"]
    core = None if args.no_bertalign else bertalign_corelib()
    print(f"model {args.model}{f'; noise {args.noise}' if args.noise else ''}; paragraphs "
          f"{args.paragraphs}{f' {args.moved}' if args.paragraphs == 'moved' else ''}; "
          "strict / lax F1, sentences left out (of them right)")
    for name in args.doc:
        manual = MANUALS[name]
        english = manual.chapters()
        for suffix in (s for s in manual.langs if s in args.lang):
            docs = [d for d in (chapter_doc(manual, f, suffix) for f in english) if d is not None]
            if args.paragraphs != "given":
                docs = [replace(d, paras=None if args.paragraphs == "none"
                                else moved(d.paras, args.moved, k)) for k, d in enumerate(docs)]
            if not docs:
                print(f"{name} {suffix}: not installed (apt-get install {manual.package} "
                      f"{manual.prefix}-{suffix})")
                continue
            kinds = Counter(f"{len(s)}-{len(t)}" for d in docs for s, t in d.gold)
            print(f"{name} {suffix}-en: {len(docs)} chapters, {sum(len(d.src) for d in docs)} and "
                  f"{sum(len(d.tgt) for d in docs)} sentences; paragraphs "
                  + ", ".join(f"{k} {v}" for k, v in kinds.most_common(8)), flush=True)
            for col, cfg in cols.items():
                conf: list[tuple[float, bool]] = []

                def beads_of(d, cfg=cfg, conf=conf):
                    props = align_texts(d.src, d.tgt, enc, d.sl, d.tl, cfg, paragraphs=d.paras)
                    beads = [(p.src, p.tgt) for p in props]
                    gold = [(tuple(s), tuple(t)) for s, t in d.gold]
                    conf.extend(zip((p.confidence for p in props), rights(beads, gold)))
                    return beads

                r, skips, right = evaluate(docs, beads_of)
                print(f"  {col:10} {fmt(r)}  {skips} ({right})", flush=True)
                if col == "shipped" and args.reliability:
                    print(f"  {'':10} {reliability(conf)} | queue {queue_share(conf)}", flush=True)
            if core is not None:
                r, skips, right = evaluate(docs, lambda d: bertalign_beads(d, enc, core))
                print(f"  {'bertalign':10} {fmt(r)}  {skips} ({right})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
