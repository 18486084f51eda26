"""The game state: everything that changes during a game, as plain data.

Content (the :class:`~game.engine.pack.Pack`) never changes during a game; the state refers to it by id.
The random generator's state is part of the game state, so the same content, seed and choices give the
same game to the last number, and a saved state continues exactly where it stopped.

The state and its records are plain dataclasses: the engine makes and changes them freely. They are
validated only where they cross the save boundary (:mod:`game.files.saves` reads them with a pydantic
``TypeAdapter``, which also writes them out), so the classes carry the pydantic config they are read with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from .model import Text

STATE_FORMAT = 1
T = TypeVar("T")

Cause = Literal[
    "option",  # the decision's immediate effects
    "conditional",  # the decision's effects under a condition
    "hidden",  # a hidden downside that struck
    "later",  # a delayed effect that came due
    "honoured",  # the rule for honoured input
    "ignored",  # the rule for ignored input
    "absent",  # the rule for a consulted role that stayed away
    "cost",  # what a choice cost its role
    "input",  # what giving an input did at once (InputOption.effects)
    "news",  # a news event's effects
    "drift",  # a meter's drift at round end
    "round_end",  # a scenario round-end rule
    "refresh",  # a resource refreshing at round end
]


def _record(cls: type[T]) -> type[T]:
    """A plain record of the state; read from a save, a field it does not have is an error."""
    made = dataclass(slots=True, kw_only=True)(cls)
    made.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    return made


@_record
class Change:
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


@_record
class Note:
    """Something that happened without a number: a hidden downside averted, a follow-up scheduled."""

    kind: Literal["averted", "follow_up", "flag", "text"]
    round: int
    event: str | None = None
    option: str | None = None
    role: str | None = None
    text: Text | None = None
    critique: str | None = None
    detail: str | None = None


@_record
class EventRecord:
    """One event as it was deliberated: inputs, decision, and what followed at once."""

    round: int
    event: str
    decider: str | None
    consulted: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    """Input option id per consulted role."""
    decision: str | None = None
    honoured: list[str] = field(default_factory=list)
    """Roles whose input the decision honoured."""
    ignored: list[str] = field(default_factory=list)
    """Roles that gave input the decision ignored."""
    absent: list[str] = field(default_factory=list)
    """Consulted roles that stayed away."""
    shared: list[str] = field(default_factory=list)
    """Roles that shared their private knowledge."""
    heeded: list[str] = field(default_factory=list)
    """Roles that shared a warning the decision took into account (heeded or honoured); heeding is not
    honouring."""
    changes: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    outcome: Text | None = None


@_record
class RoundRecord:
    """What happened at the end of a round, and the meters after it."""

    round: int
    changes: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    meters: dict[str, float] = field(default_factory=dict)
    resources: dict[str, float] = field(default_factory=dict)


@_record
class Pending:
    """A delayed or hidden effect waiting for its round; it refers to the content item by position."""

    due: int
    """The round at whose end it happens."""
    event: str
    option: str
    kind: Literal["later", "hidden"]
    index: int
    round: int
    """The round of the decision that caused it."""


@_record
class Scheduled:
    """A follow-up event scheduled by a decision."""

    event: str
    round: int
    """The round in which it comes."""


@_record
class Deliberation:
    """The event being deliberated now."""

    event: str
    consult: list[str]
    """Roles asked for input, in order."""
    inputs: dict[str, str] = field(default_factory=dict)
    """Inputs given so far."""
    changes: list[Change] = field(default_factory=list)
    """What giving those inputs did at once (their effects); the decision's record takes them over."""


@_record
class GameState:
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
    meters: dict[str, float] = field(default_factory=dict)
    resources: dict[str, float] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)
    scheduled: list[Scheduled] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)
    """Events still to come this round (after the current one)."""
    current: Deliberation | None = None
    history: list[EventRecord] = field(default_factory=list)
    round_log: list[RoundRecord] = field(default_factory=list)
    """One record per finished round; ``start`` holds the meters before round 1."""
    start: dict[str, float] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)
    """Round each event was last drawn."""
    honoured_count: dict[str, int] = field(default_factory=dict)
    ignored_count: dict[str, int] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    """The decision log: every choice made, in order (replaying it from the seed gives this state)."""
    ending: str | None = None
    rng: list = field(default_factory=list)
    """The random generator's state."""


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
