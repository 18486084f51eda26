"""Group commit: the choices noted in one turn of the event loop share one sqlite transaction; a failed
commit changes nothing for any of them; a second choice for the same table is judged after the first.

The choices are handed to a batch of the running server's class directly (what a session does with a
choice it received), all in one synchronous block (one loop turn), so
which choices share a batch does not depend on how the websockets' packets happen to arrive."""

from __future__ import annotations

import contextlib
import sqlite3

from game.host import protocol as p
from game.host.client import SeatClient
from game.host.server import AskedChoice, ChoiceBatch
from tests.host_support import Host, base_pack, running_host


async def two_full_tables(host: Host) -> list[SeatClient]:
    clients = []
    for i in range(6):  # the first three fill table 1, the next three table 2
        client = SeatClient(host.url, base_pack())
        await client.join(host.code, f"Speler {i}")
        clients.append(client)
    assert sorted(c.table for c in clients) == [1, 1, 1, 2, 2, 2]
    return clients


def acting_at(clients: list[SeatClient], table: int) -> SeatClient:
    """A client at ``table`` that may make its next choice (the actor; anyone for the news)."""
    here = [c for c in clients if c.table == table]
    actor = here[0].game.step().actor
    return next(c for c in here if actor in (None, c.role))


def asked(host: Host, client: SeatClient, seq: int = 0) -> AskedChoice:
    """The server's side of ``client`` choosing as move ``seq``: what its session hands the batch."""
    table = host.hosted.tables[client.table]
    seat = table.seats[client.role]
    return AskedChoice(
        seat.conn, table, seat, p.Choose(type="choose", seq=seq, choice=client.computer_choice())
    )


def count_transactions(host: Host, monkeypatch) -> list[int]:
    store = host.hosted.log.store
    opened = store.transaction
    counted = [0]

    @contextlib.contextmanager
    def counting():
        counted[0] += 1
        with opened():
            yield

    monkeypatch.setattr(store, "transaction", counting)
    return counted


async def error_of(client: SeatClient, seq: int) -> dict:
    await client._wait(lambda: client._error_for(seq) is not None, 10)
    return client._error_for(seq)


async def close_all(clients: list[SeatClient]) -> None:
    for client in clients:
        await client.close()


async def test_choices_of_several_tables_in_one_loop_turn_share_one_commit(tmp_path, monkeypatch):
    async with running_host(tmp_path) as host:
        clients = await two_full_tables(host)
        batch = ChoiceBatch(host.hosted)
        first, second = acting_at(clients, 1), acting_at(clients, 2)
        wanted = {1: first.computer_choice(), 2: second.computer_choice()}
        commits = count_transactions(host, monkeypatch)
        batch.add(asked(host, first))
        batch.add(asked(host, second))
        for client in clients:
            await client.wait_for_seq(1)
        assert commits[0] == 1
        log = host.hosted.log
        assert [(r.seq, r.choice) for r in log.read(1)] == [(0, wanted[1])]
        assert [(r.seq, r.choice) for r in log.read(2)] == [(0, wanted[2])]
        for client in clients:
            assert client.game.state.choices == [wanted[client.table]]
            assert host.hosted.tables[client.table].game.state.choices == [wanted[client.table]]
        await close_all(clients)


async def test_a_failed_batch_commit_changes_nothing_for_any_of_its_choices(tmp_path, monkeypatch):
    async with running_host(tmp_path) as host:
        clients = await two_full_tables(host)
        batch = ChoiceBatch(host.hosted)
        first, second = acting_at(clients, 1), acting_at(clients, 2)
        store = host.hosted.log.store
        written = store.append_choice
        seen = []

        def full_on_the_second(
            record,
        ):  # the first insert succeeds inside the transaction, then the disk fills
            seen.append(record)
            if len(seen) == 2:
                raise sqlite3.OperationalError("database or disk is full")
            written(record)

        monkeypatch.setattr(store, "append_choice", full_on_the_second)
        batch.add(asked(host, first))
        batch.add(asked(host, second))
        assert (await error_of(first, 0))["code"] == "server_error"
        assert (await error_of(second, 0))["code"] == "server_error"
        assert len(seen) == 2
        monkeypatch.undo()
        assert host.hosted.log.read(1) == [] and host.hosted.log.read(2) == []
        assert [t.seq for t in host.hosted.tables.values()] == [0, 0]
        assert all(c.seq == 0 for c in clients)
        # nothing half-done was left behind: the same choices go through now
        batch.add(asked(host, first))
        batch.add(asked(host, second))
        for client in clients:
            await client.wait_for_seq(1)
        assert [len(host.hosted.log.read(t)) for t in (1, 2)] == [1, 1]
        await close_all(clients)


async def test_a_second_choice_for_a_table_in_the_same_turn_is_judged_after_the_first(tmp_path, monkeypatch):
    async with running_host(tmp_path) as host:
        clients = await two_full_tables(host)
        batch = ChoiceBatch(host.hosted)
        first = acting_at(clients, 1)
        commits = count_transactions(host, monkeypatch)
        batch.add(asked(host, first))
        batch.add(asked(host, first))  # the same move again, as a double click would send it
        error = await error_of(first, 0)
        assert error["code"] == "stale_seq"  # judged against the game after the first choice
        assert [r.seq for r in host.hosted.log.read(1)] == [0] and host.hosted.tables[1].seq == 1
        assert commits[0] == 1
        await close_all(clients)
