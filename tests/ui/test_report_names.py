"""The report exported from the game carries the group's name, and the notice names every file."""

from __future__ import annotations

from datetime import datetime

from game.classroom.session import game_code
from game.ui import classroom

from .conftest import showing, until

NOON = datetime(2026, 11, 28, 12, 0, 0)


def notes(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_a_saved_game_s_report_is_named_for_its_slot_and_every_file_is_told(make_app, tmp_path):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", variant="short", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, showing(app, "SaveScreen"))
        await pilot.press(*"groep-3", "enter")
        await until(pilot, lambda: app.slot == "groep-3")
        written = classroom.export_report(app, now=NOON)
        code = game_code(app.game)
        assert [p.name for p in written] == [
            f"wijkberaad-groep-3-{code}-20261128-120000.{ext}" for ext in ("html", "md", "csv")
        ]
        classroom.export_and_tell(app)
        await pilot.pause()
        told = notes(app)
        assert str(tmp_path / "reports") in told
        for ext in ("html", "md", "csv"):
            assert f"wijkberaad-groep-3-{code}-" in told and f".{ext}" in told


async def test_an_unsaved_game_s_report_is_named_for_its_session(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", variant="short", lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.slot is None and app.session
        written = classroom.export_report(app, now=NOON)
        assert all(p.name.startswith(f"wijkberaad-{app.session}-") for p in written)
        classroom.export_and_tell(app)
        await pilot.pause()
        told = notes(app)
        assert "Verslag opgeslagen in" in told
        exported = [p for p in written[0].parent.iterdir() if p not in written]
        assert len(exported) == 3 and all(p.name in told for p in exported)


async def test_a_loaded_game_s_report_is_named_for_the_slot_it_came_from(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", variant="short")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.store.save(app.game, "klas-4b")
        app.load_slot("klas-4b")
        await pilot.pause()
        assert app.slot == "klas-4b"
        assert all("-klas-4b-" in p.name for p in classroom.export_report(app, now=NOON))
        app.continue_latest()  # the autosave: named for its session
        await pilot.pause()
        assert app.slot and not app.slot.startswith("auto-")
