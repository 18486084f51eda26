"""The words of remote mode (the join screen, the waiting lines, the connection's state), in nl and en."""

from __future__ import annotations

from game.i18n import register

WORDS: dict[str, dict[str, str]] = {
    "join.title": {"nl": "Aanschuiven bij de klas", "en": "Join the class"},
    "join.hint": {
        "nl": "Vul in wat de docent op het bord zet. Zonder rol of tafel krijg je de eerste vrije plaats.",
        "en": "Fill in what the teacher puts on the board. Without a role or table you get the first free seat.",
    },
    "join.url": {"nl": "Adres van de klasserver", "en": "Class server address"},
    "join.code": {"nl": "Klascode", "en": "Class code"},
    "join.name": {"nl": "Je naam", "en": "Your name"},
    "join.role": {"nl": "Rol (mag leeg)", "en": "Role (optional)"},
    "join.any_role": {"nl": "De eerste vrije rol", "en": "The first free role"},
    "join.table": {"nl": "Tafel (mag leeg)", "en": "Table (optional)"},
    "join.go": {"nl": "Aanschuiven", "en": "Join"},
    "join.connecting": {"nl": "Verbinden met {url}…", "en": "Connecting to {url}…"},
    "join.resuming": {
        "nl": "Terug naar je plaats aan tafel {table}…",
        "en": "Back to your seat at table {table}…",
    },
    "join.loading": {"nl": "De inhoud wordt geladen…", "en": "Loading the content…"},
    "join.missing": {"nl": "Vul nog in: {fields}.", "en": "Still to fill in: {fields}."},
    "join.bad_url": {
        "nl": "‘{url}’ is geen adres als http://192.168.1.20:8765/",
        "en": "'{url}' is not an address like http://192.168.1.20:8765/",
    },
    "join.bad_table": {"nl": "De tafel is een getal, zoals 2.", "en": "The table is a number, like 2."},
    "join.unreachable": {
        "nl": "Geen klasserver op {url} ({reason}). Klopt het adres, en draait ‘wijkberaad host’?",
        "en": "No class server at {url} ({reason}). Is the address right, and is 'wijkberaad host' running?",
    },
    "join.content_differs": {
        "nl": "Jouw spelinhoud verschilt van die van de klasserver; gebruik dezelfde --pack als de docent.",
        "en": "Your game content differs from the class server's; use the same --pack as the teacher.",
    },
    "join.no_content": {
        "nl": "De spelinhoud kon niet geladen worden; zie de problemen.",
        "en": "The game content could not be loaded; see the problems.",
    },
    "remote.lost": {
        "nl": "Verbinding verbroken, opnieuw verbinden…",
        "en": "Connection lost, reconnecting…",
    },
    "remote.back": {"nl": "Weer verbonden.", "en": "Connected again."},
    "remote.waiting_for": {
        "nl": "{who} is aan zet; even wachten.",
        "en": "{who} acts now; please wait.",
    },
    "remote.waiting_start": {
        "nl": "Wachten tot alle rollen bezet zijn of de docent de tafel start…",
        "en": "Waiting until every role is taken or the teacher starts the table…",
    },
    "remote.paused": {
        "nl": "De docent heeft het spel gepauzeerd; even wachten.",
        "en": "The teacher has paused the game; please wait.",
    },
    "remote.sent": {"nl": "Verstuurd; wachten op de tafel…", "en": "Sent; waiting for the table…"},
    "remote.seat": {"nl": "Tafel {table} · {role} ({name})", "en": "Table {table} · {role} ({name})"},
    "remote.not_here": {
        "nl": "Dit is een klasspel: de server bewaart het. Stoppen: Ctrl+Q; 'wijkberaad join' brengt je terug.",
        "en": "This is a class game: the server keeps it. Quit: Ctrl+Q; 'wijkberaad join' brings you back.",
    },
    "join.cli.bad_url": {
        "nl": "‘{url}’ is geen adres van een klasserver (zoals http://192.168.1.20:8765/)",
        "en": "'{url}' is not a class server's address (like http://192.168.1.20:8765/)",
    },
}
register(__name__, WORDS)
