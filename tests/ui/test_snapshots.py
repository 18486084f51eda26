"""Snapshots of every screen at 80×24 in both languages, on the mini pack with a fixed seed.

Update them with ``pytest tests/ui/test_snapshots.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

import pytest

LANGS = ["nl", "en"]
SIZE = (80, 24)


@pytest.fixture
def single(make_app):
    def make(lang: str):
        return make_app(lang=lang, players={"minister": "Ahmed"}, scenario="test")

    return make


@pytest.mark.parametrize("lang", LANGS)
def test_title(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang=lang), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_setup(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang=lang), press=["enter"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_settings(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang=lang), press=["down", "down", "enter"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_load_empty(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang=lang), press=["ctrl+o"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_help(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang=lang), press=["f1"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_intro(snap_compare, make_app, lang):
    app = make_app(lang=lang, players={"minister": "Ahmed"}, scenario="test", intro=True)
    assert snap_compare(app, terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_play(snap_compare, single, lang):
    assert snap_compare(single(lang), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_play_board_pinned(snap_compare, make_app, crowded_pack, lang):
    """A decision whose text does not fit beside the board: the text scrolls, the board stays in view."""
    app = make_app(crowded_pack, lang=lang, players={"minister": "Ahmed"}, scenario="test")
    assert snap_compare(app, terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_briefing(snap_compare, single, lang):
    assert snap_compare(single(lang), press=["r"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_consequences(snap_compare, single, lang):
    assert snap_compare(single(lang), press=["2"], terminal_size=SIZE)


def test_consequences_with_citation(snap_compare, single):
    assert snap_compare(single("en"), press=["2", "c"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_history(snap_compare, single, lang):
    assert snap_compare(single(lang), press=["2", "enter", "h"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_save(snap_compare, single, lang):
    assert snap_compare(single(lang), press=["ctrl+s", *"groep 3"], terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_ending(snap_compare, single, lang):
    async def finish(pilot):
        app = pilot.app
        await pilot.pause()
        app.game.play_computer(until_human=False)
        app.screen.next_turn()
        await pilot.pause()

    assert snap_compare(single(lang), run_before=finish, terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_handover(snap_compare, make_app, trio_pack, lang):
    players = {"minister": "Ahmed", "resident": "Sanne", "youth_worker": "Noor"}
    app = make_app(trio_pack, lang=lang, players=players, scenario="test")
    assert snap_compare(app, terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_too_small(snap_compare, single, lang):
    assert snap_compare(single(lang), terminal_size=(50, 16))
