"""The engine's view of a pack, worked out once: every effect's targets with their compiled closures, and
per scenario the events that can be drawn, the drifts, round-end rules, refreshes and endings.

Content never changes during a game, and a simulation plays thousands of games of one pack: what the
round loop would otherwise look up, filter and dispatch on at every step is prepared here, once per pack
(the plans live in the pack's cache), in the same order the rules read the content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .model import Effects, Event, RuleEffects, Scenario, Text
from .pack import Pack

#: A compiled expression's closure: reads the game through a context, gives a value.
Fn = Callable[[Any], Any]
#: An amount to move a meter or resource by: a plain number as the float it gives (no call needed), or
#: the closure of the expression that computes it (see :func:`amount`).
Amount = float | Fn


def amount(pack: Pack, source: str | float | int | bool) -> Amount:
    """The amount of content's ``source``: ``float(source)`` for a plain number (what its compiled
    constant would give), else the expression's closure."""
    if isinstance(source, bool | int | float):
        return float(source)
    return pack.fn(source, "num")


def amount_of(value: Amount, ctx: Any) -> float:
    """An amount's value now."""
    return value if value.__class__ is float else value(ctx)  # type: ignore[operator,return-value]


@dataclass(frozen=True, slots=True)
class EffectsPlan:
    """An :class:`~game.engine.model.Effects` with its amounts compiled."""

    change: tuple[tuple[str, Amount], ...]
    set: tuple[tuple[str, Amount], ...]
    flags: tuple[tuple[str, int], ...]
    text: Text | None
    critique: str | None
    #: the condition of a conditional, delayed or round-end effect (None: always)
    when: Fn | None


@dataclass(frozen=True, slots=True)
class RulePlan:
    """A deliberation rule (:class:`~game.engine.model.RuleEffects`) with its amounts compiled."""

    change: tuple[tuple[str, Amount], ...]
    resource: float
    critique: str | None
    #: per kind of input, the rule that applies instead (RuleEffects.by_kind)
    by_kind: dict[str, RulePlan]
    #: per role, the rule that applies instead, its by_kind included (RuleEffects.by_role)
    by_role: dict[str, RulePlan]

    def for_input(self, role: str, kind: str) -> RulePlan:
        """The rule that applies to ``role``'s input of ``kind``: the role's own, then that kind's."""
        own = self.by_role.get(role, self)
        return own.by_kind.get(kind, own)


@dataclass(frozen=True, slots=True)
class EventRules:
    """The deliberation rules that hold for one event in one scenario: its own, else the scenario's."""

    honoured: RulePlan | None
    ignored: RulePlan | None
    absent: RulePlan | None


class Drawable(NamedTuple):
    """An event the round's draw may pick, with its condition and weight (a tuple: the draw unpacks it)."""

    id: str
    once: bool
    cooldown: int
    when: Fn | None
    #: the weight's closure, or None when the weight is a plain number (then ``fixed`` holds it)
    weight: Fn | None
    #: a plain weight as the draw uses it: ``max(0.0, float(weight))``
    fixed: float


@dataclass(frozen=True, slots=True)
class ScenarioPlan:
    """A scenario's rules in the order the engine applies them."""

    events: list[Event]
    event_ids: frozenset[str]
    #: the pack's events that have a decider (a draw counts them against the round's events)
    dilemmas: frozenset[str]
    #: the scenario's events that come only once (a game's draw forgets them once drawn)
    once: frozenset[str]
    #: events that come for sure when their condition holds: (id, once, condition)
    scheduled: tuple[tuple[str, bool, Fn], ...]
    drawable: tuple[Drawable, ...]
    #: meters that drift at round end: (meter id, amount)
    drifts: tuple[tuple[str, Fn], ...]
    round_end: tuple[EffectsPlan, ...]
    #: resources that refresh at round end: (role id, resource id, amount)
    refresh: tuple[tuple[str, str, Fn], ...]
    #: early endings, checked every round: (ending id, condition)
    early: tuple[tuple[str, Fn], ...]
    #: the other endings in order, checked after the last round: (ending id, condition or None)
    final: tuple[tuple[str, Fn | None], ...]


def effects_plan(pack: Pack, effects: Effects) -> EffectsPlan:
    """The plan of one effects item of ``pack`` (made once, then cached in the pack)."""
    cache = pack.cache
    key = ("effects", id(effects))
    found = cache.get(key)
    if found is not None and found[0] is effects:
        return found[1]
    when = getattr(effects, "when", None)
    plan = EffectsPlan(
        change=tuple((t, amount(pack, a)) for t, a in effects.change.items()),
        set=tuple((t, amount(pack, a)) for t, a in effects.set.items()),
        flags=tuple(effects.flags.items()),
        text=effects.text,
        critique=effects.critique,
        when=None if when is None else pack.fn(when, "bool"),
    )
    # The item itself is kept with its plan: an id is only unique while its object lives.
    cache[key] = (effects, plan)
    return plan


def ranges(pack: Pack) -> dict[str, tuple[float, float]]:
    """The range each meter and resource of ``pack`` is kept in, by id (made once, then cached in the pack;
    made anew if the pack's meters or roles are replaced)."""
    found = pack.cache.get("ranges")
    if found is not None and found[0] is pack.meters and found[1] is pack.roles:
        return found[2]
    made = {m.id: (m.min, m.max) for m in pack.meters.values()}
    for role in pack.roles.values():
        if role.resource is not None and role.resource.id not in made:
            made[role.resource.id] = (0.0, role.resource.max)
    pack.cache["ranges"] = (pack.meters, pack.roles, made)
    return made


def rule_plan(pack: Pack, item: RuleEffects) -> RulePlan:
    """A deliberation rule with its amounts compiled, and its per-kind and per-role variants."""
    change = tuple((t, amount(pack, a)) for t, a in item.change.items())
    by_kind = {kind: rule_plan(pack, part) for kind, part in item.by_kind.items()}
    by_role = {role: rule_plan(pack, part) for role, part in item.by_role.items()}
    return RulePlan(change, item.resource, item.critique, by_kind, by_role)


def event_rules(pack: Pack, scenario: Scenario, event: Event) -> EventRules:
    """The rules for honoured, ignored and absent input at ``event`` in ``scenario`` (made once, cached)."""
    key = ("rules", scenario.id, event.id)
    found = pack.cache.get(key)
    if found is not None and found[0] is event and found[1] is scenario:
        return found[2]

    def rule(kind: str) -> RulePlan | None:
        own = getattr(event.rules, kind) if event.rules is not None else None
        item = own if own is not None else getattr(scenario.rules, kind)
        return None if item is None else rule_plan(pack, item)

    made = EventRules(rule("honoured"), rule("ignored"), rule("absent"))
    pack.cache[key] = (event, scenario, made)
    return made


def scenario_plan(pack: Pack, scenario: Scenario) -> ScenarioPlan:
    """The plan of one scenario of ``pack`` (made once, then cached in the pack)."""
    key = ("scenario", scenario.id)
    found = pack.cache.get(key)
    if found is not None and found[0] is scenario:
        return found[1]
    events = pack.events_for(scenario)
    scheduled = tuple((e.id, e.once, pack.fn(e.scheduled, "bool")) for e in events if e.scheduled is not None)
    drawable = []
    for e in events:
        if e.follow_up_only or e.scheduled is not None:
            continue
        constant = isinstance(e.weight, bool | int | float)
        drawable.append(
            Drawable(
                id=e.id,
                once=e.once,
                cooldown=e.cooldown,
                when=None if e.when is None else pack.fn(e.when, "bool"),
                weight=None if constant else pack.fn(e.weight, "num"),
                fixed=max(0.0, float(e.weight)) if constant else 0.0,
            )
        )
    refresh = []
    for role_id in scenario.roles:
        res = pack.roles[role_id].resource
        if res is not None:
            refresh.append((role_id, res.id, pack.fn(res.refresh, "num")))
    plan = ScenarioPlan(
        events=events,
        event_ids=frozenset(e.id for e in events),
        dilemmas=frozenset(e.id for e in pack.events.values() if e.decider is not None),
        once=frozenset(e.id for e in events if e.once),
        scheduled=scheduled,
        drawable=tuple(drawable),
        drifts=tuple((m.id, pack.fn(m.drift, "num")) for m in pack.meters.values() if m.drift),
        round_end=tuple(effects_plan(pack, rule) for rule in scenario.round_end),
        refresh=tuple(refresh),
        early=tuple((e.id, pack.fn(e.when, "bool")) for e in scenario.endings if e.early),
        final=tuple(
            (e.id, None if e.when is None else pack.fn(e.when, "bool"))
            for e in scenario.endings
            if not e.early
        ),
    )
    pack.cache[key] = (scenario, plan)
    return plan
