"""The browser client of the class server, at ``/play`` on the server's own address.

The page is textual-serve's terminal (the page of ``wijkberaad serve``); each tab's websocket starts a
process of its own, ``wijkberaad join --browser``, which plays the seat against this server over the
machine's own network like any terminal student. After a join the tab's address becomes
``/play?seat=TOKEN``, so a reload (or a crashed tab, opened again from the history) comes back to the same
seat and catches up. The token travels to the process in its environment, never on a command line.

A tab process joins from the server's own address, so it names the browser it plays for with a one-time
key the server gave it (:func:`browser_of`): the join limit and the names in the log stay per browser.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import WSMsgType, web
from textual_serve import server as textual_server
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

#: Browser games running at once; more tabs are refused (each is a process of ~60 MB).
MAX_TABS = 40
#: A seat token as the server makes them (secrets.token_urlsafe); anything else in an address is ignored.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")
#: The terminal a tab may ask for, at most (a larger one is not a browser tab).
MAX_COLUMNS, MAX_ROWS = 500, 200
#: The header a tab process names its browser with (a key only this server handed out).
TAB_HEADER = "X-Wijkberaad-Tab"
TAB_ENV = "WIJKBERAAD_TAB_KEY"
SEAT_ENV = "WIJKBERAAD_SEAT"
TEMPLATES = Path(__file__).resolve().parent.parent / "serve" / "templates"

#: The page's own words (textual-serve's page as ``wijkberaad serve`` words it).
PAGE_TEXT = {
    "nl": {
        "loading": "Het spel wordt gestart…",
        "start": "Start",
        "ended": "De verbinding met het spel is verbroken.",
        "restart": "Opnieuw verbinden",
    },
    "en": {
        "loading": "Starting the game…",
        "start": "Start",
        "ended": "The connection to the game was closed.",
        "restart": "Connect again",
    },
}

PLAY: web.AppKey[dict[str, Any]] = web.AppKey("play", dict)


def add_play_routes(
    app: web.Application,
    origin_ok: Callable[[web.Request], bool],
    *,
    lang: str = "nl",
    packs: tuple[str, ...] = (),
    saves_dir: str | None = None,
    max_tabs: int = MAX_TABS,
) -> None:
    """Serve the browser client at ``/play``; ``origin_ok`` is the server's check of a page's Origin, and
    ``packs`` and ``saves_dir`` (its mods/ folder) give the tab processes the content the server plays."""
    app[PLAY] = {
        "origin_ok": origin_ok,
        "lang": lang,
        "packs": tuple(packs),
        "saves_dir": saves_dir,
        "max_tabs": max_tabs,
        "tabs": set(),
        "browsers": {},
    }
    app.router.add_get("/play", _page)
    app.router.add_get("/play/ws/{lang}", _tab)
    app.router.add_get("/play/ws/{lang}/{seat}", _tab)
    static = Path(textual_server.__file__).resolve().parent / "static"
    app.router.add_static("/play/static", static)
    app.on_shutdown.append(_close_tabs)


def browser_of(request: web.Request) -> str | None:
    """The browser address a tab process plays for (its key is one this server gave out), else None."""
    key = request.headers.get(TAB_HEADER)
    play = request.app.get(PLAY)
    if not key or play is None:
        return None
    return play["browsers"].get(key)


def _lang(request: web.Request, given: str | None) -> str:
    return given if given in PAGE_TEXT else request.app[PLAY]["lang"]


async def _page(request: web.Request) -> web.Response:
    lang = _lang(request, request.query.get("lang"))
    seat = request.query.get("seat", "")
    scheme = "wss" if request.secure else "ws"
    socket_url = f"{scheme}://{request.host}/play/ws/{lang}"
    if _TOKEN.fullmatch(seat):
        socket_url += f"/{seat}"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    page = env.get_template("app_index.html").render(
        lang=lang,
        text=PAGE_TEXT[lang],
        application={"name": "Wijkberaad"},
        config={"static": {"url": "/play/static/"}},
        app_websocket_url=socket_url,
        font_size=16,
    )
    # The address may hold a seat token: no cache keeps the page, no other site is told the address.
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    return web.Response(text=page, content_type="text/html", headers=headers)


def _own_url(request: web.Request) -> str:
    """This server as the tab process reaches it: the address the browser's connection came in on."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    host, port = (sockname[0], sockname[1]) if sockname else ("127.0.0.1", request.url.port)
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _command(request: web.Request, lang: str) -> str:
    play = request.app[PLAY]
    parts = [sys.executable, "-m", "game", "join", _own_url(request), "--browser", "--lang", lang]
    for pack in play["packs"]:
        parts += ["--pack", str(pack)]
    if play["saves_dir"]:
        parts += ["--saves-dir", str(play["saves_dir"])]
    return shlex.join(parts)


async def _tab(request: web.Request) -> web.StreamResponse:
    play = request.app[PLAY]
    if not play["origin_ok"](request):
        return web.Response(status=403, text="forbidden origin\n")
    if len(play["tabs"]) >= play["max_tabs"]:
        return web.Response(status=503, text="too many games running; try again later\n")
    seat = request.match_info.get("seat", "")
    lang = _lang(request, request.match_info.get("lang"))
    key = secrets.token_urlsafe(16)
    play["browsers"][key] = request.remote or "?"
    env = {TAB_ENV: key, SEAT_ENV: seat if _TOKEN.fullmatch(seat) else ""}
    websocket = web.WebSocketResponse(heartbeat=15)
    service: AppService | None = None
    play["tabs"].add(websocket)
    try:
        await websocket.prepare(request)
        service = TabService(
            _command(request, lang),
            env,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=DownloadManager(),
        )
        width = _size(request.query.get("width"), 80, MAX_COLUMNS)
        height = _size(request.query.get("height"), 24, MAX_ROWS)
        await service.start(width, height)
        await _relay(websocket, service)
    except asyncio.CancelledError:
        await websocket.close()
    finally:
        play["tabs"].discard(websocket)
        play["browsers"].pop(key, None)
        if service is not None:
            await service.stop()
    return websocket


def _size(given: str | None, default: int, largest: int) -> int:
    return min(max(int(given), 1), largest) if given and given.isdigit() else default


async def _relay(websocket: web.WebSocketResponse, service: Any) -> None:
    """The browser's keys and sizes to the tab's process (anything else a page might send is dropped)."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            kind, data = json.loads(message.data)
        except (ValueError, TypeError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            if type(width) is int and type(height) is int:
                await service.set_terminal_size(
                    min(max(width, 1), MAX_COLUMNS), min(max(height, 1), MAX_ROWS)
                )
        elif kind == "ping":
            await websocket.send_json(["pong", data if isinstance(data, str | int | float) else None])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


async def _close_tabs(app: web.Application) -> None:
    for websocket in list(app[PLAY]["tabs"]):
        await websocket.close()


class TabService(AppService):
    """A tab's process, with its seat token and browser key in its environment."""

    def __init__(self, command: str, env: dict[str, str], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.extra_env = env

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width=width, height=height), **self.extra_env}
