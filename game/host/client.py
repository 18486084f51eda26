"""A small asyncio client of the class server: one seat, its own copy of the table's game, kept in step.

The join screen, bots, the bench and the tests use it. The client never changes its game on its own: a
choice is sent as ``choose{seq, choice}`` and applied only when the server's broadcast of it comes back,
so every seat and the server apply the same choices in the same order (the engine is deterministic).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import aiohttp

from game.engine import Game, Pack, choose_for
from game.engine.game import Outcome

from .protocol import MAX_MESSAGE


class HostError(Exception):
    """The server refused something; ``code`` is the refusal, ``text`` its wording in nl and en."""

    def __init__(self, message: dict[str, Any]) -> None:
        self.code = str(message.get("code", "?"))
        self.text: dict[str, str] = message.get("text") or {}
        self.message = message
        super().__init__(self.text.get("en", self.code))


def ws_url(url: str) -> str:
    """``http://host:port/`` -> ``ws://host:port/ws``."""
    base = url.rstrip("/")
    if base.startswith("https://"):
        base = "wss://" + base[len("https://") :]
    elif base.startswith("http://"):
        base = "ws://" + base[len("http://") :]
    return base + "/ws"


class SeatClient:
    """One seat at a table of the class server."""

    def __init__(
        self,
        url: str,
        pack: Pack,
        *,
        origin: str | None = None,
        heartbeat: float = 10.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.url = url
        self.headers = dict(headers or {})  # e.g. a browser tab's key (game/host/web.py)
        self.pack = pack
        self.origin = origin
        self.heartbeat = heartbeat
        self.game: Game | None = None
        self.token: str | None = None
        self.table: int | None = None
        self.role: str | None = None
        self.seats: list[dict[str, Any]] = []
        self.paused = False
        self.started = False  # the table plays (every seat taken, or the teacher started it)
        self.closed_by: str | None = None  # the error code the server closed us with (kicked, replaced)
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task | None = None
        self._changed = asyncio.Condition()
        self._link = asyncio.Lock()  # one connect or drop at a time
        self._errors: list[dict[str, Any]] = []
        #: called with every message from the server once the client has applied it (a screen refreshes)
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        #: called with the outcome of every choice applied to this client's game, in order (a screen shows
        #: the consequences of the moves made at the table)
        self.outcome_listeners: list[Callable[[Outcome], None]] = []

    @property
    def seq(self) -> int:
        return len(self.game.state.choices) if self.game else 0

    @property
    def connected(self) -> bool:
        return self._ws is not None and not self._ws.closed

    # -- connecting -------------------------------------------------------------------------------
    async def _connect(self) -> None:
        async with self._link:
            await self._drop()
            session = aiohttp.ClientSession()
            headers = {**self.headers, **({"Origin": self.origin} if self.origin else {})}
            try:
                ws = await session.ws_connect(
                    ws_url(self.url), heartbeat=self.heartbeat, max_msg_size=MAX_MESSAGE, headers=headers
                )
            except BaseException:
                await session.close()
                raise
            self._session, self._ws = session, ws
            self._errors.clear()
            self.closed_by = None
            self.table = None  # set again by the welcome, which may come before join() looks
            self._reader = asyncio.create_task(self._read(ws))

    async def join(self, code: str, name: str, role: str | None = None, table: int | None = None) -> None:
        """Take a seat; raises :class:`HostError` when the server refuses."""
        await self._connect()
        await self.send({"type": "join", "code": code, "name": name, "role": role, "table": table})
        await self._welcomed()

    async def resume(self, token: str | None = None, timeout: float = 10.0) -> None:
        """Come back to the seat (after a drop, a crash of this program or of the server)."""
        self.token = token or self.token
        await self._connect()
        await self.send({"type": "resume", "token": self.token, "have": self.seq})
        await self._welcomed(timeout)

    async def _welcomed(self, timeout: float = 10.0) -> None:
        await self._wait(lambda: self.table is not None or bool(self._errors), timeout)
        if self.table is None:
            raise HostError(self._errors.pop(0))

    async def send(self, message: dict[str, Any]) -> None:
        if self._ws is None or self._ws.closed:
            raise ConnectionResetError("not connected to the class server")
        await self._ws.send_str(json.dumps(message))

    async def propose(self, choice: str) -> int:
        """Send a choice for the current move without waiting for it; returns its ``seq``. The broadcast of
        it (or an ``error`` with that ``seq``) comes to the listeners."""
        seq = self.seq
        await self.send({"type": "choose", "seq": seq, "choice": choice})
        return seq

    async def wait_closed(self) -> None:
        """Return once the connection has ended (at once when there is none)."""
        reader = self._reader
        if reader is not None:
            await asyncio.gather(asyncio.shield(reader), return_exceptions=True)

    async def drop(self) -> None:
        """Close the connection (the seat stays ours; :meth:`resume` comes back to it)."""
        async with self._link:
            await self._drop()

    async def _drop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
        self._ws = self._session = self._reader = None

    close = drop

    # -- playing ----------------------------------------------------------------------------------
    def my_turn(self) -> bool:
        """Whether this seat acts now (news: the first person at the table continues it)."""
        if self.game is None or self.game.over or self.paused or not self.started:
            return False
        step = self.game.step()
        if step.actor is not None:
            return step.actor == self.role
        people = [s["role"] for s in self.seats if s.get("name") and not s.get("computer")]
        return bool(people) and people[0] == self.role

    async def choose(self, choice: str, timeout: float = 10.0) -> None:
        """Send a choice for the current move and wait until it is applied; :class:`HostError` if refused."""
        seq = self.seq
        await self.send({"type": "choose", "seq": seq, "choice": choice})
        await self._wait(lambda: self.seq > seq or self._error_for(seq) is not None, timeout)
        refused = self._error_for(seq)
        if refused is not None and self.seq <= seq:
            self._errors.remove(refused)
            raise HostError(refused)

    def _error_for(self, seq: int) -> dict[str, Any] | None:
        return next((e for e in self._errors if e.get("seq") == seq), None)

    def computer_choice(self) -> str:
        assert self.game is not None
        return choose_for(self.game, self.game.step())

    async def wait_for_seq(self, seq: int, timeout: float = 10.0) -> None:
        await self._wait(lambda: self.seq >= seq, timeout)

    async def _wait(self, ready: Any, timeout: float) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: ready() or not self.connected), timeout)

    # -- what the server says ---------------------------------------------------------------------
    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        try:
            async for msg in ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                message = json.loads(msg.data)
                self._apply(message)
                for listener in list(self.listeners):
                    listener(message)
                async with self._changed:
                    self._changed.notify_all()
        finally:
            async with self._changed:
                self._changed.notify_all()

    def _apply(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "welcome":
            self._welcome(message)
        elif kind == "choice":
            self._choice(message["seq"], message["choice"])
        elif kind == "table":
            self.seats, self.paused, self.started = message["seats"], message["paused"], message["started"]
        elif kind == "error":
            if message.get("code") in ("kicked", "replaced", "bad_token") and "seq" not in message:
                self.closed_by = message["code"]
            self._errors.append(message)

    def _welcome(self, message: dict[str, Any]) -> None:
        setup = message["setup"]
        if setup["digest"] != self.pack.digest:
            self._errors.append({"type": "error", "code": "content_differs", "text": {}})
            return
        if message["since"] == 0 or self.game is None:
            players: dict[str, str | None] = {r: None for r in setup["seats"]}
            self.game = Game.new(
                self.pack, setup["scenario"], seed=setup["seed"], variant=setup["variant"], players=players
            )
        for offset, (choice, _by) in enumerate(message["choices"]):
            self._choice(message["since"] + offset, choice)
        self.token = message.get("token", self.token)
        self.role, self.paused, self.started = message["role"], message["paused"], message["started"]
        self.table = message["table"]

    def _choice(self, seq: int, choice: str) -> None:
        assert self.game is not None
        if seq == self.seq:
            outcome = self.game.choose(choice)
            for listener in list(self.outcome_listeners):
                listener(outcome)
        # seq below ours: already applied (a catch-up overlapping a broadcast); above: cannot happen, as
        # the server sends in order on one connection.


async def play_bot(
    client: SeatClient, moves: int, timeout: float = 30.0, *, until_seq: int | None = None
) -> int:
    """Play this seat as the computer would, until ``moves`` of its own are made, the table reaches move
    ``until_seq``, the game ends or the connection goes; returns the moves made."""
    made = 0

    def done() -> bool:
        game = client.game
        return (
            game is None
            or game.over
            or not client.connected
            or (until_seq is not None and client.seq >= until_seq)
        )

    while made < moves and not done():
        await client._wait(lambda: client.my_turn() or done(), timeout)
        if done():
            break
        try:
            await client.choose(client.computer_choice(), timeout)
            made += 1
        except HostError as err:
            if err.code != "stale_seq":  # another person continued the news first
                raise
        except (ConnectionError, RuntimeError):  # the connection went while sending
            break
    return made
