"""What the host sees of a game: the step it is at, the choices the acting role has, what a choice did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .errors import GameError
from .model import Ending, Event, Text
from .state import Change, EventRecord, RoundRecord

StepKind = Literal["input", "decision", "news", "ended"]
#: the one choice of a news step: read it and go on (the host words it)
CONTINUE = "continue"


@dataclass(frozen=True)
class Choice:
    """One choice the acting role can make now, with what it costs and which meters it touches."""

    id: str
    #: the content's words for it (None for :data:`CONTINUE`, which the host words)
    label: Text | None
    description: Text | None = None
    cost: float = 0
    resource: str | None = None
    touches: tuple[str, ...] = ()
    #: the roles that gave input this time and whose given input this option honours (by role id)
    honours: tuple[str, ...] = ()
    available: bool = True
    #: why it is not available: "cost" or "condition"
    blocked: str | None = None
    voice: bool = True
    shares: bool = False
    #: an input's kind (experience, propose, object, support, absent); "" for an option
    kind: str = ""
    #: the role whose proposal this option is (offered only when it proposed this time)
    proposed_by: str | None = None
    #: the roles whose shared warning this option heeds (as the content names them)
    heeds: tuple[str, ...] = ()
    #: the option's place in the content's order (the screen shows a shuffled order; see order.py)
    index: int = 0


class Step(NamedTuple):
    """What happens now: the kind of step, the event, who acts, and their choices.

    A named tuple: immutable like a frozen dataclass, and made at every step of every game (a simulation
    makes hundreds of thousands a second) at a third of a frozen dataclass's cost."""

    kind: StepKind
    round: int
    event: Event | None = None
    actor: str | None = None
    choices: tuple[Choice, ...] = ()

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise GameError("not_a_choice", choice=choice_id)


@dataclass(slots=True)
class Outcome:
    """What a choice set in motion: the event's record once decided, and a round's end if reached."""

    step: Step
    choice: str
    record: EventRecord | None = None
    rounds: list[RoundRecord] = field(default_factory=list)
    ending: Ending | None = None
    #: what an input cost its role (an input step has no record)
    spent: list[Change] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        found = list(self.spent)
        if self.record:
            found.extend(self.record.changes)
        for rnd in self.rounds:
            found.extend(rnd.changes)
        return found
