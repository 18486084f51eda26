"""The new-pack scaffold: a small, valid, commented pack that validates and plays at once.

The scaffold stands alone (its manifest extends nothing): it brings its own meters, roles and critique,
so it keeps validating and playing whatever happens to the shipped base pack's ids. A modder who wants
to build on the base instead adds ``extends: [base]`` and uses the base's ids (see docs/modding.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from game.authoring.schema import write_schemas

SCHEMA_DIR = "schema"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,47}$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


class ScaffoldError(ValueError):
    """The pack cannot be written (a bad name, or the folder exists).

    ``code`` says which (``bad_name``, ``reserved`` or ``exists``) and ``subject`` is the name or folder
    it is about, so the command can word it in the player's language; the message is English.
    """

    def __init__(self, message: str, code: str = "bad_name", subject: str | Path = "") -> None:
        super().__init__(message)
        self.code = code
        self.subject = subject


def pack_id_for(name: str) -> str:
    """The pack id for a folder name: lower case, with - as _ (``Mijn-Wijk`` -> ``mijn_wijk``)."""
    return name.lower().replace("-", "_")


def check_name(name: str) -> str | None:
    """Why ``name`` is not a safe pack folder name, or None when it is."""
    if not _NAME.match(name):
        return (
            f"'{name}' is not a safe pack name: use letters, digits, - and _, start with a letter, "
            "at most 48 characters (e.g. mijn-wijk)"
        )
    if name.lower() in _RESERVED:
        return f"'{name}' is a reserved name on Windows; choose another"
    return None


def write_scaffold(parent: Path, name: str) -> Path:
    """Write the pack ``parent/name`` and return its folder.

    Raises:
        ScaffoldError: the name is unsafe or the folder already exists.
    """
    problem = check_name(name)
    if problem:
        code = "reserved" if _NAME.match(name) else "bad_name"  # a well-formed name fails only as reserved
        raise ScaffoldError(problem, code, name)
    folder = Path(parent) / name
    if folder.exists():
        raise ScaffoldError(
            f"{folder} already exists; choose another name or remove it first", "exists", folder
        )
    pack_id = pack_id_for(name)
    folder.mkdir(parents=True)
    write_schemas(folder / SCHEMA_DIR)
    for file, text in FILES.items():
        (folder / file).write_text(
            text.replace("@PACK_ID@", pack_id).replace("@NAME@", name), encoding="utf-8"
        )
    return folder


_PACK = """\
# yaml-language-server: $schema=schema/pack.schema.json
# The manifest: who and what this pack is. 'wijkberaad validate @NAME@' checks the whole pack.
# Editors that know YAML schemas (e.g. VS Code with the YAML extension) complete and check these
# files as you type, thanks to the first line. Refresh the schema with 'wijkberaad schema -o @NAME@/schema'.
id: @PACK_ID@
title: {nl: "Mijn wijk", en: "My neighbourhood"}
version: "0.1"
# Every player-facing text needs each of these languages.
languages: [nl, en]
description:
  nl: Een eigen scenario, gemaakt met wijkberaad new-pack.
  en: A scenario of our own, made with wijkberaad new-pack.
authors: ["Your name"]
# This pack stands alone: it brings its own meters and roles. To build on the shipped game instead,
# write 'extends: [base]', use the base's meters and roles, and list base items you change under
# 'replaces' (as kind:id, e.g. event:some_event).
extends: []
replaces: []
"""

_WORLD = """\
# yaml-language-server: $schema=schema/content.schema.json
# The world: meters every role sees, the article critique the consequences point to, and the roles.
# Any content file may hold any of the lists meters, roles, critiques, events and scenarios.

meters:
  - id: trust
    name: {nl: Vertrouwen, en: Trust}
    description:
      nl: Hoeveel bewoners de gemeente vertrouwen.
      en: How much residents trust the municipality.
    start: 35          # a scenario can set another start value
  - id: health
    name: {nl: Gezondheid, en: Health}
    description: {nl: Hoe gezond de wijk is., en: How healthy the neighbourhood is.}
    start: 45
    drift: -1          # changes every round end by itself: neglect costs health

critiques:
  - id: sidelined
    title: {nl: Bewoners buitenspel, en: Residents sidelined}
    summary:
      nl: Inbreng vragen en er niets mee doen kost meer vertrouwen dan niet vragen.
      en: Asking for input and then ignoring it costs more trust than not asking.
    explanation:
      nl: Bewoners worden op vaste momenten gevraagd, maar hun ervaringskennis verandert weinig.
      en: Residents are asked at set moments, but their lived experience changes little.
    citation:
      nl: "Kleinhans, 'Aanpak kwetsbare wijken gebaat bij meer inbreng bewoners', 29 augustus 2022"
      en: "Kleinhans, 'Aanpak kwetsbare wijken gebaat bij meer inbreng bewoners', 29 August 2022"
    questions:
      - phase: analyse
        text:
          nl: Wanneer veranderde inbreng echt een besluit?
          en: When did input really change a decision?

roles:
  - id: alderman
    name: {nl: De wethouder, en: The alderman}
    briefing: {nl: Jij beslist over het geld van de gemeente., en: You decide over the municipality's money.}
    resource: {id: budget, name: {nl: Budget, en: Budget}, start: 8, max: 12, refresh: 3}
    inputs:    # what this role can do while another role decides; one must cost nothing
      - {id: note, label: {nl: Notitie sturen, en: Send a note}}
      - {id: silent, label: {nl: Niets zeggen, en: Say nothing}, voice: false}
    priorities: {health: 2, trust: 1}     # what a computer-played alderman pursues
  - id: resident
    name: {nl: De bewoner, en: The resident}
    briefing: {nl: Jij woont hier al twintig jaar., en: You have lived here for twenty years.}
    resource: {id: energy, name: {nl: Energie, en: Energy}, start: 5, max: 6, refresh: 1}
    inputs:
      - {id: share, label: {nl: Ervaring delen, en: Share experience}, cost: 1, shares: true}
      - {id: away, label: {nl: Wegblijven, en: Stay away}, voice: false}
    priorities: {trust: 2, health: 1}
  # The extra role this pack adds: the district nurse (wijkverpleegkundige).
  - id: district_nurse
    name: {nl: De wijkverpleegkundige, en: The district nurse}
    briefing:
      nl: Jij komt achter de voordeur en ziet wat anderen niet zien, maar je uren zijn geteld.
      en: You come behind the front door and see what others do not, but your hours are counted.
    resource: {id: hours, name: {nl: Uren, en: Hours}, start: 6, max: 8, refresh: 2}
    inputs:
      - {id: advise, label: {nl: Advies geven, en: Give advice}, cost: 1, shares: true}
      - {id: busy, label: {nl: Geen tijd, en: No time}, voice: false}
    priorities: {health: 3, trust: 1}
    temperament: {voice: 0.8, honour: 0.6}
"""

_EVENTS = """\
# yaml-language-server: $schema=schema/content.schema.json
# Events: dilemmas one role decides while the others give input. Expressions (in quotes) are
# explained in docs/modding.md; 'wijkberaad simulate @NAME@' shows how the events play out.

events:
  - id: health_centre
    title: {nl: Een gezondheidscentrum, en: A health centre}
    text:
      nl: Er is geld voor een gezondheidscentrum in de wijk. Waar en hoe?
      en: There is money for a health centre in the neighbourhood. Where and how?
    decider: alderman
    private:     # only that role sees it, and the decider only when it is shared
      district_nurse:
        nl: Veel ouderen komen de trap niet meer af; een centrum ver weg bereikt hen niet.
        en: Many older people no longer manage the stairs; a centre far away will not reach them.
    options:
      - id: with_residents
        label: {nl: Samen plannen, en: Plan together}
        cost: 3
        honours: [resident, district_nurse]     # inputs this option honours
        outcome: {nl: Het centrum komt midden in de wijk., en: The centre opens in the middle of the area.}
        effects: {change: {health: 3, trust: 2}}
      - id: from_above
        label: {nl: Snel bouwen, en: Build fast}
        outcome:
          nl: Het centrum komt aan de rand, bij de snelweg.
          en: The centre opens at the edge, by the motorway.
        effects: {change: {health: 2}}
        hidden:   # a downside the nurse's knowledge would have revealed
          - unless_shared_by: district_nurse
            after: 1
            change: {health: -4}
            text: {nl: Ouderen halen het centrum niet., en: Older people do not reach the centre.}
            critique: sidelined
        follow_ups:
          - {event: complaints, after: 1}

  - id: nurse_hours
    title: {nl: De uren van de wijkverpleging, en: The district nurse's hours}
    text:
      nl: De zorgverzekeraar wil elke handeling verantwoord zien.
      en: The health insurer wants every task accounted for.
    decider: district_nurse
    once: false        # this event can come back...
    cooldown: 1        # ...but not in the round right after
    options:
      - id: custom_work
        label: {nl: Maatwerk leveren, en: Do custom work}
        cost: 2
        honours: [resident]
        outcome:
          nl: Je helpt wie het nodig heeft, ook buiten je protocol.
          en: You help whoever needs it, also outside protocol.
        effects: {change: {health: 3, trust: 1}}
      - id: by_the_book
        label: {nl: Volgens protocol, en: By the book}
        outcome:
          nl: Alles is verantwoord; niet iedereen is geholpen.
          en: Everything is accounted for; not everyone was helped.
        effects: {change: {health: 1, trust: -1}}

  - id: complaints
    title: {nl: Klachten, en: Complaints}
    text: {nl: Bewoners klagen over het nieuwe centrum., en: Residents complain about the new centre.}
    decider: resident
    follow_up_only: true     # comes only when a decision schedules it (see from_above)
    options:
      - id: organise
        label: {nl: Buurtbus regelen, en: Organise a neighbourhood bus}
        cost: 1
        outcome: {nl: Buren rijden elkaar naar het centrum., en: Neighbours drive each other to the centre.}
        effects: {change: {health: 2, trust: 1}}
      - id: give_up
        label: {nl: Opgeven, en: Give up}
        outcome: {nl: Niemand gaat meer., en: Nobody goes any more.}
        effects: {change: {trust: -3}}
"""

_SCENARIO = """\
# yaml-language-server: $schema=schema/content.schema.json
# The scenario: which roles play, how many rounds, where it starts and how it ends.

scenarios:
  - id: @PACK_ID@
    title: {nl: "Mijn wijk: vier jaar", en: "My neighbourhood: four years"}
    intro:
      nl: De gemeente start een gezondheidsaanpak in de wijk. Wie wordt er gehoord?
      en: The municipality starts a health approach in the neighbourhood. Who gets heard?
    roles: [alderman, resident, district_nurse]   # the order in which they give input
    rounds: 4
    start:
      meters: {trust: 30}          # differs from the meter's own start
    rules:
      honoured: {change: {trust: 2}}                          # input that changed the decision
      ignored: {change: {trust: -3}, critique: sidelined}    # asked, then ignored
    # Endings are checked after the last round, in order; the last one needs no 'when'.
    # Add one above it, e.g. with when: "trust >= 50 and health >= 50".
    endings:
      - id: four_years_on
        title: {nl: Vier jaar later, en: Four years on}
        text:
          nl: Vier jaar later kijkt de wijk terug. Wat bleef er over van de inbreng van bewoners?
          en: Four years on, the neighbourhood looks back. What came of the residents' input?
"""

FILES: dict[str, str] = {
    "pack.yaml": _PACK,
    "world.yaml": _WORLD,
    "events.yaml": _EVENTS,
    "scenario.yaml": _SCENARIO,
}
