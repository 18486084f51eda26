"""The teacher's dashboard in a real headless Chromium, against a class server in this process with bot seats.

The browser harness (Chromium over its DevTools protocol, resolving nothing but 127.0.0.1) is the serve
test's; skipped without Debian's chromium.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from game.host.client import SeatClient
from tests.host_support import Host, base_pack, running_host

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.early,
]

aiohttp = pytest.importorskip("aiohttp")


async def seated(host: Host, names: list[str]) -> list[SeatClient]:
    clients = []
    for name in names:
        client = SeatClient(host.url, base_pack())
        await client.join(host.code, name)
        clients.append(client)
    return clients


async def js(page, expression: str):
    result = await page.send("Runtime.evaluate", expression=expression, returnByValue=True)
    return result["result"].get("value")


async def until(page, expression: str, timeout: float = 20.0):
    """Evaluate ``expression`` in the page until it gives something true; returns that."""
    async with asyncio.timeout(timeout):
        while True:
            value = await js(page, expression)
            if value:
                return value
            await asyncio.sleep(0.1)


async def until_true(condition: Callable[[], object], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.05)


def seat_button(name: str, index: int) -> str:
    """A click on button ``index`` (0 kick, then new token, then computer) of the seat ``name`` sits in."""
    return (
        "[...document.querySelectorAll('#table-1 li')].find(li => li.innerText.includes("
        f"{json.dumps(name)})).querySelectorAll('button')[{index}].click()"
    )


async def test_the_browser_dashboard_controls_the_class(tmp_path):
    from test_serve_browser import Page, start_chromium, stop

    async with running_host(tmp_path) as host:
        clients = await seated(host, ["Sanne", "Ahmed", "Lotte"])
        by_name = dict(zip(["Sanne", "Ahmed", "Lotte"], clients, strict=True))
        table = host.hosted.tables[1]
        browser, devtools = start_chromium(tmp_path / "profile")
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(devtools + "/json/list") as response:
                    target = next(t for t in await response.json() if t["type"] == "page")
                async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    page = Page(ws)
                    await page.send("Runtime.enable")
                    await page.send("Page.navigate", url=f"{host.url}teacher?lang=en#token={host.token}")
                    shown = await until(page, "document.querySelector('#table-1')?.innerText")
                    assert all(w in shown for w in ("Sanne", "Ahmed", "Lotte", "year 1/6"))
                    assert await js(page, "location.hash") == ""  # the token left the address bar

                    await js(page, "document.getElementById('pause').click()")
                    await until_true(lambda: host.hosted.paused)
                    await until(page, "!document.getElementById('pause-banner').hidden")
                    await js(page, "document.getElementById('pause').click()")
                    await until_true(lambda: not host.hosted.paused)

                    await js(page, seat_button("Lotte", 2))  # the computer plays Lotte's seat
                    lotte = by_name["Lotte"].role
                    await until_true(lambda: table.seats[lotte].computer)

                    await js(page, seat_button("Ahmed", 1))  # a new token for Ahmed's seat
                    token = await until(page, "document.getElementById('dialog-token').textContent")
                    assert host.hosted.seat_of(token)[1].role == by_name["Ahmed"].role
                    await js(page, "document.getElementById('dialog-yes').click()")

                    await js(page, seat_button("Sanne", 0))  # kick, after saying yes
                    await until(page, "document.getElementById('dialog').open")
                    assert table.seats[by_name["Sanne"].role].name == "Sanne"
                    await js(page, "document.getElementById('dialog-yes').click()")
                    await until_true(lambda: table.seats[by_name["Sanne"].role].name is None)

                    # the projector, in Dutch (the default): meters and year, no names
                    await page.send("Page.navigate", url=f"{host.url}teacher/projector")
                    shown = await until(page, "document.querySelector('#table-1')?.innerText")
                    assert "Tafel 1" in shown and "Vertrouwen" in shown
                    assert not any(name in shown for name in ("Sanne", "Ahmed", "Lotte"))
                    assert await js(page, "document.getElementById('controls').hidden")

                    # a wrong token: the page asks for the right one
                    await page.send("Page.navigate", url=f"{host.url}teacher?lang=en#token=wrong")
                    problem = await until(page, "document.getElementById('problem').textContent")
                    assert "teacher token is wrong" in problem
                    assert not await js(page, "document.getElementById('login').hidden")
        finally:
            stop(browser)
            for client in clients:
                await client.close()
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)
