"""The deliberation engine: a game in rounds of events, each deliberated in phases.

The host (the UI, a test, the simulator) pulls: :meth:`Game.step` says what happens now and who acts,
:meth:`Game.choose` takes that actor's choice and returns what happened. Computer-played roles are moved
with :meth:`Game.play_computer`. Phases of an event: briefing (everyone reads; a role sees its own private
knowledge), input (each consulted role chooses an input), decision (the decider picks an option),
consequences (at once, later, hidden downsides, follow-ups, and the deliberation rules for honoured and
ignored input), and at the end of a round: delayed effects, drifts, refreshes and end conditions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .model import Effects, Ending, Event, InputOption, Option, Scenario, Text
from .pack import Pack
from .plan import Fn, RulePlan, effects_plan, event_rules, scenario_plan
from .state import (
    Cause,
    Change,
    Deliberation,
    EventRecord,
    GameState,
    Note,
    Pending,
    RoundRecord,
    Scheduled,
    decode_rng,
    encode_rng,
    new_rng,
)

StepKind = Literal["input", "decision", "news", "ended"]
CONTINUE = "continue"


class GameError(ValueError):
    """A choice the game cannot take (unknown option, not available, the game has ended)."""


@dataclass(frozen=True)
class Choice:
    """One choice the acting role can make now, with what it costs and which meters it touches."""

    id: str
    label: Text
    description: Text | None = None
    cost: float = 0
    resource: str | None = None
    touches: tuple[str, ...] = ()
    honours: tuple[str, ...] = ()
    available: bool = True
    #: why it is not available: "cost" or "condition"
    blocked: str | None = None
    voice: bool = True
    shares: bool = False


@dataclass(frozen=True)
class Step:
    """What happens now: the kind of step, the event, who acts, and their choices."""

    kind: StepKind
    round: int
    event: Event | None = None
    actor: str | None = None
    choices: tuple[Choice, ...] = ()

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise GameError(f"'{choice_id}' is not a choice now")


@dataclass
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


class Game:
    """One game of a scenario: the compiled pack plus the mutable :class:`GameState`."""

    def __init__(self, pack: Pack, state: GameState, *, changes: bool = True) -> None:
        self.pack = pack
        self._bind(state)
        #: whether every change to a meter or resource is recorded (see :meth:`new`)
        self.keeps_changes = changes
        self.scenario: Scenario = pack.scenarios[state.scenario]
        self.rng = decode_rng(state.rng) if state.rng else new_rng(state.seed)
        # Whether state.rng holds the generator's state: it is saved when the state is asked for (see
        # state), not at every round (the generator only moves when a round's events are drawn).
        self._rng_saved = True
        # Content never changes during a game: the scenario's rules are worked out once per pack
        # (see plan.py), the meters' ranges once per game.
        self._plan = scenario_plan(pack, self.scenario)
        self._ranges: dict[str, tuple[float, float]] = {}

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
        """
        if scenario is None:
            scenario = next(iter(pack.scenarios))
        if scenario not in pack.scenarios:
            raise GameError(f"unknown scenario '{scenario}'")
        sc = pack.scenarios[scenario]
        rounds, per_round = sc.rounds, sc.events_per_round
        if variant is not None:
            found = [v for v in sc.variants if v.id == variant]
            if not found:
                raise GameError(f"scenario '{scenario}' has no variant '{variant}'")
            rounds, per_round = found[0].rounds, found[0].events_per_round
        players = players or {}
        unknown = set(players) - set(sc.roles)
        if unknown:
            raise GameError(f"no role '{sorted(unknown)[0]}' in scenario '{scenario}'")
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
            scenario=scenario,
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

    def _bind(self, state: GameState) -> None:
        """Play ``state`` from now on. The state's dicts are kept at hand (they are changed in place, never
        replaced): expressions read the meters thousands of times a game."""
        self._state = state
        self._meters: dict[str, float] = state.meters
        self._resources: dict[str, float] = state.resources
        self._flags: dict[str, int] = state.flags

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
        inputs = cur.inputs
        for waiting in cur.consult:
            if waiting not in inputs:
                res, table = self._input_table(waiting, event)
                have = None if res is None else st.resources.get(res, 0.0)
                return Step(
                    "input",
                    st.round,
                    event,
                    waiting,
                    tuple(
                        ok if not cost or have is None or have >= cost else blocked
                        for cost, ok, blocked in table
                    ),
                )
        if event.decider is None:
            return Step(
                "news", st.round, event, None, (Choice(CONTINUE, {"nl": "Verder", "en": "Continue"}),)
            )
        res, table = self._option_table(event)
        have = None if res is None else st.resources.get(res, 0.0)
        ctx = _Ctx(self)
        choices = tuple(
            ok if not cost or have is None or have >= cost else blocked
            for when, cost, ok, blocked in table
            if when is None or when(ctx)
        )
        for c in choices:
            if c.available:
                break
        else:
            # Nothing is affordable: the cheapest offered options stay open, so the game never stalls.
            cheapest = min(c.cost for c in choices)
            choices = tuple(
                replace(c, available=True, blocked=None) if c.cost == cheapest else c for c in choices
            )
        return Step("decision", st.round, event, event.decider, choices)

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

    def shared_knowledge(self) -> list[tuple[str, Text]]:
        """Private knowledge shared so far in this deliberation (the decider sees it)."""
        cur, event = self._state.current, self.event
        if cur is None or event is None:
            return []
        found = []
        for role, input_id in cur.inputs.items():
            option = self._input_option(role, input_id, event)
            if option.shares and role in event.private:
                found.append((role, event.private[role]))
        return found

    def inputs_given(self) -> list[tuple[str, InputOption]]:
        """The inputs given so far in this deliberation, in order (every role may see these)."""
        cur, event = self._state.current, self.event
        if cur is None or event is None:
            return []
        return [(role, self._input_option(role, i, event)) for role, i in cur.inputs.items()]

    def resource_of(self, role: str) -> tuple[str, float] | None:
        res = self.pack.roles[role].resource
        return (res.id, self._state.resources.get(res.id, 0.0)) if res else None

    def ending(self) -> Ending | None:
        if self._state.ending is None:
            return None
        return next(e for e in self.scenario.endings if e.id == self._state.ending)

    def goals(self, role: str) -> list[tuple[Any, bool]]:
        """The role's goals, each with whether it holds now."""
        ctx = _Ctx(self)
        return [(g, bool(self.pack.expr(g.when, "bool")(ctx))) for g in self.pack.roles[role].goals]

    def meter_series(self, meter: str) -> list[float]:
        """A meter's value at the start and after every finished round."""
        return [self._state.start[meter], *(r.meters[meter] for r in self._state.round_log)]

    # -- acting ---------------------------------------------------------------------------------
    def choose(self, choice_id: str) -> Outcome:
        """Take the acting role's choice and move on; returns what happened."""
        return self._choose(self.step(), choice_id)

    def _choose(self, step: Step, choice_id: str) -> Outcome:
        """:meth:`choose` for a step just computed from the current state."""
        if step.kind == "ended":
            raise GameError("the game has ended")
        choice = step.choice(choice_id)
        if not choice.available:
            raise GameError(f"'{choice_id}' is not available now ({choice.blocked})")
        self._state.choices.append(choice_id)
        cur = self._state.current
        assert cur is not None and step.event is not None
        if step.kind == "input":
            assert step.actor is not None
            cur.inputs[step.actor] = choice_id
            spent: list[Change] = []
            if choice.cost:
                self._apply_cost(step.actor, choice.cost, step.event.id, None, spent)
            return Outcome(step, choice_id, spent=spent)
        if step.kind == "news":
            record = self._news(step.event)
        else:
            record = self._decide(step.event, self._option(step.event, choice_id))
        outcome = Outcome(step, choice_id, record)
        self._advance(outcome)
        return outcome

    def play_computer(self, strategy: str | None = None, *, until_human: bool = True) -> list[Outcome]:
        """Let the computer play every step until a human must act (or, with until_human=False, to the end)."""
        from .policy import choose_for  # local: the policy imports this module

        outcomes = []
        while not self.over:
            step = self.step()
            if until_human and step.actor is not None and self.is_human(step.actor):
                break
            if until_human and step.kind == "news" and any(self._state.players.values()):
                break
            outcomes.append(self._choose(step, choose_for(self, step, strategy)))
        return outcomes

    # -- the decision and its consequences ------------------------------------------------------
    def _decide(self, event: Event, option: Option) -> EventRecord:
        st = self._state
        cur = st.current
        assert cur is not None
        inputs = cur.inputs
        record = EventRecord(
            round=st.round,
            event=event.id,
            decider=event.decider,
            consulted=list(cur.consult),
            inputs=dict(inputs),
            decision=option.id,
            outcome=option.outcome,
        )
        honours = option.honours
        for role, input_id in inputs.items():
            given = self._input_option(role, input_id, event)
            if given.shares:
                record.shared.append(role)
            if not given.voice:
                record.absent.append(role)
            elif role in honours or f"{role}.{input_id}" in honours:
                record.honoured.append(role)
            else:
                record.ignored.append(role)
        ctx = _Ctx(self, record)
        event_id, option_id = event.id, option.id
        src = _source(event_id, option_id)
        changes = record.changes
        # Conditions hold "at the moment of the decision": judged before its cost and effects, as the
        # policy judges them.
        pack = self.pack
        holding = [part for part in option.conditional if effects_plan(pack, part).when(ctx)]  # type: ignore[misc]
        if option.cost and event.decider:
            self._apply_cost(event.decider, option.cost, event.id, option.id, changes)
        self._apply(option.effects, "option", ctx, changes, event_id, option_id, option.critique)
        for part in holding:
            self._apply(part, "conditional", ctx, changes, event_id, option_id)
        for n, part in enumerate(option.later):
            self._defer("later", n, part.after, event, option)
        for n, part in enumerate(option.hidden):
            role = part.unless_shared_by
            if role in record.shared and role in record.honoured:
                record.notes.append(
                    Note(
                        kind="averted",
                        round=st.round,
                        role=role,
                        text=part.text,
                        critique=part.critique,
                        **src,
                    )
                )
            elif part.after == 0:
                self._apply(part, "hidden", ctx, changes, event_id, option_id)
            else:
                self._defer("hidden", n, part.after, event, option)
        for follow in option.follow_ups:
            st.scheduled.append(Scheduled(event=follow.event, round=st.round + follow.after))
            record.notes.append(Note(kind="follow_up", round=st.round, detail=follow.event, **src))
        if record.honoured or record.ignored or record.absent:
            rules = event_rules(pack, self.scenario, event)
            for cause, roles, counts in (
                ("honoured", record.honoured, st.honoured_count),
                ("ignored", record.ignored, st.ignored_count),
                ("absent", record.absent, None),
            ):
                if not roles:
                    continue
                rule = getattr(rules, cause)
                for role in roles:
                    if counts is not None:
                        counts[role] = counts.get(role, 0) + 1
                    if rule is not None:
                        self._apply_rule(rule, cause, role, ctx, changes, event_id, option_id)
        st.history.append(record)
        return record

    def _defer(
        self, kind: Literal["later", "hidden"], index: int, after: int, event: Event, option: Option
    ) -> None:
        """Leave the option's ``index``-th delayed or hidden effect for the end of round now + ``after``."""
        st = self._state
        st.pending.append(
            Pending(
                due=st.round + after, event=event.id, option=option.id, kind=kind, index=index, round=st.round
            )
        )

    def _news(self, event: Event) -> EventRecord:
        st = self._state
        record = EventRecord(round=st.round, event=event.id, decider=None)
        if event.effects is not None:
            record.outcome = event.effects.text
            self._apply(event.effects, "news", _Ctx(self, record), record.changes, event.id, None)
        st.history.append(record)
        return record

    def _apply_rule(
        self,
        rule: RulePlan,
        cause: Cause,
        role: str,
        ctx: _Ctx,
        changes: list[Change],
        event: str | None,
        option: str | None,
    ) -> None:
        move = self._move
        critique = rule.critique
        for target, amount in rule.change:
            move(target, amount(ctx), cause, changes, event, option, role, None, critique)
        if rule.resource:
            res = self.pack.roles[role].resource
            if res is not None and res.id in self._resources:
                move(res.id, rule.resource, cause, changes, event, option, role, None, critique)

    def _apply(
        self,
        effects: Effects,
        cause: Cause,
        ctx: _Ctx,
        changes: list[Change],
        event: str | None,
        option: str | None,
        default_critique: str | None = None,
        notes: list[Note] | None = None,
    ) -> None:
        """Apply effects of ``event``'s ``option`` (or of the round's end: both None; or of news: no
        option); a text without numbers becomes a note (in ``notes``, else the event's record)."""
        plan = effects_plan(self.pack, effects)
        critique = plan.critique or default_critique
        text = plan.text
        move = self._move
        for target, amount in plan.change:
            move(target, amount(ctx), cause, changes, event, option, None, text, critique)
        for target, amount in plan.set:
            value = amount(ctx)
            move(target, value - self._get(target), cause, changes, event, option, None, text, critique)
        if plan.flags:
            flags = self._flags
            for flag, n in plan.flags:
                count = max(0, flags.get(flag, 0) + n)
                if count:
                    flags[flag] = count
                else:
                    flags.pop(flag, None)
        if text and not plan.change and not plan.set:
            note = Note(
                kind="text", round=self._state.round, text=text, critique=critique, **_source(event, option)
            )
            if notes is not None:
                notes.append(note)
            elif ctx.record is not None:
                ctx.record.notes.append(note)

    def _apply_cost(
        self, role: str, cost: float, event: str, option: str | None, changes: list[Change] | None = None
    ) -> None:
        res = self.pack.roles[role].resource
        if res is None:
            return
        self._move(
            res.id, -cost, "cost", changes if changes is not None else [], event, option, role, None, None
        )

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
            if res is None or res.id not in self._resources:
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

    def _get(self, target: str) -> float:
        if target in self._state.meters:
            return self._state.meters[target]
        return self._state.resources.get(target, 0.0)

    def bounds(self, target: str) -> tuple[float, float]:
        """The range a meter or resource is kept in."""
        found = self._ranges.get(target)
        if found is None:
            found = self._ranges[target] = self._find_bounds(target)
        return found

    def _find_bounds(self, target: str) -> tuple[float, float]:
        if target in self.pack.meters:
            meter = self.pack.meters[target]
            return meter.min, meter.max
        role = self.pack.roles[self.pack.resource_owner[target]]
        assert role.resource is not None
        return 0.0, role.resource.max

    def _move(
        self,
        target: str,
        delta: float,
        cause: Cause,
        changes: list[Change],
        event: str | None,
        option: str | None,
        role: str | None,
        text: Text | None,
        critique: str | None,
    ) -> None:
        """Move a meter or resource by ``delta`` within its range, and record the change."""
        store = self._meters
        old = store.get(target)
        if old is None:
            store = self._resources
            old = store.get(target)
            if old is None:
                return  # a resource of a role not in this scenario
        bounds = self._ranges.get(target)
        low, high = bounds if bounds is not None else self.bounds(target)
        new = round(min(high, max(low, old + delta)), 4)
        store[target] = new
        if (new != old or delta) and self.keeps_changes:
            # float(): at a whole-numbered bound both sides can be ints (validation made it a float)
            changes.append(
                Change(
                    target=target,
                    delta=float(round(new - old, 4)),
                    cause=cause,
                    round=self._state.round,
                    event=event,
                    option=option,
                    role=role,
                    text=text,
                    critique=critique,
                )
            )

    # -- rounds ---------------------------------------------------------------------------------
    def _advance(self, outcome: Outcome | None = None) -> None:
        """Start the next event: of this round's queue, or of the next round that has one."""
        st = self._state
        while True:
            if st.queue:
                self._start_event(st.queue.pop(0))
                return
            st.current = None
            record = self._end_round()
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
        st.queue = self._draw_events()
        self._rng_saved = False
        last_seen = st.last_seen
        for event_id in st.queue:
            last_seen[event_id] = st.round

    def _start_event(self, event_id: str) -> None:
        self._state.current = Deliberation(event=event_id, consult=self.consulted(self.pack.events[event_id]))

    def consulted(self, event: Event) -> list[str]:
        """The roles of this scenario an event asks for input, in the scenario's order."""
        roles = self.scenario.roles
        if event.decider is None:
            return []
        if event.consult is None:
            return [r for r in roles if r != event.decider]
        return [r for r in roles if r in event.consult and r != event.decider]

    def _draw_events(self) -> list[str]:
        st = self._state
        ctx = _Ctx(self)
        drawn: list[str] = []
        now = st.round
        if st.scheduled:
            due = [s for s in st.scheduled if s.round <= now]
            st.scheduled = [s for s in st.scheduled if s.round > now]
            for item in due:
                if item.event not in drawn and self._in_scenario(self.pack.events[item.event]):
                    drawn.append(item.event)
        plan = self._plan
        last_seen = st.last_seen
        for event_id, once, scheduled in plan.scheduled:
            if event_id in drawn or (once and event_id in last_seen):
                continue
            if scheduled(ctx):
                drawn.append(event_id)
        pool: list[str] = []
        weights: list[float] = []
        for event_id, once, cooldown, when, weight_of, fixed in plan.drawable:
            last = last_seen.get(event_id)
            if last is not None and (once or now - last <= cooldown):
                continue
            if event_id in drawn:
                continue
            if when is not None and not when(ctx):
                continue
            weight = fixed if weight_of is None else max(0.0, float(weight_of(ctx)))
            if weight > 0:
                pool.append(event_id)
                weights.append(weight)
        # News (no decider) comes on top of the round's dilemmas; follow-ups and scheduled dilemmas count.
        dilemmas_of = plan.dilemmas
        dilemmas = sum(1 for e in drawn if e in dilemmas_of)
        rng = self.rng
        while dilemmas < st.events_per_round and pool:
            pick = rng.random() * sum(weights)
            last_n = len(pool) - 1
            for n, weight in enumerate(weights):
                pick -= weight
                if pick < 0 or n == last_n:
                    event_id = pool.pop(n)
                    del weights[n]
                    drawn.append(event_id)
                    dilemmas += event_id in dilemmas_of
                    break
        return drawn

    def _in_scenario(self, event: Event) -> bool:
        return event.id in self._plan.event_ids and self.pack.events.get(event.id) is event

    def _end_round(self) -> RoundRecord:
        st = self._state
        changes: list[Change] = []
        notes: list[Note] = []
        ctx = _Ctx(self)
        now = st.round
        if st.pending:
            keep = []
            for item in st.pending:
                if item.due > now:
                    keep.append(item)
                    continue
                option = self._option(self.pack.events[item.event], item.option)
                part = option.later[item.index] if item.kind == "later" else option.hidden[item.index]
                # honoured(), shared() and input.<role> in a delayed effect speak of the decision that caused it.
                decided = _Ctx(self, self._record_of(item))
                when = effects_plan(self.pack, part).when
                if when is None or when(decided):
                    self._apply(part, item.kind, decided, changes, item.event, item.option, notes=notes)
            st.pending = keep
        plan = self._plan
        move = self._move
        for meter_id, drift in plan.drifts:
            move(meter_id, drift(ctx), "drift", changes, None, None, None, None, None)
        for rule, part in zip(self.scenario.round_end, plan.round_end, strict=True):
            if part.when is None or part.when(ctx):
                self._apply(rule, "round_end", ctx, changes, None, None, notes=notes)
        for role_id, res_id, refresh in plan.refresh:
            move(res_id, refresh(ctx), "refresh", changes, None, None, role_id, None, None)
        record = RoundRecord(
            round=now, changes=changes, notes=notes, meters=dict(st.meters), resources=dict(st.resources)
        )
        st.round_log.append(record)
        for ending_id, when in plan.early:
            if when(ctx):
                st.ending = ending_id
                return record
        if now >= st.rounds:
            for ending_id, when in plan.final:
                if when is None or when(ctx):
                    st.ending = ending_id
                    break
        return record

    # -- helpers --------------------------------------------------------------------------------
    def _record_of(self, item: Pending) -> EventRecord | None:
        """The record of the decision that left a delayed effect."""
        for record in reversed(self._state.history):
            if record.round == item.round and record.event == item.event and record.decision == item.option:
                return record
        return None

    def _option(self, event: Event, option_id: str) -> Option:
        for option in event.options:
            if option.id == option_id:
                return option
        raise GameError(f"event '{event.id}' has no option '{option_id}'")

    def _input_option(self, role: str, input_id: str, event: Event) -> InputOption:
        for option in self.pack.inputs_for(role, event):
            if option.id == input_id:
                return option
        raise GameError(f"role '{role}' has no input '{input_id}'")

    # Choices are immutable and depend only on the content and whether they are affordable: made once per
    # pack (both ways), shared by every step that offers them.
    def _input_table(
        self, role: str, event: Event
    ) -> tuple[str | None, tuple[tuple[float, Choice, Choice], ...]]:
        """The resource ``role``'s inputs for ``event`` spend, and per input: its cost, its choice when
        affordable and when not."""
        inputs = self.pack.inputs_for(role, event)
        key = ("inputs", role, id(inputs))
        found = self.pack.cache.get(key)
        if found is not None and found[0] is inputs:
            return found[1]
        res = self.pack.roles[role].resource
        table = tuple(
            (
                option.cost,
                *(
                    Choice(
                        option.id,
                        option.label,
                        option.description,
                        option.cost,
                        res.id if res else None,
                        available=ok,
                        blocked=None if ok else "cost",
                        voice=option.voice,
                        shares=option.shares,
                    )
                    for ok in (True, False)
                ),
            )
            for option in inputs
        )
        made = (res.id if res else None, table)
        self.pack.cache[key] = (inputs, made)
        return made

    def _option_table(
        self, event: Event
    ) -> tuple[str | None, tuple[tuple[Fn | None, float, Choice, Choice], ...]]:
        """The resource ``event``'s decider spends, and per option: its condition, cost, and its choice
        when affordable and when not."""
        key = ("options", event.id)
        found = self.pack.cache.get(key)
        if found is not None and found[0] is event:
            return found[1]
        res = self.pack.roles[event.decider].resource if event.decider else None
        table = tuple(
            (
                None if option.when is None else self.pack.fn(option.when, "bool"),
                option.cost,
                *(
                    Choice(
                        option.id,
                        option.label,
                        option.description,
                        option.cost,
                        res.id if res else None,
                        touches=touched(option),
                        honours=tuple(option.honours),
                        available=ok,
                        blocked=None if ok else "cost",
                    )
                    for ok in (True, False)
                ),
            )
            for option in event.options
        )
        made = (res.id if res else None, table)
        self.pack.cache[key] = (event, made)
        return made


def touched(option: Option) -> tuple[str, ...]:
    """The meters and resources an option visibly touches (hidden downsides are not shown)."""
    found: list[str] = []
    parts: Iterable[Effects] = [option.effects, *option.conditional, *option.later]
    for part in parts:
        for target in (*part.change, *part.set):
            if target not in found:
                found.append(target)
    return tuple(found)


def _source(event: str | None, option: str | None) -> dict[str, str]:
    """The event and option a note comes from, as its fields (only those it has)."""
    found = {}
    if event is not None:
        found["event"] = event
    if option is not None:
        found["option"] = option
    return found


class _Ctx:
    """What expressions read: the game's numbers and flags, and the deliberation being decided."""

    __slots__ = ("flags", "game", "meters", "record", "resources", "state")

    def __init__(self, game: Game, record: EventRecord | None = None) -> None:
        self.game = game
        self.record = record
        self.state = game._state
        # the state's dicts, as the game keeps them at hand (see Game._bind)
        self.meters = game._meters
        self.resources = game._resources
        self.flags = game._flags

    def value(self, name: str) -> float:
        found = self.meters.get(name)
        if found is not None:
            return found
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
        found = _CALLS.get(func)
        if found is None:  # pragma: no cover - the compiler rejects these
            raise GameError(f"unknown function {func}")
        return found(self, args)


def _has(ctx: _Ctx, args: tuple[Any, ...]) -> bool:
    return ctx.flags.get(args[0], 0) > 0


def _flag(ctx: _Ctx, args: tuple[Any, ...]) -> float:
    return float(ctx.flags.get(args[0], 0))


def _seen(ctx: _Ctx, args: tuple[Any, ...]) -> bool:
    # Played, not merely drawn: an event waiting in this round's queue has not been seen yet.
    return any(r.event == args[0] for r in ctx.state.history)


def _chose(ctx: _Ctx, args: tuple[Any, ...]) -> bool:
    return any(r.event == args[0] and r.decision == args[1] for r in ctx.state.history)


def _honoured_count(ctx: _Ctx, args: tuple[Any, ...]) -> float:
    return float(ctx.state.honoured_count.get(args[0], 0))


def _ignored_count(ctx: _Ctx, args: tuple[Any, ...]) -> float:
    return float(ctx.state.ignored_count.get(args[0], 0))


def _honoured(ctx: _Ctx, args: tuple[Any, ...]) -> bool:
    return ctx.record is not None and args[0] in ctx.record.honoured


def _ignored(ctx: _Ctx, args: tuple[Any, ...]) -> bool:
    return ctx.record is not None and args[0] in ctx.record.ignored


def _shared(ctx: _Ctx, args: tuple[Any, ...]) -> bool:
    return ctx.record is not None and args[0] in ctx.record.shared


#: what each function of the expression language reads (see expr.FUNCTIONS)
_CALLS = {
    "has": _has,
    "flag": _flag,
    "seen": _seen,
    "chose": _chose,
    "honoured_count": _honoured_count,
    "ignored_count": _ignored_count,
    "honoured": _honoured,
    "ignored": _ignored,
    "shared": _shared,
}
