"""The benchmarks keep working: a tiny engine run gives every figure the table and the README quote.

Speed itself is measured by ``python -m bench``, never asserted here (test machines are noisy).
"""

from __future__ import annotations

import json

import pytest

from bench.run import MINI, bench_engine, main, table


def test_the_engine_benchmark_measures_both_kinds_of_game_and_a_balance_report() -> None:
    figures = bench_engine(MINI, games=12, report_games=10)
    assert figures["games"] == 12 and figures["balance_report_games"] == 10
    for key in (
        "games_per_s_one_core",
        "games_per_s_all_cores",
        "report_games_per_s_one_core",
        "report_games_per_s_all_cores",
        "balance_report_seconds",
    ):
        assert figures[key] > 0, key
    # both figures are rounded: the second from the first's unrounded value
    assert figures["seconds_for_10000_games_all_cores"] == pytest.approx(
        10_000 / figures["games_per_s_all_cores"], rel=0.01
    )
    assert figures["choices_per_game"] > 1
    rows = table({"engine": figures}).splitlines()
    assert len(rows) == 5
    assert any("as a balance report plays them" in row for row in rows)
    assert any(row.startswith("engine  simulate, 10 games") for row in rows)


def test_the_command_writes_its_figures(tmp_path, capsys) -> None:
    out = tmp_path / "figures.json"
    assert main(["--only", "engine", "--games", "6", "--quick", "--out", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["errors"] == {}
    assert written["engine"]["games"] == 6
    assert written["machine"]["cores"] >= 1
    assert "games/s as the app plays them" in capsys.readouterr().out
