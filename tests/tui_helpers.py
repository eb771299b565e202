"""Running a WorkbenchApp headless in tests (no pytest-asyncio here), and the small document
the key tests of test_tui*.py share (``small_doc``, ``make_app``, ``rows``, ``state``)."""

from __future__ import annotations

import asyncio

from workbench.core.document import Bead, Document, check_invariants, make_side
from workbench.tui.app import WorkbenchApp


def drive(app, script, size=(120, 40), wait=True) -> None:
    """Run ``await script(pilot)`` inside the headless app; ``wait``: let workers finish first."""
    async def main():
        async with app.run_test(size=size) as pilot:
            if wait:
                await settle(pilot)
            else:
                await pilot.pause()
            await script(pilot)
    asyncio.run(main())


async def settle(pilot) -> None:
    """Wait for the workers (save, autosave, model, checker, QA) and the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def drive_now(app: WorkbenchApp, script, size=(100, 30)) -> None:
    """Run ``await script(pilot)`` in the headless app, straight after the first paint."""
    drive(app, script, size, wait=False)


# ---------------------------------------------------------------- the small document

def small_doc() -> Document:
    """Six rows with every kind of row the keys care about (low, confirmed, 0-1, 1-2, 2-1)."""
    src = make_side("ru", [(t, 0) for t in (
        "alpha one.", "beta two.", "gamma three.", "delta four.", "epsilon five.", "zeta six.")])
    tgt = make_side("en", [(t, 0) for t in (
        "Alpha one.", "Beta two.", "Beta more.", "Gamma three.", "Delta four and five.",
        "Zeta six.", "Extra line.")])
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1, 2), 0.3), Bead((2,), (3,), 0.6),
             Bead((3, 4), (4,), 0.2), Bead((5,), (5,), 0.95, "confirmed"), Bead((), (6,), None)]
    doc = Document(src, tgt, beads)
    check_invariants(doc)
    return doc


def rows(doc: Document) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in doc.beads]


def state(doc: Document):
    return (list(doc.beads), list(doc.source.sentences), list(doc.target.sentences),
            doc.source.next_id, doc.target.next_id)


def make_app(doc=None, path="unused.yaml", **kw) -> WorkbenchApp:
    kw.setdefault("autosave_seconds", None)
    kw.setdefault("check_autosave", False)
    kw.setdefault("preload_model", False)  # the key tests need no model
    return WorkbenchApp(doc if doc is not None else small_doc(), path, **kw)
