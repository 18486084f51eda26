"""The teacher's words: one catalogue for the terminal dashboard and the browser one (read with t()).

Both dashboards show the same things, so they share their words: the terminal one looks them up with
:func:`game.i18n.t` like every screen; the browser page gets them from ``/teacher/words`` (filled in there
by a few lines of script). Placeholders are ``{name}`` in both.
"""

from __future__ import annotations

from game.i18n import register

TEACHER: dict[str, dict[str, str]] = {
    "teach.title": {"nl": "Wijkberaad: overzicht van de klas", "en": "Wijkberaad: the class at a glance"},
    "teach.summary": {
        "nl": "{tables} tafels · {people} leerlingen · {playing} spelen · {done} klaar",
        "en": "{tables} tables · {people} students · {playing} playing · {done} done",
    },
    "teach.paused": {"nl": "GEPAUZEERD", "en": "PAUSED"},
    "teach.locked": {"nl": "aanmelden dicht", "en": "joins locked"},
    "teach.open": {"nl": "aanmelden open", "en": "joins open"},
    "teach.no_tables": {
        "nl": "Nog geen tafels: wie meedoet, verschijnt hier.",
        "en": "No tables yet: students appear here as they join.",
    },
    "teach.table": {"nl": "Tafel {n}", "en": "Table {n}"},
    "teach.year": {"nl": "jaar {year}/{years}", "en": "year {year}/{years}"},
    "teach.not_started": {"nl": "wacht op start", "en": "not started"},
    "teach.over": {"nl": "klaar", "en": "done"},
    "teach.stuck": {"nl": "VAST", "en": "STUCK"},
    "teach.turn": {"nl": "aan zet: {who}", "en": "to act: {who}"},
    "teach.news": {"nl": "nieuws", "en": "news"},
    "teach.waited": {"nl": "wacht {time}", "en": "waiting {time}"},
    "teach.empty": {"nl": "(leeg)", "en": "(empty)"},
    "teach.computer": {"nl": "computer", "en": "computer"},
    "teach.away": {"nl": "weg", "en": "away"},
    "teach.unreadable": {"nl": "Tafel {n} overgeslagen: {reason}", "en": "Table {n} skipped: {reason}"},
    "teach.legend": {
        "nl": "● verbonden  ○ weg  ▸ aan zet  ⚙ computer",
        "en": "● connected  ○ away  ▸ to act  ⚙ computer",
    },
    # -- what goes wrong -----------------------------------------------------------------------------
    "teach.unreachable": {
        "nl": "De klasserver is niet bereikbaar ({reason}); ik probeer het steeds opnieuw.",
        "en": "The class server cannot be reached ({reason}); trying again all the time.",
    },
    "teach.bad_token": {
        "nl": "Het docententoken klopt niet: neem het uit class.json in de klasmap.",
        "en": "The teacher token is wrong: take it from class.json in the class folder.",
    },
    "teach.refused": {"nl": "Geweigerd: {reason}", "en": "Refused: {reason}"},
    # -- the controls ---------------------------------------------------------------------------------
    "teach.key.pause": {"nl": "Pauze / verder", "en": "Pause / resume"},
    "teach.key.start": {"nl": "Start alle tafels", "en": "Start all tables"},
    "teach.key.lock": {"nl": "Aanmelden dicht / open", "en": "Lock / open joins"},
    "teach.key.seats": {"nl": "Stoelen", "en": "Seats"},
    "teach.key.projector": {"nl": "Beamer", "en": "Projector"},
    "teach.key.debrief": {"nl": "Nabespreking", "en": "Debrief"},
    "teach.key.back": {"nl": "Terug", "en": "Back"},
    "teach.key.kick": {"nl": "Van de stoel", "en": "Kick"},
    "teach.key.reseat": {"nl": "Nieuw token", "en": "New token"},
    "teach.key.computer": {"nl": "Computer aan/uit", "en": "Computer on/off"},
    "teach.key.start_table": {"nl": "Tafel starten", "en": "Start table"},
    "teach.key.quit": {"nl": "Stoppen", "en": "Quit"},
    "teach.start_help": {
        "nl": "Start alle tafels: elke tafel die nog op spelers wacht begint nu; de computer speelt de lege "
        "rollen tot er iemand aanschuift.",
        "en": "Start all tables: every table still waiting for players begins now; the computer plays the "
        "empty roles until someone sits down.",
    },
    # -- one table's seats ----------------------------------------------------------------------------
    "teach.seats.title": {"nl": "Tafel {n}: de stoelen", "en": "Table {n}: its seats"},
    "teach.seats.help": {
        "nl": "Kies een stoel en wat er moet gebeuren. Alles wat je hier doet, komt in het logboek.",
        "en": "Pick a seat and what should happen. Everything done here goes into the log.",
    },
    "teach.act.reseat": {"nl": "Nieuw token", "en": "New token"},
    "teach.act.computer_on": {"nl": "Computer laten spelen", "en": "Let the computer play"},
    "teach.act.computer_off": {"nl": "Terug aan de leerling", "en": "Give back to the student"},
    "teach.act.start": {"nl": "Deze tafel starten", "en": "Start this table"},
    "teach.confirm.kick": {
        "nl": "{who} van tafel {n} van de stoel halen? Het token werkt dan niet meer; de computer speelt de "
        "rol tot iemand aanschuift.",
        "en": "Kick {who} from table {n}? Their token stops working; the computer plays the role until "
        "someone sits down.",
    },
    "teach.confirm.yes": {"nl": "Ja", "en": "Yes"},
    "teach.confirm.no": {"nl": "Nee", "en": "No"},
    "teach.confirm.ok": {"nl": "Klaar", "en": "Done"},
    "teach.token.title": {"nl": "Nieuw token: tafel {n}, {role}", "en": "New token: table {n}, {role}"},
    "teach.token.hint": {
        "nl": "Geef dit token aan de leerling; daarmee komt die terug op deze stoel. Het oude token werkt "
        "niet meer.",
        "en": "Give this token to the student: it brings them back to this seat. The old token no longer "
        "works.",
    },
    # -- what was done ---------------------------------------------------------------------------------
    "teach.done.paused": {
        "nl": "Alle tafels gepauzeerd: niemand kan kiezen.",
        "en": "Every table paused: nobody can choose.",
    },
    "teach.done.resumed": {"nl": "Alle tafels spelen weer.", "en": "Every table plays again."},
    "teach.done.locked": {
        "nl": "Aanmelden is dicht; wie al zit, kan terugkomen.",
        "en": "Joins are locked; seated students can still come back.",
    },
    "teach.done.unlocked": {"nl": "Aanmelden is weer open.", "en": "Joins are open again."},
    "teach.done.started": {"nl": "Tafels die spelen: {tables}", "en": "Tables playing: {tables}"},
    "teach.done.kick": {
        "nl": "Tafel {n}: {role} is vrij; de computer speelt tot iemand aanschuift.",
        "en": "Table {n}: {role} is free; the computer plays until someone sits down.",
    },
    "teach.done.computer_on": {
        "nl": "Tafel {n}: de computer speelt {role} (staat in het logboek).",
        "en": "Table {n}: the computer plays {role} (written in the log).",
    },
    "teach.done.computer_off": {
        "nl": "Tafel {n}: {role} is weer aan de leerling.",
        "en": "Table {n}: {role} is back with the student.",
    },
    # -- the debrief -----------------------------------------------------------------------------------
    "teach.debrief.written": {
        "nl": "Klasvergelijking geschreven: {path}",
        "en": "Class comparison written: {path}",
    },
    "teach.debrief.failed": {
        "nl": "De klasvergelijking lukte niet: {reason}",
        "en": "The class comparison failed: {reason}",
    },
    "teach.debrief.none": {
        "nl": "Nog geen tafels om te vergelijken.",
        "en": "No tables to compare yet.",
    },
    # -- the projector ---------------------------------------------------------------------------------
    "teach.projector.title": {
        "nl": "Wijkberaad: hoe staan de tafels ervoor?",
        "en": "Wijkberaad: how are the tables doing?",
    },
    "teach.projector.pause": {"nl": "Even pauze", "en": "A short pause"},
    # -- wijkberaad dashboard ------------------------------------------------------------------------------
    "teach.cli.no_class_file": {
        "nl": "--class-dir: {path} ontbreekt of is onleesbaar (start eerst 'wijkberaad host')",
        "en": "--class-dir: {path} is missing or unreadable (start 'wijkberaad host' first)",
    },
    "teach.cli.no_url": {
        "nl": "welke klasserver? geef het adres (URL) of --class-dir MAP",
        "en": "which class server? give its address (URL) or --class-dir DIR",
    },
    "teach.cli.bad_url": {
        "nl": "‘{url}’ is geen adres van een klasserver (zoals http://127.0.0.1:8765/)",
        "en": "'{url}' is not a class server's address (such as http://127.0.0.1:8765/)",
    },
    "teach.cli.no_token": {
        "nl": "het docententoken ontbreekt: geef --token, $WIJKBERAAD_TEACHER_TOKEN of --class-dir MAP",
        "en": "the teacher token is missing: give --token, $WIJKBERAAD_TEACHER_TOKEN or --class-dir DIR",
    },
    "teach.cli.open_yourself": {
        "nl": "Er is geen browser te openen; open zelf {url} en vul het token uit class.json in.",
        "en": "No browser could be opened; open {url} yourself and enter the token from class.json.",
    },
    # -- the browser page ------------------------------------------------------------------------------
    "teach.web.token": {"nl": "Token van de docent", "en": "Teacher token"},
    "teach.web.open": {"nl": "Openen", "en": "Open"},
    "teach.web.token_help": {
        "nl": "Het token staat in class.json in de klasmap; 'wijkberaad dashboard --class-dir MAP --browser' "
        "opent deze pagina er meteen mee.",
        "en": "The token is in class.json in the class folder; 'wijkberaad dashboard --class-dir DIR "
        "--browser' opens this page with it.",
    },
    "teach.web.language": {"nl": "English", "en": "Nederlands"},
}
register(__name__, TEACHER)
