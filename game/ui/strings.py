"""The UI's own strings in Dutch and English, looked up with :func:`game.i18n.t`."""

from __future__ import annotations

from game.i18n import register

#: Every string the app shows that is not content, by key, in both languages.
UI: dict[str, dict[str, str]] = {
    # -- app and title ----------------------------------------------------------------------------
    "app.title": {"nl": "Wijkberaad", "en": "Wijkberaad"},
    "app.subtitle": {
        "nl": "Vijftien jaar beraad over een kwetsbare wijk",
        "en": "Fifteen years of deliberation over a vulnerable neighbourhood",
    },
    "title.new": {"nl": "Nieuw spel", "en": "New game"},
    "title.continue": {"nl": "Verder spelen", "en": "Continue"},
    "title.continue_none": {"nl": "Verder spelen (nog niets bewaard)", "en": "Continue (no autosave)"},
    "title.load": {"nl": "Spel laden", "en": "Load game"},
    "title.settings": {"nl": "Instellingen", "en": "Settings"},
    "title.help": {"nl": "Hulp", "en": "Help"},
    "title.quit": {"nl": "Stoppen", "en": "Quit"},
    "title.loading": {"nl": "Inhoud laden…", "en": "Loading content…"},
    "title.pack": {"nl": "Inhoud: {title} {version}", "en": "Content: {title} {version}"},
    "problems.title": {"nl": "De inhoud kan niet gespeeld worden", "en": "The content cannot be played"},
    "problems.hint": {
        "nl": "Los deze problemen op (wijkberaad validate toont ze ook) en start opnieuw.",
        "en": "Fix these problems (wijkberaad validate lists them too) and start again.",
    },
    # -- keys (binding descriptions, by binding id) -------------------------------------------------
    "key.quit": {"nl": "Stoppen", "en": "Quit"},
    "key.help": {"nl": "Hulp", "en": "Help"},
    "key.save": {"nl": "Opslaan", "en": "Save"},
    "key.load": {"nl": "Laden", "en": "Load"},
    "key.history": {"nl": "Geschiedenis", "en": "History"},
    "key.back": {"nl": "Terug", "en": "Back"},
    "key.continue": {"nl": "Verder", "en": "Continue"},
    "key.citation": {"nl": "Bron", "en": "Source"},
    "key.start": {"nl": "Start", "en": "Start"},
    "key.new": {"nl": "Nieuw spel", "en": "New game"},
    "key.pick": {"nl": "Kies 1-9", "en": "Pick 1-9"},
    "key.scroll_text": {"nl": "Meer tekst", "en": "More text"},
    "key.briefing": {"nl": "Rol", "en": "Role"},
    "key.title": {"nl": "Titel", "en": "Title"},
    "key.palette": {"nl": "Opdrachten", "en": "Commands"},
    "key.report": {"nl": "Verslag", "en": "Report"},
    "key.facilitator": {"nl": "Beamer", "en": "Projector"},
    "key.dismiss_menu": {"nl": "Menu sluiten", "en": "Close menu"},
    "key.close_palette": {"nl": "Sluiten", "en": "Close"},
    # -- command palette -----------------------------------------------------------------------------
    "cmd.search": {"nl": "Zoek een opdracht…", "en": "Search for a command…"},
    "cmd.no_matches": {"nl": "Geen opdracht gevonden", "en": "No command found"},
    "quit.title": {"nl": "Wil je stoppen?", "en": "Do you want to quit?"},
    "quit.how": {"nl": "Druk op [b]{keys}[/b] om te stoppen.", "en": "Press [b]{keys}[/b] to quit."},
    "cmd.new": {"nl": "Nieuw spel", "en": "New game"},
    "cmd.new.help": {"nl": "Een nieuw spel instellen", "en": "Set up a new game"},
    "cmd.save": {"nl": "Spel opslaan", "en": "Save game"},
    "cmd.save.help": {"nl": "Het spel onder een naam bewaren", "en": "Keep the game under a name"},
    "cmd.load": {"nl": "Spel laden", "en": "Load game"},
    "cmd.load.help": {"nl": "Een bewaard spel hervatten", "en": "Resume a saved game"},
    "cmd.history": {"nl": "Geschiedenis", "en": "History"},
    "cmd.history.help": {"nl": "Alle jaren tot nu toe", "en": "Every year so far"},
    "cmd.help": {"nl": "Hulp", "en": "Help"},
    "cmd.help.help": {"nl": "Hoe je speelt, en alle toetsen", "en": "How to play, and every key"},
    "cmd.language": {"nl": "Taal: English", "en": "Language: Nederlands"},
    "cmd.language.help": {"nl": "Wissel naar het Engels", "en": "Switch to Dutch"},
    "cmd.theme": {"nl": "Thema wisselen", "en": "Switch theme"},
    "cmd.theme.help": {"nl": "Donker, licht of hoog contrast", "en": "Dark, light or high contrast"},
    "cmd.title": {"nl": "Naar het titelscherm", "en": "To the title screen"},
    "cmd.title.help": {"nl": "Het spel blijft automatisch bewaard", "en": "The game stays in the autosave"},
    "cmd.quit": {"nl": "Stoppen", "en": "Quit"},
    "cmd.quit.help": {"nl": "Wijkberaad afsluiten", "en": "Close Wijkberaad"},
    # -- setup --------------------------------------------------------------------------------------
    "setup.title": {"nl": "Nieuw spel", "en": "New game"},
    "setup.scenario": {"nl": "Scenario", "en": "Scenario"},
    "setup.length": {"nl": "Lengte", "en": "Length"},
    "setup.full": {"nl": "Volledig ({rounds} jaar)", "en": "Full ({rounds} years)"},
    "setup.variant": {"nl": "{title} ({rounds} jaar)", "en": "{title} ({rounds} years)"},
    "setup.roles": {
        "nl": "Rollen: vul een naam in voor wie een mens speelt; leeg speelt de computer.",
        "en": "Roles: enter a name for each role a person plays; empty means the computer plays it.",
    },
    "setup.default_name": {"nl": "Speler", "en": "Player"},
    "setup.computer": {"nl": "computer", "en": "computer"},
    "setup.seed": {"nl": "Startgetal (deel met de klas)", "en": "Seed (share it with the class)"},
    "setup.start": {"nl": "Start", "en": "Start"},
    "setup.cancel": {"nl": "Terug", "en": "Back"},
    "setup.need_player": {
        "nl": "Vul voor minstens één rol een naam in.",
        "en": "Enter a name for at least one role.",
    },
    "setup.bad_seed": {
        "nl": "Het startgetal moet een heel getal zijn.",
        "en": "The seed must be a whole number.",
    },
    # -- play ---------------------------------------------------------------------------------------
    "play.round": {"nl": "{name} {round}/{rounds}", "en": "{name} {round}/{rounds}"},
    "play.turn": {"nl": "Aan zet: {who}", "en": "Turn: {who}"},
    "play.you": {"nl": "jij", "en": "you"},
    "play.news": {"nl": "Nieuws", "en": "News"},
    "play.addressed": {"nl": "Aan {role}, die beslist:", "en": "To {role}, who decides:"},
    "play.decides": {"nl": "{role} beslist", "en": "{role} decides"},
    "play.input_for": {"nl": "Jouw inbreng als {role}", "en": "Your input as {role}"},
    "play.decide_for": {"nl": "Jouw besluit als {role}", "en": "Your decision as {role}"},
    "play.input_for_named": {"nl": "{name}, jouw inbreng als {role}", "en": "{name}, your input as {role}"},
    "play.decide_for_named": {
        "nl": "{name}, jouw besluit als {role}",
        "en": "{name}, your decision as {role}",
    },
    "play.continue_news": {"nl": "Lees het nieuws en ga verder", "en": "Read the news and continue"},
    "play.private": {"nl": "Alleen voor jou", "en": "Only for you"},
    "play.shared": {"nl": "Gedeelde kennis van {role}", "en": "Knowledge shared by {role}"},
    "play.board": {"nl": "Beraad", "en": "Deliberation"},
    "play.board_empty": {"nl": "Nog geen inbreng.", "en": "No input yet."},
    "play.waiting": {"nl": "wacht", "en": "waiting"},
    "play.cost": {"nl": "kosten: {amount}", "en": "cost: {amount}"},
    "play.free": {"nl": "kosten: geen", "en": "cost: none"},
    "play.touches": {"nl": "raakt: {meters}", "en": "touches: {meters}"},
    "play.honours": {"nl": "volgt inbreng van: {roles}", "en": "follows input of: {roles}"},
    "play.proposal_of": {"nl": "voorstel van {role}", "en": "proposal of {role}"},
    "play.proposes": {"nl": "Voorstel van {role}", "en": "Proposal of {role}"},
    "play.shares": {"nl": "deelt je kennis", "en": "shares your knowledge"},
    "play.stays_away": {"nl": "geen inbreng", "en": "no input"},
    "play.blocked.cost": {"nl": "te duur", "en": "too expensive"},
    "play.cost_fallback": {
        "nl": "je hebt er nog {have}; omdat niets anders kan, mag dit toch (het kost wat je nog hebt)",
        "en": "you have {have} left; as nothing else is possible it is allowed (it costs what you have left)",
    },
    "play.why_too_expensive": {
        "nl": "'{option}' kost {cost} {resource} en je hebt er nog {have}. Kies iets anders.",
        "en": "'{option}' costs {cost} {resource} and you have {have} left. Choose something else.",
    },
    "play.why_not_possible": {
        "nl": "'{option}' kan nu niet. Kies iets anders.",
        "en": "'{option}' is not possible now. Choose something else.",
    },
    "play.look_first": {
        "nl": "Wijs eerst aan (cijfer of ↑ ↓), kies dan met Enter.",
        "en": "Point first (number or ↑ ↓), then choose with Enter.",
    },
    "play.blocked.condition": {"nl": "niet mogelijk", "en": "not possible"},
    "play.you_have": {"nl": "{resource}: {amount}", "en": "{resource}: {amount}"},
    "play.computer_played": {"nl": "(computer)", "en": "(computer)"},
    "play.saved": {"nl": "Opgeslagen als {slot}", "en": "Saved as {slot}"},
    "play.autosave_failed": {
        "nl": "Automatisch opslaan mislukt: {reason}",
        "en": "Autosave failed: {reason}",
    },
    "play.no_saves": {"nl": "Opslaan is nog niet beschikbaar.", "en": "Saving is not available yet."},
    "play.briefing": {"nl": "Jouw rol: {role}", "en": "Your role: {role}"},
    "play.goals": {"nl": "Jouw doelen", "en": "Your goals"},
    "play.goal_met": {"nl": "gehaald", "en": "met"},
    "play.goal_open": {"nl": "nog niet", "en": "not yet"},
    "intro.roles": {"nl": "Wie speelt wat", "en": "Who plays what"},
    "intro.seed": {
        "nl": "Startgetal {seed} · {rounds} jaar · Enter: beginnen",
        "en": "Seed {seed} · {rounds} years · Enter: begin",
    },
    # -- hand-over ----------------------------------------------------------------------------------
    "handover.title": {"nl": "Wissel van speler", "en": "Change of player"},
    "handover.pass": {
        "nl": "Geef het toetsenbord aan {role} — {name}",
        "en": "Pass the keyboard to {role} — {name}",
    },
    "handover.hint": {
        "nl": "De rest kijkt even weg. {name}, druk op Enter als je klaar bent.",
        "en": "Everyone else looks away. {name}, press Enter when you are ready.",
    },
    "handover.ready": {"nl": "Ik ben {name}: verder", "en": "I am {name}: continue"},
    # -- consequences ------------------------------------------------------------------------------
    "cons.title": {"nl": "Gevolgen", "en": "Consequences"},
    "cons.decided": {"nl": "{role} koos: {option}", "en": "{role} chose: {option}"},
    "cons.news": {"nl": "Nieuws", "en": "News"},
    "cons.addressed": {"nl": "Aan {role}: {text}", "en": "To {role}: {text}"},
    "cons.honoured": {"nl": "Inbreng gehonoreerd: {roles}", "en": "Input honoured: {roles}"},
    "cons.ignored": {"nl": "Inbreng genegeerd: {roles}", "en": "Input ignored: {roles}"},
    "cons.absent": {"nl": "Bleven weg: {roles}", "en": "Stayed away: {roles}"},
    "cons.heeded": {"nl": "Waarschuwing meegewogen: {roles}", "en": "Warning heeded: {roles}"},
    "cons.heeded_ignored": {
        "nl": "Waarschuwing meegewogen, maar inbreng niet gevolgd: {roles}",
        "en": "Warning heeded, but input not followed: {roles}",
    },
    "cons.inputs": {"nl": "Inbreng", "en": "Input"},
    "cons.no_changes": {"nl": "Geen meters veranderden.", "en": "No meter changed."},
    "cons.round_end": {"nl": "Einde van {name} {round}", "en": "End of {name} {round}"},
    # A pack's critiques may come from the article or from another source (c shows which).
    "cons.critique": {"nl": "Kritiekpunt: {title}", "en": "Critique: {title}"},
    "cons.citation": {"nl": "Bron: {citation}", "en": "Source: {citation}"},
    "cons.citation_hint": {"nl": "Druk op c voor de bron.", "en": "Press c for the source."},
    # -- history -----------------------------------------------------------------------------------
    "hist.title": {"nl": "Geschiedenis", "en": "History"},
    "hist.empty": {"nl": "Er is nog niets besloten.", "en": "Nothing has been decided yet."},
    # -- ending ------------------------------------------------------------------------------------
    "end.title": {"nl": "Einde: {title}", "en": "Ending: {title}"},
    "end.why": {"nl": "Waarom deze afloop", "en": "Why this ending"},
    "end.chart": {"nl": "De meters door de jaren", "en": "The meters over the years"},
    "end.key": {"nl": "Besluiten die het meest uitmaakten", "en": "The decisions that mattered most"},
    "end.critiques": {
        "nl": "Kritiekpunten: wat naar voren kwam",
        "en": "Critiques: what came up",
    },
    "end.no_critiques": {"nl": "Geen.", "en": "None."},
    "end.questions": {"nl": "Vragen voor de nabespreking", "en": "Questions for the debrief"},
    "end.goals": {"nl": "Doelen van de rollen", "en": "The roles' goals"},
    "end.goal_missed": {"nl": "niet gehaald", "en": "not met"},
    "end.impact": {"nl": "totaal {impact} punten op de meters", "en": "{impact} points on the meters in all"},
    # -- saves -------------------------------------------------------------------------------------
    "save.title": {"nl": "Spel opslaan", "en": "Save game"},
    "save.name": {"nl": "Naam voor dit opgeslagen spel", "en": "Name of the save"},
    "save.ok": {"nl": "Opslaan", "en": "Save"},
    "save.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "save.no_game": {"nl": "Er is geen spel om op te slaan.", "en": "There is no game to save."},
    "load.title": {"nl": "Spel laden", "en": "Load game"},
    "load.empty": {"nl": "Nog geen bewaarde spellen.", "en": "No saved games yet."},
    "load.entry": {
        "nl": "{slot} · {scenario} · jaar {round} · {players}",
        "en": "{slot} · {scenario} · year {round} · {players}",
    },
    "load.auto": {"nl": "automatisch bewaard", "en": "autosave"},
    "load.unreadable": {"nl": "{slot}: onleesbaar ({reason})", "en": "{slot}: unreadable ({reason})"},
    "load.mismatch": {
        "nl": "Let op: het opnieuw afspelen wijkt af van het opgeslagen spel ({detail}).",
        "en": "Note: replaying differs from the save ({detail}).",
    },
    "load.from_snapshot": {
        "nl": "Verder vanaf de bewaarde stand (niet opnieuw afgespeeld).",
        "en": "Continuing from the saved state (not replayed).",
    },
    "loadchoice.no_replay.title": {
        "nl": "Opgeslagen spel '{slot}' laat zich niet opnieuw afspelen",
        "en": "Save '{slot}' does not replay",
    },
    "loadchoice.no_replay.explain": {
        "nl": "Bij het laden speelt Wijkberaad alle besluiten opnieuw af vanaf het startgetal, met de inhoud van nu. "
        "Dat lukt bij dit opgeslagen spel niet, meestal omdat de inhoud (het scenario) sinds het opslaan is veranderd.\n\n"
        "Je kunt wel verder vanaf de bewaarde stand: het jaar, de meters en de geschiedenis precies zoals ze "
        "in het bestand staan. Wat er daarna gebeurt, volgt de inhoud van nu.",
        "en": "When loading, Wijkberaad replays every decision from the seed, with today's content. That does "
        "not work for this save, usually because the content (the scenario) changed since it was saved.\n\n"
        "You can still continue from the saved state: the year, the meters and the history exactly as the "
        "save holds them. What happens next follows today's content.",
    },
    "loadchoice.mismatch.title": {
        "nl": "Opgeslagen spel '{slot}' wijkt af bij opnieuw afspelen",
        "en": "Save '{slot}' differs when replayed",
    },
    "loadchoice.mismatch.explain": {
        "nl": "Bij het laden speelt Wijkberaad alle besluiten opnieuw af vanaf het startgetal. Dat geeft hier een "
        "andere stand dan in het bestand staat: de inhoud is veranderd of het bestand is bewerkt.\n\n"
        "Kies waarmee je verder wilt: het opnieuw afgespeelde spel (dezelfde besluiten, met de inhoud van nu) "
        "of de bewaarde stand (precies zoals het spel werd opgeslagen).",
        "en": "When loading, Wijkberaad replays every decision from the seed. Here that gives a different "
        "state from the one in the save: the content changed or the file was edited.\n\n"
        "Choose how to go on: the replayed game (the same decisions, with today's content) or the saved state "
        "(exactly as the game was saved).",
    },
    "loadchoice.detail": {"nl": "Details: {detail}", "en": "Details: {detail}"},
    "loadchoice.snapshot": {"nl": "Verder vanaf de bewaarde stand", "en": "Continue from the saved state"},
    "loadchoice.replay": {
        "nl": "Verder met het opnieuw afgespeelde spel",
        "en": "Continue with the replayed game",
    },
    "loadchoice.cancel": {"nl": "Niet laden", "en": "Do not load"},
    "load.failed": {"nl": "Laden mislukt: {reason}", "en": "Loading failed: {reason}"},
    "load.no_autosave": {"nl": "Er is nog geen automatisch bewaard spel.", "en": "There is no autosave yet."},
    "saveerr.exists_confirm": {
        "nl": "Er is al een opgeslagen spel '{slot}'. Druk nog eens op Enter om het te overschrijven.",
        "en": "A save '{slot}' exists. Press Enter again to overwrite it.",
    },
    # -- settings ----------------------------------------------------------------------------------
    "settings.title": {"nl": "Instellingen", "en": "Settings"},
    "settings.language": {"nl": "Taal", "en": "Language"},
    "settings.theme": {"nl": "Thema", "en": "Theme"},
    "settings.dark": {"nl": "Donker", "en": "Dark"},
    "settings.light": {"nl": "Licht", "en": "Light"},
    "settings.contrast": {"nl": "Hoog contrast", "en": "High contrast"},
    "settings.close": {"nl": "Klaar", "en": "Done"},
    "settings.unreadable": {
        "nl": "Standaardinstellingen gebruikt: {file} {reason}.",
        "en": "Default settings used: {file} {reason}.",
    },
    "settings.problem.unreadable": {"nl": "is onleesbaar ({detail})", "en": "could not be read ({detail})"},
    "settings.problem.too_large": {"nl": "is te groot", "en": "is too large"},
    "settings.problem.not_json": {"nl": "is geen geldige JSON", "en": "is not valid JSON"},
    "settings.problem.not_settings": {"nl": "bevat geen instellingen", "en": "holds no settings"},
    "settings.problem.bad_value": {
        "nl": "heeft onbekende waarden ({detail})",
        "en": "has unknown values ({detail})",
    },
    "settings.not_saved": {
        "nl": "De instelling geldt nu, maar is niet bewaard: {reason}",
        "en": "The setting applies now but was not kept: {reason}",
    },
    # -- help and misc -----------------------------------------------------------------------------
    "small.title": {"nl": "Het venster is te klein", "en": "The window is too small"},
    "small.body": {
        "nl": "Wijkberaad heeft minstens {w}×{h} tekens nodig; nu is het {cw}×{ch}. Maak het venster groter: "
        "het spel gaat dan gewoon verder.",
        "en": "Wijkberaad needs at least {w}×{h} characters; it is now {cw}×{ch}. Make the window larger: "
        "the game then carries on.",
    },
}


register(__name__, UI)
