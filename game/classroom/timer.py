"""The round timer: a countdown for each deliberation that signals at zero and never decides anything.

The timer only measures time. It holds no game and has no way to make a choice: at zero it raises a
signal (``"expired"``) that a screen turns into "time to decide, please", and then it keeps counting the
overtime so the facilitator can see how far over the table is. The clock is injected (any callable that
returns seconds, :func:`time.monotonic` by default), so tests drive it with a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

TimerState = Literal["idle", "running", "paused", "expired"]
Signal = Literal["warning", "expired"]

#: Seconds left when the "warning" signal is given (a third of the countdown for short ones).
WARNING_AT = 60.0


class RoundTimer:
    """A countdown of ``seconds`` per deliberation, with pause and resume.

    Call :meth:`start` when a deliberation begins (again for each new one), :meth:`poll` regularly (a UI
    does it from an interval) to collect signals, and :meth:`pause`/:meth:`resume` when the table or the
    facilitator asks for it. Each signal is given once per countdown.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if seconds <= 0:
            raise ValueError("a round timer needs a positive number of seconds")
        self.seconds = float(seconds)
        self.clock = clock
        self._state: TimerState = "idle"
        self._started_at = 0.0
        #: time counted before the last pause
        self._banked = 0.0
        self._signalled: set[Signal] = set()

    @classmethod
    def minutes(cls, minutes: float, clock: Callable[[], float] = time.monotonic) -> RoundTimer:
        return cls(minutes * 60.0, clock)

    # -- controls -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start a fresh countdown (for a new deliberation), running."""
        self._state = "running"
        self._started_at = self.clock()
        self._banked = 0.0
        self._signalled = set()

    def pause(self) -> None:
        """Stop the clock; nothing counts until :meth:`resume`. Does nothing unless running."""
        if self._state in ("running", "expired"):
            self._banked = self.elapsed()
            self._paused_from: TimerState = self._state
            self._state = "paused"

    def resume(self) -> None:
        """Let the clock run again after :meth:`pause`."""
        if self._state == "paused":
            self._started_at = self.clock()
            self._state = self._paused_from
            self.poll()

    def toggle(self) -> None:
        """Pause when running, resume when paused (one key for both)."""
        if self._state == "paused":
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """Back to idle (no deliberation is being timed)."""
        self._state = "idle"
        self._banked = 0.0
        self._signalled = set()

    # -- reading ------------------------------------------------------------------------------------
    @property
    def state(self) -> TimerState:
        return self._state

    @property
    def running(self) -> bool:
        return self._state in ("running", "expired")

    @property
    def paused(self) -> bool:
        return self._state == "paused"

    def elapsed(self) -> float:
        """Seconds counted in this countdown (pauses excluded)."""
        if self._state in ("running", "expired"):
            return self._banked + max(0.0, self.clock() - self._started_at)
        return self._banked

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        if self._state == "idle":
            return self.seconds
        return max(0.0, self.seconds - self.elapsed())

    def overtime(self) -> float:
        """Seconds past zero (0 while time is left)."""
        if self._state == "idle":
            return 0.0
        return max(0.0, self.elapsed() - self.seconds)

    @property
    def warning_at(self) -> float:
        return min(WARNING_AT, self.seconds / 3)

    def poll(self) -> list[Signal]:
        """The signals due since the last poll: ``"warning"`` near the end and ``"expired"`` at zero.

        Polling only reports; it never acts on the game.
        """
        if self._state not in ("running", "expired"):
            return []
        due: list[Signal] = []
        left = self.seconds - self.elapsed()
        if left <= self.warning_at and "warning" not in self._signalled:
            due.append("warning")
        if left <= 0 and "expired" not in self._signalled:
            due.append("expired")
            self._state = "expired"
        self._signalled.update(due)
        return due

    def display(self) -> str:
        """``m:ss`` left, or ``+m:ss`` of overtime after zero."""
        if self.overtime() > 0:
            return "+" + _clock(self.overtime())
        return _clock(self.remaining(), up=True)


def _clock(seconds: float, up: bool = False) -> str:
    whole = int(seconds) + (1 if up and seconds != int(seconds) else 0)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"
