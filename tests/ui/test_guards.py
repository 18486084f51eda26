"""Guards players expect: Enters meant for the hand-over never choose, Enter in setup moves on, Esc goes
back, and a choice that cannot be taken says why."""

from __future__ import annotations

import pytest

from game.engine.game import Choice, Step
from game.ui import view

from .conftest import screen_text

PLAYERS = {"minister": "Ahmed", "resident": "Sanne", "youth_worker": "Noor"}


def screen_name(app) -> str:
    return type(app.screen).__name__


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def notes(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_enters_meant_for_the_hand_over_never_choose(make_app, trio_pack, lang):
    app = make_app(trio_pack, players=PLAYERS, scenario="test", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"
        role = app.screen.role
        before = list(app.game.state.choices)
        await press(pilot, "enter", "enter", "enter", "space", "enter")
        assert screen_name(app) == "PlayScreen" and app.screen.viewer == role
        assert app.game.state.choices == before, "an Enter chose for the next player"
        assert app.screen.query_one("#play-choices").highlighted is None
        hint = "Wijs eerst aan" if lang == "nl" else "Point first"
        assert hint in screen_text(app)


async def test_after_a_hand_over_a_number_points_and_the_next_key_chooses(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYERS, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter")
        step = app.game.step()
        before = len(app.game.state.choices)
        await press(pilot, "3")
        assert len(app.game.state.choices) == before
        assert app.screen.query_one("#play-choices").highlighted == 2
        assert "Wijs eerst aan" not in screen_text(app)
        await press(pilot, "enter")
        assert app.game.state.choices[before] == step.choices[2].id


async def test_after_a_hand_over_the_arrows_point_and_enter_chooses(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYERS, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter")
        step = app.game.step()
        before = len(app.game.state.choices)
        await press(pilot, "down")
        assert len(app.game.state.choices) == before
        await press(pilot, "enter")
        assert app.game.state.choices[before] == step.choices[0].id


@pytest.mark.parametrize("screen", ["HandOverScreen", "IntroScreen"])
async def test_escape_goes_back_to_the_title_screen(make_app, trio_pack, screen):
    app = make_app(trio_pack, players=PLAYERS, scenario="test", intro=screen == "IntroScreen")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == screen
        shown = {
            a.binding.description for k, a in app.active_bindings.items() if k == "escape" and a.binding.show
        }
        assert shown == {"Titel"}  # in the footer, in the player's language
        await press(pilot, "escape")
        assert screen_name(app) == "TitleScreen"


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_enter_in_a_setup_field_moves_on_and_only_start_starts(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "enter")
        assert screen_name(app) == "SetupScreen"
        first = app.focused
        await press(pilot, "enter")
        assert screen_name(app) == "SetupScreen" and app.focused is not first
        # Tab from the first field and Enter (the way into a 15-year game) start nothing either.
        for _ in range(12):
            if getattr(app.focused, "id", None) == "setup-start":
                break
            # Enter in the session code field reads the code (and stays there); Tab leaves it.
            await press(pilot, "enter")
            assert screen_name(app) == "SetupScreen", f"Enter in {app.focused} started the game"
            if app.focused.id == "code-enter":
                await press(pilot, "tab")
        assert app.focused.id == "setup-start"
        await press(pilot, "enter")
        assert screen_name(app) != "SetupScreen" and app.game is not None


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "'Protesteren' kost 2 Energie en je hebt er nog 1"),
        ("en", "'Protest' costs 2 Energy and you have 1"),
    ],
)
async def test_a_too_expensive_option_says_why(make_app, trio_pack, lang, said):
    app = make_app(trio_pack, players=PLAYERS, scenario="test", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.role == "resident"
        app.game.state.resources["energy"] = 1
        await press(pilot, "enter")
        step = app.game.step()
        protest = next(n for n, c in enumerate(step.choices, 1) if c.id == "protest")
        assert not step.choices[protest - 1].available
        before = len(app.game.state.choices)
        await press(pilot, str(protest), str(protest))
        assert len(app.game.state.choices) == before
        assert said in notes(app)
        await press(pilot, "enter")  # the cursor is on it: Enter says so too, and chooses nothing
        assert len(app.game.state.choices) == before


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_price_that_cannot_be_paid_but_is_offered_says_why(trio_pack, lang):
    """When nothing is affordable the engine keeps the cheapest options open; the option says so."""
    from game.engine import Game

    game = Game.new(trio_pack, "test", seed=3, players={"resident": "Sanne"})
    game.state.resources["energy"] = 0
    choice = Choice("share", {"nl": "Delen", "en": "Share"}, cost=1, resource="energy", available=True)
    step = Step("input", 1, None, "resident", (choice,))
    details = " ".join(view.choice_details(game, step, choice, lang))
    assert ("omdat niets anders kan" if lang == "nl" else "as nothing else is possible") in details
