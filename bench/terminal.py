"""What a player sees in a real terminal: a program run in a pseudo-terminal, its output read by a terminal
emulator (pyte), timed from the process's start until given texts are on the emulated screen.

Headless runs (bench/_children.py) miss what a terminal adds: the escape sequences written and parsed, and a
content thread competing with the first paint. Here the app runs as a player starts it.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: A bare Textual app with one Label, showing the same text as the game's title screen.
BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App[None]):
    def compose(self):
        yield Label("Wijkberaad")
        yield Label("Vijftien jaar beraad over een kwetsbare wijk")

Bare().run()
"""

#: The Dutch title screen's subtitle: on screen means the title screen is drawn.
TITLE_TEXT = "Vijftien jaar beraad"
#: The title screen's pack line once the content has loaded: the menu can be used.
CONTENT_TEXT = "Inhoud:"


def _environment(tmp: str, cache: Path | None = None) -> dict[str, str]:
    """A player's environment: a colour terminal, Dutch (the default), empty saves and settings folders, and
    the content cache in ``cache`` (an empty one when not given: a first start)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIJKBERAAD_", "TEXTUAL"))}
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        WIJKBERAAD_SAVES=str(Path(tmp) / "saves"),
        WIJKBERAAD_CONFIG=str(Path(tmp) / "config"),
        WIJKBERAAD_CACHE=str(cache or Path(tmp) / "cache"),
    )
    return env


def time_to_texts(
    argv: list[str],
    texts: list[str],
    size: tuple[int, int] = (80, 24),
    timeout: float = 30.0,
    cache: Path | None = None,
) -> list[float]:
    """Seconds from starting ``argv`` in a pseudo-terminal of ``size`` (columns, rows) until each of
    ``texts`` is on its screen. Raises RuntimeError when one does not appear within ``timeout``. The game's
    content cache is ``cache`` (kept between runs: a player's usual start), else a new empty one."""
    import pyte  # a bench dependency only (pip install -e ".[bench]")

    columns, rows = size
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    # The emulator answers the terminal's queries (device attributes) as a terminal would.
    screen.write_process_input = lambda data: os.write(master, data.encode())
    seen: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="wk-bench-") as tmp:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=_environment(tmp, cache),
            start_new_session=True, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        try:
            while len(seen) < len(texts):
                if time.perf_counter() - start > timeout:
                    shown = "\n".join(screen.display)
                    raise RuntimeError(f"{argv[-1]}: not shown in {timeout} s: {texts}\n{shown}")
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                try:
                    data = os.read(master, 1 << 16)
                except OSError:  # the program ended
                    data = b""
                if not data:
                    raise RuntimeError(
                        f"{argv[-1]} ended before showing {texts}:\n" + "\n".join(screen.display)
                    )
                stream.feed(data)
                now = time.perf_counter()
                shown = "\n".join(screen.display)
                for text in texts:
                    if text not in seen and text in shown:
                        seen[text] = now - start
        finally:
            with_group(proc, signal.SIGKILL)
            proc.wait(timeout=10)
            os.close(master)
    return [seen[text] for text in texts]


def with_group(proc: subprocess.Popen, sig: int) -> None:
    """Send ``sig`` to the process group this module started (its own session), if it is still there."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def game_argv() -> list[str]:
    return [sys.executable, "-m", "game"]


def bare_argv() -> list[str]:
    return [sys.executable, "-c", BARE_APP]
