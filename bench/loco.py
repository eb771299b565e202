"""Leave-one-corpus-out: how the aligner does on a corpus it was never tuned on.

    .venv/bin/python bench/loco.py [--model use-v3] [--only textberg ...] [--grid]

Development corpora: NTREX ru-en, NTREX zh-en, Text+Berg de-fr, Bakai ru-en. Per corpus, on
the same sentence files and model:

- ``shipped``: the default scorer (``AlignConfig()``: unlearned; margin, local margin, length,
  coverage, anchors). Its few settings were chosen on all four corpora; ``--grid`` shows what
  choosing them without the corpus gives (the honest number: each corpus is aligned with the
  settings whose worst shortfall on the other three, from the best each reaches, is least;
  when those corpora cannot tell several settings apart, the mean over them).
- ``learned``: the CRF scorer fitted on the other corpora (each corpus weighing the same),
  then aligning the one left out: what a learned scorer carries to a new domain.
- ``floor``: the plain unlearned score (margin over the nearest neighbours, squared length
  deviation, coverage; joined-text embeddings for candidate beads; no local margin, no
  anchors). The shipped scorer must beat it on every corpus.
- ``bertalign``: Bertalign's own two passes (its ``corelib``, installed with ``pip install
  --no-deps --ignore-requires-python bertalign==2.0.1``) on vectors of the same model;
  skipped when it is not installed.

``--noise SIGMA`` adds the same deterministic noise to every sentence vector (each vector
plus SIGMA times a random unit direction, normalized again): every translation then matches
its partner less clearly, as a freer (literary) translation does. ``--drift ALPHA`` first
leans each vector toward the mean of its neighbours' (content moved across sentence
boundaries). ``--length-noise SIGMA`` multiplies every sentence's length by exp(SIGMA z), z a
standard normal seeded by its text, for both aligners: a freer translation's lengths say less
too (the development corpora's 1-1 beads spread by 0.20 in log length ratio around their
document's; 0.3 makes that 0.36). ``--coarsen SHARE`` (``--coarsen-target SHARE``) joins that
share of the source's (target's) sentence boundaries, the gold's beads brought together made
one: sentences longer on one side than the other's, as a Chinese novel's against its English
translation, and many 1-2, 1-3 and 1-4 beads (``coarsen``). All columns see the same vectors,
lengths and sentences.

Worst corpus first (by the shipped scorer): that row is the figure of merit. Then the
reliability of the shipped scorer's confidences: per band, the share of beads that are right;
and how many of the wrong beads the review queue (confidence below 0.8) holds.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import importlib.util
import io
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from workbench.core.align import AlignConfig, align_texts  # noqa: E402
from workbench.core.embed import load_encoder  # noqa: E402
from workbench.core.evaluate import Scores, document_beads, parse_beads, score_many  # noqa: E402
from workbench.core.textio import lines, text_size  # noqa: E402

realign = importlib.import_module("workbench.core.align.realign")

DATA = ROOT.parent / "shared" / "data"
BANDS = (0.0, 0.5, 0.8, 0.95, 1.0001)

#: the plain unlearned score: what the aligner used before the local margin and anchors
FLOOR = dict(local_weight=0.0, anchor_weight=0.0, displaced_weight=0.0, merge_penalty=0.05,
             coverage_weight=0.3, paragraph_weight=0.0)
#: settings tried by --grid (each corpus aligned with the choice of the other three)
GRID = {"local_weight": (0.0, 0.5, 1.0, 2.0), "skip": (-0.3, -0.45, -0.8),
        "displaced_weight": (0.0, 1.0, 2.0), "merge_penalty": (0.05, 0.15)}


@dataclass
class Doc:
    src: list[str]
    tgt: list[str]
    gold: list
    sl: str
    tl: str
    #: each sentence's paragraph number on each side, where the corpus knows them
    paras: tuple[list[int], list[int]] | None = None


def corpora() -> dict[str, list[Doc]]:
    """The development corpora found in ../shared/data, and the Bakai gold of the project."""
    out: dict[str, list[Doc]] = {}

    def read(p: Path) -> list[str]:
        return lines(p.read_text(encoding="utf-8"))

    for name, folder, sl in (("ntrex-ru", "ntrex-ru-en-dev", "ru"), ("ntrex-zh", "ntrex-zh-en-dev", "zh")):
        d = DATA / folder
        if d.is_dir():
            out[name] = [Doc(read(d / sl / g.name), read(d / "en" / g.name),
                             parse_beads(g.read_text()), sl, "en")
                         for g in sorted((d / "gold").iterdir())]
    tb = DATA / "textberg-de-fr-dev"
    if tb.is_dir():
        out["textberg"] = [Doc(read(tb / "dev.de"), read(tb / "dev.fr"),
                               parse_beads((tb / "dev.gold").read_text()), "de", "fr")]
    bakai = ROOT / "alignments" / "bakai.yaml"
    if bakai.is_file():
        from workbench.core.store import load
        g = load(bakai)
        # the texts as published (the gold's corrected text would make it easier)
        out["bakai"] = [Doc([s.original or s.text for s in g.source.sentences],
                            [s.original or s.text for s in g.target.sentences],
                            document_beads(g), "ru", "en",
                            ([s.para for s in g.source.sentences],
                             [s.para for s in g.target.sentences]))]
    return out


class NoisyEncoder:
    """``enc`` with each vector moved by ``sigma`` times a random unit direction (seeded by the
    text, so a sentence and a joined span get the same noise every time) and normalized.
    With ``drift`` and the corpora, a sentence's (or joined span's) vector first leans toward
    the mean vector of the sentences beside it, by ``drift``: content that a free translation
    moves across sentence boundaries."""

    def __init__(self, enc, sigma: float, drift: float = 0.0, data: dict | None = None):
        self.enc, self.sigma, self.drift, self.name = enc, sigma, drift, enc.name
        self.beside: dict[str, list[str]] = {}
        for docs in (data or {}).values() if drift else ():
            for d in docs:
                for sents, sep in ((d.src, "" if d.sl == "zh" else " "), (d.tgt, " ")):
                    for i in range(len(sents)):
                        for k in range(i + 1, min(i + 4, len(sents)) + 1):
                            self.beside.setdefault(sep.join(sents[i:k]), [
                                sents[p] for p in (i - 1, k) if 0 <= p < len(sents)])

    def encode(self, texts, progress=None, **kw):
        import hashlib
        vecs = np.asarray(self.enc.encode(list(texts)), dtype=np.float32)
        out = np.empty_like(vecs)
        for k, text in enumerate(texts):
            x = vecs[k]
            if self.beside.get(text):
                x = x + self.drift * np.mean(self.enc.encode(self.beside[text]), axis=0)
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            r = np.random.default_rng(seed).standard_normal(vecs.shape[1])
            x = x + self.sigma * r / np.linalg.norm(r)
            out[k] = x / np.linalg.norm(x)
        return out


def _regroup(gold: list, group: list[int], side: int) -> list[tuple[tuple, tuple]]:
    """``gold`` with ``side``'s sentence i renumbered ``group[i]``: beads that come to share a
    sentence become one, and so does a sentence of the other side left out between two of one
    bead's (it is translated inside the joined sentence)."""
    parent = list(range(len(gold)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    first: dict[int, int] = {}
    for k, b in enumerate(gold):
        for i in b[side]:
            parent[find(k)] = find(first.setdefault(group[i], k))
    other_owner = {j: k for k, b in enumerate(gold) for j in b[1 - side]}
    changed = True
    while changed:
        changed = False
        spans: dict[int, list[int]] = {}
        for k, b in enumerate(gold):
            spans.setdefault(find(k), []).extend(b[1 - side])
        for root, ids in spans.items():
            for j in range(min(ids, default=0), max(ids, default=-1) + 1):
                if j in other_owner and find(other_owner[j]) != find(root):
                    parent[find(other_owner[j])] = find(root)
                    changed = True
    merged: dict[int, tuple[set, set]] = {}
    for k, b in enumerate(gold):
        own, other = merged.setdefault(find(k), (set(), set()))
        own.update(group[i] for i in b[side])
        other.update(b[1 - side])
    beads = [(tuple(sorted(own)), tuple(sorted(other))) for own, other in merged.values()]
    if side == 1:
        beads = [(b, a) for a, b in beads]
    return sorted(beads, key=lambda bead: (bead[0][:1] or bead[1][:1], bead[1][:1] or bead[0][:1]))


def coarsen(doc: Doc, share: float, side: int) -> Doc:
    """``doc`` with a seeded ``share`` of one side's sentence boundaries removed (``side`` 0:
    source, 1: target), the gold's beads that the joins bring together made one: a language
    whose sentences run longer than the other's (a Chinese novel's, against its English
    translation's), where many beads are 1-2 and 1-3 (``--coarsen``). A join is made only
    while the bead it makes stays a type the aligners can propose (at most 4 sentences a side,
    5 in all)."""
    sents = (doc.src, doc.tgt)[side]
    if len(sents) < 2 or share <= 0:
        return doc
    key = hashlib.blake2b(("\n".join(sents)).encode(), digest_size=8).digest()
    rng = np.random.default_rng(int.from_bytes(key, "little"))
    paras = doc.paras[side] if doc.paras else None
    gold = [(tuple(a), tuple(b)) for a, b in doc.gold]
    group = [0]
    for i in range(1, len(sents)):
        if (paras is None or paras[i] == paras[i - 1]) and rng.random() < share:
            # the sentences after i each their own group for now
            trial = group + [group[-1]] + list(range(group[-1] + 1, group[-1] + len(sents) - i))
            a, b = next(((len(x), len(y)) for x, y in _regroup(gold, trial, side)
                         if group[-1] in (x if side == 0 else y)), (0, 0))
            if a <= 4 and b <= 4 and a + b <= 5:
                group.append(group[-1])
                continue
        group.append(group[-1] + 1)
    sep = "" if (doc.sl, doc.tl)[side] in ("zh", "ja") else " "
    joined = [sep.join(s for s, g in zip(sents, group) if g == k) for k in range(group[-1] + 1)]
    paras_now = None
    if doc.paras:
        firsts = [paras[group.index(k)] for k in range(group[-1] + 1)]
        paras_now = (firsts, doc.paras[1]) if side == 0 else (doc.paras[0], firsts)
    src, tgt = (joined, doc.tgt) if side == 0 else (doc.src, joined)
    return Doc(src, tgt, _regroup(gold, group, side), doc.sl, doc.tl, paras_now)


def pieces_of(docs: list[Doc], enc, cfg) -> list:
    from fit_scorer import doc_chunks
    out = []
    for k, d in enumerate(docs):
        for piece in doc_chunks(d.src, d.tgt, d.gold, enc, cfg):
            out.append(piece + [k])
    return out


def fit_without(held: str, pieces: dict[str, list], cfg, l2: float, iters: int,
                balance: bool = True, prior: float = 0.0, drop: tuple[str, ...] = (),
                basis: tuple[str, ...] = ()) -> np.ndarray:
    """CRF weights fitted on every corpus but ``held``, each corpus weighing the same;
    ``prior``: pulled toward the hand-set score times this instead of zero; ``drop``: features
    left out (held at 0)."""
    from crf import fit_crf
    from fit_scorer import hand_prior
    from workbench.core.align.features import FEATURES
    dropped = [FEATURES.index(x) for x in drop]
    train = []
    used = {name: ps for name, ps in pieces.items() if name != held and ps}
    total = sum(len(ps) for ps in used.values())
    for name, ps in used.items():
        # each corpus weighs as much as the mean corpus: the L2 means the same as unbalanced
        w = total / (len(used) * len(ps)) if balance else 1.0
        for p in ps:
            q = list(p)
            q[3] = w
            if dropped:
                q[0] = q[0].copy()
                q[0][dropped] = 0.0
            train.append(q)
    if basis:  # fit only a few directions: "floor" (the hand-set score) and named features
        B = np.zeros((len(basis), len(FEATURES)))
        for k, name in enumerate(basis):
            if name == "floor":
                B[k] = hand_prior(cfg, 1.0)
            else:
                B[k, FEATURES.index(name)] = 1.0
        for q in train:
            q[0] = np.tensordot(B, q[0], axes=(1, 0)).astype(np.float32)
        with contextlib.redirect_stdout(io.StringIO()):
            g = fit_crf(train, cfg.types, l2=l2, iters=iters)
        print("  basis weights: " + ", ".join(f"{n} {x:+.3f}" for n, x in zip(basis, g)),
              file=sys.stderr)
        return g @ B
    with contextlib.redirect_stdout(io.StringIO()):
        return fit_crf(train, cfg.types, l2=l2, iters=iters,
                       prior=hand_prior(cfg, prior) if prior else None)


def run(docs: list[Doc], enc, cfg) -> tuple[dict, list[tuple[float, bool]]]:
    """Scores over the corpus, and (confidence, right) of every proposed bead."""
    pairs, conf = [], []
    for d in docs:
        props = align_texts(d.src, d.tgt, enc, d.sl, d.tl, cfg, paragraphs=d.paras)
        test = [(p.src, p.tgt) for p in props]
        gold = {tuple(map(tuple, b)) for b in d.gold if b[0] or b[1]}
        conf += [(p.confidence, (p.src, p.tgt) in gold) for p in props]
        pairs.append((test, d.gold))
    return score_many(pairs), conf


def bertalign_corelib():
    """Bertalign's corelib module, loaded without its package (which needs Python 3.12 and
    downloads LaBSE on import); None when it is not installed."""
    spec = importlib.util.find_spec("bertalign")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "corelib.py"
    cspec = importlib.util.spec_from_file_location("bertalign_corelib", path)
    mod = importlib.util.module_from_spec(cspec)
    sys.modules[cspec.name] = mod  # numba's cache finds the module by its name
    cspec.loader.exec_module(mod)
    return mod


#: with ``--length-noise``: each sentence's length, for both aligners, is multiplied by
#: exp(LENGTH_NOISE * z), z a standard normal seeded by the sentence's text
LENGTH_NOISE = 0.0


def length_factor(text: str) -> float:
    """The factor ``--length-noise`` puts on this sentence's length (1 without it)."""
    if not LENGTH_NOISE:
        return 1.0
    seed = int.from_bytes(hashlib.blake2b(b"len:" + text.encode(), digest_size=8).digest(), "little")
    return float(np.exp(LENGTH_NOISE * np.random.default_rng(seed).standard_normal()))


def noisy_text_size(text: str) -> float:
    """``textio.text_size`` of a sentence, times its ``length_factor``."""
    return text_size(text) * length_factor(text)


def bertalign_beads(d: Doc, enc, core, max_align=5, top_k=3, win=5, skip=-0.1) -> list:
    """Bertalign's two passes with its defaults, on vectors of our encoder: every sentence and
    every run of up to max_align-1 sentences joined with a space (as Bertalign embeds them)."""
    vecs, lens = [], []
    for sents in (d.src, d.tgt):
        n, k = len(sents), max_align - 1
        layers, lengths = [], []
        size_of = [len(t.encode("utf-8")) * length_factor(t) for t in sents]
        for size in range(1, k + 1):
            texts = ["PAD"] * min(size - 1, n) + [" ".join(sents[i:i + size]) for i in range(n - size + 1)]
            layers.append(enc.encode(texts))
            lengths.append([3] * min(size - 1, n) + [
                round(sum(size_of[i:i + size]) + size - 1) for i in range(n - size + 1)])
        vecs.append(np.stack(layers).astype(np.float32))
        lens.append(np.array(lengths, dtype=np.int64))
    n, m = len(d.src), len(d.tgt)
    scores, idx = core.find_top_k_sents(vecs[0][0], vecs[1][0], k=top_k)
    t1 = core.get_alignment_types(2)
    w1, p1 = core.find_first_search_path(n, m)
    ptr = core.first_pass_align(n, m, w1, p1, t1, scores, idx)
    first = core.first_back_track(n, m, ptr, p1, t1)
    t2 = core.get_alignment_types(max_align)
    w2, p2 = core.find_second_search_path(first, win, n, m)
    ratio = float(np.sum(lens[0][0]) / np.sum(lens[1][0]))
    ptr2 = core.second_pass_align(vecs[0], vecs[1], lens[0], lens[1], w2, p2, t2, ratio, skip,
                                  margin=True, len_penalty=True)
    return [(tuple(a), tuple(b)) for a, b in core.second_back_track(n, m, ptr2, p2, t2)]


def run_bertalign(docs: list[Doc], enc, core) -> dict:
    """Bertalign's scores over the corpus (``bertalign_beads``)."""
    return score_many([(bertalign_beads(d, enc, core), d.gold) for d in docs])


def reliability(conf: list[tuple[float, bool]]) -> str:
    cells = []
    for lo, hi in zip(BANDS, BANDS[1:]):
        got = [ok for c, ok in conf if lo <= c < hi]
        share = f"{sum(got) / len(got):.2f}" if got else "  - "
        cells.append(f"{lo:.2f}-{min(hi, 1):.2f}: {share} of {len(got):4}")
    return " | ".join(cells)


def fmt(r: dict) -> str:
    return f"{r['strict'].f1:.3f} / {r['lax'].f1:.3f}"


def queue_share(conf: list[tuple[float, bool]], below: float = 0.8) -> str:
    """Share of the wrong beads that the review queue (confidence below ``below``) holds."""
    wrong = [c for c, ok in conf if not ok]
    return f"{sum(c < below for c in wrong)}/{len(wrong)}" if wrong else "0/0"


def grid_loco(data: dict, enc, refs: dict) -> dict[str, tuple[list, dict]]:
    """For each corpus: the grid's settings chosen on the other corpora, and the left-out
    corpus's scores with them. A setting is judged by its worst shortfall on another corpus
    from the best any setting reaches there (least regret; the worst F1 alone would always
    ask the hardest corpus, Text+Berg, for its favourite); settings the other corpora cannot
    tell apart (the same F1 on each, e.g. displaced anchors, which NTREX never has) are all
    chosen, and the left-out corpus gets their mean. Prints how many of the grid's settings
    beat ``refs`` (Bertalign's scores) on each corpus, and on all at once."""
    import itertools
    keys = list(GRID)
    table = []
    for vals in itertools.product(*GRID.values()):
        kw = dict(zip(keys, vals))
        table.append((kw, {n: run(docs, enc, AlignConfig(**kw))[0] for n, docs in data.items()}))
        print(f"  grid {kw}", file=sys.stderr, flush=True)
    if refs:
        beat = {n: sum(row[1][n]["strict"].f1 > refs[n]["strict"].f1 for row in table) for n in refs}
        every = sum(all(row[1][n]["strict"].f1 > refs[n]["strict"].f1 for n in refs) for row in table)
        print(f"grid: settings (of {len(table)}) above Bertalign, strict F1: "
              + ", ".join(f"{n} {k}" for n, k in beat.items()) + f"; on every corpus {every}")
    for n in data:
        f1s = sorted(row[1][n]["strict"].f1 for row in table)
        print(f"grid: {n} strict F1 min {f1s[0]:.3f} median {f1s[len(f1s) // 2]:.3f} max {f1s[-1]:.3f}")
    best = {n: max(row[1][n]["strict"].f1 for row in table) for n in data}
    out = {}
    for held in data:
        others = [n for n in data if n != held]

        def regret(row):
            return round(max(best[n] - row[1][n]["strict"].f1 for n in others), 4)

        def profile(row):
            return tuple(round(row[1][n]["strict"].f1, 4) for n in others)
        least = min(regret(row) for row in table)
        top = max((row for row in table if regret(row) == least),
                  key=lambda row: sum(profile(row)))
        chosen = [row for row in table if profile(row) == profile(top)]
        mean = {kind: Scores(*(float(np.mean([getattr(row[1][held][kind], f) for row in chosen]))
                               for f in ("precision", "recall", "f1")))
                for kind in ("strict", "lax")}
        f1s = [row[1][held]["strict"].f1 for row in chosen]
        out[held] = ([row[0] for row in chosen], mean, (min(f1s), max(f1s)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="use-v3")
    ap.add_argument("--only", action="append", help="corpora to run (default: all)")
    ap.add_argument("--grid", action="store_true", help="also choose the shipped settings "
                    f"without each corpus ({'x'.join(str(len(v)) for v in GRID.values())} runs)")
    ap.add_argument("--noise", type=float, default=0.0, metavar="SIGMA",
                    help="weaken every translation's match by this much noise (see above)")
    ap.add_argument("--drift", type=float, default=0.0, metavar="ALPHA",
                    help="lean every sentence's vector toward its neighbours' (see above)")
    ap.add_argument("--length-noise", type=float, default=0.0, metavar="SIGMA",
                    help="make every sentence's length ratio freer: lengths times exp(SIGMA z)")
    ap.add_argument("--coarsen", type=float, default=0.0, metavar="SHARE",
                    help="join this share of the source's sentence boundaries (see coarsen)")
    ap.add_argument("--coarsen-target", type=float, default=0.0, metavar="SHARE",
                    help="join this share of the target's sentence boundaries")
    ap.add_argument("--l2", type=float, default=0.5)
    ap.add_argument("--iters", type=int, default=150)
    ap.add_argument("--no-balance", action="store_true", help="weigh every training piece the same")
    ap.add_argument("--no-learned", action="store_true", help="skip the learned scorer's fits")
    ap.add_argument("--no-bertalign", action="store_true")
    ap.add_argument("--prior", type=float, default=0.0, metavar="T",
                    help="pull the learned fit toward the hand-set score times T instead of zero")
    ap.add_argument("--drop", default="", help="features left out of the fit (comma-separated)")
    ap.add_argument("--basis", default="", help="fit only these directions (comma-separated): "
                    "'floor' (the hand-set score) and feature names")
    args = ap.parse_args(argv)
    if args.length_noise:
        global LENGTH_NOISE
        LENGTH_NOISE = args.length_noise
        realign.text_size = noisy_text_size
    enc = load_encoder(args.model)
    cfg = AlignConfig()
    data = corpora()
    if args.coarsen or args.coarsen_target:
        data = {name: [coarsen(coarsen(d, args.coarsen, 0), args.coarsen_target, 1) for d in docs]
                for name, docs in data.items()}
    if args.noise or args.drift:
        enc = NoisyEncoder(enc, args.noise, args.drift, data)
    if args.only:
        names = args.only
    else:
        names = list(data)
    pieces = None
    if not args.no_learned:
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            pieces = {name: pieces_of(docs, enc, cfg) for name, docs in data.items()}
        print(f"model {args.model}; training pieces "
              + ", ".join(f"{k} {len(v)}" for k, v in pieces.items())
              + f" ({time.perf_counter() - t0:.0f} s)")
    core = None if args.no_bertalign else bertalign_corelib()
    refs = {name: run_bertalign(data[name], enc, core) for name in names} if core else {}
    grid = grid_loco(data, enc, refs) if args.grid else {}
    rows = []
    for held in names:
        shipped, conf = run(data[held], enc, cfg)
        floor = run(data[held], enc, replace(cfg, **FLOOR))[0]
        learned = None
        if pieces is not None:
            w = fit_without(held, pieces, replace(cfg, scorer="learned"), args.l2, args.iters,
                            balance=not args.no_balance, prior=args.prior,
                            drop=tuple(x for x in args.drop.split(",") if x),
                            basis=tuple(x for x in args.basis.split(",") if x))
            learned = run(data[held], enc, replace(cfg, scorer="learned",
                                                   weights=tuple(map(float, w))))[0]
        ref = refs.get(held)
        rows.append((held, shipped, grid.get(held), learned, floor, ref, conf))
        print(f"  {held}: shipped {fmt(shipped)}", file=sys.stderr, flush=True)
    rows.sort(key=lambda r: r[1]["strict"].f1)
    print(f"model {args.model}{f'; noise {args.noise}' if args.noise else ''}"
          f"{f'; drift {args.drift}' if args.drift else ''}"
          f"{f'; length noise {args.length_noise}' if args.length_noise else ''}"
          f"{f'; source coarsened {args.coarsen}' if args.coarsen else ''}"
          f"{f'; target coarsened {args.coarsen_target}' if args.coarsen_target else ''}"
          "; strict / lax F1")
    print(f"{'corpus':10} {'shipped':>13} {'grid, left out':>15} {'learned, left out':>18} "
          f"{'floor':>13} {'bertalign':>13}")
    for held, shipped, g, learned, floor, ref, _ in rows:
        print(f"{held:10} {fmt(shipped):>13} {fmt(g[1]) if g else '-':>15} "
              f"{fmt(learned) if learned else '-':>18} {fmt(floor):>13} {fmt(ref) if ref else '-':>13}")
    for held, _, g, *_ in rows:
        if g:
            lo, hi = g[2]
            spread = f" (the mean of {len(g[0])}, from {lo:.3f} to {hi:.3f})" if len(g[0]) > 1 else ""
            print(f"  settings chosen without {held}{spread}: {g[0]}")
    print("reliability of the shipped confidences (share right per band), wrong beads in the "
          "review queue (< 0.8):")
    for held, *_, conf in rows:
        print(f"  {held:10} {reliability(conf)} | queue {queue_share(conf)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
