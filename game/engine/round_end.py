"""The end of a round: delayed and hidden effects that came due, drifts, round-end rules, refreshes, and
whether the game ends."""

from __future__ import annotations

from .context import Context
from .errors import GameError
from .ledger import Ledger, Source
from .model import Event, Option, Scenario
from .pack import Pack
from .plan import ScenarioPlan, effects_plan
from .state import Change, EventRecord, GameState, Note, Pending, RoundRecord

_DRIFT = Source("drift")
_ROUND_END = Source("round_end")
#: a refresh's source per role id: immutable and the same every round, so made once (a handful of roles)
_REFRESH: dict[str, Source] = {}


def end_round(
    pack: Pack, scenario: Scenario, plan: ScenarioPlan, state: GameState, ledger: Ledger
) -> RoundRecord:
    """Close ``state``'s round: its record (also kept in the state's round log); sets the ending if reached."""
    changes: list[Change] = []
    notes: list[Note] = []
    ctx = Context(state)
    now = state.round
    if state.pending:
        _come_due(pack, state, ledger, changes, notes)
    for meter_id, drift in plan.drifts:
        ledger.move(meter_id, drift(ctx), _DRIFT, changes)
    for part in plan.round_end:
        if part.when is None or part.when(ctx):
            ledger.apply_plan(part, _ROUND_END, ctx, changes, notes)
    for role_id, res_id, refresh in plan.refresh:
        source = _REFRESH.get(role_id) or _REFRESH.setdefault(role_id, Source("refresh", role=role_id))
        ledger.move(res_id, refresh(ctx), source, changes)
    record = RoundRecord(
        round=now, changes=changes, notes=notes, meters=dict(state.meters), resources=dict(state.resources)
    )
    state.round_log.append(record)
    for ending_id, when in plan.early:
        if when(ctx):
            state.ending = ending_id
            return record
    if now >= state.rounds:
        for ending_id, when in plan.final:
            if when is None or when(ctx):
                state.ending = ending_id
                break
    return record


def _come_due(pack: Pack, state: GameState, ledger: Ledger, changes: list[Change], notes: list[Note]) -> None:
    """Apply the delayed and hidden effects due this round; the rest wait."""
    keep = []
    for item in state.pending:
        if item.due > state.round:
            keep.append(item)
            continue
        option = option_of(pack.events[item.event], item.option)
        part = option.later[item.index] if item.kind == "later" else option.hidden[item.index]
        # honoured(), shared() and input.<role> in a delayed effect speak of the decision that caused it.
        decided = Context(state, _record_of(state, item))
        when = effects_plan(pack, part).when
        if when is None or when(decided):
            ledger.apply(part, Source(item.kind, item.event, item.option), decided, changes, notes)
    state.pending = keep


def _record_of(state: GameState, item: Pending) -> EventRecord | None:
    """The record of the decision that left a delayed effect."""
    for record in reversed(state.history):
        if record.round == item.round and record.event == item.event and record.decision == item.option:
            return record
    return None


def option_of(event: Event, option_id: str) -> Option:
    """An event's option by id."""
    for option in event.options:
        if option.id == option_id:
            return option
    raise GameError("unknown_option", event=event.id, option=option_id)
