"""``wijkberaad simulate [PACK]``: play many complete computer games and report the balance.

Without PACK the game's own content is simulated (the shipped base, the mods folder next to the saves
folder, and ``--pack``); with PACK, that pack layered on the packs it extends, as ``validate`` checks it.
The report's fields are described in :mod:`game.authoring.balance` and in docs/modding.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from game.i18n import t

from .common import (
    add_lang_option,
    add_pack_option,
    add_saves_option,
    content_failed,
    fail,
    lang_of,
    pack_folders,
    saves_folder,
)

if TYPE_CHECKING:  # annotations only: the engine is imported when the command runs
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from game.engine.policy import STRATEGIES

    parser.epilog = "Strategies: " + "; ".join(f"{k}: {v}" for k, v in STRATEGIES.items()) + "."
    parser.add_argument(
        "pack", nargs="?", metavar="PACK", help="the pack to simulate (default: the game's content)"
    )
    parser.add_argument("--scenario", metavar="ID", help="the scenario (default: the pack's first)")
    parser.add_argument("--variant", metavar="ID", help="play a variant of the scenario (e.g. the short one)")
    parser.add_argument(
        "--runs", type=int, default=100, metavar="N", help="games per strategy (default: 100)"
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help="the seed of the first game (default: 0)"
    )
    parser.add_argument(
        "--strategy",
        action="append",
        metavar="NAME|ROLE=NAME",
        help=(
            f"only this strategy (repeatable; default: all of {', '.join(STRATEGIES)}); ROLE=NAME gives one "
            "role its own strategy or input id, and every ROLE=NAME together makes one strategy "
            "(e.g. --strategy minister=topdown --strategy resident=protest)"
        ),
    )
    parser.add_argument(
        "--workers", type=int, default=None, metavar="N", help="processes (default: one per core)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the report as JSON (fields: see docs/modding.md; not translated: it is for tools)",
    )
    add_pack_option(parser)
    add_saves_option(parser, mods="without PACK, the packs in the mods/ folder next to it are played too")
    add_lang_option(parser)


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream=None, *, lang: str) -> None:  # noqa: ANN001 - a text stream
        self.stream = stream or sys.stderr
        self.lang = lang
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "-" * (width - filled)
        games = t("simulate.progress", self.lang, done=done, total=total)
        self.stream.write(f"\r[{bar}] {games}  {elapsed:.0f}s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from game.authoring.balance import format_report, simulate
    from game.engine import GameError
    from game.files.loader import ContentError
    from game.files.packs import game_pack_dirs, validation_dirs
    from game.i18n import game_error_text

    lang = lang_of(args)
    extra = pack_folders(args, lang)
    if args.pack:
        path = Path(args.pack)
        if not path.exists():
            return fail(t("simulate.pack_missing", lang, path=args.pack))
        if not path.is_dir():
            return fail(t("simulate.pack_not_dir", lang, path=args.pack))
        roots = [*validation_dirs(path), *extra]
    else:
        roots = game_pack_dirs(extra, saves_dir=saves_folder(args, lang))
    if args.runs < 1:
        return fail(t("simulate.runs", lang))
    try:
        report = simulate(
            roots,
            scenario=args.scenario,
            variant=args.variant,
            runs=args.runs,
            seed=args.seed,
            strategies=strategies_of(args.strategy),
            workers=args.workers,
            progress=ProgressBar(lang=lang),
        )
    except ContentError as err:
        raise content_failed(err, lang) from None
    except GameError as err:  # a wrong --scenario or --variant, worded in lang
        return fail(game_error_text(err, lang))
    except ValueError as err:  # simulate()'s own checks (strategy, runs), in English
        return fail(str(err))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_report(report, lang=lang))
    return 0


def strategies_of(given: list[str] | None) -> list[str] | None:
    """The strategies ``--strategy`` asks for: each plain name, and every ROLE=NAME joined into one."""
    if not given:
        return None
    from game.authoring.balance import strategy_label

    per_role = [part for g in given if "=" in g for part in g.split(",") if part]
    names = [g for g in given if "=" not in g]
    return names + ([strategy_label(per_role)] if per_role else [])
