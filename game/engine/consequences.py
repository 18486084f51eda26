"""A decision and what follows at once: whose input it honoured or ignored, the option's cost and effects,
delayed and hidden effects set aside, follow-ups scheduled, and the deliberation rules; or a news item."""

from __future__ import annotations

from typing import Literal

from .choices import honouring, input_index
from .context import Context
from .errors import GameError
from .ledger import Ledger, Source
from .model import Event, InputOption, Option, Scenario
from .pack import Pack
from .plan import effects_plan, event_rules
from .state import EventRecord, GameState, Note, Pending, Scheduled


def decide(
    pack: Pack, scenario: Scenario, state: GameState, ledger: Ledger, event: Event, option: Option
) -> EventRecord:
    """Take ``option`` for ``event`` (being deliberated now) and record it in the state's history."""
    cur = state.current
    assert cur is not None
    record = EventRecord(
        round=state.round,
        event=event.id,
        decider=event.decider,
        consulted=list(cur.consult),
        inputs=dict(cur.inputs),
        decision=option.id,
        outcome=option.outcome,
        # what giving the inputs did at once comes first in the record: it happened first
        changes=list(cur.changes),
    )
    _judge_inputs(pack, record, event, option)
    ctx = Context(state, record)
    changes = record.changes
    # Conditions hold "at the moment of the decision": judged before its cost and effects, as the
    # policy judges them.
    conditional = [effects_plan(pack, part) for part in option.conditional] if option.conditional else ()
    holding = [plan for plan in conditional if plan.when(ctx)]  # type: ignore[misc]
    if option.cost and event.decider:
        ledger.pay(event.decider, option.cost, event.id, option.id, changes)
    ledger.apply(
        option.effects, Source("option", event.id, option.id, critique=option.critique), ctx, changes
    )
    for plan in holding:
        ledger.apply_plan(plan, Source("conditional", event.id, option.id), ctx, changes)
    for n, part in enumerate(option.later):
        _defer(state, "later", n, part.after, event, option)
    for n, part in enumerate(option.hidden):
        role = part.unless_shared_by
        if role in record.heeded:
            record.notes.append(
                Note(
                    kind="averted",
                    round=state.round,
                    event=event.id,
                    option=option.id,
                    role=role,
                    text=part.text,
                    critique=part.critique,
                )
            )
        elif part.after == 0:
            ledger.apply(part, Source("hidden", event.id, option.id), ctx, changes)
        else:
            _defer(state, "hidden", n, part.after, event, option)
    for follow in option.follow_ups:
        state.scheduled.append(Scheduled(event=follow.event, round=state.round + follow.after))
        record.notes.append(
            Note(kind="follow_up", round=state.round, event=event.id, option=option.id, detail=follow.event)
        )
    if record.honoured or record.ignored or record.absent:
        _deliberation_rules(pack, scenario, state, ledger, event, record, ctx)
    state.history.append(record)
    return record


def input_option(pack: Pack, role: str, input_id: str, event: Event) -> InputOption:
    """The input ``role`` gave (by id) at ``event``."""
    found = pack.cache.get(("input_index", event.id))  # input_index(), written out: a few times a step
    index = found[2] if found is not None and found[0] is event and found[1] is pack.roles else None
    by_id = (index or input_index(pack, event)).get(role)
    found = None if by_id is None else by_id.get(input_id)
    if found is None:
        raise GameError("unknown_input", role=role, input=input_id)
    return found


def _judge_inputs(pack: Pack, record: EventRecord, event: Event, option: Option) -> None:
    """Sort the inputs given: shared knowledge; honoured, ignored or absent (an input without voice); and
    heeded: a shared warning the option takes into account (it heeds or honours that role). A warning is
    the role's private knowledge at this event: a role without any shared none, so it is never heeded."""
    given_inputs = {role: input_option(pack, role, i, event) for role, i in record.inputs.items()}
    kinds = {role: given.kind or "" for role, given in given_inputs.items()}
    honoured = honouring(option, record.inputs, kinds)
    for role, given in given_inputs.items():
        if given.shares:
            record.shared.append(role)
            if role in event.private and (role in option.heeds or role in honoured):
                record.heeded.append(role)
        if not given.voice:
            record.absent.append(role)
        elif role in honoured:
            record.honoured.append(role)
        else:
            record.ignored.append(role)


def _deliberation_rules(
    pack: Pack,
    scenario: Scenario,
    state: GameState,
    ledger: Ledger,
    event: Event,
    record: EventRecord,
    ctx: Context,
) -> None:
    """The rules for honoured and ignored input and for roles that stayed away; counts who was heard."""
    rules = event_rules(pack, scenario, event)
    for cause, roles, counts in (
        ("honoured", record.honoured, state.honoured_count),
        ("ignored", record.ignored, state.ignored_count),
        ("absent", record.absent, None),
    ):
        if not roles:
            continue
        rule = getattr(rules, cause)
        for role in roles:
            if counts is not None:
                counts[role] = counts.get(role, 0) + 1
            if rule is None:
                continue
            # a rule may differ per role and per kind of input (an ignored objection costs more than support)
            own = rule.for_input(role, input_option(pack, role, record.inputs[role], event).kind or "")
            ledger.apply_rule(own, Source(cause, record.event, record.decision, role), ctx, record.changes)


def _defer(
    state: GameState, kind: Literal["later", "hidden"], index: int, after: int, event: Event, option: Option
) -> None:
    """Leave the option's ``index``-th delayed or hidden effect for the end of round now + ``after``."""
    state.pending.append(
        Pending(
            due=state.round + after,
            event=event.id,
            option=option.id,
            kind=kind,
            index=index,
            round=state.round,
        )
    )


def news(pack: Pack, state: GameState, ledger: Ledger, event: Event) -> EventRecord:
    """A news item read: its effects, recorded in the state's history."""
    record = EventRecord(round=state.round, event=event.id, decider=None)
    if event.effects is not None:
        record.outcome = event.effects.text
        ledger.apply(event.effects, Source("news", event.id), Context(state, record), record.changes)
    state.history.append(record)
    return record
