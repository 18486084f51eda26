"""The table log: append a choice (or several in one commit), read a table's choices from a move on, subscribe to what is appended.

This small interface is all the server asks of its storage, so the log could move to a shared database
(PostgreSQL with the same UNIQUE (tbl, seq) key and LISTEN/NOTIFY as the wake-up) without touching the
tables or the protocol. Here it is the class folder's sqlite file plus an in-process list of subscribers.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from .store import ChoiceRecord, Store

Subscriber = Callable[[ChoiceRecord], None]

#: Fault injection for tests (tests/test_host_faults.py): the server kills itself after this many commits,
#: after the commit and before anyone is told. Never set in a class.
CRASH_AFTER_COMMITS = "WIJKBERAAD_HOST_CRASH_AFTER_COMMITS"


class TableLog:
    """Every table's accepted choices, durable before anyone hears of them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._subscribers: dict[int | None, list[Subscriber]] = {}
        self._commits = 0
        crash = os.environ.get(CRASH_AFTER_COMMITS, "")
        self._crash_after = int(crash) if crash.isdigit() else None

    def append(self, record: ChoiceRecord) -> None:
        """Commit ``record`` to disk, then tell the table's subscribers (raises store.SeqTaken on a clash)."""
        self.append_many([record])

    def append_many(self, records: list[ChoiceRecord]) -> None:
        """Commit ``records`` to disk in one transaction, then tell each one's subscribers, in order.

        All or nothing: if the disk refuses any of them (sqlite3.Error, store.SeqTaken), none is kept and
        nobody is told. One commit costs about as much as one choice's, so a batch is nearly free."""
        with self.store.transaction():
            for record in records:
                self.store.append_choice(record)
        self._commits += 1
        if self._crash_after is not None and self._commits >= self._crash_after:
            os.kill(os.getpid(), signal.SIGKILL)
        for record in records:
            for subscriber in [*self._subscribers.get(record.table, ()), *self._subscribers.get(None, ())]:
                subscriber(record)

    def read(self, table: int, since: int = 0) -> list[ChoiceRecord]:
        """The table's choices from move ``since`` on, in order."""
        return self.store.choices(table, since)

    def subscribe(self, table: int | None, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` with every choice appended to ``table`` (None: any table) from now on;
        returns the unsubscribe."""
        self._subscribers.setdefault(table, []).append(subscriber)
        return lambda: self._subscribers[table].remove(subscriber)
