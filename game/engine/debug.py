"""Developer helpers for trying content: jump to an event, set a meter. Pure: they only change the state.

Used by the game's ``--dev`` mode; a game changed with them is no longer the game its decision log and
seed describe, so hosts should mark it (its log no longer replays).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .game import Game, GameError
from .pack import Pack
from .state import Deliberation, GameState


def jump_to(game: Game, event_id: str) -> None:
    """Make ``event_id`` the event being deliberated now (the current one is put back in the queue)."""
    if event_id not in game.pack.events:
        raise GameError("unknown_event", event=event_id)
    if game.over:
        raise GameError("game_over")
    event = game.pack.events[event_id]
    roles = game.scenario.roles
    if event.decider is not None and event.decider not in roles:
        raise GameError("decider_not_playing", event=event_id, decider=event.decider)
    st = game.state
    if st.current is not None and st.current.event != event_id:
        st.queue.insert(0, st.current.event)
    st.current = Deliberation(event=event_id, consult=game.consulted(event))
    st.last_seen[event_id] = st.round


def set_meter(game: Game, target: str, value: float) -> float:
    """Set a meter or resource, kept within its range; returns the value it got."""
    st = game.state
    if target in st.meters:
        store = st.meters
    elif target in st.resources:
        store = st.resources
    else:
        raise GameError("unknown_target", target=target)
    low, high = game.bounds(target)
    store[target] = round(min(high, max(low, float(value))), 4)
    return store[target]


@dataclass(frozen=True)
class DebugOp:
    """A developer change to a game, made before choice number ``at`` (so a reload can make it again)."""

    at: int
    kind: Literal["jump", "set"]
    target: str
    value: float = 0.0


def apply_op(game: Game, op: DebugOp) -> None:
    """Make a recorded developer change."""
    if op.kind == "jump":
        jump_to(game, op.target)
    else:
        set_meter(game, op.target, op.value)


def rebuild(pack: Pack, state: GameState, ops: list[DebugOp] = ()) -> Game:  # type: ignore[assignment]
    """``state``'s game played again on ``pack``: its seed and decision log, with the developer changes made
    at the same points (for hot reload). Raises :class:`GameError` when the log does not fit the pack."""
    game = Game.new(pack, state.scenario, seed=state.seed, variant=state.variant, players=dict(state.players))
    pending = sorted(ops, key=lambda o: o.at)
    for n, choice in enumerate(state.choices):
        for op in [o for o in pending if o.at == n]:
            apply_op(game, op)
        game.choose(choice)
    for op in [o for o in pending if o.at >= len(state.choices)]:
        apply_op(game, op)
    return game
