"""The turn machine: a game in rounds of events, each deliberated in phases.

The host (the UI, a test, the simulator) pulls: :meth:`Game.step` says what happens now and who acts,
:meth:`Game.choose` takes that actor's choice and returns what happened. Computer-played roles are moved
with :meth:`Game.play_computer`. Phases of an event: briefing (everyone reads; a role sees its own private
knowledge), input (each consulted role chooses an input), decision (the decider picks an option),
consequences (:mod:`.consequences`), and at the end of a round (:mod:`.round_end`) delayed effects, drifts,
refreshes and end conditions; then the next round's draw (:mod:`.draw`). Every number moves through the
effects ledger (:mod:`.ledger`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .choices import honouring, input_table, option_table, touched, with_honours
from .consequences import decide, input_option, news
from .context import Context
from .draw import Draw
from .errors import GameError
from .ledger import Ledger, Source
from .model import Ending, Event, InputOption, Option, Scenario, Text
from .order import shown_order
from .pack import Pack
from .plan import scenario_plan
from .policy import Strategy, choose_for
from .round_end import end_round, option_of
from .state import Change, Deliberation, EventRecord, GameState, decode_rng, encode_rng, new_rng
from .steps import CONTINUE, Choice, Outcome, Step, StepKind

__all__ = ["CONTINUE", "Choice", "Game", "GameError", "Outcome", "Step", "StepKind", "check_setup", "touched"]


#: a news step's one choice (immutable, so every news step shares it)
_READ_ON = (Choice(CONTINUE, None),)


class Game:
    """One game of a scenario: the compiled pack plus the mutable :class:`GameState`."""

    def __init__(self, pack: Pack, state: GameState, *, changes: bool = True) -> None:
        self.pack = pack
        self._state = state
        #: whether every change to a meter or resource is recorded (see :meth:`new`)
        self.keeps_changes = changes
        self.ledger = Ledger(pack, state, changes)
        self.scenario: Scenario = pack.scenarios[state.scenario]
        self.rng = decode_rng(state.rng) if state.rng else new_rng(state.seed)
        # Whether state.rng holds the generator's state: it is saved when the state is asked for (see
        # state), not at every round (the generator only moves when a round's events are drawn).
        self._rng_saved = True
        # Content never changes during a game: the scenario's rules are worked out once per pack (plan.py).
        self._plan = scenario_plan(pack, self.scenario)
        self._draw = Draw(pack, self._plan, state)

    # -- creating ------------------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        pack: Pack,
        scenario: str | None = None,
        *,
        seed: int = 0,
        variant: str | None = None,
        players: dict[str, str | None] | None = None,
        changes: bool = True,
    ) -> Game:
        """Start a game. ``players`` maps roles to player names; unnamed roles are played by the computer.

        With ``changes=False`` the game records no :class:`Change` (a simulation reads only meters, endings
        and decisions): every number, record and note is the same as with them, but the records' and
        outcomes' ``changes`` stay empty, so such a game is not one to show, save or report on.

        Raises :class:`GameError` (``unknown_scenario``, ``unknown_variant``, ``unknown_role``).
        """
        sc = check_setup(pack, scenario, variant=variant, players=players)
        rounds, per_round = _length(sc, variant)
        players = players or {}
        meters = {m.id: float(m.start) for m in pack.meters.values()}
        meters.update({k: float(v) for k, v in sc.start.meters.items()})
        resources = {}
        for role_id in sc.roles:
            res = pack.roles[role_id].resource
            if res is not None:
                resources[res.id] = float(res.start)
        state = GameState(
            pack=pack.id,
            pack_version=pack.manifest.version,
            scenario=sc.id,
            variant=variant,
            rounds=rounds,
            events_per_round=per_round,
            seed=seed,
            players={r: players.get(r) for r in sc.roles},
            meters=meters,
            resources=resources,
            flags={k: v for k, v in sc.start.flags.items() if v > 0},
            start=dict(meters),
        )
        game = cls(pack, state, changes=changes)
        game._begin_round()
        game._advance()
        return game

    @classmethod
    def replay(cls, pack: Pack, state: GameState) -> Game:
        """A new game from ``state``'s scenario, seed and players, with its decision log replayed."""
        game = cls.new(pack, state.scenario, seed=state.seed, variant=state.variant, players=state.players)
        for choice in state.choices:
            game.choose(choice)
        return game

    @property
    def state(self) -> GameState:
        """All mutable state of the game, the random generator's state included."""
        if not self._rng_saved:
            self._state.rng = encode_rng(self.rng)
            self._rng_saved = True
        return self._state

    @property
    def now(self) -> GameState:
        """The state as the game plays it, without bringing its copy of the generator's state up to date
        (for readers inside the engine, such as the policy; hosts that keep or save it ask for ``state``)."""
        return self._state

    # -- what is happening now ------------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self._state.ending is not None

    @property
    def event(self) -> Event | None:
        cur = self._state.current
        return self.pack.events[cur.event] if cur else None

    def step(self) -> Step:
        """The current step: its kind, the event, who acts and what they can choose."""
        st = self._state
        if st.ending is not None or st.current is None:
            return Step("ended", st.round)
        cur = st.current
        event = self.pack.events[cur.event]
        for waiting in cur.consult:
            if waiting not in cur.inputs:
                return Step("input", st.round, event, waiting, self._input_choices(waiting, event))
        if event.decider is None:
            return Step("news", st.round, event, None, _READ_ON)
        choices = shown_order(st.seed, st.round, event.id, self._option_choices(event))
        return Step("decision", st.round, event, event.decider, choices)

    def _input_choices(self, role: str, event: Event) -> tuple[Choice, ...]:
        res, highest, affordable, table = input_table(self.pack, role, event)
        have = None if res is None else self._state.resources.get(res, 0.0)
        if have is None or have >= highest:
            return affordable
        return tuple(
            ok if not cost or have is None or have >= cost else blocked for cost, ok, blocked in table
        )

    def _option_choices(self, event: Event) -> tuple[Choice, ...]:
        res, table = option_table(self.pack, event)
        have = None if res is None else self._state.resources.get(res, 0.0)
        ctx = None  # made for the first option with a condition
        inputs = self._state.current.inputs if self._state.current else {}
        kinds = {role: input_option(self.pack, role, i, event).kind or "" for role, i in inputs.items()}
        found = []
        for when, cost, option, ok, blocked in table:
            if option.proposed_by is not None and kinds.get(option.proposed_by) != "propose":
                continue  # a proposal is on the table only when its role proposed it this time
            if when is not None:
                ctx = ctx or Context(self._state)
                if not when(ctx):
                    continue
            choice = ok if not cost or have is None or have >= cost else blocked
            if option.honours or option.proposed_by:
                choice = with_honours(self.pack, choice, tuple(honouring(option, inputs, kinds)))
            found.append(choice)
        choices = tuple(found)
        if any(c.available for c in choices):
            return choices
        # Nothing is affordable: the cheapest offered options stay open, so the game never stalls.
        cheapest = min(c.cost for c in choices)
        return tuple(replace(c, available=True, blocked=None) if c.cost == cheapest else c for c in choices)

    def waiting_for(self) -> str | None:
        """The consulted role whose input is still missing, if any."""
        cur = self._state.current
        if cur is None:
            return None
        for role in cur.consult:
            if role not in cur.inputs:
                return role
        return None

    def is_human(self, role: str | None) -> bool:
        return role is not None and self._state.players.get(role) is not None

    def private_for(self, role: str) -> Text | None:
        """The current event's private knowledge of ``role`` (show it only to that role's player)."""
        event = self.event
        return event.private.get(role) if event else None

    def proposals(self) -> list[tuple[str, Text]]:
        """What the roles that proposed an alternative in this deliberation propose (public, like the inputs)."""
        cur, event = self._state.current, self.event
        if cur is None or event is None:
            return []
        return [
            (role, event.proposals[role])
            for role, input_id in cur.inputs.items()
            if role in event.proposals and self.input_option(role, input_id, event).kind == "propose"
        ]

    def shared_knowledge(self) -> list[tuple[str, Text]]:
        """Private knowledge shared so far in this deliberation (the decider sees it)."""
        cur, event = self._state.current, self.event
        if cur is None or event is None:
            return []
        found = []
        for role, input_id in cur.inputs.items():
            option = self.input_option(role, input_id, event)
            if option.shares and role in event.private:
                found.append((role, event.private[role]))
        return found

    def inputs_given(self) -> list[tuple[str, InputOption]]:
        """The inputs given so far in this deliberation, in order (every role may see these)."""
        cur, event = self._state.current, self.event
        if cur is None or event is None:
            return []
        return [(role, self.input_option(role, i, event)) for role, i in cur.inputs.items()]

    def input_option(self, role: str, input_id: str, event: Event) -> InputOption:
        """The input ``role`` gave (by id) at ``event``."""
        return input_option(self.pack, role, input_id, event)

    def resource_of(self, role: str) -> tuple[str, float] | None:
        res = self.pack.roles[role].resource
        return (res.id, self._state.resources.get(res.id, 0.0)) if res else None

    def ending(self) -> Ending | None:
        if self._state.ending is None:
            return None
        return next(e for e in self.scenario.endings if e.id == self._state.ending)

    def goals(self, role: str) -> list[tuple[Any, bool]]:
        """The role's goals, each with whether it holds now."""
        ctx = Context(self._state)
        return [(g, bool(self.pack.expr(g.when, "bool")(ctx))) for g in self.pack.roles[role].goals]

    def meter_series(self, meter: str) -> list[float]:
        """A meter's value at the start and after every finished round."""
        return [self._state.start[meter], *(r.meters[meter] for r in self._state.round_log)]

    def bounds(self, target: str) -> tuple[float, float]:
        """The range a meter or resource is kept in."""
        return self.ledger.bounds(target)

    def consulted(self, event: Event) -> list[str]:
        """The roles of this scenario an event asks for input, in the scenario's order."""
        roles = self.scenario.roles
        if event.decider is None:
            return []
        if event.consult is None:
            return [r for r in roles if r != event.decider]
        return [r for r in roles if r in event.consult and r != event.decider]

    def input_costs(self, record: EventRecord) -> list[Change]:
        """What giving input at ``record``'s deliberation cost each role, as the changes it made then.

        The engine moved these when the inputs were given (an input step has no record; see
        :attr:`Outcome.spent`); the record keeps which inputs were given, and an input is only offered when
        its role can pay for it in full, so each cost is exactly the input's price.
        """
        event = self.pack.events.get(record.event)
        if event is None:
            return []
        found = []
        for role, input_id in record.inputs.items():
            res = self.pack.roles[role].resource
            if res is None or res.id not in self._state.resources:
                continue
            cost = next((i.cost for i in self.pack.inputs_for(role, event) if i.id == input_id), 0)
            if cost:
                found.append(
                    Change(
                        target=res.id,
                        delta=float(-cost),
                        cause="cost",
                        round=record.round,
                        event=record.event,
                        role=role,
                    )
                )
        return found

    # -- acting ---------------------------------------------------------------------------------
    def choose(self, choice_id: str) -> Outcome:
        """Take the acting role's choice and move on; returns what happened."""
        return self._choose(self.step(), choice_id)

    def _choose(self, step: Step, choice_id: str) -> Outcome:
        """:meth:`choose` for a step just computed from the current state."""
        if step.kind == "ended":
            raise GameError("game_over")
        choice = step.choice(choice_id)
        if not choice.available:
            raise GameError("not_available", choice=choice_id, blocked=choice.blocked)
        st = self._state
        st.choices.append(choice_id)
        cur = st.current
        assert cur is not None and step.event is not None
        if step.kind == "input":
            assert step.actor is not None
            cur.inputs[step.actor] = choice_id
            spent: list[Change] = []
            if choice.cost:
                self.ledger.pay(step.actor, choice.cost, step.event.id, None, spent)
            given = self.input_option(step.actor, choice_id, step.event)
            if given.effects is not None:
                # seen at once, whatever the decision: kept with the deliberation for the decision's record
                # (a text without numbers has nothing to show here: its note is dropped)
                done: list[Change] = []
                source = Source("input", step.event.id, None, step.actor)
                self.ledger.apply(given.effects, source, Context(st), done, [])
                cur.changes.extend(done)
                spent.extend(done)
            return Outcome(step, choice_id, spent=spent)
        if step.kind == "news":
            record = news(self.pack, st, self.ledger, step.event)
        else:
            option = self._option(step.event, choice_id)
            record = decide(self.pack, self.scenario, st, self.ledger, step.event, option)
        outcome = Outcome(step, choice_id, record)
        self._advance(outcome)
        return outcome

    def play_computer(self, strategy: Strategy | None = None, *, until_human: bool = True) -> list[Outcome]:
        """Let the computer play every step until a human must act (or, with until_human=False, to the end).

        ``strategy``: a :data:`~game.engine.policy.Strategy` (a name, or one per role)."""
        outcomes = []
        while not self.over:
            step = self.step()
            if until_human and step.actor is not None and self.is_human(step.actor):
                break
            if until_human and step.kind == "news" and any(self._state.players.values()):
                break
            outcomes.append(self._choose(step, choose_for(self, step, strategy)))
        return outcomes

    # -- rounds ---------------------------------------------------------------------------------
    def _advance(self, outcome: Outcome | None = None) -> None:
        """Start the next event: of this round's queue, or of the next round that has one."""
        st = self._state
        while True:
            if st.queue:
                event_id = st.queue.pop(0)
                st.current = Deliberation(event=event_id, consult=self.consulted(self.pack.events[event_id]))
                return
            st.current = None
            record = end_round(self.pack, self.scenario, self._plan, st, self.ledger)
            if outcome is not None:
                outcome.rounds.append(record)
            if st.ending is not None:
                if outcome is not None:
                    outcome.ending = self.ending()
                return
            st.round += 1
            self._begin_round()

    def _begin_round(self) -> None:
        st = self._state
        st.queue = self._draw.next_round(st, self.rng)
        self._rng_saved = False

    def _option(self, event: Event, option_id: str) -> Option:
        return option_of(event, option_id)


def check_setup(
    pack: Pack,
    scenario: str | None = None,
    *,
    variant: str | None = None,
    players: dict[str, str | None] | None = None,
) -> Scenario:
    """The scenario a game of ``pack`` would play (None: the pack's first), when it has ``variant`` and
    every role of ``players``; else a :class:`GameError` (``unknown_scenario``, ``no_variants``,
    ``unknown_variant``, ``unknown_role``). :meth:`Game.new` checks with it; hosts that want to word a
    mistake before they start a game ask it first."""
    if scenario is None:
        scenario = next(iter(pack.scenarios))
    if scenario not in pack.scenarios:
        raise GameError("unknown_scenario", scenario=scenario, choices=list(pack.scenarios))
    sc = pack.scenarios[scenario]
    _length(sc, variant)
    unknown = sorted(set(players or {}) - set(sc.roles))
    if unknown:
        raise GameError("unknown_role", role=unknown[0], scenario=scenario, choices=list(sc.roles))
    return sc


def _length(sc: Scenario, variant: str | None) -> tuple[int, int]:
    """The number of rounds and events per round of a scenario, or of one of its variants."""
    if variant is None:
        return sc.rounds, sc.events_per_round
    for v in sc.variants:
        if v.id == variant:
            return v.rounds, v.events_per_round
    if not sc.variants:
        raise GameError("no_variants", scenario=sc.id, variant=variant)
    raise GameError("unknown_variant", scenario=sc.id, variant=variant, choices=[v.id for v in sc.variants])
