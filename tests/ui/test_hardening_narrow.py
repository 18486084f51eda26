"""Very narrow terminals (a browser through serve may send any size): the too-small notice, never a crash."""

from __future__ import annotations

import pytest

from game.files.saves import SaveStore


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8])
async def test_a_very_narrow_terminal_on_the_load_screen_shows_the_notice(make_app, tmp_path, width):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", saves_dir=tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        SaveStore(tmp_path / "saves").save(app.game, "groep-3")
        app.action_load()
        await pilot.pause()
        await pilot.resize_terminal(width, 24)
        await pilot.pause()
        await pilot.resize_terminal(width, 2)
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TooSmallScreen"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.__class__.__name__ != "TooSmallScreen"


@pytest.mark.parametrize("width", [1, 2, 3])
async def test_a_terminal_of_a_few_columns_anywhere_shows_the_notice(make_app, width):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(width, 24)
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TooSmallScreen"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PlayScreen"
