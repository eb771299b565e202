"""From texts and documents to aligned beads: embedding, joined spans, confirmed stretches.

``align_sides`` aligns two whole sides; ``realign`` re-aligns only the stretches between the
user's confirmed beads and returns one undoable Edit (confirmed beads are never touched).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

import numpy as np

from ..document import Bead, Document, Sentence, Side
from ..embed import Encoder
from ..history import Edit
from ..langtags import base_lang
from ..operations import replace_rows
from ..textio import text_size
from .config import AlignConfig
from .engine import Proposal, align_vectors
from .lexical import Anchors
from .learned import weights_for
from .paragraphs import shared_breaks
from .reference import reference_scale
from .scoring import length_prior

#: ``progress(stage, done, total)``
StageProgress = Callable[[str, int, int], None]

NO_SPACE_LANGS = {"zh", "ja", "th", "lo", "km", "my"}


def _joiner(lang: str) -> str:
    return "" if base_lang(lang) in NO_SPACE_LANGS else " "


class _SideData:
    def __init__(self, texts: Sequence[str], lang: str, vectors: np.ndarray):
        self.texts = list(texts)
        self.lang = lang
        self.vectors = vectors
        self.lengths = np.array([text_size(t) for t in self.texts], dtype=float)


def _span_embedder(encoder: Encoder, sides: dict[str, _SideData],
                   progress: StageProgress | None) -> Callable:
    def embed_spans(side: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        data = sides[side]
        sep = _joiner(data.lang)
        texts = [sep.join(data.texts[s:e]) for s, e in spans]
        cb = (lambda d, t: progress(f"embedding joined {side} sentences", d, t)) if progress else None
        return encoder.encode(texts, progress=cb)
    return embed_spans


def embed_side(encoder: Encoder, texts: Sequence[str], label: str,
               progress: StageProgress | None = None) -> np.ndarray:
    cb = (lambda d, t: progress(f"embedding {label}", d, t)) if progress else None
    return encoder.encode(list(texts), progress=cb)


def for_encoder(cfg: AlignConfig, encoder: Encoder) -> AlignConfig:
    """The config for this encoder: its reference scale (the unit of the prices, reference.py)
    unless set already, and with ``scorer="learned"`` the learned weights for it unless set
    already (the default, unlearned scorer needs none)."""
    if cfg.reference_scale is None:
        ref = reference_scale(encoder)
        if ref is not None:
            cfg = replace(cfg, reference_scale=ref)
    if cfg.weights is not None or cfg.scorer != "learned":
        return cfg
    w = weights_for(encoder.name)
    if w is not None:
        cfg = replace(cfg, weights=tuple(float(x) for x in w))
    return cfg


def align_texts(src: Sequence[str], tgt: Sequence[str], encoder: Encoder,
                src_lang: str = "ru", tgt_lang: str = "en", cfg: AlignConfig = AlignConfig(),
                progress: StageProgress | None = None,
                paragraphs: tuple[Sequence[int], Sequence[int]] | None = None) -> list[Proposal]:
    """Align two lists of sentences; proposals hold positions into ``src`` and ``tgt``;
    ``paragraphs``: each sentence's paragraph number on each side, if known."""
    cfg = for_encoder(cfg, encoder)
    u = embed_side(encoder, src, "source", progress)
    v = embed_side(encoder, tgt, "target", progress)
    sides = {"src": _SideData(src, src_lang, u), "tgt": _SideData(tgt, tgt_lang, v)}
    if progress:
        progress("aligning", 0, 1)
    out = align_vectors(u, v, sides["src"].lengths, sides["tgt"].lengths, cfg,
                        embed_spans=_span_embedder(encoder, sides, progress),
                        anchors=lambda: Anchors.pair(src, tgt), paragraphs=paragraphs)
    if progress:
        progress("aligning", 1, 1)
    return out


def beads_from_proposals(props: Sequence[Proposal], src_ids: Sequence[int],
                         tgt_ids: Sequence[int]) -> list[Bead]:
    return [Bead(tuple(src_ids[p] for p in pr.src), tuple(tgt_ids[q] for q in pr.tgt),
                 pr.confidence, "proposed") for pr in props]


def align_sides(source: Side, target: Side, encoder: Encoder, cfg: AlignConfig = AlignConfig(),
                progress: StageProgress | None = None) -> list[Bead]:
    props = align_texts([s.text for s in source.sentences], [s.text for s in target.sentences],
                        encoder, source.lang, target.lang, cfg, progress,
                        paragraphs=_paragraphs(source.sentences, target.sentences))
    return beads_from_proposals(props, [s.id for s in source.sentences],
                                [s.id for s in target.sentences])


def _paragraphs(src: Sequence[Sentence], tgt: Sequence[Sentence]) -> tuple[list[int], list[int]]:
    return [s.para for s in src], [s.para for s in tgt]


def unconfirmed_stretches(doc: Document) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of beads that are not confirmed."""
    out = []
    start = None
    for i, b in enumerate(doc.beads):
        if b.confirmed:
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        out.append((start, len(doc.beads)))
    return out


def realign(doc: Document, encoder: Encoder, cfg: AlignConfig = AlignConfig(),
            progress: StageProgress | None = None) -> Edit:
    """Re-align every unconfirmed stretch, keeping confirmed beads; one undoable Edit."""
    cfg = for_encoder(cfg, encoder)
    src_texts = [s.text for s in doc.source.sentences]
    tgt_texts = [s.text for s in doc.target.sentences]
    u = embed_side(encoder, src_texts, "source", progress)
    v = embed_side(encoder, tgt_texts, "target", progress)
    sides = {"src": _SideData(src_texts, doc.source.lang, u),
             "tgt": _SideData(tgt_texts, doc.target.lang, v)}
    mu = length_prior(sides["src"].lengths, sides["tgt"].lengths)
    anchors_s, anchors_t = Anchors.pair(src_texts, tgt_texts)
    # whether the paragraphs say anything is judged on the whole document (paragraphs.py)
    use_paragraphs = shared_breaks(*_paragraphs(doc.source.sentences,
                                                doc.target.sentences)) is not None
    stretches = unconfirmed_stretches(doc)
    results = []
    for k, (start, end) in enumerate(stretches):
        if progress:
            progress("re-aligning", k, len(stretches))
        src_ids = [sid for b in doc.beads[start:end] for sid in b.src]
        tgt_ids = [sid for b in doc.beads[start:end] for sid in b.tgt]
        ps = [doc.source.position(i) for i in src_ids]
        pt = [doc.target.position(i) for i in tgt_ids]
        sub = {"src": _SideData([src_texts[p] for p in ps], doc.source.lang, u[ps]),
               "tgt": _SideData([tgt_texts[p] for p in pt], doc.target.lang, v[pt])}
        props = align_vectors(sub["src"].vectors, sub["tgt"].vectors, sub["src"].lengths,
                              sub["tgt"].lengths, cfg,
                              embed_spans=_span_embedder(encoder, sub, None), mu=mu,
                              anchors=(anchors_s.take(ps), anchors_t.take(pt)),
                              paragraphs=shared_breaks(*_paragraphs(
                                  [doc.source.sentences[p] for p in ps],
                                  [doc.target.sentences[p] for p in pt]), check=False)
                              if use_paragraphs else None)
        results.append((start, end, beads_from_proposals(props, src_ids, tgt_ids)))
    if progress:
        progress("re-aligning", len(stretches), len(stretches))
    return replace_rows(doc, "re-align", results)
