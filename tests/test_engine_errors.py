"""The engine's coded errors: every code is worded in both languages with the values it carries, and the
hosts (the CLI) word them instead of checking again."""

from __future__ import annotations

import string

import pytest

from game.engine import Game, GameError, Pack, check_setup
from game.engine.errors import ERRORS
from game.i18n import LANGUAGES, STRINGS, game_error_text

#: values an error carries besides those its log sentence names (the ids to choose from)
EXTRA = {"unknown_scenario": {"choices"}, "unknown_variant": {"choices"}, "unknown_role": {"choices"}}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_every_code_is_worded_in_both_languages_with_its_values(code: str) -> None:
    entry = STRINGS[f"gameerr.{code}"]
    assert set(entry) == set(LANGUAGES)
    carried = _fields(ERRORS[code]) | EXTRA.get(code, set())
    assert _fields(entry["nl"]) == _fields(entry["en"])
    assert _fields(entry["nl"]) <= carried


def test_an_error_has_its_code_values_and_an_english_message(mini_pack: Pack) -> None:
    with pytest.raises(GameError) as err:
        Game.new(mini_pack, "nope")
    assert err.value.code == "unknown_scenario"
    assert err.value.values["scenario"] == "nope"
    assert str(err.value) == "unknown scenario 'nope'"
    assert (
        game_error_text(err.value, "nl") == f"geen scenario 'nope'; kies uit {', '.join(mini_pack.scenarios)}"
    )
    assert game_error_text(err.value, "en").startswith("no scenario 'nope'; choose from ")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"scenario": "nope"}, "unknown_scenario"),
        ({"variant": "long"}, "unknown_variant"),
        ({"players": {"mayor": "Ann"}}, "unknown_role"),
    ],
)
def test_the_setup_check_is_the_one_game_new_makes(mini_pack: Pack, kwargs: dict, code: str) -> None:
    with pytest.raises(GameError) as checked:
        check_setup(mini_pack, **kwargs)
    with pytest.raises(GameError) as started:
        Game.new(mini_pack, **kwargs)
    assert checked.value.code == started.value.code == code
    assert checked.value.values == started.value.values


def test_a_choice_not_offered_is_worded_in_dutch(mini_pack: Pack) -> None:
    game = Game.new(mini_pack, seed=1)
    with pytest.raises(GameError) as err:
        game.choose("burn_it_down")
    assert err.value.code == "not_a_choice"
    assert game_error_text(err.value, "nl") == "'burn_it_down' is nu geen keuze"
    assert str(err.value) == "'burn_it_down' is not a choice now"
