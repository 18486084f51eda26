"""The class's tables: each one's game, its seats and its state, rebuilt from the log on start.

A table's game is never stored, only its setup and its accepted choices: the engine is deterministic, so
replaying the choices gives the same game. Seating, pauses and the teacher's other actions are control
events in their own stream, so the game's replay stays pure. Nothing here knows about websockets: a seated
connection is anything with ``send(message)`` and ``close(code)``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from game.engine import Game, GameError, Pack, choose_for
from game.files.saves import SaveError, SaveFile, SaveStore, dumps, to_file, write_atomic

from .log import TableLog
from .protocol import Refusal, worded
from .store import ChoiceRecord, Control

#: The most tables one class may have.
MAX_TABLES = 60
#: Minutes without a move after which a table is marked stuck on the dashboard.
STUCK_AFTER = 5.0


class Connection(Protocol):
    def send(self, message: dict[str, Any]) -> None: ...
    def close(self, code: str) -> None: ...


def token_hash(token: str) -> str:
    """What the log keeps of a seat token: its hash, so the class folder does not hand out seats."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Seat:
    """One role at one table: who sits there (if anyone), and whether the computer plays it."""

    role: str
    name: str | None = None
    token: str | None = None  # the token's hash
    computer: bool = False  # the teacher let the computer play this seat
    conn: Connection | None = None

    @property
    def person(self) -> bool:
        return self.token is not None

    def view(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "connected": self.conn is not None,
            "computer": self.computer,
        }


@dataclass
class Table:
    """One table: the setup record, the game replayed from its choices, and its seats."""

    id: int
    setup: dict[str, Any]
    game: Game
    seats: dict[str, Seat]
    started: bool = False
    last_move: float = field(default_factory=time.monotonic)
    #: moves made since the table's save was last written
    unsaved: bool = False

    @property
    def seq(self) -> int:
        return len(self.game.state.choices)

    def computer_acts(self) -> bool:
        """Whether the computer makes the current step's choice (an empty role, or the teacher said so)."""
        step = self.game.step()
        if step.kind == "ended":
            return False
        if step.actor is None:  # news: any person at the table continues; with nobody, the computer
            return not any(s.person and not s.computer for s in self.seats.values())
        seat = self.seats[step.actor]
        return seat.computer or not seat.person

    def status(self) -> dict[str, Any]:
        return {"table": self.id, "started": self.started, "seats": [s.view() for s in self.seats.values()]}


def write_save_file(path: Path, save: SaveFile) -> None:
    """A table's save, written as every save is (atomically); a failure waits for the next move."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, dumps(save).encode("utf-8"))
    except (OSError, SaveError):
        pass  # the log holds every choice; the next write catches up


class HostedClass:
    """Every table of one class, the class code, and the teacher's switches (paused, joins locked)."""

    def __init__(self, pack: Pack, log: TableLog, setup: dict[str, Any], saves: Path | None = None) -> None:
        self.pack = pack
        self.log = log
        self.setup = setup  # scenario, variant, seed: the same for every table, so tables compare
        self.saves = SaveStore(saves) if saves else None
        self.tables: dict[int, Table] = {}
        self.paused = False
        self.locked = False
        #: tables that could not be rebuilt: why, in both languages
        self.unreadable: dict[int, dict[str, str]] = {}

    # -- building and restoring ------------------------------------------------------------------
    def _new_game(self, setup: dict[str, Any]) -> Game:
        players: dict[str, str | None] = {r: None for r in setup["seats"]}
        return Game.new(
            self.pack, setup["scenario"], seed=setup["seed"], variant=setup["variant"], players=players
        )

    def _table_setup(self) -> dict[str, Any]:
        roles = list(self.pack.scenarios[self.setup["scenario"]].roles)
        return {
            "pack": self.pack.id,
            "version": self.pack.manifest.version,
            "digest": self.pack.digest,
            "scenario": self.setup["scenario"],
            "variant": self.setup["variant"],
            "seed": self.setup["seed"],
            "seats": roles,
        }

    def restore(self) -> None:
        """Rebuild every table from the log: replay its choices, then the control events in order."""
        for table_id, setup in self.log.store.tables().items():
            if setup["digest"] != self.pack.digest:
                self.unreadable[table_id] = worded("content_changed")
                continue
            game = self._new_game(setup)
            try:
                for record in self.log.read(table_id):
                    game.choose(record.choice)
            except GameError as err:
                self.unreadable[table_id] = worded("replay_failed", detail=str(err))
                continue
            self.tables[table_id] = Table(table_id, setup, game, {r: Seat(r) for r in setup["seats"]})
        for control in self.log.store.controls():
            self._apply_control(control)
        for table in self.tables.values():
            self.computer_moves(table)
            self.write_save(table)
        self.flush_saves()

    def _control(self, table: int | None, kind: str, **data: Any) -> None:
        """Log a control event, then act on it (the log first, so a crash never loses what was done)."""
        self._apply_control(self.log.store.append_control(table, kind, data))

    def _apply_control(self, control: Control) -> None:
        data = control.data
        if control.kind == "pause":
            self.paused = bool(data["paused"])
            return
        if control.kind == "lock":
            self.locked = bool(data["locked"])
            return
        table = self.tables.get(control.table or 0)
        if table is None:
            return
        if control.kind == "start":
            table.started = True
            return
        seat = table.seats[data["role"]]
        if control.kind == "seat":
            seat.name, seat.token = data["name"], data["token"]
        elif control.kind == "reseat":
            seat.token = data["token"]
        elif control.kind == "kick":
            seat.name = seat.token = None
        elif control.kind == "computer":
            seat.computer = bool(data["on"])
        table.game.state.players[seat.role] = seat.name

    # -- seating ---------------------------------------------------------------------------------
    def join(self, name: str, role: str | None, table_no: int | None) -> tuple[Table, Seat, str]:
        """Seat a person; returns the table, the seat and the seat's token (the only time it is known)."""
        if self.locked:
            raise Refusal("joins_locked")
        roles = self.pack.scenarios[self.setup["scenario"]].roles
        if role is not None and role not in roles:
            raise Refusal("no_role", role=role, choices=", ".join(roles))
        if table_no is not None and table_no > MAX_TABLES:
            raise Refusal("no_table", table=table_no, max=MAX_TABLES)
        table = self._table_for(role, table_no)
        free = [r for r, s in table.seats.items() if not s.person]
        if role is not None and role not in free:
            raise Refusal("role_taken", role=role, table=table.id)
        if not free:
            raise Refusal("table_full", table=table.id)
        seat = table.seats[role or free[0]]
        token = secrets.token_urlsafe(24)
        self._control(table.id, "seat", role=seat.role, name=name, token=token_hash(token))
        if not table.started and all(s.person for s in table.seats.values()):
            self._control(table.id, "start")
        return table, seat, token

    def _table_for(self, role: str | None, table_no: int | None) -> Table:
        if table_no is not None:
            return self.tables.get(table_no) or self._open_table(table_no)
        for table in self.tables.values():  # fill tables in order, those still waiting first
            if not table.started and any(
                not s.person and (role in (None, r)) for r, s in table.seats.items()
            ):
                return table
        numbers = [n for n in range(1, MAX_TABLES + 1) if n not in self.tables and n not in self.unreadable]
        if not numbers:
            raise Refusal("no_table", table=MAX_TABLES + 1, max=MAX_TABLES)
        return self._open_table(numbers[0])

    def _open_table(self, table_no: int) -> Table:
        if table_no in self.unreadable:
            raise Refusal("unreadable_table", table=table_no)
        setup = self._table_setup()
        self.log.store.create_table(table_no, setup)
        table = Table(table_no, setup, self._new_game(setup), {r: Seat(r) for r in setup["seats"]})
        self.tables[table_no] = table
        return table

    def seat_of(self, token: str) -> tuple[Table, Seat]:
        """The seat a token opens; :class:`Refusal` ``bad_token`` otherwise (kicked, reseated, unknown)."""
        wanted = token_hash(token)
        for table in self.tables.values():
            for seat in table.seats.values():
                if seat.token is not None and secrets.compare_digest(seat.token, wanted):
                    return table, seat
        raise Refusal("bad_token")

    # -- playing ---------------------------------------------------------------------------------
    def choose(self, table: Table, seat: Seat, seq: int, choice: str) -> None:
        """Take ``seat``'s choice as move ``seq`` if it is valid now; :class:`Refusal` says why not."""
        self.commit_many([self.check(table, seat, seq, choice)])

    def check(self, table: Table, seat: Seat, seq: int, choice: str) -> ChoiceRecord:
        """The record ``seat``'s choice would be as move ``seq`` if it is valid now (nothing changes yet);
        :class:`Refusal` says why not."""
        if self.paused:
            raise Refusal("paused")
        if not table.started:
            raise Refusal("not_started")
        step = table.game.step()
        if step.kind == "ended":
            raise Refusal("game_over")
        if seq != table.seq:
            raise Refusal("stale_seq", seq=table.seq, sent=seq)
        if seat.computer:
            raise Refusal("computer_plays")
        if step.actor is not None and step.actor != seat.role:
            raise Refusal("not_your_turn", actor=step.actor)
        try:
            if not step.choice(choice).available:
                raise GameError(f"'{choice}' is not available now")
        except GameError as err:
            raise Refusal("bad_choice", detail=str(err)) from None
        return ChoiceRecord(table.id, table.seq, choice, seat.role if step.actor else None)

    def commit_many(self, records: list[ChoiceRecord]) -> None:
        """Commit checked choices (at most one per table) in one transaction, then apply each to its game
        and let the computer reply. If the disk refuses, this raises (sqlite3.Error, SeqTaken) and no game
        has changed."""
        if len({r.table for r in records}) != len(records):
            raise ValueError("one choice per table per commit: a second is checked after the first applies")
        self.log.append_many(records)
        for record in records:
            self._apply(self.tables[record.table], record.choice)
        for record in records:
            table = self.tables[record.table]
            self.computer_moves(table)
            self.write_save(table)

    def _apply(self, table: Table, choice: str) -> None:
        table.game.choose(choice)
        table.last_move = time.monotonic()

    def _commit(self, table: Table, choice: str, by: str | None) -> None:
        # The log commits to disk and only then tells the seats; the game follows before any await.
        self.log.append(ChoiceRecord(table.id, table.seq, choice, by))
        self._apply(table, choice)

    def computer_moves(self, table: Table) -> int:
        """Let the computer play while the step is its to take (bounded by the game's own end)."""
        moves = 0
        while table.started and not self.paused and table.computer_acts():
            step = table.game.step()
            self._commit(table, choose_for(table.game, step), step.actor)
            moves += 1
        return moves

    def write_save(self, table: Table) -> None:
        """Note that the table's save is behind; :meth:`take_saves` hands it to the writer."""
        table.unsaved = True

    def take_saves(self) -> list[tuple[Path, SaveFile]]:
        """A snapshot of every save that is behind, to write away from the event loop (a save of a long
        game takes tens of milliseconds to write; the log, not the save, is what must be on disk first)."""
        if self.saves is None:
            return []
        found = []
        for table in self.tables.values():
            if table.unsaved:
                table.unsaved = False
                found.append((self.saves.path(f"table-{table.id:02d}"), to_file(table.game, "named")))
        return found

    def flush_saves(self) -> None:
        """Write every save that is behind, now (on start and on the way out)."""
        for path, save in self.take_saves():
            write_save_file(path, save)

    # -- the teacher -----------------------------------------------------------------------------
    def set_paused(self, paused: bool) -> None:
        self._control(None, "pause", paused=paused)
        if not paused:
            for table in self.tables.values():
                if self.computer_moves(table):
                    self.write_save(table)

    def set_locked(self, locked: bool) -> None:
        self._control(None, "lock", locked=locked)

    def start(self, table: Table) -> None:
        """Begin a table with the seats it has; the computer plays the empty ones."""
        if not table.started:
            self._control(table.id, "start")
        if self.computer_moves(table):
            self.write_save(table)

    def kick(self, table: Table, role: str) -> Connection | None:
        """Free a seat; returns the connection that sat there (the server closes it)."""
        seat = table.seats[role]
        conn, seat.conn = seat.conn, None
        self._control(table.id, "kick", role=role)
        if self.computer_moves(table):  # an empty role is the computer's, so the table never waits on it
            self.write_save(table)
        return conn

    def reseat(self, table: Table, role: str) -> tuple[str, Connection | None]:
        """A new token for a seat whose player lost theirs; the old token stops working."""
        seat = table.seats[role]
        token = secrets.token_urlsafe(24)
        conn, seat.conn = seat.conn, None
        self._control(table.id, "reseat", role=role, token=token_hash(token))
        return token, conn

    def let_computer_play(self, table: Table, role: str, on: bool) -> None:
        self._control(table.id, "computer", role=role, on=on)
        if on and self.computer_moves(table):
            self.write_save(table)

    def overview(self, table: Table, now: float | None = None) -> dict[str, Any]:
        """What the dashboard shows of a table."""
        game, step = table.game, table.game.step()
        waited = (now or time.monotonic()) - table.last_move
        acting = table.seats.get(step.actor) if step.actor else None
        stuck = (
            table.started
            and not game.over
            and not self.paused
            and (
                (acting is not None and acting.person and not acting.computer and acting.conn is None)
                or waited > STUCK_AFTER * 60
            )
        )
        event = game.event
        return {
            **table.status(),
            "year": game.state.round,
            "years": game.state.rounds,
            "event": {"id": event.id, "title": dict(event.title)} if event else None,
            "meters": {k: round(v, 2) for k, v in game.state.meters.items()},
            "turn": step.actor if step.kind != "news" else "news",
            "step": step.kind,
            "seq": table.seq,
            "waiting": round(waited, 1),
            "stuck": bool(stuck),
            "over": game.over,
            "ending": game.state.ending,
        }
