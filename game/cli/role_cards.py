"""``wijkberaad role-cards [-o FILE] [--scenario ID] [--pack DIR] [--lang nl|en]``: print the role cards."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import register, t

from .common import CliError, add_lang_option, add_pack_option, lang_of, load_content, write_output

MESSAGES = {
    "role_cards.unknown": {
        "nl": "--scenario: geen scenario '{given}' in de inhoud; kies uit: {known}",
        "en": "--scenario: no scenario '{given}' in the content; choose from: {known}",
    },
    "role_cards.chosen": {
        "nl": "rolkaarten van scenario '{chosen}' (er zijn er meer: {known}; kies met --scenario)",
        "en": "role cards of scenario '{chosen}' (there are more: {known}; choose with --scenario)",
    },
}
register(__name__, MESSAGES)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Example: 'wijkberaad role-cards -o kaarten.html', then open the file in a browser and print it: "
        "one page per role. Cards come from the content, so a pack given with --pack prints its own."
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the HTML to FILE (default: print it)"
    )
    parser.add_argument(
        "--scenario",
        metavar="ID",
        default=None,
        help="the scenario whose roles to print (default: the first)",
    )
    add_pack_option(parser)
    add_lang_option(parser)


def run(args: argparse.Namespace) -> int:
    from game.reports.role_cards import build_role_cards, render_role_cards

    lang = lang_of(args)
    pack = load_content(args)
    known = ", ".join(pack.scenarios)
    # The first, as for play and simulate (the help says so): the shipped base now has two scenarios, and
    # "the last" would pick its second instead of the one the game starts; the note below names the others.
    scenario = args.scenario or next(iter(pack.scenarios))
    if scenario not in pack.scenarios:
        raise CliError(t("role_cards.unknown", lang, given=scenario, known=known))
    if args.scenario is None and len(pack.scenarios) > 1:
        print(f"wijkberaad: {t('role_cards.chosen', lang, chosen=scenario, known=known)}", file=sys.stderr)
    html = render_role_cards(build_role_cards(pack, scenario, lang))
    return write_output(html, "html", args.output, lang)
