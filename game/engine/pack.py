"""A compiled content pack: items by id, every expression compiled, every reference checked.

:func:`build_pack` turns validated items into a :class:`Pack` and reports each problem with the location
of the item and field it concerns (``("events", "youth_centre", "options", 1, "when")``); the data layer
turns such locations into ``file:line``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from .expr import Compiled, ExprError, Names, Type, compile_expr, constant, did_you_mean
from .model import (
    Critique,
    Effects,
    Ending,
    Event,
    InputOption,
    Manifest,
    Meter,
    Option,
    Role,
    RuleEffects,
    Rules,
    Scenario,
    Text,
    field_types,
    is_content,
)

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """Something wrong (or, as a warning, suspicious) in content, with where it is."""

    loc: Loc
    message: str
    severity: Literal["error", "warning"] = "error"


@dataclass
class Pack:
    """Compiled content: what the engine plays. Build it with :func:`build_pack`."""

    manifest: Manifest
    meters: dict[str, Meter] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    critiques: dict[str, Critique] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    #: compiled expressions by (source, type); None until first used in a pack built from checked items
    compiled: dict[tuple[str, Type], Compiled | None] = field(default_factory=dict)
    #: resource id -> role id
    resource_owner: dict[str, str] = field(default_factory=dict)
    #: a stable digest of the content (set by the loader; saves record it)
    digest: str = ""

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def languages(self) -> list[str]:
        return list(self.manifest.languages)

    #: compiled plain numbers, made once (the engine asks for them many times a round)
    _constants: dict[tuple[Any, Type], Compiled] = field(default_factory=dict, repr=False, compare=False)
    #: what the engine works out once per pack (see :mod:`game.engine.plan`)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    #: the names expressions may use, for compiling on first use (see :func:`build_pack`'s ``checked``)
    names: Names | None = field(default=None, repr=False, compare=False)

    def expr(self, source: str | float | int | bool, kind: Type) -> Compiled:
        """The compiled form of an expression or number from this pack's content."""
        if isinstance(source, bool | int | float):
            found = self._constants.get((source, kind))
            if found is None:
                found = constant(float(source) if kind == "num" else bool(source))
                self._constants[(source, kind)] = found
            return found
        found = self.compiled[(source, kind)]
        if found is None:  # known to compile (the pack was built from checked items): compiled now
            found = self.compiled[(source, kind)] = compile_expr(source, self.names or Names(), kind)
        return found

    def fn(self, source: str | float | int | bool, kind: Type) -> Callable[[Any], Any]:
        """The closure of :meth:`expr` itself, for the engine's hot path (one call fewer per evaluation)."""
        return self.expr(source, kind).fn

    def inputs_for(self, role: str, event: Event | None) -> list:
        """The input options of ``role`` for ``event`` (the event's own, or the role's usual ones)."""
        if event is not None and role in event.inputs:
            return event.inputs[role]
        return self.roles[role].inputs

    def events_for(self, scenario: Scenario) -> list[Event]:
        """Events that belong to the scenario and whose decider (if any) plays in it."""
        roles = set(scenario.roles)
        return [
            e
            for e in self.events.values()
            if (not e.scenarios or scenario.id in e.scenarios) and (e.decider is None or e.decider in roles)
        ]


def event_effects(event: Event) -> Iterator[Effects]:
    """Every effects item of an event: its news effects, and each option's immediate, conditional,
    later and hidden effects."""
    if event.effects:
        yield event.effects
    for option in event.options:
        yield option.effects
        yield from option.conditional
        yield from option.later
        yield from option.hidden


def all_effects(pack: Pack) -> Iterator[Effects]:
    """Every effects item of the pack: the events' (see :func:`event_effects`), then the scenarios'
    round-end rules."""
    for event in pack.events.values():
        yield from event_effects(event)
    for scenario in pack.scenarios.values():
        yield from scenario.round_end


def build_pack(
    manifest: Manifest, items: dict[str, list[Any]], *, checked: bool = False
) -> tuple[Pack, list[Problem]]:
    """Compile validated items (by kind) into a pack, collecting every problem rather than stopping.

    ``checked``: these items built before without an error (the content cache holds only such): only
    the tables and the names expressions may use are made, no check runs again, and the caller lists the
    expressions (``Pack.compiled``'s keys from that earlier build) as None, each compiled on first use
    (:meth:`Pack.expr`, the same closure). A pack from the files is always built unchecked, so every
    problem is still found there.
    """
    builder = _Builder(manifest, items, checked)
    builder.run()
    return builder.pack, builder.problems


class _Builder:
    def __init__(self, manifest: Manifest, items: dict[str, list[Any]], checked: bool = False) -> None:
        self.pack = Pack(manifest)
        self.items = items
        self.checked = checked
        self.problems: list[Problem] = []
        self.names = Names()

    def error(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def run(self) -> None:
        self.index()
        self.collect_names()
        self.pack.names = self.names
        if self.checked:
            return
        self.check_texts()
        for meter in self.pack.meters.values():
            self.check_meter(meter)
        for role in self.pack.roles.values():
            self.check_role(role)
        for event in self.pack.events.values():
            self.check_event(event)
        for scenario in self.pack.scenarios.values():
            self.check_scenario(scenario)

    # -- indexing -------------------------------------------------------------------------------
    def index(self) -> None:
        for kind in ("meters", "roles", "critiques", "events", "scenarios"):
            table: dict[str, Any] = getattr(self.pack, kind)
            for item in self.items.get(kind, []):
                if item.id in table:
                    # The loader reports duplicates with both files; keep the first here.
                    continue
                table[item.id] = item
        for meter_id in self.pack.meters:
            if meter_id in ("round", "rounds"):
                self.error(
                    ("meters", meter_id, "id"),
                    f"meter id '{meter_id}' is taken: expressions read '{meter_id}' as the game's "
                    f"{'round' if meter_id == 'round' else 'number of rounds'}; give the meter another id",
                )
        taken = set(self.pack.meters)
        for role in self.pack.roles.values():
            if role.resource is None:
                continue
            rid = role.resource.id
            if rid in taken or rid in ("round", "rounds"):
                self.error(
                    ("roles", role.id, "resource", "id"),
                    f"resource id '{rid}' is already a meter or resource",
                )
                continue
            taken.add(rid)
            self.pack.resource_owner[rid] = role.id

    def collect_names(self) -> None:
        pack = self.pack
        self.names.numbers = set(pack.meters) | set(pack.resource_owner) | {"round", "rounds"}
        flags: set[str] = set()
        for effects in all_effects(pack):
            flags.update(f for f, n in effects.flags.items() if n > 0)
        for scenario in pack.scenarios.values():
            flags.update(f for f, n in scenario.start.flags.items() if n > 0)
        self.names.ids = {
            "flag": flags,
            "event": set(pack.events),
            "role": set(pack.roles),
        }
        self.names.inputs = {}
        for role in pack.roles.values():
            known = {i.id for i in role.inputs}
            for event in pack.events.values():
                known.update(i.id for i in event.inputs.get(role.id, []))
            self.names.inputs[role.id] = known
        self.names.options = {e.id: {o.id for o in e.options} for e in pack.events.values()}

    # -- shared checks --------------------------------------------------------------------------
    def compile(self, loc: Loc, source: Any, kind: Type) -> None:
        if source is None or isinstance(source, bool | int | float):
            return
        key = (source, kind)
        if key in self.pack.compiled:
            return
        try:
            self.pack.compiled[key] = compile_expr(source, self.names, kind)
        except ExprError as err:
            self.error(loc, str(err))

    def check_ref(self, loc: Loc, kind: str, value: str | None, table: dict[str, Any]) -> bool:
        if value is None or value in table:
            return True
        self.error(loc, f"unknown {kind} '{value}'{did_you_mean(value, table)}")
        return False

    def check_effects(self, loc: Loc, effects: Effects, roles: set[str] | None = None) -> None:
        targets = set(self.pack.meters) | set(self.pack.resource_owner)
        for part in ("change", "set"):
            for target, amount in getattr(effects, part).items():
                if target not in targets:
                    hint = did_you_mean(target, targets)
                    self.error((*loc, part, target), f"unknown meter or resource '{target}'{hint}")
                self.compile((*loc, part, target), amount, "num")
        self.check_ref((*loc, "critique"), "critique", effects.critique, self.pack.critiques)
        when = getattr(effects, "when", None)
        self.compile((*loc, "when"), when, "bool")

    def check_rules(self, loc: Loc, rules: Rules | None) -> None:
        if rules is None:
            return
        for name in ("honoured", "ignored", "absent"):
            rule = getattr(rules, name)
            if rule is not None:
                self.check_rule((*loc, name), rule)

    def check_rule(self, loc: Loc, rule: RuleEffects) -> None:
        targets = set(self.pack.meters) | set(self.pack.resource_owner)
        for target, amount in rule.change.items():
            if target not in targets:
                self.error(
                    (*loc, "change", target), f"unknown meter '{target}'{did_you_mean(target, targets)}"
                )
            self.compile((*loc, "change", target), amount, "num")
        self.check_ref((*loc, "critique"), "critique", rule.critique, self.pack.critiques)
        for kind, part in rule.by_kind.items():
            for name in ("by_kind", "by_role"):
                if getattr(part, name):
                    self.error(
                        (*loc, "by_kind", kind, name), f"a rule for one kind of input has no {name} itself"
                    )
            self.check_rule((*loc, "by_kind", kind), part)
        for role, part in rule.by_role.items():
            if role not in self.pack.roles:
                hint = did_you_mean(role, self.pack.roles)
                self.error((*loc, "by_role", role), f"unknown role '{role}'{hint}")
            if part.by_role:
                self.error((*loc, "by_role", role, "by_role"), "a rule for one role has no by_role itself")
            self.check_rule((*loc, "by_role", role), part)

    def check_texts(self) -> None:
        langs = self.pack.manifest.languages
        for kind in ("meters", "roles", "critiques", "events", "scenarios"):
            for item in getattr(self.pack, kind).values():
                for path, text in iter_texts(item):
                    loc = (kind, item.id, *path)
                    missing = [lang for lang in langs if not str(text.get(lang, "")).strip()]
                    if missing:
                        self.error(
                            loc,
                            f"text is missing its {', '.join(missing)} translation; add {missing[0]}: ...",
                        )
                    extra = [k for k in text if k not in ("nl", "en")]
                    if extra:
                        self.error(loc, f"unknown language '{extra[0]}' in a text; use nl and en")

    # -- per kind -------------------------------------------------------------------------------
    def check_meter(self, meter: Meter) -> None:
        loc: Loc = ("meters", meter.id)
        if meter.min >= meter.max:
            self.error((*loc, "max"), f"max ({meter.max}) must be above min ({meter.min})")
        elif not meter.min <= meter.start <= meter.max:
            self.error((*loc, "start"), f"start ({meter.start}) must lie between min and max")
        self.compile((*loc, "drift"), meter.drift, "num")

    def check_role(self, role: Role) -> None:
        loc: Loc = ("roles", role.id)
        ids = [i.id for i in role.inputs]
        for dup in {i for i in ids if ids.count(i) > 1}:
            self.error((*loc, "inputs"), f"input id '{dup}' appears twice")
        if not any(i.cost == 0 for i in role.inputs):
            self.error((*loc, "inputs"), "every role needs one input that costs nothing (like staying away)")
        for n, option in enumerate(role.inputs):
            self.compile((*loc, "inputs", n, "ai_weight"), option.ai_weight, "num")
            if option.effects is not None:
                self.check_effects((*loc, "inputs", n, "effects"), option.effects)
        for meter in role.priorities:
            if meter not in self.pack.meters:
                self.error(
                    (*loc, "priorities", meter),
                    f"unknown meter '{meter}'{did_you_mean(meter, self.pack.meters)}",
                )
        for n, goal in enumerate(role.goals):
            self.compile((*loc, "goals", n, "when"), goal.when, "bool")
        if role.resource is not None:
            self.compile((*loc, "resource", "refresh"), role.resource.refresh, "num")
            if role.resource.start > role.resource.max:
                self.error((*loc, "resource", "start"), "the resource's start is above its max")

    def check_event(self, event: Event) -> None:
        pack = self.pack
        loc: Loc = ("events", event.id)
        self.check_kind_of_event(loc, event)
        for n, role in enumerate(event.consult or []):
            if self.check_ref((*loc, "consult", n), "role", role, pack.roles) and role == event.decider:
                self.error((*loc, "consult", n), f"the decider '{role}' cannot also be consulted")
        for role in event.private:
            self.check_ref((*loc, "private", role), "role", role, pack.roles)
        for role, inputs in event.inputs.items():
            self.check_event_inputs((*loc, "inputs", role), role, inputs)
        for n, sid in enumerate(event.scenarios):
            self.check_ref((*loc, "scenarios", n), "scenario", sid, pack.scenarios)
        for n, cid in enumerate(event.critiques):
            self.check_ref((*loc, "critiques", n), "critique", cid, pack.critiques)
        self.compile((*loc, "when"), event.when, "bool")
        self.compile((*loc, "scheduled"), event.scheduled, "bool")
        self.compile((*loc, "weight"), event.weight, "num")
        if event.effects is not None:
            self.check_effects((*loc, "effects"), event.effects)
        self.check_rules((*loc, "rules"), event.rules)
        for n, option in enumerate(event.options):
            self.check_option((*loc, "options", n), event, option)
        for role in event.proposals:
            if self.check_ref((*loc, "proposals", role), "role", role, pack.roles) and not self.proposes(
                role, event
            ):
                self.error(
                    (*loc, "proposals", role),
                    f"role '{role}' has no input of kind propose at this event, so it never proposes this; "
                    "give it one (kind: propose) or drop the proposal",
                )

    def check_kind_of_event(self, loc: Loc, event: Event) -> None:
        """A dilemma has a decider and options (one always open); a news event has neither, nor consults."""
        if event.decider is not None:
            self.check_ref((*loc, "decider"), "role", event.decider, self.pack.roles)
            if len(event.options) < 2:
                self.error((*loc, "options"), "an event with a decider needs at least two options")
            elif all(o.when is not None or o.proposed_by is not None for o in event.options):
                self.error(
                    (*loc, "options"),
                    "give at least one option no 'when' and no 'proposed_by', so there is always a choice",
                )
            if event.effects is not None:
                self.error(
                    (*loc, "effects"), "only news events (no decider) have effects; put them on an option"
                )
        else:
            if event.options:
                self.error((*loc, "options"), "a news event (no decider) has no options; add a decider")
            if event.consult:
                self.error((*loc, "consult"), "a news event (no decider) consults nobody")

    def check_event_inputs(self, loc: Loc, role: str, inputs: list[InputOption]) -> None:
        """An event's own inputs for ``role``: at least one, one free, ids unique, expressions compiled."""
        self.check_ref(loc, "role", role, self.pack.roles)
        if not inputs:
            # An empty list would leave the role with nothing to choose and stall the game.
            self.error(loc, "give at least one input (one that costs nothing), or leave this role out")
        elif not any(i.cost == 0 for i in inputs):
            self.error(loc, "one of these inputs must cost nothing")
        ids = [i.id for i in inputs]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            self.error(loc, f"input id '{dup}' appears twice")
        for n, given in enumerate(inputs):
            # Computer players weigh these inputs like the role's own: compile their ai_weight too.
            self.compile((*loc, n, "ai_weight"), given.ai_weight, "num")
            if given.effects is not None:
                self.check_effects((*loc, n, "effects"), given.effects)

    def proposes(self, role: str, event: Event) -> bool:
        """Whether ``role`` can give a propose input at ``event``."""
        return any(i.kind == "propose" for i in self.pack.inputs_for(role, event))

    def consulted(self, role: str, event: Event) -> bool:
        """Whether ``event`` may ask ``role`` for input (in some scenario)."""
        if role == event.decider:
            return False
        return event.consult is None or role in event.consult

    def check_option(self, loc: Loc, event: Event, option: Option) -> None:
        pack = self.pack
        self.compile((*loc, "when"), option.when, "bool")
        self.check_ref((*loc, "critique"), "critique", option.critique, pack.critiques)
        for n, ref in enumerate(option.honours):
            role, _, input_id = ref.partition(".")
            if not self.check_ref((*loc, "honours", n), "role", role, pack.roles):
                continue
            if input_id:
                known = {i.id for i in pack.inputs_for(role, event)}
                if input_id not in known:
                    self.error(
                        (*loc, "honours", n),
                        f"role '{role}' has no input '{input_id}'{did_you_mean(input_id, known)}",
                    )
        self.check_effects((*loc, "effects"), option.effects)
        for n, part in enumerate(option.conditional):
            self.check_effects((*loc, "conditional", n), part)
        for n, part in enumerate(option.later):
            self.check_effects((*loc, "later", n), part)
        for n, part in enumerate(option.hidden):
            self.check_effects((*loc, "hidden", n), part)
            where, role = (*loc, "hidden", n, "unless_shared_by"), part.unless_shared_by
            if self.check_ref(where, "role", role, pack.roles) and role not in event.private:
                self.error(
                    where,
                    f"role '{role}' has no private knowledge at this event, so it has nothing to share that "
                    f"would reveal this; give the event private: {{{role}: ...}} or name a role that has",
                )
        for n, role in enumerate(option.heeds):
            if self.check_ref((*loc, "heeds", n), "role", role, pack.roles) and role not in event.private:
                self.error(
                    (*loc, "heeds", n),
                    f"role '{role}' has no private knowledge at this event, so there is no warning to heed; "
                    f"give the event private: {{{role}: ...}} or drop it from heeds",
                )
        role = option.proposed_by
        if role is not None and self.check_ref((*loc, "proposed_by"), "role", role, pack.roles):
            if not self.consulted(role, event):
                self.error(
                    (*loc, "proposed_by"),
                    f"role '{role}' is not consulted at this event, so it can never propose this; "
                    "add it to consult or drop proposed_by",
                )
            elif not self.proposes(role, event):
                self.error(
                    (*loc, "proposed_by"),
                    f"role '{role}' has no input of kind propose at this event, so this is never offered; "
                    "give it one (kind: propose)",
                )
        for n, follow in enumerate(option.follow_ups):
            self.check_ref((*loc, "follow_ups", n, "event"), "event", follow.event, pack.events)

    def check_scenario(self, scenario: Scenario) -> None:
        pack = self.pack
        loc: Loc = ("scenarios", scenario.id)
        for n, role in enumerate(scenario.roles):
            self.check_ref((*loc, "roles", n), "role", role, pack.roles)
        if len(set(scenario.roles)) != len(scenario.roles):
            self.error((*loc, "roles"), "a role is listed twice")
        for meter in scenario.start.meters:
            if self.check_ref((*loc, "start", "meters", meter), "meter", meter, pack.meters):
                m = pack.meters[meter]
                value = scenario.start.meters[meter]
                if not m.min <= value <= m.max:
                    self.error(
                        (*loc, "start", "meters", meter), f"start value {value} is outside {m.min}..{m.max}"
                    )
        self.check_rules((*loc, "rules"), scenario.rules)
        for n, rule in enumerate(scenario.round_end):
            self.check_effects((*loc, "round_end", n), rule)
        finals = [e for e in scenario.endings if not e.early]
        if not finals:
            self.error((*loc, "endings"), "add at least one ending that is not early")
        elif finals[-1].when is not None:
            self.error(
                (*loc, "endings"),
                f"the last ending ('{finals[-1].id}') must have no 'when', so every game ends",
            )
        ids: set[str] = set()
        for n, ending in enumerate(scenario.endings):
            self.check_ending((*loc, "endings", n), ending)
            if ending.id in ids:
                self.error((*loc, "endings", n, "id"), f"ending id '{ending.id}' appears twice")
            ids.add(ending.id)
            if ending.early and ending.when is None:
                self.error((*loc, "endings", n, "when"), "an early ending needs a 'when'")
        variants = [v.id for v in scenario.variants]
        for n, vid in enumerate(variants):
            if variants.count(vid) > 1:
                self.error((*loc, "variants", n, "id"), f"variant id '{vid}' appears twice")
        playable = [e for e in pack.events_for(scenario) if not e.follow_up_only]
        # An event whose decider is unknown is reported on its own; do not blame the scenario too.
        broken = [e for e in pack.events.values() if e.decider is not None and e.decider not in pack.roles]
        if not playable and not broken:
            self.error((*loc,), "no event can be drawn in this scenario")

    def check_ending(self, loc: Loc, ending: Ending) -> None:
        self.compile((*loc, "when"), ending.when, "bool")
        if ending.when is not None and (ending.when, "bool") in self.pack.compiled:
            # imported here: a checked build (a start from the content cache) needs no explanations yet
            from .explain import explained_parts

            # what the ending's explanation evaluates (explain.py); a part that is no expression of its
            # own (the other side of a comparison that is not a number) is simply not explained
            for source, kind in explained_parts(ending.when):
                if (source, kind) not in self.pack.compiled:
                    try:
                        self.pack.compiled[(source, kind)] = compile_expr(source, self.names, kind)
                    except ExprError:
                        pass
        for n, cid in enumerate(ending.critiques):
            self.check_ref((*loc, "critiques", n), "critique", cid, self.pack.critiques)


# -- texts ---------------------------------------------------------------------------------------
def _is_text(annotation: Any) -> bool:
    if annotation == Text:
        return True
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return any(_is_text(a) for a in typing.get_args(annotation) if a is not type(None))
    return False


def _is_text_map(annotation: Any) -> bool:
    return typing.get_origin(annotation) is dict and _is_text(typing.get_args(annotation)[1])


def _holds_items(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return is_content(annotation)
    return any(_holds_items(a) for a in typing.get_args(annotation))


@cache
def _text_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """The fields of a content model that hold texts, as (name, how): a text, a mapping of texts, or
    items that may hold texts themselves (worked out once per model: the types do not change)."""
    found = []
    for name, annotation in field_types(cls).items():
        if _is_text(annotation):
            found.append((name, "text"))
        elif _is_text_map(annotation):
            found.append((name, "text_map"))
        elif _holds_items(annotation):
            found.append((name, "items"))
    return tuple(found)


def iter_texts(item: Any, path: Loc = ()) -> Iterator[tuple[Loc, Text]]:
    """Every player-facing text in a content item, with its path inside the item."""
    for name, how in _text_fields(type(item)):
        value = getattr(item, name)
        if value is None:
            continue
        if how == "text":
            # A field that may also be a plain string (a critique's citation) has no languages to check.
            if isinstance(value, dict):
                yield (*path, name), value
        elif how == "text_map":
            for key, text in value.items():
                yield (*path, name, key), text
        elif is_content(value):
            yield from iter_texts(value, (*path, name))
        elif isinstance(value, list):
            for n, entry in enumerate(value):
                if is_content(entry):
                    yield from iter_texts(entry, (*path, name, n))
        elif isinstance(value, dict):
            for key, entry in value.items():
                if isinstance(entry, list):
                    for n, sub in enumerate(entry):
                        if is_content(sub):
                            yield from iter_texts(sub, (*path, name, key, n))
