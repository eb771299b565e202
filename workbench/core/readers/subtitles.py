"""Subtitles: SRT and WebVTT. Each cue is a paragraph of kind ``cue`` that keeps its timecodes
(``start``, ``end`` as written, the SRT comma or the WebVTT dot) and its number (``where``);
cue numbers, timecodes, settings, NOTE/STYLE/REGION blocks and the tags inside cues
(``<i>``, ``<font>``, ``<v Speaker>``, ``{\\an8}``, karaoke timestamps) never become text.
The lines of a cue are joined with a space.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import Paragraph, SourceFile, no_text
from .limits import MAX_MARKUP, check_size
from .text import decoded

_TIME = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})(?:\s.*)?$")
_TAG = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def _clean(line: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", line))).strip()


def parse(text: str, vtt: bool) -> list[Paragraph]:
    """The cues of an SRT or WebVTT text."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff"))
    out: list[Paragraph] = []
    count = 0
    for k, block in enumerate(blocks):
        lines = [ln for ln in block.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            continue
        if vtt and k == 0 and lines[0].lstrip().startswith("WEBVTT"):
            continue
        if vtt and re.match(r"^(NOTE|STYLE|REGION)(\s|$)", lines[0]):
            continue
        timing = next((i for i, ln in enumerate(lines[:3]) if _TIMING.match(ln)), None)
        if timing is None:
            continue  # not a cue (a stray line, a header): never text
        count += 1
        number = lines[timing - 1].strip() if timing else ""
        m = _TIMING.match(lines[timing])
        body = " ".join(c for c in (_clean(ln) for ln in lines[timing + 1:]) if c)
        if body:
            where = f"cue {number}" if number else f"cue {count}"
            out.append(Paragraph(body, "cue", start=m.group(1), end=m.group(2), where=where))
    return out


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "srt") -> SourceFile:
    check_size(path, MAX_MARKUP, "a subtitle file")
    tf = decoded(path, lang, encoding)
    cues = parse(tf.text, fmt == "vtt")
    if not cues:
        raise no_text(path, fmt, "give a subtitle file with cues, each a timecode line and text")
    return SourceFile(str(path), fmt, tuple(cues), tf.sha256, tf.encoding, tf.warnings)
