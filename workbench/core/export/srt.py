"""Bilingual SRT: aligned subtitles, each cue the source line and its translation under it,
timed by the source's cues (a side read from SRT or WebVTT remembers its timecodes).

Pairs whose source sentences share a cue become one cue (a cue holding two sentences stays
one cue), and a pair spanning cues takes the first one's start and the last one's end. The
timecodes are written in SRT's form (``00:01:02,500``) whatever the input was.

    1
    00:00:01,000 --> 00:00:03,500
    Милиция снимает осаду.
    The police end the siege.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Document
from ..errors import WorkbenchError
from ..files import atomic_write
from . import Pair


def srt_time(value: str) -> str:
    """"1:02.5" or "00:01:02.500" -> "00:01:02,500"."""
    parts = re.split(r"[:.,]", value.strip())
    ms = parts[-1].ljust(3, "0")[:3]
    hms = [int(x) for x in parts[:-1]]
    while len(hms) < 3:
        hms.insert(0, 0)
    h, m, s = hms[-3:]
    return f"{h:02d}:{m:02d}:{s:02d},{ms}"


def cues(doc: Document, pairs: list[Pair]) -> list[tuple[str, str, str, str]]:
    """(start, end, source, target) of each cue to write."""
    from ..sources import paragraphs_of

    paras = paragraphs_of(doc, "src")
    groups: list[tuple[set[int], list[Pair]]] = []
    for p in pairs:
        mine = {doc.source.get(sid).para for sid in p.src_ids}
        if not all(paras.get(x, {}).get("kind") == "cue" for x in mine):
            continue
        if groups and groups[-1][0] & mine:
            groups[-1][0].update(mine)
            groups[-1][1].append(p)
        else:
            groups.append((set(mine), [p]))
    out = []
    for timed, members in groups:
        first, last = paras[min(timed)], paras[max(timed)]
        out.append((srt_time(str(first["start"])), srt_time(str(last["end"])),
                    " ".join(p.source for p in members), " ".join(p.target for p in members)))
    return out


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    found = cues(doc, pairs)
    if not found and pairs:
        raise WorkbenchError("the source side was not read from subtitles: there are no cue "
                             "times to give the pairs",
                             hint="align an .srt or .vtt file to export SRT, or export "
                                  "tmx, xlsx or docx")
    blocks = [f"{i}\n{start} --> {end}\n{src}\n{tgt}\n"
              for i, (start, end, src, tgt) in enumerate(found, 1)]
    atomic_write(path, "\n".join(blocks), backup=False)
    return [path]
