"""Balance of the krachtwijken scenario, shown by the balance report's own numbers (as for the base's
in tests/test_balance.py). docs/balance.md has the figures of 400 games per strategy; the suite checks
the same properties on 80, and on 400 with --slow.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from game.authoring.balance import dominance, simulate
from game.files.paths import base_pack_dir

SCENARIO = "krachtwijken"
STRATEGIES = ("priorities", "honour", "ignore", "random", "topdown", "kw_minister=topdown")
BEST = "city_average"
RUNS = 80
SLOW_RUNS = 400


@lru_cache(maxsize=4)
def report(variant: str | None, runs: int) -> dict:
    return simulate(
        [base_pack_dir()],
        scenario=SCENARIO,
        variant=variant,
        runs=runs,
        seed=1,
        strategies=list(STRATEGIES),
        workers=1,
    )


def check(variant: str | None, runs: int, reach: float) -> None:
    rep = report(variant, runs)
    by = rep["by_strategy"]
    # no strategy, pure or per role, is best on every meter and every role's goals
    assert not [f for f in dominance(rep) if f[0] == "everywhere"], rep["dominance"]
    # no strategy decides the game alone, and the best ending is no sure thing
    for name, figures in by.items():
        assert max(figures["endings"].values()) < 0.9, (name, figures["endings"])
        assert figures["endings"][BEST] <= 0.6, name
    # every ending is reached by some strategy in a fair share of games
    for ending in by["priorities"]["endings"]:
        best = max(figures["endings"][ending] for figures in by.values())
        assert best >= reach, f"{ending} reached in at most {best:.0%} of games"
    honour, prio, top = by["honour"], by["priorities"], by["topdown"]
    # top-down is quick: more livability and safety after the first year than honouring input
    first = {s: by[s]["years"]["livability"][0] + by[s]["years"]["safety"][0] for s in ("honour", "topdown")}
    assert first["topdown"] > first["honour"]
    # ...and parliament likes it; listening costs the minister support
    assert honour["meters"]["support"]["mean"] + 10 < top["meters"]["support"]["mean"]
    # the bill comes later: trust and frontline capacity end lower
    for meter in ("trust", "capacity"):
        assert top["meters"][meter]["mean"] < honour["meters"][meter]["mean"]
    # demolition raises the figures: the priorities play (the association demolishes more often) ends
    # with more safety than honouring every input
    assert prio["meters"]["safety"]["mean"] > honour["meters"]["safety"]["mean"]
    # every role decides several dilemmas; the minister no more than a third of them
    roles = prio["roles"]
    assert all(r["decisions"] >= (2.5 if variant else 3.5) for r in roles.values()), roles
    assert roles["kw_minister"]["decisions"] <= sum(r["decisions"] for r in roles.values()) / 3 + 0.5


@pytest.mark.parametrize("variant", [None, "short"], ids=["full", "short"])
def test_the_dilemma_holds(variant):
    check(variant, RUNS, reach=0.03)


@pytest.mark.slow
@pytest.mark.parametrize("variant", [None, "short"], ids=["full", "short"])
def test_the_dilemma_holds_on_many_games(variant):
    check(variant, SLOW_RUNS, reach=0.05)
