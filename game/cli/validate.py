"""``wijkberaad validate [PACK ...]``: check packs and print every problem as ``file:line: message``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.data.loader import MANIFEST
from game.data.packs import load_layers, together_dirs, validate_pack
from game.data.paths import content_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PACK",
        help="a pack folder, or a folder of packs (default: the shipped content and the mods folder)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only, no summary")


def pack_dirs(path: Path) -> list[Path]:
    """The packs a path names: itself when it holds a manifest, else the packs in its subfolders."""
    if path.is_dir() and not (path / MANIFEST).is_file():
        found = sorted(p for p in path.iterdir() if p.is_dir() and (p / MANIFEST).is_file())
        if found:
            return found
    return [path]


def _mods() -> list[Path]:
    """The mods folder next to the saves, when it holds packs (the game loads them too)."""
    from game.data.packs import mods_dir

    folder = mods_dir()
    if folder is None or not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if p.is_dir() and (p / MANIFEST).is_file()]


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [content_dir(), *_mods()]
    errors = warnings = 0
    packs = 0
    printed: set[str] = set()
    given: list[Path] = []
    for path in paths:
        for pack in pack_dirs(path):
            packs += 1
            given.append(pack)
            # Each pack is checked layered on the packs it extends (shipped ones or its neighbours).
            result = validate_pack(pack)
            for problem in result.problems:
                if str(problem) not in printed:
                    printed.add(str(problem))
                    print(problem)
                    errors += problem.severity == "error"
                    warnings += problem.severity == "warning"
    chain = together_dirs(given)
    if chain and not errors:
        # Several packs building on others: load them together as a game would, so conflicts show.
        together = load_layers(chain)
        for problem in together.problems:
            if str(problem) not in printed:
                printed.add(str(problem))
                print(problem)
                errors += problem.severity == "error"
                warnings += problem.severity == "warning"
    if not args.quiet:
        verdict = "ok" if not errors and not (args.strict and warnings) else "problems found"
        print(f"{packs} pack(s): {errors} error(s), {warnings} warning(s): {verdict}", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0
