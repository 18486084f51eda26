"""The table log: durable before anyone hears of a choice; one choice per move; subscribers per table."""

from __future__ import annotations

import pytest

from game.host.log import TableLog
from game.host.store import ChoiceRecord, SeqTaken, Store


@pytest.fixture
def log(tmp_path):
    store = Store(tmp_path / "class.db")
    store.create_table(1, {"seats": ["a"]})
    store.create_table(2, {"seats": ["a"]})
    yield TableLog(store)
    store.close()


def test_a_subscriber_hears_of_a_choice_only_once_it_is_on_disk(log, tmp_path):
    heard = []

    def subscriber(record):
        reader = Store(tmp_path / "class.db")  # another connection: sees only committed rows
        heard.append((record, reader.choices(record.table)))
        reader.close()

    log.subscribe(1, subscriber)
    log.append(ChoiceRecord(1, 0, "share", "resident"))
    assert heard == [(ChoiceRecord(1, 0, "share", "resident"), [ChoiceRecord(1, 0, "share", "resident")])]


def test_a_move_takes_one_choice_only(log):
    log.append(ChoiceRecord(1, 0, "share", "resident"))
    with pytest.raises(SeqTaken):
        log.append(ChoiceRecord(1, 0, "protest", "resident"))
    log.append(ChoiceRecord(2, 0, "protest", "resident"))  # another table's move 0 is its own
    assert [r.choice for r in log.read(1)] == ["share"]


def test_subscribers_hear_their_table_or_all_and_can_leave(log):
    one, every = [], []
    leave = log.subscribe(1, one.append)
    log.subscribe(None, every.append)
    log.append(ChoiceRecord(1, 0, "a", None))
    log.append(ChoiceRecord(2, 0, "b", None))
    leave()
    log.append(ChoiceRecord(1, 1, "c", None))
    assert [r.choice for r in one] == ["a"]
    assert [r.choice for r in every] == ["a", "b", "c"]
    assert [r.seq for r in log.read(1, since=1)] == [1]


def test_the_store_is_in_wal_mode_and_syncs_fully(log):
    db = log.store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
