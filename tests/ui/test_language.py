"""Switching language mid-way relabels every screen, and Textual's own texts follow the app's language."""

from __future__ import annotations

from textual.widgets import Input, Select

from .conftest import screen_text, until


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_setup(app, pilot):
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(app) == "SetupScreen"
    return app.screen


async def test_setup_relabels_on_a_language_switch_and_keeps_what_was_typed(make_app):
    app = make_app(lang="nl")
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_setup(app, pilot)
        shown = screen_text(app)
        assert "Nieuw spel" in shown and "Lengte" in shown and "De minister" in shown
        screen.query_one("#role-resident", Input).value = "Sanne"
        screen.query_one("#setup-seed", Input).value = "4242"
        screen.query_one("#setup-length", Select).value = "short"
        await pilot.pause()
        app.set_language("en")
        await pilot.pause()
        shown = screen_text(app)
        assert "New game" in shown and "Length" in shown and "Scenario" in shown
        assert "Nieuw spel" not in shown and "Lengte" not in shown
        assert "The minister" in shown and "Round timer (min)" in shown and "Session code" in shown
        assert "years" in shown and "jaar" not in shown
        # What the players typed and picked stays; the suggested name follows the language.
        assert screen.query_one("#role-resident", Input).value == "Sanne"
        assert screen.query_one("#role-minister", Input).value == "Player"
        assert screen.query_one("#setup-seed", Input).value == "4242"
        assert screen.query_one("#setup-length", Select).value == "short"
        assert screen.query_one("#setup-start").label.plain == "Start"
        assert screen.query_one("#setup-back").label.plain == "Back"
        # And it still starts the game that was set up.
        screen.start()
        await pilot.pause()
        assert app.game.state.seed == 4242 and app.game.state.variant == "short"
        assert app.game.state.players["resident"] == "Sanne"


async def test_an_open_select_says_how_to_close_it_in_the_players_language(make_app):
    app = make_app(lang="nl")
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_setup(app, pilot)
        screen.query_one("#setup-length", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "Menu sluiten" in shown and "Dismiss" not in shown
        await pilot.press("escape")
        app.set_language("en")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "Close menu" in shown and "Dismiss" not in shown


async def test_command_palette_speaks_the_players_language(make_app):
    app = make_app(lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "Zoek een opdracht" in screen_text(app)
        await pilot.press(*"xyzzy")
        await until(pilot, lambda: "Geen opdracht gevonden" in screen_text(app))
        shown = screen_text(app)
        assert "Geen opdracht gevonden" in shown and "No matches" not in shown


async def test_ctrl_c_says_how_to_quit_in_the_players_language(make_app):
    app = make_app(lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [(n.title, n.message) for n in app._notifications]
        assert messages and "stoppen" in messages[-1][1] and "quit" not in messages[-1][1]
