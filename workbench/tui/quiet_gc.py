"""Full garbage collections while the translator is not typing.

Python starts a full (oldest-generation) collection by itself whenever enough objects have
survived into the old generation, in the middle of whatever key is being handled. Here one
walks every long-lived object not frozen (the rows' spelling and term marks, the rendered
lines the views keep, the dialogs): 13 ms on an idle machine, 35-45 ms with the other core
busy (measured on 10,000 rows with ``gc.callbacks``), one key in every few that opens a
dialog or edits, which is what made their 95th percentile miss 50 ms.

So while the app runs, the old generation is collected when the keys have been quiet for a
moment instead: the automatic full collections are off (``gc.set_threshold``: the young
generations are still collected, which frees almost all garbage), and a timer runs
``gc.collect()`` once as much has survived as would have started one (ten collections of the
middle generation), after ``QUIET`` seconds without a key or a mouse event. Someone typing
without a pause for long does not grow the memory for ever: past ``LIMIT`` times that much it
is collected anyway. The thresholds are put back when the app stops.

The youngest generation is collected after ``YOUNG`` new objects instead of 700: drawing a
dialog makes tens of thousands of short-lived objects (Textual's strips hold seven small caches
each), and the 15-20 young collections that made cost ~5 ms of a 20 ms frame; fewer, larger
ones cost less in all, since an object freed by its reference count is never walked.
"""

from __future__ import annotations

import gc
import time

#: seconds without input before a full collection may run
QUIET = 0.5
#: how often the timer looks (a dialog is made ready in two such looks)
EVERY = 0.1
#: collect even while keys come, once this many middle-generation collections have passed
LIMIT = 20
#: the youngest generation is collected after this many new objects (Python: 700)
YOUNG = 10_000


class QuietCollector:
    """Moves full garbage collections to moments without input (see the module)."""

    def __init__(self, quiet: float = QUIET) -> None:
        self.quiet_seconds = quiet
        self.last_input = time.monotonic()
        self._saved: tuple[int, ...] | None = None
        self.collections = 0  # full collections run by this object (the tests look)

    def start(self) -> None:
        """Switch Python's own full collections off and collect the young generation less
        often (until :meth:`stop`)."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _old = self._saved
            gc.set_threshold(max(young, YOUNG), middle, 1 << 30)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> None:
        self.last_input = time.monotonic()

    @property
    def quiet(self) -> bool:
        """No key or mouse event for ``quiet`` seconds."""
        return time.monotonic() - self.last_input >= self.quiet_seconds

    @property
    def due(self) -> bool:
        """Whether as much has aged as makes Python collect the old generation."""
        old = self._saved[2] if self._saved is not None else gc.get_threshold()[2]
        return gc.get_count()[2] >= old

    def tick(self) -> None:
        """Run by a timer: a full collection if one is due and the keys are quiet."""
        if self._saved is None or not self.due:
            return
        if self.quiet or gc.get_count()[2] >= LIMIT * self._saved[2]:
            gc.collect()
            self.collections += 1
