"""The choices a step offers: per input and option, the :class:`Choice` the host shows, made once per pack.

Choices are immutable and depend only on the content and on whether they are affordable, so each is
made once per pack (both ways) and shared by every step that offers it: a game asks for them at every
step, a simulation thousands of times a second (the tables live in the pack's cache).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import Effects, Event, InputOption, Option
from .pack import Pack
from .plan import Fn
from .steps import Choice

#: the resource spent, the highest cost, the choices when every input is affordable, and per input its
#: cost and its choice when affordable and when not
InputTable = tuple[str | None, float, tuple[Choice, ...], tuple[tuple[float, Choice, Choice], ...]]
OptionTable = tuple[str | None, tuple[tuple[Fn | None, float, Option, Choice, Choice], ...]]


def input_table(pack: Pack, role: str, event: Event) -> InputTable:
    """The resource ``role``'s inputs for ``event`` spend, their highest cost, their choices when all are
    affordable (most steps: no search), and per input: its cost, its choice when affordable and when not."""
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
                    kind=option.kind or "",
                    index=n,
                )
                for ok in (True, False)
            ),
        )
        for n, option in enumerate(inputs)
    )
    highest = max((cost for cost, _, _ in table), default=0)
    made = (res.id if res else None, highest, tuple(ok for _, ok, _ in table), table)
    pack.cache[key] = (inputs, made)
    return made


def input_index(pack: Pack, event: Event) -> dict[str, dict[str, InputOption]]:
    """Per role of the pack, its inputs at ``event`` by id (made once per pack and event, then cached: a
    deliberation looks up the inputs given several times a step)."""
    key = ("input_index", event.id)
    found = pack.cache.get(key)
    if found is not None and found[0] is event and found[1] is pack.roles:
        return found[2]
    made = {role: {i.id: i for i in pack.inputs_for(role, event)} for role in pack.roles}
    pack.cache[key] = (event, pack.roles, made)
    return made


def option_table(pack: Pack, event: Event) -> OptionTable:
    """The resource ``event``'s decider spends, and per option: its condition, cost, the option, and its
    choice when affordable and when not (whose input it honours is filled in per step: :func:`honouring`)."""
    key = ("options", event.id)
    found = pack.cache.get(key)
    if found is not None and found[0] is event:
        return found[1]
    res = pack.roles[event.decider].resource if event.decider else None
    table = tuple(
        (
            None if option.when is None else pack.fn(option.when, "bool"),
            option.cost,
            option,
            *(
                Choice(
                    option.id,
                    option.label,
                    option.description,
                    option.cost,
                    res.id if res else None,
                    touches=touched(option),
                    available=ok,
                    blocked=None if ok else "cost",
                    proposed_by=option.proposed_by,
                    heeds=tuple(option.heeds),
                    index=n,
                )
                for ok in (True, False)
            ),
        )
        for n, option in enumerate(event.options)
    )
    made = (res.id if res else None, table)
    pack.cache[key] = (event, made)
    return made


def with_honours(pack: Pack, choice: Choice, honours: tuple[str, ...]) -> Choice:
    """``choice`` as honouring ``honours`` (the roles whose input given this time it honours).

    Made once per pack, choice and combination of roles, then shared: a Choice is immutable, there are
    only a few combinations per option (the subsets of its consulted roles), and copying a frozen
    dataclass costs more than the rest of a decision step.
    """
    if choice.honours == honours:
        return choice
    key = ("honours", id(choice), honours)
    found = pack.cache.get(key)
    if found is not None and found[0] is choice:
        return found[1]
    made = replace(choice, honours=honours)
    # the choice itself is kept with its variant: an id is only unique while its object lives
    pack.cache[key] = (choice, made)
    return made


def honouring(option: Option, inputs: dict[str, str], kinds: dict[str, str]) -> list[str]:
    """The roles whose input, given this time (``inputs``: role: input id; ``kinds``: role: its kind),
    ``option`` honours: it names the role or that input, or it is the role's own proposal. A role that
    stayed away is honoured by nothing."""
    names = option.honours
    found = []
    for role, input_id in inputs.items():
        kind = kinds[role]
        if kind == "absent":
            continue
        if (
            role in names
            or f"{role}.{input_id}" in names
            or (option.proposed_by == role and kind == "propose")
        ):
            found.append(role)
    return found


def touched(option: Option) -> tuple[str, ...]:
    """The meters and resources an option visibly touches (hidden downsides are not shown)."""
    found: list[str] = []
    parts: Iterable[Effects] = [option.effects, *option.conditional, *option.later]
    for part in parts:
        for target in (*part.change, *part.set):
            if target not in found:
                found.append(target)
    return tuple(found)
