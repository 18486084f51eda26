"""Balance of the shipped scenario, shown by numbers.

The computer plays the whole base scenario (both the 15-year programme and the 6-year classroom variant)
over many seeds with each built-in strategy of :mod:`game.engine.policy`, and we check that:

- every ending is reachable by some strategy and seed;
- no single fixed strategy reaches the best ending ("of and with the neighbourhood") always;
- honouring input ends with clearly higher mean trust than ignoring it, without being a guaranteed win.

The figures are printed (run pytest with -s to see them). docs/balance.md is made from the balance report
itself (``python -m game simulate``; the commands are at its top), not from this file.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import pytest

from game.engine import Game
from game.files.loader import load_pack_or_raise
from game.files.paths import base_pack_dir
from game.files.saves import state_data

STRATEGIES = ("priorities", "honour", "ignore", "random")
VARIANTS = (None, "short")
SCENARIO = "kanaalzijde"
BEST = "with_the_neighbourhood"
SEEDS = 50
SLOW_SEEDS = 400
#: How much higher the honour strategy's mean final trust must be than the ignore strategy's.
TRUST_GAP = 20


@dataclass
class Figures:
    """The outcome of one strategy over many seeds."""

    games: int = 0
    endings: Counter = field(default_factory=Counter)
    meters: dict[str, list[float]] = field(default_factory=dict)
    rounds: list[int] = field(default_factory=list)

    def share(self, ending: str) -> float:
        return self.endings[ending] / self.games if self.games else 0.0

    def mean(self, meter: str) -> float:
        return statistics.mean(self.meters[meter])


@lru_cache(maxsize=1)
def _pack():
    return load_pack_or_raise(base_pack_dir())


@lru_cache(maxsize=8)
def simulate(seeds: int, variant: str | None) -> dict[str, Figures]:
    pack = _pack()
    result: dict[str, Figures] = {}
    for strategy in STRATEGIES:
        figures = Figures()
        for seed in range(seeds):
            game = Game.new(pack, SCENARIO, seed=seed, variant=variant)
            game.play_computer(strategy=strategy, until_human=False)
            figures.games += 1
            figures.endings[game.state.ending] += 1
            figures.rounds.append(game.state.round)
            for meter, value in game.state.meters.items():
                figures.meters.setdefault(meter, []).append(value)
        result[strategy] = figures
    return result


def endings_of() -> list[str]:
    return [e.id for e in _pack().scenarios[SCENARIO].endings]


def table(seeds: int, variant: str | None) -> str:
    """A Markdown table of ending shares and mean final meters per strategy."""
    figures = simulate(seeds, variant)
    endings = endings_of()
    meters = ("trust", "livability", "safety", "youth", "voice", "capacity", "turnout", "support")
    name = "short classroom variant (6 rounds, 2 events a round)" if variant else "full programme (15 rounds)"
    lines = [
        f"### {name}, {seeds} seeds per strategy",
        "",
        "| strategy | "
        + " | ".join(endings)
        + " | "
        + " | ".join(f"mean {m}" for m in meters)
        + " | mean rounds |",
        "|---" * (len(endings) + len(meters) + 2) + "|",
    ]
    for strategy, fig in figures.items():
        shares = " | ".join(f"{fig.share(e):.0%}" for e in endings)
        means = " | ".join(f"{fig.mean(m):.0f}" for m in meters)
        lines.append(f"| {strategy} | {shares} | {means} | {statistics.mean(fig.rounds):.1f} |")
    return "\n".join(lines)


def reached(seeds: int, variants: tuple[str | None, ...]) -> set[str]:
    """The endings some strategy reached on some seed, in any of ``variants``."""
    return {e for v in variants for f in simulate(seeds, v).values() for e in f.endings}


def check(seeds: int, variant: str | None) -> None:
    figures = simulate(seeds, variant)
    print()
    print(table(seeds, variant))
    for strategy, fig in figures.items():
        assert fig.share(BEST) < 1.0, f"'{strategy}' always reaches the best ending"
        # No fixed strategy decides the game alone: none lands on one ending in nine games out of ten.
        top, n = fig.endings.most_common(1)[0]
        assert n / fig.games < 0.9, f"'{strategy}' ends in '{top}' in {n / fig.games:.0%} of games"
    honour, ignore = figures["honour"], figures["ignore"]
    assert honour.mean("trust") >= ignore.mean("trust") + TRUST_GAP, (
        f"honour trust {honour.mean('trust'):.1f} is not clearly above ignore {ignore.mean('trust'):.1f}"
    )
    assert 0.15 <= honour.share(BEST) <= 0.85, f"honour reaches the best ending in {honour.share(BEST):.0%}"
    assert honour.share(BEST) > ignore.share(BEST)
    # Ignoring input is the road to the bad endings, not a safe default.
    bad = ("unrest", "oil_tanker", "stones_no_trust", "empty_hall")
    assert sum(ignore.share(e) for e in bad) > sum(honour.share(e) for e in bad)
    # The other side gets its due: the computer roles' own priorities (quick visible gains) buy more
    # safety than always honouring input does.
    assert figures["priorities"].mean("safety") > honour.mean("safety")
    # Listening has a price: honouring every input does not keep parliament behind the minister.
    assert figures["priorities"].mean("support") > honour.mean("support") + 5
    assert ignore.mean("support") > honour.mean("support") + 5


@pytest.mark.parametrize("variant", VARIANTS, ids=["full", "short"])
def test_balance(variant):
    check(SEEDS, variant)


def test_every_ending_is_reachable():
    missing = [e for e in endings_of() if e not in reached(SEEDS, VARIANTS)]
    assert not missing, f"endings never reached: {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS, ids=["full", "short"])
def test_balance_many_seeds(variant):
    check(SLOW_SEEDS, variant)
    missing = [e for e in endings_of() if e not in reached(SLOW_SEEDS, (variant,))]
    assert not missing, f"endings never reached in this variant: {missing}"


def _without_changes(data):
    """A dumped game state with every record's list of changes emptied."""
    for record in [*data["history"], *data["round_log"]]:
        record["changes"] = []
    return data


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_a_game_that_keeps_no_changes_is_the_same_game(strategy):
    """Balance reports play with changes=False: the same meters, records, notes and endings as a game
    that keeps every change, only the changes themselves are left out."""
    pack = _pack()
    kept = 0
    for seed in range(12):
        full = Game.new(pack, SCENARIO, seed=seed)
        full.play_computer(strategy, until_human=False)
        lean = Game.new(pack, SCENARIO, seed=seed, changes=False)
        outcomes = lean.play_computer(strategy, until_human=False)
        assert not any(o.changes for o in outcomes)
        data = state_data(full.state)
        kept += sum(len(r["changes"]) for r in data["history"])
        assert state_data(lean.state) == _without_changes(data)
    assert kept > 100  # the full games did record changes


# -- the dilemma (issue 14): the balance report's own figures -----------------------------------------
DILEMMA_SEEDS = 80
#: how many dilemmas the computer roles may settle the same way in 95% of games (a handful)
SURE_DILEMMAS = 8
#: The strategies of the dilemma's report: pure ones and a top-down minister among computer roles. One tuple,
#: so the tests below share one simulation (``_report`` is cached) instead of each running its own.
DILEMMA_STRATEGIES = ("priorities", "honour", "ignore", "random", "topdown", "minister=topdown")


@lru_cache(maxsize=8)
def _report(runs: int, variant: str | None, strategies: tuple[str, ...]) -> dict:
    from game.authoring.balance import simulate as balance_report

    return balance_report(
        [base_pack_dir()], variant=variant, runs=runs, seed=1, strategies=list(strategies), workers=1
    )


def _sure_dilemmas(runs: int, variant: str | None) -> list[str]:
    """Dilemmas drawn in 10+ games where the computer roles choose one option in 95% of them or more."""
    from game.authoring.balance import game_seed, play_one

    pack = _pack()
    chosen: dict[str, Counter] = {}
    for i in range(runs):
        for event, option in play_one(pack, SCENARIO, variant, game_seed(1, i), "priorities", i).decisions:
            chosen.setdefault(event, Counter())[option] += 1
    return [e for e, c in chosen.items() if c.total() >= 10 and c.most_common(1)[0][1] / c.total() >= 0.95]


def check_dilemma(runs: int, variant: str | None) -> None:
    from game.authoring.balance import dominance

    report = _report(runs, variant, DILEMMA_STRATEGIES)
    by = report["by_strategy"]
    # no strategy, pure or per role, is best on every meter and every role's goals
    assert not [f for f in dominance(report) if f[0] == "everywhere"], report["dominance"]
    # the best ending is no sure thing for any strategy
    assert max(s["endings"].get(BEST, 0) for s in by.values()) <= 0.6
    # honouring everything does not maximise the minister's support or goals
    honour, prio, top = by["honour"], by["priorities"], by["topdown"]
    assert honour["meters"]["support"]["mean"] < max(
        prio["meters"]["support"]["mean"], top["meters"]["support"]["mean"]
    )
    if variant is None:
        assert honour["roles"]["minister"]["goals"] <= prio["roles"]["minister"]["goals"]
    # top-down leads on visible results in the first year, and trails on trust and capacity at the end
    first = {s: by[s]["years"]["livability"][0] + by[s]["years"]["safety"][0] for s in ("honour", "topdown")}
    assert first["topdown"] > first["honour"]
    for meter in ("trust", "capacity"):
        assert top["meters"][meter]["mean"] < honour["meters"][meter]["mean"]
    # a top-down minister is the road to new bricks without trust
    top_endings = by["minister=topdown"]["endings"]
    assert max(top_endings, key=top_endings.get) == "stones_no_trust", top_endings
    assert top_endings["stones_no_trust"] >= (0.6 if variant else 0.4), top_endings
    # every role decides; the minister at most half of the dilemmas
    roles = prio["roles"]
    assert all(r["decisions"] >= 3 for r in roles.values()), roles
    assert roles["minister"]["decisions"] <= sum(r["decisions"] for r in roles.values()) / 2
    assert len(_sure_dilemmas(runs, variant)) <= SURE_DILEMMAS


@pytest.mark.parametrize("variant", VARIANTS, ids=["full", "short"])
def test_the_dilemma_holds(variant):
    check_dilemma(DILEMMA_SEEDS, variant)


def test_every_ending_is_reached_in_five_percent_by_some_strategy():
    shares: dict[str, float] = {}
    for variant in VARIANTS:
        for s in _report(DILEMMA_SEEDS, variant, DILEMMA_STRATEGIES)["by_strategy"].values():
            for ending, share in s["endings"].items():
                shares[ending] = max(shares.get(ending, 0), share)
    assert all(shares.get(e, 0) >= 0.05 for e in endings_of()), shares


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS, ids=["full", "short"])
def test_the_dilemma_holds_on_many_seeds(variant):
    check_dilemma(SLOW_SEEDS, variant)
