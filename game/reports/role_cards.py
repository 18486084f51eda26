"""Printable role cards from a content pack: one page per role with its briefing, goals, resource, inputs
and what only it can know, so a modded pack prints its own cards.

:func:`build_role_cards` turns a scenario of a :class:`~game.engine.Pack` into plain, translated values;
:func:`render_role_cards` writes them as one self-contained HTML page (Jinja2, autoescaped) with a page
break after each role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import jinja2

from game.engine import Pack
from game.engine.model import InputOption, Role, Scenario
from game.i18n import fmt_num, text

#: The cards' own words, in both languages.
WORDS: dict[str, dict[str, str]] = {
    "title": {"nl": "Rolkaarten – {scenario}", "en": "Role cards – {scenario}"},
    "intro": {
        "nl": "Eén kaart per rol. Lees alleen je eigen kaart; vertel de anderen wat je wilt delen.",
        "en": "One card per role. Read only your own card; tell the others what you want to share.",
    },
    "you_are": {"nl": "Jouw rol", "en": "Your role"},
    "briefing": {"nl": "Wie je bent", "en": "Who you are"},
    "goals": {"nl": "Je doelen (aan het eind van het spel)", "en": "Your goals (at the end of the game)"},
    "no_goals": {"nl": "Deze rol heeft geen eigen doelen.", "en": "This role has no goals of its own."},
    "resource": {"nl": "Wat je kunt inzetten", "en": "What you can spend"},
    "resource_line": {
        "nl": "{name}: je begint met {start}, hooguit {max}.",
        "en": "{name}: you start with {start}, at most {max}.",
    },
    "refresh_fixed": {"nl": "Elk {round} krijg je er {n} bij.", "en": "Every {round} you get {n} more."},
    "refresh_varies": {
        "nl": "Hoeveel je er elk {round} bij krijgt, hangt af van: {meters}.",
        "en": "How much you get back every {round} depends on: {meters}.",
    },
    "refresh_game": {
        "nl": "Hoeveel je er elk {round} bij krijgt, hangt af van het spel.",
        "en": "How much you get back every {round} depends on the game.",
    },
    "no_resource": {
        "nl": "Deze rol heeft geen eigen middelen.",
        "en": "This role has nothing of its own to spend.",
    },
    "inputs": {"nl": "Wat je kunt inbrengen", "en": "What you can put in"},
    "cost": {"nl": "kost {n}", "en": "costs {n}"},
    "free": {"nl": "kost niets", "en": "free"},
    "silent": {"nl": "je zegt niets", "en": "you say nothing"},
    "shares": {"nl": "je deelt wat je weet", "en": "you share what you know"},
    "priorities": {"nl": "Waar je op let", "en": "What you watch"},
    "decides": {
        "nl": "Van de {total} soorten beslissingen in dit scenario neem jij er {n}; bij de andere geef je inbreng.",
        "en": "Of the {total} kinds of decisions in this scenario you take {n}; in the others you give input.",
    },
    "decides_none": {
        "nl": "Jij beslist niet zelf: je geeft inbreng, en wie beslist kiest of die meeweegt.",
        "en": "You do not decide yourself: you give input, and whoever decides chooses whether it counts.",
    },
    "knows": {"nl": "Wat alleen jij weet", "en": "What only you know"},
    "knows_intro": {
        "nl": "Als deze situaties zich voordoen, weet jij iets wat de anderen niet zien:",
        "en": "When these situations come up, you know something the others do not see:",
    },
    "knows_none": {
        "nl": "Jij hebt geen eigen informatie: wat je weet, is wat op tafel ligt en wat de anderen je vertellen.",
        "en": "You have no information of your own: what you know is what is on the table and what the "
        "others tell you.",
    },
    "footer": {"nl": "{pack}, versie {version}", "en": "{pack}, version {version}"},
}


@dataclass
class InputLine:
    label: str
    description: str
    #: "kost 1", "kost niets", plus "je zegt niets" or "je deelt wat je weet" where that applies
    notes: list[str]


@dataclass
class Knowledge:
    event: str
    text: str


@dataclass
class RoleCard:
    """One role's page, every text already in the card's language."""

    id: str
    name: str
    briefing: str
    goals: list[str]
    resource: list[str]
    inputs: list[InputLine]
    priorities: list[str]
    decides: str
    knowledge: list[Knowledge] = field(default_factory=list)


@dataclass
class RoleCards:
    lang: str
    title: str
    scenario: str
    setting: str
    cards: list[RoleCard]
    footer: str
    words: dict[str, str]


def build_role_cards(pack: Pack, scenario_id: str, lang: str) -> RoleCards:
    """The role cards of a scenario in ``lang``. Raises KeyError when the pack has no such scenario."""
    scenario = pack.scenarios[scenario_id]
    words = {key: text(value, lang) for key, value in WORDS.items()}
    name = text(scenario.title, lang)
    return RoleCards(
        lang=lang,
        title=words["title"].format(scenario=name),
        scenario=name,
        setting=text(scenario.setting, lang),
        cards=[_card(pack, scenario, pack.roles[r], lang, words) for r in scenario.roles],
        footer=words["footer"].format(pack=text(pack.manifest.title, lang), version=pack.manifest.version),
        words=words,
    )


def _card(pack: Pack, scenario: Scenario, role: Role, lang: str, words: dict[str, str]) -> RoleCard:
    events = pack.events_for(scenario)
    decisions = [e for e in events if e.decider is not None]  # news has no decision
    decided = sum(1 for e in decisions if e.decider == role.id)
    ranked = sorted((w, m) for m, w in role.priorities.items() if w > 0 and m in pack.meters)
    return RoleCard(
        id=role.id,
        name=text(role.name, lang),
        briefing=text(role.briefing, lang),
        goals=[text(g.text, lang) for g in role.goals],
        resource=_resource(pack, scenario, role, lang, words),
        inputs=[_input(option, lang, words) for option in role.inputs],
        priorities=[text(pack.meters[m].name, lang) for _, m in sorted(ranked, key=lambda p: (-p[0], p[1]))],
        decides=words["decides"].format(n=decided, total=len(decisions))
        if decided
        else words["decides_none"],
        knowledge=[
            Knowledge(event=text(e.title, lang), text=text(e.private[role.id], lang))
            for e in events
            if role.id in e.private
        ],
    )


def _resource(pack: Pack, scenario: Scenario, role: Role, lang: str, words: dict[str, str]) -> list[str]:
    res = role.resource
    if res is None:
        return []
    lines = [
        words["resource_line"].format(
            name=text(res.name, lang), start=fmt_num(res.start, lang), max=fmt_num(res.max, lang)
        )
    ]
    round_name = text(scenario.round_name, lang).lower()
    try:
        lines.append(words["refresh_fixed"].format(round=round_name, n=fmt_num(float(res.refresh), lang)))
    except ValueError:  # an expression: name the meters it reads rather than showing the formula
        found = [m for m in pack.meters if re.search(rf"\b{re.escape(m)}\b", str(res.refresh))]
        meters = ", ".join(text(pack.meters[m].name, lang) for m in found)
        key = "refresh_varies" if meters else "refresh_game"
        lines.append(words[key].format(round=round_name, meters=meters))
    return lines


def _input(option: InputOption, lang: str, words: dict[str, str]) -> InputLine:
    notes = [words["cost"].format(n=fmt_num(option.cost, lang)) if option.cost else words["free"]]
    if not option.voice:
        notes.append(words["silent"])
    if option.shares:
        notes.append(words["shares"])
    return InputLine(label=text(option.label, lang), description=text(option.description, lang), notes=notes)


@cache
def _environment() -> jinja2.Environment:
    # Autoescaped: every text comes from a content pack, which a modder (or a student) wrote.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("game.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_role_cards(cards: RoleCards) -> str:
    """The cards as one self-contained HTML page that prints one role per page."""
    return _environment().get_template("role_cards.html").render(doc=cards, w=cards.words)
