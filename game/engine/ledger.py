"""The effects ledger: every change to a meter or resource goes through :meth:`Ledger.move`, which keeps it
in range and records it with its :class:`Source` (why it happened)."""

from __future__ import annotations

from typing import NamedTuple

from .context import Context
from .model import Effects, Text
from .pack import Pack
from .plan import EffectsPlan, RulePlan, amount_of, effects_plan, ranges
from .state import Cause, Change, GameState, Note

_ROUNDED: dict[float, float] = {}
_ROUNDED_KEPT = 1 << 16


class Source(NamedTuple):
    """Why a change happened: the kind of rule, and the event, option, role, text and critique behind it.

    A named tuple: immutable like a frozen dataclass, and made several times a decision at a fraction of
    its cost."""

    cause: Cause
    event: str | None = None
    option: str | None = None
    role: str | None = None
    text: Text | None = None
    critique: str | None = None


class Ledger:
    """Moves a game's meters and resources, and (unless a simulation asks not to) records each change."""

    def __init__(self, pack: Pack, state: GameState, keeps_changes: bool) -> None:
        self.pack = pack
        self.state = state
        self.keeps_changes = keeps_changes
        self._meters = state.meters
        self._resources = state.resources
        self._ranges = ranges(pack)

    def bounds(self, target: str) -> tuple[float, float]:
        """The range a meter or resource is kept in."""
        return self._ranges[target]

    def get(self, target: str) -> float:
        if target in self._meters:
            return self._meters[target]
        return self._resources.get(target, 0.0)

    def move(self, target: str, delta: float, source: Source, changes: list[Change]) -> None:
        """Move a meter or resource by ``delta`` within its range, and record the change in ``changes``."""
        store = self._meters
        old = store.get(target)
        if old is None:
            store = self._resources
            old = store.get(target)
            if old is None:
                return  # a resource of a role not in this scenario
        low, high = self._ranges[target]
        # min(high, max(low, old + delta)) without two calls: on a tie the bound itself, as they give it
        new = old + delta
        if not new > low:
            new = low
        if not new < high:
            new = high
        # round(new, 4), remembered: the same few values come back all game and round() is slow (a few
        # per cent of a simulation); bounded, and a pure function's cache, so it cannot change a result
        # (floats only: an int bound would find the float of the same value and change the number's type)
        if new.__class__ is float:
            rounded = _ROUNDED.get(new)
            if rounded is None:
                rounded = round(new, 4)
                if len(_ROUNDED) < _ROUNDED_KEPT:
                    _ROUNDED[new] = rounded
            new = rounded
        else:
            new = round(new, 4)
        store[target] = new
        if (new != old or delta) and self.keeps_changes:
            # float(): at a whole-numbered bound both sides can be ints
            changes.append(
                Change(
                    target=target,
                    delta=float(round(new - old, 4)),
                    cause=source.cause,
                    round=self.state.round,
                    event=source.event,
                    option=source.option,
                    role=source.role,
                    text=source.text,
                    critique=source.critique,
                )
            )

    def apply(
        self,
        effects: Effects,
        source: Source,
        ctx: Context,
        changes: list[Change],
        notes: list[Note] | None = None,
    ) -> None:
        """Apply effects (``source`` says of which event and option, and the critique they illustrate unless
        they name their own); a text without numbers becomes a note (in ``notes``, else the record's)."""
        self.apply_plan(effects_plan(self.pack, effects), source, ctx, changes, notes)

    def apply_plan(
        self,
        plan: EffectsPlan,
        source: Source,
        ctx: Context,
        changes: list[Change],
        notes: list[Note] | None = None,
    ) -> None:
        """:meth:`apply` for an effects item's plan at hand."""
        text = plan.text
        critique = plan.critique or source.critique
        # the changes' source (a game that records no changes never reads it)
        src = source._replace(text=text, critique=critique) if self.keeps_changes else source
        for target, amount in plan.change:
            # amount_of(amount, ctx), written out: the commonest call of a game
            self.move(target, amount if amount.__class__ is float else amount(ctx), src, changes)
        for target, amount in plan.set:
            self.move(target, amount_of(amount, ctx) - self.get(target), src, changes)
        if plan.flags:
            flags = self.state.flags
            for flag, n in plan.flags:
                count = max(0, flags.get(flag, 0) + n)
                if count:
                    flags[flag] = count
                else:
                    flags.pop(flag, None)
        if text and not plan.change and not plan.set:
            note = Note(
                kind="text",
                round=self.state.round,
                event=source.event,
                option=source.option,
                text=text,
                critique=critique,
            )
            if notes is not None:
                notes.append(note)
            elif ctx.record is not None:
                ctx.record.notes.append(note)

    def apply_rule(self, rule: RulePlan, source: Source, ctx: Context, changes: list[Change]) -> None:
        """Apply a deliberation rule to ``source.role`` (whose input was honoured, ignored, or who stayed away)."""
        src = source._replace(text=None, critique=rule.critique) if self.keeps_changes else source
        for target, amount in rule.change:
            self.move(target, amount if amount.__class__ is float else amount(ctx), src, changes)
        if rule.resource:
            res = self.pack.roles[src.role].resource  # type: ignore[index]
            if res is not None and res.id in self._resources:
                self.move(res.id, rule.resource, src, changes)

    def pay(self, role: str, cost: float, event: str, option: str | None, changes: list[Change]) -> None:
        """What a choice costs its role, from the role's resource (if it has one)."""
        res = self.pack.roles[role].resource
        if res is not None:
            self.move(res.id, -cost, Source("cost", event, option, role), changes)
