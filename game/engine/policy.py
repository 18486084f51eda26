"""Computer-played roles: a seeded, explainable policy from each role's priorities and temperament.

The policy's randomness comes from a generator seeded with the game's seed and the number of choices
made so far, so it never disturbs the game's own generator and a replayed decision log gives the same
game. Built-in strategies override how decisions are made, for balance reports:

- ``priorities``: the role's priorities and temperament (the default);
- ``honour``: always pick the option that honours the most input given;
- ``ignore``: always pick the option that honours the least input given;
- ``random``: any available option;
- ``topdown``: deciders take the option with the largest immediate gain on their priorities, and give no
  weight to the input they got (what a government that wants quick, countable results does).

A strategy can also be given per role (:data:`Strategy` as a mapping, e.g. ``{"minister": "topdown",
"resident": "protest"}``): a role's value is one of the names above, or one of that role's input ids, which
it then gives whenever it can (and otherwise plays by its priorities). Roles left out play by priorities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from math import cos, log, pi, sin, sqrt
from operator import attrgetter
from typing import Protocol, TypeVar

from .consequences import input_option
from .context import Context
from .model import Effects, Event, InputOption, Option, Role
from .pack import Pack
from .plan import Fn
from .state import GameState
from .steps import Choice, Step

T = TypeVar("T")


class Game(Protocol):
    """What the policy reads of a game (the turn machine, which asks the policy for its computer moves)."""

    pack: Pack

    @property
    def now(self) -> GameState: ...

    def inputs_given(self) -> list[tuple[str, InputOption]]: ...


STRATEGIES: dict[str, str] = {
    "priorities": "computer roles follow their priorities and temperament",
    "honour": "deciders always honour as much input as they can",
    "ignore": "deciders honour as little input as they can",
    "random": "deciders pick any available option",
    "topdown": "deciders take the largest immediate gain on their priorities and weigh no input",
}

#: A strategy for every role (a name of :data:`STRATEGIES`), or one per role (role id: a name or an input id).
Strategy = str | Mapping[str, str]


def strategy_problem(pack: Pack, strategy: Strategy) -> str | None:
    """Why ``strategy`` cannot be played with ``pack`` (English, for logs and ValueError), or None."""
    if isinstance(strategy, str):
        return None if strategy in STRATEGIES else f"unknown strategy '{strategy}'"
    for role, name in strategy.items():
        if role not in pack.roles:
            return f"unknown role '{role}' in strategy"
        inputs = {i.id for i in pack.roles[role].inputs}
        if name not in STRATEGIES and name not in inputs:
            return f"'{name}' is neither a strategy nor an input of role '{role}'"
    return None


def _for_role(strategy: Strategy | None, role: str | None) -> str:
    """The strategy name (or input id) ``role`` plays by."""
    if strategy is None:
        return "priorities"
    if isinstance(strategy, str):
        return strategy
    return strategy.get(role or "", "priorities")


@dataclass(frozen=True)
class Reasoned:
    """A computer choice with the scores behind it (for an explanation on screen)."""

    choice: str
    scores: dict[str, float]


class PolicyRandom:
    """The numbers of one computer choice: made from the game's seed, the number of choices made so far
    and the acting role, so they never disturb the game's own generator and a replayed decision log (or a
    loaded save) gives the same computer choices.

    Each block of nine numbers is one BLAKE2b digest of that key and the block's number, cut into 53-bit
    fractions: a choice needs a handful of numbers, and a digest costs a fraction of seeding a Mersenne
    Twister (a simulation makes some forty choices a game, thousands of games).
    """

    __slots__ = ("_bits", "_block", "_key", "_left", "gauss_next")

    def __init__(self, seed: int, step: int, role: str | None) -> None:
        self._key = f"{seed}:{step}:{role}:".encode()
        self._block = 0
        self._bits = 0
        self._left = 0
        self.gauss_next: float | None = None

    def random(self) -> float:
        """A number in [0, 1)."""
        left = self._left
        if not left:
            digest = blake2b(self._key + str(self._block).encode()).digest()
            self._block += 1
            self._bits = int.from_bytes(digest, "big")
            left = _PER_DIGEST
        left -= 1
        self._left = left
        # the digest's 53-bit slices from the top down
        return ((self._bits >> (left * 53)) & _MASK_53) * _UNIT

    def gauss(self, mu: float = 0.0, sigma: float = 1.0) -> float:
        """A normally distributed number (Box-Muller: two uniform numbers give two normal ones)."""
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            angle = self.random() * _TWO_PI
            radius = sqrt(-2.0 * log(1.0 - self.random()))
            z = cos(angle) * radius
            self.gauss_next = sin(angle) * radius
        return mu + z * sigma

    def choice(self, items: Sequence[T]) -> T:
        """One of ``items``, each as likely."""
        return items[int(self.random() * len(items))]


_MASK_53 = (1 << 53) - 1
_UNIT = 1.0 / (1 << 53)
_PER_DIGEST = 512 // 53  # nine 53-bit numbers from a 512-bit digest
_TWO_PI = 2.0 * pi


def policy_rng(game: Game, role: str | None) -> PolicyRandom:
    """The policy's generator for the current step: derived from the seed, never the game's own."""
    st = game.now
    return PolicyRandom(st.seed, len(st.choices), role)


def choose_for(game: Game, step: Step, strategy: Strategy | None = None) -> str:
    """The computer's choice for ``step``."""
    return _reason(game, step, strategy)[0]


def reason_for(game: Game, step: Step, strategy: Strategy | None = None) -> Reasoned:
    """The computer's choice for ``step`` with its scores."""
    return Reasoned(*_reason(game, step, strategy))


def _reason(game: Game, step: Step, spec: Strategy | None) -> tuple[str, dict[str, float]]:
    strategy = _for_role(spec, step.actor)
    # in the content's order: the screen shuffles a decision's options, the computer's weighing does not
    # (its noise is drawn option by option, and ties go to the option the content lists first)
    available = [c for c in step.choices if c.available]
    available.sort(key=_content_order)
    if step.kind == "news" or len(available) == 1:
        return available[0].id, {available[0].id: 0.0}
    if step.kind == "input":
        for given in available:
            if given.id == strategy:  # an input the strategy names, given whenever it can be
                return given.id, {c.id: float(c is given) for c in available}
    elif strategy not in STRATEGIES:
        if strategy in {i.id for i in game.pack.roles[step.actor].inputs}:  # type: ignore[index]
            strategy = "priorities"  # an input strategy decides by priorities
        else:
            raise ValueError(f"unknown strategy '{strategy}'; choose from {', '.join(STRATEGIES)}")
    rng = policy_rng(game, step.actor)
    if step.kind == "input":
        return _input(game, step, available, rng)
    if strategy == "topdown":
        scores = _immediate(game, step, available)
        best = max(available, key=lambda c: (scores[c.id], -c.index))
        return best.id, scores
    if strategy == "random":
        pick = rng.choice(available).id
        return pick, {c.id: float(c.id == pick) for c in available}
    scores = _scores(game, step, available, rng)
    if strategy in ("honour", "ignore"):
        cur = game.now.current
        voiced = _voiced(game)
        sign = 1 if strategy == "honour" else -1
        for c in available:
            honoured = sum(
                1 for role in voiced if role in c.honours or f"{role}.{cur.inputs[role]}" in c.honours
            )
            scores[c.id] += sign * 1000 * honoured
    # the best score; of equals, the one the content lists first (never the one shown first)
    best = max(available, key=lambda c: (scores[c.id], -c.index))
    return best.id, scores


#: a choice's place in the content's order (a C-level key: the policy sorts at every step)
_content_order = attrgetter("index")


def _voiced(game: Game) -> list[str]:
    return [role for role, option in game.inputs_given() if option.voice]


def _input(
    game: Game, step: Step, available: list[Choice], rng: PolicyRandom
) -> tuple[str, dict[str, float]]:
    pack = game.pack
    role = pack.roles[step.actor]  # type: ignore[index]
    temper = role.temperament
    res = role.resource
    state = game.now
    ratio = 1.0
    if res is not None and res.max:
        ratio = state.resources.get(res.id, 0.0) / res.max
    # what a costly input is worth to a role short of its resource (the same for every input)
    thrift = max(0.05, 1 - temper.caution * (1 - ratio))
    ctx = None  # made for the first weight that reads the game
    weights: dict[str, float] = {}
    event = step.event
    has_private = event is not None and role.id in event.private
    liking = _input_weights(pack, pack.inputs_for(role.id, event))
    silent = []
    voiced = []
    for c in available:
        fixed, fn = liking[c.id]
        if fn is None:
            w = fixed
        else:
            ctx = ctx or Context(state)
            w = max(0.0, float(fn(ctx)))
        if c.shares and has_private:
            w *= 3
        if c.cost and res is not None:
            w *= thrift
        weights[c.id] = w
        if w > 0:
            (voiced if c.voice else silent).append(c)
    speak = temper.voice * (0.4 + 0.6 * ratio)
    if silent and rng.random() > speak:
        pool = silent
    else:
        pool = voiced or silent or available
    total = sum([weights[c.id] for c in pool])
    pick = pool[0].id
    if total > 0:
        roll = rng.random() * total
        for c in pool:
            roll -= weights[c.id]
            if roll < 0:
                pick = c.id
                break
    return pick, weights


def _input_weights(pack: Pack, inputs: list[InputOption]) -> dict[str, tuple[float, Fn | None]]:
    """How much a computer role likes each input: a plain weight, or the closure that gives it."""
    key = ("ai_weight", id(inputs))
    found = pack.cache.get(key)
    if found is not None and found[0] is inputs:
        return found[1]
    liking: dict[str, tuple[float, Fn | None]] = {}
    for given in inputs:
        if isinstance(given.ai_weight, bool | int | float):
            liking[given.id] = (max(0.0, float(given.ai_weight)), None)
        else:
            liking[given.id] = (0.0, pack.fn(given.ai_weight, "num"))
    pack.cache[key] = (inputs, liking)
    return liking


class _WhatIf:
    """A what-if record of the decision being weighed: what expressions read of a decided event."""

    __slots__ = ("heeded", "honoured", "ignored", "inputs", "shared")

    def __init__(
        self,
        inputs: dict[str, str],
        honoured: list[str],
        ignored: list[str],
        shared: list[str],
        heeded: list[str],
    ):
        self.inputs = inputs
        self.honoured = honoured
        self.ignored = ignored
        self.shared = shared
        self.heeded = heeded


#: What an option is worth to a role before the game's numbers come in: per visible change, the role's
#: priority weight x discount and the amount's closure; for a plain number the product is made here and
#: the closure is None (the same float the game would compute: (weight x discount) x amount).
Terms = tuple[tuple[float, Fn | None], ...]


@dataclass(frozen=True, slots=True)
class _View:
    """One option as a deciding role weighs it (made once per pack, role and event)."""

    option: Option
    now: Terms
    #: each conditional effect's condition with its terms
    conditional: tuple[tuple[Fn, Terms], ...]
    later: Terms
    honours: frozenset[str]
    heeds: frozenset[str]
    bias: float
    #: what its visible effects are worth when that is plain arithmetic (no closure to call, no
    #: condition): the sum of its terms, made once in the order weighing them adds them up; else None
    fixed: float | None


def _views(pack: Pack, role: Role, event: Event) -> dict[str, _View]:
    """How ``role`` weighs each option of ``event``, by option id."""
    key = ("views", role.id, event.id)
    found = pack.cache.get(key)
    if found is not None and found[0] is event and found[1] is role:
        return found[2]

    def terms(part: Effects, factor: float) -> Terms:
        found: list[tuple[float, Fn | None]] = []
        for target, amount in part.change.items():
            weight = role.priorities.get(target, 0.0)
            if not weight:
                continue
            if isinstance(amount, bool | int | float):
                found.append((weight * factor * float(amount), None))
            else:
                found.append((weight * factor, pack.fn(amount, "num")))
        return tuple(found)

    views = {}
    for option in event.options:
        now = terms(option.effects, 1.0)
        conditional = tuple((pack.fn(p.when, "bool"), terms(p, 1.0)) for p in option.conditional)
        later = tuple(t for p in option.later for t in terms(p, 0.85**p.after))
        reads = bool(conditional) or any(fn is not None for _, fn in (*now, *later))
        fixed = None if reads else _worth(later, None, _worth(now, None, 0.0) if now else 0.0)
        # a role's own proposal counts as honouring it (the option is offered only when it proposed)
        honours = frozenset([*option.honours, *([option.proposed_by] if option.proposed_by else [])])
        views[option.id] = _View(
            option, now, conditional, later, honours, frozenset(option.heeds), option.ai_bias, fixed
        )
    pack.cache[key] = (event, role, views)
    return views


def _immediate(game: Game, step: Step, available: list[Choice]) -> dict[str, float]:
    """What each option brings at once on the decider's priorities: no later effects, no input, no noise."""
    role = game.pack.roles[step.actor]  # type: ignore[index]
    views = _views(game.pack, role, step.event)  # type: ignore[arg-type]
    ctx = Context(game.now)
    return {c.id: _worth(views[c.id].now, ctx, 0.0) for c in available}


def _worth(terms: Terms, ctx: Context | None, value: float) -> float:
    """``value`` plus each term, in order."""
    for factor, amount in terms:
        value += factor if amount is None else factor * float(amount(ctx))
    return value


def _scores(game: Game, step: Step, available: list[Choice], rng: PolicyRandom) -> dict[str, float]:
    """How much the decider likes each option: priorities over the visible effects, honour, cost, noise."""
    role = game.pack.roles[step.actor]  # type: ignore[index]
    cur = game.now.current
    assert cur is not None
    event = step.event
    assert event is not None
    # one copy of the inputs for every what-if record (expressions only read it)
    inputs = dict(cur.inputs)
    voiced = []
    # as the engine records it: every role whose input shares, private text or not
    shared = []
    # of those, the roles whose warning an option can heed: only a role with private knowledge here
    warned = []
    for r, input_id in inputs.items():
        option = input_option(game.pack, r, input_id, event)
        if option.voice:
            voiced.append(r)
        if option.shares:
            shared.append(r)
            if r in event.private:
                warned.append(r)
    views = _views(game.pack, role, event)
    # what an option names to honour a voiced input: the role, or the role and that input
    named = [(r, f"{r}.{inputs[r]}") for r in voiced]
    # the temperament's factors, as the sums below group them ((honour x 6) x n, ...)
    temper = role.temperament
    honour_6, honour_3, caution_10, noise = (
        temper.honour * 6,
        temper.honour * 3,
        temper.caution * 10,
        temper.noise,
    )
    spends = role.resource.max if role.resource is not None else 0
    scores = {}
    for choice in available:
        view = views[choice.id]
        honours = view.honours
        honoured = [r for r, given_input in named if r in honours or given_input in honours]
        value = view.fixed
        if value is None:
            value = _judged(
                view, inputs, honoured, [r for r in voiced if r not in honoured], shared, warned, game
            )
        value += honour_6 * len(honoured)
        value -= honour_3 * (len(voiced) - len(honoured))
        if choice.cost and spends:
            value -= caution_10 * choice.cost / spends
        value += view.bias
        value += noise * rng.gauss(0, 6)
        scores[choice.id] = value
    return scores


def _judged(
    view: _View,
    inputs: dict[str, str],
    honoured: list[str],
    ignored: list[str],
    shared: list[str],
    warned: list[str],
    game: Game,
) -> float:
    """What an option's visible effects are worth when weighing them reads the game: judged against a
    what-if record of the decision (which inputs this option would honour), as the decision will judge
    them (every condition before any amount)."""
    heeded = [r for r in warned if r in view.heeds or r in honoured]
    ctx = Context(game.now, _WhatIf(inputs, honoured, ignored, shared, heeded))  # type: ignore[arg-type]
    value = _worth(view.now, ctx, 0.0) if view.now else 0.0
    if view.conditional:
        for terms in [t for w, t in view.conditional if w(ctx)]:
            value = _worth(terms, ctx, value)
    if view.later:
        value = _worth(view.later, ctx, value)
    return value
