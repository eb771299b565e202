"""Possible omissions and additions: rows whose length (or meaning) is an outlier *for this
document*.

There is no global threshold on the length ratio: Russian-English, German-French or a terse
translator each have their own. For every row with text on both sides the check computes the
Gale-Church length deviation ``d = (lt - c * ls) / sqrt(c * ls)`` (``ls``, ``lt``: characters
of the two sides; ``c``: this document's median ratio), which keeps short and long rows on
one scale, then a *robust z-score* of ``d`` against the document's own rows:
``z = 0.6745 * (d - median(d)) / MAD(d)`` (Iglewicz-Hoaglin; the MAD is floored so that a
document of near-identical rows does not make tiny differences outliers). ``|z| > 3.5`` is an outlier:
z below is a target too short for its source (possible omission), above too long (possible
addition); beyond 6 the severity is major.

Given an encoder (``Context.encoder``), the cosine of the two sides' embeddings gets the same
robust z; a row far below the document's usual similarity (z < -3.5) is proposed as a
possible mistranslation (or joins the length finding's comment).

Documents with fewer than 8 two-sided rows are not judged (too few to know what is usual).
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..document import Document
from . import Context, Finding, joined, two_sided

Z_LIMIT = 3.5
Z_MAJOR = 6.0
MIN_ROWS = 8


LENGTH_MAD_FLOOR = 0.25  # Gale-Church units; real translations show about 1 (Bakai: 0.98)
SIMILARITY_MAD_FLOOR = 0.02  # cosine


def robust_z(values: np.ndarray, floor: float) -> np.ndarray:
    """Modified z-scores 0.6745 (x - median) / MAD, the MAD no smaller than ``floor`` (a
    document of near-identical rows must not turn tiny differences into outliers)."""
    med = float(np.median(values))
    mad = max(float(np.median(np.abs(values - med))), floor)
    return 0.6745 * (values - med) / mad


def length_deviations(ls: np.ndarray, lt: np.ndarray) -> np.ndarray:
    c = float(np.median(lt / ls))
    return (lt - c * ls) / np.sqrt(c * ls)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    rows = list(two_sided(doc))
    if len(rows) < MIN_ROWS:
        return
    src_texts = [joined(s) for _, s, _ in rows]
    tgt_texts = [joined(t) for _, _, t in rows]
    ls = np.array([max(1, len(t)) for t in src_texts], dtype=float)
    lt = np.array([max(1, len(t)) for t in tgt_texts], dtype=float)
    z_len = robust_z(length_deviations(ls, lt), LENGTH_MAD_FLOOR)
    z_sim = np.zeros(len(rows))
    sims = None
    if ctx.encoder is not None:
        u = np.asarray(ctx.encoder.encode(src_texts), dtype=float)
        v = np.asarray(ctx.encoder.encode(tgt_texts), dtype=float)
        sims = np.sum(u * v, axis=1) / (np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1))
        z_sim = robust_z(sims, SIMILARITY_MAD_FLOOR)
    ratio = float(np.median(lt / ls))
    for k, (row, src, tgt) in enumerate(rows):
        zl, zs = float(z_len[k]), float(z_sim[k])
        long_or_short = abs(zl) > Z_LIMIT
        dissimilar = sims is not None and zs < -Z_LIMIT
        if not long_or_short and not dissimilar:
            continue
        expected = ratio * ls[k]
        parts = []
        if long_or_short:
            what = "shorter" if zl < 0 else "longer"
            parts.append(f"the {doc.target.lang} side is {what} than this document's rows usually "
                         f"are: {int(lt[k])} characters for {int(ls[k])} (about "
                         f"{int(round(expected))} expected; z = {zl:.1f})")
        if dissimilar:
            parts.append(f"the sides are less similar in meaning than usual "
                         f"(cosine {sims[k]:.2f}, z = {zs:.1f})")
        if long_or_short:
            category = "Accuracy/Omission" if zl < 0 else "Accuracy/Addition"
            kind = "omission" if zl < 0 else "addition"
        else:
            category, kind = "Accuracy/Mistranslation", "mistranslation"
        strength = max(abs(zl) if long_or_short else 0.0, -zs if dissimilar else 0.0)
        severity = "major" if strength > Z_MAJOR else "minor"
        fingerprint = kind + ("+dissimilar" if dissimilar and long_or_short else "")
        yield Finding("length", row, category, severity,
                      f"possible {kind}: " + "; ".join(parts), fingerprint)
