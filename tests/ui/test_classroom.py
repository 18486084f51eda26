"""The classroom kit in the app: the session code in the setup, the round timer bar, the facilitator view
and the report export from the debrief. Each piece is mounted the way its hook mounts it."""

from __future__ import annotations

from datetime import datetime

import pytest

from game.classroom.session import code_for, game_code
from game.classroom.timer import RoundTimer
from game.cli import main
from game.files.saves import state_data
from game.ui import classroom
from game.ui.screens.facilitator import FacilitatorScreen, big_number, meter_bar
from game.ui.widgets.session_code import SessionCodeLine
from game.ui.widgets.timer import RoundTimerBar, deliberation_key

from .conftest import screen_text, until


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def name(app) -> str:
    return type(app.screen).__name__


async def to_play(app, pilot) -> None:
    """Past any screen that opens a game (the scenario's introduction) to the play screen, once the computer
    roles have had their say and it is the player's turn."""
    await pilot.pause()
    for _ in range(5):
        if name(app) == "PlayScreen":
            break
        await pilot.press("enter")
        await pilot.pause()
    assert name(app) == "PlayScreen"
    await until(pilot, lambda: app.game.over or app.game.is_human(app.game.step().actor))


async def setup_screen(app, pilot):
    from game.ui.screens.setup import SetupScreen

    await pilot.pause()
    if not isinstance(app.screen, SetupScreen):
        app.push_screen(SetupScreen())
        await pilot.pause()
    if not app.screen.query(SessionCodeLine):
        await app.screen.query_one("#setup").mount(SessionCodeLine(), after="#setup-error")
        await pilot.pause()
    return app.screen


async def test_setup_shows_the_code_explains_typos_and_sets_the_timer(make_app, mini_pack):
    app = make_app(lang="nl")
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await setup_screen(app, pilot)
        assert code_for(mini_pack, "test", None, 7) in screen_text(app)
        # The code follows the seed.
        screen.query_one("#setup-seed").value = "4242"
        await until(pilot, lambda: code_for(mini_pack, "test", None, 4242) in screen_text(app))
        # A typo is caught and explained, and nothing changes.
        code = code_for(mini_pack, "test", None, 12)
        typo = ("1" if code[0] != "1" else "2") + code[1:]
        field = screen.query_one("#code-enter")
        field.value = typo
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "verkeerd getypt" in screen_text(app)
        assert screen.query_one("#setup-seed").value == "4242" and name(app) == "SetupScreen"
        # The round timer in minutes.
        minutes = screen.query_one("#timer-minutes")
        minutes.value = "2,5"
        await pilot.pause()
        assert classroom.timer_of(app).seconds == 150
        minutes.value = "straks"
        await pilot.pause()
        assert "aantal minuten" in screen_text(app)
        minutes.value = ""
        await pilot.pause()
        assert classroom.timer_of(app) is None


async def test_a_typed_code_sets_scenario_length_and_seed(make_app, mini_pack):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await setup_screen(app, pilot)
        code = code_for(mini_pack, "test", "short", 31337)
        field = screen.query_one("#code-enter")
        field.value = code.lower().replace("-", " ")
        field.focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one("#setup-seed").value == "31337")
        assert name(app) == "SetupScreen"  # Enter in the code field does not start the game
        assert screen.query_one("#setup-length").value == "short"
        # Starting now plays exactly the game of the code.
        screen.start()
        await pilot.pause()
        assert game_code(app.game) == code


async def test_timer_bar_counts_down_signals_and_never_chooses(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    clock = FakeClock()
    app.round_timer = RoundTimer(60, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(app, pilot)
        bar = app.screen.query_one(RoundTimerBar)
        bar.tick()
        await pilot.pause()
        assert deliberation_key(app.game) is not None
        assert "1:00" in screen_text(app)
        choices = list(app.game.state.choices)
        clock.now += 45
        bar.tick()
        await pilot.pause()
        assert "0:15" in screen_text(app) and bar.has_class("-warning")
        clock.now += 20
        bar.tick()
        await pilot.pause()
        assert bar.has_class("-expired") and "+0:05" in screen_text(app)
        assert any("Time is up" in n.message or "tijd is om" in n.message for n in app._notifications)
        bar.toggle()
        clock.now += 100
        bar.tick()
        assert app.round_timer.paused and app.round_timer.overtime() == 5
        # The timer signalled, and the game is exactly where it was.
        assert app.game.state.choices == choices and name(app) == "PlayScreen"
        bar.toggle()
        # A decision starts the next deliberation: the countdown starts again.
        await pilot.press("1")
        await pilot.pause()
        bar.tick()
        assert app.round_timer.remaining() == 60 or deliberation_key(app.game) is None


async def test_facilitator_view(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(app, pilot)
        game = app.game
        app.push_screen(FacilitatorScreen())
        await pilot.pause()
        shown = screen_text(app)
        assert game_code(game) in shown
        assert "Year 1 of 4" in shown
        assert game.event.title["en"].upper() in shown
        assert "Trust" in shown and "Livability" in shown
        before = state_data(game.state)
        await pilot.press("escape")
        await pilot.pause()
        assert name(app) == "PlayScreen" and state_data(game.state) == before


def test_large_type_helpers():
    assert big_number(45.0) == "45" and big_number(38.2) == "38" and big_number(3.5, "en") == "3.5"
    assert big_number(3.5) == "3,5" and big_number(3.5, "nl") == "3,5"
    assert meter_bar(50, 0, 100, 10) == "█████░░░░░"
    assert meter_bar(150, 0, 100, 4) == "████"


async def test_report_export_from_the_debrief(make_app, tmp_path):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", variant="short")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.game.play_computer(until_human=False)
        written = classroom.export_report(app, now=datetime(2026, 11, 28, 15, 0, 0))
        assert [p.suffix for p in written] == [".html", ".md", ".csv"]
        assert all(p.parent == tmp_path / "reports" for p in written)
        assert written[0].name == f"wijkberaad-{app.session}-{game_code(app.game)}-20261128-150000.html"
        assert "<svg" in written[0].read_text(encoding="utf-8")
        classroom.export_and_tell(app)
        await pilot.pause()
        assert any("reports" in n.message for n in app._notifications)


# -- the hooks in the app and the play command -------------------------------------------------------------
async def test_setup_screen_has_the_classroom_rows(make_app, mini_pack):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # New game
        await until(pilot, lambda: name(app) == "SetupScreen")
        line = app.screen.query_one(SessionCodeLine)
        assert str(line.query_one("#code-show").render()) == code_for(mini_pack, "test", None, 7)


async def test_keys_for_timer_projector_and_report(make_app, tmp_path):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", variant="short", lang="en")
    assert classroom.set_timer(app, 3).seconds == 180
    # A clock that stands still: on a busy machine the real one has ticked to 2:59 before the screen is read.
    app.round_timer.clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(app, pilot)
        bar = app.screen.query_one(RoundTimerBar)
        await until(pilot, lambda: "Deliberation 3:00" in screen_text(app))
        assert bar.display
        await pilot.press("t")
        await until(pilot, lambda: "paused" in screen_text(app))
        assert app.round_timer.paused
        await pilot.press("t")
        assert not app.round_timer.paused
        await pilot.press("f5")
        await until(pilot, lambda: name(app) == "FacilitatorScreen")
        await pilot.press("escape")
        await until(pilot, lambda: name(app) == "PlayScreen")
        app.game.play_computer(until_human=False)
        app.screen.next_turn()
        await until(pilot, lambda: name(app) == "EndingScreen")
        await pilot.press("r")
        await until(
            pilot,
            lambda: (tmp_path / "reports").is_dir() and len(list((tmp_path / "reports").iterdir())) == 3,
        )
        written = sorted((tmp_path / "reports").iterdir())
        assert [p.suffix for p in written] == [".csv", ".html", ".md"]


async def test_no_timer_no_bar(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(app, pilot)
        assert not app.screen.query_one(RoundTimerBar).display
        await pilot.press("t")  # nothing to pause, nothing happens
        assert classroom.timer_of(app) is None


@pytest.fixture
def launched(monkeypatch, mini_pack):
    """The play command up to the point the app would run: the app it built."""
    import game.files.packs as packs
    from game.ui.app import WijkberaadApp

    monkeypatch.setattr(packs, "load_game_content", lambda extra=(), **kw: mini_pack)
    seen: dict = {}
    monkeypatch.setattr(WijkberaadApp, "run", lambda self, *a, **k: seen.setdefault("app", self))
    return seen


def test_play_with_a_code_and_a_timer(launched, mini_pack):
    code = code_for(mini_pack, "test", "short", 31337)
    assert main(["play", "--code", code.lower(), "--timer", "2,5"]) == 0
    app = launched["app"]
    assert app.seed == 31337
    assert (app.config.start.scenario, app.config.start.variant) == ("test", "short")
    assert classroom.timer_of(app).seconds == 150


def test_play_with_a_mistyped_code(launched, mini_pack, capsys):
    code = code_for(mini_pack, "test", None, 5)
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert main(["play", "--code", typo, "--lang", "en"]) == 2
    assert "mistyped" in capsys.readouterr().err
    assert "app" not in launched


async def test_projector_view_shows_the_timer_and_its_signal(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", lang="en")
    clock = FakeClock()
    app.round_timer = RoundTimer(60, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_play(app, pilot)
        app.screen.query_one(RoundTimerBar).tick()
        choices = list(app.game.state.choices)
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert name(app) == "FacilitatorScreen" and "Deliberation" in screen_text(app)
        clock.now += 61
        screen.render_view()
        await pilot.pause()
        assert "over time" in screen_text(app)
        assert any("Time is up" in n.message for n in app._notifications)
        await pilot.press("space")  # pause from the projector view
        assert app.round_timer.paused
        assert app.game.state.choices == choices


@pytest.mark.parametrize("over", ["help", "history"])
async def test_the_timer_signal_reaches_the_table_under_another_screen(make_app, over, timer_looks):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", lang="en")
    clock = FakeClock()
    app.round_timer = RoundTimer(60, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await to_play(app, pilot)
        await until(pilot, lambda: app.round_timer.running)
        getattr(app, f"action_{over}")()
        await pilot.pause()
        assert name(app) != "PlayScreen"
        clock.now += 61
        # No key pressed, nothing called by hand: the app's own half-second look gives the signal.
        await until(pilot, lambda: any("Time is up" in n.message for n in app._notifications))
        assert timer_looks
        assert "Time is up" in screen_text(app)  # on the screen that shows now
        assert name(app) != "PlayScreen"


async def test_the_countdown_waits_for_the_introduction(make_app, timer_looks):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", intro=True)
    clock = FakeClock()
    app.round_timer = RoundTimer(60, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: name(app) == "IntroScreen" and timer_looks)
        clock.now += 30  # the table reads the introduction
        seen = len(timer_looks)
        await until(pilot, lambda: len(timer_looks) > seen)  # the app has looked at the timer since
        assert not app.round_timer.running and app.round_timer.remaining() == 60
        await pilot.press("enter")
        await until(pilot, lambda: name(app) == "PlayScreen" and app.round_timer.running)
        assert app.round_timer.remaining() == 60
