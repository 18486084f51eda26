"""Helpers for the serve tests: start ``wijkberaad serve`` on a free loopback port and stop it again."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def plain(data: bytes | str) -> str:
    """Terminal output without escape sequences, for looking for words in it."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return ANSI.sub("", text)


@contextmanager
def running_server(saves: Path, lang: str = "en", timeout: float = 15.0) -> Iterator[str]:
    """``wijkberaad serve`` in a subprocess on 127.0.0.1; yields its base URL and always stops it."""
    port = free_port()
    env = dict(os.environ, WIJKBERAAD_SAVES=str(saves))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game",
            "serve",
            "--port",
            str(port),
            "--lang",
            lang,
            "--saves-dir",
            str(saves),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"serve exited with {proc.returncode}:\n{out}")
            try:
                with urllib.request.urlopen(url + "/", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("serve did not answer in time") from None
                time.sleep(0.1)
        yield url
    finally:
        # The whole process group: the server and the game processes it started for tabs.
        try:
            os.killpg(proc.pid, 15)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(timeout=5)
        if proc.stdout:
            proc.stdout.close()
