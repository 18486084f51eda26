"""Developer helpers for trying content: jump to an event, set a meter. Pure: they only change the state.

Used by the game's ``--dev`` mode; a game changed with them is no longer the game its decision log and
seed describe, so hosts should mark it (its log no longer replays).
"""

from __future__ import annotations

from .game import Game, GameError
from .state import Deliberation


def jump_to(game: Game, event_id: str) -> None:
    """Make ``event_id`` the event being deliberated now (the current one is put back in the queue)."""
    if event_id not in game.pack.events:
        raise GameError(f"unknown event '{event_id}'")
    if game.over:
        raise GameError("the game has ended")
    event = game.pack.events[event_id]
    roles = game.scenario.roles
    if event.decider is not None and event.decider not in roles:
        raise GameError(f"event '{event_id}' is decided by '{event.decider}', who is not in this scenario")
    st = game.state
    if st.current is not None and st.current.event != event_id:
        st.queue.insert(0, st.current.event)
    if event.decider is None:
        consult: list[str] = []
    elif event.consult is None:
        consult = [r for r in roles if r != event.decider]
    else:
        consult = [r for r in roles if r in event.consult and r != event.decider]
    st.current = Deliberation(event=event_id, consult=consult)
    st.last_seen[event_id] = st.round


def set_meter(game: Game, target: str, value: float) -> float:
    """Set a meter or resource, kept within its range; returns the value it got."""
    st = game.state
    if target in st.meters:
        meter = game.pack.meters[target]
        low, high = meter.min, meter.max
        store = st.meters
    elif target in st.resources:
        role = game.pack.roles[game.pack.resource_owner[target]]
        assert role.resource is not None
        low, high = 0.0, role.resource.max
        store = st.resources
    else:
        raise GameError(f"unknown meter or resource '{target}'")
    store[target] = round(min(high, max(low, float(value))), 4)
    return store[target]
