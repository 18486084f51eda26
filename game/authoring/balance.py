"""Balance reports: many complete computer-played games of a scenario, in parallel, summed up for authors.

:func:`simulate` plays ``runs`` games per strategy (every built-in strategy of
:data:`game.engine.policy.STRATEGIES` unless told otherwise) and returns a :class:`dict` report (the
``--json`` output of ``wijkberaad simulate``). Games are played in worker processes, each loading the
content from the pack folders itself (compiled packs hold closures, which do not cross processes).

A strategy is a name of :data:`game.engine.policy.STRATEGIES`, or one per role written
``role=name,role=name`` (a role's name may also be one of its input ids: it gives that input whenever it
can); roles left out play by their priorities.

Reproducible: game ``i`` of every strategy is played with seed :func:`game_seed` ``(seed, i)``; the work
is cut into fixed chunks of :data:`CHUNK` games whatever the number of workers, and results are put back
in game order before anything is summed, so the same seed gives the same report on 1 core or 64.

Report fields (all shares are fractions 0..1, numbers rounded to 3 decimals):

- ``pack``, ``pack_version``, ``scenario``, ``variant``, ``rounds``, ``runs`` (games per strategy),
  ``seed``, ``strategies`` (in the order played);
- ``by_strategy``: per strategy, ``games``, ``endings`` (ending id -> share, every ending of the scenario),
  ``meters`` (meter id -> ``mean``, ``min``, ``p10``, ``median``, ``p90``, ``max`` of final values),
  ``length`` (``rounds`` and ``events``, each with the same six statistics), ``score`` (mean final
  meters scaled to 0..1, flipped where lower is better: one number to compare strategies), ``roles``
  (role id -> ``decisions`` and ``inputs``: the mean number a game, ``goals``: the share of games in which
  it met all its goals, ``goal``: goal id -> share) and ``years`` (meter id -> its mean after each round,
  over the games still running then);
- ``overall``: ``endings``, ``meters`` and ``length`` over all games of all strategies;
- ``lower_is_better``: the meters players want low (for comparing strategies);
- ``events_never_drawn``: ids of the scenario's events no game drew;
- ``options_never_chosen``: ``event:option`` for options of drawn events that no game chose;
- ``dominance``: notes such as strategy ``honour`` reaching ending ``x`` in 90% or more of its games,
  or one strategy's score far above the others, or one strategy at least as good as every other on every
  meter and every role's goals (an author's cue that a choice is a sure win).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from game.engine import Game, Pack, check_setup
from game.engine.policy import STRATEGIES, Strategy, strategy_problem
from game.i18n import decimal, t

from . import strings  # noqa: F401 - registers the balance report's words

#: Games per chunk of work: fixed, so how the work is cut never depends on the number of workers (32: a
#: task costs the parent a submission and a result to unpickle, so fewer, larger tasks leave the cores more).
CHUNK = 32
#: A strategy reaching one ending this often is reported as dominating it.
DOMINANT_SHARE = 0.9
STATS = ("mean", "min", "p10", "median", "p90", "max")


@dataclass(frozen=True)
class GameResult:
    """What one finished computer game came to."""

    strategy: str
    index: int
    ending: str | None
    meters: dict[str, float]
    rounds: int
    events: tuple[str, ...]
    decisions: tuple[tuple[str, str], ...]
    #: per role: how many dilemmas it decided and how many inputs it gave (staying away not counted)
    decided: dict[str, int] = field(default_factory=dict)
    inputs: dict[str, int] = field(default_factory=dict)
    #: per role, per goal: met at the end
    goals: dict[str, dict[str, bool]] = field(default_factory=dict)
    #: the meters after each finished round, in the order of ``meters`` (tuples: 10,000 games' worth of
    #: them come back from the worker processes, and a tuple of floats is the cheapest to carry)
    years: tuple[tuple[float, ...], ...] = ()


def parse_strategy(label: str) -> Strategy:
    """The strategy a report's label stands for: a name, or ``role=name,role=name`` for one per role."""
    if "=" not in label:
        return label
    return dict(part.split("=", 1) for part in label.split(",") if part)


def strategy_label(parts: Iterable[str]) -> str:
    """One label for per-role parts given apart (``minister=topdown`` and ``resident=protest``)."""
    return ",".join(parts)


def game_seed(seed: int, index: int) -> int:
    """The seed of game ``index`` (the same for every strategy, so strategies meet the same draws)."""
    return (seed * 1_000_003 + index) % (2**63)


def play_one(
    pack: Pack, scenario: str, variant: str | None, seed: int, strategy: str, index: int = 0
) -> GameResult:
    """Play one whole game with every role computer-played by ``strategy``."""
    # A report reads meters, endings and decisions: the game need not record every change (see Game.new).
    game = Game.new(pack, scenario, seed=seed, variant=variant, changes=False)
    game.play_computer(parse_strategy(strategy), until_human=False)
    st = game.state
    roles = pack.scenarios[scenario].roles
    decided = Counter(r.decider for r in st.history if r.decision is not None)
    inputs = Counter(role for r in st.history for role in r.inputs if role not in r.absent)
    return GameResult(
        strategy=strategy,
        index=index,
        ending=st.ending,
        meters=dict(st.meters),
        rounds=len(st.round_log),
        events=tuple(r.event for r in st.history),
        decisions=tuple((r.event, r.decision) for r in st.history if r.decision is not None),
        decided={role: decided[role] for role in roles},
        inputs={role: inputs[role] for role in roles},
        goals={role: {g.id: met for g, met in game.goals(role)} for role in roles},
        years=tuple(tuple(r.meters.values()) for r in st.round_log),
    )


# -- workers -------------------------------------------------------------------------------------
_PACKS: dict[tuple[str, ...], Pack] = {}


def load_for_simulation(roots: Iterable[Path | str]) -> Pack:
    """The layered pack of ``roots`` (cached per process)."""
    key = tuple(str(r) for r in roots)
    pack = _PACKS.get(key)
    if pack is None:
        from game.files.packs import load_roots

        # from the content cache when it holds these packs (a run's fixed cost: no YAML, no pydantic)
        pack = _PACKS[key] = load_roots([Path(r) for r in key])
    return pack


def _run_chunk(
    roots: tuple[str, ...],
    scenario: str,
    variant: str | None,
    seed: int,
    strategy: str,
    start: int,
    stop: int,
) -> list[GameResult]:
    pack = load_for_simulation(roots)
    return [play_one(pack, scenario, variant, game_seed(seed, i), strategy, i) for i in range(start, stop)]


# -- the report ----------------------------------------------------------------------------------
def simulate(
    roots: list[Path],
    *,
    scenario: str | None = None,
    variant: str | None = None,
    runs: int = 100,
    seed: int = 0,
    strategies: list[str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Play ``runs`` games per strategy of the layered packs in ``roots`` and report (see module doc).

    Raises:
        ContentError: the packs do not load.
        GameError: an unknown scenario or variant (the engine's coded error, worded by the caller).
        ValueError: an unknown strategy, or runs below 1.
    """
    pack = load_for_simulation(roots)
    sc = check_setup(pack, scenario, variant=variant)  # GameError (a ValueError) when there is no such
    scenario = sc.id
    rounds = next(v.rounds for v in sc.variants if v.id == variant) if variant is not None else sc.rounds
    strategies = list(strategies or STRATEGIES)
    for name in strategies:
        problem = strategy_problem(pack, parse_strategy(name))
        if problem:
            raise ValueError(f"{problem}; choose from {', '.join(STRATEGIES)} or ROLE=NAME")
    if runs < 1:
        raise ValueError("runs must be at least 1")
    key = tuple(str(r) for r in roots)
    chunks = [(s, a, min(a + CHUNK, runs)) for s in strategies for a in range(0, runs, CHUNK)]
    total = runs * len(strategies)
    done = 0
    results: dict[tuple[str, int], list[GameResult]] = {}
    # Never more processes than cores or chunks of work (--workers 1000 for 8 games forked 1000).
    workers = min(workers if workers is not None else len(chunks), os.cpu_count() or 1, len(chunks))
    if workers <= 1:
        for s, a, b in chunks:
            results[(s, a)] = _run_chunk(key, scenario, variant, seed, s, a, b)
            done += b - a
            if progress:
                progress(done, total)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_run_chunk, key, scenario, variant, seed, s, a, b): (s, a, b)
                for s, a, b in chunks
            }
            for future in as_completed(futures):
                s, a, b = futures[future]
                results[(s, a)] = future.result()
                done += b - a
                if progress:
                    progress(done, total)
    games = {s: [g for a in range(0, runs, CHUNK) for g in results[(s, a)]] for s in strategies}
    return _report(pack, scenario, variant, rounds, runs, seed, strategies, games)


def _r(x: float) -> float:
    return round(float(x), 3)


def stats(values: list[float]) -> dict[str, float]:
    """Mean, min, 10th percentile, median, 90th percentile and max (percentiles by linear interpolation)."""
    ordered = sorted(values)
    n = len(ordered)

    def pct(p: float) -> float:
        pos = p * (n - 1)
        lo = int(pos)
        hi = min(lo + 1, n - 1)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

    return {
        "mean": _r(sum(ordered) / n),
        "min": _r(ordered[0]),
        "p10": _r(pct(0.1)),
        "median": _r(pct(0.5)),
        "p90": _r(pct(0.9)),
        "max": _r(ordered[-1]),
    }


def _summary(pack: Pack, endings: list[str], games: list[GameResult]) -> dict[str, Any]:
    return {
        "games": len(games),
        **_outcomes(pack, endings, games),
        "score": _r(sum(map(_scorer(pack), games)) / len(games)),
        "roles": {role: _role_summary(role, games) for role in games[0].decided},
        "years": _years(games),
    }


def _outcomes(pack: Pack, endings: list[str], games: list[GameResult]) -> dict[str, Any]:
    """How ``games`` ended: endings, final meters and length (a strategy's summary, and the overall one)."""
    count = Counter(g.ending for g in games)
    return {
        "endings": {e: _r(count[e] / len(games)) for e in endings},
        "meters": {m: stats(values) for m in pack.meters if (values := _final(m, games)) is not None},
        "length": {
            "rounds": stats([g.rounds for g in games]),
            "events": stats([len(g.events) for g in games]),
        },
    }


def _final(meter: str, games: list[GameResult]) -> list[float] | None:
    """The final values of ``meter`` in ``games``, or None when a game has none."""
    try:
        return list(map(itemgetter(meter), map(attrgetter("meters"), games)))
    except KeyError:
        return None


def _role_summary(role: str, games: list[GameResult]) -> dict[str, Any]:
    n = len(games)
    goal_ids = list(games[0].goals[role])
    return {
        "decisions": _r(sum(g.decided[role] for g in games) / n),
        "inputs": _r(sum(g.inputs[role] for g in games) / n),
        "goals": _r(sum(all(g.goals[role].values()) for g in games) / n) if goal_ids else None,
        "goal": {gid: _r(sum(g.goals[role][gid] for g in games) / n) for gid in goal_ids},
    }


def _years(games: list[GameResult]) -> dict[str, list[float]]:
    """Each meter's mean after round 1, 2, ... over the games that finished that round."""
    longest = max(len(g.years) for g in games)
    if not longest:
        return {}
    meters = list(games[0].meters)  # the order of every round's values (see GameResult.years)
    found: dict[str, list[float]] = {m: [] for m in meters}
    for year in range(longest):
        running = [g.years[year] for g in games if len(g.years) > year]
        for n, m in enumerate(meters):
            # the same sum in the same order as a generator gives, without a Python step per game
            found[m].append(_r(sum(map(itemgetter(n), running)) / len(running)))
    return found


def _scorer(pack: Pack) -> Callable[[GameResult], float]:
    """A game's final meters scaled to 0..1 (flipped where lower is better), averaged: its score. The
    meters' ranges are looked up once for every game of a report (the same arithmetic, game by game)."""
    scales = [(m.id, m.min, m.max - m.min, m.higher_is_better) for m in pack.meters.values() if m.max > m.min]

    def score(game: GameResult) -> float:
        meters = game.meters
        parts = []
        for meter, low, span, higher in scales:
            if meter in meters:
                share = (meters[meter] - low) / span
                parts.append(share if higher else 1 - share)
        return sum(parts) / len(parts) if parts else 0.0

    return score


def _report(
    pack: Pack,
    scenario: str,
    variant: str | None,
    rounds: int,
    runs: int,
    seed: int,
    strategies: list[str],
    games: dict[str, list[GameResult]],
) -> dict[str, Any]:
    sc = pack.scenarios[scenario]
    endings = [e.id for e in sc.endings]
    every = [g for s in strategies for g in games[s]]
    by_strategy = {s: _summary(pack, endings, games[s]) for s in strategies}
    drawn = {e for g in every for e in g.events}
    chosen = {d for g in every for d in g.decisions}
    events = pack.events_for(sc)
    never_drawn = [e.id for e in events if e.id not in drawn]
    never_chosen = [
        f"{e.id}:{o.id}" for e in events if e.id in drawn for o in e.options if (e.id, o.id) not in chosen
    ]
    report = {
        "pack": pack.id,
        "pack_version": pack.manifest.version,
        "scenario": scenario,
        "variant": variant,
        "rounds": rounds,
        "runs": runs,
        "seed": seed,
        "strategies": strategies,
        "by_strategy": by_strategy,
        "overall": _outcomes(pack, endings, every),
        "lower_is_better": [m.id for m in pack.meters.values() if not m.higher_is_better],
        "events_never_drawn": never_drawn,
        "options_never_chosen": never_chosen,
        "dominance": [],
    }
    report["dominance"] = dominance_notes(dominance(report), "en")
    return report


#: The top-level fields of a report, as documented above (tests check the JSON against this).
REPORT_FIELDS = (
    "pack",
    "pack_version",
    "scenario",
    "variant",
    "rounds",
    "runs",
    "seed",
    "strategies",
    "by_strategy",
    "overall",
    "lower_is_better",
    "events_never_drawn",
    "options_never_chosen",
    "dominance",
)


Fact = tuple[str, str, Any, Any]


def dominance(report: dict[str, Any]) -> list[Fact]:
    """What makes a strategy an author's cue that a choice is a sure win: ``("reaches", strategy, ending,
    share)`` for an ending it reaches in :data:`DOMINANT_SHARE` of its games or more (when there is more than
    one ending), ``("far_above", strategy, score, next score)`` for a score far above the others, and
    ``("everywhere", strategy, None, None)`` for a strategy at least as good as each other one on every meter
    and every role's goals."""
    by_strategy, strategies = report["by_strategy"], report["strategies"]
    facts: list[Fact] = []
    for s in strategies:
        endings = by_strategy[s]["endings"]
        for ending, share in endings.items():
            if share >= DOMINANT_SHARE and len(endings) > 1:
                facts.append(("reaches", s, ending, share))
    if len(strategies) > 1:
        ranked = sorted(strategies, key=lambda s: -by_strategy[s]["score"])
        best, second = by_strategy[ranked[0]]["score"], by_strategy[ranked[1]]["score"]
        if best - second >= 0.15:
            facts.append(("far_above", ranked[0], best, second))
        facts.extend(("everywhere", s, None, None) for s in strategies if _best_everywhere(report, s))
    return facts


def _measures(report: dict[str, Any], strategy: str) -> list[float]:
    """What a strategy achieved, each oriented so that more is better: meter means, then goal shares."""
    lower = set(report.get("lower_is_better", ()))
    summary = report["by_strategy"][strategy]
    found = [-v["mean"] if m in lower else v["mean"] for m, v in summary["meters"].items()]
    found.extend(r["goals"] for r in summary.get("roles", {}).values() if r["goals"] is not None)
    return found


def _best_everywhere(report: dict[str, Any], strategy: str) -> bool:
    mine = _measures(report, strategy)
    return all(
        all(a >= b for a, b in zip(mine, _measures(report, other), strict=True))
        for other in report["strategies"]
        if other != strategy
    )


def dominance_notes(facts: list[Fact], lang: str) -> list[str]:
    """The facts of :func:`dominance` in words, in ``lang`` (shares as percentages, scores with two
    decimals, a decimal comma in Dutch)."""
    notes = []
    for kind, strategy, a, b in facts:
        if kind == "reaches":
            b = f"{b:.0%}"
        elif kind == "far_above":
            a, b = decimal(f"{a:.2f}", lang), decimal(f"{b:.2f}", lang)
        notes.append(t(f"balance.dominance.{kind}", lang, strategy=strategy, a=a, b=b))
    return notes


Say = Callable[..., str]
Num = Callable[[float, str], str]


def _table_lines(report: dict[str, Any], say: Say, num: Num) -> list[str]:
    """The endings, the meters' means and the score, a column per strategy."""
    lines: list[str] = []
    strategies = report["strategies"]
    width = max(12, *(len(s) + 2 for s in strategies))
    endings = list(report["overall"]["endings"])
    name_w = max(
        [
            len(say("ending")),
            *(len(e) for e in endings),
            *(len(m) for m in report["overall"]["meters"]),
            len(say("score")),
            14,
        ]
    )
    lines.append("")
    lines.append(say("endings"))
    lines.append(
        "  " + "".ljust(name_w) + "".join(s.rjust(width) for s in strategies) + say("all").rjust(width)
    )
    for e in endings:
        row = [num(report["by_strategy"][s]["endings"][e], ".0%").rjust(width) for s in strategies]
        lines.append(
            "  " + e.ljust(name_w) + "".join(row) + num(report["overall"]["endings"][e], ".0%").rjust(width)
        )
    lines.append("")
    lines.append(say("meters"))
    for m, st in report["overall"]["meters"].items():
        row = [num(report["by_strategy"][s]["meters"][m]["mean"], ".1f").rjust(width) for s in strategies]
        spread = " / ".join(num(st[k], "g") for k in ("min", "p10", "median", "p90", "max"))
        lines.append("  " + m.ljust(name_w) + "".join(row) + f"   {spread}")
    lines.append("")
    score = "".join(num(report["by_strategy"][s]["score"], ".2f").rjust(width) for s in strategies)
    lines.append("  " + say("score").ljust(name_w) + score)
    return lines


def _summary_lines(report: dict[str, Any], say: Say, num: Num) -> list[str]:
    """How long games lasted, and the events and options no game reached."""
    lines: list[str] = []
    length = report["overall"]["length"]
    lines.append("")
    lines.append(
        say(
            "length",
            mean=num(length["rounds"]["mean"], "g"),
            min=num(length["rounds"]["min"], "g"),
            max=num(length["rounds"]["max"], "g"),
            events=num(length["events"]["mean"], "g"),
        )
    )
    lines.append("")
    never = report["events_never_drawn"]
    lines.append(say("never_drawn", ids=", ".join(never) if never else say("none")))
    unchosen = report["options_never_chosen"]
    lines.append(say("never_chosen", ids=", ".join(unchosen) if unchosen else say("none")))
    return lines


def _roles_lines(report: dict[str, Any], say: Say, num: Num) -> list[str]:
    """Per strategy and role: decisions and inputs a game, and the share of games with every goal met."""
    strategies = report["strategies"]
    roles = list(report["by_strategy"][strategies[0]].get("roles", {}))
    if not roles:
        return []
    width = max(18, *(len(s) + 2 for s in strategies))
    name_w = max(14, *(len(r) for r in roles))
    lines = ["", say("roles"), "  " + "".ljust(name_w) + "".join(s.rjust(width) for s in strategies)]
    for role in roles:
        cells = []
        for s in strategies:
            r = report["by_strategy"][s]["roles"][role]
            goals = "-" if r["goals"] is None else num(r["goals"], ".0%")
            cells.append(f"{num(r['decisions'], '.1f')} / {num(r['inputs'], '.1f')}; {goals}".rjust(width))
        lines.append("  " + role.ljust(name_w) + "".join(cells))
    return lines


def _years_lines(report: dict[str, Any], say: Say, num: Num) -> list[str]:
    """Per strategy, each meter's mean after every round: where top-down leads early and trails late."""
    lines: list[str] = []
    for s in report["strategies"]:
        years = report["by_strategy"][s].get("years", {})
        if not years:
            continue
        name_w = max(14, *(len(m) for m in years))
        count = max(len(v) for v in years.values())
        lines += [
            "",
            say("years", strategy=s),
            "  " + "".ljust(name_w) + "".join(f"{y:>6}" for y in range(1, count + 1)),
        ]
        for m, values in years.items():
            lines.append("  " + m.ljust(name_w) + "".join(num(v, ".0f").rjust(6) for v in values))
    return lines


def format_report(report: dict[str, Any], lang: str = "nl") -> str:
    """The report as plain text for a terminal or a file, in ``lang`` (``nl`` or ``en``).

    Ids (packs, scenarios, strategies, endings, meters, events) are shown as they are; Dutch numbers get
    a decimal comma. The dominance notes are worded from the report's figures (its ``dominance`` field holds
    them in English, for the ``--json`` output).
    """

    def say(key: str, **values: object) -> str:
        return t(f"balance.{key}", lang, **values)

    def num(value: float, spec: str) -> str:
        return decimal(format(value, spec), lang)

    lines = []
    variant = say("variant", variant=report["variant"]) if report["variant"] else ""
    lines.append(
        say(
            "title",
            scenario=report["scenario"],
            variant=variant,
            rounds=report["rounds"],
            pack=report["pack"],
            version=report["pack_version"],
            runs=report["runs"],
            seed=report["seed"],
        )
    )
    lines.extend(_table_lines(report, say, num))
    lines.extend(_summary_lines(report, say, num))
    lines.extend(_roles_lines(report, say, num))
    lines.extend(_years_lines(report, say, num))
    notes = dominance_notes(dominance(report), lang)
    if notes:
        lines.append("")
        lines.append(say("dominance"))
        lines.extend(f"  - {note}" for note in notes)
    return "\n".join(lines) + "\n"
