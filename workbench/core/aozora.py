"""Aozora Bunko's plain-text markup: ruby readings, input notes, and the frame around a book.

Aozora Bunko (青空文庫) is where Japanese literature out of copyright is read and taken from,
in a plain-text markup of its own: a reading after the word it glosses (吾輩《わがはい》), a bar
where the glossed word starts when that is not clear (一番｜獰悪《どうあく》), input notes in
［＃...］ (a heading, an indent, a character JIS lacks: ※［＃「言＋墟のつくり」、第4水準2-88-74］),
a block explaining those symbols after the title, and the colophon (底本：...) after the book.
Read as they stand, the readings double every glossed word, the notes put words into the
sentences that the book does not have, and the frame adds rows that nothing on the other side
matches. They are left out; a character JIS lacks keeps its ※.
"""

from __future__ import annotations

import re
from typing import Sequence

_RUBY = re.compile(r"《[^《》\n]*》")
_NOTE = re.compile(r"［＃[^［］\n]*(?:［[^［］\n]*］[^［］\n]*)*］")
_SYMBOLS = "【テキスト中に現れる記号について】"
_RULE = re.compile(r"^-{20,}$")
_COLOPHON = re.compile(r"^底本：")


def is_aozora(lines: Sequence[str]) -> bool:
    """Does the text carry Aozora Bunko's markup: its explanation of the symbols, or input
    notes together with a colophon?"""
    text = "\n".join(lines[:200])
    if _SYMBOLS in text:
        return True
    return any("［＃" in line for line in lines) and any(
        _COLOPHON.match(line.strip()) for line in lines)


def cleaned(lines: Sequence[str]) -> tuple[list[str], tuple[int, int] | None, int | None]:
    """``lines`` without ruby readings, bars and input notes, the block explaining the symbols
    and the colophon made blank (so that every line keeps its number); with the block's lines
    (first, end; 0-based), if any, and the colophon's first line, if any."""
    out = list(lines)
    block = None
    marker = next((k for k, line in enumerate(out[:200]) if _SYMBOLS in line), None)
    if marker is not None:
        first = max((k for k in range(marker) if _RULE.match(out[k].strip())), default=marker)
        end = next((k + 1 for k in range(marker + 1, len(out)) if _RULE.match(out[k].strip())),
                   marker + 1)
        block = (first, end)
        out[first:end] = [""] * (end - first)
    colophon = next((k for k in range(len(out) - 1, -1, -1) if _COLOPHON.match(out[k].strip())),
                    None)
    if colophon is not None:
        out[colophon:] = [""] * (len(out) - colophon)
    out = [_NOTE.sub("", _RUBY.sub("", line)).replace("｜", "") for line in out]
    return out, block, colophon


def left_out(block: tuple[int, int] | None, colophon: int | None) -> str:
    """What the reader says it left out of an Aozora Bunko text (``cleaned``'s findings)."""
    parts = ["its ruby readings 《》 and input notes ［＃］"]
    if block is not None:
        parts.append(f"its notes on the symbols (lines {block[0] + 1}-{block[1]})")
    if colophon is not None:
        parts.append(f"its colophon (from line {colophon + 1})")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"it is an Aozora Bunko text: {listed} are left out"
