"""Run by tests/test_content_cache.py in a fresh interpreter: start the app as ``wijkberaad`` does (the
configuration resolved from the environment, the content loaded in its thread), wait until the title's
menu can be used ("Inhoud:" shown), then print which of the heavy modules were imported, as JSON."""

from __future__ import annotations

import asyncio
import json
import sys


async def main() -> None:
    from game.ui.config import resolve_config
    from game.ui.launch import make_app

    app = make_app(resolve_config())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(1000):
            await pilot.pause(0.01)
            if app.pack is not None or app.problems:
                break
        await pilot.pause()
        line = str(app.screen.query_one("#title-pack").render()) if app.pack is not None else ""
    print(
        json.dumps(
            {"pack_line": line, "modules": sorted(m for m in ("pydantic", "yaml") if m in sys.modules)}
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
