"""The choices a step offers: per input and option, the :class:`Choice` the host shows, made once per pack.

Choices are immutable and depend only on the content and on whether they are affordable, so each is
made once per pack (both ways) and shared by every step that offers it: a game asks for them at every
step, a simulation thousands of times a second (the tables live in the pack's cache).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Effects, Event, Option
from .pack import Pack
from .plan import Fn
from .steps import Choice

InputTable = tuple[str | None, tuple[tuple[float, Choice, Choice], ...]]
OptionTable = tuple[str | None, tuple[tuple[Fn | None, float, Choice, Choice], ...]]


def input_table(pack: Pack, role: str, event: Event) -> InputTable:
    """The resource ``role``'s inputs for ``event`` spend, and per input: its cost, its choice when
    affordable and when not."""
    inputs = pack.inputs_for(role, event)
    key = ("inputs", role, id(inputs))
    found = pack.cache.get(key)
    if found is not None and found[0] is inputs:
        return found[1]
    res = pack.roles[role].resource
    table = tuple(
        (
            option.cost,
            *(
                Choice(
                    option.id,
                    option.label,
                    option.description,
                    option.cost,
                    res.id if res else None,
                    available=ok,
                    blocked=None if ok else "cost",
                    voice=option.voice,
                    shares=option.shares,
                )
                for ok in (True, False)
            ),
        )
        for option in inputs
    )
    made = (res.id if res else None, table)
    pack.cache[key] = (inputs, made)
    return made


def option_table(pack: Pack, event: Event) -> OptionTable:
    """The resource ``event``'s decider spends, and per option: its condition, cost, and its choice when
    affordable and when not."""
    key = ("options", event.id)
    found = pack.cache.get(key)
    if found is not None and found[0] is event:
        return found[1]
    res = pack.roles[event.decider].resource if event.decider else None
    table = tuple(
        (
            None if option.when is None else pack.fn(option.when, "bool"),
            option.cost,
            *(
                Choice(
                    option.id,
                    option.label,
                    option.description,
                    option.cost,
                    res.id if res else None,
                    touches=touched(option),
                    honours=tuple(option.honours),
                    available=ok,
                    blocked=None if ok else "cost",
                )
                for ok in (True, False)
            ),
        )
        for option in event.options
    )
    made = (res.id if res else None, table)
    pack.cache[key] = (event, made)
    return made


def touched(option: Option) -> tuple[str, ...]:
    """The meters and resources an option visibly touches (hidden downsides are not shown)."""
    found: list[str] = []
    parts: Iterable[Effects] = [option.effects, *option.conditional, *option.later]
    for part in parts:
        for target in (*part.change, *part.set):
            if target not in found:
                found.append(target)
    return tuple(found)
