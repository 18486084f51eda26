"""The balance report: reproducible for a seed whatever the number of workers, with the documented fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.authoring.balance import REPORT_FIELDS, STATS, format_report, simulate
from game.cli import main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
MINI_PLUS = TESTS / "packs" / "mini_plus"


@pytest.fixture(scope="module")
def report() -> dict:
    return simulate([MINI], runs=12, seed=7, workers=1)


def test_same_seed_same_report_with_one_or_two_workers(report: dict) -> None:
    assert simulate([MINI], runs=12, seed=7, workers=1) == report
    assert simulate([MINI], runs=12, seed=7, workers=2) == report


def test_another_seed_gives_other_games(report: dict) -> None:
    other = simulate([MINI], runs=12, seed=8, workers=1)
    assert other["by_strategy"] != report["by_strategy"]


def test_report_has_the_documented_fields(report: dict) -> None:
    assert tuple(report) == REPORT_FIELDS
    assert report["strategies"] == ["priorities", "honour", "ignore", "random", "topdown"]
    assert report["runs"] == 12 and report["seed"] == 7 and report["scenario"] == "test"
    for name in report["strategies"]:
        part = report["by_strategy"][name]
        assert part["games"] == 12
        assert set(part["endings"]) == {"unrest", "good", "meh"}
        assert sum(part["endings"].values()) == pytest.approx(1.0, abs=0.01)
        assert set(part["meters"]) == {"trust", "livability", "turnout"}
        for stats in part["meters"].values():
            assert tuple(stats) == STATS
            assert stats["min"] <= stats["p10"] <= stats["median"] <= stats["p90"] <= stats["max"]
        assert tuple(part["length"]["rounds"]) == STATS
        assert 0 <= part["score"] <= 1
        assert set(part["roles"]) == {"minister", "resident"}
        for role in part["roles"].values():
            assert role["decisions"] >= 0 and role["inputs"] >= 0
            assert role["goals"] is None or 0 <= role["goals"] <= 1
        assert set(part["years"]) == {"trust", "livability", "turnout"}
        longest = part["length"]["rounds"]["max"]
        assert all(len(v) == longest for v in part["years"].values())
    assert set(report["overall"]) == {"endings", "meters", "length"}
    assert isinstance(report["events_never_drawn"], list)
    assert all(":" in o for o in report["options_never_chosen"])
    json.dumps(report)  # JSON-ready as it is


def test_never_drawn_and_never_chosen() -> None:
    report = simulate([MINI, MINI_PLUS], runs=2, seed=1, workers=1, strategies=["ignore"])
    # with only two games, some events of the layered pack stay undrawn; the fields must say which
    drawn_or_not = set(report["events_never_drawn"])
    assert drawn_or_not <= {"evening", "aftermath", "budget", "elections", "home_visits"}
    assert report["strategies"] == ["ignore"] and list(report["by_strategy"]) == ["ignore"]


def test_text_report_mentions_every_part(report: dict) -> None:
    text = format_report(report, lang="en")
    for part in ("Endings", "Final meters", "Game length", "Events never drawn", "Options never chosen"):
        assert part in text
    for strategy in report["strategies"]:
        assert strategy in text


def test_simulate_command_json_and_plain(capsys) -> None:
    assert main(["simulate", str(MINI), "--runs", "3", "--seed", "5", "--json", "--workers", "1"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert tuple(data) == REPORT_FIELDS and data["runs"] == 3
    assert "[" not in out.err  # no progress bar when stderr is not a terminal
    plain = [
        "simulate",
        str(MINI),
        "--runs",
        "2",
        "--strategy",
        "honour",
        "--variant",
        "short",
        "--lang",
        "en",
    ]
    assert main(plain) == 0
    out = capsys.readouterr().out
    assert "variant short" in out and "honour" in out
    assert main(["simulate", str(MINI), "--scenario", "nope", "--runs", "1", "--lang", "en"]) == 2
    assert "no scenario 'nope'" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal() -> None:
    import io

    from game.cli.simulate import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term, pipe = Terminal(), io.StringIO()
    for stream in (term, pipe):
        bar = ProgressBar(stream, lang="en")
        simulate([MINI], runs=3, seed=1, workers=1, strategies=["random", "honour"], progress=bar)
    assert pipe.getvalue() == ""
    assert "6/6 games" in term.getvalue() and term.getvalue().endswith("\n")


def test_roles_figures_count_what_the_games_did() -> None:
    """A role's decisions a game are the records' own count, averaged exactly as the report does."""
    from game.authoring.balance import game_seed, load_for_simulation, play_one

    pack = load_for_simulation([MINI])
    games = [play_one(pack, "test", None, game_seed(0, i), "priorities", i) for i in range(6)]
    for g in games:
        assert sum(g.decided.values()) == len(g.decisions)
        assert len(g.years) == g.rounds
    report = simulate([MINI], runs=6, seed=0, workers=1, strategies=["priorities"])
    roles = report["by_strategy"]["priorities"]["roles"]
    for role, figures in roles.items():
        assert figures["decisions"] == pytest.approx(sum(g.decided[role] for g in games) / 6, abs=0.001)
        assert figures["inputs"] == pytest.approx(sum(g.inputs[role] for g in games) / 6, abs=0.001)
    assert sum(r["decisions"] for r in roles.values()) > 0


def test_a_strategy_per_role(capsys) -> None:
    """``--strategy minister=topdown --strategy resident=X`` is one strategy: the resident gives input X
    whenever it is offered, and the report names the mix."""
    resident_inputs = ["share", "propose", "protest", "stay_away"]
    from game.authoring.balance import load_for_simulation

    pack = load_for_simulation([MINI])
    given = next(i for i in (i.id for i in pack.roles["resident"].inputs) if i in resident_inputs)
    assert (
        main(
            [
                "simulate",
                str(MINI),
                "--runs",
                "4",
                "--json",
                "--workers",
                "1",
                "--strategy",
                "honour",
                "--strategy",
                "minister=topdown",
                "--strategy",
                f"resident={given}",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    mix = f"minister=topdown,resident={given}"
    assert data["strategies"] == ["honour", mix]
    assert data["by_strategy"][mix]["roles"]["resident"]["inputs"] > 0


def test_an_input_strategy_gives_that_input_whenever_it_can() -> None:
    from game.authoring.balance import load_for_simulation
    from game.engine import Game
    from game.engine.policy import choose_for

    pack = load_for_simulation([MINI])
    wanted = pack.roles["resident"].inputs[0].id
    strategy = {"resident": wanted}
    seen = 0
    for seed in range(5):
        game = Game.new(pack, "test", seed=seed)
        while not game.over:
            step = game.step()
            pick = choose_for(game, step, strategy)
            if step.kind == "input" and step.actor == "resident":
                if any(c.id == wanted and c.available for c in step.choices):
                    assert pick == wanted
                    seen += 1
            game.choose(pick)
    assert seen > 0


def test_topdown_takes_the_largest_immediate_gain() -> None:
    """A top-down decider ranks options by their immediate effects on its priorities only."""
    from game.authoring.balance import load_for_simulation
    from game.engine import Game
    from game.engine.policy import _immediate, choose_for

    pack = load_for_simulation([MINI])
    checked = 0
    for seed in range(8):
        game = Game.new(pack, "test", seed=seed)
        while not game.over:
            step = game.step()
            if step.kind == "decision":
                available = [c for c in step.choices if c.available]
                scores = _immediate(game, step, available)
                pick = choose_for(game, step, "topdown")
                assert scores[pick] == max(scores.values())
                role = pack.roles[step.actor]
                option = next(o for o in step.event.options if o.id == pick)
                plain = sum(
                    role.priorities.get(t, 0) * a
                    for t, a in option.effects.change.items()
                    if isinstance(a, int | float)
                )
                if all(isinstance(a, int | float) for a in option.effects.change.values()):
                    assert scores[pick] == pytest.approx(plain)
                checked += 1
            game.choose(choose_for(game, step, "topdown"))
    assert checked > 5


def test_unknown_strategy_parts_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown role 'mayor'"):
        simulate([MINI], runs=1, workers=1, strategies=["mayor=topdown"])
    with pytest.raises(ValueError, match="neither a strategy nor an input"):
        simulate([MINI], runs=1, workers=1, strategies=["resident=shout"])
