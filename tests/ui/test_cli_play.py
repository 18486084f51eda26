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
    import game.data.loader as loader

    monkeypatch.setattr(loader, "load_game_content", lambda extra=(): mini_pack)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["play", "--role", "mayor"], "no role 'mayor'"),
        (["play", "--scenario", "nowhere"], "no scenario 'nowhere'"),
        (["play", "--players", "minister"], "--players: 'minister' should be ROLE=NAME"),
    ],
)
def test_mistakes_are_one_line_errors(mini_content, capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_content_errors_are_listed(monkeypatch, capsys):
    import game.data.loader as loader

    def broken(extra=()):
        raise loader.ContentError([loader.ContentProblem("x.yaml", 4, None, "unknown key 'titel'")])

    monkeypatch.setattr(loader, "load_game_content", broken)
    assert main(["play", "--short"]) == 2
    captured = capsys.readouterr()
    assert "x.yaml:4: unknown key 'titel'" in captured.out
    assert "Traceback" not in captured.err
