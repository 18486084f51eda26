"""``wijkberaad serve``: the page, its static files, no external hosts, and a game over the websocket."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.request

import pytest
from serve_support import plain, running_server

aiohttp = pytest.importorskip("aiohttp")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    saves = tmp_path_factory.mktemp("serve-saves")
    with running_server(saves) as url:
        yield url, saves


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_page_and_static_files(server):
    url, _ = server
    status, body = get(url + "/")
    page = body.decode()
    assert status == 200
    assert "Wijkberaad" in page
    assert 'data-session-websocket-url="ws://127.0.0.1:' in page
    for path in ("css/xterm.css", "js/textual.js", "fonts/RobotoMono-VariableFont_wght.ttf"):
        assert f"{url}/static/{path}" in page
        status, data = get(f"{url}/static/{path}")
        assert status == 200 and len(data) > 1000, path


def test_page_references_no_external_host(server):
    url, _ = server
    page = get(url + "/")[1].decode()
    hosts = set(re.findall(r"(?:https?|wss?)://[^/\"'\s)]+", page))
    assert hosts <= {url, url.replace("http", "ws")}, hosts
    assert "googleapis" not in page and "//fonts." not in page


async def read_until(ws, words: list[str], timeout: float) -> str:
    """Terminal text from the websocket until all ``words`` appeared in it."""
    seen = ""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not all(word in seen for word in words):
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"did not see {words} in: {seen[-2000:]!r}")
        msg = await ws.receive(timeout=remaining)
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += plain(msg.data)
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise AssertionError(f"websocket closed; saw: {seen[-2000:]!r}")
    return seen


async def test_websocket_session_starts_a_game(server):
    url, _ = server

    async def play() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(url.replace("http", "ws") + "/ws?width=100&height=32") as ws:
                # What the page sends once the socket opens: the terminal's size, then focus.
                await ws.send_str(json.dumps(["resize", {"width": 100, "height": 32}]))
                await ws.send_str(json.dumps(["focus"]))
                title = await read_until(ws, ["New game", "Load game", "Content:"], timeout=20)
                assert "Seed" not in title
                # Enter on "New game" opens the setup screen.
                await ws.send_str(json.dumps(["stdin", "\r"]))
                await read_until(ws, ["Scenario", "Seed"], timeout=10)

    # One bound on the whole exchange, so a game process that dies fails the test instead of hanging it.
    await asyncio.wait_for(play(), timeout=40)


def test_each_tab_runs_the_tab_module_with_the_servers_options(tmp_path):
    """Every tab's game is ``game.serve.tab`` with the server's language, packs and saves folder."""
    import argparse
    import shlex

    from game.cli import serve

    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    saves = tmp_path / "my saves"
    args = parser.parse_args(["--pack", str(tmp_path), "--saves-dir", str(saves)])
    command = shlex.split(serve.tab_command(args, "en"))
    assert command[1:5] == ["-m", "game.serve.tab", "--lang", "en"]
    assert command[command.index("--saves-dir") + 1] == str(saves.resolve())
    assert command[command.index("--pack") + 1] == str(tmp_path.resolve())
    assert args.host == "127.0.0.1"  # loopback unless a host is given


async def test_two_tabs_started_as_serve_starts_them_keep_separate_autosaves(tmp_path, monkeypatch):
    """Two browser tabs, each started with the command serve gives textual-serve, play the same seeded game
    in the same second: each writes its own autosave and neither overwrites the other."""
    import argparse
    import shlex
    from datetime import datetime
    from pathlib import Path

    import game.ui.app as app_module
    from game.cli import serve
    from game.files.saves import SaveStore
    from game.serve import tab
    from game.ui.app import WijkberaadApp

    mini = Path(__file__).resolve().parent / "packs" / "mini"
    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    saves = tmp_path / "saves"
    command = shlex.split(
        serve.tab_command(parser.parse_args(["--pack", str(mini), "--saves-dir", str(saves)]), "nl")
    )
    assert command[1:3] == ["-m", "game.serve.tab"]
    monkeypatch.delenv(tab.TAB_ENV, raising=False)  # as under textual-serve: each tab makes up its own id

    class SameSecond:
        @staticmethod
        def now() -> datetime:
            return datetime(2026, 11, 28, 9, 0, 0)

    monkeypatch.setattr(app_module, "datetime", SameSecond)
    apps: list[WijkberaadApp] = []
    monkeypatch.setattr(WijkberaadApp, "run", lambda self, *a, **k: apps.append(self))
    for _ in range(2):
        assert tab.main(command[3:]) == 0
    first, second = apps
    first_suffix, second_suffix = first.config.session_suffix, second.config.session_suffix
    assert first_suffix and second_suffix and first_suffix != second_suffix
    assert first.config.settings_file is None and first.saves_dir == saves.resolve()

    written: list[set[str]] = []
    for app in apps:
        async with app.run_test() as pilot:
            for _ in range(400):  # the content loads in a thread, as in a tab
                if app.pack is not None:
                    break
                await pilot.pause(0.02)
            assert app.pack is not None and app.pack.id == "mini"
            app.new_game(next(iter(app.pack.scenarios)), None, 5, {"minister": "Ahmed"})
            await pilot.pause()
            await pilot.press("enter")  # past the intro: the game starts and autosaves
            for _ in range(400):
                if app.game is not None and app.game.state.round >= 1 and SaveStore(saves).list():
                    break
                await pilot.pause(0.02)
        written.append({info.path.name for info in SaveStore(saves).list()})
    first_files, both_files = written
    assert len(first_files) == 1 and len(both_files) == 2 and first_files < both_files
    assert all("-5-20261128-090000-" in name for name in both_files)
    for app in apps:
        assert sum(app.config.session_suffix in name for name in both_files) == 1
