"""The draw: which events a round brings (scheduled follow-ups, events whose time has come, and a weighted
draw from the rest), from the game's own seeded generator."""

from __future__ import annotations

import random
from collections.abc import Sequence

from .context import Context
from .pack import Pack
from .plan import Drawable, Fn, ScenarioPlan
from .state import GameState


class Draw:
    """The draw of one game: it keeps the scenario's drawable and scheduled events that can still come.

    An event that comes only ``once`` never comes again once drawn, so it leaves these lists then and later
    rounds do not look at it again (by the last rounds most of the pack has been played). The rest of
    eligibility (cooldowns, conditions, weights) is judged afresh each round: the content's conditions
    read meters or the round, which change every round. The lists only shrink and always hold every event
    that may come (each candidate is still checked against the state), so a state changed from outside
    (a loaded save, a developer's jump) draws as it would have.
    """

    __slots__ = ("drawable", "pack", "plan", "scheduled")

    def __init__(self, pack: Pack, plan: ScenarioPlan, state: GameState) -> None:
        self.pack = pack
        self.plan = plan
        seen = state.last_seen
        self.drawable = [d for d in plan.drawable if not (d.once and d.id in seen)]
        self.scheduled = [s for s in plan.scheduled if not (s[1] and s[0] in seen)]

    def next_round(self, state: GameState, rng: random.Random) -> list[str]:
        """The events of ``state``'s round, in order, each marked seen in this round."""
        drawn = draw_events(self.pack, self.plan, state, rng, self.drawable, self.scheduled)
        last_seen = state.last_seen
        gone = False
        for event_id in drawn:
            last_seen[event_id] = state.round
            gone = gone or event_id in self.plan.once
        if gone:
            self.drawable = [d for d in self.drawable if not (d.once and d.id in last_seen)]
            self.scheduled = [s for s in self.scheduled if not (s[1] and s[0] in last_seen)]
        return drawn


def draw_events(
    pack: Pack,
    plan: ScenarioPlan,
    state: GameState,
    rng: random.Random,
    drawable: Sequence[Drawable] | None = None,
    scheduled: Sequence[tuple[str, bool, Fn]] | None = None,
) -> list[str]:
    """The events of ``state``'s round, in order; follow-ups due now leave the state's schedule.

    ``drawable`` and ``scheduled``: the plan's, or those of them that can still come (see :class:`Draw`),
    in the plan's order."""
    now = state.round
    drawn = _due(pack, plan, state)
    ctx = Context(state)
    last_seen = state.last_seen
    for event_id, once, scheduled_when in plan.scheduled if scheduled is None else scheduled:
        if event_id in drawn or (once and event_id in last_seen):
            continue
        if scheduled_when(ctx):
            drawn.append(event_id)
    pool: list[str] = []
    weights: list[float] = []
    for event_id, once, cooldown, when, weight_of, fixed in plan.drawable if drawable is None else drawable:
        # (a test of membership first: most events were never drawn, and it costs less than a get())
        if event_id in last_seen and (once or now - last_seen[event_id] <= cooldown):
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
