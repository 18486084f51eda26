"""The game as lines of text, each one a sentence that makes sense on its own and in order.

Every text comes from :mod:`game.ui.view` (what the Textual screens show) or the content; this module only
puts it in reading order and takes out what a screen reader would read as noise: bullets, arrows, ticks,
bars and trend lines. It decides nothing about the game.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.game import Game, Outcome, Step
from game.i18n import MINUS, fmt_num, t, text
from game.ui import view

#: What a line may start with that is not a mark: quotes and brackets open a sentence, signs a number.
_OPENERS = tuple("'\"‘“([+-")


def plain(line: str) -> str:
    """A view line as a sentence: the mark that sets it apart on screen (a bullet, an arrow, a tick, or any
    mark added later) taken off, arrows read as a colon, the minus sign as a hyphen (which speech
    synthesisers read as "min"/"minus"), and a full stop where it has none."""
    line = line.strip()
    mark, _, rest = line.partition(" ")
    if rest and not any(c.isalnum() for c in mark) and not mark.startswith(_OPENERS):
        line = rest.strip()
    line = line.replace(" → ", ": ").replace("→", ":").replace(MINUS, "-").replace(" · ", ". ")
    return sentence(line)


def sentence(line: str) -> str:
    """``line`` ending in a full stop (unless it already ends in punctuation), so speech pauses after it."""
    line = line.rstrip()
    if line and line[-1] not in ".!?:;…’'\")":
        return line + "."
    if line.endswith(")") and not line.endswith(".)"):
        return line + "."
    return line


def paragraphs(content: str) -> list[str]:
    """A content text as its non-empty lines."""
    return [sentence(part.strip()) for part in content.splitlines() if part.strip()]


# -- the start of a game ---------------------------------------------------------------------------
def intro_lines(game: Game, lang: str, code: str | None) -> list[str]:
    sc = game.scenario
    lines = [sentence(text(sc.title, lang))]
    if sc.setting:
        lines += paragraphs(text(sc.setting, lang))
    lines += paragraphs(text(sc.intro, lang))
    lines.append(sentence(t("intro.roles", lang)))
    lines += [sentence(view.who(game, role, lang, you=True)) for role in sc.roles]
    lines.append(t("start.seed", lang, seed=game.state.seed, rounds=game.state.rounds))
    if code:
        lines.append(t("start.session_code", lang, code=code))
    return lines


# -- a turn ----------------------------------------------------------------------------------------
def heading_lines(game: Game, lang: str) -> list[str]:
    """ "Test. Jaar 2 van 4." and "Aan zet: de minister." (the play screen's top line, as two sentences)."""
    st = game.state
    lines = [
        t(
            "play.heading",
            lang,
            scenario=text(game.scenario.title, lang),
            name=text(game.scenario.round_name, lang),
            round=min(st.round, st.rounds),
            rounds=st.rounds,
        )
    ]
    actor = game.step().actor
    if actor is not None:
        lines.append(t("play.turn_line", lang, who=view.who(game, actor, lang, ref=True)))
    return lines


def meter_lines(game: Game, lang: str, viewer: str | None = None) -> list[str]:
    """Each meter as a number with its change in words: "Vertrouwen 30, gestegen met 4."; then the
    viewer's own resource."""
    lines = []
    for row in view.meter_rows(game, lang):
        key = "meter.up" if row.delta > 0 else "meter.down" if row.delta < 0 else "meter.same"
        value, delta = fmt_num(row.value, lang), fmt_num(abs(row.delta), lang)
        lines.append(t(key, lang, name=row.name, value=value, delta=delta))
    resource = resource_line(game, viewer, lang) if viewer is not None else None
    return [*lines, resource] if resource else lines


def resource_line(game: Game, role: str, lang: str) -> str | None:
    """ "Budget: 10 van 20." (the play screen's "10/20" would be read as "10 slash 20")."""
    owned = game.resource_of(role)
    res = game.pack.roles[role].resource
    if owned is None or res is None:
        return None
    amount, most = fmt_num(owned[1], lang), fmt_num(res.max, lang)
    return t("play.resource", lang, resource=text(res.name, lang), amount=amount, max=most)


def event_lines(game: Game, lang: str, viewer: str | None) -> list[str]:
    """The event, whom it speaks to, what only the viewer knows, and the deliberation so far."""
    event = game.step().event
    if event is None:
        return []
    key = "play.event_line" if event.decider else "play.news_line"
    lines = [t(key, lang, title=text(event.title, lang))]
    addressed = view.perspective(game, lang, viewer)
    if addressed:
        lines.append(addressed)
    lines += paragraphs(text(event.text, lang))
    for label, knowledge in view.private_lines(game, lang, viewer):
        lines.append(sentence(f"{label}: {knowledge}"))
    if event.decider:
        decides = t("play.decides", lang, role=view.role_name(game, event.decider, lang))
        lines.append(t("play.board_line", lang, decides=decides))
        given = dict(game.inputs_given())
        for role in game.state.current.consult if game.state.current else []:
            name = view.role_name(game, role, lang)
            option = given.get(role)
            if option is None:
                lines.append(t("play.board_waiting", lang, role=name))
            else:
                lines.append(t("play.board_given", lang, role=name, input=text(option.label, lang)))
    return lines


def choice_lines(game: Game, step: Step, lang: str) -> list[str]:
    """The acting role's options, numbered, each with its cost and what it touches, as one sentence."""
    head = view.choices_head(game, step.kind, step.actor or "", lang)
    lines = [t("play.choices", lang, head=head)]
    resource = resource_line(game, step.actor, lang) if step.actor else None
    if resource:
        lines.append(resource)
    for n, choice in enumerate(step.choices, start=1):
        details = view.choice_details(game, step, choice, lang)
        if not choice.available and choice.blocked:
            why = details.pop()
            details.append(t("play.not_available", lang, why=why))
        parts = [sentence(f"{n}. {text(choice.label, lang)}")]
        if details:
            parts.append(sentence(_capital("; ".join(details)).replace(MINUS, "-")))
        if choice.description:
            parts.append(sentence(text(choice.description, lang)))
        lines.append(" ".join(parts))
    return lines


def _capital(line: str) -> str:
    return line[:1].upper() + line[1:]


# -- what happened ---------------------------------------------------------------------------------
def section_lines(game: Game, sections: Iterable[view.Section], lang: str) -> list[str]:
    """Sections of the consequences or history screen, in the screen's order, with their critiques (the
    sources are left to the debrief, as on the screen, where they wait behind a key)."""
    lines = []
    for section in sections:
        lines.append(sentence(section.heading))
        lines += [plain(line) for line in section.lines or [t("cons.no_changes", lang)]]
        for cid in section.critiques:
            lines += [plain(line) for line in view.critique_lines(game, cid, lang, citation=False)]
    return lines


def consequence_lines(game: Game, outcomes: list[Outcome], lang: str) -> list[str]:
    return [
        sentence(t("cons.title", lang)),
        *section_lines(game, view.outcome_sections(game, outcomes, lang), lang),
    ]


def history_lines(game: Game, lang: str) -> list[str]:
    rounds = view.history_sections(game, lang)
    if not rounds:
        return [t("hist.empty", lang)]
    lines = [sentence(t("hist.title", lang))]
    for label, sections in rounds:
        lines.append(sentence(label))
        lines += section_lines(game, sections, lang)
    return lines


def briefing_lines(game: Game, role: str, lang: str) -> list[str]:
    """A role's briefing, resource, goals, and what only it knows now."""
    lines = [sentence(t("play.briefing", lang, role=view.who(game, role, lang, ref=True)))]
    lines += paragraphs(text(game.pack.roles[role].briefing, lang))
    resource = resource_line(game, role, lang)
    if resource:
        lines.append(resource)
    goals = game.goals(role)
    if goals:
        lines.append(sentence(t("play.goals", lang)))
        for goal, met in goals:
            state = t("play.goal_met" if met else "play.goal_open", lang)
            lines.append(sentence(f"{text(goal.text, lang)}: {state}"))
    for label, knowledge in view.private_lines(game, lang, role):
        lines.append(sentence(f"{label}: {knowledge}"))
    return lines


# -- the end ---------------------------------------------------------------------------------------
def chart_lines(game: Game, lang: str) -> list[str]:
    """The meters over the years, one line per meter (a table read row by row, each row whole)."""
    round_name = text(game.scenario.round_name, lang)
    lines = [sentence(t("end.chart", lang))]
    for meter in game.pack.meters.values():
        series = game.meter_series(meter.id)
        values = [t("end.start_value", lang, value=fmt_num(series[0], lang))]
        values += [
            t("end.meter_value", lang, round=round_name.lower(), n=n, value=fmt_num(value, lang))
            for n, value in enumerate(series[1:], start=1)
        ]
        lines.append(
            t(
                "end.meter_row",
                lang,
                name=text(meter.name, lang),
                first=fmt_num(series[0], lang),
                last=fmt_num(series[-1], lang),
                round=round_name.lower(),
                values="; ".join(values),
            )
        )
    return lines


def why_line(line: str, lang: str) -> str:
    """A condition of an ending, its mark on screen (met or missed) said in words."""
    for mark, key in (("✓", "play.goal_met"), ("✗", "end.goal_missed")):
        if line.lstrip().startswith(mark):
            return plain(f"{t(key, lang).capitalize()}: {line.lstrip()[len(mark) :].strip()}")
    return plain(line)


def ending_lines(game: Game, lang: str) -> list[str]:
    """The debrief in the ending screen's order: ending, meters, key decisions, goals, critiques, questions."""
    lines = []
    ending = game.ending()
    if ending is not None:
        lines.append(sentence(t("end.title", lang, title=text(ending.title, lang))))
        lines += paragraphs(text(ending.text, lang))
    why = view.ending_why_lines(game, lang)
    if why:
        lines.append(sentence(t("end.why", lang)))
        lines += [why_line(line, lang) for line, _style in why]
    lines += chart_lines(game, lang)
    key = view.key_decisions(game, lang)
    if key:
        lines.append(sentence(t("end.key", lang)))
        lines += [plain(line) for line in key]
    goals = view.goal_lines(game, lang)
    if goals:
        lines.append(sentence(t("end.goals", lang)))
        lines += [plain(line) for line in goals]
    lines.append(sentence(t("end.critiques", lang)))
    came_up = view.critiques_came_up(game)
    if not came_up:
        lines.append(t("end.no_critiques", lang))
    for cid in came_up:
        critique = game.pack.critiques[cid]
        lines.append(sentence(text(critique.title, lang)))
        lines += paragraphs(text(critique.summary, lang))
        lines.append(sentence(t("cons.citation", lang, citation=text(critique.citation_text, lang))))
    questions = view.debrief_questions(game, lang)
    if questions:
        lines.append(sentence(t("end.questions", lang)))
        lines += [sentence(f"{n}. {question}") for n, question in enumerate(questions, start=1)]
    return lines
