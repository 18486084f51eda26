"""The line mode's own strings in Dutch and English; everything else it says comes from the UI's catalogue.

All catalogues share one lookup (:func:`game.i18n.t`), so a line can reuse the play screen's words ("Jouw
besluit als de minister") and a change of wording there shows here too.
"""

from __future__ import annotations

from game.i18n import register

LINES: dict[str, dict[str, str]] = {
    # -- start ---------------------------------------------------------------------------------------
    "start.welcome": {
        "nl": "Wijkberaad in regels. Typ bij elke vraag een nummer en druk op Enter; typ hulp voor de opdrachten.",
        "en": "Wijkberaad in lines. At every question type a number and press Enter; type help for the commands.",
    },
    "start.menu": {"nl": "Wat wil je doen?", "en": "What do you want to do?"},
    "start.continue": {"nl": "Verder spelen: {slot}", "en": "Continue: {slot}"},
    "start.pick_scenario": {"nl": "Welk scenario?", "en": "Which scenario?"},
    "start.pick_length": {"nl": "Welke lengte?", "en": "Which length?"},
    "start.pick_save": {"nl": "Welk spel laden?", "en": "Which game to load?"},
    "start.back": {"nl": "Terug", "en": "Back"},
    "start.name_for": {
        "nl": "Naam van wie {role} speelt (leeg: de computer speelt deze rol):",
        "en": "Name of who plays {role} (empty: the computer plays this role):",
    },
    "start.loaded": {"nl": "Geladen: {slot}.", "en": "Loaded: {slot}."},
    "start.load_choice": {"nl": "Waarmee wil je verder?", "en": "How do you want to go on?"},
    "start.session_code": {"nl": "Sessiecode: {code}.", "en": "Session code: {code}."},
    "start.seed": {"nl": "Seed {seed}, {rounds} jaar.", "en": "Seed {seed}, {rounds} years."},
    # -- prompts -------------------------------------------------------------------------------------
    "prompt.pick": {
        "nl": "Kies een nummer van 1 tot {n}, of typ hulp.",
        "en": "Choose a number from 1 to {n}, or type help.",
    },
    "prompt.enter": {"nl": "Druk op Enter om verder te gaan.", "en": "Press Enter to continue."},
    "prompt.end": {
        "nl": "Het spel is afgelopen. Druk op Enter om te stoppen, of typ hulp.",
        "en": "The game is over. Press Enter to quit, or type help.",
    },
    "bad.number": {
        "nl": "{given} is geen keuze. Kies een nummer van 1 tot {n}.",
        "en": "{given} is not a choice. Choose a number from 1 to {n}.",
    },
    "bad.unavailable": {
        "nl": "Keuze {n} kan nu niet: {why}. Kies een andere.",
        "en": "Choice {n} cannot be taken now: {why}. Choose another.",
    },
    "bad.command": {
        "nl": "Dat begrijp ik niet: {given}. Typ hulp voor de opdrachten.",
        "en": "I do not understand: {given}. Type help for the commands.",
    },
    "bad.empty": {"nl": "Je hebt niets getypt.", "en": "You typed nothing."},
    "bad.no_choice_here": {
        "nl": "Hier is niets te kiezen. Druk op Enter om verder te gaan.",
        "en": "There is nothing to choose here. Press Enter to continue.",
    },
    "bad.need_name": {
        "nl": "Vul voor minstens één rol een naam in. Begin opnieuw bij de eerste rol.",
        "en": "Enter a name for at least one role. Starting again at the first role.",
    },
    "bad.save_name": {
        "nl": "Typ een naam achter opslaan, bijvoorbeeld: opslaan groep3.",
        "en": "Type a name after save, for example: save group3.",
    },
    "bad.no_game": {"nl": "Er is nog geen spel.", "en": "There is no game yet."},
    "bad.role_hidden": {
        "nl": "Je rol hoor je zodra je aan de beurt bent.",
        "en": "You hear your role once it is your turn.",
    },
    # -- help ----------------------------------------------------------------------------------------
    "help.title": {"nl": "Opdrachten, bij elke vraag:", "en": "Commands, at every question:"},
    "help.number": {"nl": "een nummer: die keuze maken.", "en": "a number: make that choice."},
    "help.help": {"nl": "hulp of ?: deze uitleg.", "en": "help or ?: this explanation."},
    "help.meters": {"nl": "meters: alle meters met hun stand.", "en": "meters: every meter and its value."},
    "help.history": {
        "nl": "geschiedenis: alles wat tot nu toe besloten is.",
        "en": "history: everything decided so far.",
    },
    "help.role": {
        "nl": "rol: jouw rol, je doelen en wat alleen jij weet.",
        "en": "role: your role, your goals and what only you know.",
    },
    "help.again": {"nl": "opnieuw: de vraag nog eens.", "en": "again: the question once more."},
    "help.save": {
        "nl": "opslaan NAAM: het spel bewaren onder die naam.",
        "en": "save NAME: keep the game under that name.",
    },
    "help.quit": {
        "nl": "stop: stoppen; het spel blijft bewaard in de autosave.",
        "en": "quit: stop; the game stays in the autosave.",
    },
    "help.both": {
        "nl": "De Engelse woorden werken ook: help, meters, history, role, again, save, quit.",
        "en": "The Dutch words work too: hulp, meters, geschiedenis, rol, opnieuw, opslaan, stop.",
    },
    # -- play ----------------------------------------------------------------------------------------
    "play.heading": {
        "nl": "{scenario}. {name} {round} van {rounds}.",
        "en": "{scenario}. {name} {round} of {rounds}.",
    },
    "play.turn_line": {"nl": "Aan zet: {who}.", "en": "Turn: {who}."},
    "play.news_line": {"nl": "Nieuws: {title}.", "en": "News: {title}."},
    "play.event_line": {"nl": "Gebeurtenis: {title}.", "en": "Event: {title}."},
    "play.board_line": {"nl": "Beraad. {decides}.", "en": "Deliberation. {decides}."},
    "play.board_given": {"nl": "{role}: {input}.", "en": "{role}: {input}."},
    "play.board_waiting": {"nl": "{role}: nog geen inbreng.", "en": "{role}: no input yet."},
    "play.choices": {"nl": "{head}. De keuzes:", "en": "{head}. The choices:"},
    "play.not_available": {"nl": "niet te kiezen: {why}", "en": "cannot be chosen: {why}"},
    "play.resource": {"nl": "{resource}: {amount} van {max}.", "en": "{resource}: {amount} of {max}."},
    "play.meters": {"nl": "De meters:", "en": "The meters:"},
    # -- meters --------------------------------------------------------------------------------------
    "meter.up": {"nl": "{name} {value}, gestegen met {delta}.", "en": "{name} {value}, up by {delta}."},
    "meter.down": {"nl": "{name} {value}, gedaald met {delta}.", "en": "{name} {value}, down by {delta}."},
    "meter.same": {"nl": "{name} {value}, gelijk gebleven.", "en": "{name} {value}, unchanged."},
    # -- hand-over -----------------------------------------------------------------------------------
    "handover.line": {
        "nl": "Wissel van speler. Geef het toetsenbord aan {role}: {name}.",
        "en": "Change of player. Pass the keyboard to {role}: {name}.",
    },
    "handover.enter": {
        "nl": "{name}, druk op Enter zodra alleen jij de schermlezer hoort of de brailleregel leest.",
        "en": "{name}, press Enter once only you can hear the screen reader or read the braille display.",
    },
    # -- ending --------------------------------------------------------------------------------------
    "end.meter_row": {
        "nl": "{name}: begon op {first}, eindigde op {last}. Per {round}: {values}.",
        "en": "{name}: started at {first}, ended at {last}. Per {round}: {values}.",
    },
    "end.meter_value": {"nl": "{round} {n}: {value}", "en": "{round} {n}: {value}"},
    "end.start_value": {"nl": "begin: {value}", "en": "start: {value}"},
    "end.report": {"nl": "Het verslag staat in {path}", "en": "The report is in {path}"},
    "end.report_failed": {
        "nl": "Het verslag is niet opgeslagen: {reason}",
        "en": "The report was not saved: {reason}",
    },
    # -- saving and stopping -------------------------------------------------------------------------
    "save.done": {"nl": "Opgeslagen als {slot}, in {path}.", "en": "Saved as {slot}, in {path}."},
    "save.exists": {
        "nl": "Er is al een save {slot}. Typ nog eens opslaan {slot} om hem te overschrijven.",
        "en": "A save {slot} exists. Type save {slot} again to overwrite it.",
    },
    "save.failed": {"nl": "Niet opgeslagen: {reason}", "en": "Not saved: {reason}"},
    "quit.saved": {
        "nl": "Gestopt. Het spel staat in de autosave {slot}, in {path}.",
        "en": "Stopped. The game is in the autosave {slot}, in {path}.",
    },
    "quit.ended": {
        "nl": "Tot ziens. Het spel staat in de autosave {slot}, in {path}.",
        "en": "Goodbye. The game is in the autosave {slot}, in {path}.",
    },
    "quit.eof": {
        "nl": "Einde van de invoer. Het spel staat in de autosave {slot}, in {path}.",
        "en": "End of input. The game is in the autosave {slot}, in {path}.",
    },
    "quit.not_saved": {
        "nl": "Gestopt. Het spel kon niet bewaard worden: {reason}",
        "en": "Stopped. The game could not be kept: {reason}",
    },
    "quit.bye": {"nl": "Tot ziens.", "en": "Goodbye."},
}


register(__name__, LINES)
