"""The deliberation model (issue 14): kinds of input, proposals, heeding apart from honouring, rules per
kind of input and per role, what giving an input does at once, and the loader's checks of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game, Pack
from game.files.loader import load_pack

PACK_DIR = Path(__file__).parent / "packs" / "deliberation"


@pytest.fixture(scope="module")
def pack() -> Pack:
    result = load_pack(PACK_DIR)
    assert result.ok, [str(p) for p in result.problems]
    return result.pack


def _game(pack: Pack) -> Game:
    return Game.new(pack, seed=1, players={"minister": "M", "resident": "R"})


def _ids(game: Game) -> set[str]:
    return {c.id for c in game.step().choices}


def test_kind_is_derived_from_the_old_flags(pack: Pack) -> None:
    from game.engine.model import InputOption
    from game.files.loader import validate

    def read(**given: object) -> InputOption:
        return validate(InputOption, {"id": "a", "label": {}, **given})

    assert read(voice=False).kind == "absent"
    assert read(shares=True).kind == "experience"
    assert read().kind == "support"
    given = read(kind="experience")
    assert given.shares and given.voice
    with pytest.raises(ValueError, match="contradict"):
        read(kind="absent", voice=True)


def test_a_proposal_is_offered_only_when_its_role_proposed_and_honours_it(pack: Pack) -> None:
    game = _game(pack)
    game.choose("share")
    assert "playground" not in _ids(game)
    game = _game(pack)
    game.choose("propose")
    step = game.step()
    proposal = step.choice("playground")
    assert proposal.proposed_by == "resident" and proposal.honours == ("resident",)
    assert game.proposals() == [("resident", pack.events["square"].proposals["resident"])]
    record = game.choose("playground").record
    assert record.honoured == ["resident"] and record.heeded == []


def test_heeding_averts_the_downside_without_honouring(pack: Pack) -> None:
    game = _game(pack)
    game.choose("share")
    assert game.step().choice("dig_carefully").honours == ()
    record = game.choose("dig_carefully").record
    assert record.heeded == ["resident"] and record.ignored == ["resident"] and record.honoured == []
    assert [n.kind for n in record.notes] == ["averted"]
    assert not any(c.cause == "hidden" for c in record.changes)
    assert not any(c.cause == "honoured" for c in record.changes)


def test_honouring_a_shared_warning_also_heeds_it(pack: Pack) -> None:
    game = _game(pack)
    game.choose("share")
    record = game.choose("ask").record
    assert record.honoured == ["resident"] and record.heeded == ["resident"]
    assert [n.kind for n in record.notes] == ["averted"]


def test_without_the_warning_nothing_is_heeded_and_the_downside_strikes(pack: Pack) -> None:
    game = _game(pack)
    game.choose("propose")
    record = game.choose("dig_carefully").record
    assert record.heeded == [] and any(c.cause == "hidden" for c in record.changes)


def test_an_ignored_objection_follows_its_own_rule(pack: Pack) -> None:
    game = _game(pack)
    outcome = game.choose("protest")
    # the protest is seen at once, whatever the decision
    assert [(c.target, c.delta, c.cause, c.role) for c in outcome.spent] == [
        ("livability", -1.0, "input", "resident")
    ]
    record = game.choose("dig").record
    assert record.changes[0].cause == "input"
    ignored = {c.target: c.delta for c in record.changes if c.cause == "ignored"}
    assert ignored == {"trust": -2.0, "support": -3.0}


def test_an_ignored_experience_follows_the_general_rule(pack: Pack) -> None:
    game = _game(pack)
    game.choose("share")
    record = game.choose("dig").record
    assert {c.target: c.delta for c in record.changes if c.cause == "ignored"} == {"trust": -2.0}


def test_staying_away_is_noticed_whatever_the_decision(pack: Pack) -> None:
    game = _game(pack)
    outcome = game.choose("away")
    assert [(c.target, c.delta) for c in outcome.spent] == [("trust", -1.0)]
    assert game.step().choice("ask").honours == ()
    record = game.choose("ask").record
    assert record.absent == ["resident"] and record.honoured == []


def _variant(tmp_path: Path, old: str, new: str) -> tuple[Path, Pack | None, list[str]]:
    """The deliberation pack with one text of its world replaced: its folder, the pack (if it loads) and
    the loader's problems."""
    target = tmp_path / "pack"
    target.mkdir()
    (target / "pack.yaml").write_text((PACK_DIR / "pack.yaml").read_text())
    world = (PACK_DIR / "world.yaml").read_text()
    assert old in world
    (target / "world.yaml").write_text(world.replace(old, new))
    result = load_pack(target)
    return target, result.pack if result.ok else None, [str(p) for p in result.problems]


ABSENT = "absent: {change: {livability: -0.5}}"


def test_a_rule_for_one_role_applies_instead_of_the_general_one(tmp_path: Path) -> None:
    rule = "absent: {change: {livability: -0.5}, by_role: {resident: {change: {trust: -4}, critique: null}}}"
    _, pack, problems = _variant(tmp_path, ABSENT, rule)
    assert pack is not None, problems
    game = _game(pack)
    game.choose("away")
    record = game.choose("ask").record
    assert {c.target: c.delta for c in record.changes if c.cause == "absent"} == {"trust": -4.0}


def test_an_empty_rule_for_one_role_costs_that_role_nothing(tmp_path: Path, pack: Pack) -> None:
    game = _game(pack)
    game.choose("away")
    general = game.choose("ask").record
    assert {c.target for c in general.changes if c.cause == "absent"} == {"livability"}
    _, quiet, problems = _variant(
        tmp_path, ABSENT, "absent: {change: {livability: -0.5}, by_role: {resident: {}}}"
    )
    assert quiet is not None, problems
    game = _game(quiet)
    game.choose("away")
    record = game.choose("ask").record
    assert record.absent == ["resident"] and not any(c.cause == "absent" for c in record.changes)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("absent: {by_role: {residnt: {}}}", "unknown role 'residnt'; did you mean 'resident'?"),
        ("absent: {by_role: {resident: {by_role: {minister: {}}}}}", "a rule for one role has no by_role"),
        (
            "absent: {by_kind: {absent: {by_role: {resident: {}}}}}",
            "a rule for one kind of input has no by_role",
        ),
    ],
)
def test_the_loader_checks_rules_for_one_role(tmp_path: Path, rule: str, message: str) -> None:
    _, pack, problems = _variant(tmp_path, ABSENT, rule)
    found = [p for p in problems if message in p]
    assert pack is None and found and all("world.yaml:" in p for p in found), problems


def test_in_the_shipped_scenarios_a_minister_who_leaves_it_to_the_area_sidelines_no_one(base_pack) -> None:
    for scenario in base_pack.scenarios.values():
        absent = scenario.rules.absent
        assert absent is not None and absent.change, scenario.id
        ministers = [r for r in scenario.roles if r.endswith("minister")]
        assert ministers and all(absent.by_role[m].change == {} for m in ministers), scenario.id


BROKEN = [
    ("proposed_by: resident", "proposed_by: minister", "not consulted at this event"),
    ("heeds: [resident]", "heeds: [minister]", "no private knowledge at this event"),
    (
        "{unless_shared_by: resident,",
        "{unless_shared_by: minister,",
        "nothing to share that would reveal this",
    ),
    (
        "{id: propose, label: {nl: Voorstellen, en: Propose}, cost: 1, kind: propose}",
        "{id: propose, label: {nl: Voorstellen, en: Propose}, cost: 1}",
        "no input of kind propose",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN)
def test_the_loader_names_file_line_and_fix(tmp_path: Path, old: str, new: str, message: str) -> None:
    _, _, problems = _variant(tmp_path, old, new)
    found = [p for p in problems if message in p]
    assert found and all("world.yaml:" in p for p in found), problems


def test_an_ending_explains_its_conditions_and_the_nearest_better_one(pack: Pack) -> None:
    from game.engine import explain_ending
    from game.engine.explain import clauses_of

    assert clauses_of("livability >= 55 and trust >= 45") == ["livability >= 55", "trust >= 45"]
    assert clauses_of("a or b and c") == ["a or b and c"]
    game = _game(pack)
    game.play_computer(until_human=False)
    game.state.meters.update(livability=50.0, trust=44.0)
    game.state.ending = "fine"
    why = explain_ending(pack, game.scenario, game.state)
    assert why.reached.ending.id == "fine" and [c.met for c in why.reached.clauses] == [True]
    assert why.nearest.ending.id == "good"
    livability, trust = why.nearest.clauses
    assert (livability.target, livability.value, livability.threshold, livability.met) == (
        "livability",
        50,
        55,
        False,
    )
    assert trust.shortfall == 1 and not trust.met
