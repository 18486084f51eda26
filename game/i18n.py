"""Translations: picking a content text in the player's language, and the one lookup for the program's words.

Content texts are ``{nl: ..., en: ...}`` mappings; :func:`text` picks one with a fallback. Strings the
program itself shows live in catalogues kept as data next to the code that shows them (this module's
:data:`STRINGS`, ``game/ui/strings.py``, ``game/reports/strings.py``, ...). Each registers itself with
:func:`register` when its module is imported, a module that uses a catalogue's words imports that
catalogue, and every one of them is read through the one lookup, :func:`t`; this module imports none of
them. Keys are unique across catalogues (tests/test_words.py checks that, that every key used in the code
exists in both languages with the same placeholders, and that the module using it imports its catalogue). The one exception is the CLI-help catalogue (game/cli/words.py), which
argparse's gettext hooks read by English text.

An entry gives each language a text, or plural forms (``{"one": ..., "other": ...}``) chosen by the count
value ``n``, as gettext's ``ngettext`` does: Dutch and English both use "one" for exactly 1.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: One catalogue entry: a text per language, or per language the plural forms ``one``/``other``.
Entry = Mapping[str, "str | Mapping[str, str]"]
Catalogue = Mapping[str, Entry]

LANGUAGES = ("nl", "en")
DEFAULT = "nl"


def default_language() -> str:
    """The language from ``WIJKBERAAD_LANG`` when set to nl or en, else Dutch."""
    return env_language() or DEFAULT


def env_language() -> str | None:
    """The language ``WIJKBERAAD_LANG`` asks for (nl or en), or None when it is not set (or neither)."""
    lang = os.environ.get("WIJKBERAAD_LANG", "").strip()
    return lang if lang in LANGUAGES else None


def text(value: Mapping[str, str] | None, lang: str) -> str:
    """A content text in ``lang``, falling back to Dutch, then to any language it has."""
    if not value:
        return ""
    return value.get(lang) or value.get(DEFAULT) or next(iter(value.values()), "")


# Numbers are formatted here, in one place. Babel (format_decimal, plural rules) was measured for this on
# the 2-core machine: importing babel.numbers took 11-25 ms and the first locale (nl) 13-28 ms more, on a
# start-up path that is a goal of issue 18. All the game writes is a decimal comma or point and a minus
# sign, and nl and en share one plural rule (one for exactly 1), so these few helpers stay instead.

#: The minus sign changes are written with (not the hyphen).
MINUS = "−"


def decimal(shown: str, lang: str) -> str:
    """A number already written out (``"6.5"``), with the decimal comma in Dutch (``"6,5"``)."""
    return shown.replace(".", ",") if lang == "nl" else shown


def fmt_num(value: float, lang: str = "nl") -> str:
    """A number as people read it: no needless ``.0``, one decimal (two for small fractions), with the
    decimal comma in Dutch (``6,7``) and the point in English (``6.7``)."""
    value = round(value, 2 if abs(value) < 0.1 else 1)
    return decimal(f"{value:g}" if value != int(value) else str(int(value)), lang)


def fmt_delta(delta: float, lang: str = "nl") -> str:
    """A signed change, as the play screens and the debrief write it: ``+3``, ``−4,5`` (``−4.5`` in
    English) or ``0``."""
    if delta > 0:
        return f"+{fmt_num(delta, lang)}"
    if delta < 0:
        return f"{MINUS}{fmt_num(-delta, lang)}"
    return "0"


def in_sentence(name: str) -> str:
    """A role's name as it reads inside a sentence: "de bewoner" rather than "De bewoner". Only a leading
    article is lowered, so a name like "Wethouder Jansen" stays as it is."""
    first, _, rest = name.partition(" ")
    if rest and first.lower() in ("de", "het", "een", "the", "a", "an"):
        return f"{first.lower()} {rest}"
    return name


#: Strings for what the engine records (causes of changes), in both languages.
STRINGS: dict[str, dict[str, str]] = {
    # Why a save could not be loaded (SaveError codes), for the UI and the classroom reports alike.
    "saveerr.bad_name": {
        "nl": "Die naam kan niet: gebruik letters, cijfers, - en _.",
        "en": "That name will not do: use letters, digits, - and _.",
    },
    "saveerr.missing": {"nl": "Die save bestaat niet (meer).", "en": "That save does not exist (any more)."},
    "saveerr.unreadable": {
        "nl": "Het bestand is onleesbaar: {detail}",
        "en": "The file is unreadable: {detail}",
    },
    "saveerr.too_old": {
        "nl": "Deze save is te oud om te laden: {detail}",
        "en": "This save is too old to load: {detail}",
    },
    "saveerr.too_new": {
        "nl": "Deze save komt uit een nieuwere versie van Wijkberaad: {detail}",
        "en": "This save comes from a newer Wijkberaad: {detail}",
    },
    "saveerr.wrong_pack": {
        "nl": "Deze save hoort bij andere inhoud: {detail}",
        "en": "This save belongs to other content: {detail}",
    },
    "saveerr.no_replay": {
        "nl": "Het spel laat zich niet opnieuw afspelen: {detail}",
        "en": "The game does not replay: {detail}",
    },
    "saveerr.io": {"nl": "Opslaan lukte niet: {detail}", "en": "Saving failed: {detail}"},
    # What exactly went wrong with a save (game.files.saves.Detail: "savedetail.<key>", filled in with its
    # values). The English texts are the messages SaveError has always had (str(err), logs); the Dutch ones
    # say the same. Where a value is text from elsewhere (the JSON parser's, pydantic's, the operating
    # system's or the engine's own words, in English), only the frame is translated: the value is kept as it
    # is, and the Dutch text quotes it (‘…’). Names of saves and packs are quoted as well.
    "savedetail.no_name": {"nl": "een save heeft een naam nodig", "en": "a save needs a name"},
    "savedetail.path_name": {
        "nl": "‘{slot}’ kan geen naam van een save zijn: geen / of \\ en geen ‘..’",
        "en": "'{slot}' is not a save name: no path separators or '..'",
    },
    "savedetail.too_long": {
        "nl": "‘{slot}…’ is te lang als naam van een save (hoogstens {max} tekens)",
        "en": "'{slot}…' is too long for a save name (at most {max} characters)",
    },
    "savedetail.bad_chars": {
        "nl": "‘{slot}’ kan geen naam van een save zijn: gebruik letters a–z, cijfers, ‘-’ en ‘_’, "
        "en begin met een letter of cijfer",
        "en": "'{slot}' is not a save name: use letters a–z, digits, '-' and '_', starting with a letter or digit",
    },
    "savedetail.reserved": {
        "nl": "‘{slot}’ is een naam die Windows voor zichzelf houdt; kies een andere",
        "en": "'{slot}' is a name Windows reserves; choose another",
    },
    "savedetail.no_letters": {
        "nl": "in ‘{text}’ staan geen letters of cijfers om een naam voor de save van te maken",
        "en": "'{text}' has no letters or digits to make a save name from",
    },
    "savedetail.no_session": {
        "nl": "een autosave heeft een sessie-id nodig om er een naam van te maken",
        "en": "an autosave needs a session id to make a save name from",
    },
    "savedetail.auto_prefix": {
        "nl": "namen die met ‘{prefix}’ beginnen zijn voor autosaves",
        "en": "names starting with '{prefix}' are kept for autosaves",
    },
    "savedetail.rename": {
        "nl": "{error}; hernoem het bestand om het te laden",
        "en": "{error}; rename the file to load it",
    },
    "savedetail.exists": {
        "nl": "er is al een save met de naam ‘{slot}’",
        "en": "there is already a save called '{slot}'",
    },
    "savedetail.missing": {
        "nl": "er is geen save met de naam ‘{slot}’",
        "en": "there is no save called '{slot}'",
    },
    "savedetail.folder": {"nl": "‘{slot}’ is een map, geen save", "en": "'{slot}' is a folder, not a save"},
    "savedetail.cannot_read": {
        "nl": "kon save ‘{slot}’ niet lezen: ‘{error}’",
        "en": "could not read save '{slot}': {error}",
    },
    "savedetail.cannot_write": {
        "nl": "kon save ‘{slot}’ niet schrijven: ‘{error}’",
        "en": "could not write save '{slot}': {error}",
    },
    "savedetail.cannot_list": {
        "nl": "kon de map met saves {folder} niet lezen: ‘{error}’",
        "en": "could not read the saves folder {folder}: {error}",
    },
    "savedetail.too_large": {
        "nl": "het bestand is groter dan {mb} MB en is niet gelezen",
        "en": "the file is larger than {mb} MB; not read",
    },
    "savedetail.empty": {"nl": "het bestand is leeg", "en": "the file is empty"},
    "savedetail.not_text": {
        "nl": "geen tekstbestand (byte {byte} is geen UTF-8)",
        "en": "not a text file (byte {byte} is not UTF-8)",
    },
    "savedetail.truncated": {
        "nl": "het bestand is afgebroken (onvolledige JSON)",
        "en": "the file is cut off (truncated JSON)",
    },
    "savedetail.not_json": {
        "nl": "geen geldige JSON (regel {line}, kolom {column}: ‘{error}’)",
        "en": "not valid JSON (line {line}, column {column}: {error})",
    },
    "savedetail.too_deep": {
        "nl": "geen geldige JSON (te diep genest)",
        "en": "not valid JSON (nested too deeply)",
    },
    "savedetail.constant": {
        "nl": "geen geldige JSON ({name} mag niet in een save staan)",
        "en": "not valid JSON ({name} is not allowed in a save)",
    },
    "savedetail.json_value": {"nl": "geen geldige JSON (‘{error}’)", "en": "not valid JSON ({error})"},
    "savedetail.not_object": {
        "nl": "geen save van Wijkberaad: het bestand is JSON, maar geen object",
        "en": "not a Wijkberaad save: the file is JSON but not an object",
    },
    "savedetail.not_save": {"nl": "geen save van Wijkberaad", "en": "not a Wijkberaad save"},
    "savedetail.no_format": {
        "nl": "geen save van Wijkberaad: er staat geen versie van het opslagformaat in",
        "en": "not a Wijkberaad save: it has no save-format version",
    },
    "savedetail.unknown_field": {
        "nl": "onbekend veld ‘{field}’ in een save van opslagformaat {format}",
        "en": "unknown field '{field}' in a format {format} save",
    },
    "savedetail.too_new": {
        "nl": "deze save heeft opslagformaat {needs} nodig; deze versie van Wijkberaad leest de formaten "
        "{oldest}–{newest}: werk Wijkberaad bij om de save te laden",
        "en": "this save needs save format {needs}; this version of Wijkberaad reads formats {oldest}–{newest}: "
        "update Wijkberaad to load it",
    },
    "savedetail.needs_reader": {
        "nl": "deze save heeft opslagformaat {needs} nodig; werk Wijkberaad bij om de save te laden",
        "en": "this save needs save format {needs}; update Wijkberaad to load it",
    },
    "savedetail.too_old": {
        "nl": "deze save heeft opslagformaat {format}, en dat laadt deze versie van Wijkberaad niet meer "
        "(oudste: {oldest})",
        "en": "this save is in save format {format}, which this version of Wijkberaad no longer loads "
        "(oldest: {oldest})",
    },
    "savedetail.wrong_shape": {
        "nl": "het bestand is verkeerd opgebouwd: {error}",
        "en": "the file has the wrong shape: {error}",
    },
    # pydantic's first complaint: where (a path of field names, or top_level) and its message, quoted.
    "savedetail.field_error": {"nl": "{where}: ‘{error}’", "en": "{where}: {error}"},
    "savedetail.field_errors": {
        "nl": "{where}: ‘{error}’ (en nog {more})",
        "en": "{where}: {error} (and {more} more)",
    },
    "savedetail.top_level": {"nl": "het hoogste niveau", "en": "the top level"},
    "savedetail.wrong_pack": {
        "nl": "deze save is gespeeld met inhoudspakket ‘{saved}’, niet met ‘{pack}’",
        "en": "this save was played with content pack '{saved}', not '{pack}'",
    },
    "savedetail.content_changed": {
        "nl": "de inhoud is veranderd sinds deze save (pakketversie {saved} → {pack})",
        "en": "the content changed since this save (pack version {saved} → {pack})",
    },
    "savedetail.files_changed": {
        "nl": "de bestanden van de inhoud zijn veranderd sinds deze save (zelfde versie, andere hash)",
        "en": "the content's files changed since this save (same version, different hash)",
    },
    "savedetail.no_setup": {
        "nl": "het spel laat zich niet opnieuw opzetten: ‘{error}’",
        "en": "the game cannot be set up again: {error}",
    },
    "savedetail.choice_fails": {
        "nl": "de besluiten laten zich niet opnieuw afspelen: keuze {n} van {total} (‘{choice}’) mislukt: ‘{error}’",
        "en": "the decision log does not replay: choice {n} of {total} ('{choice}') fails: {error}",
    },
    "savedetail.replay_differs": {
        "nl": "het opnieuw afspelen van de besluiten komt niet uit op de bewaarde stand (anders in: {fields})",
        "en": "replaying the decision log does not reach the saved state (differs in: {fields})",
    },
    "savedetail.state_shape": {
        "nl": "de bewaarde stand is verkeerd opgebouwd: {error}",
        "en": "the saved state has the wrong shape: {error}",
    },
    "savedetail.state_misfit": {
        "nl": "de bewaarde stand past niet bij de inhoud (‘{type}: {error}’)",
        "en": "the saved state does not fit the content ({type}: {error})",
    },
    "savedetail.header_differs": {
        "nl": "de bewaarde stand en de kop van het bestand verschillen in: {fields}",
        "en": "the saved state and the file's header disagree on: {fields}",
    },
    "savedetail.unplayable": {
        "nl": "met de bewaarde stand valt niet verder te spelen (‘{type}: {error}’)",
        "en": "the saved state cannot be played on ({type}: {error})",
    },
    "savedetail.rebuilt": {
        "nl": "het spel is opnieuw opgebouwd uit de besluiten",
        "en": "the game was rebuilt from its decision log",
    },
    # The log does not replay: what failed, and what else differs (problems: details joined with "; ").
    "savedetail.no_replay": {
        "nl": "{problems}; je kunt wel verder vanaf de bewaarde stand",
        "en": "{problems}; you can continue from the saved state instead",
    },
    # Neither the log nor the saved state can be used.
    "savedetail.no_snapshot": {"nl": "{replay}, en {snapshot}", "en": "{replay}, and {snapshot}"},
    # For game.reports.report.load_save_file, which reads a save file by its path.
    "savedetail.file_not_found": {"nl": "bestand niet gevonden", "en": "file not found"},
    "savedetail.not_a_file": {"nl": "een map, geen bestand met een save", "en": "a folder, not a save file"},
    "savedetail.cannot_read_file": {
        "nl": "kon het niet lezen: ‘{error}’",
        "en": "could not read it: {error}",
    },
    "cause.option": {"nl": "besluit", "en": "decision"},
    "cause.conditional": {"nl": "gevolg van het besluit", "en": "consequence of the decision"},
    "cause.hidden": {"nl": "verborgen nadeel", "en": "hidden downside"},
    "cause.later": {"nl": "uitgesteld gevolg", "en": "delayed effect"},
    "cause.honoured": {"nl": "inbreng van {role} gehonoreerd", "en": "{role}'s input honoured"},
    "cause.ignored": {"nl": "inbreng van {role} genegeerd", "en": "{role}'s input ignored"},
    "cause.absent": {"nl": "{role} bleef weg", "en": "{role} stayed away"},
    "cause.cost": {"nl": "kosten", "en": "cost"},
    "cause.input_cost": {"nl": "kosten van de inbreng", "en": "cost of giving input"},
    "cause.input": {"nl": "inbreng van {role}", "en": "{role}'s input"},
    "cause.news": {"nl": "nieuws", "en": "news"},
    "cause.drift": {"nl": "trend", "en": "trend"},
    "cause.round_end": {"nl": "einde van het jaar", "en": "end of the year"},
    "cause.refresh": {"nl": "aanvulling", "en": "refill"},
    # An averted hidden downside says so first; what would otherwise have happened is told apart.
    "note.averted": {
        "nl": "Gewaarschuwd door {role}: voorkomen.",
        "en": "Warned by {role}: averted.",
    },
    "note.would": {"nl": "Wat anders was gebeurd: ‘{text}’", "en": "What would have happened: ‘{text}’"},
    "note.follow_up": {"nl": "Dit krijgt een vervolg.", "en": "This will have a sequel."},
    # -- engine errors: GameError codes (game/engine/errors.py), worded by game_error_text ---------------
    "gameerr.unknown_scenario": {
        "nl": "geen scenario '{scenario}'; kies uit {choices}",
        "en": "no scenario '{scenario}'; choose from {choices}",
    },
    "gameerr.unknown_variant": {
        "nl": "scenario '{scenario}' heeft geen variant '{variant}'; kies uit {choices}",
        "en": "scenario '{scenario}' has no variant '{variant}'; choose from {choices}",
    },
    "gameerr.no_variants": {
        "nl": "scenario '{scenario}' heeft geen varianten, dus ook geen '{variant}'; speel het zonder variant",
        "en": "scenario '{scenario}' has no variants, so no '{variant}'; play it without one",
    },
    "gameerr.unknown_role": {
        "nl": "geen rol '{role}' in scenario '{scenario}'; kies uit {choices}",
        "en": "no role '{role}' in scenario '{scenario}'; choose from {choices}",
    },
    "gameerr.game_over": {"nl": "het spel is afgelopen", "en": "the game has ended"},
    "gameerr.not_a_choice": {"nl": "'{choice}' is nu geen keuze", "en": "'{choice}' is not a choice now"},
    "gameerr.not_available": {"nl": "'{choice}' kan nu niet", "en": "'{choice}' is not available now"},
    "gameerr.unknown_option": {
        "nl": "gebeurtenis '{event}' heeft geen optie '{option}'",
        "en": "event '{event}' has no option '{option}'",
    },
    "gameerr.unknown_input": {
        "nl": "rol '{role}' heeft geen inbreng '{input}'",
        "en": "role '{role}' has no input '{input}'",
    },
    "gameerr.unknown_event": {"nl": "geen gebeurtenis '{event}'", "en": "unknown event '{event}'"},
    "gameerr.decider_not_playing": {
        "nl": "gebeurtenis '{event}' wordt beslist door '{decider}', die niet in dit scenario meespeelt",
        "en": "event '{event}' is decided by '{decider}', who is not in this scenario",
    },
    "gameerr.unknown_target": {
        "nl": "geen meter of middel '{target}'",
        "en": "unknown meter or resource '{target}'",
    },
    # -- end of engine errors ------------------------------------------------------------------------
    # == hardening (issue 19): files the game refuses to read, and why ===================================
    # game.files.safefile: {detail} is the operating system's own words; {limit} a number of bytes.
    "file.missing": {"nl": "bestand niet gevonden", "en": "file not found"},
    "file.folder": {"nl": "een map, geen bestand", "en": "a folder, not a file"},
    "file.not_regular": {
        "nl": "geen gewoon bestand (maar een apparaat of doorgeefkanaal); vervang het door een gewoon bestand",
        "en": "not a regular file (a pipe, device or socket); replace it with a regular file",
    },
    "file.too_large": {
        "nl": "te groot (meer dan {limit} bytes); maak het kleiner of splits het",
        "en": "too large (more than {limit} bytes); make it smaller or split it",
    },
    "file.denied": {
        "nl": "geen toestemming om het te lezen ({detail}); pas de rechten aan",
        "en": "no permission to read it ({detail}); change its permissions",
    },
    "file.loop": {
        "nl": "een symbolische link die naar zichzelf blijft wijzen; haal de link weg",
        "en": "a symbolic link that loops back on itself; remove the link",
    },
    "file.io": {"nl": "kon het niet lezen: {detail}", "en": "could not read it: {detail}"},
    "file.link_outside": {
        "nl": "een link naar buiten het pakket; kopieer het bestand erin",
        "en": "a link to outside the pack; copy the file in",
    },
    "file.skipped": {"nl": "overgeslagen: {reason}", "en": "skipped: {reason}"},
    "savedetail.folder_is_file": {
        "nl": "de map voor opgeslagen spellen {folder} is een bestand; kies een map om in op te slaan",
        "en": "the saves folder {folder} is a file; choose a folder to save in",
    },
    "savedetail.bad_time": {
        "nl": "de opslagtijd is onleesbaar of ligt in de toekomst; gesorteerd op de tijd van het bestand",
        "en": "its saved time is unreadable or in the future; sorted by the file's time",
    },
    "savedetail.too_many": {
        "nl": "er zijn al {max} opgeslagen spellen; verwijder er een of laat de docent er ruimte voor maken",
        "en": "there are already {max} saves; remove one or ask the teacher to make room",
    },
    "savedetail.not_regular": {
        "nl": "‘{slot}’ is geen gewoon bestand (maar bijvoorbeeld een apparaat of een doorgeefkanaal)",
        "en": "'{slot}' is not a regular file (a pipe, device or socket)",
    },
    "savedetail.loop": {
        "nl": "‘{slot}’ is een snelkoppeling die naar zichzelf blijft verwijzen",
        "en": "'{slot}' is a symbolic link that loops back on itself",
    },
    # wijkberaad serve
    "serve.bad_host": {
        "nl": "--host: ‘{host}’ is geen adres of naam van deze computer ({reason})",
        "en": "--host: '{host}' is not an address or name of this computer ({reason})",
    },
    "serve.cannot_listen": {
        "nl": "kon niet luisteren op {host} poort {port}: {reason} (is de poort al in gebruik? kies --port)",
        "en": "cannot listen on {host} port {port}: {reason} (is the port in use? choose --port)",
    },
    "serve.at_least_one": {"nl": "{option} moet minstens 1 zijn", "en": "{option} must be at least 1"},
    # == end of the hardening block ========================================================================
}


def cause_key(change: object) -> str:
    """The catalogue key that says why a change happened (``cause.<cause>``); a cost paid outside any option
    is what giving input cost (see ``Game.input_costs``)."""
    cause = getattr(change, "cause", None)
    if cause == "cost" and getattr(change, "option", None) is None:
        return "cause.input_cost"
    return f"cause.{cause}"


#: Every registered catalogue by the module that holds it, and all their entries by key. A catalogue
#: registers itself when its module is imported, and a module that words things with a catalogue imports
#: it (tests/test_words.py checks that statically): this base layer names no module above it.
CATALOGUES: dict[str, Catalogue] = {}
_ENTRIES: dict[str, Entry] = {}
#: Keys asked for that no catalogue has (the test suite fails any test that leaves one here).
MISSING: set[str] = set()


def register(owner: str, catalogue: Catalogue) -> Catalogue:
    """Add ``catalogue`` (held by module ``owner``) to the one lookup; gives it back unchanged."""
    CATALOGUES[owner] = catalogue
    _ENTRIES.update(catalogue)
    return catalogue


def has(key: str) -> bool:
    """Whether some catalogue has ``key``."""
    return key in _ENTRIES


def t(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` (else Dutch) with ``{name}`` placeholders filled in from ``values``;
    an entry with plural forms picks ``one`` or ``other`` by the count ``n``. A key no catalogue has, or a
    text missing a value, shows ``⟦key⟧`` rather than stopping a game (tests make sure neither happens)."""
    entry = _ENTRIES.get(key)
    if entry is None:
        MISSING.add(key)
        return f"⟦{key}⟧"
    form = entry.get(lang) or entry.get(DEFAULT, "")
    if not isinstance(form, str):
        form = form["one" if values.get("n") == 1 else "other"]
    if not values:
        return form
    try:
        return form.format(**values)
    except (KeyError, IndexError):
        return f"⟦{key}⟧ {form}"


def game_error_text(err: Exception, lang: str) -> str:
    """An engine error (``GameError``: a code and values) in ``lang``; lists of ids are joined with commas.
    An error without a worded code gives its own (English) message."""
    key = f"gameerr.{getattr(err, 'code', None)}"
    if not has(key):
        return str(err)
    values = getattr(err, "values", {})
    shown = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in values.items()}
    return t(key, lang, **shown)


def save_error_text(err: Exception, lang: str) -> str:
    """A save error in ``lang``: the frame its code has (``saveerr.<code>``) round what went wrong
    (:func:`save_error_detail`), or what went wrong alone when its code has no frame."""
    detail = save_error_detail(err, lang)
    key = f"saveerr.{getattr(err, 'code', None)}"
    return t(key, lang, detail=detail) if has(key) else detail


def save_error_detail(err: Exception, lang: str) -> str:
    """What went wrong with a save, in ``lang``: a SaveError's detail (``savedetail.<key>`` entries) worded
    in ``lang``; an error without one (raised with a plain message, or not a SaveError) gives its message."""
    text_in = getattr(err, "text", None)  # SaveError.text: its detail in lang, else its message
    return text_in(lang) if callable(text_in) else str(err)


register(__name__, STRINGS)
