"""Starting up: the app's configuration resolved once, and ``--help``/``--version`` without the commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.files.settings import Settings, save_settings
from game.ui.config import AppConfig, resolve_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("given", "env", "saved", "expected"),
    [
        ("en", "nl", "nl", "en"),  # the command line first
        (None, "en", "nl", "en"),  # then $WIJKBERAAD_LANG
        (None, None, "en", "en"),  # then the settings screen's choice
        (None, None, None, "nl"),  # else Dutch
    ],
)
def test_the_language_is_resolved_once_in_order(tmp_path, monkeypatch, given, env, saved, expected) -> None:
    if env:
        monkeypatch.setenv("WIJKBERAAD_LANG", env)
    else:
        monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    path = tmp_path / "settings.json"
    save_settings(Settings(lang=saved), path)
    config = resolve_config(lang=given, settings_file=path)
    assert config.lang == expected
    assert config.settings == Settings(lang=saved) and config.settings_file == path


def test_the_theme_comes_from_the_command_line_then_the_settings_then_dark(tmp_path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(theme="contrast"), path)
    assert resolve_config(theme="light", settings_file=path).theme == "light"
    assert resolve_config(settings_file=path).theme == "contrast"
    assert resolve_config().theme == "dark"


def test_an_unreadable_settings_file_is_reported_not_raised(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    config = resolve_config(settings_file=path)
    assert config.settings_problem is not None and config.settings_problem.code == "not_json"
    assert (config.lang, config.theme) == ("nl", "dark")


def test_make_app_takes_one_configuration(tmp_path, mini_pack) -> None:
    from game.ui.app import WijkberaadApp
    from game.ui.dev import DevApp
    from game.ui.launch import make_app

    config = AppConfig(lang="en", theme="light", saves_dir=tmp_path, seed=5, timer_minutes=2)
    app = make_app(config, mini_pack)
    assert type(app) is WijkberaadApp
    assert (app.lang, app.theme_name, app.seed, app.saves_dir) == ("en", "light", 5, tmp_path)
    assert app.round_timer is not None and app.round_timer.seconds == 120
    dev = make_app(AppConfig(saves_dir=tmp_path, dev=True), mini_pack)
    assert isinstance(dev, DevApp)


LOADED = """
import json, sys
from game.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
heavy = ("textual", "pydantic", "yaml", "game.engine", "game.files.loader", "game.ui.app")
print(json.dumps({{
    "commands": sorted(m for m in sys.modules if m.startswith("game.cli.") and m not in
                       ("game.cli.common", "game.cli.words")),
    "heavy": sorted(m for m in heavy if m in sys.modules),
}}))
"""


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_command(flag) -> None:
    out = subprocess.run(
        [sys.executable, "-c", LOADED.format(argv=[flag])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {"commands": [], "heavy": []}


def test_play_help_does_not_import_textual_or_the_content_models() -> None:
    out = subprocess.run(
        [sys.executable, "-c", LOADED.format(argv=["play", "--help"])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1])["heavy"] == []


def test_a_saves_folder_without_autosave_files_is_known_to_hold_none(tmp_path) -> None:
    from game.files.paths import may_hold_autosave

    assert not may_hold_autosave(tmp_path / "missing")
    (tmp_path / "klas-1.json").write_text("{}", encoding="utf-8")
    (tmp_path / "auto-notes.txt").write_text("", encoding="utf-8")
    assert not may_hold_autosave(tmp_path)
    (tmp_path / "auto-s1.json").write_text("not even json", encoding="utf-8")
    assert may_hold_autosave(tmp_path)  # the saves module reads it, and finds it unreadable
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert may_hold_autosave(blocker)  # the saves module says what is wrong with it


TITLE_CHILD = """
import asyncio, json, sys
from game.ui.config import resolve_config
from game.ui.launch import make_app
from game.ui.screens.title import TitleScreen

seen = []
arrived = TitleScreen.content_arrived
def content_arrived(self):
    arrived(self)
    menu = self.query_one("#title-menu")
    seen.append({"saves": "game.files.saves" in sys.modules,
                 "continue": not menu.get_option("continue").disabled})
TitleScreen.content_arrived = content_arrived

async def main():
    app = make_app(resolve_config())
    async with app.run_test(size=(80, 24)) as pilot:
        while not seen:
            await pilot.pause(0.01)
asyncio.run(main())
print(json.dumps(seen[0]))
"""


def test_the_title_answers_continue_without_the_saves_module_when_no_autosave_is_there(tmp_path) -> None:
    from game.engine import Game
    from game.files.packs import load_game_content
    from game.files.saves import SaveStore

    env = {k: v for k, v in os.environ.items() if not k.startswith("WIJKBERAAD_")}
    env.update(
        WIJKBERAAD_CACHE=str(tmp_path / "cache"),
        WIJKBERAAD_SAVES=str(tmp_path / "saves"),
        WIJKBERAAD_CONFIG=str(tmp_path / "config"),
    )

    def start() -> dict:
        out = subprocess.run(
            [sys.executable, "-c", TITLE_CHILD], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    assert start() == {"saves": False, "continue": False}
    game = Game.new(load_game_content(mods=False), None, seed=3)
    SaveStore(tmp_path / "saves").autosave(game, "s1")
    assert start() == {"saves": True, "continue": True}
