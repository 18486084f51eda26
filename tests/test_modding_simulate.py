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
    assert report["strategies"] == ["priorities", "honour", "ignore", "random"]
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
