"""The game state: everything that changes during a game, in one serialisable model.

Content (the :class:`~game.engine.pack.Pack`) never changes during a game; the state refers to it by id.
The random generator's state is part of the game state, so the same content, seed and choices give the
same game to the last number, and a saved state continues exactly where it stopped.
"""

from __future__ import annotations

import random
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import Text

STATE_FORMAT = 1

Cause = Literal[
    "option",  # the decision's immediate effects
    "conditional",  # the decision's effects under a condition
    "hidden",  # a hidden downside that struck
    "later",  # a delayed effect that came due
    "honoured",  # the rule for honoured input
    "ignored",  # the rule for ignored input
    "absent",  # the rule for a consulted role that stayed away
    "cost",  # what a choice cost its role
    "news",  # a news event's effects
    "drift",  # a meter's drift at round end
    "round_end",  # a scenario round-end rule
    "refresh",  # a resource refreshing at round end
]


class _State(BaseModel):
    # Mutable defaults are default factories: pydantic deep-copies a plain [] default on every instance,
    # which was a quarter of the engine's time (see bench/).
    model_config = ConfigDict(extra="forbid")


class Change(_State):
    """One change to a meter or resource, with why it happened."""

    target: str
    """The meter or resource id."""
    delta: float
    """How much it moved (after clamping to its range)."""
    cause: Cause
    """What kind of rule or effect caused it."""
    round: int
    """The round in which it happened."""
    event: str | None = None
    """The event whose decision caused it, if any."""
    option: str | None = None
    """The option chosen, if any."""
    role: str | None = None
    """The role concerned (whose input was honoured or ignored, whose resource was spent)."""
    text: Text | None = None
    """The content's text that explains it."""
    critique: str | None = None
    """The article critique it illustrates."""


class Note(_State):
    """Something that happened without a number: a hidden downside averted, a follow-up scheduled."""

    kind: Literal["averted", "follow_up", "flag", "text"]
    round: int
    event: str | None = None
    option: str | None = None
    role: str | None = None
    text: Text | None = None
    critique: str | None = None
    detail: str | None = None


class EventRecord(_State):
    """One event as it was deliberated: inputs, decision, and what followed at once."""

    round: int
    event: str
    decider: str | None
    consulted: list[str] = Field(default_factory=list)
    inputs: dict[str, str] = Field(default_factory=dict)
    """Input option id per consulted role."""
    decision: str | None = None
    honoured: list[str] = Field(default_factory=list)
    """Roles whose input the decision honoured."""
    ignored: list[str] = Field(default_factory=list)
    """Roles that gave input the decision ignored."""
    absent: list[str] = Field(default_factory=list)
    """Consulted roles that stayed away."""
    shared: list[str] = Field(default_factory=list)
    """Roles that shared their private knowledge."""
    changes: list[Change] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    outcome: Text | None = None


class RoundRecord(_State):
    """What happened at the end of a round, and the meters after it."""

    round: int
    changes: list[Change] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    meters: dict[str, float] = Field(default_factory=dict)
    resources: dict[str, float] = Field(default_factory=dict)


class Pending(_State):
    """A delayed or hidden effect waiting for its round; it refers to the content item by position."""

    due: int
    """The round at whose end it happens."""
    event: str
    option: str
    kind: Literal["later", "hidden"]
    index: int
    round: int
    """The round of the decision that caused it."""


class Scheduled(_State):
    """A follow-up event scheduled by a decision."""

    event: str
    round: int
    """The round in which it comes."""


class Deliberation(_State):
    """The event being deliberated now."""

    event: str
    consult: list[str]
    """Roles asked for input, in order."""
    inputs: dict[str, str] = Field(default_factory=dict)
    """Inputs given so far."""


class GameState(_State):
    """All mutable state of one game."""

    format: int = STATE_FORMAT
    pack: str
    pack_version: str
    scenario: str
    variant: str | None = None
    rounds: int
    events_per_round: int
    seed: int
    players: dict[str, str | None]
    """Player name per role; None: the computer plays it."""
    round: int = 1
    meters: dict[str, float] = Field(default_factory=dict)
    resources: dict[str, float] = Field(default_factory=dict)
    flags: dict[str, int] = Field(default_factory=dict)
    pending: list[Pending] = Field(default_factory=list)
    scheduled: list[Scheduled] = Field(default_factory=list)
    queue: list[str] = Field(default_factory=list)
    """Events still to come this round (after the current one)."""
    current: Deliberation | None = None
    history: list[EventRecord] = Field(default_factory=list)
    round_log: list[RoundRecord] = Field(default_factory=list)
    """One record per finished round; ``start`` holds the meters before round 1."""
    start: dict[str, float] = Field(default_factory=dict)
    last_seen: dict[str, int] = Field(default_factory=dict)
    """Round each event was last drawn."""
    honoured_count: dict[str, int] = Field(default_factory=dict)
    ignored_count: dict[str, int] = Field(default_factory=dict)
    choices: list[str] = Field(default_factory=list)
    """The decision log: every choice made, in order (replaying it from the seed gives this state)."""
    ending: str | None = None
    rng: list = Field(default_factory=list)
    """The random generator's state."""


#: The state's fields the engine assigns at every round and event. A game counts them as set from its start
#: and writes them straight into the model's ``__dict__`` (see Game): pydantic's ``__setattr__`` costs about
#: a microsecond, some hundred times a game, and the state's assignments are never validated anyway.
ENGINE_FIELDS = frozenset({"round", "queue", "current", "scheduled", "pending"})


# -- records the engine makes itself -------------------------------------------------------------
# The engine makes a few hundred records a game from values it made itself, of the right types already;
# a simulation makes millions. These build the same objects pydantic's validation would (the same field
# values in the same order, the same fields counted as set) without validating them again. Tests check
# that each equals its validated twin.
_object_new = object.__new__
_object_set = object.__setattr__
# the slots every pydantic model has, set through their descriptors (quicker than by name)
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_CHANGE_FIELDS = tuple(Change.model_fields)


def _made(cls: type, fields: dict, fields_set: set[str]) -> Any:
    """An instance of ``cls`` with ``fields`` (every field, in order) and ``fields_set``, unvalidated."""
    made = _object_new(cls)
    _object_set(made, "__dict__", fields)
    _set_fields_set(made, fields_set)
    _set_extra(made, None)
    _set_private(made, None)
    return made


def new_change(
    target: str,
    delta: float,
    cause: Cause,
    round: int,
    event: str | None,
    option: str | None,
    role: str | None,
    text: Text | None,
    critique: str | None,
) -> Change:
    """``Change(target=..., ...)`` with every field given, made without validation."""
    change = _object_new(Change)
    _object_set(
        change,
        "__dict__",
        {
            "target": target,
            "delta": delta,
            "cause": cause,
            "round": round,
            "event": event,
            "option": option,
            "role": role,
            "text": text,
            "critique": critique,
        },
    )
    _set_fields_set(change, set(_CHANGE_FIELDS))
    _set_extra(change, None)
    _set_private(change, None)
    return change


_DECIDED_SET = ("round", "event", "decider", "consulted", "inputs", "decision", "outcome")


def new_decided(
    round: int,
    event: str,
    decider: str | None,
    consulted: list[str],
    inputs: dict[str, str],
    decision: str,
    outcome: Text | None,
) -> EventRecord:
    """``EventRecord(round=, event=, decider=, consulted=)`` with ``inputs``, ``decision`` and ``outcome``
    then assigned, made without validation."""
    return _made(
        EventRecord,
        {
            "round": round,
            "event": event,
            "decider": decider,
            "consulted": consulted,
            "inputs": inputs,
            "decision": decision,
            "honoured": [],
            "ignored": [],
            "absent": [],
            "shared": [],
            "changes": [],
            "notes": [],
            "outcome": outcome,
        },
        set(_DECIDED_SET),
    )


def new_news(round: int, event: str) -> EventRecord:
    """``EventRecord(round=, event=, decider=None)`` made without validation."""
    return _made(
        EventRecord,
        {
            "round": round,
            "event": event,
            "decider": None,
            "consulted": [],
            "inputs": {},
            "decision": None,
            "honoured": [],
            "ignored": [],
            "absent": [],
            "shared": [],
            "changes": [],
            "notes": [],
            "outcome": None,
        },
        {"round", "event", "decider"},
    )


_ROUND_SET = ("round", "meters", "resources")


def new_round(
    round: int, changes: list[Change], notes: list[Note], meters: dict, resources: dict
) -> RoundRecord:
    """``RoundRecord(round=)`` with ``changes`` and ``notes`` filled and ``meters`` and ``resources``
    then assigned, made without validation."""
    return _made(
        RoundRecord,
        {"round": round, "changes": changes, "notes": notes, "meters": meters, "resources": resources},
        set(_ROUND_SET),
    )


def new_deliberation(event: str, consult: list[str]) -> Deliberation:
    """``Deliberation(event=, consult=)`` made without validation."""
    return _made(Deliberation, {"event": event, "consult": consult, "inputs": {}}, {"event", "consult"})


_PENDING_SET = tuple(Pending.model_fields)


def new_pending(
    due: int, event: str, option: str, kind: Literal["later", "hidden"], index: int, round: int
) -> Pending:
    """``Pending(...)`` with every field given, made without validation."""
    return _made(
        Pending,
        {"due": due, "event": event, "option": option, "kind": kind, "index": index, "round": round},
        set(_PENDING_SET),
    )


def new_scheduled(event: str, round: int) -> Scheduled:
    """``Scheduled(event=, round=)`` made without validation."""
    return _made(Scheduled, {"event": event, "round": round}, {"event", "round"})


def new_rng(seed: int) -> random.Random:
    """The game's random generator for a seed."""
    return random.Random(seed)


def encode_rng(rng: random.Random) -> list:
    """The generator's state as JSON-friendly data."""
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def decode_rng(data: list) -> random.Random:
    """A generator restored from :func:`encode_rng` data."""
    rng = random.Random()
    version, internal, gauss = data
    rng.setstate((version, tuple(internal), gauss))
    return rng
