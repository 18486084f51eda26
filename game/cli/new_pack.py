"""``wijkberaad new-pack NAME [--dir DIR]``: write a small, valid, commented pack to start from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import fail, file_in_the_way


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Then: 'wijkberaad validate NAME' and 'wijkberaad play --pack NAME'. See docs/modding.md."
    parser.add_argument("name", metavar="NAME", help="the pack's folder name (letters, digits, - and _)")
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="where to create the folder (default: here)",
    )


def run(args: argparse.Namespace) -> int:
    from game.data.scaffold import ScaffoldError, write_scaffold

    blocker = file_in_the_way(args.dir)
    if blocker is not None:
        return fail(f"--dir {args.dir}: {blocker} is a file; give the folder to make the pack in")
    try:
        folder = write_scaffold(args.dir, args.name)
    except ScaffoldError as err:
        return fail(str(err))
    except OSError as err:
        return fail(f"cannot write the pack: {err.strerror or err}")
    print(folder)
    print(
        f"A new pack is in {folder}. Next:\n"
        f"  wijkberaad validate {folder}\n"
        f"  wijkberaad play --pack {folder}\n"
        f"  wijkberaad simulate {folder}",
        file=sys.stderr,
    )
    return 0
