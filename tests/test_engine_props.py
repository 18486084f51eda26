"""Property tests of the engine: for random seeds and random legal choices, bounds hold and games reproduce.

- meters stay within their ranges and resources within 0..max after every choice;
- replaying a state's decision log from its seed gives an identical state;
- the same seed and choices give the same state;
- a state survives JSON and the game goes on exactly as it would have.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game, Pack
from game.files.loader import load_pack, validate
from game.files.saves import state_data, state_from_data

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
BASE = TESTS.parent / "content" / "base"

FAST = settings(suppress_health_check=[HealthCheck.too_slow])
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
    return state_data(game.state)


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
    loaded = Game(pack, state_from_data(json.loads(json.dumps(_dump(game)))))
    assert _dump(loaded) == _dump(game)
    assert loaded.step() == game.step()
    _play(game, after)
    _play(loaded, after)
    assert _dump(loaded) == _dump(game)
    _finish(game)
    _finish(loaded)
    assert _dump(loaded) == _dump(game)
    assert json.dumps(_dump(loaded)) == json.dumps(_dump(game))


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
    loaded = Game(pack, state_from_data(json.loads(json.dumps(_dump(game)))))
    _play(game, after, check=True)
    _play(loaded, after)
    assert _dump(loaded) == _dump(game)
    _finish(game, check=True)
    assert _dump(Game.replay(pack, game.state)) == _dump(game)


# -- random packs ------------------------------------------------------------------------------------------
CONDITIONS = [None, "has('riots')", "trust > 50", "input.resident == 'share'", "round >= 2", "energy >= 2"]
AMOUNTS = st.one_of(
    st.integers(-30, 30), st.sampled_from(["trust / 10", "-energy", "flag('riots') * 3", "round"])
)
TARGETS = st.sampled_from(["trust", "livability", "turnout", "budget", "energy"])


def _text(word: str) -> dict[str, str]:
    return {"nl": word, "en": word}


@st.composite
def _effects(draw: st.DrawFn) -> dict:
    effects: dict = {"change": draw(st.dictionaries(TARGETS, AMOUNTS, max_size=2))}
    if draw(st.booleans()):
        effects["set"] = draw(st.dictionaries(TARGETS, AMOUNTS, max_size=1))
    if draw(st.booleans()):
        effects["flags"] = {"riots": draw(st.sampled_from([-1, 1]))}
    if draw(st.booleans()):
        effects["text"] = _text("x")
    return effects


@st.composite
def _option(draw: st.DrawFn, oid: str, first: bool, events: int) -> dict:
    option: dict = {"id": oid, "label": _text(oid), "outcome": _text(oid), "effects": draw(_effects())}
    option["cost"] = draw(st.sampled_from([0, 0, 2, 5, 30]))
    if not first:
        when = draw(st.sampled_from(CONDITIONS))
        if when:
            option["when"] = when
    option["honours"] = draw(
        st.lists(
            st.sampled_from(["resident", "resident.share", "minister", "minister.note"]),
            max_size=2,
            unique=True,
        )
    )
    if draw(st.booleans()):
        option["conditional"] = [
            {
                **draw(_effects()),
                "when": draw(st.sampled_from([c for c in CONDITIONS if c] + ["honoured('resident')"])),
            }
        ]
    if draw(st.booleans()):
        option["later"] = [{**draw(_effects()), "after": draw(st.integers(1, 3))}]
    if draw(st.booleans()):
        option["hidden"] = [
            {
                **draw(_effects()),
                "unless_shared_by": draw(st.sampled_from(["resident", "minister"])),
                "after": draw(st.integers(0, 2)),
            }
        ]
    if draw(st.booleans()):
        option["follow_ups"] = [
            {"event": f"e{draw(st.integers(0, events - 1))}", "after": draw(st.integers(1, 2))}
        ]
    return option


@st.composite
def _event(draw: st.DrawFn, n: int, events: int) -> dict:
    event: dict = {"id": f"e{n}", "title": _text("t"), "text": _text("t")}
    decider = draw(st.sampled_from(["minister", "minister", "resident", None]))
    if decider is None:
        event["effects"] = draw(_effects())
    else:
        event["decider"] = decider
        event["options"] = [draw(_option(f"o{k}", k == 0, events)) for k in range(draw(st.integers(2, 3)))]
        event["consult"] = draw(st.sampled_from([None, None, []]))
        if draw(st.booleans()):
            event["private"] = {"resident": _text("p"), "minister": _text("p")}
        else:  # a hidden downside needs a role with knowledge that would reveal it (the loader says so)
            for option in event["options"]:
                option.pop("hidden", None)
    event["once"] = draw(st.booleans())
    event["cooldown"] = draw(st.integers(0, 2))
    event["weight"] = draw(st.sampled_from([10, 1, 0, "trust / 10", "10 - round"]))
    when = draw(st.sampled_from(CONDITIONS[:3] + [None, None]))
    if when:
        event["when"] = when
    if n > 0 and draw(st.integers(0, 4)) == 0:
        event["follow_up_only"] = True
    elif draw(st.integers(0, 4)) == 0:
        event["scheduled"] = draw(st.sampled_from(["round % 2 == 0", "trust < 40", "has('riots')"]))
    return event


@cache
def _world() -> dict:
    import yaml

    return yaml.safe_load((MINI / "world.yaml").read_text(encoding="utf-8"))


@st.composite
def random_packs(draw: st.DrawFn) -> Pack:
    import copy

    from game.engine import build_pack
    from game.engine.model import ITEM_MODELS, Manifest

    world = copy.deepcopy(_world())
    scenario = world["scenarios"][0]
    scenario["rounds"] = draw(st.integers(1, 6))
    scenario["events_per_round"] = draw(st.integers(1, 3))
    count = draw(st.integers(1, 6))
    events = [draw(_event(n, count)) for n in range(count)]
    data = {**world, "events": events}
    items = {kind: [validate(ITEM_MODELS[kind], e) for e in entries] for kind, entries in data.items()}
    pack, problems = build_pack(
        Manifest(id="r", title=_text("r"), version="1.0", languages=["nl", "en"]), items
    )
    errors = [p for p in problems if p.severity == "error"]
    assert errors == [], errors
    return pack


@FAST
@given(pack=random_packs(), seed=SEEDS, picks=PICKS)
def test_random_packs_play_to_an_ending_within_bounds_and_replay(
    pack: Pack, seed: int, picks: list[int]
) -> None:
    game = Game.new(pack, seed=seed)
    _play(game, picks, check=True)
    _finish(game, check=True)
    assert game.over
    assert _dump(Game.replay(pack, game.state)) == _dump(game)
    loaded = Game(pack, state_from_data(json.loads(json.dumps(_dump(game)))))
    assert _dump(loaded) == _dump(game)


@pytest.mark.slow
@settings(FAST, max_examples=1500)
@given(
    pack=random_packs(),
    seed=SEEDS,
    picks=PICKS,
    strategy=st.sampled_from(["priorities", "honour", "ignore", "random"]),
)
def test_long_random_packs(pack: Pack, seed: int, picks: list[int], strategy: str) -> None:
    game = Game.new(pack, seed=seed)
    _play(game, picks, check=True)
    game.play_computer(strategy, until_human=False)
    assert game.over
    assert _dump(Game.replay(pack, game.state)) == _dump(game)
