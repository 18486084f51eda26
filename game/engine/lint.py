"""Lint for built packs: content that is valid but almost certainly not what the author meant (warnings).

Every check is conservative: it warns only when it can prove the problem from the content alone, such as
an event whose ``when`` compares a meter with a number outside the meter's range. Conditions are judged
by interval arithmetic over the meters' and resources' ranges (:func:`possible`), never by playing.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .builtins import ANY_BOOL, BUILTINS, INF, UNKNOWN, Span
from .model import Effects, Option, RuleEffects
from .pack import Loc, Pack, Problem, all_effects, event_effects, iter_texts


def lint_pack(pack: Pack) -> list[Problem]:
    """Every lint warning for ``pack`` (which must have built without errors)."""
    return list(_Lint(pack).run())


def possible(
    source: str | None, ranges: dict[str, tuple[float, float]], flags: frozenset[str] | None = None
) -> Span:
    """What a condition or formula can give, judged from the ranges of the names it reads.

    ``flags``, when given, are the only flags that can ever be set: ``has`` of any other is false.
    """
    if source is None:
        return ANY_BOOL
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return UNKNOWN
    return _span(tree.body, ranges, flags)


Ranges = dict[str, tuple[float, float]]
Flags = frozenset[str] | None


def _span(node: ast.AST, ranges: Ranges, flags: Flags = None) -> Span:
    judge = _JUDGES.get(type(node))
    return judge(node, ranges, flags) if judge is not None else UNKNOWN


def _constant(node: ast.Constant, ranges: Ranges, flags: Flags) -> Span:
    if isinstance(node.value, bool):
        return Span.truth(node.value, not node.value)
    if isinstance(node.value, int | float):
        return Span.num(float(node.value), float(node.value))
    return UNKNOWN


def _name(node: ast.Name, ranges: Ranges, flags: Flags) -> Span:
    if node.id in ("true", "True"):
        return Span.truth(True, False)
    if node.id in ("false", "False"):
        return Span.truth(False, True)
    lo, hi = ranges.get(node.id, (-INF, INF))
    return Span.num(lo, hi)


def _bool_op(node: ast.BoolOp, ranges: Ranges, flags: Flags) -> Span:
    parts = [_span(v, ranges, flags) for v in node.values]
    if isinstance(node.op, ast.And):
        return Span.truth(all(p.can_true for p in parts), any(p.can_false for p in parts))
    return Span.truth(any(p.can_true for p in parts), all(p.can_false for p in parts))


def _unary_op(node: ast.UnaryOp, ranges: Ranges, flags: Flags) -> Span:
    inner = _span(node.operand, ranges, flags)
    if isinstance(node.op, ast.Not):
        return Span.truth(inner.can_false, inner.can_true)
    if isinstance(node.op, ast.USub):
        return Span.num(-inner.hi, -inner.lo)
    return inner


def _bin_op(node: ast.BinOp, ranges: Ranges, flags: Flags) -> Span:
    a, b = _span(node.left, ranges, flags), _span(node.right, ranges, flags)
    if isinstance(node.op, ast.Add):
        return Span.num(a.lo + b.lo, a.hi + b.hi)
    if isinstance(node.op, ast.Sub):
        return Span.num(a.lo - b.hi, a.hi - b.lo)
    if isinstance(node.op, ast.Mult):
        corners = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi) if not (math.isinf(x) or math.isinf(y))]
        if len(corners) == 4:
            return Span.num(min(corners), max(corners))
    return UNKNOWN


def _compare(node: ast.Compare, ranges: Ranges, flags: Flags) -> Span:
    op = node.ops[0]
    if len(node.ops) != 1:
        return UNKNOWN
    if not isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE | ast.Eq):
        return ANY_BOOL
    a, b = _span(node.left, ranges, flags), _span(node.comparators[0], ranges, flags)
    if math.isinf(a.lo) and math.isinf(a.hi) or math.isinf(b.lo) and math.isinf(b.hi):
        return ANY_BOOL
    if isinstance(op, ast.Lt):
        return Span.truth(a.lo < b.hi, a.hi >= b.lo)
    if isinstance(op, ast.LtE):
        return Span.truth(a.lo <= b.hi, a.hi > b.lo)
    if isinstance(op, ast.Gt):
        return Span.truth(a.hi > b.lo, a.lo <= b.hi)
    if isinstance(op, ast.GtE):
        return Span.truth(a.hi >= b.lo, a.lo < b.hi)
    if a.lo == a.hi == b.lo == b.hi:
        return Span.truth(True, False)
    return Span.truth(a.lo <= b.hi and b.lo <= a.hi, True)


def _call(node: ast.Call, ranges: Ranges, flags: Flags) -> Span:
    """What a built-in can give, by its own rule (see builtins.py); a flag no rule sets is never set."""
    found = BUILTINS.get(node.func.id) if isinstance(node.func, ast.Name) else None
    if found is None:
        return UNKNOWN
    args = [_span(a, ranges, flags) for a in node.args]
    first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
    if flags is not None and found.unset is not None and first not in flags:
        return found.unset
    return found.span_of(args)


def _if_exp(node: ast.IfExp, ranges: Ranges, flags: Flags) -> Span:
    a, b = _span(node.body, ranges, flags), _span(node.orelse, ranges, flags)
    return Span(min(a.lo, b.lo), max(a.hi, b.hi), a.can_true or b.can_true, a.can_false or b.can_false)


#: how lint judges each kind of expression node (others: anything is possible)
_JUDGES: dict[type, Callable[[Any, Ranges, Flags], Span]] = {
    ast.Constant: _constant,
    ast.Name: _name,
    ast.BoolOp: _bool_op,
    ast.UnaryOp: _unary_op,
    ast.BinOp: _bin_op,
    ast.Compare: _compare,
    ast.Call: _call,
    ast.IfExp: _if_exp,
}


def _is_zero(amount: float | str) -> bool:
    return not isinstance(amount, str) and amount == 0


@dataclass(frozen=True)
class Scope:
    """What conditions are judged against: the numbers' ranges, and the flags that can be set (None: any)."""

    scenario: str | None
    ranges: dict[str, tuple[float, float]]
    flags: frozenset[str] | None


class _Lint:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        ranges: dict[str, tuple[float, float]] = {m.id: (m.min, m.max) for m in pack.meters.values()}
        for role in pack.roles.values():
            if role.resource is not None:
                ranges[role.resource.id] = (0.0, role.resource.max)

        def rounds(scenarios: list) -> dict[str, tuple[float, float]]:
            most = float(
                max([s.rounds for s in scenarios] + [v.rounds for s in scenarios for v in s.variants] + [1])
            )
            return {"round": (1.0, most), "rounds": (1.0, most)}

        scenarios = list(pack.scenarios.values())
        self.everywhere = Scope(None, {**ranges, **rounds(scenarios)}, None)
        self.members = {s.id: {e.id for e in pack.events_for(s)} for s in scenarios}
        self.scopes = {s.id: Scope(s.id, {**ranges, **rounds([s])}, self.settable(s.id)) for s in scenarios}

    def settable(self, scenario_id: str) -> frozenset[str]:
        """Flags that can be set in a scenario: at its start, or by its events and round-end rules."""
        scenario = self.pack.scenarios[scenario_id]
        found = {f for f, n in scenario.start.flags.items() if n > 0}
        parts: list[Effects] = list(scenario.round_end)
        for event_id in self.members[scenario_id]:
            parts.extend(event_effects(self.pack.events[event_id]))
        for part in parts:
            found.update(f for f, n in part.flags.items() if n > 0)
        return frozenset(found)

    def scopes_of(self, event_id: str) -> list[Scope]:
        found = [self.scopes[s] for s, ids in self.members.items() if event_id in ids]
        return found or [self.everywhere]

    def warn(self, loc: Loc, message: str) -> Problem:
        return Problem(loc, message, "warning")

    def never(self, source: str | None, scopes: list[Scope] | None = None) -> bool:
        scopes = scopes or [self.everywhere]
        return source is not None and not any(possible(source, sc.ranges, sc.flags).can_true for sc in scopes)

    def always(self, source: str | None, scopes: list[Scope] | None = None) -> bool:
        scopes = scopes or [self.everywhere]
        return source is not None and not any(
            possible(source, sc.ranges, sc.flags).can_false for sc in scopes
        )

    def never_holds(self, loc: Loc, what: str, source: str | None, scopes: list[Scope]) -> Iterator[Problem]:
        """A warning that ``source`` can never hold, saying ``what`` that means and why (none if it can)."""
        if self.never(source, scopes):
            assert source is not None
            yield self.warn(loc, f"{what}: '{source}' can never hold, {self.why(source, scopes)}")

    def why(self, source: str, scopes: list[Scope]) -> str:
        """Why a condition can never hold, in words."""
        loose = {**self.everywhere.ranges, "round": (1.0, 40.0), "rounds": (1.0, 40.0)}
        if not possible(source, loose).can_true:
            return "given the meters' ranges"
        names = [sc.scenario for sc in scopes if sc.scenario]
        unset = sorted(
            {
                f
                for f in _flag_args(source)
                if all(sc.flags is not None and f not in sc.flags for sc in scopes)
            }
        )
        where = f"scenario '{names[0]}'" if len(names) == 1 else "its scenarios"
        if unset:
            return f"flag '{unset[0]}' is never set in {where}"
        return f"given the number of rounds of {where}"

    def run(self) -> Iterator[Problem]:
        yield from self.events()
        yield from self.options()
        yield from self.flags_unread()
        yield from self.endings()
        yield from self.meters()
        yield from self.texts()
        yield from self.private()

    # -- events -----------------------------------------------------------------------------------
    def events(self) -> Iterator[Problem]:
        pack = self.pack
        scheduled = {f.event for e in pack.events.values() for o in e.options for f in o.follow_ups}
        for event in pack.events.values():
            loc: Loc = ("events", event.id)
            scopes = self.scopes_of(event.id)
            yield from self.never_holds((*loc, "when"), "this event can never be drawn", event.when, scopes)
            yield from self.never_holds(
                (*loc, "scheduled"), "this event never comes", event.scheduled, scopes
            )
            if event.follow_up_only and event.id not in scheduled:
                yield self.warn(
                    (*loc, "follow_up_only"),
                    "this follow-up never comes: no option schedules it (add it to an option's follow_ups)",
                )
            if pack.scenarios and not any(event.id in members for members in self.members.values()):
                yield self.warn(
                    (*loc, "decider"),
                    f"this event is in no scenario: its decider '{event.decider}' "
                    "plays in none of its scenarios",
                )

    def options(self) -> Iterator[Problem]:
        for event in self.pack.events.values():
            for n, option in enumerate(event.options):
                loc: Loc = ("events", event.id, "options", n)
                scopes = self.scopes_of(event.id)
                yield from self.never_holds(
                    (*loc, "when"), f"option '{option.id}' is never offered", option.when, scopes
                )
                res = self.pack.roles[event.decider].resource if event.decider in self.pack.roles else None
                if res is not None and option.cost > res.max:
                    yield self.warn(
                        (*loc, "cost"),
                        f"option '{option.id}' can never be chosen: it costs {option.cost:g} and "
                        f"'{res.id}' holds at most {res.max:g}; lower the cost or raise the max",
                    )
                if _all_zero(option):
                    yield self.warn(
                        (*loc, "effects"),
                        f"option '{option.id}': all its effects are zero, so choosing it changes nothing",
                    )

    # -- flags ------------------------------------------------------------------------------------
    def flags_unread(self) -> Iterator[Problem]:
        """A flag that content sets but no expression reads does nothing: say where it is set."""
        read = {f for source, _ in self.pack.compiled for f in _flag_args(source)}
        warned: set[str] = set()
        for loc, flags in self.flag_setters():
            for flag, n in flags.items():
                if n > 0 and flag not in read and flag not in warned:
                    warned.add(flag)
                    yield self.warn(
                        (*loc, "flags", flag),
                        f"flag '{flag}' is set here but never read; read it in a condition or drop it",
                    )

    def flag_setters(self) -> Iterator[tuple[Loc, dict[str, int]]]:
        """Every place that sets flags during a game, with its location (not a scenario's start: a start flag
        describes the situation, and packs built on this one may read it)."""
        for scenario in self.pack.scenarios.values():
            for n, rule in enumerate(scenario.round_end):
                yield ("scenarios", scenario.id, "round_end", n), rule.flags
        for event in self.pack.events.values():
            loc: Loc = ("events", event.id)
            if event.effects is not None:
                yield (*loc, "effects"), event.effects.flags
            for n, option in enumerate(event.options):
                at: Loc = (*loc, "options", n)
                yield (*at, "effects"), option.effects.flags
                for part in ("conditional", "later", "hidden"):
                    for k, item in enumerate(getattr(option, part)):
                        yield (*at, part, k), item.flags
        for role in self.pack.roles.values():
            for n, given in enumerate(role.inputs):
                if given.effects is not None:
                    yield ("roles", role.id, "inputs", n, "effects"), given.effects.flags

    # -- endings ----------------------------------------------------------------------------------
    def endings(self) -> Iterator[Problem]:
        for scenario in self.pack.scenarios.values():
            shadow: str | None = None
            seen: dict[str, str] = {}
            scopes = [self.scopes[scenario.id]]
            for n, ending in enumerate(scenario.endings):
                loc: Loc = ("scenarios", scenario.id, "endings", n)
                if ending.early:
                    never = list(
                        self.never_holds(
                            (*loc, "when"), f"ending '{ending.id}' can never happen", ending.when, scopes
                        )
                    )
                    yield from never
                    if not never and self.always(ending.when, scopes):
                        yield self.warn(
                            (*loc, "when"),
                            f"early ending '{ending.id}' always holds: every game ends after the first round",
                        )
                    continue
                if shadow is not None:
                    yield self.warn(
                        (*loc,),
                        f"ending '{ending.id}' can never be reached: "
                        f"ending '{shadow}' before it always applies",
                    )
                    continue
                if ending.when is not None and ending.when.strip() in seen:
                    yield self.warn(
                        (*loc, "when"),
                        f"ending '{ending.id}' can never be reached: "
                        f"ending '{seen[ending.when.strip()]}' before it has the same condition",
                    )
                else:
                    yield from self.never_holds(
                        (*loc, "when"), f"ending '{ending.id}' can never be reached", ending.when, scopes
                    )
                if ending.when is None or self.always(ending.when, scopes):
                    shadow = ending.id
                else:
                    seen.setdefault(ending.when.strip(), ending.id)

    # -- meters -----------------------------------------------------------------------------------
    def meters(self) -> Iterator[Problem]:
        changed: set[str] = set()
        for effects in all_effects(self.pack):
            changed.update(t for t, a in effects.change.items() if not _is_zero(a))
            changed.update(effects.set)
        for rules in [s.rules for s in self.pack.scenarios.values()] + [
            e.rules for e in self.pack.events.values() if e.rules
        ]:
            for rule in (rules.honoured, rules.ignored, rules.absent):
                for part in _rule_parts(rule):
                    changed.update(t for t, a in part.change.items() if not _is_zero(a))
        for role in self.pack.roles.values():
            for given in role.inputs:
                if given.effects is not None:
                    changed.update(t for t, a in given.effects.change.items() if not _is_zero(a))
        for meter in self.pack.meters.values():
            if meter.id not in changed and _is_zero(meter.drift):
                yield self.warn(
                    ("meters", meter.id),
                    "this meter never changes: no effect, rule or drift touches it",
                )

    # -- texts ------------------------------------------------------------------------------------
    def texts(self) -> Iterator[Problem]:
        declared = set(self.pack.languages)
        found: list[tuple[Loc, dict[str, str]]] = []
        for kind in ("meters", "roles", "critiques", "events", "scenarios"):
            for item in getattr(self.pack, kind).values():
                for path, text in iter_texts(item):
                    found.append(((kind, item.id, *path), text))
        if not found:
            return
        for lang in sorted({k for _, t in found for k in t} - declared):
            missing = [loc for loc, t in found if not str(t.get(lang, "")).strip()]
            if not missing:
                continue
            if len(missing) * 2 <= len(found):
                for loc in missing:
                    yield self.warn(
                        loc, f"text has no '{lang}' translation, while most texts of the pack have one"
                    )
            else:
                yield self.warn(
                    (),
                    f"only {len(found) - len(missing)} of {len(found)} texts have a '{lang}' translation; "
                    f"translate the rest and add {lang} to languages, or remove them",
                )

    def private(self) -> Iterator[Problem]:
        """Private knowledge a role can share is read by the decider too: a text that speaks to its reader
        ("de school en jij") then seems to speak to the decider."""
        pack = self.pack
        for event in pack.events.values():
            for role, text in event.private.items():
                if role not in pack.roles or not any(i.shares for i in pack.inputs_for(role, event)):
                    continue
                for lang, words in text.items():
                    found = _ADDRESS.get(lang)
                    match = found.search(words) if found else None
                    if match:
                        yield self.warn(
                            ("events", event.id, "private", role, lang),
                            f"this private knowledge says '{match.group(0)}', but once {role} shares it the "
                            f"decider reads it too and takes '{match.group(0)}' as themselves: name the role "
                            "instead (or its work, like 'het jongerenwerk')",
                        )


#: Words that address the reader, per language (conservative: Dutch "je" is often impersonal).
_ADDRESS = {
    "nl": re.compile(r"\b(jij|jou|jouw|jezelf)\b", re.IGNORECASE),
    "en": re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE),
}


def _all_zero(option: Option) -> bool:
    """True when the option lists changes, all of them zero, and does nothing else."""
    effects = option.effects
    if not effects.change or not all(_is_zero(a) for a in effects.change.values()):
        return False
    if effects.set or any(effects.flags.values()):
        return False
    return not (option.conditional or option.later or option.hidden or option.follow_ups)


_READS_FLAG = frozenset(name for name, b in BUILTINS.items() if b.refs[:1] == ("flag",))


def _flag_args(source: str) -> list[str]:
    """The flags a condition reads (with has() or flag(): the built-ins whose first argument names a flag)."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return []
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _READS_FLAG
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def _rule_parts(rule: RuleEffects | None) -> list[RuleEffects]:
    """A deliberation rule and every per-kind and per-role rule in it."""
    if rule is None:
        return []
    parts = [rule, *rule.by_kind.values()]
    for part in rule.by_role.values():
        parts += _rule_parts(part)
    return parts
