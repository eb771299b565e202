"""Likely term pairs of a row, proposed when a glossary term is added from the cursor's row.

Pure text logic (no UI): the names of each side (runs of capitalized words that Hunspell does
not know as common words), Russian ones as dictionary forms, paired across the scripts by
transliteration (:func:`term_candidates`). The term dialog (:mod:`workbench.tui.terms.term_dialog`)
shows them and also uses :func:`ru_base` / :func:`lemma_run` for words selected in the text.
"""

from __future__ import annotations

from . import glossary as gl
from . import morph
from .document import Document
from .langtags import base_lang
from .translit import translit


def _runs(text: str, lang: str, covered: list[tuple[int, int]]) -> list[str]:
    """Candidate terms of one text: runs of capitalized words (names), leaving out runs of
    common words (Hunspell knows them in lower case: "The", "May", "Social Struggles") and a
    common first word of a sentence ("The Bakai residents" gives "Bakai")."""
    from .spelling import engine

    eng = engine(lang)

    def common(word: str) -> bool:
        return eng is not None and eng.spell(word.lower())

    out: list[str] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        words = list(run)
        run.clear()
        if not words or all(common(w) for _, _, w in words):
            return
        before = text[:words[0][0]].rstrip()
        at_start = not before or before[-1] in ".!?«\"“*—-"
        if at_start and len(words) == 1 and eng is not None and eng.spell(words[0][2]):
            return  # "I'd", "Today" ...
        if len(words) > 1 and at_start and common(words[0][2]):
            words = words[1:]
        out.append(text[words[0][0]:words[-1][1]])

    for start, end, word in morph.words(text):
        name = (word[:1].isupper() and len(word) > 1 and not any(c.isdigit() for c in word)
                and not any(a <= start < b for a, b in covered))
        if name and run and text[run[-1][1]:start].strip() == "":
            run.append((start, end, word))
            continue
        close()
        if name:
            run.append((start, end, word))
    close()
    return out


def ru_base(word: str) -> str:
    """A Russian word in its dictionary form, unless it may already be one (names: pymorphy
    reads the nominative ``Асанов`` as a form of ``Асан``)."""
    low = word.lower().replace("ё", "е")
    parses = morph.morph().parse(word)
    if any(p.normal_form.replace("ё", "е") == low for p in parses):
        return word
    return morph.lemma(word, "ru")


def lemma_run(run: str, lang: str) -> str:
    if base_lang(lang) != "ru":
        return run
    return " ".join(ru_base(w) if w[:1].isupper() else w for w in run.split())


def term_candidates(doc: Document, row: int,
                    glossary: gl.Glossary | None = None) -> list[tuple[str, str]]:
    """Likely (source, target) term pairs of a row, best first, then the names of one side
    that found no partner; words of terms the glossary already has are left out. Russian words come as lemmas (``Оразалиновым`` ->
    ``Оразалинов``); a name on one side is paired with the other side's name that reads most
    alike once transliterated."""
    from rapidfuzz import fuzz

    bead = doc.beads[row]
    matches = gl.term_matches(doc, row, glossary)
    sides = []
    for side, ids in (("src", bead.src), ("tgt", bead.tgt)):
        lang = doc.side(side).lang
        found: list[str] = []
        for sid in ids:
            covered = [(m.span.start, m.span.end) for m in matches
                       if (m.span.side, m.span.sid) == (side, sid)]
            for run in _runs(doc.side(side).get(sid).text, lang, covered):
                run = lemma_run(run, lang)
                if run not in found:
                    found.append(run)
        sides.append(found)
    src, tgt = sides
    latin_src = base_lang(doc.source.lang) in morph.CYRILLIC_LANGS
    pairs: list[tuple[float, str, str]] = []
    used_src: set[str] = set()
    for t in tgt:
        best = (0.0, "")
        for s in src:
            # hyphens out of the Russian name only, as ever: Жер-Анн reads "zherann"
            s_key = translit(s).replace("-", "") if latin_src else s.lower()
            score = fuzz.token_sort_ratio(s_key, t.lower())
            if score > best[0]:
                best = (score, s)
        if best[0] >= 55:
            pairs.append((best[0], best[1], t))
            used_src.add(best[1])
    out = [(s, t) for _, s, t in sorted(pairs, key=lambda p: -p[0])]
    out += [("", t) for t in tgt if all(t != p[1] for p in out)]
    out += [(s, "") for s in src if s not in used_src]
    return out
