"""``wijkberaad saves [--saves-dir DIR]``: list saved games and whether each can be loaded."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.data.saves import SaveError, SaveInfo, SaveStore, saves_dir_from
from game.engine import Pack

from .common import add_pack_option, add_saves_option, fail, pack_folders, saves_folder

HEADERS = ("slot", "scenario", "round", "players", "saved", "status")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_saves_option(parser, mods="with --check, the packs in the mods/ folder next to it are loaded too")
    parser.add_argument(
        "--check",
        action="store_true",
        help="also replay each save's decision log against the game's content (the shipped pack, mods/ "
        "and --pack) and report differences",
    )
    add_pack_option(parser)


def row(info: SaveInfo) -> tuple[str, ...]:
    """One save as a table row: slot, scenario, round, players, date, status."""
    if not info.readable:
        return (info.slot, "", "", "", "", f"unreadable: {info.reason}")
    scenario = info.scenario or ""
    if info.variant:
        scenario += f" ({info.variant})"
    rnd = f"{info.round} (ended)" if info.ending else str(info.round)
    players = ", ".join(info.humans) or "computer only"
    saved = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.saved_at else ""
    status = f"ok, but {info.mismatch}" if info.mismatch else "ok"
    return (info.slot, scenario, rnd, players, saved, status)


def table(rows: list[tuple[str, ...]]) -> str:
    """Rows as plain aligned columns with a header (the last column is not padded)."""
    allrows = [HEADERS, *rows]
    widths = [max(len(r[i]) for r in allrows) for i in range(len(HEADERS) - 1)]
    lines = []
    for r in allrows:
        cells = [c.ljust(w) for c, w in zip(r, widths, strict=False)] + [r[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    saves_folder(args, "en")  # a file given as the saves folder: say so plainly
    store = SaveStore(saves_dir_from(args))
    pack = _content(store.root, pack_folders(args, "en")) if args.check else None
    try:
        infos = store.list(pack)
    except SaveError as err:
        return fail(err.message)
    if not infos:
        print(f"no saves in {store.root}", file=sys.stderr)
        return 0
    print(table([row(i) for i in infos]))
    bad = sum(1 for i in infos if not i.readable)
    print(f"{len(infos)} save(s) in {store.root}" + (f", {bad} unreadable" if bad else ""), file=sys.stderr)
    return 0


def _content(saves_dir: Path, packs: list[Path]) -> Pack | None:
    """The game's content (with the mods next to ``saves_dir``), to replay saves against; None (with a
    note) when it cannot be loaded."""
    from game.data.loader import load_game_content

    try:
        return load_game_content(packs, saves_dir=saves_dir)
    except Exception as err:  # noqa: BLE001 - broken content must not hide the list
        print(f"wijkberaad: could not load the content, so replays are not checked: {err}", file=sys.stderr)
        return None
