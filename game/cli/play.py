"""``wijkberaad play``: the game in the terminal (also what ``wijkberaad`` with no command runs)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

from game.files.settings import settings_path
from game.i18n import t
from game.ui.config import AppConfig, GameStart, content_loader, resolve_config

from .classroom import add_classroom_options, apply_code
from .common import (
    CliError,
    add_lang_option,
    add_pack_option,
    add_saves_option,
    add_theme_option,
    content_failed,
    fail,
    pack_folders,
    saves_folder,
)

if TYPE_CHECKING:
    from game.engine import Pack


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Without --scenario, --role or --players the title screen opens. Examples: "
        "'wijkberaad play --short --role resident', "
        "'wijkberaad play --players \"minister=Ahmed,resident=Sanne,youth_worker=Noor\"'."
    )
    parser.add_argument("--scenario", metavar="ID", help="the scenario to play (default: the first)")
    parser.add_argument("--short", action="store_true", help="play the scenario's short (classroom) variant")
    parser.add_argument("--seed", type=int, metavar="N", help="the seed, so groups can play the same game")
    add_lang_option(parser)
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--role", metavar="ROLE", help="play one role yourself; the computer plays the others")
    who.add_argument(
        "--players",
        metavar="ROLE=NAME,...",
        help='hot seat: the roles people play, with names (e.g. "minister=Ahmed,resident=Sanne")',
    )
    add_saves_option(parser, "where saves go")
    add_theme_option(parser)
    add_pack_option(parser)
    add_classroom_options(parser)
    parser.add_argument(
        "--lines",
        action="store_true",
        help="plain lines of text and numbered choices, for screen readers, braille displays and plain terminals",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="for content authors: reload the content when a file is saved; commands to jump to an event "
        "and set a meter (ctrl+p)",
    )
    # Internal, so hidden from --help: 'wijkberaad serve' starts every browser tab's game with its own
    # --tab-id (game/serve/tab.py). The app adds it to the game's session name, so the tab's autosaves
    # never share a file with another tab's (WijkberaadApp's session_suffix), and the tab keeps no
    # settings file (one tab's choice of theme must not become every later tab's).
    parser.add_argument("--tab-id", metavar="ID", help=argparse.SUPPRESS)


def parse_players(spec: str, lang: str = "en") -> dict[str, str | None]:
    """``"minister=Ahmed,resident=Sanne"`` -> ``{"minister": "Ahmed", "resident": "Sanne"}``.

    Raises:
        ValueError: with what is wrong, in ``lang``.
    """
    players: dict[str, str | None] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        role, sep, name = part.partition("=")
        role, name = role.strip(), name.strip()
        if not sep or not role or not name:
            raise ValueError(t("players_form", lang, part=part.strip()))
        if role in players:
            raise ValueError(t("players_twice", lang, role=role))
        players[role] = name
    if not players:
        raise ValueError(t("players_none", lang))
    return players


def valid_tab_id(tab_id: str) -> bool:
    """A tab id is a safe part of a file name: letters, digits and -, at most 40."""
    return tab_id.isascii() and tab_id.replace("-", "").isalnum() and len(tab_id) <= 40


def run(args: argparse.Namespace) -> int:
    tab_id = args.tab_id
    if tab_id is not None and not valid_tab_id(tab_id):
        return fail(f"--tab-id: use letters, digits and -, at most 40: {tab_id!r}")
    # The settings screen's choices are kept between runs (not by a browser tab: one tab's theme must not
    # become every later tab's); the command line and $WIJKBERAAD_LANG win over them.
    config = resolve_config(
        lang=args.lang, theme=args.theme, settings_file=None if tab_id else settings_path()
    )
    lang = config.lang
    config = replace(
        config,
        packs=tuple(pack_folders(args, lang)),
        saves_dir=saves_folder(args, lang),
        seed=args.seed,
        session_suffix=tab_id,
        timer_minutes=args.timer,
        dev=args.dev,
    )
    try:
        players = parse_players(args.players, lang) if args.players else None
    except ValueError as err:
        return fail(f"--players: {err}")
    if args.role:
        players = {args.role: player_name(lang)}
    pack = None
    # Check the choice of scenario, variant and roles before the screen takes over, so mistakes are plain
    # error lines; that needs the content now, otherwise the app loads it after the title is drawn.
    if args.scenario or args.short or players or args.code:
        pack = load_now(config)
        config = replace(config, start=game_start(args, pack, players, lang), seed=args.seed)
    if args.lines:
        from game.lines.start import run_lines

        start = config.start
        return run_lines(
            lang,
            pack=pack,
            load=content_loader(config),
            scenario=start.scenario if start else None,
            variant=start.variant if start else None,
            players=start.players if start else None,
            seed=args.seed,
            timer_minutes=args.timer,
            saves_dir=config.saves_dir,
        )
    from game.ui.launch import make_app  # Textual: imported when the game starts, so --help answers at once

    make_app(config, pack).run()
    return 0


def player_name(lang: str) -> str:
    """The name of the one player of ``--role``."""
    return "Speler" if lang == "nl" else "Player"


def load_now(config: AppConfig) -> Pack:
    """The content, loaded before the app starts; :class:`CliError` lists its problems."""
    from game.files.loader import ContentError  # with pydantic: only when the content is needed now

    try:
        return content_loader(config)()
    except ContentError as err:
        raise content_failed(err, config.lang) from None


def game_start(
    args: argparse.Namespace, pack: Pack, players: dict[str, str | None] | None, lang: str
) -> GameStart:
    """The game the command line asks for (``--code`` sets ``args.scenario`` and ``args.seed``), checked
    against the content; :class:`CliError` says what does not fit, in ``lang``."""
    from game.engine import GameError, check_setup
    from game.i18n import game_error_text

    code_problem = apply_code(args, pack, lang)
    if code_problem:
        raise CliError(code_problem)
    try:
        scenario = check_setup(pack, args.scenario)
        variant = None
        if args.short:
            if not scenario.variants:
                raise CliError(t("no_short", lang, id=scenario.id))
            variant = scenario.variants[0].id
        variant = args.code_variant or variant
        players = players or {scenario.roles[0]: player_name(lang)}
        check_setup(pack, scenario.id, variant=variant, players=players)
    except GameError as err:
        raise CliError(game_error_text(err, lang)) from None
    return GameStart(players, scenario.id, variant)
