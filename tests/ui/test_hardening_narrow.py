"""Very narrow terminals (a browser through serve may send any size): the too-small notice, never a crash.

One app walks through every width (back to a normal size between them), instead of one app per width:
starting an app costs more than the resizes the tests are about."""

from __future__ import annotations

import pytest

from game.files.saves import SaveStore

from .conftest import showing, until

pytestmark = pytest.mark.early


async def test_a_very_narrow_terminal_on_the_load_screen_shows_the_notice(make_app, tmp_path):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", saves_dir=tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        SaveStore(tmp_path / "saves").save(app.game, "groep-3")
        app.action_load()
        await until(pilot, showing(app, "LoadScreen"))
        for width in (1, 2, 3, 5, 8):
            await pilot.resize_terminal(width, 24)
            await pilot.resize_terminal(width, 2)
            await until(pilot, showing(app, "TooSmallScreen"), settle=False)
            await pilot.resize_terminal(80, 24)
            await until(pilot, showing(app, "LoadScreen"), settle=False)


async def test_a_terminal_of_a_few_columns_anywhere_shows_the_notice(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, showing(app, "PlayScreen"))
        for width in (1, 2, 3):
            await pilot.resize_terminal(width, 24)
            await until(pilot, showing(app, "TooSmallScreen"), settle=False)
            await pilot.resize_terminal(80, 24)
            await until(pilot, showing(app, "PlayScreen"), settle=False)


async def test_the_notice_in_one_or_two_columns_goes_quiet(make_app, monkeypatch):
    """In one or two columns the notice is taller than the terminal: a scrollbar that came and went would
    lay the screen out again and again, keeping a core busy for as long as the terminal stays that small."""
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        for width in (1, 2):
            await pilot.resize_terminal(width, 24)
            await until(pilot, showing(app, "TooSmallScreen"))
            screen, laid_out = app.screen, []
            again = screen.refresh
            monkeypatch.setattr(
                screen,
                "refresh",
                lambda *a, again=again, seen=laid_out, **k: seen.append(1) or again(*a, **k),
            )
            await pilot.pause(0.3)
            assert laid_out == [], width
            monkeypatch.undo()
            await pilot.resize_terminal(80, 24)
            await until(pilot, showing(app, "PlayScreen"))
