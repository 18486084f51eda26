"""The debrief report of one game: what happened, in the players' language, ready for HTML, Markdown or CSV.

:func:`build_report` turns a :class:`~game.engine.Game` into a :class:`Report` of plain, already
translated values; :mod:`game.reports.formats` writes it as a self-contained HTML page, Markdown or CSV
(:func:`render`). :func:`load_save_file` reads a save file by its path for the ``report`` and ``compare``
commands. Nothing here depends on the UI; nothing reads the clock, so the same game gives the same report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from game.classroom.session import game_code
from game.engine import Change, EventRecord, Game, Note, Pack
from game.files.saves import Loaded, SaveError, SaveInfo, check, parse, read_save_bytes, worded
from game.i18n import cause_key, in_sentence, t, text
from game.reports.ending import EndingWhy, ending_why

Format = Literal["html", "md", "csv"]
FORMATS: tuple[Format, ...] = ("html", "md", "csv")
PHASES = ("describe", "analyse", "transfer", "apply")
Verdict = Literal["honoured", "ignored", "absent"]


# -- what a report holds ------------------------------------------------------------------------------
@dataclass
class MeterLine:
    """One meter over the game: its value at the start and after every finished round."""

    id: str
    name: str
    low: float
    high: float
    higher_is_better: bool
    values: list[float]


@dataclass
class PlayerLine:
    role_id: str
    role: str
    #: the player's name, "a player" when anonymous, or "computer"
    player: str
    human: bool


@dataclass
class InputLine:
    role_id: str
    role: str
    label: str
    input_id: str
    verdict: Verdict | None
    shared: bool


@dataclass
class EffectLine:
    """One change to a meter or resource, with its cause in words."""

    target: str
    name: str
    delta: float
    #: why it changed, as it reads inside a sentence: "inbreng van de bewoner gehonoreerd"
    cause: str
    text: str = ""
    critique_id: str | None = None
    critique: str | None = None
    meter: bool = True
    #: a resource's owner as it reads inside a sentence ("de bewoner"); empty for a meter
    owner: str = ""
    event_id: str | None = None
    option_id: str | None = None

    @property
    def label(self) -> str:
        """What moved, as the play screens name it: "Vertrouwen", "Energie (de bewoner)"."""
        return f"{self.name} ({self.owner})" if self.owner else self.name


@dataclass
class ReasonLine:
    """One reason with every change it caused, as the play screens tell consequences.

    "Inbreng van de bewoner gehonoreerd: Vertrouwen +2, Zeggenschap +1"; a reason with a text of its own
    (one the event's outcome did not already tell) carries it once, however many meters it moved.
    """

    #: the cause, capitalised: "Inbreng van de bewoner gehonoreerd"
    reason: str
    text: str
    #: the changes that moved something, in the order they happened
    effects: list[EffectLine]

    @property
    def critiques(self) -> list[str]:
        found: list[str] = []
        for e in self.effects:
            if e.critique and e.critique not in found:
                found.append(e.critique)
        return found


@dataclass
class NoteLine:
    """Something that happened without a number. An averted hidden downside says so first ("Voorkomen:
    …") and keeps what would otherwise have happened apart, in ``would``."""

    kind: str
    text: str
    #: for an averted downside: "Wat anders was gebeurd: ‘…’"
    would: str = ""


@dataclass
class EventLine:
    round: int
    event_id: str
    title: str
    kind: Literal["decision", "news"]
    decider_id: str | None = None
    decider: str = ""
    inputs: list[InputLine] = field(default_factory=list)
    decision_id: str | None = None
    decision: str = ""
    outcome: str = ""
    #: every change on its own (the CSV's view)
    effects: list[EffectLine] = field(default_factory=list)
    #: the same changes grouped by reason (the Markdown and HTML view)
    reasons: list[ReasonLine] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)
    critiques: list[str] = field(default_factory=list)

    def verdicts(self, verdict: Verdict) -> list[str]:
        return [i.role for i in self.inputs if i.verdict == verdict]


@dataclass
class RoundLine:
    round: int
    label: str
    events: list[EventLine]
    end_effects: list[EffectLine]
    end_notes: list[NoteLine]
    meters: dict[str, float]
    end_reasons: list[ReasonLine] = field(default_factory=list)


@dataclass
class CritiqueLine:
    id: str
    title: str
    summary: str
    explanation: str
    citation: str
    count: int
    where: list[str]
    in_ending: bool
    events: list[str]


@dataclass
class QuestionLine:
    phase: str
    text: str
    source: str


@dataclass
class Report:
    """A game's report, every text already in the report's language."""

    lang: str
    pack: str
    pack_version: str
    scenario_id: str
    scenario: str
    variant_id: str | None
    variant: str
    seed: int
    code: str
    round_name: str
    rounds_played: int
    rounds_total: int
    current_round: int
    finished: bool
    ending_id: str | None
    ending_title: str
    ending_text: str
    players: list[PlayerLine]
    meters: list[MeterLine]
    rounds: list[RoundLine]
    critiques: list[CritiqueLine]
    questions: list[QuestionLine]
    anonymous: bool = False
    source: str | None = None
    #: why the game ended so: the ending's conditions and the better endings' (None while not over)
    ending_why: EndingWhy | None = None
    warnings: list[str] = field(default_factory=list)

    def round_label(self, n: int) -> str:
        return t("report.start", self.lang) if n == 0 else f"{self.round_name} {n}"

    @property
    def decisions(self) -> list[EventLine]:
        return [e for rnd in self.rounds for e in rnd.events if e.kind == "decision"]


# -- building -------------------------------------------------------------------------------------------
def build_report(
    game: Game,
    lang: str = "nl",
    *,
    anonymous: bool = False,
    source: str | None = None,
    warnings: Iterable[str] = (),
) -> Report:
    """The report of ``game`` in ``lang``; ``anonymous`` shows roles instead of players' names."""
    return _Builder(game, lang, anonymous).build(source, list(warnings))


class _Builder:
    def __init__(self, game: Game, lang: str, anonymous: bool) -> None:
        self.game = game
        self.pack: Pack = game.pack
        self.lang = lang
        self.anonymous = anonymous
        self.scenario = game.scenario

    def tx(self, value: dict[str, str] | None) -> str:
        return text(value, self.lang)

    def role_name(self, role: str) -> str:
        return self.tx(self.pack.roles[role].name) if role in self.pack.roles else role

    def role_ref(self, role: str | None) -> str:
        """A role as it reads inside a sentence: "de bewoner"."""
        return in_sentence(self.role_name(role)) if role else ""

    def target_name(self, target: str) -> tuple[str, bool, str]:
        """A meter's or resource's name, whether it is a meter, and a resource's owner (in a sentence)."""
        if target in self.pack.meters:
            return self.tx(self.pack.meters[target].name), True, ""
        owner = self.pack.resource_owner.get(target)
        if owner is not None:
            res = self.pack.roles[owner].resource
            if res is not None:
                return self.tx(res.name), False, self.role_ref(owner)
        return target, False, ""

    def critique_title(self, critique: str | None) -> str | None:
        if critique is None:
            return None
        found = self.pack.critiques.get(critique)
        return self.tx(found.title) if found else critique

    def build(self, source: str | None, warnings: list[str]) -> Report:
        game, st, lang = self.game, self.game.state, self.lang
        variant = ""
        if st.variant:
            found = [v for v in self.scenario.variants if v.id == st.variant]
            variant = self.tx(found[0].title) if found else st.variant
        ending = game.ending()
        rounds = [self.round_line(n) for n in range(1, len(st.round_log) + 1)]
        return Report(
            lang=lang,
            pack=self.tx(self.pack.manifest.title),
            pack_version=self.pack.manifest.version,
            scenario_id=st.scenario,
            scenario=self.tx(self.scenario.title),
            variant_id=st.variant,
            variant=variant,
            seed=st.seed,
            code=game_code(game),
            round_name=self.tx(self.scenario.round_name),
            rounds_played=len(st.round_log),
            rounds_total=st.rounds,
            current_round=st.round,
            finished=ending is not None,
            ending_id=st.ending,
            ending_title=self.tx(ending.title) if ending else "",
            ending_text=self.tx(ending.text) if ending else "",
            players=[self.player_line(role) for role in st.players],
            meters=self.meter_lines(),
            rounds=rounds,
            critiques=self.critique_lines(),
            questions=self.question_lines(),
            anonymous=self.anonymous,
            source=source,
            warnings=warnings,
            ending_why=ending_why(game, lang),
        )

    def player_line(self, role: str) -> PlayerLine:
        name = self.game.state.players.get(role)
        if name is None:
            player = t("report.computer", self.lang)
        elif self.anonymous:
            player = t("report.a_player", self.lang)
        else:
            player = name
        return PlayerLine(role, self.role_name(role), player, name is not None)

    def meter_lines(self) -> list[MeterLine]:
        st = self.game.state
        lines = []
        for meter in self.pack.meters.values():
            if meter.id not in st.start:
                continue
            lines.append(
                MeterLine(
                    meter.id,
                    self.tx(meter.name),
                    meter.min,
                    meter.max,
                    meter.higher_is_better,
                    self.game.meter_series(meter.id),
                )
            )
        return lines

    def round_line(self, n: int) -> RoundLine:
        st = self.game.state
        record = st.round_log[n - 1]
        events = [self.event_line(e) for e in st.history if e.round == n]
        end_effects = [self.effect(c) for c in record.changes if c.cause != "refresh"]
        return RoundLine(
            n,
            f"{self.tx(self.scenario.round_name)} {n}",
            events,
            end_effects,
            self.notes(record.notes),
            dict(record.meters),
            group_reasons(end_effects),
        )

    def event_line(self, rec: EventRecord) -> EventLine:
        event = self.pack.events.get(rec.event)
        title = self.tx(event.title) if event else rec.event
        line = EventLine(rec.round, rec.event, title, "news" if rec.decider is None else "decision")
        if rec.decider is not None:
            line.decider_id = rec.decider
            line.decider = self.who(rec.decider, ref=True)
        for role, input_id in rec.inputs.items():
            label = input_id
            if event is not None:
                for option in self.pack.inputs_for(role, event):
                    if option.id == input_id:
                        label = self.tx(option.label)
            verdict: Verdict | None = None
            for kind in ("honoured", "ignored", "absent"):
                if role in getattr(rec, kind):
                    verdict = kind  # type: ignore[assignment]
            line.inputs.append(InputLine(role, self.who(role), label, input_id, verdict, role in rec.shared))
        if rec.decision is not None:
            line.decision_id = rec.decision
            line.decision = rec.decision
            if event is not None:
                for option in event.options:
                    if option.id == rec.decision:
                        line.decision = self.tx(option.label)
        line.outcome = self.tx(rec.outcome)
        # what giving input cost comes first: it was paid before the decision
        line.effects = [self.effect(c) for c in [*self.game.input_costs(rec), *rec.changes]]
        line.reasons = group_reasons(line.effects, told=line.outcome)
        line.notes = self.notes(rec.notes)
        seen: list[str] = []
        for c in [*rec.changes, *rec.notes]:
            if c.critique and c.critique not in seen:
                seen.append(c.critique)
        line.critiques = [self.critique_title(c) or c for c in seen]
        return line

    def who(self, role: str, ref: bool = False) -> str:
        """A role as the report names it: with the player's name unless anonymous or computer-played;
        ``ref`` gives it as it reads inside a sentence ("de minister (Ahmed)")."""
        shown = self.role_ref(role) if ref else self.role_name(role)
        name = self.game.state.players.get(role)
        if name and not self.anonymous:
            return f"{shown} ({name})"
        return shown

    def effect(self, change: Change) -> EffectLine:
        name, is_meter, owner = self.target_name(change.target)
        return EffectLine(
            change.target,
            name,
            change.delta,
            t(cause_key(change), self.lang, role=self.role_ref(change.role)),
            self.tx(change.text),
            change.critique,
            self.critique_title(change.critique),
            is_meter,
            owner,
            change.event,
            change.option,
        )

    def notes(self, notes: Iterable[Note]) -> list[NoteLine]:
        return [line for line in (self.note(n) for n in notes) if line.text]

    def note(self, note: Note) -> NoteLine:
        if note.kind == "averted":
            said = self.tx(note.text)
            return NoteLine(
                "averted",
                t("note.averted", self.lang, role=self.role_ref(note.role)),
                t("note.would", self.lang, text=said) if said else "",
            )
        if note.kind == "follow_up":
            # Which event follows, as the play screens say it: "Dit krijgt een vervolg. (Nasleep)".
            event = self.pack.events.get(note.detail or "")
            title = f" ({self.tx(event.title)})" if event else ""
            return NoteLine("follow_up", t("note.follow_up", self.lang) + title)
        return NoteLine(note.kind, self.tx(note.text))

    def critique_lines(self) -> list[CritiqueLine]:
        moments, where = self.critique_moments()
        ending = self.game.ending()
        ending_critiques = list(ending.critiques) if ending else []
        in_events: dict[str, list[str]] = {}
        for rec in self.game.state.history:
            event = self.pack.events.get(rec.event)
            for c in event.critiques if event else []:
                title = self.tx(event.title)  # type: ignore[union-attr]
                if title not in in_events.setdefault(c, []):
                    in_events[c].append(title)
        lines = []
        for cid, critique in self.pack.critiques.items():
            count = len(moments.get(cid, []))
            if not count and cid not in ending_critiques and cid not in in_events:
                continue
            lines.append(
                CritiqueLine(
                    cid,
                    self.tx(critique.title),
                    self.tx(critique.summary),
                    self.tx(critique.explanation),
                    self.tx(critique.citation_text),
                    count,
                    where.get(cid, []),
                    cid in ending_critiques,
                    in_events.get(cid, []),
                )
            )
        order = list(self.pack.critiques)
        return sorted(lines, key=lambda c: (-c.count, order.index(c.id)))

    def critique_moments(self) -> tuple[dict[str, list[tuple]], dict[str, list[str]]]:
        """Per critique: the moments it came up, and where, as "Jaar 1: Inspraakavond" in the year of
        the event (a delayed effect counts for the event that caused it), sorted; round-end rules last."""
        st = self.game.state
        moments: dict[str, list[tuple]] = {}
        events: dict[str, dict[str, int]] = {}
        ends: dict[str, list[int]] = {}
        records: list[tuple[int, list[Change | Note]]] = [
            (e.round, [*e.changes, *e.notes]) for e in st.history
        ]
        records += [(rnd.round, [*rnd.changes, *rnd.notes]) for rnd in st.round_log]
        for rnd, items in records:
            for item in (i for i in items if i.critique):
                # One effect block that moves several meters is one moment, not several.
                key = (rnd, item.event, item.option, getattr(item, "cause", type(item).__name__), item.role)
                if key in moments.setdefault(item.critique, []):
                    continue
                moments[item.critique].append(key)
                if item.event and item.event in self.pack.events:
                    year = self.event_round(item, rnd)
                    label = f"{self.tx(self.scenario.round_name)} {year}: {self.tx(self.pack.events[item.event].title)}"
                    events.setdefault(item.critique, {}).setdefault(label, year)
                elif rnd not in ends.setdefault(item.critique, []):
                    ends[item.critique].append(rnd)
        where = {cid: sorted(found, key=found.__getitem__) for cid, found in events.items()}
        round_name = self.tx(self.scenario.round_name).lower()
        for cid, rounds in ends.items():
            # Round-end rules strike year after year: one entry with the years as ranges, not one per year.
            spans = ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in _ranges(rounds))
            where.setdefault(cid, []).append(
                t("report.round_ends", self.lang, round_name=round_name, rounds=spans)
            )
        return moments, where

    def event_round(self, item: Change | Note, struck: int) -> int:
        """The round of the event ``item`` came from: the last time that event (with that decision) was
        deliberated up to ``struck``, the round the effect came due."""
        rounds = [
            rec.round
            for rec in self.game.state.history
            if rec.event == item.event and rec.round <= struck and item.option in (None, rec.decision)
        ]
        return max(rounds, default=struck)

    def question_lines(self) -> list[QuestionLine]:
        found: list[QuestionLine] = []
        general = t("report.general", self.lang)
        for q in self.scenario.debrief:
            found.append(QuestionLine(q.phase, self.tx(q.text), general))
        for line in self.critique_lines():
            for q in self.pack.critiques[line.id].questions:
                found.append(QuestionLine(q.phase, self.tx(q.text), line.title))
        return sorted(found, key=lambda q: PHASES.index(q.phase))


def critique_counts(report: Report, c: CritiqueLine) -> str:
    """How a critique came up, in words: "2× in de gevolgen; ook in de afloop"."""
    lang = report.lang
    parts = [t("report.times", lang, n=c.count)] if c.count else []
    if c.in_ending:
        parts.append(t("report.in_ending", lang))
    if c.events:
        parts.append(t("report.in_events", lang, events=", ".join(c.events)))
    return "; ".join(parts)


def group_reasons(effects: Iterable[EffectLine], told: str = "") -> list[ReasonLine]:
    """Changes grouped by what caused them, each reason once with its changes, as the play screens do.

    Changes share a reason when their cause, their own text and the event and option they came from are
    the same. A change's text that ``told`` (the event's outcome) already said is not said again; a change
    too small to show (a refill of a full resource) is left out, and so is a reason left with nothing to say.
    """
    groups: dict[tuple[str, str, str | None, str | None], list[EffectLine]] = {}
    for effect in effects:
        said = effect.text if effect.text != told else ""
        key = (effect.cause[:1].upper() + effect.cause[1:], said, effect.event_id, effect.option_id)
        moved = groups.setdefault(key, [])
        if round(effect.delta, 1) != 0:
            moved.append(effect)
    return [
        ReasonLine(reason, said, moved) for (reason, said, _, _), moved in groups.items() if said or moved
    ]


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs: [1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


# -- reading a save file by its path ----------------------------------------------------------------------
def load_save_file(path: Path | str, pack: Pack, lang: str = "en") -> tuple[Game, list[str]]:
    """The game in a save file (any name, any folder), and notes on how it differs from a clean replay.

    When the decision log replays exactly, that game is returned. When it does not (the content changed
    since, or the file was edited) but the saved state is whole, the saved state is used, so the report
    shows the game as the group saw it, with a note saying why (in ``lang``).

    Raises:
        SaveError: the file is missing, unreadable, not a save, for another pack, or beyond repair.
    """
    path = Path(path)
    save = parse(read_save_bytes(path))  # the one rule for reading files: no FIFO, bounded size
    try:
        loaded: Loaded = check(save, pack, SaveInfo.of(path.stem, path, save))
    except SaveError as err:
        if err.code == "no_replay" and err.snapshot is not None:
            # what did not replay, without the offer to go on from the saved state (the report does so)
            problems = err.detail.values.get("problems") if err.detail is not None else None
            return err.snapshot, [str(worded(problems, lang)) if problems else err.message]
        raise
    if loaded.mismatch:
        return loaded.snapshot, [loaded.mismatch_text(lang) or loaded.mismatch]
    return loaded.game, []
