"""The deliberation engine, phase by phase and rule by rule: on the mini pack, and on small one-rule packs.

The mini pack (tests/packs/mini): meters trust (start 45 in the scenario), livability (50, drift -1) and
turnout (35); the minister has budget (10, max 20, +5 a round), the resident energy (6, max 6, +1).
Rules: honoured input trust +2; ignored input trust -4 and the role's resource -1; staying away turnout -1.
"""

from __future__ import annotations

import copy
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine import CONTINUE, Game, GameError, Pack, build_pack, choose_for, reason_for, touched
from game.engine.model import ITEM_MODELS, Manifest
from game.files.loader import validate

MINI = Path(__file__).resolve().parent / "packs" / "mini"
WORLD = yaml.safe_load((MINI / "world.yaml").read_text(encoding="utf-8"))
EVENTS = yaml.safe_load((MINI / "events" / "events.yaml").read_text(encoding="utf-8"))["events"]

PRIVATE = {"nl": "Het plein is een drugsplek.", "en": "The square is a drug spot."}


# -- helpers ---------------------------------------------------------------------------------------
def first_event_game(pack: Pack, event_id: str, **kwargs: Any) -> Game:
    """A new game whose first event is ``event_id`` (the first seed that draws it)."""
    for seed in range(500):
        game = Game.new(pack, seed=seed, **kwargs)
        if game.step().event is not None and game.step().event.id == event_id:
            return game
    raise AssertionError(f"no seed starts with {event_id}")


def play(game: Game, *choices: str) -> list:
    return [game.choose(choice) for choice in choices]


def finish_round(game: Game, strategy: str | None = None) -> None:
    """Let the computer play the rest of the current round."""
    current = game.state.round
    while not game.over and game.state.round == current:
        game.choose(choose_for(game, game.step(), strategy))


def text(word: str) -> dict[str, str]:
    return {"nl": word, "en": word}


def option(oid: str, **fields: Any) -> dict[str, Any]:
    return {"id": oid, "label": text(oid), "outcome": text(oid), **fields}


def event(eid: str, *options: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": eid, "title": text(eid), "text": text(eid), **fields}
    if options:
        data["options"] = list(options)
        data.setdefault("decider", "minister")
    return data


def make_pack(events: list[dict[str, Any]], **scenario: Any) -> Pack:
    """The mini pack's world (meters, roles, critiques, scenario) with other events."""
    world = copy.deepcopy(WORLD)
    world["scenarios"][0].update(scenario)
    data = {**world, "events": events}
    items = {
        kind: [validate(ITEM_MODELS[kind], entry) for entry in entries] for kind, entries in data.items()
    }
    manifest = Manifest(id="custom", title=text("custom"), version="1.0", languages=["nl", "en"])
    pack, problems = build_pack(manifest, items)
    assert [p for p in problems if p.severity == "error"] == []
    return pack


def changes_by(records: list, cause: str) -> list:
    return [c for r in records for c in r.changes if c.cause == cause]


# -- starting ----------------------------------------------------------------------------------------
def test_a_new_game_starts_from_the_scenario(mini_pack: Pack) -> None:
    game = Game.new(mini_pack, seed=1)
    st = game.state
    assert st.round == 1 and st.rounds == 4 and st.events_per_round == 1
    assert st.meters == {"trust": 45.0, "livability": 50.0, "turnout": 35.0}
    assert st.start == st.meters
    assert st.resources == {"budget": 10.0, "energy": 6.0}
    assert st.flags == {"riots": 1}
    assert st.players == {"minister": None, "resident": None}
    assert st.choices == [] and st.history == [] and st.ending is None
    assert game.step().kind == "input"
    assert game.meter_series("trust") == [45.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scenario": "nope"}, "unknown scenario 'nope'"),
        ({"variant": "long"}, "has no variant 'long'"),
        ({"players": {"mayor": "Ann"}}, "no role 'mayor'"),
    ],
)
def test_new_game_refuses_unknown_names(mini_pack: Pack, kwargs: dict, message: str) -> None:
    with pytest.raises(GameError, match=message):
        Game.new(mini_pack, **kwargs)


# -- briefing: private knowledge ------------------------------------------------------------------
def test_private_knowledge_is_only_for_its_role_until_shared(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    assert game.private_for("resident") == PRIVATE
    assert game.private_for("minister") is None
    assert game.shared_knowledge() == []
    play(game, "share")
    assert game.step().kind == "decision" and game.step().actor == "minister"
    assert game.shared_knowledge() == [("resident", PRIVATE)]
    assert [(role, given.id) for role, given in game.inputs_given()] == [("resident", "share")]


@pytest.mark.parametrize("given", ["protest", "away"])
def test_private_knowledge_does_not_reach_the_decider_unless_shared(mini_pack: Pack, given: str) -> None:
    game = first_event_game(mini_pack, "evening")
    play(game, given)
    assert game.step().kind == "decision"
    assert game.shared_knowledge() == []
    record = game.choose("listen").record
    assert record is not None and record.shared == []


# -- input ----------------------------------------------------------------------------------------------
def test_the_consulted_role_gives_input_before_the_decider_decides(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    step = game.step()
    assert (step.kind, step.actor, step.event.id) == ("input", "resident", "evening")
    assert game.waiting_for() == "resident"
    assert [c.id for c in step.choices] == ["share", "protest", "away"]
    assert [(c.cost, c.resource, c.voice, c.shares) for c in step.choices] == [
        (1, "energy", True, True),
        (2, "energy", True, False),
        (0, "energy", False, False),
    ]


@pytest.mark.parametrize(("given", "energy"), [("share", 5.0), ("protest", 4.0), ("away", 6.0)])
def test_input_costs_the_roles_resource(mini_pack: Pack, given: str, energy: float) -> None:
    game = first_event_game(mini_pack, "evening")
    outcome = game.choose(given)
    assert game.state.resources["energy"] == energy
    assert outcome.record is None
    spent = [(c.target, c.delta, c.cause, c.role) for c in outcome.changes]
    assert spent == ([("energy", energy - 6.0, "cost", "resident")] if energy != 6.0 else [])
    assert outcome.spent == outcome.changes


@pytest.mark.parametrize(
    ("energy", "available"),
    [
        (6.0, {"share", "protest", "away"}),
        (2.0, {"share", "protest", "away"}),
        (1.0, {"share", "away"}),
        (0.0, {"away"}),
    ],
)
def test_unaffordable_input_is_unavailable(mini_pack: Pack, energy: float, available: set[str]) -> None:
    game = first_event_game(mini_pack, "evening")
    game.state.resources["energy"] = energy
    choices = game.step().choices
    assert {c.id for c in choices if c.available} == available
    for choice in choices:
        assert choice.blocked == (None if choice.available else "cost")
        if not choice.available:
            with pytest.raises(GameError, match="not available"):
                game.choose(choice.id)
    assert game.state.choices == []


def test_decision_costs_the_deciders_resource_and_unaffordable_options_are_unavailable(
    mini_pack: Pack,
) -> None:
    game = first_event_game(mini_pack, "evening")
    play(game, "away")
    assert {c.id: (c.cost, c.available) for c in game.step().choices} == {
        "listen": (0, True),
        "proceed": (4, True),
    }
    game.state.resources["budget"] = 3.0
    proceed = game.step().choice("proceed")
    assert not proceed.available and proceed.blocked == "cost"
    with pytest.raises(GameError, match="not available"):
        game.choose("proceed")
    game.state.resources["budget"] = 10.0
    record = game.choose("proceed").record
    assert [(c.target, c.delta) for c in record.changes if c.cause == "cost"] == [("budget", -4.0)]


def test_when_nothing_is_affordable_the_cheapest_options_stay_open() -> None:
    pack = make_pack([event("pricey", option("cheap", cost=3), option("dear", cost=8))], roles=["minister"])
    game = Game.new(pack, seed=0)
    game.state.resources["budget"] = 1.0
    step = game.step()
    assert (step.kind, step.actor) == ("decision", "minister")
    assert {c.id: c.available for c in step.choices} == {"cheap": True, "dear": False}
    record = game.choose("cheap").record
    assert [(c.target, c.delta) for c in record.changes if c.cause == "cost"] == [
        ("budget", -1.0)
    ]  # all it had
    assert game.state.round_log[0].resources["budget"] == 0.0 + 5.0  # then refreshed at round end


# -- decision: which inputs an option honours ------------------------------------------------------------
@pytest.mark.parametrize(
    ("event_id", "given", "decision", "honoured", "ignored", "absent"),
    [
        ("evening", "share", "listen", ["resident"], [], []),  # honours: [resident] (any input)
        ("evening", "protest", "listen", ["resident"], [], []),
        ("evening", "share", "proceed", [], ["resident"], []),
        ("evening", "away", "proceed", [], [], ["resident"]),  # staying away is not voice
        ("evening", "away", "listen", [], [], ["resident"]),
        ("budget", "share", "give", ["resident"], [], []),  # honours: [resident.share] (that input only)
        ("budget", "protest", "give", [], ["resident"], []),
        ("budget", "share", "keep", [], ["resident"], []),
        ("budget", "away", "give", [], [], ["resident"]),
    ],
)
def test_decision_honours_role_and_role_input(
    mini_pack: Pack, event_id: str, given: str, decision: str, honoured: list, ignored: list, absent: list
) -> None:
    game = first_event_game(mini_pack, event_id)
    record = play(game, given, decision)[-1].record
    assert (record.honoured, record.ignored, record.absent) == (honoured, ignored, absent)
    assert record.inputs == {"resident": given}
    assert record.decision == decision and record.decider == "minister"
    assert record.consulted == ["resident"]
    assert game.state.honoured_count.get("resident", 0) == len(honoured)
    assert game.state.ignored_count.get("resident", 0) == len(ignored)


def test_choice_lists_what_an_option_honours_and_touches(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "budget")
    play(game, "share")
    give = game.step().choice("give")
    # the roles whose input given this time the option honours (not the content's static list)
    assert give.honours == ("resident",)
    assert give.touches == ("trust",)
    other = first_event_game(mini_pack, "budget")
    play(other, "away")
    assert other.step().choice("give").honours == ()
    proceed = mini_pack.events["evening"].options[1]
    # The hidden downside (livability -6) is not shown; the delayed resentment is.
    assert touched(proceed) == ("livability", "trust")


# -- consequences: the deliberation rules -------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "decision", "rule_changes", "meters", "energy"),
    [
        # honoured: trust +2; listen gives livability +3, and +2 more when the resident shared
        (
            "share",
            "listen",
            [("trust", 2.0, "honoured")],
            {"trust": 47.0, "livability": 55.0, "turnout": 35.0},
            5.0,
        ),
        (
            "protest",
            "listen",
            [("trust", 2.0, "honoured")],
            {"trust": 47.0, "livability": 53.0, "turnout": 35.0},
            4.0,
        ),
        # ignored: trust -4 and energy -1 (besides what the input cost)
        (
            "share",
            "proceed",
            [("trust", -4.0, "ignored"), ("energy", -1.0, "ignored")],
            {"trust": 41.0, "livability": 55.0, "turnout": 35.0},
            4.0,
        ),
        # absent: turnout -1
        (
            "away",
            "proceed",
            [("turnout", -1.0, "absent")],
            {"trust": 45.0, "livability": 55.0, "turnout": 34.0},
            6.0,
        ),
    ],
)
def test_honoured_ignored_and_absent_rules(
    mini_pack: Pack, given: str, decision: str, rule_changes: list, meters: dict, energy: float
) -> None:
    game = first_event_game(mini_pack, "evening")
    record = play(game, given, decision)[-1].record
    found = [
        (c.target, c.delta, c.cause) for c in record.changes if c.cause in ("honoured", "ignored", "absent")
    ]
    assert found == rule_changes
    assert all(c.role == "resident" for c in record.changes if c.cause in ("honoured", "ignored", "absent"))
    ignored = [c for c in record.changes if c.cause == "ignored"]
    assert all(c.critique == "sidelined" for c in ignored)
    # ``meters`` and ``energy`` are the values right after the decision; the end of round 1 then
    # applies the livability drift (-1) and refreshes energy (+1, up to 6).
    end_of_round = game.state.round_log[0]
    assert end_of_round.meters == {**meters, "livability": meters["livability"] - 1}
    assert end_of_round.resources["energy"] == min(6.0, energy + 1)


def _trust_after(pack: Pack, event_id: str, inputs: list[str], decision: str) -> float:
    game = first_event_game(pack, event_id)
    record = play(game, *inputs, decision)[-1].record
    return 45.0 + sum(c.delta for c in record.changes if c.target == "trust")


def test_asked_then_ignored_costs_more_trust_than_not_asked(mini_pack: Pack) -> None:
    """The article's first critique as a rule: input given and ignored is worse than no consultation."""
    ignored = _trust_after(mini_pack, "evening", ["share"], "proceed")
    stayed_away = _trust_after(mini_pack, "evening", ["away"], "proceed")
    unasked_pack = make_pack([{**copy.deepcopy(EVENTS[0]), "consult": []}, *copy.deepcopy(EVENTS[1:])])
    not_asked = _trust_after(unasked_pack, "evening", [], "proceed")
    honoured = _trust_after(mini_pack, "evening", ["share"], "listen")
    assert ignored < stayed_away == not_asked < honoured
    assert (ignored, not_asked, honoured) == (41.0, 45.0, 47.0)


def test_an_event_overrides_a_scenario_rule_one_rule_at_a_time() -> None:
    harsh = event(
        "harsh",
        option("heed", honours=["resident"]),
        option("snub"),
        rules={"ignored": {"change": {"trust": -10}}},
    )
    pack = make_pack([harsh])
    snub = first_event_game(pack, "harsh")
    record = play(snub, "share", "snub")[-1].record
    assert [(c.target, c.delta) for c in record.changes if c.cause == "ignored"] == [("trust", -10.0)]
    heed = first_event_game(pack, "harsh")
    record = play(heed, "share", "heed")[-1].record
    assert [(c.target, c.delta) for c in record.changes if c.cause == "honoured"] == [("trust", 2.0)]


def test_nobody_consulted_goes_straight_to_the_decision() -> None:
    pack = make_pack([event("alone", option("a"), option("b"), consult=[])])
    game = Game.new(pack, seed=0)
    step = game.step()
    assert (step.kind, step.actor) == ("decision", "minister")
    record = game.choose("a").record
    assert record.consulted == [] and record.inputs == {}


def test_event_inputs_replace_the_roles_usual_inputs() -> None:
    special = event(
        "special",
        option("a", honours=["resident.petition"]),
        option("b"),
        inputs={
            "resident": [
                {"id": "petition", "label": text("p"), "cost": 1},
                {"id": "skip", "label": text("s"), "voice": False},
            ]
        },
    )
    game = Game.new(make_pack([special]), seed=0)
    assert [c.id for c in game.step().choices] == ["petition", "skip"]
    record = play(game, "petition", "a")[-1].record
    assert record.honoured == ["resident"]


def test_computer_players_weigh_event_inputs_with_expressions() -> None:
    weighed = event(
        "weighed",
        option("a"),
        option("b"),
        inputs={
            "resident": [
                {"id": "petition", "label": text("p"), "ai_weight": "trust / 10"},
                {"id": "skip", "label": text("s"), "voice": False, "ai_weight": 0},
            ]
        },
    )
    game = Game.new(make_pack([weighed]), seed=0)
    game.play_computer(until_human=False)
    assert game.state.choices[0] == "petition"


def test_a_resident_can_decide_its_own_event_with_the_minister_consulted(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    play(game, "away", "proceed")  # schedules the aftermath next round, decided by the resident
    step = game.step()
    assert (step.kind, step.actor, step.event.id) == ("input", "minister", "aftermath")
    play(game, "note")
    step = game.step()
    assert (step.kind, step.actor) == ("decision", "resident")
    assert {c.id: (c.cost, c.resource) for c in step.choices} == {
        "organise": (2, "energy"),
        "withdraw": (0, "energy"),
    }
    energy = game.state.resources["energy"]
    record = game.choose("organise").record
    assert game.state.resources["energy"] == energy - 2
    assert record.decider == "resident" and record.ignored == ["minister"]
    assert game.state.flags.get("organised") == 1


# -- hidden downsides -------------------------------------------------------------------------------
def test_hidden_downside_fires_when_not_shared_and_honoured(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    play(game, "share", "proceed")  # shared, but proceed does not honour the resident
    assert [(p.kind, p.due) for p in game.state.pending] == [("later", 3), ("hidden", 2)]
    finish_round(game)
    struck = changes_by(game.state.round_log, "hidden")
    assert [(c.target, c.delta, c.round, c.critique) for c in struck] == [
        ("livability", -6.0, 2, "sidelined")
    ]
    assert struck[0].text == {"nl": "Het plein werd een drugsplek.", "en": "The square became a drug spot."}


HIDDEN_EVENT = event(
    "square",
    option(
        "plan",
        honours=["resident"],
        effects={"change": {"livability": 4}},
        hidden=[
            {
                "unless_shared_by": "resident",
                "change": {"livability": -6},
                "critique": "sidelined",
                "text": text("drugs"),
            }
        ],
    ),
    option(
        "plan_alone",
        effects={"change": {"livability": 4}},
        hidden=[{"unless_shared_by": "resident", "change": {"livability": -6}, "text": text("drugs")}],
    ),
    private={"resident": text("the square is a drug spot")},
)


@pytest.mark.parametrize(
    ("given", "decision", "fires"),
    [
        ("share", "plan", False),  # shared and honoured: averted
        ("protest", "plan", True),  # honoured, not shared
        ("share", "plan_alone", True),  # shared, not honoured
        ("away", "plan", True),  # neither
        ("away", "plan_alone", True),
    ],
)
def test_hidden_downside_is_averted_only_when_shared_and_honoured(
    given: str, decision: str, fires: bool
) -> None:
    game = Game.new(make_pack([HIDDEN_EVENT]), seed=0)
    record = play(game, given, decision)[-1].record
    struck = [(c.target, c.delta) for c in record.changes if c.cause == "hidden"]
    averted = [n for n in record.notes if n.kind == "averted"]
    if fires:
        assert struck == [("livability", -6.0)] and averted == []
    else:
        assert struck == []
        assert [(n.role, n.text, n.event, n.option) for n in averted] == [
            ("resident", text("drugs"), "square", "plan")
        ]
        assert averted[0].critique == "sidelined"


@pytest.mark.parametrize(("given", "pending"), [("share", []), ("protest", [("hidden", 2)])])
def test_a_later_hidden_downside_is_averted_at_once_or_waits_for_its_round(given: str, pending: list) -> None:
    slow = copy.deepcopy(HIDDEN_EVENT)
    slow["options"][0]["hidden"][0]["after"] = 1
    slow["once"] = False  # so round 2 has an event and the game waits there
    game = Game.new(make_pack([slow]), seed=0)
    record = play(game, given, "plan")[-1].record
    assert [(p.kind, p.due) for p in game.state.pending] == pending
    assert [n.kind for n in record.notes] == ([] if pending else ["averted"])
    finish_round(game)
    struck = changes_by(game.state.round_log, "hidden")
    assert [(c.target, c.delta, c.round) for c in struck] == ([("livability", -6.0, 2)] if pending else [])


# -- delayed and conditional effects ------------------------------------------------------------
def test_delayed_effect_fires_in_the_right_round(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    play(game, "away", "proceed")  # later: after 2 rounds, trust -3 ("resentment")
    for _ in range(3):
        finish_round(game)
    later = changes_by(game.state.round_log, "later")
    assert [(c.target, c.delta, c.round, c.event, c.option) for c in later] == [
        ("trust", -3.0, 3, "evening", "proceed")
    ]
    assert [r.round for r in game.state.round_log if any(c.cause == "later" for c in r.changes)] == [3]
    assert game.state.pending == []


def test_delayed_effect_with_a_condition_sees_the_decision_and_the_meters_when_due() -> None:
    later = event(
        "slow",
        option(
            "invest",
            honours=["resident"],
            later=[
                {"after": 1, "when": "honoured('resident')", "change": {"livability": 5}},
                {"after": 1, "when": "input.resident == 'share'", "change": {"turnout": 2}},
                {"after": 1, "when": "trust > 90", "change": {"livability": -50}},
                {"after": 1, "text": text("the school improved"), "critique": "sidelined"},
            ],
        ),
        option("skip"),
        once=False,
    )
    game = first_event_game(make_pack([later]), "slow")
    play(game, "share", "invest")
    finish_round(game)
    rnd = game.state.round_log[1]
    assert [(c.target, c.delta) for c in rnd.changes if c.cause == "later"] == [
        ("livability", 5.0),
        ("turnout", 2.0),
    ]
    assert [(n.kind, n.text, n.critique) for n in rnd.notes] == [
        ("text", text("the school improved"), "sidelined")
    ]


def test_conditional_effects(mini_pack: Pack) -> None:
    shared = first_event_game(mini_pack, "evening")
    record = play(shared, "share", "listen")[-1].record
    assert [(c.target, c.delta, c.text) for c in record.changes if c.cause == "conditional"] == [
        ("livability", 2.0, {"nl": "Kennis hielp.", "en": "Knowledge helped."})
    ]
    protest = first_event_game(mini_pack, "evening")
    record = play(protest, "protest", "listen")[-1].record
    assert [c for c in record.changes if c.cause == "conditional"] == []


def test_conditions_are_judged_at_the_moment_of_the_decision_before_its_effects() -> None:
    boost = event(
        "boost",
        option(
            "raise",
            effects={"change": {"trust": 10}},
            conditional=[
                {"when": "trust < 50", "change": {"turnout": 5}},
                {"when": "trust >= 50", "change": {"turnout": -5}},
            ],
        ),
        option("other"),
    )
    game = Game.new(make_pack([boost]), seed=0)
    assert game.state.meters["trust"] == 45.0
    record = play(game, "away", "raise")[-1].record
    assert [(c.target, c.delta) for c in record.changes if c.cause == "conditional"] == [("turnout", 5.0)]


# -- follow-ups and drawing -------------------------------------------------------------------------
def test_follow_up_is_scheduled_and_drawn(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    record = play(game, "away", "proceed")[-1].record
    assert [(n.kind, n.detail, n.round) for n in record.notes] == [("follow_up", "aftermath", 1)]
    assert game.state.round == 2
    # Follow-ups come first, then scheduled news, then drawn dilemmas.
    assert game.step().event.id == "aftermath"
    assert game.state.queue == ["elections"]
    assert game.state.scheduled == []


def test_follow_up_only_events_come_only_when_scheduled(mini_pack: Pack) -> None:
    for seed in range(30):
        game = Game.new(mini_pack, seed=seed)
        game.play_computer(until_human=False)
        proceeded = [r.round for r in game.state.history if r.decision == "proceed"]
        aftermath = [r.round for r in game.state.history if r.event == "aftermath"]
        assert aftermath == [r + 1 for r in proceeded if r + 1 <= game.state.rounds]


def test_once_cooldown_and_scheduled_news_over_many_games(mini_pack: Pack) -> None:
    for seed in range(30):
        game = Game.new(mini_pack, seed=seed)
        game.play_computer(until_human=False)
        history = game.state.history
        assert sum(r.event == "evening" for r in history) <= 1  # once
        budget_rounds = [r.round for r in history if r.event == "budget"]
        assert all(b - a >= 2 for a, b in zip(budget_rounds, budget_rounds[1:], strict=False))  # cooldown 1
        assert [r.round for r in history if r.event == "elections"] == [2, 4]  # round % 2 == 0
        dilemmas = [r.round for r in history if r.decider is not None and r.event != "aftermath"]
        assert len(dilemmas) == len(set(dilemmas))  # one drawn dilemma a round


@pytest.mark.parametrize(
    ("fields", "drawn"),
    [
        ({"weight": 0}, False),
        ({"weight": "0 * trust"}, False),
        ({"weight": "trust"}, True),
        ({"when": "has('riots')"}, True),  # riots is set at the start
        ({"when": "trust > 90"}, False),
        ({"when": "round > 2"}, "late"),
        ({"follow_up_only": True}, False),
        ({"scenarios": ["test"]}, True),
    ],
)
def test_weights_and_conditions_decide_what_can_be_drawn(fields: dict, drawn: bool | str) -> None:
    pack = make_pack(
        [
            event("only", option("a"), option("b"), once=False, **fields),
            event("filler", option("a"), option("b"), once=False, weight=1e-9),
        ]
    )
    for seed in range(10):
        game = Game.new(pack, seed=seed)
        game.play_computer(until_human=False)
        rounds = [r.round for r in game.state.history if r.event == "only"]
        if drawn is True:
            assert rounds == [1, 2, 3, 4]
        elif drawn == "late":
            assert rounds == [3, 4]
        else:
            assert rounds == []


def test_heavier_events_are_drawn_more_often() -> None:
    pack = make_pack(
        [
            event("heavy", option("a"), option("b"), weight=9),
            event("light", option("a"), option("b"), weight=1),
        ]
    )
    firsts = [Game.new(pack, seed=seed).step().event.id for seed in range(200)]
    assert 150 < firsts.count("heavy") < 200


def test_scheduled_news_is_applied_with_continue(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    play(game, "away", "listen")
    assert game.state.round == 2
    step = game.step()
    assert (step.kind, step.actor, step.event.id) == ("news", None, "elections")
    assert [c.id for c in step.choices] == [CONTINUE]
    with pytest.raises(GameError):
        game.choose("listen")
    trust = game.state.meters["trust"]
    record = game.choose(CONTINUE).record
    assert record.decider is None and record.decision is None
    assert game.state.meters["turnout"] == round(10 + trust * 0.6, 4)
    assert [c.cause for c in record.changes] == ["news"]
    assert record.outcome == {"nl": "De opkomst volgt het vertrouwen.", "en": "Turnout follows trust."}


def test_several_dilemmas_a_round() -> None:
    pack = make_pack([event(f"e{n}", option("a"), option("b")) for n in range(8)], events_per_round=2)
    game = Game.new(pack, seed=4)
    game.play_computer(until_human=False)
    per_round = [sum(r.round == n for r in game.state.history) for n in range(1, 5)]
    assert per_round == [2, 2, 2, 2]
    assert len({r.event for r in game.state.history}) == 8  # once-only: never the same one twice


def test_consequences_carry_the_critique_they_illustrate() -> None:
    critical = event(
        "critical",
        option(
            "a",
            critique="sidelined",
            effects={"change": {"trust": -1}},
            conditional=[{"when": "true", "change": {"turnout": -1}}],
        ),
        option("b", effects={"change": {"trust": 1}}),
    )
    game = Game.new(make_pack([critical]), seed=0)
    record = play(game, "share", "a")[-1].record
    by_cause = {(c.cause, c.target): c.critique for c in record.changes}
    assert by_cause[("option", "trust")] == "sidelined"  # the option's critique is the default of its effects
    assert by_cause[("ignored", "trust")] == "sidelined"  # the scenario's ignored rule names it
    assert by_cause[("ignored", "energy")] == "sidelined"


def test_seen_means_played_not_merely_drawn() -> None:
    again = event("again", option("first"), option("repeat", when="seen('again')"), once=False, consult=[])
    pack = make_pack([again], roles=["minister"])
    game = Game.new(pack, seed=0)
    assert [c.id for c in game.step().choices] == ["first"]  # drawn, being deliberated, not yet played
    game.choose("first")
    assert game.state.round == 2
    assert sorted(c.id for c in game.step().choices) == ["first", "repeat"]


# -- flags ------------------------------------------------------------------------------------------
def test_flags_open_options(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "budget")
    play(game, "away")
    assert sorted(c.id for c in game.step().choices) == ["give", "keep"]
    game.state.flags["organised"] = 1
    assert sorted(c.id for c in game.step().choices) == ["give", "keep", "organised_bonus"]


def test_flags_count_up_and_down() -> None:
    flags = event(
        "flags",
        option("up", effects={"flags": {"riots": 1, "calm": 1}}),
        option("down", effects={"flags": {"riots": -1}}),
        once=False,
    )
    pack = make_pack([flags], roles=["minister"])
    game = Game.new(pack, seed=0)
    game.choose("up")
    assert game.state.flags == {"riots": 2, "calm": 1}
    game.choose("down")
    game.choose("down")
    assert game.state.flags == {"calm": 1}
    game.choose("down")  # never below zero
    assert game.state.flags == {"calm": 1}


# -- round end ----------------------------------------------------------------------------------------
def test_round_end_drift_refresh_and_round_end_rules(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    game.state.meters["trust"] = 19.0  # the round_end rule: trust < 20 gives livability -2
    game.state.resources["energy"] = 6.0
    outcome = play(game, "away", "listen")[-1]
    (rnd,) = outcome.rounds
    assert rnd.round == 1
    assert [(c.target, c.delta, c.cause) for c in rnd.changes] == [
        ("livability", -1.0, "drift"),
        ("livability", -2.0, "round_end"),
        ("budget", 5.0, "refresh"),
        ("energy", 0.0, "refresh"),  # at its max: the refresh is shown, and moves nothing
    ]
    assert rnd.meters == game.state.round_log[0].meters
    assert rnd.resources == {"budget": 15.0, "energy": 6.0}
    assert game.meter_series("livability") == [50.0, 50.0 + 3 - 1 - 2]


def test_resources_refresh_up_to_their_max(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    game.state.resources["budget"] = 18.0
    play(game, "away", "listen")
    assert game.state.resources["budget"] == 20.0


# -- endings --------------------------------------------------------------------------------------------
def test_early_ending_at_round_end(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    game.state.meters["trust"] = 4.0
    outcome = play(game, "away", "listen")[-1]
    assert outcome.ending is not None and outcome.ending.id == "unrest"
    assert game.over and game.state.ending == "unrest" and game.ending().early
    assert game.state.round == 1 and game.state.current is None
    assert game.step().kind == "ended" and game.step().choices == ()
    with pytest.raises(GameError, match="the game has ended"):
        game.choose("listen")
    with pytest.raises(GameError, match="the game has ended"):
        game.choose(CONTINUE)


@pytest.mark.parametrize(("trust", "ending"), [(80.0, "good"), (20.0, "meh")])
def test_final_ending_after_the_last_round(mini_pack: Pack, trust: float, ending: str) -> None:
    game = Game.new(mini_pack, seed=1)
    while game.state.round < game.state.rounds:
        finish_round(game)
    assert not game.over and game.state.round == 4
    game.state.meters["trust"] = trust  # far enough from 50 that the last round cannot cross it
    outcomes = game.play_computer(until_human=False)
    assert game.state.ending == ending
    assert outcomes[-1].ending is not None and outcomes[-1].ending.id == ending
    assert game.state.round == 4 and len(game.state.round_log) == 4
    assert game.meter_series("trust")[-1] == game.state.meters["trust"]


@pytest.mark.parametrize(("trust", "ending"), [(60.0, "good"), (50.0, "good"), (49.9, "meh"), (5.0, "meh")])
def test_final_endings_in_order_with_the_last_as_fallback(mini_pack: Pack, trust: float, ending: str) -> None:
    game = Game.new(mini_pack, seed=1)
    game.state.round = game.state.rounds
    game.state.queue = []
    game.state.meters["trust"] = trust
    game.state.meters["livability"] = 50.0
    # Nothing moves trust at the end of a round in the mini pack: the last round's end decides.
    game._advance()  # noqa: SLF001 - end the round without playing its event
    assert game.state.ending == ending


def test_variant_sets_the_number_of_rounds(mini_pack: Pack) -> None:
    game = Game.new(mini_pack, seed=2, variant="short")
    assert (game.state.rounds, game.state.variant) == (2, "short")
    game.play_computer(until_human=False)
    assert game.over and len(game.state.round_log) <= 2
    assert game.state.round <= 2


# -- bounds ---------------------------------------------------------------------------------------------
def test_meters_and_resources_clamp_to_their_ranges() -> None:
    extreme = event(
        "extreme",
        option(
            "up",
            honours=["resident"],
            effects={"change": {"trust": 500, "budget": 500}, "set": {"turnout": 1000}},
        ),
        option("down", effects={"change": {"trust": -500, "energy": -50}, "set": {"livability": "-1000"}}),
        once=False,
    )
    pack = make_pack([extreme], roles=["minister", "resident"])
    game = first_event_game(pack, "extreme")
    record = play(game, "protest", "up")[-1].record
    assert game.state.round_log[0].meters["trust"] == 100.0
    assert game.state.round_log[0].meters["turnout"] == 100.0
    assert game.state.round_log[0].resources["budget"] == 20.0
    assert {c.target: c.delta for c in record.changes if c.cause == "option"} == {
        "trust": 55.0,
        "budget": 10.0,
        "turnout": 65.0,
    }
    record = play(game, "away", "down")[-1].record
    assert game.state.round_log[1].meters["trust"] == 0.0
    assert game.state.round_log[1].meters["livability"] == 0.0
    assert {c.target: c.delta for c in record.changes if c.cause == "option"}[
        "energy"
    ] == -5.0  # all it had left


# -- bad choices ----------------------------------------------------------------------------------
def test_unknown_choice_is_a_game_error_and_changes_nothing(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening")
    before = copy.deepcopy(game.state)
    for bad in ["listen", "nope", "", CONTINUE]:
        with pytest.raises(GameError, match="is not a choice now"):
            game.choose(bad)
    assert game.state == before


# -- computer play ----------------------------------------------------------------------------------
@pytest.mark.parametrize("strategy", ["priorities", "honour", "ignore", "random"])
def test_computer_roles_play_a_whole_game_to_an_ending(mini_pack: Pack, strategy: str) -> None:
    for seed in range(5):
        game = Game.new(mini_pack, seed=seed)
        outcomes = game.play_computer(strategy, until_human=False)
        assert game.over and game.state.ending in {"unrest", "good", "meh"}
        assert outcomes[-1].ending is not None and outcomes[-1].ending.id == game.state.ending
        assert len(game.state.choices) == len(outcomes)
        assert game.step().kind == "ended"
        assert game.play_computer(strategy) == []


def test_computer_stops_where_a_human_acts(mini_pack: Pack) -> None:
    game = first_event_game(mini_pack, "evening", players={"resident": "Ann"})
    assert game.is_human("resident") and not game.is_human("minister")
    assert game.play_computer() == []
    assert game.step().actor == "resident"
    game.choose("share")
    outcomes = game.play_computer()  # the minister decides, then it stops at the news or the resident
    assert outcomes and outcomes[0].step.actor == "minister"
    step = game.step()
    assert step.kind == "news" or step.actor == "resident"


def test_unknown_strategy_is_refused(mini_pack: Pack) -> None:
    game = Game.new(mini_pack, seed=0)
    with pytest.raises(ValueError, match="unknown strategy"):
        game.play_computer("greedy", until_human=False)


@pytest.mark.parametrize("strategy", [None, "honour", "ignore", "random"])
def test_policy_is_deterministic_per_seed(mini_pack: Pack, strategy: str | None) -> None:
    runs = {}
    for seed in (1, 1, 7, 7):
        game = Game.new(mini_pack, seed=seed)
        game.play_computer(strategy, until_human=False)
        choices = tuple(game.state.choices)
        assert runs.setdefault(seed, choices) == choices
        assert runs[seed] == tuple(game.state.choices)
    # The reasoning is reproducible too.
    game = Game.new(mini_pack, seed=3)
    first = reason_for(game, game.step(), strategy)
    assert reason_for(game, game.step(), strategy) == first


def test_computer_decider_judges_conditions_as_the_engine_will() -> None:
    """shared() counts a sharing input even without private text, in the engine and the policy alike."""
    judged = event(
        "judged",
        option("safe", ai_bias=20),
        option("bold", conditional=[{"when": "shared('resident')", "change": {"livability": 40}}]),
    )
    game = Game.new(make_pack([judged]), seed=0)
    game.choose("share")
    reasoned = reason_for(game, game.step())
    assert reasoned.choice == "bold"
    record = game.choose("bold").record
    assert [(c.target, c.delta) for c in record.changes if c.cause == "conditional"] == [("livability", 40.0)]


def test_policy_varies_with_the_seed(mini_pack: Pack) -> None:
    logs = set()
    for seed in range(20):
        game = Game.new(mini_pack, seed=seed)
        game.play_computer(until_human=False)
        logs.add(tuple(game.state.choices))
    assert len(logs) > 5


def test_policy_numbers_come_from_seed_step_and_role_alone() -> None:
    from game.engine.policy import PolicyRandom

    def draws(seed: int, step: int, role: str | None) -> list[float]:
        rng = PolicyRandom(seed, step, role)
        return [rng.random() for _ in range(30)] + [rng.gauss(0, 1) for _ in range(5)]

    first = draws(4, 7, "resident")
    assert draws(4, 7, "resident") == first
    assert len(set(first)) == len(first)  # past one digest's nine numbers, no repeats
    assert all(0 <= x < 1 for x in first[:30])
    others = [draws(5, 7, "resident"), draws(4, 8, "resident"), draws(4, 7, "minister"), draws(4, 7, None)]
    assert all(other[0] != first[0] for other in others)


def test_policy_numbers_are_spread_as_promised() -> None:
    from game.engine.policy import PolicyRandom

    uniform = [PolicyRandom(1, n, "r").random() for n in range(4000)]
    assert 0.47 < statistics.fmean(uniform) < 0.53
    assert sum(x < 0.1 for x in uniform) / len(uniform) == pytest.approx(0.1, abs=0.02)
    normal = [PolicyRandom(2, n, None).gauss(10, 3) for n in range(4000)]
    assert statistics.fmean(normal) == pytest.approx(10, abs=0.2)
    assert statistics.stdev(normal) == pytest.approx(3, abs=0.15)
    picks = Counter(PolicyRandom(3, n, None).choice("abc") for n in range(3000))
    assert set(picks) == {"a", "b", "c"} and min(picks.values()) > 900


def test_the_policy_never_moves_the_games_generator(mini_pack: Pack) -> None:
    game = Game.new(mini_pack, seed=11)
    before = game.state.rng
    for strategy in (None, "honour", "ignore", "random"):
        reason_for(game, game.step(), strategy)
    assert game.state.rng == before


def _honoured_by(game: Game, choice_id: str) -> int:
    cur = game.state.current
    option = next(o for o in game.event.options if o.id == choice_id)
    voiced = [role for role, given in game.inputs_given() if given.voice]
    return sum(
        1 for role in voiced if role in option.honours or f"{role}.{cur.inputs[role]}" in option.honours
    )


@pytest.mark.parametrize(("strategy", "pick"), [("honour", max), ("ignore", min)])
def test_honour_and_ignore_strategies_behave_as_named(mini_pack: Pack, strategy: str, pick: Any) -> None:
    decisions = 0
    for seed in range(15):
        game = Game.new(mini_pack, seed=seed)
        while not game.over:
            step = game.step()
            choice = choose_for(game, step, strategy)
            if step.kind == "decision":
                counts = {c.id: _honoured_by(game, c.id) for c in step.choices if c.available}
                assert counts[choice] == pick(counts.values()), (seed, step.event.id, counts, choice)
                decisions += 1
            game.choose(choice)
        honoured = sum(len(r.honoured) for r in game.state.history)
        if strategy == "ignore":
            # Nothing in the mini pack forces honouring: the ignore strategy never honours.
            assert honoured == 0
    assert decisions > 30


def test_goals_are_checked_against_the_state(mini_pack: Pack) -> None:
    game = Game.new(mini_pack, seed=0)
    ((goal, reached),) = game.goals("minister")
    assert goal.id == "liveable" and reached is True  # livability 50 >= 50
    game.state.meters["livability"] = 40.0
    assert game.goals("minister")[0][1] is False
    assert game.goals("resident") == []


# -- records the engine makes without validation ----------------------------------------------------
def test_the_state_crosses_the_save_boundary_unchanged(mini_pack: Pack) -> None:
    import json

    from game.files.saves import state_data, state_from_data

    game = Game.new(mini_pack, seed=3)
    game.play_computer(until_human=False)
    data = state_data(game.state)
    back = state_from_data(json.loads(json.dumps(data)))
    assert back == game.state
    assert state_data(back) == data
    assert type(back.history[0].changes[0].delta) is float


def test_the_generator_is_in_the_state_whenever_the_state_is_asked_for() -> None:
    from game.engine.state import decode_rng, encode_rng

    game = Game.new(make_pack(EVENTS), seed=5)
    for _ in range(6):
        if game.over:
            break
        game.choose(next(c.id for c in game.step().choices if c.available))
        assert game.state.rng == encode_rng(game.rng)
        assert decode_rng(game.state.rng).random() == Game(game.pack, copy.deepcopy(game.state)).rng.random()


@pytest.mark.parametrize("taken", ["round", "rounds"])
def test_a_meter_may_not_take_the_name_expressions_give_the_round(taken: str) -> None:
    world = copy.deepcopy(WORLD)
    world["meters"].append({**world["meters"][0], "id": taken})
    items = {
        kind: [validate(ITEM_MODELS[kind], entry) for entry in entries]
        for kind, entries in {**world, "events": []}.items()
    }
    manifest = Manifest(id="custom", title=text("custom"), version="1.0", languages=["nl", "en"])
    _, problems = build_pack(manifest, items)
    errors = [p for p in problems if p.severity == "error"]
    assert any(taken in p.message and "another id" in p.message for p in errors), errors


def test_what_input_cost_is_told_by_the_record_as_it_was_spent(mini_pack: Pack) -> None:
    """Input costs move at the input step (Outcome.spent); the record's input_costs give the same changes."""
    compared = 0
    for seed in range(8):
        game = Game.new(mini_pack, seed=seed)
        spent: list = []
        for outcome in game.play_computer(until_human=False):
            spent += outcome.spent
            if outcome.record is not None:
                assert game.input_costs(outcome.record) == spent
                compared += len(spent)
                spent = []
    assert compared > 0  # some inputs did cost something
