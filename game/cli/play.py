"""``wijkberaad play``: the game in the terminal (also what ``wijkberaad`` with no command runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.i18n import default_language, env_language

from .classroom import add_classroom_options, apply_code, install_timer
from .common import add_lang_option, add_pack_option, existing_dir, fail


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
    parser.add_argument(
        "--saves-dir",
        type=Path,
        metavar="DIR",
        help="where saves go (default: $WIJKBERAAD_SAVES, else saves/ in a checkout, else your data folder)",
    )
    parser.add_argument(
        "--theme",
        choices=["dark", "light", "contrast"],
        default=None,
        help="colour theme (contrast: high contrast; default: the one chosen in the settings, else dark)",
    )
    add_pack_option(parser)
    add_classroom_options(parser)
    parser.add_argument(
        "--dev",
        action="store_true",
        help="for content authors: reload the content when a file is saved; commands to jump to an event "
        "and set a meter (ctrl+p)",
    )
    # Internal: a browser tab of 'wijkberaad serve' (game/serve/tab.py) names its autosaves after its id
    # and keeps no settings file.
    parser.add_argument("--tab-id", metavar="ID", help=argparse.SUPPRESS)


def parse_players(spec: str) -> dict[str, str | None]:
    """``"minister=Ahmed,resident=Sanne"`` -> ``{"minister": "Ahmed", "resident": "Sanne"}``."""
    players: dict[str, str | None] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        role, sep, name = part.partition("=")
        role, name = role.strip(), name.strip()
        if not sep or not role or not name:
            raise ValueError(f"'{part.strip()}' should be ROLE=NAME")
        if role in players:
            raise ValueError(f"role '{role}' is given twice")
        players[role] = name
    if not players:
        raise ValueError("give at least one ROLE=NAME")
    return players


def _load_content(packs: list[Path], saves_dir: Path | None):
    """The content to play; imported here so the title screen does not wait for the content models.

    The ``mods/`` folder is looked for next to the saves folder, so ``--saves-dir`` moves it along."""
    from game.data.loader import load_game_content

    return load_game_content(packs, saves_dir=saves_dir)


def run(args: argparse.Namespace) -> int:
    from game.data.settings import load_settings, settings_path

    tab_id = getattr(args, "tab_id", None)
    if tab_id is not None and not (
        tab_id.isascii() and tab_id.replace("-", "").isalnum() and len(tab_id) <= 40
    ):
        return fail(f"--tab-id: use letters, digits and -, at most 40: {tab_id!r}")
    # The settings screen's choices are kept between runs; the command line and $WIJKBERAAD_LANG win.
    settings_file = None if tab_id else settings_path()
    saved = load_settings(settings_file)[0] if settings_file else None
    lang = args.lang or env_language() or (saved.lang if saved else None) or default_language()
    try:
        packs = [existing_dir(p) if isinstance(p, str) else p for p in args.packs]
    except argparse.ArgumentTypeError as err:
        return fail(f"--pack: {err}")
    if args.saves_dir is not None and args.saves_dir.exists() and not args.saves_dir.is_dir():
        return fail(f"--saves-dir: not a folder: {args.saves_dir}")
    saves_dir = args.saves_dir.expanduser() if args.saves_dir is not None else None
    try:
        players = parse_players(args.players) if args.players else None
    except ValueError as err:
        return fail(f"--players: {err}")
    if args.role:
        players = {args.role: "Speler" if lang == "nl" else "Player"}
    # Check the choice of scenario, variant and roles before the screen takes over, so mistakes are plain
    # error lines; that needs the content now, otherwise the app loads it in the background.
    pack = None
    variant = None
    if args.scenario or args.short or players or args.code:
        from game.data.loader import ContentError, load_game_content

        try:
            pack = load_game_content(packs, saves_dir=saves_dir)
        except ContentError as err:
            for problem in err.problems:
                print(problem)
            return fail("the content has errors; fix them and try again ('wijkberaad validate' lists them)")
        code_problem = apply_code(args, pack, lang)
        if code_problem:
            return fail(code_problem)
        scenario_id = args.scenario or next(iter(pack.scenarios))
        if scenario_id not in pack.scenarios:
            return fail(f"no scenario '{scenario_id}'; choose from {', '.join(pack.scenarios)}")
        scenario = pack.scenarios[scenario_id]
        if args.short:
            if not scenario.variants:
                return fail(f"scenario '{scenario_id}' has no short variant")
            variant = scenario.variants[0].id
        variant = getattr(args, "code_variant", None) or variant
        players = players or {scenario.roles[0]: "Speler" if lang == "nl" else "Player"}
        unknown = [r for r in players if r not in scenario.roles]
        if unknown:
            return fail(
                f"no role '{unknown[0]}' in scenario '{scenario_id}'; choose from {', '.join(scenario.roles)}"
            )
        args.scenario = scenario_id

    from game.ui.app import WijkberaadApp

    app_class: type[WijkberaadApp] = WijkberaadApp
    dev: dict = {}
    if getattr(args, "dev", False):
        # Developer mode watches the pack folders and reloads them when a file is saved (game/ui/dev.py).
        from game.data.packs import game_pack_dirs
        from game.ui.dev import DevApp

        app_class = DevApp
        dev = {
            "dev_folders": game_pack_dirs(packs, saves_dir=saves_dir),
            "dev_load": lambda: _load_content(packs, saves_dir),
        }
    app = app_class(
        pack,
        content=(lambda: _load_content(packs, saves_dir)) if pack is None else None,
        saves_dir=args.saves_dir,
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
