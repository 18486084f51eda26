"""The deliberation model (issue 14): kinds of input, proposals, heeding apart from honouring, rules per
kind of input, what giving an input does at once, and the loader's checks of it."""

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
    target = tmp_path / "pack"
    target.mkdir()
    (target / "pack.yaml").write_text((PACK_DIR / "pack.yaml").read_text())
    world = (PACK_DIR / "world.yaml").read_text()
    assert old in world
    (target / "world.yaml").write_text(world.replace(old, new))
    result = load_pack(target)
    found = [str(p) for p in result.problems if message in str(p)]
    assert found and all("world.yaml:" in p for p in found), [str(p) for p in result.problems]


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
