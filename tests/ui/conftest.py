"""Fixtures for the UI tests: the three-role pack, an app factory and a way to read the screen as text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

TRIO_PACK = Path(__file__).resolve().parent / "packs" / "trio"


@pytest.fixture(scope="session")
def trio_pack():
    """The mini pack with a third role (youth worker) and private knowledge for three roles."""
    from game.data.loader import load_pack_or_raise

    return load_pack_or_raise(TRIO_PACK)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path, monkeypatch):
    """No UI test reads or writes the settings file in the real home folder."""
    monkeypatch.setenv("WIJKBERAAD_CONFIG", str(tmp_path / "config"))
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)


@pytest.fixture
def make_app(tmp_path, mini_pack):
    """Build the app the way the CLI does, with a temporary saves folder, a fixed seed and no blinking."""
    from game.ui.app import WijkberaadApp

    def make(pack=None, **kwargs):
        kwargs.setdefault("saves_dir", tmp_path / "saves")
        kwargs.setdefault("seed", 7)
        kwargs.setdefault("lang", "nl")
        kwargs.setdefault("blink", False)
        kwargs.setdefault("intro", False)  # the intro has its own tests; other tests start in play
        return WijkberaadApp(pack or mini_pack, **kwargs)

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
