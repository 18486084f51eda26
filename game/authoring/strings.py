"""The balance report's own words, in Dutch and English (``wijkberaad simulate``)."""

from __future__ import annotations

from game.i18n import register

BALANCE: dict[str, dict[str, str]] = {
    "balance.title": {
        "nl": "Balans van scenario '{scenario}'{variant} ({rounds} rondes) in pakket {pack} {version}: {runs} spellen per strategie, seed {seed}",
        "en": "Balance of scenario '{scenario}'{variant} ({rounds} rounds) in pack {pack} {version}: {runs} games per strategy, seed {seed}",
    },
    "balance.variant": {"nl": ", variant {variant}", "en": ", variant {variant}"},
    "balance.ending": {"nl": "afloop", "en": "ending"},
    "balance.endings": {"nl": "Afloop (aandeel van de spellen)", "en": "Endings (share of games)"},
    "balance.all": {"nl": "alle", "en": "all"},
    "balance.meters": {
        "nl": "Eindstand van de meters (gemiddelde per strategie; daarna min / p10 / mediaan / p90 / max over alle spellen)",
        "en": "Final meters (mean, per strategy; then min / p10 / median / p90 / max over all games)",
    },
    "balance.score": {"nl": "score (0 tot 1)", "en": "score (0..1)"},
    "balance.length": {
        "nl": "Speelduur: gemiddeld {mean} rondes (min {min}, max {max}); gemiddeld {events} gebeurtenissen",
        "en": "Game length: {mean} rounds on average (min {min}, max {max}); {events} events on average",
    },
    "balance.never_drawn": {
        "nl": "Gebeurtenissen die nooit getrokken zijn: {ids}",
        "en": "Events never drawn: {ids}",
    },
    "balance.never_chosen": {
        "nl": "Opties die nooit gekozen zijn: {ids}",
        "en": "Options never chosen: {ids}",
    },
    "balance.none": {"nl": "geen", "en": "none"},
    "balance.dominance": {"nl": "Dominantie:", "en": "Dominance:"},
    "balance.roles": {
        "nl": "Per rol (gemiddeld per spel: beslissingen / inbreng; aandeel spellen met alle doelen gehaald)",
        "en": "Per role (mean a game: decisions / inputs; share of games with all goals met)",
    },
    "balance.years": {
        "nl": "Meters per jaar (gemiddelde na elke ronde), strategie '{strategy}'",
        "en": "Meters year by year (mean after each round), strategy '{strategy}'",
    },
    # how a dominance fact reads; the report's JSON holds them in English
    "balance.dominance.reaches": {
        "nl": "strategie '{strategy}' bereikt afloop '{a}' in {b} van de spellen",
        "en": "strategy '{strategy}' reaches ending '{a}' in {b} of its games",
    },
    "balance.dominance.far_above": {
        "nl": "strategie '{strategy}' scoort ver boven de andere ({a} tegen {b})",
        "en": "strategy '{strategy}' scores far above the others ({a} against {b})",
    },
    "balance.dominance.everywhere": {
        "nl": "strategie '{strategy}' doet het op elke meter en elk doel van een rol minstens zo goed als elke andere",
        "en": "strategy '{strategy}' does at least as well as every other on every meter and every role's goals",
    },
}

register(__name__, BALANCE)
