"""Settings chosen on the settings screen are kept between runs; the command line wins; bad files are told."""

from __future__ import annotations

import json

from game.files.settings import settings_path

from .conftest import screen_text


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_settings(app, pilot):
    await pilot.pause()
    app.action_settings()
    await pilot.pause()
    assert screen_name(app) == "SettingsScreen"


async def test_settings_are_kept_for_the_next_run(make_app):
    path = settings_path()
    app = make_app(lang=None, theme=None, settings_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        assert app.lang == "nl" and app.theme_name == "dark"
        await pilot.press("down", "enter")  # English
        await pilot.pause()
        await pilot.press("tab", "down", "down", "enter")  # high contrast
        await pilot.pause()
        assert app.lang == "en" and app.theme_name == "contrast"
    assert json.loads(path.read_text()) == {"settings": 1, "lang": "en", "theme": "contrast"}

    again = make_app(lang=None, theme=None, settings_file=path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.lang == "en" and again.theme_name == "contrast"
        assert "New game" in screen_text(again)


async def test_the_command_line_wins_over_saved_settings(make_app):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"settings": 1, "lang": "en", "theme": "light"}')
    app = make_app(lang="nl", theme="contrast", settings_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.lang == "nl" and app.theme_name == "contrast"
        assert "Nieuw spel" in screen_text(app)
        # Changing the theme keeps only the theme: the language given on the command line is not saved.
        app.set_theme("dark")
    assert json.loads(path.read_text()) == {"settings": 1, "lang": "en", "theme": "dark"}


async def test_a_corrupt_settings_file_gives_defaults_and_one_notice(make_app):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"lang": "en", "theme":')
    app = make_app(lang=None, theme=None, settings_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.lang == "nl" and app.theme_name == "dark" and screen_name(app) == "TitleScreen"
        notices = [n.message for n in app._notifications]
        assert len(notices) == 1 and "geen geldige JSON" in notices[0] and str(path) in notices[0]
        # Choosing a setting writes a good file over the broken one.
        app.set_language("en")
    assert json.loads(path.read_text()) == {"settings": 1, "lang": "en"}


async def test_a_settings_file_that_cannot_be_written_is_told_not_fatal(make_app, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    app = make_app(lang=None, settings_file=blocker / "settings.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.set_language("en")
        await pilot.pause()
        assert app.lang == "en"
        assert any("not kept" in n.message for n in app._notifications)


async def test_without_a_settings_file_nothing_is_written(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.set_language("en")
        app.set_theme("light")
    assert not settings_path().exists()
