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
from typing import Any

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


def _terminal(size: tuple[int, int]) -> tuple[Any, Any, int, int]:
    """A pseudo-terminal of ``size`` (columns, rows) read by pyte: its screen, the byte stream to feed it,
    and the pty's master and slave ends."""
    import pyte  # a bench dependency only (pip install -e ".[bench]")

    columns, rows = size
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    # The emulator answers the terminal's queries (device attributes) as a terminal would.
    screen.write_process_input = lambda data: os.write(master, data.encode())
    return screen, stream, master, slave


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
    screen, stream, master, slave = _terminal(size)
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


#: A bare Textual app whose "1" pushes a screen of a title, four paragraphs and a footer (as the
#: consequences screen has), and whose Enter closes it: the key-press baseline in a terminal.
BARE_PRESS_APP = """
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

PARAGRAPH = "De gemeente en de corporatie kiezen samen. " * 12

class Shown(Screen[None]):
    BINDINGS = [Binding("enter", "app.pop_screen", "Verder")]

    def compose(self):
        yield Static("Gevolgen", classes="title")
        for n in range(4):
            yield Static(f"{n + 1}. {PARAGRAPH}")
        yield Footer()

class Bare(App[None]):
    BINDINGS = [Binding("1", "pick", "Kies 1-9")]

    def compose(self):
        yield Label("Wijkberaad")
        yield Footer()

    def action_pick(self):
        self.push_screen(Shown())

Bare().run()
"""

#: On screen while the player can choose (the play screen's footer), and the consequences screen's title.
CHOOSE_TEXT = "Kies 1-9"
CONSEQUENCES_TEXT = "Gevolgen"


def key_presses(
    argv: list[str], presses: int, size: tuple[int, int] = (100, 32), timeout: float = 60.0
) -> list[float]:
    """Seconds from writing "1" into a pseudo-terminal running ``argv`` until the consequences screen's title
    is on its top lines, for the first ``presses`` key presses that lead to one (a press that does not, such as
    giving input, is not timed); Enter closes the screen before the next. Enter also passes an introduction."""
    screen, stream, master, slave = _terminal(size)
    times: list[float] = []

    def top() -> str:
        return "\n".join(screen.display[:3])

    def read_until(done, limit: float) -> float | None:
        """Feed the emulator until ``done()``; the time it became true, or None after ``limit`` seconds."""
        end = time.perf_counter() + limit
        while not done():
            left = end - time.perf_counter()
            if left <= 0:
                return None
            ready, _, _ = select.select([master], [], [], min(left, 0.05))
            if ready:
                data = os.read(master, 1 << 16)
                if not data:
                    raise RuntimeError(f"{argv[-1]} ended:\n" + "\n".join(screen.display))
                stream.feed(data)
        return time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="wk-bench-") as tmp:
        proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=_environment(tmp),
            start_new_session=True, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        try:
            started = time.perf_counter()
            while len(times) < presses:
                if time.perf_counter() - started > timeout:
                    raise RuntimeError(f"{argv[-1]}: {len(times)} of {presses} presses in {timeout} s")
                if read_until(lambda: CHOOSE_TEXT in screen.display[-1], 5.0) is None:
                    os.write(master, b"\r")  # an introduction or a hand-over: Enter passes it
                    continue
                read_until(lambda: False, 0.15)  # let the screen settle: the press must meet a ready app
                sent = time.perf_counter()
                os.write(master, b"1")
                shown = read_until(lambda: CONSEQUENCES_TEXT in top(), 3.0)
                if shown is None:
                    continue  # the press gave input or read news: nothing to time
                times.append(shown - sent)
                read_until(lambda: False, 0.15)
                os.write(master, b"\r")
                read_until(lambda: CONSEQUENCES_TEXT not in top(), 5.0)
        finally:
            with_group(proc, signal.SIGKILL)
            proc.wait(timeout=10)
            os.close(master)
    return times


def game_press_argv() -> list[str]:
    return [sys.executable, "-m", "game", "play", "--role", "minister", "--seed", "1"]


def bare_press_argv() -> list[str]:
    return [sys.executable, "-c", BARE_PRESS_APP]
