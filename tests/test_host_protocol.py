"""The class server's protocol against an in-process server on loopback: seats, refusals, the teacher."""

from __future__ import annotations

import asyncio
import json
import stat

import aiohttp
import pytest

from game.engine import Game
from game.files.saves import SaveStore, state_data
from game.host.client import HostError, SeatClient
from game.host.protocol import MAX_MESSAGE, clean_name
from game.host.tables import HostedClass
from tests.host_support import ROLES, Host, base_pack, next_of, raw_ws, running_host


async def seated(host: Host, n: int = 3, **join) -> list[SeatClient]:
    clients = []
    for i in range(n):
        client = SeatClient(host.url, base_pack())
        await client.join(host.code, f"Speler {i}", **join)
        clients.append(client)
    return clients


def actor_of(clients: list[SeatClient]) -> tuple[SeatClient, list[SeatClient]]:
    """The client whose turn it is, and the others."""
    step = clients[0].game.step()
    acting = [c for c in clients if c.role == step.actor]
    assert acting, f"step {step.kind} has no seated actor"
    return acting[0], [c for c in clients if c is not acting[0]]


async def close_all(clients: list[SeatClient]) -> None:
    for client in clients:
        await client.close()


def same_game(a: Game, b: Game) -> None:
    left, right = state_data(a.state), state_data(b.state)
    left.pop("players"), right.pop("players")
    assert left == right


async def test_three_joins_fill_one_table_and_start_it(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        assert {c.table for c in clients} == {1}
        assert sorted(c.role for c in clients) == sorted(ROLES)
        assert len({c.token for c in clients}) == 3
        assert host.hosted.tables[1].started
        fourth = await seated(host, 1)
        assert fourth[0].table == 2 and not host.hosted.tables[2].started
        await close_all(clients + fourth)


async def test_a_taken_role_is_refused_in_both_languages(tmp_path):
    async with running_host(tmp_path) as host:
        first = await seated(host, 1, role="minister", table=1)
        again = SeatClient(host.url, base_pack())
        with pytest.raises(HostError) as err:
            await again.join(host.code, "Tweede", role="minister", table=1)
        assert err.value.code == "role_taken"
        assert "minister" in err.value.text["nl"] and "minister" in err.value.text["en"]
        assert err.value.text["nl"] != err.value.text["en"]
        with pytest.raises(HostError) as err:
            await again.join(host.code, "Tweede", role="mayor")
        assert err.value.code == "no_role"
        await close_all([*first, again])


async def test_a_wrong_class_code_is_refused(tmp_path):
    async with running_host(tmp_path) as host:
        client = SeatClient(host.url, base_pack())
        with pytest.raises(HostError) as err:
            await client.join("WRONG1", "Ahmed")
        assert err.value.code == "bad_code"
        assert not host.hosted.tables
        await client.close()


async def test_a_choice_for_a_move_already_made_is_stale(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, _ = actor_of(clients)
        old = acting.seq
        await acting.choose(acting.computer_choice())
        assert acting.seq > old
        await acting.send({"type": "choose", "seq": old, "choice": "anything"})
        refusal = await _refusal(acting, old)
        assert refusal["code"] == "stale_seq" and refusal["choice"] == "anything"
        assert host.hosted.tables[1].seq == acting.seq
        await close_all(clients)


async def _refusal(client: SeatClient, seq: int) -> dict:
    await client._wait(lambda: client._error_for(seq) is not None, 5)
    return client._error_for(seq)


async def test_only_the_acting_role_may_choose(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, others = actor_of(clients)
        heard: list[tuple[str, int]] = []
        others[1].listeners.append(lambda m: heard.append((m["type"], others[1].seq)))
        choice = acting.computer_choice()
        with pytest.raises(HostError) as err:
            await others[0].choose(choice)
        assert err.value.code == "not_your_turn"
        assert acting.role in err.value.text["en"]
        assert host.hosted.tables[1].seq == 0
        await acting.choose(choice)
        await others[0].wait_for_seq(1)
        await others[1].wait_for_seq(1)
        assert ("choice", 1) in heard  # a listener hears of a choice once the seat's game has it
        await close_all(clients)


async def test_a_paused_table_refuses_choices_until_resumed(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, _ = actor_of(clients)
        status, body = await host.teacher("pause", {"on": True})
        assert status == 200 and body == {"paused": True}
        with pytest.raises(HostError) as err:
            await acting.choose(acting.computer_choice())
        assert err.value.code == "paused"
        await host.teacher("pause", {"on": False})
        await acting.choose(acting.computer_choice())
        assert acting.seq == 1
        await close_all(clients)


async def test_a_kicked_player_loses_the_seat_and_its_token(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        victim, others = actor_of(clients)
        status, _ = await host.teacher("kick", {"table": 1, "role": victim.role})
        assert status == 200
        await victim._wait(lambda: not victim.connected, 5)
        assert victim.closed_by == "kicked"
        assert host.hosted.tables[1].seq > 0  # the empty role is the computer's: the table goes on
        await others[0].wait_for_seq(host.hosted.tables[1].seq)
        with pytest.raises(HostError) as err:
            await victim.resume()
        assert err.value.code == "bad_token"
        newcomer = await seated(host, 1, table=1)
        assert newcomer[0].role == victim.role
        await close_all([*clients, *newcomer])


async def test_locked_joins_are_refused_but_seats_resume(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host, 1)
        await host.teacher("lock", {"on": True})
        late = SeatClient(host.url, base_pack())
        with pytest.raises(HostError) as err:
            await late.join(host.code, "Te laat")
        assert err.value.code == "joins_locked"
        await clients[0].drop()
        await clients[0].resume()
        assert clients[0].table == 1
        await host.teacher("lock", {"on": False})
        await late.join(host.code, "Op tijd")
        await close_all([*clients, late])


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[1, 2]",
        '{"type": "shout"}',
        '{"type": "join", "code": "X", "name": "A", "admin": true}',
        '{"type": "choose", "seq": "1", "choice": "a"}',
        '{"type": "choose", "seq": -1, "choice": "a"}',
        '{"type": "join", "code": "X", "name": "' + "a" * 300 + '"}',
    ],
)
async def test_a_bad_message_is_refused_and_the_connection_stays(tmp_path, raw):
    async with running_host(tmp_path) as host, raw_ws(host.url) as ws:
        await ws.send_str(raw)
        refusal = await next_of(ws, "error")
        assert refusal["code"] == "bad_message"
        assert refusal["text"]["nl"] and refusal["text"]["en"]
        await ws.send_json({"type": "ping"})
        assert (await next_of(ws, "pong"))["type"] == "pong"


async def test_an_oversized_message_closes_the_connection(tmp_path):
    async with running_host(tmp_path) as host, raw_ws(host.url) as ws:
        await ws.send_str(json.dumps({"type": "join", "code": "x" * MAX_MESSAGE, "name": "A"}))
        msg = await asyncio.wait_for(ws.receive(), 5)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
        assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        assert not host.hosted.tables


async def test_a_page_from_another_origin_is_refused(tmp_path):
    async with running_host(tmp_path) as host:
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            async with raw_ws(host.url, origin="http://evil.example"):
                pass
        assert err.value.status == 403
        async with raw_ws(host.url, origin=host.url.rstrip("/")) as ws:
            await ws.send_json({"type": "ping"})
            assert (await next_of(ws, "pong"))["type"] == "pong"


async def test_wrong_tokens_are_refused(tmp_path):
    async with running_host(tmp_path) as host:
        status, body = await host.teacher("state", token="not-the-token")
        assert status == 401 and body["code"] == "bad_token"
        status, body = await host.teacher("pause", {"on": True}, token="")
        assert status == 401 and not host.hosted.paused
        client = SeatClient(host.url, base_pack())
        with pytest.raises(HostError) as err:
            await client.resume("made-up-token")
        assert err.value.code == "bad_token"
        async with raw_ws(host.url) as ws:
            await ws.send_json({"type": "choose", "seq": 0, "choice": "share"})
            assert (await next_of(ws, "error"))["code"] == "not_seated"
        await client.close()


async def test_joins_are_rate_limited(tmp_path):
    async with running_host(tmp_path, join_limit=2) as host:
        clients = await seated(host, 2)
        extra = SeatClient(host.url, base_pack())
        with pytest.raises(HostError) as err:
            await extra.join(host.code, "Derde")
        assert err.value.code == "too_many_joins"
        await close_all([*clients, extra])


def test_names_lose_control_characters_and_length():
    assert clean_name("  Ahmed\x1b[31m\n  de\tVries\u202e ") == "Ahmed[31m de Vries"
    assert len(clean_name("x" * 500)) == 40
    with pytest.raises(Exception) as err:
        clean_name("\x00\x07 \u200b")
    assert err.value.code == "bad_name"


async def test_the_newest_connection_takes_the_seat(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        old = clients[0]
        twin = SeatClient(host.url, base_pack())
        await twin.resume(old.token)
        assert twin.role == old.role
        await old._wait(lambda: not old.connected, 5)
        assert old.closed_by == "replaced"
        await close_all([*clients, twin])


async def test_a_dropped_seat_catches_up_on_resume(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        away = clients[0]
        await away.drop()
        others = clients[1:]
        for _ in range(12):  # bounded: play until the away seat must act
            movers = [c for c in others if c.my_turn()]
            if not movers:
                break
            await movers[0].choose(movers[0].computer_choice())
        table = host.hosted.tables[1]
        assert table.seq > 0 and away.seq < table.seq
        await away.resume()
        await away.wait_for_seq(table.seq)
        same_game(away.game, table.game)
        await close_all(clients)


async def test_the_teacher_sees_every_table_and_a_stuck_one(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, _ = actor_of(clients)
        await acting.drop()
        seat = host.hosted.tables[1].seats[acting.role]
        async with asyncio.timeout(10):  # the server notices the closed socket
            while seat.conn is not None:
                await asyncio.sleep(0.02)
        status, state = await host.teacher("state")
        assert status == 200 and len(state["tables"]) == 1
        table = state["tables"][0]
        assert table["year"] == 1 and table["years"] == host.hosted.tables[1].game.state.rounds
        assert table["turn"] == acting.role and table["stuck"]
        assert table["event"]["title"]["nl"] and set(table["meters"]) >= {"trust", "safety"}
        seats = {s["role"]: s for s in table["seats"]}
        assert not seats[acting.role]["connected"] and all(s["name"] for s in seats.values())
        assert "token" not in json.dumps(state)
        await close_all(clients)


async def test_the_teacher_lets_the_computer_play_a_seat_and_it_is_logged(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, _ = actor_of(clients)
        status, _ = await host.teacher("computer", {"table": 1, "role": acting.role, "on": True})
        assert status == 200
        await acting.wait_for_seq(1)
        assert host.hosted.tables[1].seq >= 1
        kinds = [c.kind for c in host.hosted.log.store.controls()]
        assert "computer" in kinds
        status, body = await host.teacher("computer", {"table": 9, "role": "minister"})
        assert status == 400 and body["code"] == "no_seat"
        await close_all(clients)


async def test_a_started_table_lets_the_computer_play_empty_roles(tmp_path):
    async with running_host(tmp_path) as host:
        (alone,) = await seated(host, 1, role="minister")
        with pytest.raises(HostError) as err:
            await alone.choose("share")
        assert err.value.code == "not_started"
        status, body = await host.teacher("start", {})
        assert status == 200 and body["started"] == [1]
        table = host.hosted.tables[1]
        assert table.game.step().actor == "minister" or table.game.over
        await alone.wait_for_seq(table.seq)
        same_game(alone.game, table.game)
        await alone.close()


async def test_a_restart_replays_every_table_and_keeps_the_seats(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        for _ in range(6):
            acting = next((c for c in clients if c.my_turn()), None)
            if acting is None:
                break
            await acting.choose(acting.computer_choice())
        before = host.hosted.tables[1].game
        code, token = host.code, host.token
        await close_all(clients)
    (tmp_path / "class.json").write_text(json.dumps({"url": "x", "code": code, "teacher_token": token}))
    async with running_host(tmp_path) as again:
        assert (again.code, again.token) == (code, token)
        same_game(again.hosted.tables[1].game, before)
        client = SeatClient(again.url, base_pack())
        await client.resume(clients[0].token)
        same_game(client.game, before)
        await client.close()


async def test_each_table_is_an_ordinary_save_in_the_class_folder(tmp_path):
    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, _ = actor_of(clients)
        await acting.choose(acting.computer_choice())
        saved = tmp_path / "table-01.json"
        async with asyncio.timeout(10):  # the saves are written in the background, about once a second
            while not saved.exists() or '"choices": []' in saved.read_text():
                await asyncio.sleep(0.05)
        loaded = SaveStore(tmp_path).load("table-01", base_pack())
        assert loaded.game.state.choices == host.hosted.tables[1].game.state.choices
        assert sorted(n for n in loaded.game.state.players.values() if n) == [
            "Speler 0",
            "Speler 1",
            "Speler 2",
        ]
        await close_all(clients)
    assert stat.S_IMODE((tmp_path / "class.db").stat().st_mode) == 0o600


def test_the_class_folder_records_no_token_in_the_clear(tmp_path):
    from game.host.classdir import open_class
    from tests.host_support import SETUP

    opened = open_class(tmp_path, base_pack(), dict(SETUP))
    hosted: HostedClass = opened.hosted
    _, _, token = hosted.join("Noor", None, None)
    seat = hosted.seat_of(token)[1]  # the token still opens its seat...
    hosted.log.store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert seat.token and seat.token.encode() in raw
    assert token.encode() not in raw  # ...though only its hash was written


async def test_a_peer_that_stops_answering_pings_loses_its_connection_not_its_seat(tmp_path):
    async with running_host(tmp_path, heartbeat=0.2) as host, raw_ws(host.url, autoping=False) as ws:
        await ws.send_json({"type": "join", "code": host.code, "name": "Stil"})
        welcome = await next_of(ws, "welcome")
        seat = host.hosted.tables[1].seats[welcome["role"]]
        assert seat.conn is not None
        async with asyncio.timeout(10):  # a half-open connection: it never answers the server's pings
            while seat.conn is not None:
                await asyncio.sleep(0.05)
        back = SeatClient(host.url, base_pack())
        await back.resume(welcome["token"])
        assert back.role == welcome["role"] and seat.conn is not None
        await back.close()


async def test_a_choice_the_disk_refuses_changes_nothing_and_is_said(tmp_path, monkeypatch):
    import sqlite3

    async with running_host(tmp_path) as host:
        clients = await seated(host)
        acting, _ = actor_of(clients)

        def full_disk(record):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(host.hosted.log.store, "append_choice", full_disk)
        with pytest.raises(HostError) as err:
            await acting.choose(acting.computer_choice())
        assert err.value.code == "server_error"
        assert host.hosted.tables[1].seq == 0 and acting.seq == 0
        monkeypatch.undo()
        await acting.choose(acting.computer_choice())
        assert acting.seq == 1
        await close_all(clients)


async def test_a_table_whose_content_changed_is_skipped_with_a_reason_and_the_rest_carry_on(tmp_path):
    import sqlite3

    async with running_host(tmp_path) as host:
        clients = await seated(host, 4)  # table 1 full, table 2 with one seat
        await close_all(clients)
    db = sqlite3.connect(tmp_path / "class.db")
    with db:
        db.execute("UPDATE tables SET setup = json_set(setup, '$.digest', 'other') WHERE tbl = 1")
    db.close()
    async with running_host(tmp_path) as again:
        assert list(again.hosted.tables) == [2]
        reason = again.hosted.unreadable[1]
        assert "inhoud" in reason["nl"] and "content" in reason["en"]
        status, state = await again.teacher("state")
        assert state["unreadable"]["1"] == reason
        client = SeatClient(again.url, base_pack())
        with pytest.raises(HostError) as err:
            await client.join(again.code, "Noor", table=1)
        assert err.value.code == "unreadable_table"
        await client.join(again.code, "Noor")
        assert client.table == 2
        await client.close()
