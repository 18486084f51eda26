"""The class folder's database: every table's setup, its accepted choices and the control events (sqlite).

One file, ``class.db``, in write-ahead-log mode with ``synchronous=FULL``: once :meth:`Store.append_choice`
returns (or the :meth:`Store.transaction` it was part of ends), the choice survives a crash of the process or the machine. ``UNIQUE(tbl, seq)`` makes a second
choice for the same move impossible, whatever the server's memory believes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tables (tbl INTEGER PRIMARY KEY, setup TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS choices (
    tbl INTEGER NOT NULL REFERENCES tables(tbl),
    seq INTEGER NOT NULL CHECK (seq >= 0),
    choice TEXT NOT NULL,
    by TEXT,
    at REAL NOT NULL,
    UNIQUE (tbl, seq)
);
CREATE TABLE IF NOT EXISTS controls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl INTEGER,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    at REAL NOT NULL
);
"""


class SeqTaken(Exception):
    """That move of that table already has a choice: the log refuses a second one."""


@dataclass(frozen=True, slots=True)
class ChoiceRecord:
    """One accepted choice: the table, its place in the table's log, the choice and the role that made it."""

    table: int
    seq: int
    choice: str
    by: str | None


@dataclass(frozen=True, slots=True)
class Control:
    """A teacher's or the server's action on the class or one table (seating, pause, lock, kick...)."""

    id: int
    table: int | None
    kind: str
    data: dict[str, Any]


class Store:
    """The sqlite file of one class."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        fresh = not self.path.exists()
        # isolation_level=None: we say BEGIN/COMMIT ourselves, so every write is one explicit transaction.
        self._db = sqlite3.connect(self.path, isolation_level=None)
        if fresh:
            os.chmod(self.path, 0o600)  # token hashes and names of minors: the owner only
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around the writes made inside it: they reach the disk in one commit, or (on any
        error, the commit's own included) none of them does. The server's group commit uses it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        if self._db.in_transaction:  # inside transaction(): part of that one commit
            return self._db.execute(sql, params)
        with self.transaction():
            return self._db.execute(sql, params)

    # -- the class ------------------------------------------------------------------------------
    def meta(self, key: str) -> Any | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_meta(self, key: str, value: Any) -> None:
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # -- tables ---------------------------------------------------------------------------------
    def create_table(self, table: int, setup: dict[str, Any]) -> None:
        self._write(
            "INSERT INTO tables (tbl, setup) VALUES (?, ?)", (table, json.dumps(setup, sort_keys=True))
        )

    def tables(self) -> dict[int, dict[str, Any]]:
        rows = self._db.execute("SELECT tbl, setup FROM tables ORDER BY tbl").fetchall()
        return {tbl: json.loads(setup) for tbl, setup in rows}

    def append_choice(self, record: ChoiceRecord) -> None:
        """Commit one choice to disk (inside :meth:`transaction`: with the rest of it); :class:`SeqTaken`
        when that move already has one."""
        try:
            self._write(
                "INSERT INTO choices (tbl, seq, choice, by, at) VALUES (?, ?, ?, ?, ?)",
                (record.table, record.seq, record.choice, record.by, time.time()),
            )
        except sqlite3.IntegrityError as err:
            if "UNIQUE" in str(err):
                raise SeqTaken(f"table {record.table} already has move {record.seq}") from None
            raise

    def choices(self, table: int, since: int = 0) -> list[ChoiceRecord]:
        rows = self._db.execute(
            "SELECT seq, choice, by FROM choices WHERE tbl = ? AND seq >= ? ORDER BY seq", (table, since)
        ).fetchall()
        return [ChoiceRecord(table, seq, choice, by) for seq, choice, by in rows]

    # -- control events -------------------------------------------------------------------------
    def append_control(self, table: int | None, kind: str, data: dict[str, Any]) -> Control:
        cur = self._write(
            "INSERT INTO controls (tbl, kind, data, at) VALUES (?, ?, ?, ?)",
            (table, kind, json.dumps(data, sort_keys=True), time.time()),
        )
        return Control(int(cur.lastrowid or 0), table, kind, data)

    def controls(self) -> list[Control]:
        rows = self._db.execute("SELECT id, tbl, kind, data FROM controls ORDER BY id").fetchall()
        return [Control(i, tbl, kind, json.loads(data)) for i, tbl, kind, data in rows]
