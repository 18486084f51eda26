"""``wijkberaad play``: the game in the terminal (also what ``wijkberaad`` with no command runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.i18n import default_language, env_language

from .classroom import add_classroom_options, apply_code, install_timer
from .common import (
    add_lang_option,
    add_pack_option,
    add_saves_option,
    content_failed,
    fail,
    pack_folders,
    saves_folder,
    say,
)


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
    parser.add_argument(
        "--theme",
        choices=["dark", "light", "contrast"],
        default=None,
        help="colour theme (contrast: high contrast; default: the one chosen in the settings, else dark)",
    )
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
            raise ValueError(say("players_form", lang, part=part.strip()))
        if role in players:
            raise ValueError(say("players_twice", lang, role=role))
        players[role] = name
    if not players:
        raise ValueError(say("players_none", lang))
    return players


def _load_content(packs: list[Path], saves_dir: Path | None):
    """The content to play; imported here so the title screen does not wait for the content models.

    The ``mods/`` folder is looked for next to the saves folder, so ``--saves-dir`` moves it along."""
    from game.files.loader import load_game_content

    return load_game_content(packs, saves_dir=saves_dir)


def valid_tab_id(tab_id: str) -> bool:
    """A tab id is a safe part of a file name: letters, digits and -, at most 40."""
    return tab_id.isascii() and tab_id.replace("-", "").isalnum() and len(tab_id) <= 40


def run(args: argparse.Namespace) -> int:
    from game.files.settings import load_settings, settings_path

    tab_id = getattr(args, "tab_id", None)
    if tab_id is not None and not valid_tab_id(tab_id):
        return fail(f"--tab-id: use letters, digits and -, at most 40: {tab_id!r}")
    # The settings screen's choices are kept between runs; the command line and $WIJKBERAAD_LANG win.
    settings_file = None if tab_id else settings_path()
    saved = load_settings(settings_file)[0] if settings_file else None
    lang = args.lang or env_language() or (saved.lang if saved else None) or default_language()
    packs = pack_folders(args, lang)
    saves_dir = saves_folder(args, lang)
    try:
        players = parse_players(args.players, lang) if args.players else None
    except ValueError as err:
        return fail(f"--players: {err}")
    if args.role:
        players = {args.role: "Speler" if lang == "nl" else "Player"}
    # Check the choice of scenario, variant and roles before the screen takes over, so mistakes are plain
    # error lines; that needs the content now, otherwise the app loads it in the background.
    pack = None
    variant = None
    if args.scenario or args.short or players or args.code:
        from game.files.loader import ContentError

        try:
            pack = _load_content(packs, saves_dir)
        except ContentError as err:
            raise content_failed(err, lang) from None
        code_problem = apply_code(args, pack, lang)
        if code_problem:
            return fail(code_problem)
        scenario_id = args.scenario or next(iter(pack.scenarios))
        if scenario_id not in pack.scenarios:
            return fail(say("no_scenario", lang, id=scenario_id, choices=", ".join(pack.scenarios)))
        scenario = pack.scenarios[scenario_id]
        if args.short:
            if not scenario.variants:
                return fail(say("no_short", lang, id=scenario_id))
            variant = scenario.variants[0].id
        variant = getattr(args, "code_variant", None) or variant
        players = players or {scenario.roles[0]: "Speler" if lang == "nl" else "Player"}
        unknown = [r for r in players if r not in scenario.roles]
        if unknown:
            choices = ", ".join(scenario.roles)
            return fail(say("no_role", lang, role=unknown[0], id=scenario_id, choices=choices))
        args.scenario = scenario_id

    if getattr(args, "lines", False):
        from game.lines.start import run_lines

        return run_lines(
            lang,
            pack=pack,
            load=lambda: _load_content(packs, saves_dir),
            scenario=args.scenario,
            variant=variant,
            players=players,
            seed=args.seed,
            timer_minutes=args.timer,
            saves_dir=saves_dir,
        )

    from game.ui.app import WijkberaadApp

    app_class: type[WijkberaadApp] = WijkberaadApp
    dev: dict = {}
    if getattr(args, "dev", False):
        # Developer mode watches the pack folders and reloads them when a file is saved (game/ui/dev.py).
        from game.files.packs import game_pack_dirs
        from game.ui.dev import DevApp

        app_class = DevApp
        dev = {
            "dev_folders": game_pack_dirs(packs, saves_dir=saves_dir),
            "dev_load": lambda: _load_content(packs, saves_dir),
        }
    app = app_class(
        pack,
        content=(lambda: _load_content(packs, saves_dir)) if pack is None else None,
        saves_dir=saves_dir,
        lang=lang,
        seed=args.seed,
        scenario=args.scenario,
        variant=variant,
        players=players,
        theme_name=args.theme,
        settings_file=settings_file,
        session_suffix=tab_id,
        **dev,
    )
    install_timer(app, args)
    app.run()
    return 0
