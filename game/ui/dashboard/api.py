"""The teacher's side of the class server's HTTP API, as the terminal dashboard calls it (aiohttp).

Every call carries the teacher token as a Bearer header (never in the address, so no log ever holds it).
A refusal comes back as :class:`ApiError` with the server's code and its wording in both languages; a
server that cannot be reached is the error ``unreachable``.
"""

from __future__ import annotations

from typing import Any

import aiohttp


class ApiError(Exception):
    """The server refused, or could not be reached (``code`` is then ``unreachable`` or ``bad_token``)."""

    def __init__(self, code: str, text: dict[str, str] | None = None, detail: str = "") -> None:
        self.code = code
        self.text = text or {}
        self.detail = detail
        super().__init__(self.text.get("en") or detail or code)

    def worded(self, lang: str) -> str:
        """The server's own wording in ``lang`` (else what went wrong, as it came)."""
        return self.text.get(lang) or self.text.get("nl") or self.detail or self.code


class TeacherApi:
    """One class server, seen by its teacher: the state of every table and the teacher's controls."""

    def __init__(self, url: str, token: str, timeout: float = 5.0) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self._headers = {"Authorization": f"Bearer {token}"}
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(self, path: str, body: dict[str, Any] | None = None, *, json_reply: bool = True) -> Any:
        if self._session is None:  # made on first use, inside the running event loop
            self._session = aiohttp.ClientSession(timeout=self._timeout, headers=self._headers)
        method = "GET" if body is None else "POST"
        try:
            async with self._session.request(method, self.url + path, json=body) as resp:
                if resp.status >= 400:
                    raise _refusal(resp.status, await resp.text())
                return await resp.json(content_type=None) if json_reply else await resp.text()
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as err:
            raise ApiError("unreachable", detail=str(err) or type(err).__name__) from None

    # -- reading ------------------------------------------------------------------------------------
    async def state(self) -> dict[str, Any]:
        """Every table: seats, year, event, meters, whose turn, how long it waited, stuck (docs/host.md)."""
        return await self._call("api/state")

    async def names(self, lang: str) -> dict[str, Any]:
        """The content's names for roles and meters (and the scenario's title) in ``lang``."""
        return (await self._call(f"teacher/words?lang={lang}"))["names"]

    async def debrief(self, lang: str) -> tuple[str, str]:
        """The class comparison the server made over its class folder: (where it wrote it, the HTML)."""
        reply = await self._call(f"teacher/debrief?lang={lang}", {})
        return reply["path"], reply["html"]

    # -- the controls -------------------------------------------------------------------------------
    async def pause(self, on: bool) -> None:
        await self._call("api/pause", {"on": on})

    async def lock(self, on: bool) -> None:
        await self._call("api/lock", {"on": on})

    async def start(self, table: int | None = None) -> list[int]:
        """Start one table (or every table) with the people it has; returns the tables now playing."""
        return (await self._call("api/start", {} if table is None else {"table": table}))["started"]

    async def kick(self, table: int, role: str) -> None:
        await self._call("api/kick", {"table": table, "role": role})

    async def reseat(self, table: int, role: str) -> str:
        """A new token for the seat (the old one stops working); returns it."""
        return (await self._call("api/reseat", {"table": table, "role": role}))["token"]

    async def computer(self, table: int, role: str, on: bool) -> None:
        await self._call("api/computer", {"table": table, "role": role, "on": on})


def _refusal(status: int, body: str) -> ApiError:
    import json

    try:
        data = json.loads(body)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    code = str(data.get("code") or ("bad_token" if status == 401 else f"http_{status}"))
    text = data.get("text") if isinstance(data.get("text"), dict) else None
    return ApiError(code, text, detail=f"HTTP {status}")
