"""The classroom options of ``wijkberaad play``: ``--code`` (a session code) and ``--timer MINUTES``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from game.i18n import t

from .words import gettext

if TYPE_CHECKING:  # only an annotation: importing the engine here delayed the title screen (bench/)
    from game.engine import Pack


def minutes(text: str) -> float:
    """An argparse type: minutes for the round timer (more than 0, at most 120)."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(gettext("'%s' is not a number of minutes") % text) from None
    if not 0 < value <= 120:
        raise argparse.ArgumentTypeError(gettext("the round timer takes more than 0 and at most 120 minutes"))
    return value


def add_classroom_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--code",
        metavar="CODE",
        help="a session code from another group's setup screen: play the same scenario, length and seed",
    )
    parser.add_argument(
        "--timer",
        type=minutes,
        metavar="MINUTES",
        help="a countdown of MINUTES for each deliberation; at zero it signals, it never decides",
    )


def apply_code(args: argparse.Namespace, pack: Pack, lang: str) -> str | None:
    """Set ``args.scenario``, ``args.seed`` and ``args.code_variant`` from ``args.code``.

    Returns an error message for the player (in ``lang``) when the code cannot be used, else None.
    """
    from game.classroom.session import SessionCodeError, decode  # with the engine: only for a --code

    args.code_variant = None
    if not args.code:
        return None
    try:
        session = decode(args.code, pack)
    except SessionCodeError as err:
        return f"--code {args.code}: {err.message(lang)}"
    if args.scenario and args.scenario != session.scenario:
        return t("code_scenario", lang, code=args.code, scenario=session.scenario, given=args.scenario)
    if args.short and session.variant is None:
        return t("code_full", lang, code=args.code)
    if args.seed is not None and args.seed != session.seed:
        return t("code_seed", lang, code=args.code, seed=session.seed, given=args.seed)
    args.scenario = session.scenario
    args.seed = session.seed
    args.code_variant = session.variant
    return None
