"""Developer mode in the running app: hot reload on save, errors shown in the app, jump and set commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.files.packs import load_game_content
from game.files.saves import state_data
from game.ui.config import AppConfig, GameStart

pytest.importorskip("textual")

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"


def make_dev_app(tmp_path: Path):
    from game.ui.dev import DevApp

    pack_dir = tmp_path / "mini"
    shutil.copytree(MINI, pack_dir)

    def load():
        return load_game_content([pack_dir], mods=False)

    config = AppConfig(
        saves_dir=tmp_path / "saves",
        seed=7,
        lang="en",
        blink=False,
        start=GameStart({"minister": "Ahmed"}, "test"),
    )
    app = DevApp(config, load(), dev_folders=[pack_dir], dev_load=load, poll=0.05)
    return app, pack_dir


async def wait_for(pilot, condition, tries: int = 100) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("condition not reached")


async def test_saving_a_content_file_reloads_and_replays(tmp_path: Path) -> None:
    app, pack_dir = make_dev_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.game is not None)
        game = app.game
        step = game.step()
        while step.actor != "minister" or step.kind != "decision":
            game.choose(next(c.id for c in step.choices if c.available))
            step = game.step()
        choices = list(game.state.choices)
        world = pack_dir / "world.yaml"
        world.write_text(
            world.read_text().replace("{nl: Vertrouwen, en: Trust}", "{nl: Vertrouwen, en: Faith}")
        )
        await wait_for(pilot, lambda: app.dev_reloads == 1)
        assert app.pack.meters["trust"].name["en"] == "Faith"
        assert app.game is not game and app.game.pack is app.pack
        assert app.game.state.choices == choices
        assert app.game.state.meters == game.state.meters


async def test_content_errors_show_in_the_app_and_the_game_goes_on(tmp_path: Path) -> None:
    from game.ui.dev import DevProblemsScreen

    app, pack_dir = make_dev_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.game is not None)
        game, pack = app.game, app.pack
        events = pack_dir / "events" / "events.yaml"
        good = events.read_text()
        events.write_text(good.replace("decider: minister", "decider: ministr", 1))
        await wait_for(pilot, lambda: isinstance(app.screen, DevProblemsScreen))
        assert any("unknown role 'ministr'" in p for p in app.dev_errors)
        assert app.game is game and app.pack is pack
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, DevProblemsScreen))
        events.write_text(good)
        await wait_for(pilot, lambda: app.dev_reloads == 1)
        assert app.dev_errors == []


async def test_jump_and_set_commands_survive_a_reload(tmp_path: Path) -> None:
    app, pack_dir = make_dev_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.game is not None)
        app.dev_set("trust", 12)
        app.dev_jump("aftermath")
        await pilot.pause()
        assert app.game.state.meters["trust"] == 12
        assert app.game.state.current.event == "aftermath"
        app.dev_set("nope", 3)  # an unknown meter is a notice, not a crash
        state = state_data(app.game.state)
        world = pack_dir / "world.yaml"
        world.write_text(world.read_text() + "\n# saved again\n")
        await wait_for(pilot, lambda: app.dev_reloads == 1)
        assert state_data(app.game.state) == state


async def test_palette_offers_dev_commands(tmp_path: Path) -> None:
    from game.ui.dev import DevCommands

    app, _ = make_dev_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.game is not None)
        provider = DevCommands(app.screen)
        hits = [hit async for hit in provider.search("set trust 30")]
        assert any("set trust to 30" in str(h.match_display) for h in hits)
        hits[0].command()
        assert app.game.state.meters["trust"] == 30
        found = [str(h.display) async for h in provider.discover()]
        assert "Dev: jump to aftermath" in found


async def test_content_broken_at_start_loads_once_fixed(tmp_path: Path) -> None:
    from game.ui.dev import DevApp
    from game.ui.screens.problems import ProblemsScreen

    pack_dir = tmp_path / "mini"
    shutil.copytree(MINI, pack_dir)
    world = pack_dir / "world.yaml"
    good = world.read_text()
    world.write_text(good.replace("start: 40", "start: [40"))

    def load():
        return load_game_content([pack_dir], mods=False)

    config = AppConfig(saves_dir=tmp_path / "saves", lang="en")
    app = DevApp(config, content=load, dev_folders=[pack_dir], dev_load=load, poll=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        assert app.pack is None
        world.write_text(good)
        await wait_for(pilot, lambda: app.dev_reloads == 1)
        assert app.pack is not None and not isinstance(app.screen, ProblemsScreen)
        assert type(app.screen).__name__ == "TitleScreen"


def test_play_dev_builds_the_dev_app_over_the_pack_folders(tmp_path: Path, monkeypatch) -> None:
    from game.authoring.scaffold import write_scaffold
    from game.cli import main
    from game.ui import dev

    built = {}
    monkeypatch.setattr(dev.DevApp, "run", lambda self: built.setdefault("app", self))
    scaffold = write_scaffold(tmp_path, "wijk")
    assert main(["play", "--dev", "--pack", str(scaffold), "--saves-dir", str(tmp_path / "saves")]) == 0
    app = built["app"]
    assert isinstance(app, dev.DevApp)
    assert scaffold in app.dev_watcher.folders
    assert app.dev_load().id == "wijk"


async def test_palette_jump_by_typing(tmp_path: Path) -> None:
    from game.ui.dev import DevCommands

    app, _ = make_dev_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.game is not None)
        provider = DevCommands(app.screen)
        hits = sorted([hit async for hit in provider.search("jump aftermath")], key=lambda h: -h.score)
        assert hits and "aftermath" in str(hits[0].match_display)
        hits[0].command()
        await pilot.pause()
        assert app.game.state.current.event == "aftermath"
