"""``wijkberaad saves [--saves-dir DIR]``: list saved games and whether each can be loaded."""

from __future__ import annotations

import argparse
import sys

from game.data.saves import SaveError, SaveInfo, SaveStore, add_saves_option, saves_dir_from

from .common import fail

HEADERS = ("slot", "scenario", "round", "players", "saved", "status")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_saves_option(parser)
    parser.add_argument(
        "--check",
        action="store_true",
        help="also replay each save's decision log against the shipped content and report differences",
    )


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
    return (info.slot, scenario, rnd, players, saved, "ok")


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
    store = SaveStore(saves_dir_from(args))
    try:
        infos = store.list()
    except SaveError as err:
        return fail(err.message)
    if not infos:
        print(f"no saves in {store.root}", file=sys.stderr)
        return 0
    rows = [row(i) for i in infos]
    if args.check:
        rows = _checked(store, infos, rows)
    print(table(rows))
    bad = sum(1 for i in infos if not i.readable)
    print(f"{len(infos)} save(s) in {store.root}" + (f", {bad} unreadable" if bad else ""), file=sys.stderr)
    return 0


def _checked(store: SaveStore, infos: list[SaveInfo], rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Rows with the status of a full load (replay against the shipped content) for readable saves."""
    from game.data.loader import load_game_content

    try:
        pack = load_game_content()
    except Exception as err:  # noqa: BLE001 - broken content must not hide the list
        print(f"wijkberaad: could not load the content to check replays: {err}", file=sys.stderr)
        return rows
    out = []
    for info, r in zip(infos, rows, strict=True):
        if info.readable:
            try:
                loaded = store.load(info.slot, pack)
            except SaveError as err:
                r = (*r[:-1], f"does not load: {err.message}")
            else:
                if loaded.mismatch:
                    r = (*r[:-1], f"loads, but {loaded.mismatch}")
        out.append(r)
    return out
