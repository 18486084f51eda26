"""The debrief report's and the class comparison's own strings, in Dutch and English."""

from __future__ import annotations

from game.i18n import t

REPORT: dict[str, dict[str, str]] = {
    # -- the report ---------------------------------------------------------------------------------
    "report.title": {"nl": "Wijkberaad: verslag voor de nabespreking", "en": "Wijkberaad: debrief report"},
    "report.summary": {"nl": "Overzicht", "en": "Summary"},
    "report.scenario": {"nl": "Scenario", "en": "Scenario"},
    "report.variant": {"nl": "Variant", "en": "Variant"},
    "report.full": {"nl": "volledig", "en": "full"},
    "report.code": {"nl": "Sessiecode", "en": "Session code"},
    "report.seed": {"nl": "Seed", "en": "Seed"},
    "report.pack": {"nl": "Inhoud", "en": "Content"},
    "report.source": {"nl": "Bestand", "en": "File"},
    "report.played": {"nl": "Gespeeld", "en": "Played"},
    "report.played_of": {"nl": "{played} van {total}", "en": "{played} of {total}"},
    "report.ending": {"nl": "Afloop", "en": "Ending"},
    "report.not_ended": {
        "nl": "Nog niet afgelopen (gestopt in {round_name} {round}).",
        "en": "Not finished (stopped in {round_name} {round}).",
    },
    "report.roles": {"nl": "Rollen", "en": "Roles"},
    "report.role": {"nl": "Rol", "en": "Role"},
    "report.player": {"nl": "Gespeeld door", "en": "Played by"},
    "report.computer": {"nl": "computer", "en": "computer"},
    "report.a_player": {"nl": "een speler", "en": "a player"},
    "report.meters": {"nl": "De meters door de jaren heen", "en": "The meters over the years"},
    "report.start": {"nl": "start", "en": "start"},
    "report.chart": {
        "nl": "Verloop van de meters per {round_name}, van de start tot het eind.",
        "en": "The meters per {round_name}, from the start to the end.",
    },
    "report.text_chart": {
        "nl": "Als tekengrafiek (per meter van zijn laagste ▁ tot zijn hoogste ▇ stand):",
        "en": "As a text chart (each meter from its lowest ▁ to its highest ▇ value):",
    },
    "report.lower_better": {"nl": "lager is beter", "en": "lower is better"},
    "report.rounds": {"nl": "Het verloop per {round_name}", "en": "What happened per {round_name}"},
    "report.news": {"nl": "Nieuws", "en": "News"},
    "report.decides": {"nl": "Beslist door", "en": "Decided by"},
    "report.inputs": {"nl": "Inbreng", "en": "Input"},
    "report.no_inputs": {"nl": "Niemand werd om inbreng gevraagd.", "en": "Nobody was asked for input."},
    "report.decision": {"nl": "Besluit", "en": "Decision"},
    "report.outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "report.effects": {"nl": "Gevolgen", "en": "Effects"},
    "report.no_effects": {
        "nl": "Geen directe gevolgen voor de meters.",
        "en": "No immediate effect on the meters.",
    },
    "report.round_end": {"nl": "Aan het eind van het {round_name}", "en": "At the end of the {round_name}"},
    "report.meters_after": {"nl": "Meters daarna", "en": "Meters after"},
    "report.honoured": {"nl": "gehonoreerd", "en": "honoured"},
    "report.ignored": {"nl": "genegeerd", "en": "ignored"},
    "report.absent": {"nl": "bleef weg", "en": "stayed away"},
    "report.shared": {"nl": "deelde eigen kennis", "en": "shared own knowledge"},
    "report.illustrates": {"nl": "kritiekpunt: {title}", "en": "critique: {title}"},
    "report.critiques": {"nl": "Kritiekpunten uit het artikel", "en": "The article's critiques"},
    "report.critiques_intro": {
        "nl": "Welke kritiek uit het opiniestuk in dit spel zichtbaar werd, en hoe vaak.",
        "en": "Which critiques from the opinion piece showed up in this game, and how often.",
    },
    "report.no_critiques": {
        "nl": "Geen van de kritiekpunten kwam in dit spel naar voren.",
        "en": "None of the critiques came up in this game.",
    },
    "report.times": {"nl": "{n}× in de gevolgen", "en": "{n}× in the effects"},
    "report.in_ending": {"nl": "ook in de afloop", "en": "also in the ending"},
    "report.in_events": {"nl": "onderwerp van: {events}", "en": "subject of: {events}"},
    "report.where": {"nl": "Waar", "en": "Where"},
    "report.round_ends": {"nl": "eind van {round_name} {rounds}", "en": "end of {round_name} {rounds}"},
    "report.source_cite": {"nl": "Bron", "en": "Source"},
    "report.questions": {"nl": "Vragen voor de nabespreking", "en": "Questions for the debrief"},
    "report.no_questions": {
        "nl": "Dit scenario heeft geen nabesprekingsvragen.",
        "en": "This scenario has no debrief questions.",
    },
    "report.general": {"nl": "algemeen", "en": "general"},
    "phase.describe": {"nl": "1. Beschrijven: wat gebeurde er?", "en": "1. Describe: what happened?"},
    "phase.analyse": {"nl": "2. Analyseren: waarom ging het zo?", "en": "2. Analyse: why did it go so?"},
    "phase.transfer": {
        "nl": "3. Vertalen: hoe zit dat in het echt?",
        "en": "3. Transfer: how is this in real life?",
    },
    "phase.apply": {
        "nl": "4. Toepassen: wat zou je anders doen?",
        "en": "4. Apply: what would you do differently?",
    },
    "report.mismatch": {
        "nl": "Let op: {detail}. Dit verslag toont het spel zoals het bewaard is.",
        "en": "Note: {detail}. This report shows the game as it was saved.",
    },
    # -- CSV headers --------------------------------------------------------------------------------
    "csv.code": {"nl": "sessiecode", "en": "session_code"},
    "csv.round": {"nl": "jaar", "en": "round"},
    "csv.event_id": {"nl": "gebeurtenis_id", "en": "event_id"},
    "csv.event": {"nl": "gebeurtenis", "en": "event"},
    "csv.decider": {"nl": "beslisser", "en": "decider"},
    "csv.player": {"nl": "speler", "en": "player"},
    "csv.inputs": {"nl": "inbreng", "en": "inputs"},
    "csv.honoured": {"nl": "gehonoreerd", "en": "honoured"},
    "csv.ignored": {"nl": "genegeerd", "en": "ignored"},
    "csv.absent": {"nl": "weggebleven", "en": "absent"},
    "csv.shared": {"nl": "kennis_gedeeld", "en": "shared"},
    "csv.decision_id": {"nl": "besluit_id", "en": "decision_id"},
    "csv.decision": {"nl": "besluit", "en": "decision"},
    "csv.outcome": {"nl": "uitkomst", "en": "outcome"},
    "csv.effects": {"nl": "gevolgen", "en": "effects"},
    "csv.critiques": {"nl": "kritiekpunten", "en": "critiques"},
    "csv.delta": {"nl": "verandering_{meter}", "en": "change_{meter}"},
    "csv.after": {"nl": "{meter}_na_jaar", "en": "{meter}_after_round"},
    # -- the comparison -----------------------------------------------------------------------------
    "compare.title": {"nl": "Wijkberaad: de groepen vergeleken", "en": "Wijkberaad: the groups compared"},
    "compare.groups": {"nl": "Alle groepen", "en": "All groups"},
    "compare.group": {"nl": "Groep", "en": "Group"},
    "compare.players": {"nl": "Spelers", "en": "Players"},
    "compare.rounds": {"nl": "Jaren", "en": "Rounds"},
    "compare.honoured": {"nl": "Inbreng gehonoreerd", "en": "Input honoured"},
    "compare.ignored": {"nl": "Inbreng genegeerd", "en": "Input ignored"},
    "compare.critiques": {"nl": "Kritiekpunten", "en": "Critiques"},
    "compare.critiques_by_group": {
        "nl": "Kritiekpunten per groep (hoe vaak in de gevolgen)",
        "en": "Critiques per group (how often in the effects)",
    },
    "compare.none": {"nl": "geen", "en": "none"},
    "compare.not_ended": {"nl": "niet af", "en": "not finished"},
    "compare.same_code": {"nl": "Groepen met dezelfde sessiecode", "en": "Groups on the same session code"},
    "compare.same_code_intro": {
        "nl": "Zelfde scenario en seed: tot hun keuzes uiteenliepen speelden deze groepen hetzelfde spel.",
        "en": "Same scenario and seed: until their choices split, these groups played the same game.",
    },
    "compare.no_shared_code": {
        "nl": "Geen groepen speelden met dezelfde sessiecode.",
        "en": "No groups played on the same session code.",
    },
    "compare.pair": {"nl": "{a} en {b}", "en": "{a} and {b}"},
    "compare.identical": {
        "nl": "Zij maakten van begin tot eind dezelfde keuzes.",
        "en": "They made the same choices from start to end.",
    },
    "compare.split": {
        "nl": "Hun keuzes liepen uiteen in {round_name} {round}, bij '{event}'.",
        "en": "Their choices split in {round_name} {round}, at '{event}'.",
    },
    "compare.split_choice": {"nl": "{group}: {choice}", "en": "{group}: {choice}"},
    "compare.drift": {
        "nl": "Daarna dreven de meters tot {max} punten uit elkaar ({meter}, {round_name} {at}).",
        "en": "Afterwards the meters drifted up to {max} points apart ({meter}, {round_name} {at}).",
    },
    "compare.final_gap": {"nl": "Verschil aan het eind", "en": "Difference at the end"},
    "compare.first_split": {"nl": "Eerste splitsing", "en": "First split"},
    "compare.max_gap": {"nl": "Grootste verschil", "en": "Largest gap"},
    "compare.same": {"nl": "geen (zelfde keuzes)", "en": "none (same choices)"},
    "compare.unreadable": {"nl": "Niet gelezen", "en": "Not read"},
}


def r(key: str, lang: str, **values: object) -> str:
    """A report string in ``lang`` with its placeholders filled in."""
    return t(key, lang, REPORT, **values)
