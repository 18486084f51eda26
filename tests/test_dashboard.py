"""The teacher's dashboard (terminal) driven by Pilot against a real class server in this process, with bot
seats; the browser page's routes; the command's options. Everything listens on 127.0.0.1 only."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import aiohttp
import pytest
from textual.widgets import OptionList

from game.host.classdir import write_class_file
from game.host.client import HostError, SeatClient
from game.ui.dashboard.api import TeacherApi
from game.ui.dashboard.app import (
    ConfirmScreen,
    DashboardApp,
    ProjectorScreen,
    SeatsScreen,
    TableCard,
    TokenScreen,
)
from tests.host_support import Host, base_pack, running_host
from tests.ui.conftest import until

SIZE = (100, 40)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKBERAAD_CONFIG", str(tmp_path / "config"))
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)


async def seated(host: Host, names: list[str], **join) -> list[SeatClient]:
    clients = []
    for name in names:
        client = SeatClient(host.url, base_pack())
        await client.join(host.code, name, **join)
        clients.append(client)
    return clients


async def close_all(clients: list[SeatClient]) -> None:
    for client in clients:
        await client.close()


async def acting_of(clients: list[SeatClient]) -> SeatClient:
    """The seat that may choose now (once every client has heard that the table started)."""
    async with asyncio.timeout(10):
        while not any(c.my_turn() for c in clients):
            await asyncio.sleep(0.02)
    return next(c for c in clients if c.my_turn())


def card_text(app: DashboardApp, table: int) -> str:
    return app.query_one(f"#table-{table}", TableCard).content.plain


def dashboard(host: Host, lang: str = "en", **options) -> DashboardApp:
    return DashboardApp(TeacherApi(host.url, host.token), lang, poll=0.1, **options)


async def test_the_grid_shows_every_table_its_players_and_whose_turn(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne", "Ahmed", "Lotte", "Daan"])
        app = dashboard(host)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: len(app.query(TableCard)) == 2)
            first, second = card_text(app, 1), card_text(app, 2)
            assert all(name in first for name in ("Sanne", "Ahmed", "Lotte"))
            assert "year 1/6" in first and "▸" in first
            assert "Daan" in second and "not started" in second and "(empty)" in second
            assert "2 tables · 4 students · 1 playing · 0 done" in str(app.query_one("#summary").content)
            # a student who leaves shows as away at once, on the next look
            await clients[0].close()
            await until(pilot, lambda: "Sanne (away)" in card_text(app, 1))
        await close_all(clients)


async def test_pause_from_the_dashboard_refuses_choices_until_resumed(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne", "Ahmed", "Lotte"])
        acting = await acting_of(clients)
        app = dashboard(host, lang="nl")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.state is not None)
            await pilot.press("p")
            await until(pilot, lambda: host.hosted.paused)
            with pytest.raises(HostError) as err:
                await acting.choose(acting.computer_choice())
            assert err.value.code == "paused"
            await until(pilot, lambda: "GEPAUZEERD" in str(app.query_one("#summary").content))
            await pilot.press("p")
            await until(pilot, lambda: not host.hosted.paused)
            await acting.choose(acting.computer_choice())
            assert acting.seq >= 1
        await close_all(clients)


async def open_seats(pilot, app: DashboardApp, table: int, role_index: int) -> SeatsScreen:
    await until(pilot, lambda: app.query(TableCard))
    app.query_one(f"#table-{table}", TableCard).focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
    await until(pilot, lambda: app.screen.query_one("#seats", OptionList).option_count == 3)
    for _ in range(role_index):
        await pilot.press("down")
    return app.screen


async def test_the_computer_a_new_token_and_a_kick_from_the_seats_screen(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne", "Ahmed", "Lotte"])
        by_role = {c.role: c for c in clients}
        table = host.hosted.tables[1]
        roles = list(table.seats)
        app = dashboard(host)
        async with app.run_test(size=SIZE) as pilot:
            # the computer takes the second seat: an explicit, logged action
            await open_seats(pilot, app, 1, 1)
            await pilot.press("c")
            await until(pilot, lambda: table.seats[roles[1]].computer)
            logged = [c for c in host.hosted.log.store.controls() if c.kind == "computer"]
            assert [(c.table, c.data) for c in logged] == [(1, {"role": roles[1], "on": True})]
            await until(pilot, lambda: "⚙" in card_text(app, 1))
            # a new token for the third seat: shown once, it opens that seat and the old one does not
            await pilot.press("down")
            await pilot.press("r")
            await until(pilot, lambda: isinstance(app.screen, TokenScreen))
            token = app.screen.token
            assert token in str(app.screen.query_one("#token").content)
            assert host.hosted.seat_of(token)[1].role == roles[2]
            with pytest.raises(HostError):
                await by_role[roles[2]].resume()
            await pilot.press("escape")
            # kick the first seat: asked first, then the seat is free and its player told
            await until(pilot, lambda: isinstance(app.screen, SeatsScreen))
            await pilot.press("up", "up", "k")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.click("#yes")
            await until(pilot, lambda: table.seats[roles[0]].name is None)
            victim = by_role[roles[0]]
            await victim._wait(lambda: not victim.connected, 5)
            assert victim.closed_by == "kicked"
        await close_all(clients)


async def test_start_all_begins_the_waiting_tables_with_the_computer_in_empty_seats(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne"])
        app = dashboard(host)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.query(TableCard))
            assert not host.hosted.tables[1].started
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("escape")  # no: nothing started
            await pilot.pause()
            assert not host.hosted.tables[1].started
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.click("#yes")
            await until(pilot, lambda: host.hosted.tables[1].started)
            await until(pilot, lambda: "year 1/6" in card_text(app, 1))
        await close_all(clients)


async def test_lock_and_the_projector_show_no_names(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne", "Ahmed", "Lotte"])
        app = dashboard(host)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.query(TableCard))
            await pilot.press("l")
            await until(pilot, lambda: host.hosted.locked)
            await pilot.press("b")
            await until(pilot, lambda: app.screen.query("#projector-1"))
            shown = app.screen.query_one("#projector-1").content.plain
            assert "Table 1" in shown and "Trust" in shown
            assert not any(name in shown for name in ("Sanne", "Ahmed", "Lotte"))
            await pilot.press("enter", "p")  # the dashboard's keys are off: no seats, no pause
            await pilot.pause()
            assert isinstance(app.screen, ProjectorScreen) and not host.hosted.paused
            await pilot.press("escape")
            await until(pilot, lambda: not app.screen.query("#projector-1"))
        await close_all(clients)


async def test_debrief_writes_the_class_comparison_into_the_class_folder(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne", "Ahmed", "Lotte"])
        app = dashboard(host, out_dir=tmp_path / "elsewhere")
        said: list[str] = []
        app.notify = lambda message, **_: said.append(str(message))  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.query(TableCard))
            await pilot.press("d")
            written = tmp_path / "klasvergelijking-en.html"
            await until(pilot, lambda: said)
            assert said == [f"Class comparison written: {written}"]
            page = written.read_text(encoding="utf-8")
            assert "table-01" in page or "Sanne" in page
        await close_all(clients)


async def test_a_wrong_token_and_a_server_that_is_gone_are_said_plainly(tmp_path):
    async with running_host(tmp_path) as host:
        app = DashboardApp(TeacherApi(host.url, "not-the-token"), "nl", poll=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.problem is not None)
            assert "docententoken klopt niet" in str(app.query_one("#problem").content)
        url = host.url
    app = DashboardApp(TeacherApi(url, "x", timeout=1.0), "en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.problem is not None)
        assert "cannot be reached" in str(app.query_one("#problem").content)


# -- the browser page's routes ----------------------------------------------------------------------
async def get(url: str, headers: dict | None = None, post: bool = False) -> tuple[int, dict, str]:
    async with aiohttp.ClientSession() as session:
        call = session.post if post else session.get
        async with call(url, headers=headers or {}, json={} if post else None) as resp:
            return resp.status, dict(resp.headers), await resp.text()


async def test_the_teacher_pages_load_only_our_own_script_and_words(tmp_path):
    async with running_host(tmp_path) as host:
        status, headers, page = await get(host.url + "teacher")
        assert status == 200 and 'data-view="dashboard"' in page
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "http" not in page.replace('content="', "")  # nothing from elsewhere
        status, _, script = await get(host.url + "teacher/teacher.js")
        assert status == 200 and "fetch(" in script and "innerHTML" not in script
        status, _, page = await get(host.url + "teacher/projector")
        assert 'data-view="projector"' in page
        # the words come without a token; the content's names and the API only with it
        _, _, body = await get(host.url + "teacher/words?lang=en")
        words = json.loads(body)
        assert words["words"]["teach.key.pause"] == "Pause / resume" and words["names"] is None
        auth = {"Authorization": f"Bearer {host.token}"}
        _, _, body = await get(host.url + "teacher/words?lang=nl", auth)
        assert json.loads(body)["names"]["meters"]["trust"]["name"] == "Vertrouwen"
        status, _, _ = await get(host.url + "teacher/words", {"Authorization": "Bearer nope"})
        assert status == 401


async def test_the_debrief_route_needs_the_token_the_origin_and_a_table(tmp_path):
    async with running_host(tmp_path) as host:
        auth = {"Authorization": f"Bearer {host.token}"}
        status, _, body = await get(host.url + "teacher/debrief?lang=en", auth, post=True)
        assert status == 400 and json.loads(body)["text"]["en"] == "No tables to compare yet."
        clients = await seated(host, ["Sanne"])
        status, _, _ = await get(host.url + "teacher/debrief", {"Authorization": "Bearer x"}, post=True)
        assert status == 401
        evil = {**auth, "Origin": "http://elsewhere.example"}
        status, _, _ = await get(host.url + "teacher/debrief", evil, post=True)
        assert status == 403
        status, _, body = await get(host.url + "teacher/debrief?lang=nl", auth, post=True)
        reply = json.loads(body)
        assert status == 200 and Path(reply["path"]) == tmp_path / "klasvergelijking-nl.html"
        assert Path(reply["path"]).read_text(encoding="utf-8") == reply["html"]
        await close_all(clients)


# -- the command ------------------------------------------------------------------------------------
def options(**given) -> argparse.Namespace:
    return argparse.Namespace(**{"url": None, "token": None, "class_dir": None, "browser": False, **given})


def test_the_command_reads_address_and_token_from_the_class_folder(tmp_path, monkeypatch):
    from game.cli.common import CliError
    from game.cli.dashboard import TOKEN_ENV, connection

    monkeypatch.delenv(TOKEN_ENV, raising=False)
    write_class_file(tmp_path, "http://127.0.0.1:8765/", "ABCDEF", "secret")
    assert connection(options(class_dir=tmp_path), "en") == ("http://127.0.0.1:8765/", "secret")
    assert connection(options(url="http://10.0.0.2:9000", token="t"), "en") == ("http://10.0.0.2:9000/", "t")
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    assert connection(options(url="http://h:1/"), "en")[1] == "from-env"
    monkeypatch.delenv(TOKEN_ENV)
    with pytest.raises(CliError, match="teacher token is missing"):
        connection(options(url="http://h:1/"), "en")
    with pytest.raises(CliError, match="geen adres van een klasserver"):
        connection(options(url="ftp://h/", token="t"), "nl")
    with pytest.raises(CliError, match="class.json"):
        connection(options(class_dir=tmp_path / "nothing"), "en")
    with pytest.raises(CliError, match="which class server"):
        connection(options(token="t"), "en")


def test_the_dashboard_command_is_listed_and_explains_itself(capsys):
    from game.cli import main

    assert main(["dashboard"]) == 2
    assert "welke klasserver" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["dashboard", "--help", "--lang", "en"])
    assert "class.json" in capsys.readouterr().out


async def test_polling_does_not_pile_up_when_the_server_is_slow(tmp_path):
    """A look that takes longer than the interval is not started again on top of itself."""
    async with running_host(tmp_path) as host:
        api = TeacherApi(host.url, host.token)
        state = api.state
        looks = {"now": 0, "most": 0, "done": 0}

        async def slow_state():
            looks["now"] += 1
            looks["most"] = max(looks["most"], looks["now"])
            await asyncio.sleep(0.3)
            looks["now"] -= 1
            looks["done"] += 1
            return await state()

        api.state = slow_state  # type: ignore[method-assign]
        app = DashboardApp(api, "en", poll=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: looks["done"] >= 3)
        assert looks["most"] == 1


def test_tables_the_server_could_not_rebuild_are_named_with_their_reason():
    from game.ui.dashboard.cards import unreadable

    state = {
        "unreadable": {
            "10": {"nl": "de inhoud is veranderd", "en": "the content changed"},
            "2": {"nl": "afspelen mislukt", "en": "replay failed"},
        }
    }
    assert unreadable(state, "en") == "Table 2 skipped: replay failed\nTable 10 skipped: the content changed"
    assert unreadable({"unreadable": {}}, "nl") == ""


def test_a_card_counts_the_wait_in_minutes_and_hours():
    from game.ui.dashboard.cards import waited

    assert [waited(s) for s in (0, 59.9, 75, 3725, -3)] == ["0:00", "0:59", "1:15", "1:02:05", "0:00"]
