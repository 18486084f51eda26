"""The class server: an aiohttp app with the students' websocket (``/ws``) and the teacher's API (``/api``).

Everything runs on one event loop: the choices that arrive in one turn of it are validated, committed to
the log together (one sqlite transaction, a few milliseconds: see :class:`ChoiceBatch`) and applied to the
tables' games without an ``await`` in between, so there is nothing to lock; sends go through each
connection's own queue, in order. docs/host.md describes the protocol.
"""

from __future__ import annotations

import asyncio
import secrets
import sqlite3
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from . import protocol as p
from .protocol import Refusal
from .store import ChoiceRecord, SeqTaken
from .tables import HostedClass, Seat, Table, write_save_file
from .teacher_web import add_teacher_pages
from .web import add_play_routes, browser_of

#: Seconds between websocket pings; a peer that misses the pong is dropped (a closed lid, lost Wi-Fi).
HEARTBEAT = 10.0
#: Seconds between writes of the tables' saves (the log is written at once; the saves follow).
SAVE_EVERY = 1.0
#: Joins one address may try in JOIN_WINDOW seconds (a class behind one address still fits).
JOIN_LIMIT = 40
JOIN_WINDOW = 60.0

HOSTED: web.AppKey[HostedClass] = web.AppKey("hosted", HostedClass)
SETTINGS: web.AppKey[dict[str, Any]] = web.AppKey("settings", dict)


class WsConnection:
    """One websocket: a queue of messages to send, written in order by its own task."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self._out: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def send(self, message: dict[str, Any]) -> None:
        self._out.put_nowait(("send", message))

    def close(self, code: str) -> None:
        """Tell the peer why (a coded error), then close."""
        self._out.put_nowait(("send", p.error(code)))
        self._out.put_nowait(("close", None))

    def stop(self) -> None:
        self._out.put_nowait(("stop", None))

    async def run(self) -> None:
        while True:
            what, message = await self._out.get()
            if what == "stop":
                return
            try:
                if what == "close":
                    await self.ws.close()
                    return
                await self.ws.send_str(p.dumps(message))
            except (ConnectionError, RuntimeError):
                return  # the peer is gone; the reader notices and frees the seat


@dataclass
class AskedChoice:
    """A choice a seated connection sent, waiting for its batch."""

    conn: WsConnection
    table: Table
    seat: Seat
    msg: p.Choose


class ChoiceBatch:
    """Group commit: the choices that arrive in one turn of the event loop share one sqlite commit.

    A commit with ``synchronous=FULL`` costs a few milliseconds whatever it holds, and it blocks the one
    event loop; ten tables choosing at once used to wait for ten commits in a row. Now a choice is only
    noted (:meth:`add`), and once the loop has run every handler that was ready, :meth:`flush` checks each
    noted choice against its table's game in the order they came, commits the valid ones in ONE
    transaction, and only then applies and broadcasts them. If the commit fails, no game changes and every
    sender in the batch gets ``server_error``, as a lone choice would. A second choice for a table already
    in the batch waits for the next batch, so it is judged against the game after the first.
    """

    def __init__(self, hosted: HostedClass) -> None:
        self.hosted = hosted
        self._waiting: list[AskedChoice] = []
        self._due = False

    def add(self, asked: AskedChoice) -> None:
        self._waiting.append(asked)
        if not self._due:  # call_soon runs after the handlers already woken in this turn of the loop
            self._due = True
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        self._due = False
        batch, self._waiting = self._waiting, []
        taken: list[tuple[AskedChoice, ChoiceRecord]] = []
        later: list[AskedChoice] = []
        for asked in batch:
            if any(asked.table is t.table for t, _ in taken):
                later.append(asked)
                continue
            try:
                taken.append((asked, self._check(asked)))
            except Refusal as refusal:
                asked.conn.send(p.error(refusal.code, refusal.values, **_ref(asked.msg)))
        if taken:
            try:
                self.hosted.commit_many([record for _, record in taken])
            except (sqlite3.Error, SeqTaken):  # a full or broken disk: the log kept none, no game changed
                for asked, _ in taken:
                    asked.conn.send(p.error("server_error", **_ref(asked.msg)))
        for asked in later:
            self.add(asked)

    def _check(self, asked: AskedChoice) -> ChoiceRecord:
        if asked.seat.conn is not asked.conn:  # the seat was taken over while the choice waited
            raise Refusal("replaced")
        return self.hosted.check(asked.table, asked.seat, asked.msg.seq, asked.msg.choice)


CHOICES: web.AppKey[ChoiceBatch] = web.AppKey("choices", ChoiceBatch)


def _ref(msg: p.Choose) -> dict[str, Any]:
    """What an error answering a choice carries, so the client knows which one it answers."""
    return {"seq": msg.seq, "choice": msg.choice}


def origin_ok(request: web.Request) -> bool:
    """A browser page may use the server only from the server's own address (or one the host allows).

    Programs that are not browsers send no Origin; they cannot be tricked by a web page into acting."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    allowed = request.app[SETTINGS]["origins"]
    host = urlsplit(origin).netloc
    return host == request.host or origin in allowed


def make_app(
    hosted: HostedClass,
    code: str,
    teacher_token: str,
    *,
    origins: tuple[str, ...] = (),
    join_limit: int = JOIN_LIMIT,
    heartbeat: float = HEARTBEAT,
    play: dict[str, Any] | None = None,
) -> web.Application:
    """The server's app for one class (tests build it in-process with a temporary folder); ``play``: the
    options of the browser client at /play (game/host/web.py)."""
    app = web.Application(client_max_size=p.MAX_MESSAGE)
    app[HOSTED] = hosted
    app[CHOICES] = ChoiceBatch(hosted)
    app[SETTINGS] = {
        "code": code,
        "teacher": teacher_token,
        "origins": origins,
        "join_limit": join_limit,
        "heartbeat": heartbeat,
        "joins": {},
    }
    hosted.log.subscribe(None, lambda record: _broadcast_choice(hosted, record))
    app.cleanup_ctx.append(_saver)
    app.router.add_get("/", _index)
    app.router.add_get("/ws", _student)
    app.router.add_get("/api/state", _state)
    for name, handler in _TEACHER_POSTS.items():
        app.router.add_post(f"/api/{name}", handler)
    add_teacher_pages(app, _teacher)
    add_play_routes(app, origin_ok, **(play or {}))
    return app


async def _saver(app: web.Application) -> AsyncIterator[None]:
    """Write the tables' saves in the background while the server runs, and the last ones at the end."""
    hosted = app[HOSTED]

    async def loop() -> None:
        while True:
            await asyncio.sleep(SAVE_EVERY)
            for path, save in hosted.take_saves():
                await asyncio.to_thread(write_save_file, path, save)

    task = asyncio.create_task(loop())
    yield
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    hosted.flush_saves()


async def _index(request: web.Request) -> web.Response:
    return web.Response(text="Wijkberaad class server. Students: wijkberaad join. Teacher: docs/host.md.\n")


# -- students -------------------------------------------------------------------------------------
def _broadcast_choice(hosted: HostedClass, record: ChoiceRecord) -> None:
    message = p.choice_made(record.seq, record.choice, record.by)
    for seat in hosted.tables[record.table].seats.values():
        if seat.conn is not None:
            seat.conn.send(message)


def _table_news(hosted: HostedClass, table: Table) -> None:
    """Tell everyone at a table who sits where and who is connected."""
    message = {"type": "table", **table.status(), "paused": hosted.paused}
    for seat in table.seats.values():
        if seat.conn is not None:
            seat.conn.send(message)


async def _student(request: web.Request) -> web.StreamResponse:
    if not origin_ok(request):
        return web.json_response(p.error("bad_origin"), status=403)
    settings = request.app[SETTINGS]
    ws = web.WebSocketResponse(heartbeat=settings["heartbeat"], max_msg_size=p.MAX_MESSAGE)
    await ws.prepare(request)
    conn = WsConnection(ws)
    writer = asyncio.create_task(conn.run())
    session = _Session(request, conn)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                session.handle(msg.data)
            elif msg.type == WSMsgType.BINARY:
                conn.send(p.error("bad_message", {"detail": "binary message"}))
    finally:
        session.leave()
        conn.stop()
        await writer
    return ws


class _Session:
    """One student connection's conversation: join or resume, then choices and pings."""

    def __init__(self, request: web.Request, conn: WsConnection) -> None:
        self.hosted = request.app[HOSTED]
        self.choices = request.app[CHOICES]
        self.settings = request.app[SETTINGS]
        self.remote = browser_of(request) or request.remote or "?"  # a browser tab: its browser's
        self.conn = conn
        self.seated: tuple[Table, Seat] | None = None

    def handle(self, raw: str) -> None:
        ref: dict[str, Any] = {}
        try:
            msg = p.parse_client(raw)
            if isinstance(msg, p.Choose):
                ref = _ref(msg)
            self._dispatch(msg)
        except Refusal as refusal:
            self.conn.send(p.error(refusal.code, refusal.values, **ref))
        except sqlite3.Error:  # a full or broken disk: the log refused it, so the game did not change
            self.conn.send(p.error("server_error", **ref))

    def _dispatch(self, msg: Any) -> None:
        if isinstance(msg, p.Ping):
            self.conn.send({"type": "pong"})
        elif isinstance(msg, p.Join):
            self._join(msg)
        elif isinstance(msg, p.Resume):
            self._sit(*self.hosted.seat_of(msg.token), have=msg.have)
        elif self.seated is None:
            raise Refusal("not_seated")
        else:
            table, seat = self.seated
            if seat.conn is not self.conn:
                raise Refusal("replaced")
            self.choices.add(AskedChoice(self.conn, table, seat, msg))  # checked and answered in its batch

    def _join(self, msg: p.Join) -> None:
        self._count_join()
        if not secrets.compare_digest(msg.code.strip().upper().encode(), self.settings["code"].encode()):
            raise Refusal("bad_code")
        name = p.clean_name(msg.name)
        table, seat, token = self.hosted.join(name, msg.role, msg.table)
        self._sit(table, seat, have=0, token=token)

    def _count_join(self) -> None:
        now = time.monotonic()
        tries = self.settings["joins"].setdefault(self.remote, deque())
        while tries and now - tries[0] > JOIN_WINDOW:
            tries.popleft()
        if len(tries) >= self.settings["join_limit"]:
            raise Refusal("too_many_joins")
        tries.append(now)

    def _sit(self, table: Table, seat: Seat, have: int, token: str | None = None) -> None:
        """Put this connection in the seat (the newest connection wins) and send what it missed."""
        if self.seated and self.seated[1] is not seat and self.seated[1].conn is self.conn:
            self.seated[1].conn = None
        if seat.conn is not None and seat.conn is not self.conn:
            seat.conn.close("replaced")
        seat.conn = self.conn
        self.seated = (table, seat)
        since = have if 0 <= have <= table.seq else 0
        records = self.hosted.log.read(table.id, since)
        welcome = {
            "type": "welcome",
            "table": table.id,
            "role": seat.role,
            "name": seat.name,
            "setup": table.setup,
            "since": since,
            "choices": [[r.choice, r.by] for r in records],
            "paused": self.hosted.paused,
            "started": table.started,
            **({"token": token} if token else {}),
        }
        self.conn.send(welcome)
        _table_news(self.hosted, table)

    def leave(self) -> None:
        if self.seated is None:
            return
        table, seat = self.seated
        if seat.conn is self.conn:
            seat.conn = None
            _table_news(self.hosted, table)


# -- the teacher ----------------------------------------------------------------------------------
def _teacher(request: web.Request) -> HostedClass:
    if not origin_ok(request):
        raise web.HTTPForbidden(text=p.dumps(p.error("bad_origin")), content_type="application/json")
    given = request.headers.get("Authorization", "")
    token = given.removeprefix("Bearer ").strip()
    if not secrets.compare_digest(token.encode(), request.app[SETTINGS]["teacher"].encode()):
        raise web.HTTPUnauthorized(text=p.dumps(p.error("bad_token")), content_type="application/json")
    return request.app[HOSTED]


async def _state(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    now = time.monotonic()
    return web.json_response(
        {
            "paused": hosted.paused,
            "locked": hosted.locked,
            "setup": hosted.setup,
            "tables": [hosted.overview(t, now) for t in hosted.tables.values()],
            "unreadable": {str(k): v for k, v in hosted.unreadable.items()},
        }
    )


def _refused(refusal: Refusal) -> web.Response:
    return web.json_response(p.error(refusal.code, refusal.values), status=400)


async def _body(request: web.Request, model: type) -> Any:
    return p.parse_teacher(model, await request.read())


def _seat(hosted: HostedClass, ref: p.SeatRef) -> Table:
    table = hosted.tables.get(ref.table)
    if table is None or ref.role not in table.seats:
        raise Refusal("no_seat", table=ref.table, role=ref.role)
    return table


def _everyone(hosted: HostedClass) -> None:
    for table in hosted.tables.values():
        _table_news(hosted, table)


async def _pause(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    hosted.set_paused((await _body(request, p.Switch)).on)
    _everyone(hosted)
    return web.json_response({"paused": hosted.paused})


async def _lock(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    hosted.set_locked((await _body(request, p.Switch)).on)
    return web.json_response({"locked": hosted.locked})


async def _start(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    wanted = (await _body(request, p.StartTables)).table
    if wanted is not None and wanted not in hosted.tables:
        raise Refusal("no_table", table=wanted, max=max(hosted.tables, default=0))
    for table in hosted.tables.values():
        if wanted in (None, table.id):
            hosted.start(table)
            _table_news(hosted, table)
    return web.json_response({"started": [t.id for t in hosted.tables.values() if t.started]})


async def _kick(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    ref = await _body(request, p.SeatRef)
    table = _seat(hosted, ref)
    conn = hosted.kick(table, ref.role)
    if conn is not None:
        conn.close("kicked")
    _table_news(hosted, table)
    return web.json_response({"table": table.id, "role": ref.role})


async def _reseat(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    ref = await _body(request, p.SeatRef)
    table = _seat(hosted, ref)
    token, conn = hosted.reseat(table, ref.role)
    if conn is not None:
        conn.close("bad_token")
    _table_news(hosted, table)
    return web.json_response({"table": table.id, "role": ref.role, "token": token})


async def _computer(request: web.Request) -> web.Response:
    hosted = _teacher(request)
    ref = await _body(request, p.ComputerSeat)
    table = _seat(hosted, ref)
    hosted.let_computer_play(table, ref.role, ref.on)
    _table_news(hosted, table)
    return web.json_response({"table": table.id, "role": ref.role, "computer": ref.on})


def _coded(handler: Any) -> Any:
    """A teacher handler whose refusals become a 400 with the coded error."""

    async def wrapped(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except Refusal as refusal:
            return _refused(refusal)

    return wrapped


_TEACHER_POSTS = {
    name: _coded(handler)
    for name, handler in {
        "pause": _pause,
        "lock": _lock,
        "start": _start,
        "kick": _kick,
        "reseat": _reseat,
        "computer": _computer,
    }.items()
}


# -- running ---------------------------------------------------------------------------------------
async def start_site(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Serve ``app`` on ``host``:``port`` (0: a free port); returns the runner and the port it got."""
    runner = web.AppRunner(app, access_log=None)  # no access log: nothing that could carry a token
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, int(runner.addresses[0][1])


async def serve_forever(app: web.Application, host: str, port: int, on_ready: Any) -> None:
    """Serve until cancelled (Ctrl+C); ``on_ready(port)`` is called once the socket is bound."""
    runner, bound = await start_site(app, host, port)
    try:
        on_ready(bound)
        while True:
            await asyncio.sleep(3600)
    finally:
        await runner.cleanup()
