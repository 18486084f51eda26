"""Content models: what a content pack may say, as plain frozen dataclasses the engine reads.

Nothing here imports pydantic: the constraints are metadata (:class:`Limit` and :class:`Check` below)
that pydantic reads only when a pack is validated at the load boundary
(:mod:`game.files.loader`, with a ``TypeAdapter``; ``extra="forbid"`` catches typos). A pack read from the
content cache (:mod:`game.files.cache`) is built from these classes directly, so a game can start without
pydantic. Every field's docstring flows into the generated JSON Schema that modders' editors use.
Expressions are kept as strings here; :mod:`game.engine.pack` compiles and cross-checks them.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limit:
    """What a value must be beyond its type, checked by pydantic when a pack is validated and shown in the
    JSON Schema: a text's ``pattern`` and ``max_length``, a number's bounds (``ge``, ``le``), a list's
    ``min_length``. Each is the key of pydantic's core schema for that type, so its own messages result."""

    pattern: str | None = None
    max_length: int | None = None
    ge: float | None = None
    le: float | None = None
    min_length: int | None = None
    #: what the type means, for the JSON Schema (an id says what an id may hold)
    description: str | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        limits = {k: getattr(self, k) for k in ("pattern", "max_length", "ge", "le", "min_length")}
        return {**handler(source), **{k: v for k, v in limits.items() if v is not None}}

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        found = handler(schema)
        if self.description:
            found["description"] = self.description
        return found


@dataclass(frozen=True, slots=True)
class Check:
    """A rule pydantic runs on a field's validated value: ``rule`` returns it, or raises ValueError with a
    message for the modder (shown with the file and line of the field)."""

    rule: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema  # validation only: never on a cached start

        return core_schema.no_info_after_validator_function(self.rule, handler(source))


Id = Annotated[
    str,
    Limit(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=48,
        description="An id: lower-case letters, digits and _, starting with a letter.",
    ),
]
#: A number, or an expression (in quotes) that gives a number.
Amount = float | str
#: A condition expression that gives true or false.
Condition = str


def content(cls: type[T]) -> type[T]:
    """A content model: a frozen dataclass; read from a pack, a key it does not have is an error, so a
    typo never passes silently.

    Items compare by identity (``eq=False``): each exists once in its pack, and the generated ``__eq__``
    and ``__hash__`` cost start-up time (half of this module's) for comparisons nothing needs; compare
    ``dataclasses.asdict`` where the content itself is meant."""
    made = dataclass(frozen=True, slots=True, kw_only=True, eq=False)(cls)
    made.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    return made


#: A player-facing text in every language of the pack, e.g. ``{nl: "Vertrouwen", en: "Trust"}``.
Text = dict[str, str]

#: What kind of input a role gives: shares lived experience, proposes an alternative, objects, gives
#: support (money, time, with or without conditions), or stays away.
InputKind = Literal["experience", "propose", "object", "support", "absent"]
INPUT_KINDS: tuple[str, ...] = ("experience", "propose", "object", "support", "absent")


@content
class Manifest:
    """The pack's ``pack.yaml``: who and what the pack is."""

    id: Id
    """The pack's id, used by saves and by packs that build on this one."""
    title: Text
    """The pack's name as players see it."""
    version: Annotated[str, Limit(pattern=r"^\d+\.\d+(\.\d+)?$")]
    """The pack's own version (like 1.0 or 1.2.3); saves record it."""
    languages: Annotated[list[Literal["nl", "en"]], Limit(min_length=1)]
    """The languages every text in the pack is written in; the first is the default."""
    description: Text | None = None
    """A sentence or two about the pack."""
    authors: list[str] = field(default_factory=list)
    """Who wrote the pack."""
    format: int = 1
    """The content format version this pack is written for."""
    extends: list[Id] = field(default_factory=list)
    """Ids of packs this pack builds on (their items are loaded first)."""
    replaces: list[str] = field(default_factory=list)
    """Items of the packs it builds on that this pack replaces, as kind:id (e.g. event:youth_centre)."""


@content
class Meter:
    """A shared meter every role sees, such as trust or livability."""

    id: Id
    """The meter's id, used in expressions and effects."""
    name: Text
    """The meter's name as shown to players."""
    description: Text
    """What the meter stands for, in a sentence."""
    min: float = 0
    """The lowest value the meter can reach."""
    max: float = 100
    """The highest value the meter can reach."""
    start: float = 50
    """The value at the start of a game (a scenario may set another)."""
    higher_is_better: bool = True
    """Whether players should want this meter high (used by computer roles and reports)."""
    drift: Amount = 0
    """Change applied at every round end (a number or an expression)."""


@content
class Resource:
    """A role's own resource that its choices spend, such as budget, energy or hours."""

    id: Id
    """The resource's id; unique across meters and resources."""
    name: Text
    """The resource's name as shown to players."""
    start: float = 10
    """Amount at the start of the game."""
    max: float = 10
    """The most the role can hold."""
    refresh: Amount = 3
    """Amount added at every round end (a number or an expression, e.g. "2 + capacity / 25")."""


@content
class InputOption:
    """Something a role can say or do while another role deliberates."""

    id: Id
    """The input's id (used in expressions: input.resident == "share")."""
    label: Text
    """The short label of the choice."""
    description: Text | None = None
    """A sentence on what this input means."""
    cost: float = 0
    """What it costs the role's resource."""
    voice: bool = True
    """True when this counts as giving input (so a decision can honour or ignore it); false for staying away."""
    shares: bool = False
    """True when choosing it shares the role's private knowledge of the event with the decider."""
    ai_weight: Amount = 1
    """How much a computer-played role likes this input (a number or an expression; 0 never)."""
    kind: InputKind | None = None
    """What kind of input it is: experience (shares the role's private knowledge), propose (unlocks the
    event's option proposed_by this role), object (protest; rules may make ignoring it cost more, see
    by_kind), support (gives money or time, with or without conditions) or absent (stays away). Left out:
    absent when voice is false, experience when shares is true, else support."""
    effects: Effects | None = None
    """What giving this input does at once, whatever the decision (a protest is seen, an empty chair is
    noticed); shown with the consequences."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema  # validation only: never on a cached start

        return core_schema.no_info_wrap_validator_function(_settle_kind, handler(source))


def _settle_kind(data: Any, validate: Callable[[Any], InputOption]) -> InputOption:
    """kind and the older voice/shares flags say the same thing: fill in what was left out, and refuse a
    contradiction (the item is frozen, hence object.__setattr__)."""
    given = set(data) if isinstance(data, dict) else set()
    item = validate(data)
    if item.kind is None:
        kind = "absent" if not item.voice else "experience" if item.shares else "support"
        object.__setattr__(item, "kind", kind)
        return item
    if "voice" in given and item.voice != (item.kind != "absent"):
        raise ValueError(f"kind '{item.kind}' and voice: {str(item.voice).lower()} contradict; drop voice")
    if "shares" in given and item.shares != (item.kind == "experience"):
        raise ValueError(f"kind '{item.kind}' and shares: {str(item.shares).lower()} contradict; drop shares")
    object.__setattr__(item, "voice", item.kind != "absent")
    object.__setattr__(item, "shares", item.kind == "experience")
    return item


@content
class Goal:
    """A private goal of a role, checked at the end of the game."""

    id: Id
    """The goal's id."""
    text: Text
    """The goal as the role's player reads it."""
    when: Condition
    """Condition that says the goal was reached at the end."""


@content
class Temperament:
    """How a computer-played role behaves beyond its priorities."""

    voice: Annotated[float, Limit(ge=0, le=1)] = 0.7
    """How willing it is to give input when it can afford it (0 never, 1 always)."""
    honour: Annotated[float, Limit(ge=0, le=1)] = 0.5
    """How much it values honouring others' input when it decides."""
    caution: Annotated[float, Limit(ge=0, le=1)] = 0.5
    """How much it avoids spending its resource."""
    noise: Annotated[float, Limit(ge=0, le=1)] = 0.2
    """How unpredictable it is (0 always the best-scoring choice)."""


@content
class Role:
    """A role players take: the minister, a resident, a youth worker, or one a pack adds."""

    id: Id
    """The role's id."""
    name: Text
    """The role's name (e.g. "de minister")."""
    briefing: Text
    """What the player of this role reads at the start."""
    goals: list[Goal] = field(default_factory=list)
    """The role's private goals."""
    resource: Resource | None = None
    """The role's own resource, if it has one."""
    inputs: Annotated[list[InputOption], Limit(min_length=1)]
    """What this role can do while another role deliberates (one must be free, like staying away)."""
    priorities: dict[str, float] = field(default_factory=dict)
    """Weights over meters that computer players of this role pursue (meter id: weight)."""
    temperament: Temperament = Temperament()
    """How a computer player of this role behaves."""


@content
class Question:
    """A discussion question for the debrief."""

    phase: Literal["describe", "analyse", "transfer", "apply"] = "analyse"
    """The debrief phase the question belongs to."""
    text: Text
    """The question."""


@content
class Critique:
    """One point of the article the game's consequences illustrate."""

    id: Id
    """The critique's id; consequences name it."""
    title: Text
    """A short title."""
    summary: Text
    """One sentence, shown with a consequence that illustrates it."""
    explanation: Text
    """The point explained in the pack's own words."""
    citation: Text | str
    """Where the point comes from (author, title, date): a text, or one string shown in every language."""
    questions: list[Question] = field(default_factory=list)
    """Questions for the class debrief."""

    @property
    def citation_text(self) -> Text:
        """The citation as a text in every language (a plain string stands for itself in each)."""
        if isinstance(self.citation, str):
            return {"nl": self.citation, "en": self.citation}
        return self.citation


@content
class Effects:
    """Changes that happen together: meters and resources, flags, and a text that says why."""

    change: dict[str, Amount] = field(default_factory=dict)
    """Changes to meters or resources by id (a number or an expression)."""
    set: dict[str, Amount] = field(default_factory=dict)
    """Meters or resources set to a value (a number or an expression)."""
    flags: dict[Id, int] = field(default_factory=dict)
    """Flags to add to (1 sets a flag, -1 lowers its count; a flag is set while its count is above 0)."""
    text: Text | None = None
    """What happened, shown with the changes."""
    critique: Id | None = None
    """The article critique these changes illustrate."""


@content
class Delayed(Effects):
    """Effects that happen some rounds later."""

    after: Annotated[int, Limit(ge=1, le=30)] = 1
    """After how many rounds the effects happen."""
    when: Condition | None = None
    """Checked when they are due: the effects happen only if it holds."""


@content
class Conditional(Effects):
    """Effects that happen only when a condition holds at the moment of the decision."""

    when: Condition
    """The condition, e.g. honoured("resident") or trust < 30."""


@content
class Hidden(Effects):
    """A downside the decider cannot see: it fires unless the named role shared its knowledge this time and
    the option heeds (or honours) that role."""

    unless_shared_by: Id
    """The role whose private knowledge would have revealed it (it needs private knowledge on the event)."""
    after: Annotated[int, Limit(ge=0, le=30)] = 0
    """After how many rounds it strikes (0: at once)."""


@content
class FollowUp:
    """An event scheduled by a decision."""

    event: Id
    """The event that follows."""
    after: Annotated[int, Limit(ge=1, le=30)] = 1
    """After how many rounds it comes."""


@content
class Option:
    """A choice the deciding role can make."""

    id: Id
    """The option's id."""
    label: Text
    """The short label."""
    description: Text | None = None
    """What the option means, in a sentence."""
    cost: float = 0
    """What it costs the decider's resource."""
    when: Condition | None = None
    """The option is offered only when this holds."""
    honours: list[str] = field(default_factory=list)
    """Inputs this option honours, i.e. does what they asked: a role id (any input of that role) or
    role.input."""
    heeds: list[Id] = field(default_factory=list)
    """Roles whose shared warning this option takes into account: it averts their hidden downsides when
    they shared their knowledge, without counting as honouring them."""
    proposed_by: Id | None = None
    """The role whose alternative this is: offered only when that role gave a propose input this time,
    marked as its proposal, and choosing it honours that role."""
    outcome: Text
    """What happens, told to everyone after the decision."""
    effects: Effects = Effects()
    """What happens at once."""
    conditional: list[Conditional] = field(default_factory=list)
    """What happens at once if a condition holds."""
    later: list[Delayed] = field(default_factory=list)
    """What happens later."""
    hidden: list[Hidden] = field(default_factory=list)
    """Downsides that private knowledge would have revealed."""
    follow_ups: list[FollowUp] = field(default_factory=list)
    """Events this decision schedules."""
    critique: Id | None = None
    """The article critique this choice illustrates."""
    ai_bias: float = 0
    """Extra preference computer deciders give this option (negative: less)."""


@content
class RuleEffects:
    """What a deliberation rule does to the game."""

    change: dict[str, Amount] = field(default_factory=dict)
    """Changes to meters (or resources) by id."""
    resource: float = 0
    """Change to the resource of the role whose input it concerns."""
    critique: Id | None = None
    """The article critique it illustrates."""
    by_kind: dict[InputKind, RuleEffects] = field(default_factory=dict)
    """Per kind of input given, a rule that applies instead of this one (e.g. ignoring an objection costs
    parliament's support)."""
    by_role: dict[Id, RuleEffects] = field(default_factory=dict)
    """Per role whose input it concerns, a rule that applies instead of this one, its by_kind included (e.g.
    a minister who leaves a decision to the area sidelines no resident: ``absent: {by_role: {minister: {}}}``)."""


@content
class Rules:
    """The deliberation model's built-in rules, set by the scenario and overridable per event."""

    honoured: RuleEffects | None = None
    """When a role's input is honoured."""
    ignored: RuleEffects | None = None
    """When a role gave input and the decision ignored it (asked, then ignored)."""
    absent: RuleEffects | None = None
    """When a consulted role stayed away."""


def _unique_options(options: list[Option]) -> list[Option]:
    seen: set[str] = set()
    for option in options:
        if option.id in seen:
            raise ValueError(f"option id '{option.id}' appears twice")
        seen.add(option.id)
    return options


@content
class Event:
    """A dilemma (or a piece of news) that one role decides while the others give input."""

    id: Id
    """The event's id."""
    title: Text
    """The headline."""
    text: Text
    """What is going on, as every role reads it."""
    decider: Id | None = None
    """The role that decides (none: the event is news, with effects only)."""
    consult: list[Id] | None = None
    """Roles asked for input (default: every role in the scenario but the decider; [] asks nobody)."""
    private: dict[Id, Text] = field(default_factory=dict)
    """Private knowledge per role: only that role sees it, and the decider only if it is shared."""
    when: Condition | None = None
    """The event can be drawn only when this holds."""
    weight: Amount = 10
    """How likely the event is drawn among the eligible ones (a number or an expression)."""
    once: bool = True
    """Whether the event can happen only once per game."""
    cooldown: Annotated[int, Limit(ge=0)] = 0
    """Rounds before a repeatable event can come again."""
    scheduled: Condition | None = None
    """The event comes for sure whenever this holds (e.g. round % 4 == 0 for elections)."""
    follow_up_only: bool = False
    """The event comes only when an earlier decision schedules it."""
    scenarios: list[Id] = field(default_factory=list)
    """Scenarios the event belongs to (default: all)."""
    critiques: list[Id] = field(default_factory=list)
    """Critiques the event illustrates (besides those its options name)."""
    inputs: dict[Id, list[InputOption]] = field(default_factory=dict)
    """Inputs that replace a role's usual inputs for this event."""
    proposals: dict[Id, Text] = field(default_factory=dict)
    """What a role proposes here, shown to everyone as soon as it gives a propose input."""
    options: Annotated[list[Option], Check(_unique_options)] = field(default_factory=list)
    """The decider's options (at least two when there is a decider)."""
    effects: Effects | None = None
    """For news events: what happens when the news comes."""
    rules: Rules | None = None
    """Deliberation rules for this event (override the scenario's, rule by rule)."""


@content
class Ending:
    """How a game can end."""

    id: Id
    """The ending's id."""
    title: Text
    """Its title."""
    text: Text
    """What the ending says."""
    when: Condition | None = None
    """When it applies (the last ending in the list may leave it out: the fallback)."""
    early: bool = False
    """Checked at every round end: the game ends at once when it holds (e.g. unrest)."""
    critiques: list[Id] = field(default_factory=list)
    """Critiques the ending illustrates."""


@content
class Variant:
    """A shorter or otherwise different way to play a scenario (e.g. the classroom variant)."""

    id: Id
    """The variant's id (used in session codes)."""
    title: Text
    """Its name."""
    rounds: Annotated[int, Limit(ge=1, le=40)]
    """Number of rounds."""
    events_per_round: Annotated[int, Limit(ge=1, le=5)] = 1
    """Events drawn per round."""


@content
class Start:
    """Where the game starts."""

    meters: dict[str, float] = field(default_factory=dict)
    """Meter start values that differ from the meters' own."""
    flags: dict[Id, int] = field(default_factory=dict)
    """Flags set at the start."""


@content
class RoundRule(Effects):
    """Effects applied at every round end when the condition holds."""

    when: Condition | None = None
    """When it applies (always, when left out)."""


@content
class Scenario:
    """A playable programme: which roles, how many rounds, where it starts, how it ends."""

    id: Id
    """The scenario's id."""
    title: Text
    """Its name."""
    intro: Text
    """The opening text every player reads."""
    setting: Text | None = None
    """A short description of the place."""
    roles: Annotated[list[Id], Limit(min_length=1)]
    """The roles in play, in the order they give input."""
    rounds: Annotated[int, Limit(ge=1, le=40)] = 15
    """Number of rounds (years)."""
    events_per_round: Annotated[int, Limit(ge=1, le=5)] = 1
    """Events drawn per round."""
    round_name: Text = field(default_factory=lambda: {"nl": "Jaar", "en": "Year"})
    """What a round is called (a number follows)."""
    start: Start = Start()
    """Start values."""
    rules: Rules = Rules()
    """The deliberation rules."""
    round_end: list[RoundRule] = field(default_factory=list)
    """Rules applied at every round end."""
    endings: Annotated[list[Ending], Limit(min_length=1)]
    """The endings: early ones are checked every round, the others in order after the last round."""
    variants: list[Variant] = field(default_factory=list)
    """Other ways to play it (e.g. a short classroom variant)."""
    debrief: list[Question] = field(default_factory=list)
    """General debrief questions, besides those of the critiques."""


@content
class ContentFile:
    """One content file: any of these lists, in any file of the pack."""

    meters: list[Meter] = field(default_factory=list)
    """Meters."""
    roles: list[Role] = field(default_factory=list)
    """Roles."""
    critiques: list[Critique] = field(default_factory=list)
    """Article critiques."""
    events: list[Event] = field(default_factory=list)
    """Events."""
    scenarios: list[Scenario] = field(default_factory=list)
    """Scenarios."""


#: The item kinds of a pack, as (key in a content file, singular word used in messages).
KINDS: tuple[tuple[str, str], ...] = (
    ("meters", "meter"),
    ("roles", "role"),
    ("critiques", "critique"),
    ("events", "event"),
    ("scenarios", "scenario"),
)

ITEM_MODELS: dict[str, type] = {
    "meters": Meter,
    "roles": Role,
    "critiques": Critique,
    "events": Event,
    "scenarios": Scenario,
}


@cache
def field_types(cls: type) -> dict[str, Any]:
    """A content model's fields and their types (``Annotated`` metadata kept), in the order declared."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {f.name: hints[f.name] for f in fields(cls)}


def is_content(value: Any) -> bool:
    """Whether ``value`` is a content model (a class made by :func:`content`) or an instance of one."""
    return hasattr(value, "__pydantic_config__") and is_dataclass(value)
