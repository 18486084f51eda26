"""Fault injection with real processes: the server SIGKILLed mid-round (also between a choice's commit and
its broadcast) and restarted on the same class folder; a client SIGKILLed and back with its token. No
accepted choice is lost, none is applied twice. Loopback only; every wait is bounded."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from game.engine import Game
from game.files.saves import state_data
from game.host.client import SeatClient, play_bot
from game.host.log import CRASH_AFTER_COMMITS
from game.host.store import Store
from tests.host_support import ROOT, HostProcess, base_pack, class_file, running_host


def logged(folder: Path, table: int = 1) -> list[str]:
    """The table's choices as the class folder holds them (a fresh reader of the file)."""
    store = Store(folder / "class.db")
    try:
        records = store.choices(table)
    finally:
        store.close()
    assert [r.seq for r in records] == list(range(len(records))), "moves missing or doubled in the log"
    return [r.choice for r in records]


def replayed(choices: list[str]) -> dict:
    game = Game.new(base_pack(), "kanaalzijde", seed=7, variant="short")
    for choice in choices:
        game.choose(choice)
    return _plain(game)


def _plain(game: Game) -> dict:
    dumped = state_data(game.state)
    dumped.pop("players")
    return dumped


async def seat_three(url: str, code: str) -> list[SeatClient]:
    seats = []
    for i in range(3):
        seat = SeatClient(url, base_pack())
        await seat.join(code, f"Speler {i}")
        seats.append(seat)
    return seats


async def back_on(seats: list[SeatClient], url: str) -> None:
    for seat in seats:
        seat.url = url
        await seat.resume()


async def test_a_server_killed_mid_round_carries_on_from_its_folder(tmp_path):
    folder = tmp_path / "klas"
    server = await HostProcess.start(folder)
    seats = await seat_three(server.url, class_file(folder)["code"])
    bots = [asyncio.create_task(play_bot(s, 50)) for s in seats]
    await seats[0].wait_for_seq(5, timeout=30)
    await server.kill()  # mid-round: the bots are still choosing
    await asyncio.wait_for(asyncio.gather(*bots, return_exceptions=True), 30)
    seen = [list(s.game.state.choices) for s in seats]
    server = await HostProcess.start(folder)
    try:
        await back_on(seats, server.url)
        log = logged(folder)
        for before, seat in zip(seen, seats, strict=True):
            assert log[: len(before)] == before  # nothing anyone saw was lost
            await seat.wait_for_seq(len(log))
            assert _plain(seat.game) == replayed(log)  # and nothing applied twice
        target = len(log) + 4
        await asyncio.wait_for(asyncio.gather(*(play_bot(s, 50, until_seq=target) for s in seats)), 60)
        assert len(logged(folder)) >= target
    finally:
        for seat in seats:
            await seat.close()
        await server.kill()


async def test_a_choice_committed_but_never_broadcast_is_kept_once(tmp_path):
    folder = tmp_path / "klas"
    server = await HostProcess.start(folder, env={CRASH_AFTER_COMMITS: "4"})
    seats = await seat_three(server.url, class_file(folder)["code"])
    bots = [asyncio.create_task(play_bot(s, 50)) for s in seats]
    assert await server.died() != 0  # it killed itself after the 4th commit, before telling anyone
    await asyncio.wait_for(asyncio.gather(*bots, return_exceptions=True), 30)
    assert [s.seq for s in seats] == [3, 3, 3]
    assert len(logged(folder)) == 4
    committed = logged(folder)[3]
    server = await HostProcess.start(folder)
    try:
        await back_on(seats, server.url)
        for seat in seats:
            await seat.wait_for_seq(4)
            assert seat.game.state.choices[3] == committed
        # The player whose choice it was sends it again, as a client that never heard back would.
        retry = seats[0]
        await retry.send({"type": "choose", "seq": 3, "choice": committed})
        await retry._wait(lambda: retry._error_for(3) is not None, 10)
        assert retry._error_for(3)["code"] == "stale_seq"
        assert len(logged(folder)) == 4
        assert _plain(seats[1].game) == replayed(logged(folder))
    finally:
        for seat in seats:
            await seat.close()
        await server.kill()


CHILD = """
import asyncio, json, sys
from pathlib import Path
from game.files.packs import load_game_content
from game.host.client import SeatClient, play_bot

async def main(url, code, out):
    seat = SeatClient(url, load_game_content(mods=False))
    await seat.join(code, "Kind")
    Path(out).write_text(json.dumps({"token": seat.token, "role": seat.role}))
    await play_bot(seat, 50, until_seq=4)
    await asyncio.sleep(60)  # bounded: the test kills it long before

asyncio.run(main(*sys.argv[1:]))
"""


async def test_a_killed_client_comes_back_to_its_seat_with_its_token(tmp_path):
    async with running_host(tmp_path / "klas") as host:
        others = [SeatClient(host.url, base_pack()) for _ in range(2)]
        for i, seat in enumerate(others):
            await seat.join(host.code, f"Speler {i}")
        out = tmp_path / "seat.json"
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CHILD, host.url, host.code, str(out), cwd=ROOT
        )
        bots = [asyncio.create_task(play_bot(s, 50, until_seq=4)) for s in others]
        try:
            async with asyncio.timeout(60):
                while not out.exists() or host.hosted.tables[1].seq < 4:
                    await asyncio.sleep(0.05)
            child.kill()
            await asyncio.wait_for(child.wait(), 30)
            table = host.hosted.tables[1]
            saved = json.loads(out.read_text())
            async with asyncio.timeout(30):
                while table.seats[saved["role"]].conn is not None:  # the server sees the socket go
                    await asyncio.sleep(0.05)
            back = SeatClient(host.url, base_pack())
            await back.resume(saved["token"])
            assert back.role == saved["role"]
            await back.wait_for_seq(table.seq)
            assert _plain(back.game) == _plain(table.game)
            await asyncio.wait_for(asyncio.gather(*bots), 30)
            target = table.seq + 4
            await asyncio.wait_for(
                asyncio.gather(*(play_bot(s, 50, until_seq=target) for s in [back, *others])), 60
            )
            assert table.seq >= target
            assert logged(host.folder) == table.game.state.choices
            assert _plain(back.game) == replayed(logged(host.folder))
            await back.close()
        finally:
            if child.returncode is None:
                child.kill()
                await child.wait()
            for seat in others:
                await seat.close()
