"""Confidence bands: where the aligner's confidence in a row counts as low, middling or high.

Defined once so that the TUI's row colours, ``workbench show``'s confidence column and the
jump to the next low-confidence row agree (``bench/confidence.py`` measures how far the
confidences can be trusted).
"""

from __future__ import annotations

LOW = 0.5   #: below this a row is "low": worth a look
HIGH = 0.8  #: from this on a row is "high"; between LOW and HIGH it is "mid"

#: Terminal style (rich style name) of each band.
BAND_STYLES = {"none": "dim", "low": "bold red", "mid": "yellow", "high": "green"}


def confidence_band(conf: float | None) -> str:
    """"low", "mid", "high" or "none" (no confidence: a hand-made row)."""
    if conf is None:
        return "none"
    if conf < LOW:
        return "low"
    if conf < HIGH:
        return "mid"
    return "high"


def confidence_style(conf: float | None) -> str:
    """The terminal style a confidence is printed in."""
    return BAND_STYLES[confidence_band(conf)]
