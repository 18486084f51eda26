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
from game.i18n import fmt_num, t, text

from . import strings  # noqa: F401 - registers the cards' words (cards.*) with t


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


def build_role_cards(pack: Pack, scenario_id: str, lang: str) -> RoleCards:
    """The role cards of a scenario in ``lang``. Raises KeyError when the pack has no such scenario."""
    scenario = pack.scenarios[scenario_id]
    name = text(scenario.title, lang)
    return RoleCards(
        lang=lang,
        title=t("cards.title", lang, scenario=name),
        scenario=name,
        setting=text(scenario.setting, lang),
        cards=[_card(pack, scenario, pack.roles[r], lang) for r in scenario.roles],
        footer=t("cards.footer", lang, pack=text(pack.manifest.title, lang), version=pack.manifest.version),
    )


def _card(pack: Pack, scenario: Scenario, role: Role, lang: str) -> RoleCard:
    events = pack.events_for(scenario)
    decisions = [e for e in events if e.decider is not None]  # news has no decision
    decided = sum(1 for e in decisions if e.decider == role.id)
    ranked = sorted((w, m) for m, w in role.priorities.items() if w > 0 and m in pack.meters)
    return RoleCard(
        id=role.id,
        name=text(role.name, lang),
        briefing=text(role.briefing, lang),
        goals=[text(g.text, lang) for g in role.goals],
        resource=_resource(pack, scenario, role, lang),
        inputs=[_input(option, lang) for option in role.inputs],
        priorities=[text(pack.meters[m].name, lang) for _, m in sorted(ranked, key=lambda p: (-p[0], p[1]))],
        decides=t("cards.decides", lang, n=decided, total=len(decisions))
        if decided
        else t("cards.decides_none", lang),
        knowledge=[
            Knowledge(event=text(e.title, lang), text=text(e.private[role.id], lang))
            for e in events
            if role.id in e.private
        ],
    )


def _resource(pack: Pack, scenario: Scenario, role: Role, lang: str) -> list[str]:
    res = role.resource
    if res is None:
        return []
    lines = [
        t(
            "cards.resource_line",
            lang,
            name=text(res.name, lang),
            start=fmt_num(res.start, lang),
            max=fmt_num(res.max, lang),
        )
    ]
    round_name = text(scenario.round_name, lang).lower()
    try:
        lines.append(t("cards.refresh_fixed", lang, round=round_name, n=fmt_num(float(res.refresh), lang)))
    except ValueError:  # an expression: name the meters it reads rather than showing the formula
        found = [m for m in pack.meters if re.search(rf"\b{re.escape(m)}\b", str(res.refresh))]
        meters = ", ".join(text(pack.meters[m].name, lang) for m in found)
        if meters:
            lines.append(t("cards.refresh_varies", lang, round=round_name, meters=meters))
        else:
            lines.append(t("cards.refresh_game", lang, round=round_name))
    return lines


def _input(option: InputOption, lang: str) -> InputLine:
    notes = [t("cards.cost", lang, n=fmt_num(option.cost, lang)) if option.cost else t("cards.free", lang)]
    if not option.voice:
        notes.append(t("cards.silent", lang))
    if option.shares:
        notes.append(t("cards.shares", lang))
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

    def say(key: str, **values: object) -> str:
        return t(key, cards.lang, **values)

    return _environment().get_template("role_cards.html").render(doc=cards, say=say)
