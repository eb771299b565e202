"""Running a WorkbenchApp headless in tests (no pytest-asyncio here)."""

from __future__ import annotations

import asyncio


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
