"""The draw: which events a round brings (scheduled follow-ups, events whose time has come, and a weighted
draw from the rest), from the game's own seeded generator."""

from __future__ import annotations

import random

from .context import Context
from .pack import Pack
from .plan import ScenarioPlan
from .state import GameState


def draw_events(pack: Pack, plan: ScenarioPlan, state: GameState, rng: random.Random) -> list[str]:
    """The events of ``state``'s round, in order; follow-ups due now leave the state's schedule."""
    now = state.round
    drawn = _due(pack, plan, state)
    ctx = Context(state)
    last_seen = state.last_seen
    for event_id, once, scheduled in plan.scheduled:
        if event_id in drawn or (once and event_id in last_seen):
            continue
        if scheduled(ctx):
            drawn.append(event_id)
    pool: list[str] = []
    weights: list[float] = []
    for event_id, once, cooldown, when, weight_of, fixed in plan.drawable:
        last = last_seen.get(event_id)
        if last is not None and (once or now - last <= cooldown):
            continue
        if event_id in drawn:
            continue
        if when is not None and not when(ctx):
            continue
        weight = fixed if weight_of is None else max(0.0, float(weight_of(ctx)))
        if weight > 0:
            pool.append(event_id)
            weights.append(weight)
    # News (no decider) comes on top of the round's dilemmas; follow-ups and scheduled dilemmas count.
    dilemmas_of = plan.dilemmas
    dilemmas = sum(1 for e in drawn if e in dilemmas_of)
    while dilemmas < state.events_per_round and pool:
        event_id = _pick(pool, weights, rng)
        drawn.append(event_id)
        dilemmas += event_id in dilemmas_of
    return drawn


def _due(pack: Pack, plan: ScenarioPlan, state: GameState) -> list[str]:
    """The follow-ups scheduled for this round (or missed before it) that belong to the scenario."""
    drawn: list[str] = []
    if state.scheduled:
        now = state.round
        due = [s for s in state.scheduled if s.round <= now]
        state.scheduled = [s for s in state.scheduled if s.round > now]
        for item in due:
            if item.event not in drawn and _in_scenario(pack, plan, item.event):
                drawn.append(item.event)
    return drawn


def _in_scenario(pack: Pack, plan: ScenarioPlan, event_id: str) -> bool:
    event = pack.events[event_id]
    return event.id in plan.event_ids and pack.events.get(event.id) is event


def _pick(pool: list[str], weights: list[float], rng: random.Random) -> str:
    """One event of the pool by weight, taken out of it."""
    pick = rng.random() * sum(weights)
    last_n = len(pool) - 1
    for n, weight in enumerate(weights):
        pick -= weight
        if pick < 0 or n == last_n:
            del weights[n]
            return pool.pop(n)
    raise AssertionError("an empty pool")  # pragma: no cover - the caller draws only from a full pool
