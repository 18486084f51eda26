"""The saves list (``wijkberaad saves`` and the game's Load list) names a save's scenario and variant by
their titles in the chosen language when the content is at hand, by their ids when it is not."""

from __future__ import annotations

import pytest

from game.cli import main
from game.engine import Game
from game.files.packs import load_game_content
from game.files.saves import SaveStore
from game.i18n import text


@pytest.fixture(scope="module")
def base():
    return load_game_content([])


def a_variant(pack):
    return next((s, v) for s in pack.scenarios.values() for v in s.variants)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_saves_check_shows_the_titles_in_the_language(base, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    scenario, variant = a_variant(base)
    SaveStore(tmp_path).save(Game.new(base, scenario.id, seed=1, variant=variant.id), "groep-1")
    assert main(["saves", "--check", "--saves-dir", str(tmp_path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert f"{text(scenario.title, lang)} ({text(variant.title, lang)})" in out
    assert f"({variant.id})" not in out


def test_saves_without_the_content_shows_the_ids(base, tmp_path, capsys):
    scenario, variant = a_variant(base)
    SaveStore(tmp_path).save(Game.new(base, scenario.id, seed=1, variant=variant.id), "groep-1")
    assert main(["saves", "--saves-dir", str(tmp_path), "--lang", "en"]) == 0
    assert f"{scenario.id} ({variant.id})" in capsys.readouterr().out
