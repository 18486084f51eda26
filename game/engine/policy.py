"""Computer-played roles: a seeded, explainable policy from each role's priorities and temperament.

The policy's randomness comes from a generator seeded with the game's seed and the number of choices
made so far, so it never disturbs the game's own generator and a replayed decision log gives the same
game. Built-in strategies override how decisions are made, for balance reports:

- ``priorities``: the role's priorities and temperament (the default);
- ``honour``: always pick the option that honours the most input given;
- ``ignore``: always pick the option that honours the least input given;
- ``random``: any available option.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .game import Choice, Game, Step
from .model import Option

STRATEGIES: dict[str, str] = {
    "priorities": "computer roles follow their priorities and temperament",
    "honour": "deciders always honour as much input as they can",
    "ignore": "deciders honour as little input as they can",
    "random": "deciders pick any available option",
}


@dataclass(frozen=True)
class Reasoned:
    """A computer choice with the scores behind it (for an explanation on screen)."""

    choice: str
    scores: dict[str, float]


def policy_rng(game: Game, role: str | None) -> random.Random:
    """The policy's generator for the current step: derived from the seed, never the game's own."""
    return random.Random(f"{game.state.seed}:{len(game.state.choices)}:{role}")


def choose_for(game: Game, step: Step, strategy: str | None = None) -> str:
    """The computer's choice for ``step``."""
    return reason_for(game, step, strategy).choice


def reason_for(game: Game, step: Step, strategy: str | None = None) -> Reasoned:
    """The computer's choice for ``step`` with its scores."""
    strategy = strategy or "priorities"
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy '{strategy}'; choose from {', '.join(STRATEGIES)}")
    available = [c for c in step.choices if c.available]
    if step.kind == "news" or len(available) == 1:
        return Reasoned(available[0].id, {available[0].id: 0.0})
    rng = policy_rng(game, step.actor)
    if step.kind == "input":
        return _input(game, step, available, rng)
    if strategy == "random":
        pick = rng.choice(available).id
        return Reasoned(pick, {c.id: float(c.id == pick) for c in available})
    scores = {c.id: _score(game, step, c, rng) for c in available}
    if strategy in ("honour", "ignore"):
        cur = game.state.current
        voiced = _voiced(game)
        sign = 1 if strategy == "honour" else -1
        for c in available:
            honoured = sum(
                1 for role in voiced if role in c.honours or f"{role}.{cur.inputs[role]}" in c.honours
            )
            scores[c.id] += sign * 1000 * honoured
    best = max(available, key=lambda c: (scores[c.id], -available.index(c)))
    return Reasoned(best.id, scores)


def _voiced(game: Game) -> list[str]:
    return [role for role, option in game.inputs_given() if option.voice]


def _input(game: Game, step: Step, available: list[Choice], rng: random.Random) -> Reasoned:
    role = game.pack.roles[step.actor]  # type: ignore[index]
    temper = role.temperament
    ratio = 1.0
    owned = game.resource_of(role.id)
    if owned is not None and role.resource is not None and role.resource.max:
        ratio = owned[1] / role.resource.max
    from .game import _Ctx  # the policy reads expressions the way the engine does

    ctx = _Ctx(game)
    weights: dict[str, float] = {}
    event = step.event
    has_private = event is not None and role.id in event.private
    inputs = {i.id: i for i in game.pack.inputs_for(role.id, event)}
    for c in available:
        w = max(0.0, float(game.pack.expr(inputs[c.id].ai_weight, "num")(ctx)))
        if c.shares and has_private:
            w *= 3
        if c.cost and owned is not None:
            w *= max(0.05, 1 - temper.caution * (1 - ratio))
        weights[c.id] = w
    silent = [c for c in available if not c.voice and weights[c.id] > 0]
    speak = temper.voice * (0.4 + 0.6 * ratio)
    if silent and rng.random() > speak:
        pool = silent
    else:
        pool = [c for c in available if c.voice and weights[c.id] > 0] or silent or available
    total = sum(weights[c.id] for c in pool)
    pick = pool[0].id
    if total > 0:
        roll = rng.random() * total
        for c in pool:
            roll -= weights[c.id]
            if roll < 0:
                pick = c.id
                break
    return Reasoned(pick, weights)


def _score(game: Game, step: Step, choice: Choice, rng: random.Random) -> float:
    """How much the decider likes an option: priorities over the visible effects, honour, cost, noise."""
    role = game.pack.roles[step.actor]  # type: ignore[index]
    temper = role.temperament
    option = _option(step, choice.id)
    from .game import _Ctx
    from .state import EventRecord

    cur = game.state.current
    assert cur is not None
    # A what-if record: which inputs this option would honour, so conditional effects can be judged.
    voiced = _voiced(game)
    honoured = [r for r in voiced if r in option.honours or f"{r}.{cur.inputs[r]}" in option.honours]
    record = EventRecord(
        round=game.state.round,
        event=cur.event,
        decider=step.actor,
        inputs=dict(cur.inputs),
        honoured=honoured,
        ignored=[r for r in voiced if r not in honoured],
        # as the engine records it: every role whose input shares, private text or not
        shared=[r for r, given in game.inputs_given() if given.shares],
    )
    ctx = _Ctx(game, record)
    value = 0.0
    parts = [(option.effects, 1.0)]
    parts += [(p, 1.0) for p in option.conditional if game.pack.expr(p.when, "bool")(ctx)]
    parts += [(p, 0.85**p.after) for p in option.later]
    for part, factor in parts:
        for target, amount in part.change.items():
            weight = role.priorities.get(target, 0.0)
            if weight:
                value += weight * factor * float(game.pack.expr(amount, "num")(ctx))
    value += temper.honour * 6 * len(honoured)
    value -= temper.honour * 3 * len(record.ignored)
    owned = game.resource_of(role.id)
    if choice.cost and owned is not None and role.resource is not None and role.resource.max:
        value -= temper.caution * 10 * choice.cost / role.resource.max
    value += option.ai_bias
    value += temper.noise * rng.gauss(0, 6)
    return value


def _option(step: Step, option_id: str) -> Option:
    assert step.event is not None
    return next(o for o in step.event.options if o.id == option_id)
