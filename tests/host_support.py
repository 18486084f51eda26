"""Helpers for the class server's tests: the base pack, an in-process server, a server in its own process.

Every server here listens on 127.0.0.1 with a port the system picks (port 0); nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import re
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from game.host.classdir import open_class
from game.host.server import make_app, start_site
from game.host.tables import HostedClass

ROOT = Path(__file__).resolve().parent.parent
SETUP = {"scenario": "kanaalzijde", "variant": "short", "seed": 7}
ROLES = ("minister", "resident", "youth_worker")


@functools.cache
def base_pack():
    from game.files.packs import load_game_content

    return load_game_content(mods=False)


@dataclass
class Host:
    url: str
    code: str
    token: str
    hosted: HostedClass
    folder: Path

    async def teacher(
        self, path: str, body: dict[str, Any] | None = None, token: str | None = None
    ) -> tuple[int, Any]:
        """Call the teacher API (GET without a body, POST with one); returns the status and the JSON."""
        headers = {"Authorization": f"Bearer {token if token is not None else self.token}"}
        async with aiohttp.ClientSession() as session:
            if body is None:
                resp = await session.get(self.url + "api/" + path, headers=headers)
            else:
                resp = await session.post(self.url + "api/" + path, headers=headers, json=body)
            async with resp:
                return resp.status, await resp.json(content_type=None)


@contextlib.asynccontextmanager
async def running_host(folder: Path, **options: Any) -> AsyncIterator[Host]:
    """A class server in this process, on a free loopback port, for one test."""
    opened = open_class(folder, base_pack(), dict(SETUP))
    app = make_app(opened.hosted, opened.code, opened.teacher_token, **options)
    runner, port = await start_site(app, "127.0.0.1", 0)
    try:
        yield Host(f"http://127.0.0.1:{port}/", opened.code, opened.teacher_token, opened.hosted, folder)
    finally:
        await runner.cleanup()
        opened.hosted.log.store.close()


@contextlib.asynccontextmanager
async def raw_ws(
    url: str, origin: str | None = None, autoping: bool = True
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A bare websocket to the server, for messages the client would never send."""
    async with aiohttp.ClientSession() as session:
        headers = {"Origin": origin} if origin else {}
        async with session.ws_connect(url + "ws", headers=headers, max_msg_size=0, autoping=autoping) as ws:
            yield ws


async def next_of(ws: aiohttp.ClientWebSocketResponse, kind: str, timeout: float = 5.0) -> dict[str, Any]:
    """The next message of type ``kind`` (others are skipped)."""
    async with asyncio.timeout(timeout):
        while True:
            msg = await ws.receive()
            if msg.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"connection ended ({msg.type}, {msg.data}) before a '{kind}'")
            data = json.loads(msg.data)
            if data["type"] == kind:
                return data


# -- a server in its own process (fault injection) -----------------------------------------------------
class HostProcess:
    """``python -m game host`` on a class folder, killed by the test when it likes."""

    def __init__(self, proc: asyncio.subprocess.Process, url: str) -> None:
        self.proc = proc
        self.url = url

    @classmethod
    async def start(cls, folder: Path, env: dict[str, str] | None = None) -> HostProcess:
        args = [sys.executable, "-m", "game", "host", "--port", "0", "--class-dir", str(folder), "--short"]
        args += ["--scenario", SETUP["scenario"], "--seed", str(SETUP["seed"]), "--lang", "en"]
        proc = await asyncio.create_subprocess_exec(
            *args,
            cwd=ROOT,
            env={**os.environ, "WIJKBERAAD_SAVES": str(folder.parent), **(env or {})},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
        found = re.search(r"http://\S+", line)
        assert found, f"the server did not start: {line!r}"
        return cls(proc, found.group(0))

    async def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()  # SIGKILL: no clean-up of any kind
        await asyncio.wait_for(self.proc.wait(), 30)

    async def died(self, timeout: float = 30.0) -> int:
        return await asyncio.wait_for(self.proc.wait(), timeout)


def class_file(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "class.json").read_text(encoding="utf-8"))
