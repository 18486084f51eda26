"""Loading a save that no longer replays: the load offers to continue from the saved state, and says what
that means, instead of failing or silently picking one."""

from __future__ import annotations

import json

from game.files.saves import state_data

from .conftest import screen_text


def screen_name(app) -> str:
    return type(app.screen).__name__


async def played_save(make_app, lang: str = "nl"):
    """A game with two decisions (played by the engine, autosaved as the app does), saved as 'groep-3';
    returns the save's file. How a save comes to be is tested in test_flows.py and the saves tests."""
    from datetime import datetime

    from game.engine import Game

    app = make_app(lang=lang)
    game = Game.new(app.pack, "test", seed=app.seed, players={"minister": "Ahmed"})
    for _ in range(2):
        game.play_computer()
        game.choose(next(c.id for c in game.step().choices if c.available))
    game.play_computer()  # saved where the app saves: at the player's turn
    app.store.autosave(game, f"test-{app.seed}-{datetime.now():%Y%m%d-%H%M%S}")
    return app.store.save(game, "groep-3").path


def edit(path, change) -> dict:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    return data


async def test_a_save_that_does_not_replay_offers_the_saved_state(make_app):
    path = await played_save(make_app)

    def break_log(data):
        data["choices"][0] = "burn_it_down"

    data = edit(path, break_log)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.load_slot("groep-3")
        await pilot.pause()
        assert screen_name(app) == "LoadChoiceScreen" and app.game is None
        shown = screen_text(app)
        assert "laat zich niet opnieuw afspelen" in shown and "bewaarde stand" in shown
        # what went wrong is told in Dutch too (the engine's own words quoted)
        assert "mislukt" in shown and "failed" not in shown
        assert "Verder vanaf de bewaarde stand" in shown and "Niet laden" in shown
        # Cancel: nothing loaded, nothing changed.
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen" and app.game is None
        assert json.loads(path.read_text()) == data
        # Again, and take the saved state: the game goes on exactly where the save stood.
        app.load_slot("groep-3")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.game is not None and screen_name(app) == "PlayScreen"
        assert state_data(app.game.state) == data["state"]
        assert any("bewaarde stand" in n.message for n in app._notifications)


async def test_a_save_that_replays_differently_lets_the_player_choose(make_app):
    path = await played_save(make_app, lang="en")

    def edit_meter(data):
        data["state"]["meters"]["trust"] = 99.0

    edit(path, edit_meter)
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.load_slot("groep-3")
        await pilot.pause()
        assert screen_name(app) == "LoadChoiceScreen"
        shown = screen_text(app)
        assert "differs when replayed" in shown and "Continue with the replayed game" in shown
        assert "Continue from the saved state" in shown and "meters" in shown
        await pilot.press("enter")  # the replayed game is the default
        await pilot.pause()
        assert screen_name(app) == "PlayScreen" and app.game.state.meters["trust"] != 99.0
        app.load_slot("groep-3")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen" and app.game.state.meters["trust"] == 99.0


async def test_continue_offers_the_saved_state_too(make_app):
    path = await played_save(make_app)
    auto = next(p for p in path.parent.iterdir() if p.name.startswith("auto-"))

    def break_log(data):
        data["choices"][0] = "burn_it_down"

    edit(auto, break_log)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.continue_latest()
        await pilot.pause()
        assert screen_name(app) == "LoadChoiceScreen"


async def test_enter_in_the_load_list_loads_the_newest_save(make_app):
    await played_save(make_app)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen_name(app) == "LoadScreen"
        shown = screen_text(app)
        assert "groep-3" in shown and "automatisch bewaard" in shown and "auto-test" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "PlayScreen" and len(app.game.state.choices) >= 2
