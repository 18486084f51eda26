"""The round timer with a fake clock: it counts down, signals, pauses, and never makes a choice."""

from __future__ import annotations

import inspect

import pytest

from game.classroom import timer as timer_module
from game.classroom.timer import RoundTimer
from game.engine import Game
from game.files.saves import state_data


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def test_counts_down(clock):
    timer = RoundTimer.minutes(3, clock)
    assert timer.state == "idle" and timer.remaining() == 180
    timer.start()
    clock.tick(45)
    assert timer.remaining() == 135
    assert timer.display() == "2:15"
    clock.tick(0.5)
    assert timer.display() == "2:15"  # rounds up: 134.5 s left still shows 2:15
    clock.tick(134.5)
    assert timer.remaining() == 0


def test_signals_warning_then_zero_once(clock):
    timer = RoundTimer(180, clock)
    timer.start()
    clock.tick(100)
    assert timer.poll() == []
    clock.tick(25)  # 55 s left: the warning
    assert timer.poll() == ["warning"]
    assert timer.poll() == []
    clock.tick(55)
    assert timer.poll() == ["expired"]
    assert timer.state == "expired"
    clock.tick(30)
    assert timer.poll() == []  # each signal once
    assert timer.overtime() == 30 and timer.display() == "+0:30"


def test_a_jump_past_zero_gives_both_signals(clock):
    timer = RoundTimer(60, clock)
    timer.start()
    clock.tick(600)
    assert timer.poll() == ["warning", "expired"]


def test_short_timer_warns_at_a_third(clock):
    timer = RoundTimer(60, clock)
    timer.start()
    clock.tick(39)
    assert timer.poll() == []
    clock.tick(1)
    assert timer.poll() == ["warning"]


def test_pause_and_resume(clock):
    timer = RoundTimer(120, clock)
    timer.start()
    clock.tick(30)
    timer.pause()
    assert timer.paused
    clock.tick(1000)  # nothing counts while paused
    assert timer.remaining() == 90
    assert timer.poll() == []
    timer.resume()
    clock.tick(10)
    assert timer.remaining() == 80
    timer.toggle()
    clock.tick(50)
    assert timer.remaining() == 80
    timer.toggle()
    assert timer.running


def test_pause_after_zero_keeps_overtime_still(clock):
    timer = RoundTimer(10, clock)
    timer.start()
    clock.tick(15)
    assert "expired" in timer.poll()
    timer.pause()
    clock.tick(100)
    assert timer.overtime() == 5
    timer.resume()
    assert timer.state == "expired" and timer.poll() == []


def test_a_new_deliberation_restarts_the_countdown(clock):
    timer = RoundTimer(60, clock)
    timer.start()
    clock.tick(70)
    assert timer.poll() == ["warning", "expired"]
    timer.start()
    assert timer.remaining() == 60 and timer.state == "running"
    clock.tick(60)
    assert timer.poll() == ["warning", "expired"]


def test_stop_and_invalid():
    timer = RoundTimer(60, FakeClock())
    timer.start()
    timer.stop()
    assert timer.state == "idle" and timer.remaining() == 60 and timer.poll() == []
    with pytest.raises(ValueError):
        RoundTimer(0)


def test_never_makes_a_choice(mini_pack, clock):
    game = Game.new(mini_pack, seed=3, players={"minister": "Ahmed", "resident": "Sanne"})
    game.play_computer()
    before = state_data(game.state)
    step = game.step()
    timer = RoundTimer(30, clock)
    timer.start()
    for _ in range(10):
        clock.tick(30)
        timer.poll()
        timer.toggle()
        timer.toggle()
    assert timer.state == "expired"
    # The game is exactly where it was: same step, no choice logged.
    assert state_data(game.state) == before
    assert game.step() == step
    # And the timer has no way to reach a game: it takes none and imports no engine.
    assert "game" not in inspect.signature(RoundTimer.__init__).parameters
    assert "game.engine" not in inspect.getsource(timer_module)
