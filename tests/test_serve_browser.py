"""A real browser on ``wijkberaad serve``: headless Chromium opens the page, sees the title, presses Enter.

Needs Debian's ``chromium`` (``.ci/run`` installs it when it can); skipped without it. Chromium is driven
over its DevTools protocol with aiohttp, so no browser-driver package is needed. It may resolve no host but
127.0.0.1, so the page cannot reach out even if it tried.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from serve_support import plain, running_server

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.early,
]

aiohttp = pytest.importorskip("aiohttp")

# Records what the terminal receives, decoded, so the test can read the terminal's text (xterm draws on a
# canvas, so the words are not in the DOM).
RECORD_TERMINAL = """
(() => {
  window.__terminalText = "";
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    const decoder = new TextDecoder();
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__terminalText += decoder.decode(new Uint8Array(event.data), {stream: true});
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
})();
"""


def start_chromium(profile: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--window-size=1200,800",
            f"--user-data-dir={profile}",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 15
    while not (port_file.exists() and port_file.read_text().strip()):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            pytest.fail("chromium did not start its DevTools endpoint")
        time.sleep(0.1)
    return proc, f"http://127.0.0.1:{port_file.read_text().split()[0]}"


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


class Page:
    """Just enough of the DevTools protocol: send a command, wait for its answer."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0

    async def send(self, method: str, **params) -> dict:
        self.next_id += 1
        await self.ws.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads((await self.ws.receive()).data)
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    async def terminal_text(self) -> str:
        result = await self.send("Runtime.evaluate", expression="window.__terminalText || ''")
        return plain(result["result"].get("value", ""))

    async def wait_for_text(self, words: list[str], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = await self.terminal_text()
            if all(word in text for word in words):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"did not see {words} in the browser's terminal: {text[-1500:]!r}")
            await asyncio.sleep(0.2)

    async def press(self, key: str, code: str, key_code: int, text: str = "") -> None:
        common = {"key": key, "code": code, "windowsVirtualKeyCode": key_code}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **common)


async def test_browser_shows_title_then_setup(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    with running_server(saves) as url:
        browser, devtools = start_chromium(tmp_path / "profile")
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(devtools + "/json/list") as response:
                    targets = await response.json()
                target = next(t for t in targets if t["type"] == "page")
                async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    page = Page(ws)
                    await page.send("Page.enable")
                    await page.send("Runtime.enable")
                    await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINAL)
                    await page.send("Page.navigate", url=url + "/")
                    title = await page.wait_for_text(["New game", "Load game", "Content:"], timeout=25)
                    assert "Seed" not in title  # the setup screen's words come only after the key
                    shot = await page.send("Page.captureScreenshot", format="png")
                    assert len(shot["data"]) > 1000
                    # Keys go to xterm's hidden text area, as when a player clicks into the page.
                    await page.send(
                        "Runtime.evaluate",
                        expression="document.querySelector('.xterm-helper-textarea').focus()",
                    )
                    await page.press("Enter", "Enter", 13, "\r")
                    await page.wait_for_text(["Scenario", "Seed"], timeout=15)
        finally:
            stop(browser)
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)
