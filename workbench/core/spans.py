"""Spans of a text already taken, with an overlap test in O(log n).

The number check reads a row in passes (dates, then times, then numbers ...), and each pass
skips what an earlier one took. Testing a match against every span taken so far makes a row
with n numbers cost n² (a 48 MB "sentence" of numbers: minutes); :class:`TakenSpans` keeps
the union of the spans sorted instead, so each test is a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort


class TakenSpans:
    """Half-open spans ``[start, end)``; :meth:`overlaps` answers exactly what
    ``any(a < end and start < b for start, end in spans)`` answers over every span added."""

    def __init__(self) -> None:
        self._starts: list[int] = []  # the union of the spans: sorted, strictly apart,
        self._ends: list[int] = []    # so the ends are sorted too

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, a: int, b: int) -> bool:
        """Does ``[a, b)`` overlap a span taken (share a character, or hold an empty span)?"""
        i = bisect_left(self._starts, b)  # the spans starting before b are [0, i)
        return i > 0 and self._ends[i - 1] > a

    def add(self, a: int, b: int) -> None:
        """Take ``[a, b)``, merged with the spans it overlaps."""
        lo = bisect_right(self._ends, a)   # the first span ending after a
        hi = bisect_left(self._starts, b)  # the first span starting at or after b
        if lo < hi:  # [lo, hi) overlap [a, b): replace them by their union
            a, b = min(a, self._starts[lo]), max(b, self._ends[hi - 1])
            del self._starts[lo:hi], self._ends[lo:hi]
            self._starts.insert(lo, a)
            self._ends.insert(lo, b)
            return
        i = bisect_left(self._starts, a)
        while i < len(self._starts) and self._starts[i] == a and self._ends[i] < b:
            i += 1  # equal starts: the shorter span first, so the ends stay sorted
        self._starts.insert(i, a)
        self._ends.insert(i, b)
