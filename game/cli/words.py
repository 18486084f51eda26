"""The CLI-help catalogue: every ``--help`` text and argparse's phrases ("usage:", "error:") in Dutch.

This is the one catalogue not read through :func:`game.i18n.t`: argparse asks for its texts by their English
wording through gettext-style hooks, so here the English text is the key. Messages the commands print
themselves are ordinary catalogue entries (game/cli/common.py) looked up with ``t``.

The English text is the key, as in gettext: a command writes its help in English, and :func:`translate_parser`
words the built parser in the chosen language. argparse looks its phrases up through the module-level
``_``/``ngettext`` it imported from :mod:`gettext`; :func:`speaking` points those hooks here while a parser
is built and parses, so usage lines and argument errors speak the player's language too.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: argparse's own phrases (Python 3.11-3.13 spell them the same), English -> Dutch.
ARGPARSE: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected %s argument": "verwacht %s waarde",
    "expected %s arguments": "verwacht %s waarden",
    "not allowed with argument %s": "niet samen met argument %s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "ignored explicit argument %r": "argument %r genegeerd",
    "unexpected option string: %s": "onverwachte optie: %s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekend commando %(parser_name)r (kies uit %(choices)s)",
}

#: Helps that name the user's saves folder are catalogued with ``{home}`` in its place (see :func:`gettext`).
_DEFAULT_SAVES = "(default: $WIJKBERAAD_SAVES, else {home})"
_NL_DEFAULT_SAVES = "(standaard: $WIJKBERAAD_SAVES, anders {home})"

#: The commands' help texts, English -> Dutch. tests/test_cli_lang.py checks that every help has its Dutch.
HELP: dict[str, str] = {
    # wijkberaad
    "Wijkberaad: deliberate over fifteen years of a vulnerable neighbourhood's approach.": (
        "Wijkberaad: beraad over vijftien jaar aanpak van een kwetsbare wijk."
    ),
    "Without a command, wijkberaad starts the game. 'wijkberaad COMMAND --help' tells more.": (
        "Zonder commando start wijkberaad het spel. 'wijkberaad COMMANDO --help' vertelt meer."
    ),
    "play the game in the terminal (the default)": "speel het spel in de terminal (de standaard)",
    "check content packs and list every problem": "controleer inhoudspakketten en noem elk probleem",
    "list saved games and whether they can be loaded": "toon opgeslagen spellen en of ze te laden zijn",
    "write a debrief report of a saved game (html, md or csv)": (
        "schrijf een nabesprekingsverslag van een opgeslagen spel (html, md of csv)"
    ),
    "compare several groups' saved games for the class": "vergelijk de opgeslagen spellen van groepen in de klas",
    "play many computer games and report the balance": "speel veel computerspellen en meld de balans",
    "write a small, valid pack to start a scenario of your own": (
        "schrijf een klein, geldig pakket om een eigen scenario mee te beginnen"
    ),
    "write JSON Schema files for content editors": "schrijf JSON Schema-bestanden voor makers van inhoud",
    "serve the game to web browsers": "bied het spel aan in webbrowsers",
    "print the role cards of a scenario, one page per role (html)": (
        "druk de rolkaarten van een scenario af, één pagina per rol (html)"
    ),
    # host
    "run a class server: students join one table each from their own screens": (
        "start een klasserver: leerlingen schuiven elk vanaf hun eigen scherm aan bij een tafel"
    ),
    "Example: 'wijkberaad host --short --lang nl'. Everything of the class lands in the class folder: the log "
    "(class.db), class.json (address, join code, teacher token) and a save per table, so 'wijkberaad compare "
    "DIR' works on it. Starting again on the same folder carries the class on.": (
        "Voorbeeld: 'wijkberaad host --short --lang nl'. Alles van de klas komt in de klasmap: het logboek "
        "(class.db), class.json (adres, deelnamecode, token van de docent) en per tafel een opgeslagen spel, "
        "zodat 'wijkberaad compare MAP' erop werkt. Start je opnieuw op dezelfde map, dan gaat de klas verder."
    ),
    # join
    "join a table of the class server from this screen": "schuif vanaf dit scherm aan bij een tafel van de klasserver",
    "Example: 'wijkberaad join http://192.168.1.20:8765/ --code K7P2QX --name Sanne'. What is not given is asked "
    "on the join screen. The seat is kept in the saves folder: 'wijkberaad join' again comes back to it.": (
        "Voorbeeld: 'wijkberaad join http://192.168.1.20:8765/ --code K7P2QX --name Sanne'. Wat ontbreekt, vraagt "
        "het aanschuifscherm. Je plaats wordt bewaard in de map met opgeslagen spellen: 'wijkberaad join' "
        "brengt je er weer terug."
    ),
    "the class server's address (as the teacher shows it)": "het adres van de klasserver (zoals de docent het toont)",
    "the class code": "de klascode",
    "your name": "je naam",
    "the role you want (default: the first free one)": "de rol die je wilt (standaard: de eerste vrije)",
    "the table you want (default: one with room)": "de tafel die je wilt (standaard: een met plaats)",
    "a session code: its scenario, length and seed": "een sessiecode: het scenario, de lengte en het startgetal",
    "address to listen on (default: 127.0.0.1, this machine only)": (
        "adres om op te luisteren (standaard: 127.0.0.1, alleen deze computer)"
    ),
    "port (default: 8765; 0: any free port)": "poort (standaard: 8765; 0: een vrije poort)",
    "the class folder (default: a new one in the saves folder)": (
        "de klasmap (standaard: een nieuwe in de map met opgeslagen spellen)"
    ),
    "the scenario every table plays (default: the first)": "het scenario dat elke tafel speelt (standaard: het eerste)",
    "the scenario's short (classroom) variant": "de korte variant (voor de klas) van het scenario",
    "the seed all tables share (default: a random one)": (
        "het startgetal dat alle tafels delen (standaard: een willekeurig)"
    ),
    # dashboard
    "the teacher's dashboard of a class server: every table, pause, start, seats": (
        "het overzicht van de docent bij een klasserver: elke tafel, pauze, starten, stoelen"
    ),
    "Example: 'wijkberaad dashboard --class-dir DIR' on the machine that runs 'wijkberaad host' (the address "
    "and the token are read from DIR/class.json); from another machine: 'wijkberaad dashboard "
    "http://192.168.1.20:8765/ --token TOKEN'.": (
        "Voorbeeld: 'wijkberaad dashboard --class-dir MAP' op de computer waarop 'wijkberaad host' draait "
        "(adres en token komen uit MAP/class.json); vanaf een andere computer: 'wijkberaad dashboard "
        "http://192.168.1.20:8765/ --token TOKEN'."
    ),
    "the class server's address": "het adres van de klasserver",
    "the teacher token (default: $WIJKBERAAD_TEACHER_TOKEN, else class.json)": (
        "het token van de docent (standaard: $WIJKBERAAD_TEACHER_TOKEN, anders class.json)"
    ),
    "the class folder: read the address and the token from its class.json": (
        "de klasmap: lees adres en token uit de class.json daarin"
    ),
    "open the dashboard in the web browser instead": "open het overzicht in plaats daarvan in de webbrowser",
    "plain lines of text and numbered choices, for screen readers, braille displays and plain terminals": (
        "gewone regels tekst en genummerde keuzes, voor schermlezers, brailleregels en eenvoudige terminals"
    ),
    # serve's caps
    "at most N games at once; more tabs are refused (default: 40)": (
        "hoogstens N spellen tegelijk; meer tabbladen worden geweigerd (standaard: 40)"
    ),
    "at most N saves per browser (group) (default: 30)": (
        "hoogstens N opgeslagen spellen per browser (groep) (standaard: 30)"
    ),
    # role-cards
    "Example: 'wijkberaad role-cards -o kaarten.html', then open the file in a browser and print it: "
    "one page per role. Cards come from the content, so a pack given with --pack prints its own.": (
        "Voorbeeld: 'wijkberaad role-cards -o kaarten.html', open het bestand daarna in een browser en druk "
        "het af: één pagina per rol. De kaarten komen uit de inhoud, dus een pakket dat je met --pack "
        "meegeeft, drukt zijn eigen kaarten af."
    ),
    "write the HTML to FILE (default: print it)": "schrijf de HTML naar FILE (standaard: toon hem hier)",
    "the scenario whose roles to print (default: the first)": (
        "het scenario waarvan je de rollen afdrukt (standaard: het eerste)"
    ),
    # shared options
    "language: nl (Dutch) or en (English) (default: $WIJKBERAAD_LANG, else nl)": (
        "taal: nl (Nederlands) of en (Engels) (standaard: $WIJKBERAAD_LANG, anders nl)"
    ),
    "also load the pack in DIR (repeatable)": "laad ook het pakket in DIR (mag vaker)",
    f"where saves go; the packs in the mods/ folder next to it are loaded too {_DEFAULT_SAVES}": (
        f"waar opgeslagen spellen komen; de pakketten in de map mods/ ernaast worden ook geladen {_NL_DEFAULT_SAVES}"
    ),
    f"the saves folder; without PACK, the packs in the mods/ folder next to it are checked too {_DEFAULT_SAVES}": (
        "de map met opgeslagen spellen; zonder PACK worden de pakketten in de map mods/ ernaast ook "
        f"gecontroleerd {_NL_DEFAULT_SAVES}"
    ),
    f"the saves folder; with --check, the packs in the mods/ folder next to it are loaded too {_DEFAULT_SAVES}": (
        "de map met opgeslagen spellen; met --check worden de pakketten in de map mods/ ernaast ook geladen "
        f"{_NL_DEFAULT_SAVES}"
    ),
    f"the saves folder; the packs in the mods/ folder next to it are loaded too {_DEFAULT_SAVES}": (
        f"de map met opgeslagen spellen; de pakketten in de map mods/ ernaast worden ook geladen {_NL_DEFAULT_SAVES}"
    ),
    f"the saves folder; without PACK, the packs in the mods/ folder next to it are played too {_DEFAULT_SAVES}": (
        "de map met opgeslagen spellen; zonder PACK worden de pakketten in de map mods/ ernaast ook gespeeld "
        f"{_NL_DEFAULT_SAVES}"
    ),
    f"where the tabs' saves go; the packs in the mods/ folder next to it are loaded too {_DEFAULT_SAVES}": (
        "waar de opgeslagen spellen van de tabbladen komen; de pakketten in de map mods/ ernaast worden ook "
        f"geladen {_NL_DEFAULT_SAVES}"
    ),
    # play
    "Without --scenario, --role or --players the title screen opens. Examples: "
    "'wijkberaad play --short --role resident', "
    "'wijkberaad play --players \"minister=Ahmed,resident=Sanne,youth_worker=Noor\"'.": (
        "Zonder --scenario, --role of --players opent het titelscherm. Voorbeelden: "
        "'wijkberaad play --short --role resident', "
        "'wijkberaad play --players \"minister=Ahmed,resident=Sanne,youth_worker=Noor\"'."
    ),
    "the scenario to play (default: the first)": "het scenario om te spelen (standaard: het eerste)",
    "play the scenario's short (classroom) variant": "speel de korte (klassikale) variant van het scenario",
    "the seed, so groups can play the same game": "het startgetal, zodat groepen hetzelfde spel spelen",
    "play one role yourself; the computer plays the others": "speel zelf één rol; de computer speelt de andere",
    'hot seat: the roles people play, with names (e.g. "minister=Ahmed,resident=Sanne")': (
        'om de beurt aan één toetsenbord: de rollen die mensen spelen, met namen (bijv. "minister=Ahmed,resident=Sanne")'
    ),
    "colour theme (contrast: high contrast; default: the one chosen in the settings, else dark)": (
        "kleurenthema (contrast: hoog contrast; standaard: het thema uit de instellingen, anders dark)"
    ),
    "a session code from another group's setup screen: play the same scenario, length and seed": (
        "een sessiecode van het startscherm van een andere groep: speel hetzelfde scenario, dezelfde lengte "
        "en hetzelfde startgetal"
    ),
    "a countdown of MINUTES for each deliberation; at zero it signals, it never decides": (
        "een aftelling van MINUTES voor elk beraad; bij nul geeft hij een signaal, hij beslist nooit"
    ),
    "for content authors: reload the content when a file is saved; commands to jump to an event and set "
    "a meter (ctrl+p)": (
        "voor makers van inhoud: laad de inhoud opnieuw als een bestand wordt opgeslagen; commando's om naar "
        "een gebeurtenis te springen en een meter te zetten (ctrl+p)"
    ),
    "'%s' is not a number of minutes": "'%s' is geen aantal minuten",
    "the round timer takes more than 0 and at most 120 minutes": (
        "de rondetimer neemt meer dan 0 en hoogstens 120 minuten"
    ),
    # validate
    "a pack folder, or a folder of packs (default: the shipped content and the packs in the mods folder "
    "next to the saves folder)": (
        "een map van een pakket, of een map met pakketten (standaard: de meegeleverde inhoud en de pakketten "
        "in de map mods naast de map met opgeslagen spellen)"
    ),
    "fail on warnings too": "faal ook bij waarschuwingen",
    "print problems only, no summary": "toon alleen problemen, geen samenvatting",
    # saves
    "also replay each save's decision log against the game's content (the shipped pack, mods/ and --pack) "
    "and report differences": (
        "speel ook het besluitenlogboek van elk opgeslagen spel opnieuw af op de inhoud van het spel (het "
        "meegeleverde pakket, mods/ en --pack) en meld verschillen"
    ),
    # report
    "Examples: 'wijkberaad report saves/groep-3.json -o groep-3.html', 'wijkberaad report groep-3 --format "
    "md --anonymous --lang en'. The HTML file is self-contained: it opens offline in any browser and prints "
    "on A4.": (
        "Voorbeelden: 'wijkberaad report saves/groep-3.json -o groep-3.html', 'wijkberaad report groep-3 "
        "--format md --anonymous --lang en'. Het HTML-bestand staat op zichzelf: het opent zonder internet "
        "in elke browser en past op A4."
    ),
    "a save file, or the name of a save in the saves folder": (
        "een opgeslagen spel, of de naam van een opgeslagen spel in de map met opgeslagen spellen"
    ),
    "html, md or csv (default: from FILE's extension, else md)": (
        "html, md of csv (standaard: volgens de extensie van FILE, anders md)"
    ),
    "write to FILE (default: print it)": "schrijf naar FILE (standaard: toon het)",
    "name the roles only, never the players' names": "noem alleen de rollen, nooit de namen van de spelers",
    "put the scenarios the groups played side by side (e.g. two periods), groups sorted by scenario": (
        "zet de scenario's die de groepen speelden naast elkaar (bijv. twee perioden), groepen per scenario"
    ),
    # compare
    "Example: 'wijkberaad compare saves/groep-*.json -o klas.html'. A folder stands for every save in it. "
    "A save that cannot be read is named with the reason and skipped; the command fails only when no save "
    "could be read.": (
        "Voorbeeld: 'wijkberaad compare saves/groep-*.json -o klas.html'. Een map staat voor elk opgeslagen "
        "spel erin. Een opgeslagen spel dat niet te lezen is, wordt genoemd met de reden en overgeslagen; het "
        "commando faalt alleen als geen enkel opgeslagen spel te lezen was."
    ),
    "save files (or folders of them, or save names)": (
        "opgeslagen spellen (of mappen ervan, of namen van opgeslagen spellen)"
    ),
    "md, html or csv (default: from FILE's extension, else md)": (
        "md, html of csv (standaard: volgens de extensie van FILE, anders md)"
    ),
    # simulate
    "Strategies: priorities: computer roles follow their priorities and temperament; honour: deciders "
    "always honour as much input as they can; ignore: deciders honour as little input as they can; random: "
    "deciders pick any available option.": (
        "Strategieën: priorities: computerrollen volgen hun prioriteiten en temperament; honour: wie beslist "
        "honoreert altijd zo veel inbreng als kan; ignore: wie beslist honoreert zo weinig inbreng als kan; "
        "random: wie beslist kiest een willekeurige beschikbare optie."
    ),
    # simulate, as main has it since the topdown strategy and per-role strategies (both kept until merged)
    "Strategies: priorities: computer roles follow their priorities and temperament; honour: deciders "
    "always honour as much input as they can; ignore: deciders honour as little input as they can; random: "
    "deciders pick any available option; topdown: deciders take the largest immediate gain on their "
    "priorities and weigh no input.": (
        "Strategieën: priorities: computerrollen volgen hun prioriteiten en temperament; honour: wie beslist "
        "honoreert altijd zo veel inbreng als kan; ignore: wie beslist honoreert zo weinig inbreng als kan; "
        "random: wie beslist kiest een willekeurige beschikbare optie; topdown: wie beslist neemt de grootste "
        "directe winst op de eigen prioriteiten en weegt geen inbreng."
    ),
    "only this strategy (repeatable; default: all of priorities, honour, ignore, random, topdown); "
    "ROLE=NAME gives one role its own strategy or input id, and every ROLE=NAME together makes one "
    "strategy (e.g. --strategy minister=topdown --strategy resident=protest)": (
        "alleen deze strategie (mag vaker; standaard: alle: priorities, honour, ignore, random, topdown); "
        "ROL=NAAM geeft één rol een eigen strategie of inbreng-id, en alle ROL=NAAM samen vormen één "
        "strategie (bijv. --strategy minister=topdown --strategy resident=protest)"
    ),
    "the pack to simulate (default: the game's content)": (
        "het pakket om te simuleren (standaard: de inhoud van het spel)"
    ),
    "the scenario (default: the pack's first)": "het scenario (standaard: het eerste van het pakket)",
    "play a variant of the scenario (e.g. the short one)": "speel een variant van het scenario (bijv. de korte)",
    "games per strategy (default: 100)": "spellen per strategie (standaard: 100)",
    "the seed of the first game (default: 0)": "het startgetal van het eerste spel (standaard: 0)",
    "only this strategy (repeatable; default: all of priorities, honour, ignore, random)": (
        "alleen deze strategie (mag vaker; standaard: alle: priorities, honour, ignore, random)"
    ),
    "processes (default: one per core)": "processen (standaard: één per kern)",
    "print the report as JSON (fields: see docs/modding.md; not translated: it is for tools)": (
        "toon het verslag als JSON (velden: zie docs/modding.md; niet vertaald: het is voor programma's)"
    ),
    # new-pack
    "Then: 'wijkberaad validate NAME' and 'wijkberaad play --pack NAME'. See docs/modding.md.": (
        "Daarna: 'wijkberaad validate NAME' en 'wijkberaad play --pack NAME'. Zie docs/modding.md."
    ),
    "the pack's folder name (letters, digits, - and _)": "de mapnaam van het pakket (letters, cijfers, - en _)",
    "where to create the folder (default: here)": "waar de map moet komen (standaard: hier)",
    # schema
    "Writes pack.schema.json (for pack.yaml) and content.schema.json (for every other content file). Point "
    "a file at them with a first line like '# yaml-language-server: $schema=schema/content.schema.json'.": (
        "Schrijft pack.schema.json (voor pack.yaml) en content.schema.json (voor elk ander inhoudsbestand). "
        "Verwijs er vanuit een bestand naar met een eerste regel als "
        "'# yaml-language-server: $schema=schema/content.schema.json'."
    ),
    "the folder to write to (default: ./schema)": "de map om in te schrijven (standaard: ./schema)",
    # serve
    "Every browser tab gets its own game; saves go to the server's saves folder. Listens on this computer "
    "only unless --host is given (e.g. --host 0.0.0.0 --public-url http://192.168.1.20:8000).": (
        "Elk tabblad krijgt een eigen spel; opgeslagen spellen komen in de map van de server. Alleen deze "
        "computer kan erbij, tenzij --host is gegeven (bijv. --host 0.0.0.0 --public-url "
        "http://192.168.1.20:8000)."
    ),
    "address to listen on (default: 127.0.0.1)": "adres om op te luisteren (standaard: 127.0.0.1)",
    "port to listen on (default: 8000)": "poort om op te luisteren (standaard: 8000)",
    "the address browsers use to reach this server (default: http://HOST:PORT)": (
        "het adres waarmee browsers deze server bereiken (standaard: http://HOST:PORT)"
    ),
}

DUTCH: dict[str, str] = ARGPARSE | HELP

#: The language the command line speaks now; set by :func:`speaking`.
_LANG: ContextVar[str] = ContextVar("wijkberaad_cli_lang", default="en")


def gettext(message: str) -> str:
    """``message`` (an English text) in the command line's language; unknown texts stay English.

    A help that names the user's saves folder is looked up with ``{home}`` in the folder's place, so the
    catalogue holds one entry whatever the folder is on this machine."""
    if _LANG.get() != "nl":
        return message
    found = DUTCH.get(message)
    if found is None:
        from game.files.paths import user_saves_dir

        home = str(user_saves_dir())
        found = DUTCH.get(message.replace(home, "{home}"), message).replace("{home}", home)
    return found


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message, in the command line's language."""
    return gettext(singular if n == 1 else plural)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within the block, argparse and :func:`gettext` speak ``lang`` ("nl" or "en").

    argparse has no per-parser translation; its own gettext hooks are the documented way in, so they are
    pointed here for the block and put back after it.
    """
    token = _LANG.set(lang)
    hooks = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = hooks  # type: ignore[attr-defined]
        _LANG.reset(token)


def translate_parser(parser: argparse.ArgumentParser) -> None:
    """Word ``parser``'s description, epilog and option helps (its subcommands' too) in the current language."""
    parser.description = parser.description and gettext(parser.description)
    parser.epilog = parser.epilog and gettext(parser.epilog)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = gettext(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = choice.help and gettext(choice.help)
            for command in dict.fromkeys(action.choices.values()):
                translate_parser(command)


def chosen_language(argv: list[str], fallback: str) -> str:
    """The language asked for with ``--lang`` (also ``--lang=en`` and argparse's abbreviations like
    ``--la en``) before the parser exists; else ``fallback``. A wrong value is left for argparse to refuse."""
    for index, token in enumerate(argv):
        if token == "--":
            break
        name, sep, value = token.partition("=")
        if len(name) >= 4 and "--lang".startswith(name):
            if not sep:
                value = argv[index + 1] if index + 1 < len(argv) else ""
            if value in ("nl", "en"):
                return value
    return fallback
