"""``wijkberaad validate [PACK ...]``: check packs and print every problem as ``file:line: message``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.files.loader import MANIFEST
from game.files.packs import load_layers, mods_dir, packs_in, together_dirs, validate_pack
from game.files.paths import content_dir
from game.files.safefile import Skipped, kind_of, shown
from game.i18n import t

from .common import add_lang_option, add_saves_option, lang_of, saves_folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PACK",
        help="a pack folder, or a folder of packs (default: the shipped content and the packs in the mods "
        "folder next to the saves folder)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only, no summary")
    add_saves_option(parser, mods="without PACK, the packs in the mods/ folder next to it are checked too")
    add_lang_option(parser)


def _mods(saves_dir: Path | None, skipped: list[Skipped]) -> list[Path]:
    """The packs in the mods folder next to the saves folder (the game loads them too); what was left out
    goes to ``skipped``."""
    folder = mods_dir(saves_dir)
    if folder is None:
        return []
    found, left_out = packs_in(folder)
    skipped.extend(left_out)
    return found


def _packs(path: Path, skipped: list[Skipped]) -> list[Path]:
    """The packs a path names (itself, or the packs in its subfolders); what was left out goes to
    ``skipped``."""
    if kind_of(path) == "folder" and kind_of(path / MANIFEST) == "missing":
        found, left_out = packs_in(path)
        if found:
            skipped.extend(left_out)
            return found
    return [path]


def _say_skipped(skipped: list[Skipped], lang: str) -> None:
    """Name each folder left out, and why, so an 'ok' never hides a pack that was not checked."""
    for item in skipped:
        print(t("skipped", lang, path=shown(item.path, 4096), reason=item.text(lang)))


def _report(problems: list, printed: set[str]) -> tuple[int, int]:  # noqa: ANN001 - ContentProblems
    """Print the problems not printed before; the number of errors and of warnings among them."""
    errors = warnings = 0
    for problem in problems:
        if str(problem) not in printed:
            printed.add(str(problem))
            print(problem)
            errors += problem.severity == "error"
            warnings += problem.severity == "warning"
    return errors, warnings


def summary(packs: int, errors: int, warnings: int, failed: bool, lang: str) -> str:
    """The closing line: how many packs were checked and what was found, in ``lang``."""
    checked = t("validate.packs", lang, n=packs)
    if not errors and not warnings:
        return t("validate.clean", lang, packs=checked)
    return t(
        "validate.summary",
        lang,
        packs=checked,
        errors=t("validate.errors", lang, n=errors),
        warnings=t("validate.warnings", lang, n=warnings),
        verdict=t("validate.problems" if failed else "validate.ok", lang),
    )


def run(args: argparse.Namespace) -> int:
    # The problems themselves are the loader's (file:line: message, in English, as tools expect them);
    # the command's own summary follows --lang.
    lang = lang_of(args)
    saves_dir = saves_folder(args, lang)
    skipped: list[Skipped] = []
    paths = [Path(p) for p in args.paths] or [content_dir(), *_mods(saves_dir, skipped)]
    errors = warnings = 0
    packs = 0
    printed: set[str] = set()
    given: list[Path] = []
    for path in paths:
        for pack in _packs(path, skipped):
            packs += 1
            given.append(pack)
            # Each pack is checked layered on the packs it extends (shipped ones or its neighbours).
            found = _report(validate_pack(pack).problems, printed)
            errors, warnings = errors + found[0], warnings + found[1]
    chain = together_dirs(given)
    if chain and not errors:
        # Several packs building on others: load them together as a game would, so conflicts show.
        found = _report(load_layers(chain).problems, printed)
        errors, warnings = errors + found[0], warnings + found[1]
    _say_skipped(skipped, lang)
    warnings += len(skipped)
    failed = bool(errors or (args.strict and warnings))
    if not args.quiet:
        print(summary(packs, errors, warnings, failed, lang), file=sys.stderr)
    return 1 if failed else 0
