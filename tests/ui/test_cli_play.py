"""The ``play`` command's options: parsing players, help, and plain errors instead of tracebacks."""

from __future__ import annotations

import pytest

from game.cli import main
from game.cli.play import parse_players


def test_players_are_parsed():
    assert parse_players("minister=Ahmed, resident=Sanne") == {"minister": "Ahmed", "resident": "Sanne"}


@pytest.mark.parametrize("spec", ["minister", "minister=", "=Ahmed", "", "minister=A,minister=B"])
def test_bad_players_are_refused(spec):
    with pytest.raises(ValueError):
        parse_players(spec)


def test_play_help_lists_every_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["play", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--scenario",
        "--short",
        "--seed",
        "--lang",
        "--role",
        "--players",
        "--saves-dir",
        "--pack",
    ):
        assert option in out


@pytest.fixture
def mini_content(monkeypatch, mini_pack):
    import game.files.packs as packs

    monkeypatch.setattr(packs, "load_game_content", lambda extra=(), **kw: mini_pack)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["play", "--role", "mayor", "--lang", "en"], "no role 'mayor' in scenario 'test'; choose from"),
        (["play", "--role", "mayor", "--lang", "nl"], "geen rol 'mayor' in scenario 'test'; kies uit"),
        (["play", "--scenario", "nowhere", "--lang", "en"], "no scenario 'nowhere'; choose from test"),
        (["play", "--scenario", "nowhere", "--lang", "nl"], "geen scenario 'nowhere'; kies uit test"),
        (["play", "--players", "minister", "--lang", "en"], "--players: 'minister' should be ROLE=NAME"),
        (["play", "--players", "minister", "--lang", "nl"], "--players: 'minister' moet de vorm ROL=NAAM"),
        (["play", "--pack", "nowhere", "--lang", "en"], "--pack: folder not found: nowhere"),
        (["play", "--pack", "nowhere", "--lang", "nl"], "--pack: map niet gevonden: nowhere"),
    ],
)
def test_mistakes_are_one_line_errors_in_the_players_language(mini_content, capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_content_errors_are_listed(monkeypatch, capsys):
    import game.files.loader as loader
    import game.files.packs as packs

    def broken(extra=(), **kw):
        raise loader.ContentError([loader.ContentProblem("x.yaml", 4, None, "unknown key 'titel'")])

    monkeypatch.setattr(packs, "load_game_content", broken)
    assert main(["play", "--short", "--lang", "nl"]) == 2
    captured = capsys.readouterr()
    # Every problem as file:line: message, then what to do, all on stderr (in the player's language).
    assert captured.out == ""
    assert "x.yaml:4: unknown key 'titel'\nwijkberaad: de inhoud heeft fouten" in captured.err
    assert "Traceback" not in captured.err


@pytest.fixture
def built_apps(monkeypatch, mini_content):
    """The apps ``play`` builds, captured instead of run."""
    from game.ui.app import WijkberaadApp

    apps: list[WijkberaadApp] = []
    monkeypatch.setattr(WijkberaadApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_play_keeps_settings_in_the_config_folder_and_the_command_line_wins(
    built_apps, tmp_path, monkeypatch
):
    from game.files.settings import Settings, save_settings, settings_path

    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    save_settings(Settings(lang="en", theme="contrast"), settings_path())
    assert main(["play", "--role", "resident", "--saves-dir", str(tmp_path)]) == 0
    assert (
        main(["play", "--role", "resident", "--lang", "nl", "--theme", "light", "--saves-dir", str(tmp_path)])
        == 0
    )
    saved, chosen = built_apps
    assert saved.config.settings_file == settings_path()
    assert (saved.lang, saved.theme_name) == ("en", "contrast")
    assert saved.config.start.players == {"resident": "Player"}  # the saved language names the player too
    assert (chosen.lang, chosen.theme_name) == ("nl", "light")


def test_a_browser_tab_keeps_no_settings_and_names_its_autosaves(built_apps, tmp_path):
    from game.serve.tab import main as tab_main
    from game.serve.tab import tab_argv

    assert tab_argv(["--lang", "en"], {"WIJKBERAAD_TAB": "abc123"}) == ["--lang", "en", "--tab-id", "abc123"]
    assert tab_argv([], {})[-2] == "--tab-id" and tab_argv([], {})[-1] != tab_argv([], {})[-1]
    assert tab_main(["--lang", "en", "--saves-dir", str(tmp_path), "--role", "resident"]) == 0
    (app,) = built_apps
    assert app.config.settings_file is None
    assert app.config.session_suffix


@pytest.mark.parametrize("tab", ["../x", "a b", "x" * 41, ""])
def test_a_strange_tab_id_is_refused(mini_content, capsys, tab):
    assert main(["play", "--tab-id", tab]) == 2
    assert "--tab-id" in capsys.readouterr().err
