"""``wijkberaad join``: three Pilot-driven apps at one table of a real in-process class server (loopback).

Each app is the game's own app in remote mode, with its own saves folder (where its seat token is kept);
the server is the one of tests/host_support.py on 127.0.0.1 with a free port.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from game.host.client import SeatClient
from game.i18n import t, text
from game.ui.config import resolve_config
from game.ui.launch import make_app
from game.ui.remote.table import RemoteStart
from game.ui.remote.tokens import FILE_NAME
from tests.host_support import Host, base_pack, running_host
from tests.ui.conftest import screen_text, until, widget_text

ROLES = ("minister", "resident", "youth_worker")


def remote_app(folder: Path, host: Host | None, *, lang: str = "nl", **given):
    """The app as ``wijkberaad join`` builds it, with its own saves folder under ``folder``."""
    url = given.pop("url", host.url if host else None)
    start = RemoteStart(connect=SeatClient, url=url, **given)
    config = resolve_config(lang=lang, saves_dir=folder, blink=False, remote=start)
    return make_app(config, base_pack())


@contextlib.asynccontextmanager
async def three_at_a_table(tmp_path: Path, host: Host, lang: str = "nl") -> AsyncIterator[dict]:
    """Three apps, one per role, seated at table 1 (which starts as the third sits down)."""
    apps = {
        role: remote_app(tmp_path / role, host, lang=lang, code=host.code, name=name, role=role)
        for role, name in zip(ROLES, ("Ahmed", "Sanne", "Noor"), strict=True)
    }
    async with contextlib.AsyncExitStack() as stack:
        pilots = {
            role: await stack.enter_async_context(app.run_test(size=(100, 40))) for role, app in apps.items()
        }
        for role, app in apps.items():
            await until(pilots[role], lambda app=app: app.remote is not None and app.remote.link.started)
        yield {role: (apps[role], pilots[role]) for role in ROLES}


def acting(seats: dict) -> str:
    return seats["minister"][0].remote.game.step().actor


async def settled(seats: dict, seq: int) -> None:
    """Every app has applied ``seq`` moves and shows the turn (no consequences screen in the way)."""
    for app, pilot in seats.values():
        await until(pilot, lambda app=app: app.remote.link.seq >= seq)
    for app, pilot in seats.values():
        await close_consequences(app, pilot)


async def close_consequences(app, pilot) -> None:
    from game.ui.screens.consequences import ConsequencesScreen

    for _ in range(10):
        await pilot.pause()
        if not isinstance(app.screen, ConsequencesScreen):
            return
        await pilot.press("enter")
    raise AssertionError("the consequences screens do not close")


def words(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.early
async def test_private_knowledge_shows_only_on_its_owners_screen_and_the_decider_sees_the_inputs(tmp_path):
    async with running_host(tmp_path / "klas") as host, three_at_a_table(tmp_path, host) as seats:
        # the first event: the resident and the youth worker give input, the minister decides; only the
        # youth worker knows something of it
        assert acting(seats) == "resident"
        for role, (app, pilot) in seats.items():
            await until(pilot, lambda app=app: app.screen.query("#choices-head"))
            if role != "resident":  # the others are told who acts, and get no options
                assert "De bewoner (Sanne) is aan zet; even wachten." in words(widget_text(app))
        resident_app, resident = seats["resident"]
        await resident.press("1")
        await settled(seats, 1)
        assert acting(seats) == "youth_worker"
        worker_app, worker = seats["youth_worker"]
        game = worker_app.remote.game
        secret = words(text(game.private_for("youth_worker"), "nl"))[:40]
        assert secret
        for role, (app, _) in seats.items():
            assert (secret in words(widget_text(app))) == (role == "youth_worker"), role
        choices = game.step().choices
        share = next(c.id for c in choices if game.input_option("youth_worker", c.id, game.event).shares)
        await worker.press(str([c.id for c in choices].index(share) + 1))
        await settled(seats, 2)
        assert acting(seats) == "minister"
        label = text(game.input_option("youth_worker", share, game.event).label, "nl")
        for role, (app, _) in seats.items():
            shown = words(widget_text(app))
            assert f"De jongerenwerker: {label}" in shown  # the board: the inputs given, on every screen
            # the knowledge the youth worker shared is the decider's to read, not the resident's
            assert (secret in shown) == (role == "minister"), role
        minister_app, minister = seats["minister"]
        assert t("play.shared", "nl", role="de jongerenwerker") in widget_text(minister_app)
        # the decision: every screen at the table shows what it did, then the table goes on together
        from game.ui.screens.consequences import ConsequencesScreen

        await minister.press("1")
        for app, pilot in seats.values():
            await until(pilot, lambda app=app: isinstance(app.screen, ConsequencesScreen))
        await settled(seats, 3)
        assert {
            app.remote.game.state.choices == host.hosted.tables[1].game.state.choices
            for app, _ in seats.values()
        } == {True}


async def test_a_refused_choice_says_why_and_changes_nothing(tmp_path):
    async with running_host(tmp_path / "klas") as host, three_at_a_table(tmp_path, host) as seats:
        app, pilot = seats[acting(seats)]
        status, _ = await host.teacher("pause", {"on": True})
        assert status == 200
        await until(pilot, lambda: app.remote.link.paused)
        assert "De docent heeft het spel gepauzeerd; even wachten." in widget_text(app)
        await pilot.press("1")
        refusal = "De docent heeft het spel gepauzeerd."
        await until(pilot, lambda: any(n.message == refusal for n in app._notifications))
        assert app.remote.link.seq == 0 and host.hosted.tables[1].seq == 0
        # the pause is lifted: the same key now makes the move
        await host.teacher("pause", {"on": False})
        await until(pilot, lambda: not app.remote.link.paused)
        await pilot.press("1")
        await until(pilot, lambda: app.remote.link.seq == 1)
        assert host.hosted.tables[1].seq == 1


async def test_a_dropped_connection_says_so_resumes_and_catches_up(tmp_path):
    async with running_host(tmp_path / "klas") as host, three_at_a_table(tmp_path, host) as seats:
        app, pilot = seats["minister"]  # not acting: the table moves on while it is away
        link = app.remote.link
        gate = asyncio.Event()
        resume = link.resume

        async def held(*args, **kwargs):
            await gate.wait()
            return await resume(*args, **kwargs)

        link.resume = held
        seat = host.hosted.tables[1].seats["minister"]
        await seat.conn.ws.close()  # the server's side goes (a lost Wi-Fi looks the same to the client)
        await until(pilot, lambda: not link.connected)
        await until(pilot, lambda: "Verbinding verbroken, opnieuw verbinden…" in screen_text(app))
        resident_app, resident = seats["resident"]
        await resident.press("1")
        await until(resident, lambda: resident_app.remote.link.seq == 1)
        gate.set()
        await until(pilot, lambda: link.connected and link.seq == 1)
        await close_consequences(app, pilot)
        assert (link.table, link.role) == (1, "minister")
        assert "Verbinding verbroken" not in screen_text(app)
        assert link.game.state.choices == host.hosted.tables[1].game.state.choices


async def test_a_role_the_computer_plays_moves_every_screen_as_it_moves_the_server(tmp_path):
    async with running_host(tmp_path / "klas") as host:
        apps = {
            role: remote_app(tmp_path / role, host, code=host.code, name=name, role=role)
            for role, name in (("minister", "Ahmed"), ("resident", "Sanne"))
        }
        async with apps["minister"].run_test() as minister, apps["resident"].run_test() as resident:
            for app, pilot in ((apps["minister"], minister), (apps["resident"], resident)):
                await until(pilot, lambda app=app: app.remote is not None)
            assert not apps["resident"].remote.link.started
            assert "Wachten tot alle rollen bezet zijn" in widget_text(apps["resident"])
            await host.teacher("start", {"table": 1})  # the youth worker's seat: the computer's
            await until(resident, lambda: apps["resident"].remote.link.started)
            await resident.press("1")
            server = host.hosted.tables[1].game
            await until(minister, lambda: apps["minister"].remote.link.seq == 2 == len(server.state.choices))
            for app in apps.values():
                assert app.remote.game.state.choices == server.state.choices
                assert app.remote.game.step().actor == "minister"
            assert "De jongerenwerker" in words(widget_text(apps["minister"]))


async def test_join_again_comes_back_to_the_same_seat_with_the_kept_token(tmp_path):
    async with running_host(tmp_path / "klas") as host:
        first = remote_app(tmp_path / "laptop", host, code=host.code, name="Sanne", role="resident")
        async with first.run_test(size=(100, 40)) as pilot:
            await until(pilot, lambda: first.remote is not None)
            token = first.remote.link.token
        kept = json.loads((tmp_path / "laptop" / FILE_NAME).read_text(encoding="utf-8"))
        assert [seat["token"] for seat in kept.values()] == [token]
        # the program again, with the address only: the seat comes back, no code or name asked
        again = remote_app(tmp_path / "laptop", host)
        async with again.run_test(size=(100, 40)) as pilot:
            await until(pilot, lambda: again.remote is not None)
            assert (again.remote.link.table, again.remote.link.role) == (1, "resident")
            assert host.hosted.tables[1].seats["resident"].name == "Sanne"


async def test_the_join_screen_asks_for_what_is_missing_and_words_refusals(tmp_path):
    async with running_host(tmp_path / "klas") as host:
        app = remote_app(tmp_path / "laptop", host, lang="en", name="Sanne")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.pack is not None)
            assert app.focused is not None and app.focused.id == "join-code"
            await pilot.press("enter", "enter", "enter")  # past the code, the name, the table: join
            await until(pilot, lambda: "Still to fill in: class code." in screen_text(app))
            app.screen.query_one("#join-code").value = "NOPE42"
            await pilot.click("#join-go")
            await until(pilot, lambda: "This class code is not right." in screen_text(app))
            app.screen.query_one("#join-code").value = host.code.lower()
            go = app.screen.query_one("#join-go")
            # a button ignores a click while it still shows the last one (a fifth of a second)
            await until(pilot, lambda: not app.screen.busy and not go.has_class("-active"))
            await pilot.click("#join-go")
            await until(pilot, lambda: app.remote is not None)
            assert app.remote.link.role == "minister"


async def test_an_unreachable_server_is_said_plainly(tmp_path):
    app = remote_app(tmp_path / "laptop", None, url="http://127.0.0.1:9/", code="ABCDEF", name="Sanne")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Geen klasserver op http://127.0.0.1:9/" in screen_text(app))
        assert app.remote is None


def test_the_kept_seats_file_is_the_owners_and_an_unreadable_one_counts_as_empty(tmp_path):
    from game.ui.remote.tokens import SeatTokens

    tokens = SeatTokens(tmp_path / "saves")
    tokens.keep("http://10.0.0.5:8765/", "k7p2qx", {"token": "a" * 32, "table": 2, "code": "K7P2QX"})
    path = tmp_path / "saves" / FILE_NAME
    assert path.stat().st_mode & 0o777 == 0o600
    assert tokens.find("http://10.0.0.5:8765", "K7P2QX")[1]["table"] == 2  # the same server and code
    assert tokens.find("http://10.0.0.5:8765/", None)[1]["token"] == "a" * 32  # the address alone
    assert tokens.find("http://10.0.0.5:8765/", "OTHER1") is None
    assert tokens.find("http://10.0.0.6:8765/", None) is None
    assert [p.name for p in path.parent.iterdir()] == [FILE_NAME]  # no temporary file left behind
    path.write_text("{not json", encoding="utf-8")
    assert tokens.find("http://10.0.0.5:8765/", None) is None
    tokens.keep("http://10.0.0.5:8765/", "K7P2QX", {"token": "b" * 32})
    assert tokens.find("http://10.0.0.5:8765/", "K7P2QX")[1]["token"] == "b" * 32


@pytest.mark.early
async def test_a_whole_short_game_ends_on_every_screen_as_it_ends_on_the_server(tmp_path):
    """The computer chooses for whichever seat acts, through that seat's link; every app follows the
    broadcasts, shows their consequences one by one, and ends on the ending screen with the server's ending."""
    from game.ui.screens.ending import EndingScreen

    async with running_host(tmp_path / "klas") as host, three_at_a_table(tmp_path, host, "en") as seats:
        server = host.hosted.tables[1].game
        links = [app.remote.link for app, _ in seats.values()]
        while not server.over:
            assert len(server.state.choices) < 100, "the game does not end"
            movers = [link for link in links if link.my_turn()]
            assert len(movers) == 1, [link.role for link in movers]  # news too: one person continues it
            seq = movers[0].seq
            await movers[0].choose(movers[0].computer_choice())
            await until(seats["minister"][1], lambda seq=seq: all(link.seq > seq for link in links))
        for role, (app, pilot) in seats.items():
            for _ in range(len(server.state.choices)):  # each consequences screen read, then the next
                await pilot.pause()
                if isinstance(app.screen, EndingScreen):
                    break
                await pilot.press("enter")
            await until(pilot, lambda app=app: isinstance(app.screen, EndingScreen))
            assert app.remote.game.ending().id == server.ending().id, role
            assert text(server.ending().title, "en") in widget_text(app)
            assert app.remote.game.state.choices == server.state.choices
