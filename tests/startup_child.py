"""Run by tests/test_content_cache.py in a fresh interpreter: start the app as ``wijkberaad`` does (the
configuration resolved from the environment, the content loaded in its thread), and print as JSON the
title's pack line once the menu can be used ("Inhoud: ..."), which of the heavy modules had been
imported when the content reached the title screen, and which were a moment later (the save boundary is
readied in the background)."""

from __future__ import annotations

import asyncio
import json
import sys


async def main() -> None:
    from game.ui.config import resolve_config
    from game.ui.launch import make_app
    from game.ui.screens.title import TitleScreen

    heavy: list[str] = []
    arrived = TitleScreen.content_arrived

    def content_arrived(self: TitleScreen) -> None:
        arrived(self)
        heavy.extend(m for m in ("pydantic", "yaml") if m in sys.modules)

    TitleScreen.content_arrived = content_arrived  # type: ignore[method-assign]
    app = make_app(resolve_config())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(1000):
            await pilot.pause(0.01)
            if app.pack is not None or app.problems:
                break
        await pilot.pause()
        line = str(app.screen.query_one("#title-pack").render()) if app.pack is not None else ""
        for _ in range(500):  # the save boundary is readied in a worker once the menu is drawn
            await pilot.pause(0.01)
            if "pydantic" in sys.modules and not app.workers:
                break
        later = sorted(m for m in ("pydantic", "yaml") if m in sys.modules)
    print(json.dumps({"pack_line": line, "modules": sorted(heavy), "later": later}))


if __name__ == "__main__":
    asyncio.run(main())
