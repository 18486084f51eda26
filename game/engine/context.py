"""What expressions read while the game runs: the game's numbers and flags, and the decision being judged."""

from __future__ import annotations

from typing import Any

from .builtins import BUILTINS
from .state import EventRecord, GameState


class Context:
    """The expression context of a game's state; ``record`` is the decision whose consequences are being
    worked out (honoured(), shared() and input.<role> speak of it), if any."""

    __slots__ = ("flags", "meters", "record", "resources", "state")

    def __init__(self, state: GameState, record: EventRecord | None = None) -> None:
        self.state = state
        self.record = record
        # the state's dicts at hand: expressions read the meters thousands of times a game
        self.meters = state.meters
        self.resources = state.resources
        self.flags = state.flags

    def value(self, name: str) -> float:
        meters = self.meters
        if name in meters:  # a test and an index cost less than a get() (the commonest call of a game)
            return meters[name]
        if name == "round":
            return float(self.state.round)
        if name == "rounds":
            return float(self.state.rounds)
        return self.resources.get(name, 0.0)

    def input_of(self, role: str) -> str:
        if self.record is not None:
            return self.record.inputs.get(role, "")
        cur = self.state.current
        return cur.inputs.get(role, "") if cur else ""

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        return _CODE[func](self, *args)  # the compiler lets through only these


#: each built-in's code by name (a condition calls one a few hundred times a game)
_CODE = {name: spec.code for name, spec in BUILTINS.items()}
