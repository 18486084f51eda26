"""Races between the app's own steps: a screen that mounts while the app closes draws nothing and fails
nothing (Textual no longer mounts the widgets of a closing app)."""

from __future__ import annotations

import asyncio

import pytest

PLAYERS = {"minister": "Ahmed"}


@pytest.mark.parametrize("pauses", [0, 1, 2, 3])
async def test_a_play_screen_pushed_as_the_app_closes_fails_nothing(make_app, trio_pack, pauses):
    app = make_app(trio_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.new_game("test", None, 7, PLAYERS)
        for _ in range(pauses):
            await asyncio.sleep(0)
        app.exit()
    assert app.return_code in (0, None)
