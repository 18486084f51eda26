"""The ending explained in words: which conditions of the ending reached and of the better endings were met
or missed, and how close the nearest better ending was ("leefbaarheid 43 van 43,5 nodig"). The ending
screen and the debrief report both word it here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine import Clause, EndingCheck, Game, explain_ending
from game.i18n import fmt_num, t, text


@dataclass(frozen=True)
class EndingLine:
    """One ending's conditions in words: its title and one line per condition (✓ met, ✗ missed)."""

    ending_id: str
    title: str
    clauses: list[str]
    missed: int


@dataclass(frozen=True)
class EndingWhy:
    """The ending reached, the nearest better ending, and every better ending, each with its conditions."""

    reached: EndingLine | None
    nearest: EndingLine | None
    better: list[EndingLine]


def ending_why(game: Game, lang: str) -> EndingWhy | None:
    """Why ``game`` ended as it did, in ``lang`` (None while it is not over)."""
    if not game.over:
        return None
    found = explain_ending(game.pack, game.scenario, game.state)

    def line(check: EndingCheck | None) -> EndingLine | None:
        if check is None:
            return None
        words = [clause_text(game, c, lang) for c in check.clauses]
        return EndingLine(check.ending.id, text(check.ending.title, lang), words, len(check.missed))

    better = [x for x in (line(c) for c in found.better) if x is not None]
    return EndingWhy(line(found.reached), line(found.nearest), better)


#: conditions worded without their source: a round reached, and a flag (what set it)
_ROUND = re.compile(r"^round\s*>=\s*(\d+)$")
_FLAG = re.compile(r'^(not\s+)?has\("(\w+)"\)$')


def clause_text(game: Game, clause: Clause, lang: str) -> str:
    """A condition in words, marked ✓ or ✗: a meter against its threshold, a round reached, a flag by the
    choices that set it; else the condition itself."""
    mark = "✓" if clause.met else "✗"
    if clause.target is None or clause.value is None or clause.threshold is None:
        return f"{mark} {_plain(game, clause, lang)}"
    name = _name(game, clause.target, lang)
    key = {">=": "why.at_least", ">": "why.at_least", "<": "why.below"}.get(clause.op or "", "why.at_most")
    value, needed = fmt_num(clause.value, lang), fmt_num(clause.threshold, lang)
    return f"{mark} {t(key, lang, name=name, value=value, needed=needed)}"


def _plain(game: Game, clause: Clause, lang: str) -> str:
    source = clause.source.strip()
    if found := _ROUND.match(source):
        name = text(game.scenario.round_name, lang).lower()
        return t("why.round", lang, name=name, n=found.group(1))
    if found := _FLAG.match(source):
        chosen, possible = _setters(game, found.group(2), lang)
        # what happened says why; what did not, which choices would have made it happen
        happened = clause.met != bool(found.group(1))
        shown = chosen if happened else possible
        if shown:
            key = "why.chosen" if happened else "why.never_chosen"
            return t(key, lang, choices="; ".join(shown))
    return t("why.condition", lang, source=clause.source)


def _setters(game: Game, flag: str, lang: str) -> tuple[list[str], list[str]]:
    """The decisions of this scenario that raise ``flag`` ("Event: option"): those made in this game, and
    every one that could."""
    made = {(r.event, r.decision) for r in game.state.history}
    chosen: list[str] = []
    possible: list[str] = []
    for event in game.pack.events_for(game.scenario):
        for option in event.options:
            parts = [option.effects, *option.conditional, *option.later, *option.hidden]
            if any(p is not None and p.flags.get(flag, 0) > 0 for p in parts):
                words = f"{text(event.title, lang)}: {text(option.label, lang)}"
                possible.append(words)
                if (event.id, option.id) in made:
                    chosen.append(words)
    return chosen, possible


def _name(game: Game, target: str, lang: str) -> str:
    """A meter or resource (or an expression of them, like "livability + safety") in the player's words."""
    pack = game.pack

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in pack.meters:
            return text(pack.meters[word].name, lang).lower()
        owner = pack.roles.get(pack.resource_owner.get(word, ""))
        if owner is not None and owner.resource is not None:
            return text(owner.resource.name, lang).lower()
        return word

    return re.sub(r"[a-z][a-z0-9_]*", one, target)
