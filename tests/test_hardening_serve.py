"""The classroom server against a curious browser (issue 19) and keeping groups apart (issue 17)."""

from __future__ import annotations

import json
import logging
import shlex
import sys

import pytest

aiohttp = pytest.importorskip("aiohttp")

from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from game.cli.webserver import COOKIE, ClassroomServer, checked_message, group_of, origin_allowed  # noqa: E402

#: A stand-in for a tab's game: a process that reads its input and writes nothing.
DUMMY = shlex.join([sys.executable, "-c", "import sys\nfor _ in sys.stdin: pass"])
TEXT = {"serving": "{url}", "loopback": "", "wildcard": ""}


def server(max_tabs: int = 5) -> ClassroomServer:
    from game.cli.serve import TEMPLATES

    return ClassroomServer(
        DUMMY,
        text=TEXT,
        lang="en",
        max_tabs=max_tabs,
        max_saves=3,
        announce=False,
        host="127.0.0.1",
        port=8000,
        public_url="http://127.0.0.1:8000",
        templates_path=TEMPLATES,
    )


@pytest.mark.parametrize(
    ("origin", "host", "bound", "public", "ok"),
    [
        (None, "127.0.0.1:8000", "127.0.0.1", "http://127.0.0.1:8000", True),  # not a browser
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1", "http://127.0.0.1:8000", True),
        ("http://localhost:8000", "localhost:8000", "127.0.0.1", "http://127.0.0.1:8000", True),
        ("http://evil.example", "127.0.0.1:8000", "127.0.0.1", "http://127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", "127.0.0.1", "http://127.0.0.1:8000", False),
        # DNS rebinding: the page's host and Host agree, but it is not a name this server is served as
        ("http://evil.example:8000", "evil.example:8000", "127.0.0.1", "http://127.0.0.1:8000", False),
        ("http://192.168.1.20:8000", "192.168.1.20:8000", "0.0.0.0", "http://192.168.1.20:8000", True),
        ("http://evil.example:8000", "evil.example:8000", "0.0.0.0", "http://192.168.1.20:8000", False),
        ("http://10.0.0.5:8000", "10.0.0.5:8000", "0.0.0.0", "http://0.0.0.0:8000", True),
    ],
)
def test_the_origin_must_be_the_served_host(origin, host, bound, public, ok):
    assert origin_allowed(origin, host, bound, public) is ok


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "null",
        "[]",
        "{}",
        "[1]",
        '["stdin", 5]',
        '["resize", {"width": "x", "height": 3}]',
        '["resize"]',
        '["nope", 1]',
        "[" * 100_000,
    ],
)
def test_malformed_messages_are_recognised(text):
    assert checked_message(text) is None


def test_a_tiny_or_huge_size_is_kept_in_bounds():
    assert checked_message('["resize", {"width": 0, "height": -4}]') == ["resize", {"width": 1, "height": 1}]
    assert checked_message('["resize", {"width": 10000000, "height": 9}]')[1]["width"] == 500
    assert checked_message('["stdin", "a"]') == ["stdin", "a"]


def test_group_cookies_are_ours_only():
    assert group_of("0123456789abcdef") == "0123456789abcdef"
    assert group_of("../../etc") is None and group_of(None) is None and group_of("ABCDEF0123456789") is None


async def test_the_page_gives_a_group_cookie_and_keeps_it():
    async with TestClient(TestServer(await server()._make_app())) as client:
        first = await client.get("/")
        assert first.status == 200
        group = first.cookies[COOKIE].value
        assert group_of(group) == group
        again = await client.get("/", cookies={COOKIE: group})
        assert again.cookies[COOKIE].value == group


async def test_a_page_elsewhere_cannot_start_a_game():
    async with TestClient(TestServer(await server()._make_app())) as client:
        response = await client.get("/ws", headers={"Origin": "http://evil.example"})
        assert response.status == 403


async def test_tabs_past_the_cap_are_refused(caplog):
    srv = server(max_tabs=1)
    async with TestClient(TestServer(await srv._make_app())) as client:
        first = await client.ws_connect("/ws")
        await first.send_str(json.dumps(["ping", "x"]))
        assert json.loads((await first.receive(timeout=10)).data) == ["pong", "x"]
        with caplog.at_level(logging.WARNING, logger="wijkberaad.serve"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as err:
                await client.ws_connect("/ws")
        assert err.value.status == 503
        assert any("--max-tabs 1" in r.getMessage() for r in caplog.records)
        await first.close()


async def test_a_malformed_message_is_one_log_line_and_the_tab_goes_on(caplog):
    async with TestClient(TestServer(await server()._make_app())) as client:
        ws = await client.ws_connect("/ws")
        with caplog.at_level(logging.WARNING, logger="wijkberaad.serve"):
            for bad in ("{", '["resize", {"width": "wide"}]', '["stdin", null]'):
                await ws.send_str(bad)
            await ws.send_str(json.dumps(["ping", "still here"]))
            assert json.loads((await ws.receive(timeout=10)).data) == ["pong", "still here"]
        lines = [r for r in caplog.records if r.name == "wijkberaad.serve"]
        assert len(lines) == 3 and all(r.exc_info is None and "\n" not in r.getMessage() for r in lines)
        await ws.close()


def test_serve_refuses_a_host_that_is_not_one(capsys):
    from game.cli import main

    assert main(["serve", "--host", "not a host", "--lang", "en"]) != 0
    err = capsys.readouterr().err
    assert "--host: 'not a host' is not an address" in err and "Traceback" not in err


def test_serve_refuses_a_cap_below_one(capsys):
    from game.cli import main

    assert main(["serve", "--max-tabs", "0", "--lang", "en"]) != 0
    assert "--max-tabs must be at least 1" in capsys.readouterr().err


def test_simulate_never_forks_more_workers_than_cores_or_chunks(monkeypatch):
    from pathlib import Path

    from game.authoring import balance

    made: list[int] = []

    class Pool:
        def __init__(self, max_workers: int, **kwargs) -> None:
            made.append(max_workers)
            raise RuntimeError("stop here")

    monkeypatch.setattr(balance, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(balance.os, "cpu_count", lambda: 4)
    mini = Path(__file__).resolve().parent / "packs" / "mini"
    with pytest.raises(RuntimeError, match="stop here"):
        balance.simulate([mini], scenario="test", runs=10 * balance.CHUNK, workers=1000)
    assert made == [4]
    made.clear()
    balance.simulate([mini], scenario="test", runs=1, strategies=["random"], workers=1000)
    assert made == []  # one chunk of work: no pool at all


def test_each_tab_is_started_with_its_group_and_the_cap_on_saves():
    from game.cli.webserver import GroupAppService
    from game.files.saves import GROUP_ENV, MAX_SAVES_ENV

    async def nothing(*args) -> None:
        return None

    service = GroupAppService(
        DUMMY,
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=None,
        group="0123456789abcdef",
        max_saves=7,
    )
    environment = service._build_environment(80, 24)
    assert environment[GROUP_ENV] == "0123456789abcdef" and environment[MAX_SAVES_ENV] == "7"


def test_a_tabs_game_keeps_to_its_group(tmp_path, monkeypatch):
    from pathlib import Path

    from game.files.loader import load_pack_or_raise
    from game.files.saves import GROUP_ENV, MAX_SAVES_ENV
    from game.ui.config import AppConfig
    from game.ui.launch import make_app

    monkeypatch.setenv(GROUP_ENV, "0123456789abcdef")
    monkeypatch.setenv(MAX_SAVES_ENV, "4")
    pack = load_pack_or_raise(Path(__file__).resolve().parent / "packs" / "mini")
    app = make_app(AppConfig(lang="en", saves_dir=tmp_path, seed=7), pack)
    assert app.store.group == "0123456789abcdef" and app.store.max_saves == 4
