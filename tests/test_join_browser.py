"""The class server's browser client in real headless Chromium: two tabs and one terminal client at one
table; a tab reloaded mid-deliberation comes back to its seat.

The server is ``wijkberaad host`` in its own process (its tabs are processes it starts), on 127.0.0.1 with
a free port; Chromium may resolve no host but 127.0.0.1. Skipped without Debian's chromium, like the serve
test whose harness this reuses.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from test_serve_browser import CHROMIUM, RECORD_TERMINAL, Page, start_chromium, stop

from game.host.client import SeatClient
from tests.host_support import ROOT, SETUP, base_pack

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.early,
]

aiohttp = pytest.importorskip("aiohttp")


async def start_host(folder: Path) -> tuple[asyncio.subprocess.Process, str, dict]:
    """``wijkberaad host`` in a session of its own (so its tabs' processes stop with it)."""
    args = [sys.executable, "-m", "game", "host", "--port", "0", "--class-dir", str(folder), "--short"]
    args += ["--scenario", SETUP["scenario"], "--seed", str(SETUP["seed"]), "--lang", "en"]
    proc = await asyncio.create_subprocess_exec(
        *args,
        cwd=ROOT,
        env={**os.environ, "WIJKBERAAD_SAVES": str(folder.parent / "saves")},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
    found = re.search(r"http://\S+", line)
    assert found, f"the server did not start: {line!r}"
    klass = json.loads((folder / "class.json").read_text(encoding="utf-8"))
    return proc, found.group(0), klass


async def stop_host(proc: asyncio.subprocess.Process) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 15)
    except ProcessLookupError:
        pass
    except TimeoutError:
        os.killpg(proc.pid, signal.SIGKILL)
        await proc.wait()


class Tab(Page):
    """A browser tab: the DevTools page, with typing and the page's address."""

    async def open(self, url: str) -> None:
        await self.send("Page.enable")
        await self.send("Runtime.enable")
        await self.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINAL)
        await self.send("Page.navigate", url=url)

    async def focus(self) -> None:
        await self.send(
            "Runtime.evaluate", expression="document.querySelector('.xterm-helper-textarea').focus()"
        )

    async def type(self, word: str) -> None:
        for ch in word:
            code = f"Digit{ch}" if ch.isdigit() else f"Key{ch.upper()}"
            await self.press(ch, code, ord(ch.upper()), ch)

    async def enter(self) -> None:
        """Enter, then a pause: the app moves the focus to the next field in its own time (a person types
        slower than this test)."""
        await self.press("Enter", "Enter", 13, "\r")
        await asyncio.sleep(1.0)

    async def address(self) -> str:
        result = await self.send("Runtime.evaluate", expression="window.location.href")
        return result["result"]["value"]

    async def wait_for_address(self, part: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while part not in (href := await self.address()):
            if time.monotonic() > deadline:
                shown = (await self.terminal_text())[-1500:]
                raise AssertionError(f"the tab's address has no {part!r}: {href}; the tab shows {shown!r}")
            await asyncio.sleep(0.2)
        return href


async def join_in_tab(tab: Tab, url: str, code: str, name: str) -> str:
    """Open /play, fill in the code and the name, join; returns the tab's address with its seat."""
    await tab.open(url + "play?lang=en")
    await tab.wait_for_text(["Join the class", "Class code"], timeout=40)
    await asyncio.sleep(1.0)  # the first field has the focus
    await tab.focus()
    await tab.type(code)
    await tab.enter()
    await tab.type(name)
    await tab.enter()
    await tab.enter()  # the table: any
    return await tab.wait_for_address("seat=", timeout=40)


async def state(session, url: str, token: str) -> dict:
    async with session.get(url + "api/state", headers={"Authorization": f"Bearer {token}"}) as resp:
        return await resp.json()


async def test_two_tabs_and_a_terminal_at_one_table_and_a_reload_resumes_the_seat(tmp_path: Path) -> None:
    proc, url, klass = await start_host(tmp_path / "klas")
    browser, devtools = start_chromium(tmp_path / "profile")
    client = SeatClient(url, base_pack())
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(devtools + "/json/list") as response:
                first = next(t for t in await response.json() if t["type"] == "page")
            async with session.put(devtools + "/json/new?about:blank") as response:
                second = await response.json()
            async with (
                session.ws_connect(first["webSocketDebuggerUrl"], max_msg_size=0) as ws_a,
                session.ws_connect(second["webSocketDebuggerUrl"], max_msg_size=0) as ws_b,
            ):
                anna, bram = Tab(ws_a), Tab(ws_b)
                seat_a = await join_in_tab(anna, url, klass["code"], "Anna")
                seat_b = await join_in_tab(bram, url, klass["code"], "Bram")
                await client.join(klass["code"], "Cas")
                seats = {
                    s["role"]: s["name"]
                    for s in (await state(session, url, klass["teacher_token"]))["tables"][0]["seats"]
                }
                assert seats == {"minister": "Anna", "resident": "Bram", "youth_worker": "Cas"}
                # the tab came back to its seat after the join (its address now holds it): the table plays
                await bram.wait_for_text(["your input as the resident"], timeout=40)
                await bram.focus()
                await bram.type("1")
                await client.wait_for_seq(1)
                await client.choose(client.computer_choice())  # the youth worker's input
                await anna.wait_for_text(["your decision as the minister"], timeout=40)
                # mid-deliberation: the minister's tab is reloaded; it comes back to the same seat
                await anna.send("Page.reload")
                await anna.wait_for_text(["your decision as the minister", "The resident:"], timeout=40)
                assert await anna.address() == seat_a
                table = (await state(session, url, klass["teacher_token"]))["tables"]
                assert len(table) == 1
                assert [(s["name"], s["connected"]) for s in table[0]["seats"]] == [
                    ("Anna", True), ("Bram", True), ("Cas", True)
                ]  # fmt: skip
                await anna.focus()
                await anna.type("1")
                await client.wait_for_seq(3, timeout=30)
                assert seat_a != seat_b
    finally:
        await client.close()
        stop(browser)
        await stop_host(proc)
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)
