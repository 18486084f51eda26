"""``wijkberaad new-pack NAME [--dir DIR]``: write a small, valid, commented pack to start from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import t

from .common import add_lang_option, fail, file_in_the_way, lang_of


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
    add_lang_option(parser)


def run(args: argparse.Namespace) -> int:
    # The pack's files keep their English comments whatever --lang says: they are the modder's files,
    # read in an editor long after this command ran (and docs/modding.md quotes them).
    from game.authoring.scaffold import ScaffoldError, write_scaffold

    lang = lang_of(args)
    blocker = file_in_the_way(args.dir)
    if blocker is not None:
        return fail(t("new_pack.dir_is_file", lang, dir=args.dir, path=blocker))
    try:
        folder = write_scaffold(args.dir, args.name)
    except ScaffoldError as err:
        return fail(t(f"new_pack.{err.code}", lang, name=err.subject, path=err.subject))
    except OSError as err:
        return fail(t("new_pack.cannot_write", lang, reason=err.strerror or err))
    print(folder)  # the folder alone on stdout, for scripts
    steps = "".join(f"\n  wijkberaad {step} {folder}" for step in ("validate", "play --pack", "simulate"))
    print(t("new_pack.next", lang, path=folder) + steps, file=sys.stderr)
    return 0
