"""Fixtures for the UI tests: the three-role pack, an app factory and a way to read the screen as text."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

TRIO_PACK = Path(__file__).resolve().parent / "packs" / "trio"


@pytest.fixture(scope="session")
def trio_pack():
    """The mini pack with a third role (youth worker) and private knowledge for three roles."""
    from game.files.loader import load_pack_or_raise

    return load_pack_or_raise(TRIO_PACK)


#: The trio pack's evening, told at length: at 80x24 its text does not fit beside the deliberation board.
CROWDED_TEXT = {
    "nl": (
        "De gemeente houdt een inspraakavond in de gymzaal van de basisschool. Op schildersezels staan "
        "tekeningen van het nieuwe plein: bankjes, bomen, een speelveld en minder parkeerplaatsen. De "
        "wethouder opent, een ambtenaar legt uit, en daarna mag iedereen een geeltje op de tekening "
        "plakken. Achterin staan jongeren die vragen waar zij straks nog mogen zitten."
    ),
    "en": (
        "The municipality holds a participation evening in the primary school's gym. Easels show drawings "
        "of the new square: benches, trees, a playing field and fewer parking places. The alderman opens, "
        "an official explains, and then everyone may stick a note on the drawing. At the back stand young "
        "people who ask where they will still be allowed to sit."
    ),
}


@pytest.fixture(scope="session")
def crowded_pack(tmp_path_factory):
    """The trio pack with a long text for its evening (the minister decides, the others give input)."""
    import json
    import shutil

    from game.files.loader import load_pack_or_raise

    root = tmp_path_factory.mktemp("crowded") / "trio"
    shutil.copytree(TRIO_PACK, root)
    events = root / "events" / "events.yaml"
    short = "text: {nl: De gemeente houdt een avond., en: The municipality holds an evening.}"
    source = events.read_text(encoding="utf-8")
    assert source.count(short) == 1
    long = f"text: {{nl: {json.dumps(CROWDED_TEXT['nl'])}, en: {json.dumps(CROWDED_TEXT['en'])}}}"
    events.write_text(source.replace(short, long), encoding="utf-8")
    return load_pack_or_raise(root)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path, monkeypatch):
    """No UI test reads or writes the settings file in the real home folder."""
    monkeypatch.setenv("WIJKBERAAD_CONFIG", str(tmp_path / "config"))
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)


@pytest.fixture
def make_app(tmp_path, mini_pack):
    """Build the app the way the CLI does, with a temporary saves folder, a fixed seed and no blinking.

    ``lang``, ``theme`` and ``settings_file`` are resolved as the command line's; ``players`` (with
    ``scenario`` and ``variant``) start a game at once; other keywords are :class:`AppConfig` fields."""
    from game.ui.config import GameStart, resolve_config
    from game.ui.launch import make_app as build

    def make(pack=None, *, lang="nl", theme=None, settings_file=None, players=None, scenario=None,
             variant=None, **fields):  # fmt: skip
        fields.setdefault("saves_dir", tmp_path / "saves")
        fields.setdefault("seed", 7)
        fields.setdefault("blink", False)
        fields.setdefault("intro", False)  # the intro has its own tests; other tests start in play
        start = GameStart(players, scenario, variant) if players else None
        config = resolve_config(lang=lang, theme=theme, settings_file=settings_file, start=start, **fields)
        return build(config, pack or mini_pack)

    return make


def screen_text(app) -> str:
    """What the terminal shows now, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def widget_text(app) -> str:
    """Every text the current screen holds, scrolled out of view or not (unwrapped, one per line)."""
    from textual.widgets import OptionList, Static

    console = Console(width=1000, file=io.StringIO(), record=True, color_system=None)
    for widget in app.screen.query(Static):
        console.print(widget.content)
    for listing in app.screen.query(OptionList):
        for index in range(listing.option_count):
            console.print(listing.get_option_at_index(index).prompt)
    return console.export_text()


def showing(app, name: str) -> Callable[[], bool]:
    """A condition for :func:`until`: the screen on top is the one of class ``name``."""
    return lambda: type(app.screen).__name__ == name


async def until(pilot, condition: Callable[[], object], timeout: float = 30.0, settle: bool = True) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds.

    For what the app does in its own time (a debounced search, a half-second interval): the test goes on as
    soon as it has happened, instead of sleeping for a fixed time that is too long on a quiet machine and
    too short on a busy one. The timeout only bounds a failure: a machine running several suites at once
    has taken over 10 s for a reconnect that takes a second when quiet.

    With ``settle`` the app goes idle before the first look and again once the condition has come true, so
    that what it changed is drawn (an idle app that already shows it needs no second wait). Without, when
    the condition is all the test reads (an idle wait is 20 ms at least, up to a second on a busy app).
    A failure says what the app last notified, which is often why.
    """
    deadline = time.monotonic() + timeout
    if settle:
        await pilot.pause()
        if condition():
            return
    while not condition():
        if time.monotonic() > deadline:
            said = [n.message for n in pilot.app._notifications]
            raise AssertionError(
                f"still not true after {timeout} s: {getattr(condition, '__doc__', '')}; the app said {said}"
            )
        await pilot.pause(0.02)
    if settle:
        await pilot.pause()  # and what it changed is on the screen


@pytest.fixture
def timer_looks(monkeypatch) -> list[float]:
    """The app's round-timer looks (its half-second interval), counted: a test awaits the next one with
    ``until(pilot, lambda: len(looks) > n)`` to know the app has checked the timer since ``n``."""
    from game.ui import classroom

    looks: list[float] = []
    poll = classroom.poll_timer

    def counted(app):
        signals = poll(app)
        looks.append(time.monotonic())
        return signals

    monkeypatch.setattr(classroom, "poll_timer", counted)
    return looks


def key_of(app, option_id: str) -> str:
    """The number key that picks ``option_id`` now (a decision's options are shown in an order made from
    the seed, so a test names the option, not its place)."""
    ids = [c.id for c in app.game.step().choices]
    return str(ids.index(option_id) + 1)
