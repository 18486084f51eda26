"""Property: however choices, drops and resumes of three seats interleave, every seat ends with the
server's game, and the server's game is what a fresh replay of the log gives."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game
from game.files.saves import state_data
from game.host.client import HostError, SeatClient
from game.host.store import Store
from tests.host_support import base_pack, running_host

ACTION = st.one_of(
    st.tuples(st.just("choose"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("drop"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("resume"), st.integers(0, 2), st.just(0)),
)
#: Batches of actions; the actions of one batch run at the same time, so their messages interleave.
BATCHES = st.lists(st.lists(ACTION, min_size=1, max_size=3), min_size=1, max_size=14)


def _state(game: Game) -> dict:
    dumped = state_data(game.state)
    dumped.pop("players")  # names are seating, not play
    return dumped


async def _act(client: SeatClient, kind: str, pick: int) -> None:
    if kind == "drop":
        await client.drop()
    elif kind == "resume":
        await client.resume()
    elif client.connected and client.game is not None and not client.game.over:
        # Any seat may try any choice: the server decides whose turn it is and which move is current.
        choices = [c.id for c in client.game.step().choices if c.available] or ["continue"]
        with contextlib.suppress(HostError):
            await client.choose(choices[pick % len(choices)])


async def _seat_acts(client: SeatClient, actions: list[tuple[str, int]]) -> None:
    """One seat's actions in turn (a person does one thing at a time; the seats act at once)."""
    for kind, pick in actions:
        await _act(client, kind, pick)


async def _play(folder: Path, batches: list[list[tuple[str, int, int]]]) -> None:
    async with running_host(folder) as host:
        seats = [SeatClient(host.url, base_pack()) for _ in range(3)]
        for i, seat in enumerate(seats):
            await seat.join(host.code, f"Speler {i}")
        for batch in batches:
            await asyncio.gather(
                *(_seat_acts(seats[i], [(k, p) for k, j, p in batch if j == i]) for i in range(3))
            )
        table = host.hosted.tables[1]
        for seat in seats:
            if not seat.connected:
                await seat.resume()
            await seat.wait_for_seq(table.seq)
        server = _state(table.game)
        for seat in seats:
            assert _state(seat.game) == server
        store = Store(folder / "class.db")  # a second reader of the same file: what a restart would see
        setup = store.tables()[1]
        fresh = Game.new(base_pack(), setup["scenario"], seed=setup["seed"], variant=setup["variant"])
        records = store.choices(1)
        assert [r.seq for r in records] == list(range(len(records)))
        for record in records:
            fresh.choose(record.choice)
        store.close()
        assert _state(fresh) == server
        for seat in seats:
            await seat.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BATCHES)
def test_every_seat_ends_with_the_servers_game_and_the_logs_replay(batches):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder), batches))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(ACTION, min_size=1, max_size=3), min_size=1, max_size=40))
def test_long_interleavings_end_the_same_everywhere(batches):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_play(Path(folder), batches))
