"""What the screens show, worked out from the engine's answers: plain data and text, no Textual.

Everything here reads the :class:`~game.engine.game.Game` and the records it returns; nothing decides
anything. Keeping it free of Textual lets most of the UI's logic be tested directly against the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.engine.game import Choice, Game, Outcome, Step
from game.engine.model import Text
from game.engine.state import Change, EventRecord, Note, RoundRecord
from game.i18n import LANGUAGES, cause_key, fmt_delta, fmt_num, in_sentence, t, text
from game.reports import strings as _report_words  # noqa: F401 - the ending's words (why.*) are the report's

SPARKS = "▁▂▃▄▅▆▇█"


def bar(value: float, low: float, high: float, width: int) -> str:
    """A filled bar: ``█`` for the value, ``░`` for the rest (its length says the value, not its colour)."""
    span = high - low or 1
    filled = round(max(0.0, min(1.0, (value - low) / span)) * width)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: list[float], low: float, high: float, width: int | None = None) -> str:
    """A small trend line over ``values`` (the last ``width`` of them), scaled to the meter's range."""
    if width is not None:
        values = values[-width:]
    span = high - low or 1
    out = []
    for value in values:
        level = max(0.0, min(1.0, (value - low) / span))
        out.append(SPARKS[min(len(SPARKS) - 1, int(level * len(SPARKS)))])
    return "".join(out)


# -- names -----------------------------------------------------------------------------------------
def role_name(game: Game, role: str | None, lang: str) -> str:
    if role is None:
        return ""
    found = game.pack.roles.get(role)
    return text(found.name, lang) if found else role


def role_ref(game: Game, role: str | None, lang: str) -> str:
    """The role's name inside a sentence: "de bewoner" rather than "De bewoner"."""
    return in_sentence(role_name(game, role, lang))


def is_real_name(name: str | None) -> bool:
    """Whether a player's name is one a person typed, not the setup's stand-in ("Speler"/"Player")."""
    return bool(name) and name not in {t("setup.default_name", lang) for lang in LANGUAGES}


def player_shown(game: Game, role: str | None) -> str | None:
    """The name to show with a human-played role: a real name, or any name when several people play."""
    name = game.state.players.get(role) if role else None
    if not name:
        return None
    humans = sum(1 for n in game.state.players.values() if n)
    return name if humans > 1 or is_real_name(name) else None


def who(game: Game, role: str | None, lang: str, ref: bool = False, you: bool = False) -> str:
    """The role with its player's name (when there is one worth showing), or marked as computer-played.

    ``ref`` gives the role as it reads inside a sentence ("de minister (Ahmed)"); ``you`` marks the one
    player's role "(jij)" when no name is shown, for lists of every role.
    """
    name = role_ref(game, role, lang) if ref else role_name(game, role, lang)
    if role is not None and not game.state.players.get(role):
        return f"{name} {t('play.computer_played', lang)}"
    player = player_shown(game, role) or (t("play.you", lang) if you else None)
    return f"{name} ({player})" if player else name


def choices_head(game: Game, kind: str, role: str, lang: str) -> str:
    """Above the options: "Jouw besluit als de minister"; with the player's name when several people play
    (hot seat), so the one at the keyboard sees it is their turn."""
    key = "play.input_for" if kind == "input" else "play.decide_for"
    name = game.state.players.get(role)
    humans = sum(1 for n in game.state.players.values() if n)
    if name and humans > 1:
        return t(f"{key}_named", lang, name=name, role=role_ref(game, role, lang))
    return t(key, lang, role=role_ref(game, role, lang))


def target_name(game: Game, target: str, lang: str) -> str:
    """The name of a meter or a role's resource."""
    meter = game.pack.meters.get(target)
    if meter is not None:
        return text(meter.name, lang)
    owner = game.pack.resource_owner.get(target)
    if owner is not None:
        res = game.pack.roles[owner].resource
        if res is not None:
            return f"{text(res.name, lang)} ({role_ref(game, owner, lang)})"
    return target


def round_label(game: Game, lang: str, number: int | None = None) -> str:
    return f"{text(game.scenario.round_name, lang)} {game.state.round if number is None else number}"


def heading(game: Game, lang: str, width: int | None = None) -> str:
    """The play screen's top line: scenario, round and who acts.

    With ``width``, a line that does not fit drops the scenario's title, then shortens the round to its
    numbers, so who acts stays readable in a narrow window instead of being cut off mid-name.
    """
    st = game.state
    rnd = min(st.round, st.rounds)
    title = text(game.scenario.title, lang)
    long_round = t("play.round", lang, name=text(game.scenario.round_name, lang), round=rnd, rounds=st.rounds)
    short_round = f"{rnd}/{st.rounds}"
    step = game.step()
    turn = [t("play.turn", lang, who=who(game, step.actor, lang, ref=True))] if step.actor is not None else []
    tries = [[title, long_round, *turn], [long_round, *turn], [short_round, *turn]]
    for parts in tries:
        line = " · ".join(parts)
        if width is None or len(line) <= width:
            return line
    return line


# -- meters ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeterRow:
    """One meter as the panel shows it."""

    id: str
    name: str
    value: float
    low: float
    high: float
    delta: float
    """The change this round (at the start of a round, before anything happened: the last round's)."""
    series: tuple[float, ...]
    """Its value at the start and after each finished round, then now."""
    higher_is_better: bool = True


def meter_rows(game: Game, lang: str) -> list[MeterRow]:
    st = game.state
    base = st.round_log[-1].meters if st.round_log and game.over else None
    before = st.round_log[-2].meters if game.over and len(st.round_log) > 1 else None
    # Nothing decided yet this round: show how the last round went rather than a row of zeros.
    begun = any(r.round == st.round for r in st.history)
    rows = []
    for meter in game.pack.meters.values():
        value = st.meters.get(meter.id, meter.start)
        series = game.meter_series(meter.id)
        if game.over:
            # The game ended at a round end: "this round" is the last round's change.
            start = (before or st.start).get(meter.id, value) if base is not None else value
        else:
            series = [*series, value]
            start = (st.round_log[-1].meters if st.round_log else st.start).get(meter.id, value)
            if not begun and st.round_log:
                start = (st.round_log[-2].meters if len(st.round_log) > 1 else st.start).get(meter.id, value)
        rows.append(
            MeterRow(
                meter.id,
                text(meter.name, lang),
                value,
                meter.min,
                meter.max,
                round(value - start, 4),
                tuple(series),
                meter.higher_is_better,
            )
        )
    return rows


def resource_line(game: Game, role: str, lang: str) -> str | None:
    owned = game.resource_of(role)
    if owned is None:
        return None
    res = game.pack.roles[role].resource
    assert res is not None
    return t(
        "play.you_have",
        lang,
        resource=text(res.name, lang),
        amount=f"{fmt_num(owned[1], lang)}/{fmt_num(res.max, lang)}",
    )


# -- choices ---------------------------------------------------------------------------------------
def choice_details(game: Game, step: Step, choice: Choice, lang: str) -> list[str]:
    """The small print under a choice: cost, touched meters, whose input it follows, why it is blocked."""
    parts = []
    if choice.cost:
        res_name = ""
        if choice.resource and step.actor:
            res = game.pack.roles[step.actor].resource
            res_name = text(res.name, lang) if res else ""
        # "Uren −1": the resource as a name with a signed amount reads right for any number and any name.
        amount = f"{res_name} {fmt_delta(-choice.cost, lang)}".strip()
        parts.append(t("play.cost", lang, amount=amount))
    elif step.kind != "news":
        parts.append(t("play.free", lang))
    if choice.touches:
        parts.append(
            t("play.touches", lang, meters=", ".join(target_name(game, m, lang) for m in choice.touches))
        )
    if choice.proposed_by:
        parts.append(t("play.proposal_of", lang, role=role_ref(game, choice.proposed_by, lang)))
    # the engine names only roles that gave input this time and whose input this option honours
    others = [r for r in choice.honours if r != choice.proposed_by]
    if others:
        parts.append(t("play.honours", lang, roles=", ".join(role_ref(game, r, lang) for r in others)))
    if step.kind == "input":
        if choice.shares:
            parts.append(t("play.shares", lang))
        if not choice.voice:
            parts.append(t("play.stays_away", lang))
    if not choice.available and choice.blocked:
        parts.append(t(f"play.blocked.{choice.blocked}", lang))
    elif choice.cost and step.actor:
        owned = game.resource_of(step.actor)
        if owned is not None and owned[1] < choice.cost:
            # The engine keeps the cheapest options open when nothing is affordable (the game must go on);
            # the player should know why a price they cannot pay is still on offer.
            parts.append(t("play.cost_fallback", lang, have=fmt_num(owned[1], lang)))
    return parts


def why_blocked(game: Game, step: Step, choice: Choice, lang: str) -> str:
    """Why ``choice`` cannot be taken now, in a sentence: what it costs and what the role has."""
    owned = game.resource_of(step.actor) if step.actor else None
    if choice.blocked == "cost" and owned is not None:
        res = game.pack.roles[step.actor or ""].resource
        return t(
            "play.why_too_expensive",
            lang,
            option=text(choice.label, lang),
            cost=fmt_num(choice.cost, lang),
            have=fmt_num(owned[1], lang),
            resource=text(res.name, lang) if res else "",
        )
    return t("play.why_not_possible", lang, option=text(choice.label, lang))


def board_lines(game: Game, lang: str) -> list[tuple[str, str]]:
    """The deliberation board: each consulted role with the input it gave, or 'waiting'."""
    cur = game.state.current
    if cur is None:
        return []
    given = dict(game.inputs_given())
    lines = []
    for role in cur.consult:
        option = given.get(role)
        lines.append(
            (
                role_name(game, role, lang),
                text(option.label, lang) if option else f"… {t('play.waiting', lang)}",
            )
        )
    return lines


def private_lines(game: Game, lang: str, viewer: str | None) -> list[tuple[str, str]]:
    """What ``viewer`` sees beside the event now: its own private knowledge; what the roles that proposed
    something propose (public); and, as decider, the knowledge shared with it. (The board names each input
    given; the inputs' descriptions are written to the role giving them, so the decider is not shown them.)

    Returns (label, text) pairs; empty when ``viewer`` is not the one acting now.
    """
    step = game.step()
    if viewer is None or step.actor != viewer:
        return []
    found = []
    own = game.private_for(viewer)
    if own:
        found.append((t("play.private", lang), text(own, lang)))
    for role, proposal in game.proposals():
        found.append((t("play.proposes", lang, role=role_ref(game, role, lang)), text(proposal, lang)))
    if step.kind == "decision":
        for role, knowledge in game.shared_knowledge():
            found.append((t("play.shared", lang, role=role_ref(game, role, lang)), text(knowledge, lang)))
    return found


def sole_player(game: Game) -> str | None:
    """The role of the one person playing, or None when several people share the keyboard."""
    humans = [role for role, name in game.state.players.items() if name]
    return humans[0] if len(humans) == 1 else None


def perspective(game: Game, lang: str, viewer: str | None) -> str | None:
    """Above an event's text, when the one looking is not the one deciding: whom the text speaks to.

    Event texts are written to the deciding role ("Your upstairs neighbour…"); a role giving input reads
    "Aan de bewoner, die beslist:" first, so its "you" is not mistaken for the reader.
    """
    event = game.step().event
    if event is None or event.decider is None or viewer == event.decider:
        return None
    return t("play.addressed", lang, role=role_ref(game, event.decider, lang))


# -- consequences ----------------------------------------------------------------------------------
class Line(str):
    """A line of the consequences or history screen; ``kind`` says how to set it apart.

    Kinds: ``""`` (plain), ``"changes"`` (the meter changes under a reason), ``"averted"`` (a hidden
    downside that did not happen) and ``"would"`` (what would have happened instead).
    """

    kind: str

    def __new__(cls, content: str, kind: str = "") -> Line:
        line = super().__new__(cls, content)
        line.kind = kind
        return line


def cause_text(game: Game, change: Change, lang: str) -> str:
    return t(cause_key(change), lang, role=role_ref(game, change.role, lang))


def _capital(content: str) -> str:
    return content[:1].upper() + content[1:]


def change_amount(game: Game, change: Change, lang: str) -> str:
    """``Vertrouwen −4``: what moved, and by how much."""
    return f"{target_name(game, change.target, lang)} {fmt_delta(change.delta, lang)}"


def change_lines(game: Game, changes: Iterable[Change], lang: str, told: Text | None = None) -> list[Line]:
    """The changes grouped by what caused them, each reason once with its meter changes.

    ``• Inbreng van de bewoner gehonoreerd: Vertrouwen +2, Zeggenschap +1``; a reason with its own text
    (one the section did not already tell) gets that text, and its changes on the line under it (``→``).
    """
    groups: dict[tuple[str, str, str | None, str | None], list[str]] = {}
    for change in changes:
        said = text(change.text, lang) if change.text and change.text != told else ""
        key = (_capital(cause_text(game, change, lang)), said, change.event, change.option)
        amounts = groups.setdefault(key, [])
        if fmt_delta(change.delta, lang) != "0":  # a refill of a full resource moves nothing: not news
            amounts.append(change_amount(game, change, lang))
    lines = []
    for (reason, said, _, _), amounts in groups.items():
        if said:
            lines.append(Line(f"• {reason} — {said}"))
            if amounts:
                lines.append(Line(f"  → {', '.join(amounts)}", "changes"))
        elif amounts:
            lines.append(Line(f"• {reason}: {', '.join(amounts)}"))
    return lines


def note_lines(game: Game, note: Note, lang: str) -> list[Line]:
    """A note as lines: an averted downside says so first, and marks its text as what would have happened."""
    if note.kind == "averted":
        lines = [Line("✓ " + t("note.averted", lang, role=role_ref(game, note.role, lang)), "averted")]
        if note.text:
            lines.append(Line("  " + t("note.would", lang, text=text(note.text, lang)), "would"))
        return lines
    line = note_line(game, note, lang)
    return [Line("• " + line)] if line else []


def note_line(game: Game, note: Note, lang: str) -> str | None:
    if note.kind == "averted":
        return t("note.averted", lang, role=role_ref(game, note.role, lang))
    if note.kind == "follow_up":
        event = game.pack.events.get(note.detail or "")
        title = f" ({text(event.title, lang)})" if event else ""
        return t("note.follow_up", lang) + title
    if note.text:
        return text(note.text, lang)
    return None


def critiques_of(items: Iterable[Change | Note]) -> list[str]:
    found: list[str] = []
    for item in items:
        if item.critique and item.critique not in found:
            found.append(item.critique)
    return found


def critique_lines(game: Game, critique_id: str, lang: str, citation: bool) -> list[str]:
    critique = game.pack.critiques.get(critique_id)
    if critique is None:
        return []
    lines = [t("cons.critique", lang, title=text(critique.title, lang)), text(critique.summary, lang)]
    if citation:
        lines.append(t("cons.citation", lang, citation=text(critique.citation_text, lang)))
    return lines


@dataclass
class Section:
    """A block of the consequences or history screen: a heading and its lines, with critiques."""

    heading: str
    lines: list[Line]
    critiques: list[str]

    def __post_init__(self) -> None:
        self.lines = [line if isinstance(line, Line) else Line(line) for line in self.lines]


def record_section(game: Game, record: EventRecord, lang: str) -> Section:
    event = game.pack.events[record.event]
    lines: list[str] = []
    if record.decider is None:
        head = f"{t('cons.news', lang)}: {text(event.title, lang)}"
    else:
        head = text(event.title, lang)
        option = next((o for o in event.options if o.id == record.decision), None)
        label = text(option.label, lang) if option else record.decision or ""
        for role, input_id in record.inputs.items():
            given = next((i for i in game.pack.inputs_for(role, event) if i.id == input_id), None)
            lines.append(
                f"{t('cons.inputs', lang)} — {role_name(game, role, lang)}: "
                f"{text(given.label, lang) if given else input_id}"
            )
        lines.append(t("cons.decided", lang, role=role_name(game, record.decider, lang), option=label))
    if record.outcome:
        told = text(record.outcome, lang)
        # Outcomes speak to the decider ("Je plakt je post-its."): say so unless the one player is the decider.
        if record.decider is not None and record.decider != sole_player(game):
            told = t("cons.addressed", lang, role=role_ref(game, record.decider, lang), text=told)
        lines.append(told)
    for kind, roles in how_inputs_went(record):
        if roles:
            lines.append(t(f"cons.{kind}", lang, roles=", ".join(role_ref(game, r, lang) for r in roles)))
    # what giving input cost comes first: it was paid before the decision
    lines += change_lines(game, [*game.input_costs(record), *record.changes], lang, told=record.outcome)
    for note in record.notes:
        lines += note_lines(game, note, lang)
    crits = critiques_of([*record.changes, *record.notes])
    option_crit = None
    if record.decision:
        option = next((o for o in event.options if o.id == record.decision), None)
        option_crit = option.critique if option else None
    if option_crit and option_crit not in crits:
        crits.insert(0, option_crit)
    return Section(head, lines, crits)


def how_inputs_went(record: EventRecord) -> list[tuple[str, list[str]]]:
    """Who was honoured, heeded, ignored or stayed away, each role told once: a warning heeded by a decision
    that did not do what the role asked is one line ("heeded_ignored"), and honouring says heeding."""

    def of(roles: list[str], *apart: list[str]) -> list[str]:
        return [r for r in roles if not any(r in other for other in apart)]

    heeded_ignored = [r for r in record.heeded if r in record.ignored]
    return [
        ("honoured", record.honoured),
        ("heeded", of(record.heeded, record.honoured, record.ignored)),
        ("heeded_ignored", heeded_ignored),
        ("ignored", of(record.ignored, heeded_ignored)),
        ("absent", record.absent),
    ]


def round_section(game: Game, record: RoundRecord, lang: str) -> Section:
    lines: list[str] = [*change_lines(game, record.changes, lang)]
    for note in record.notes:
        lines += note_lines(game, note, lang)
    head = t("cons.round_end", lang, name=text(game.scenario.round_name, lang).lower(), round=record.round)
    return Section(head, lines, critiques_of([*record.changes, *record.notes]))


def outcome_sections(game: Game, outcomes: Iterable[Outcome], lang: str) -> list[Section]:
    """The consequences of a run of outcomes (the player's choice and the computer's moves after it)."""
    sections = []
    for outcome in outcomes:
        if outcome.record is not None:
            sections.append(record_section(game, outcome.record, lang))
        for rnd in outcome.rounds:
            sections.append(round_section(game, rnd, lang))
    return sections


def history_sections(game: Game, lang: str) -> list[tuple[str, list[Section]]]:
    """Every round so far: its events as deliberated and, once finished, its round end."""
    st = game.state
    by_round: dict[int, list[Section]] = {}
    for record in st.history:
        by_round.setdefault(record.round, []).append(record_section(game, record, lang))
    for rnd in st.round_log:
        by_round.setdefault(rnd.round, []).append(round_section(game, rnd, lang))
    return [(round_label(game, lang, n), by_round[n]) for n in sorted(by_round)]


# -- ending and debrief ----------------------------------------------------------------------------
def ending_why_lines(game: Game, lang: str) -> list[tuple[str, str]]:
    """Why the game ended so, as (line, style): the ending's own conditions, then the best ending's and
    the nearest one listed before it, each condition met (✓) or missed (✗) with the numbers."""
    from game.reports.ending import ending_why

    why = ending_why(game, lang)
    if why is None:
        return []
    lines: list[tuple[str, str]] = []
    if why.reached is not None and why.reached.clauses:
        lines.append((t("why.reached", lang), "bold"))
        lines.extend((c, "") for c in why.reached.clauses)
    # the best ending (listed first) always, as the one to aim for; then the nearest, when another
    best = why.better[0] if why.better else None
    if best is not None:
        lines.append((t("why.best", lang, title=best.title), "bold"))
        lines.extend((c, "") for c in best.clauses)
    if why.nearest is not None and why.nearest is not best and why.nearest.ending_id != best.ending_id:
        lines.append((t("why.nearest", lang, title=why.nearest.title), "bold"))
        lines.extend((c, "") for c in why.nearest.clauses)
    return lines


def chart_rows(game: Game, lang: str) -> list[tuple[str, str, str]]:
    """Per meter: its name, a trend over every round, and ``start → end``."""
    rows = []
    for meter in game.pack.meters.values():
        series = game.meter_series(meter.id)
        if not game.over:
            series = [*series, game.state.meters[meter.id]]
        rows.append(
            (
                text(meter.name, lang),
                sparkline(series, meter.min, meter.max),
                f"{fmt_num(series[0], lang)} → {fmt_num(series[-1], lang)}",
            )
        )
    return rows


def chart_table(game: Game, lang: str, width: int = 78) -> list[str]:
    """The meters' values round by round as a table (columns thinned out to fit ``width``)."""
    series = {m.id: game.meter_series(m.id) for m in game.pack.meters.values()}
    count = len(next(iter(series.values()), []))
    if count < 2:
        return []
    names = {m.id: text(m.name, lang) for m in game.pack.meters.values()}
    label = text(game.scenario.round_name, lang)
    first = max([len(label), *(len(n) for n in names.values())]) + 1
    step = 1
    while first + 4 * len(range(0, count, step)) > width and step < count:
        step += 1
    cols = list(range(0, count, step))
    if cols[-1] != count - 1:
        cols.append(count - 1)
    lines = [label.ljust(first) + "".join(str(c).rjust(4) for c in cols)]
    for meter_id, values in series.items():
        lines.append(names[meter_id].ljust(first) + "".join(str(round(values[c])).rjust(4) for c in cols))
    return lines


def key_decisions(game: Game, lang: str, limit: int = 3) -> list[str]:
    """The decisions whose direct meter changes added up to the most, in the order they were taken."""
    scored = []
    for n, record in enumerate(game.state.history):
        if record.decider is None or record.decision is None:
            continue
        impact = sum(abs(c.delta) for c in record.changes if c.target in game.pack.meters)
        scored.append((impact, n, record))
    top = sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]
    lines = []
    for impact, _, record in sorted(top, key=lambda x: x[1]):
        event = game.pack.events[record.event]
        option = next((o for o in event.options if o.id == record.decision), None)
        lines.append(
            f"{round_label(game, lang, record.round)} — {text(event.title, lang)}: "
            f"{role_name(game, record.decider, lang)} → "
            f"{text(option.label, lang) if option else record.decision} "
            f"({t('end.impact', lang, impact=fmt_num(round(impact, 2), lang))})"
        )
    return lines


def critiques_came_up(game: Game) -> list[str]:
    """Every critique the game's consequences, chosen options, events or ending illustrated."""
    found: list[str] = []

    def add(cid: str | None) -> None:
        if cid and cid in game.pack.critiques and cid not in found:
            found.append(cid)

    for record in game.state.history:
        event = game.pack.events[record.event]
        option = next((o for o in event.options if o.id == record.decision), None)
        add(option.critique if option else None)
        for cid in critiques_of([*record.changes, *record.notes]):
            add(cid)
    for rnd in game.state.round_log:
        for cid in critiques_of([*rnd.changes, *rnd.notes]):
            add(cid)
    ending = game.ending()
    for cid in ending.critiques if ending else []:
        add(cid)
    return found


def debrief_questions(game: Game, lang: str) -> list[str]:
    questions = [text(q.text, lang) for q in game.scenario.debrief]
    for cid in critiques_came_up(game):
        questions += [text(q.text, lang) for q in game.pack.critiques[cid].questions]
    return questions


def goal_lines(game: Game, lang: str) -> list[str]:
    lines = []
    for role in game.scenario.roles:
        for goal, met in game.goals(role):
            mark = "✓" if met else "✗"
            # Once the game is over an open goal is no longer "not yet" but missed.
            state = t("play.goal_met" if met else "end.goal_missed" if game.over else "play.goal_open", lang)
            lines.append(f"{mark} {role_name(game, role, lang)}: {text(goal.text, lang)} ({state})")
    return lines
