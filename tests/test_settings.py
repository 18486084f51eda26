"""The settings file: where it lives, round trip, and bad files giving defaults and a reason, never a crash."""

from __future__ import annotations

import json

import pytest

from game.files.settings import Settings, load_settings, save_settings, settings_path


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKBERAAD_CONFIG", str(tmp_path / "config"))


def test_the_environment_chooses_the_folder(tmp_path):
    assert settings_path() == tmp_path / "config" / "settings.json"


def test_without_the_environment_it_is_the_user_config_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("WIJKBERAAD_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = settings_path()
    assert path.name == "settings.json" and path.parent.name == "wijkberaad"
    assert str(path).startswith(str(tmp_path))


def test_round_trip_writes_a_small_readable_file():
    path = settings_path()
    assert load_settings(path) == (Settings(), None)  # no file yet: defaults, nothing to report
    save_settings(Settings(lang="en", theme="contrast"), path)
    assert json.loads(path.read_text()) == {"settings": 1, "lang": "en", "theme": "contrast"}
    assert load_settings(path) == (Settings(lang="en", theme="contrast"), None)
    save_settings(Settings(theme="light"), path)
    assert load_settings(path) == (Settings(theme="light"), None)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "not_json"),
        (b'{"lang": "en"', "not_json"),
        (b"\xff\xfe\x00", "not_json"),
        (b"[1, 2]", "not_settings"),
        (b'"en"', "not_settings"),
        (b"x" * 70_000, "too_large"),
    ],
)
def test_a_bad_file_gives_defaults_and_says_why(content, code):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem is not None and problem.code == code and str(path) in str(problem)


def test_unknown_values_are_dropped_one_by_one():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"lang": "fr", "theme": "contrast", "future": 3}')
    settings, problem = load_settings(path)
    assert settings == Settings(theme="contrast")
    assert problem is not None and problem.code == "bad_value" and "fr" in problem.detail


def test_a_folder_where_the_file_should_be_is_reported():
    path = settings_path()
    path.mkdir(parents=True)
    settings, problem = load_settings(path)
    assert settings == Settings() and problem is not None and problem.code == "unreadable"


def test_saving_where_it_cannot_raises_oserror(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError):
        save_settings(Settings(lang="en"), blocker / "settings.json")
