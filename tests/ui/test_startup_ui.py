"""The title screen before and after the content arrives, and the autosave off the key press's path."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import OptionList

from .conftest import screen_text, until


def _gated(pack):
    """A content loader that waits until the test lets it go, and what it saw when it was called."""
    release = threading.Event()
    seen: dict = {}

    def load():
        seen["called"] = True
        release.wait(10)
        return pack

    return load, release, seen


async def test_the_title_is_shown_before_the_content_and_updated_in_place(tmp_path, mini_pack, monkeypatch):
    from game.ui.config import AppConfig
    from game.ui.launch import make_app

    rebuilt = []
    monkeypatch.setattr(OptionList, "clear_options", lambda self: rebuilt.append(self))
    load, release, seen = _gated(mini_pack)
    app = make_app(AppConfig(saves_dir=tmp_path, blink=False), content=load)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "TitleScreen"
        shown = screen_text(app)
        assert "Vijftien jaar beraad" in shown and "Inhoud laden" in shown
        menu = app.screen.query_one("#title-menu", OptionList)
        assert menu.get_option("new").disabled and menu.highlighted == 3  # settings, while loading
        release.set()
        await until(pilot, lambda: app.pack is not None, settle=False)
        await pilot.pause()
        assert app.screen.query_one("#title-menu", OptionList) is menu
        assert not menu.get_option("new").disabled and menu.highlighted == 0
        assert "Inhoud: " in screen_text(app)
    assert seen["called"] and rebuilt == []


async def test_the_content_loads_after_the_first_frame(tmp_path, mini_pack):
    from game.ui import app as app_module
    from game.ui.app import WijkberaadApp
    from game.ui.config import AppConfig

    order: list[str] = []

    def load():
        order.append("content")
        return mini_pack

    class Recording(WijkberaadApp):
        CSS_PATH = Path(app_module.__file__).parent / "app.tcss"  # it would be looked for beside this test

        def on_ready(self) -> None:  # Textual calls this, then WijkberaadApp's
            order.append("ready")  # the first frame is on the screen

    app = Recording(AppConfig(saves_dir=tmp_path, blink=False), content=load)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.pack is not None, settle=False)
    assert order == ["ready", "content"]


async def test_the_autosave_is_on_disk_before_the_next_key_is_handled(make_app, monkeypatch):
    from game.files.saves import SaveStore

    log: list[str] = []
    started = threading.Event()
    release = threading.Event()
    write = SaveStore.autosave

    def slow_autosave(self, game, session):
        started.set()
        release.wait(10)
        info = write(self, game, session)
        log.append("saved")
        return info

    monkeypatch.setattr(SaveStore, "autosave", slow_autosave)
    app = make_app(players={"minister": "Ahmed"}, scenario="test", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot, lambda: type(app.screen).__name__ == "PlayScreen" and started.is_set(), settle=False
        )
        release.set()
        app.settle_autosave()  # the game's first autosave (before any choice)
        release.clear()
        started.clear()
        log.clear()
        choices = len(app.game.state.choices)
        await pilot.press("1")
        await until(pilot, lambda: len(app.game.state.choices) > choices, settle=False)
        await until(pilot, started.is_set, settle=False)
        # The choice is taken and drawn while the file is still being written...
        assert log == [] and app._saving is not None
        help_shown = app.action_help

        def action_help() -> None:
            log.append("key")
            help_shown()

        app.action_help = action_help  # type: ignore[method-assign]
        threading.Timer(0.2, release.set).start()
        await pilot.press("f1")  # ...and the next key waits for it
        await pilot.pause()
        assert log == ["saved", "key"]
    assert app.store.latest_autosave() is not None


async def test_a_failed_autosave_is_told_and_the_game_goes_on(make_app, monkeypatch):
    from game.files.saves import SaveStore

    def failing(self, game, session):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SaveStore, "autosave", failing)
    app = make_app(players={"minister": "Ahmed"}, scenario="test", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app._notifications), settle=False)
        assert type(app.screen).__name__ == "PlayScreen" and app.game is not None
        assert "No space left on device" in str([n.message for n in app._notifications])
