"""The classroom web server (for `wijkberaad serve`): textual-serve with our page, and the guards a class needs.

What it adds to textual-serve's ``Server``:

- **Groups kept apart.** The page gives each browser a group cookie; every tab that browser opens runs
  with that group (``WIJKBERAAD_GROUP``), so it sees and continues only its own saves
  (:class:`game.files.saves.SaveStore`), and may keep at most ``max_saves`` of them.
- **Only its own pages connect.** A websocket whose ``Origin`` is not the served host is refused: a web
  page elsewhere, open in a browser on the teacher's machine, cannot start games on the loopback server.
- **A cap on tabs.** At most ``max_tabs`` games run at once; more are refused with a one-line log.
- **Messages checked.** A malformed message from a browser is logged in one line and ignored, instead of
  ending the tab with a traceback (with local variables) in the log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("wijkberaad.serve")

COOKIE = "wijkberaad_group"
_GROUP = re.compile(r"[a-z0-9]{16}")
#: A terminal larger than this is not a browser tab (and would cost the game process memory).
MAX_COLUMNS, MAX_ROWS = 500, 200
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"0.0.0.0", "::", ""}


def new_group() -> str:
    """A fresh group id: 16 lower-case hex characters."""
    return secrets.token_hex(8)


def group_of(cookie: str | None) -> str | None:
    """The group a cookie names, or None when it is missing or not one of ours."""
    return cookie if cookie and _GROUP.fullmatch(cookie) else None


def origin_allowed(origin: str | None, host_header: str | None, bound: str, public_url: str) -> bool:
    """Whether a websocket from a page at ``origin`` may start a game.

    No ``Origin`` is not a browser (a browser always sends one), so it is let through: the check is
    against other web pages, not other programs. A page must come from the host it connects to (same
    origin), and that host must be one this server is served as: the public URL's, the address it
    listens on, or a loopback name when it listens on loopback or on every address (a DNS name pointing
    elsewhere that resolves to this machine is refused).
    """
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or not host_header:
        return False
    if parts.netloc.lower() != host_header.lower():
        return False
    name = (parts.hostname or "").lower()
    served = {(urlsplit(public_url).hostname or "").lower(), bound.lower().strip("[]")}
    if bound in LOOPBACK or bound in WILDCARD:
        served |= LOOPBACK
    if bound in WILDCARD and (urlsplit(public_url).hostname or "") in WILDCARD:
        return True  # every address, no public URL: the browser's own host is all there is to go by
    return name in served


def checked_message(text: str) -> list[Any] | None:
    """A browser's message as ``[type, data]`` when it has the shape textual-serve's page sends, else None."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(data, str):
        return [kind, data]
    if kind == "resize" and isinstance(data, dict):
        width, height = data.get("width"), data.get("height")
        if type(width) is int and type(height) is int:
            return [kind, {"width": min(max(width, 1), MAX_COLUMNS), "height": min(max(height, 1), MAX_ROWS)}]
        return None
    if kind == "ping" and isinstance(data, str | int | float | None):
        return [kind, data]
    if kind in ("blur", "focus"):
        return [kind, None]
    return None


class GroupAppService(AppService):
    """A tab's game process, started with its group and the cap on its saves in the environment."""

    def __init__(self, *args: Any, group: str, max_saves: int, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.group = group
        self.max_saves = max_saves

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        from game.files.saves import GROUP_ENV, MAX_SAVES_ENV

        environment = super()._build_environment(width=width, height=height)
        environment[GROUP_ENV] = self.group
        environment[MAX_SAVES_ENV] = str(self.max_saves)
        return environment


class ClassroomServer(Server):
    """textual-serve's server with our offline page and words, and the guards in the module docstring."""

    def __init__(
        self,
        command: str,
        *,
        text: dict[str, str],
        lang: str,
        max_tabs: int,
        max_saves: int,
        announce: bool = True,
        **kwargs: Any,  # noqa: ANN401 - textual-serve's own options
    ) -> None:
        super().__init__(command, **kwargs)
        self.text, self.lang = text, lang
        self.max_tabs, self.max_saves = max_tabs, max_saves
        self.announce = announce
        self.tabs = 0

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        import aiohttp_jinja2

        context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        context["text"] = self.text
        context["lang"] = self.lang
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        group = group_of(request.cookies.get(COOKIE)) or new_group()
        # A year: the group's saves stay its own through a lesson series; SameSite keeps other sites out.
        response.set_cookie(COOKIE, group, max_age=365 * 86400, httponly=True, samesite="Strict")
        return response

    async def on_startup(self, app: web.Application) -> None:
        if not self.announce:
            return
        print(self.text["serving"].format(url=self.public_url), flush=True)
        if self.host in LOOPBACK:
            print(self.text["loopback"], flush=True)
        elif self.host in WILDCARD and (urlsplit(self.public_url).hostname or "") in WILDCARD:
            print(self.text["wildcard"], flush=True)

    def refusal(self, request: web.Request) -> web.Response | None:
        """Why a websocket may not start a game (a response to send instead), or None."""
        origin, host = request.headers.get("Origin"), request.headers.get("Host")
        if not origin_allowed(origin, host, self.host, self.public_url):
            log.warning("refused a tab from origin %r (host %r): not this server's page", origin, host)
            return web.Response(status=403, text="forbidden origin\n")
        if self.tabs >= self.max_tabs:
            log.warning("refused a tab: %d games are running (--max-tabs %d)", self.tabs, self.max_tabs)
            return web.Response(status=503, text="too many games running; try again later\n")
        return None

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        refused = self.refusal(request)
        if refused is not None:
            return refused
        websocket = web.WebSocketResponse(heartbeat=15)
        width = min(max(to_int(request.query.get("width", "80"), 80), 1), MAX_COLUMNS)
        height = min(max(to_int(request.query.get("height", "24"), 24), 1), MAX_ROWS)
        group = group_of(request.cookies.get(COOKIE)) or new_group()
        service: AppService | None = None
        self.tabs += 1
        try:
            await websocket.prepare(request)
            service = GroupAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                group=group,
                max_saves=self.max_saves,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure is one line in the log, not a flood
            log.warning("a tab ended: %s: %s", type(error).__name__, str(error)[:200])
        finally:
            self.tabs -= 1
            if service is not None:
                await service.stop()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = checked_message(message.data)
            if envelope is None:
                log.warning("ignored a malformed message from a tab: %r", str(message.data)[:80])
                continue
            kind, data = envelope
            if kind == "stdin":
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize":
                await app_service.set_terminal_size(data["width"], data["height"])
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    def initialize_logging(self) -> None:
        """One line per event, no tracebacks with local variables (a flood, and they hold player input)."""
        logging.basicConfig(level="INFO", format="%(message)s")
