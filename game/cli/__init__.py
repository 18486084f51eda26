"""The ``wijkberaad`` command: a dispatcher over subcommands, each in its own module of this package.

Each command module provides ``add_arguments(parser)`` and ``run(args) -> int``; ``run`` may raise
:class:`~game.cli.common.CliError` for a mistake in what it was given (one line, non-zero exit). A command's
module is imported only when that command is named, so ``wijkberaad --help`` and ``--version`` import none of
them and ``wijkberaad validate`` never pays for loading Textual. Help and argument errors speak the chosen
language (``--lang``, else ``$WIJKBERAAD_LANG``, else Dutch; :mod:`game.cli.words`).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

from game import __version__
from game.i18n import default_language

from .common import CliError, fail
from .words import chosen_language, speaking, translate_parser

#: Command name -> (module in game.cli, one-line help). Order is the order of --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("play", "play the game in the terminal (the default)"),
    "validate": ("validate", "check content packs and list every problem"),
    "saves": ("saves", "list saved games and whether they can be loaded"),
    "report": ("report", "write a debrief report of a saved game (html, md or csv)"),
    "compare": ("compare", "compare several groups' saved games for the class"),
    "role-cards": ("role_cards", "print the role cards of a scenario, one page per role (html)"),
    "simulate": ("simulate", "play many computer games and report the balance"),
    "new-pack": ("new_pack", "write a small, valid pack to start a scenario of your own"),
    "schema": ("schema", "write JSON Schema files for content editors"),
    "serve": ("serve", "serve the game to web browsers"),
    "host": ("host", "run a class server: students join one table each from their own screens"),
    "dashboard": ("dashboard", "the teacher's dashboard of a class server: every table, pause, start, seats"),
    "join": ("join", "join a table of the class server from this screen"),
}


def _available() -> dict[str, tuple[str, str]]:
    return {
        name: spec
        for name, spec in COMMANDS.items()
        if importlib.util.find_spec(f"game.cli.{spec[0]}") is not None
    }


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line parser; with ``only``, just that command gets its options (the others stay listed).

    Importing a command module can be heavy (content models, saves, reports), so ``wijkberaad`` (play)
    does not pay for the modules of commands it is not running, and the top-level ``--help`` for none.
    Build it inside :func:`~game.cli.words.speaking` to have it in Dutch.
    """
    parser = argparse.ArgumentParser(
        prog="wijkberaad",
        description="Wijkberaad: deliberate over fifteen years of a vulnerable neighbourhood's approach.",
        epilog="Without a command, wijkberaad starts the game. 'wijkberaad COMMAND --help' tells more.",
    )
    parser.add_argument("--version", action="version", version=f"wijkberaad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in _available().items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        if name == only:
            importlib.import_module(f"game.cli.{module}").add_arguments(command)
    translate_parser(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = _available()
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        if "play" in commands:
            argv = ["play", *argv]
    with speaking(chosen_language(argv, default_language())):
        parser = build_parser(argv[0] if argv and argv[0] in commands else None)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
    module = importlib.import_module(f"game.cli.{commands[args.command][0]}")

    try:
        return int(module.run(args) or 0)
    except CliError as err:  # a mistake in what the command was given, already worded for a person
        return fail(str(err), err.code)
    except KeyboardInterrupt:
        return 130
