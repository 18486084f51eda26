"""``wijkberaad saves [--saves-dir DIR]``: list saved games and whether each can be loaded."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine import Pack
from game.files.safefile import shown
from game.files.saves import Detail, SaveError, SaveInfo, SaveStore, saves_dir_from
from game.i18n import t
from game.ui.titles import scenario_title

from .common import (
    add_lang_option,
    add_pack_option,
    add_saves_option,
    fail,
    lang_of,
    pack_folders,
    save_reason,
    saves_folder,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_saves_option(parser, mods="with --check, the packs in the mods/ folder next to it are loaded too")
    parser.add_argument(
        "--check",
        action="store_true",
        help="also replay each save's decision log against the game's content (the shipped pack, mods/ "
        "and --pack) and report differences",
    )
    add_pack_option(parser)
    add_lang_option(parser)


def headers(lang: str) -> tuple[str, ...]:
    """The table's column headers in ``lang``."""
    return tuple(t("saves.headers", lang).split("|"))


def unreadable_reason(info: SaveInfo, lang: str) -> str:
    """Why a listed save cannot be loaded, in ``lang``: the saves module's own words for it, which say
    what to do where there is something to do (in English exactly ``info.reason``)."""
    return info.reason_text(lang) or ""


#: The widest a cell of names (players, scenario) may get before it is shortened.
MAX_CELL = 40
#: The scenario's cell: its title and its variant's, as the content words them, are longer than names.
MAX_TITLE = 72


def row(info: SaveInfo, lang: str, pack: Pack | None = None) -> tuple[str, ...]:
    """One save as a table row: slot, scenario, round, players, date, status.

    Text from the file (names, ids) is made safe for a terminal: control characters shown as escapes,
    long cells shortened (:func:`game.files.safefile.shown`).
    """
    return tuple(shown(cell, 200) for cell in _cells(info, lang, pack))


def _cells(info: SaveInfo, lang: str, pack: Pack | None = None) -> tuple[str, ...]:
    if not info.readable:
        return (
            shown(info.slot, MAX_CELL),
            "",
            "",
            "",
            "",
            t("saves.unreadable", lang, reason=unreadable_reason(info, lang)),
        )
    # With the content loaded (--check), the titles players know in ``lang``; else the ids.
    scenario = scenario_title(pack, info.scenario, info.variant, lang)
    rnd = t("saves.ended", lang, round=info.round) if info.ending else str(info.round)
    players = ", ".join(shown(name, MAX_CELL) for name in info.humans) or t("saves.computer_only", lang)
    saved = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.saved_at else "?"
    mismatch = "; ".join(
        [
            *([info.mismatch_text(lang)] if info.mismatch_details else []),
            *([Detail("bad_time").text(lang)] if info.time_unusable else []),
        ]
    )
    status = t("saves.ok_but", lang, mismatch=mismatch) if mismatch else t("saves.ok", lang)
    return (shown(info.slot, MAX_CELL), shown(scenario, MAX_TITLE), rnd, shown(players, 80), saved, status)


def table(rows: list[tuple[str, ...]], lang: str) -> str:
    """Rows as plain aligned columns with a header (the last column is not padded)."""
    head = headers(lang)
    allrows = [head, *rows]
    widths = [max(len(r[i]) for r in allrows) for i in range(len(head) - 1)]
    lines = []
    for r in allrows:
        cells = [c.ljust(w) for c, w in zip(r, widths, strict=False)] + [r[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    saves_folder(args, lang)  # a file given as the saves folder: say so plainly
    store = SaveStore(saves_dir_from(args))
    pack = _content(store.root, pack_folders(args, lang), lang) if args.check else None
    try:
        infos = store.list(pack)
    except SaveError as err:
        return fail(_folder_unreadable(err, store.root, lang))
    if not infos:
        print(t("saves.none", lang, path=store.root), file=sys.stderr)
        return 0
    print(table([row(i, lang, pack) for i in infos], lang))
    bad = sum(1 for i in infos if not i.readable)
    summary = t("saves.count", lang, n=len(infos), path=store.root)
    print(summary + (t("saves.count_bad", lang, bad=bad) if bad else ""), file=sys.stderr)
    return 0


def _folder_unreadable(err: SaveError, root: Path, lang: str) -> str:
    """Why the saves folder itself could not be listed, in ``lang``."""
    cause = err.__context__  # the OSError behind it (raised 'from None', so kept as context only)
    if err.code == "io" and isinstance(cause, OSError):
        return t("saves.folder_unreadable", lang, path=root, reason=cause.strerror or cause)
    return save_reason(err, lang, root)


def _content(saves_dir: Path, packs: list[Path], lang: str) -> Pack | None:
    """The game's content (with the mods next to ``saves_dir``), to replay saves against; None (with a
    note) when it cannot be loaded."""
    from game.files.packs import load_game_content

    try:
        return load_game_content(packs, saves_dir=saves_dir)
    except Exception as err:  # noqa: BLE001 - broken content must not hide the list
        print(f"wijkberaad: {t('saves.no_content', lang, reason=err)}", file=sys.stderr)
        return None
