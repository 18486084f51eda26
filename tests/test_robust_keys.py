"""Key mashing: random keys, clicks and resizes never crash the app, and the game stays valid.

A seeded random walk over the keys the screens use (and some they do not), mouse clicks anywhere, and
terminal resizes (including below the smallest supported size), from the title screen and from a game in
progress. After every step the app must still be running (or have quit on purpose) and every meter and
resource of the game must lie within its range.
"""

from __future__ import annotations

import random

import pytest

KEYS = [
    "enter", "enter", "enter", "escape", "up", "down", "down", "left", "right", "tab", "shift+tab",
    "space", "backspace", "home", "end", "pageup", "pagedown",
    "1", "2", "3", "4", "9", "0", "a", "h", "n", "q", "s", "x", "?", "f1", "f2", "f5",
    "ctrl+s", "ctrl+o", "ctrl+p", "ctrl+l", "ctrl+z",
]  # fmt: skip
#: never ctrl+q or ctrl+c: quitting ends the walk (quitting from a menu is allowed and restarts it)
SIZES = [(80, 24), (60, 20), (120, 40), (45, 15)]


@pytest.fixture
def make_app(tmp_path, mini_pack):
    """The app as the CLI builds it, on the mini pack, with a temporary saves folder and a fixed seed."""
    from game.ui.config import AppConfig, GameStart
    from game.ui.launch import make_app as build

    def make(players=None, scenario=None):
        start = GameStart(players, scenario) if players else None
        config = AppConfig(saves_dir=tmp_path / "saves", seed=7, lang="nl", blink=False, start=start)
        return build(config, mini_pack)

    return make


def _check_game(app) -> None:
    game = getattr(app, "game", None)
    if game is None:
        return
    pack = game.pack
    for meter_id, value in game.state.meters.items():
        meter = pack.meters[meter_id]
        assert meter.min <= value <= meter.max, f"{meter_id} = {value} outside {meter.min}..{meter.max}"
    for resource_id, value in game.state.resources.items():
        role = pack.roles[pack.resource_owner[resource_id]]
        assert role.resource is not None and 0 <= value <= role.resource.max, f"{resource_id} = {value}"
    assert game.state.round <= game.state.rounds
    if not game.over:
        game.step()  # the game can still say what happens next


async def _mash(make_app, seed: int, steps: int, size: tuple[int, int], in_game: bool) -> int:
    """Run ``steps`` random actions; returns how many were done (the app is rebuilt when it quits)."""
    rng = random.Random(seed)
    done = 0
    while done < steps:
        kwargs = {"players": {"minister": "Ahmed"}, "scenario": "test"} if in_game else {}
        app = make_app(**kwargs)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            while done < steps and app.is_running:
                done += 1
                roll = rng.random()
                if roll < 0.75:
                    await pilot.press(rng.choice(KEYS))
                elif roll < 0.93:
                    width, height = app.size
                    await pilot.click(offset=(rng.randrange(max(1, width)), rng.randrange(max(1, height))))
                else:
                    await pilot.resize_terminal(*rng.choice(SIZES))
                assert app.return_code in (None, 0), f"the app ended with {app.return_code}"
                _check_game(app)
        assert app.return_code in (None, 0)
        if app.return_code is None and done < steps:
            break  # pragma: no cover - run_test ended without the app quitting
    return done


# The default run keeps a short walk of each kind; the long walks (600 steps) run with --slow.
@pytest.mark.early
@pytest.mark.parametrize(("size", "steps"), [((80, 24), 25), ((60, 20), 20)], ids=["80x24", "60x20"])
async def test_key_mashing_in_a_game_never_crashes(make_app, size, steps):
    assert await _mash(make_app, seed=size[0], steps=steps, size=size, in_game=True) == steps


@pytest.mark.early
async def test_key_mashing_from_the_title_never_crashes(make_app):
    assert await _mash(make_app, seed=3, steps=25, size=(120, 40), in_game=False) == 25


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
async def test_key_mashing_long(make_app, seed):
    size = SIZES[seed % len(SIZES)]
    assert await _mash(make_app, seed=100 + seed, steps=600, size=size, in_game=seed % 2 == 0) == 600


async def test_the_command_palette_twice_with_a_screen_between(make_app):
    """Found by key mashing: ctrl+p with a palette open under the too-small screen opened a second one."""
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.resize_terminal(45, 15)
        await pilot.press("ctrl+p")
        await pilot.resize_terminal(80, 24)
        await pilot.press("escape")
        assert app.return_code in (None, 0)
