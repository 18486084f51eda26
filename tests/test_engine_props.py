"""Property tests of the engine: for random seeds and random legal choices, bounds hold and games reproduce.

- meters stay within their ranges and resources within 0..max after every choice;
- replaying a state's decision log from its seed gives an identical state;
- the same seed and choices give the same state;
- a state survives JSON and the game goes on exactly as it would have.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.data.loader import load_pack
from game.engine import Game, GameState, Pack

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
BASE = TESTS.parent / "content" / "base"

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(FAST, max_examples=1000)

SEEDS = st.integers(min_value=0, max_value=2**32)
PICKS = st.lists(st.integers(min_value=0, max_value=50), max_size=120)


@cache
def pack_at(path: Path) -> Pack:
    result = load_pack(path)
    if result.pack is None:
        pytest.skip(f"{path.name} does not load: {[str(p) for p in result.errors][:3]}")
    return result.pack


def _game(pack: Pack, seed: int, variant_pick: int) -> Game:
    scenario = sorted(pack.scenarios)[variant_pick % len(pack.scenarios)]
    variants = [None, *(v.id for v in pack.scenarios[scenario].variants)]
    return Game.new(pack, scenario, seed=seed, variant=variants[variant_pick % len(variants)])


def _check_bounds(game: Game) -> None:
    pack, st_ = game.pack, game.state
    for meter_id, value in st_.meters.items():
        meter = pack.meters[meter_id]
        assert meter.min <= value <= meter.max, (meter_id, value)
    for res_id, value in st_.resources.items():
        role = pack.roles[pack.resource_owner[res_id]]
        assert role.resource is not None
        assert 0 <= value <= role.resource.max, (res_id, value)


def _play(game: Game, picks: list[int], check: bool = False) -> None:
    """Make random legal choices (each pick indexes the available ones), then let the computer finish."""
    for pick in picks:
        if game.over:
            return
        available = [c.id for c in game.step().choices if c.available]
        assert available, "a step without an available choice would stall the game"
        game.choose(available[pick % len(available)])
        if check:
            _check_bounds(game)


def _finish(game: Game, check: bool = False) -> None:
    from game.engine import choose_for

    while not game.over:
        game.choose(choose_for(game, game.step()))
        if check:
            _check_bounds(game)


def _dump(game: Game) -> dict:
    return game.state.model_dump(mode="json")


#: The mini pack, and the shipped pack (bigger, so fewer examples by default: --slow runs many more).
PACKS = [pytest.param(MINI, id="mini"), pytest.param(BASE, id="base")]


@pytest.mark.parametrize("path", PACKS)
@FAST
@given(seed=SEEDS, picks=PICKS, variant=st.integers(0, 5))
def test_meters_and_resources_stay_within_bounds(
    path: Path, seed: int, picks: list[int], variant: int
) -> None:
    game = _game(pack_at(path), seed, variant)
    _check_bounds(game)
    _play(game, picks, check=True)
    _finish(game, check=True)
    assert game.over
    for record in game.state.round_log:
        for meter_id, value in record.meters.items():
            assert game.pack.meters[meter_id].min <= value <= game.pack.meters[meter_id].max


@pytest.mark.parametrize("path", PACKS)
@FAST
@given(seed=SEEDS, picks=PICKS, variant=st.integers(0, 5))
def test_replaying_the_decision_log_gives_the_same_state(
    path: Path, seed: int, picks: list[int], variant: int
) -> None:
    pack = pack_at(path)
    game = _game(pack, seed, variant)
    _play(game, picks)
    replayed = Game.replay(pack, game.state)
    assert _dump(replayed) == _dump(game)


@pytest.mark.parametrize("path", PACKS)
@FAST
@given(seed=SEEDS, picks=PICKS, variant=st.integers(0, 5))
def test_same_seed_and_choices_give_the_same_game(
    path: Path, seed: int, picks: list[int], variant: int
) -> None:
    pack = pack_at(path)
    first, second = _game(pack, seed, variant), _game(pack, seed, variant)
    assert _dump(first) == _dump(second)
    _play(first, picks)
    _play(second, picks)
    assert _dump(first) == _dump(second)
    _finish(first)
    _finish(second)
    assert _dump(first) == _dump(second)


@pytest.mark.parametrize("path", PACKS)
@FAST
@given(seed=SEEDS, before=PICKS, after=PICKS, variant=st.integers(0, 5))
def test_a_state_survives_json_and_the_game_goes_on_identically(
    path: Path, seed: int, before: list[int], after: list[int], variant: int
) -> None:
    pack = pack_at(path)
    game = _game(pack, seed, variant)
    _play(game, before)
    text = game.state.model_dump_json()
    loaded = Game(pack, GameState.model_validate_json(text))
    assert _dump(loaded) == _dump(game)
    assert loaded.step() == game.step()
    _play(game, after)
    _play(loaded, after)
    assert _dump(loaded) == _dump(game)
    _finish(game)
    _finish(loaded)
    assert _dump(loaded) == _dump(game)
    assert loaded.state.model_dump_json() == game.state.model_dump_json()


@pytest.mark.parametrize("path", PACKS)
@FAST
@given(seed=SEEDS, picks=PICKS)
def test_the_step_never_offers_nothing_and_the_game_always_ends(
    path: Path, seed: int, picks: list[int]
) -> None:
    pack = pack_at(path)
    game = _game(pack, seed, 0)
    _play(game, picks)
    _finish(game)
    assert game.over and game.step().kind == "ended"
    assert game.state.ending in {e.id for e in game.scenario.endings}
    assert len(game.state.round_log) <= game.state.rounds


@pytest.mark.parametrize("path", PACKS)
@FAST
@given(seed=SEEDS, picks=PICKS, variant=st.integers(0, 5))
def test_the_changes_returned_explain_every_meter_and_resource(
    path: Path, seed: int, picks: list[int], variant: int
) -> None:
    """What choose() returns is the whole story: start values plus all deltas give the final values."""
    from game.engine import choose_for

    game = _game(pack_at(path), seed, variant)
    totals = {**game.state.meters, **game.state.resources}
    picks = list(picks)
    while not game.over:
        available = [c.id for c in game.step().choices if c.available]
        choice = available[picks.pop() % len(available)] if picks else choose_for(game, game.step())
        for change in game.choose(choice).changes:
            totals[change.target] = round(totals[change.target] + change.delta, 4)
    assert totals == {**game.state.meters, **game.state.resources}


@pytest.mark.slow
@pytest.mark.parametrize("path", PACKS)
@LONG
@given(seed=SEEDS, before=PICKS, after=PICKS, variant=st.integers(0, 5))
def test_long_bounds_replay_and_json(
    path: Path, seed: int, before: list[int], after: list[int], variant: int
) -> None:
    pack = pack_at(path)
    game = _game(pack, seed, variant)
    _play(game, before, check=True)
    loaded = Game(pack, GameState.model_validate_json(game.state.model_dump_json()))
    _play(game, after, check=True)
    _play(loaded, after)
    assert _dump(loaded) == _dump(game)
    _finish(game, check=True)
    assert _dump(Game.replay(pack, game.state)) == _dump(game)
