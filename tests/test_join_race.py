"""The server's news can reach a seat's play screen before Textual has composed it (a busy machine, an old
laptop): the screen draws the table once its widgets are there, never on widgets that do not exist yet."""

from __future__ import annotations

from game.ui.screens.remote_play import RemotePlayScreen
from tests.host_support import running_host
from tests.test_join import remote_app
from tests.ui.conftest import until, widget_text


async def test_news_before_the_play_screen_is_composed_is_drawn_once_it_is(tmp_path):
    async with running_host(tmp_path / "klas") as host:
        app = remote_app(tmp_path / "seat", host, code=host.code, name="Sanne", role="resident")
        async with app.run_test(size=(100, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, RemotePlayScreen) and app.screen.is_mounted)
            app.pop_screen()
            await pilot.pause()
            # pushed, so attached to the app, but not composed until the event loop runs again
            screen = RemotePlayScreen(app.remote)
            app.push_screen(screen)
            assert screen.is_attached and not screen.query("#play-head")
            app._heard({"type": "table"})
            app.link_lost()
            await until(pilot, lambda: screen.is_mounted and "De bewoner" in widget_text(app))
            assert app.screen is screen and app.return_code is None
