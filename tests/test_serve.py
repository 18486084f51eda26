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
