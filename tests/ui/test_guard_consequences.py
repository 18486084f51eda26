"""A single player's fast Enters on the consequences screen never choose the next decision unseen."""

from __future__ import annotations

import pytest

PLAYER = {"minister": "Ahmed"}


def screen_name(app) -> str:
    return type(app.screen).__name__


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def to_consequences_before_a_decision(app, pilot) -> None:
    """Choose option 1 until the consequences screen shows with a decision waiting behind it."""
    for _ in range(40):
        await press(pilot, "1")
        if screen_name(app) == "ConsequencesScreen":
            step = app.game.step()
            if step.kind != "news" and len(step.choices) > 1:
                return
            await press(pilot, "enter")
    pytest.fail("no consequences screen before a decision")


async def test_two_fast_enters_on_the_consequences_choose_nothing(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYER, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_consequences_before_a_decision(app, pilot)
        before = list(app.game.state.choices)
        await press(pilot, "enter", "enter")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.choices == before, "the second Enter chose the next decision unseen"
        assert app.screen.query_one("#play-choices").highlighted is None


async def test_after_the_consequences_the_arrows_point_and_enter_chooses(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYER, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_consequences_before_a_decision(app, pilot)
        await press(pilot, "enter")
        step = app.game.step()
        before = len(app.game.state.choices)
        await press(pilot, "down", "enter")
        assert app.game.state.choices[before] == step.choices[0].id


async def test_after_the_consequences_a_number_still_chooses(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYER, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_consequences_before_a_decision(app, pilot)
        await press(pilot, "enter")
        step = app.game.step()
        before = len(app.game.state.choices)
        await press(pilot, "2")
        assert app.game.state.choices[before] == step.choices[1].id
