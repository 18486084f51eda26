"""``wijkberaad compare SAVE...``: one table of all groups' games for the plenary debrief."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import save_error_text, t

from .common import (
    add_lang_option,
    add_pack_option,
    add_saves_option,
    fail,
    lang_of,
    load_content,
    read_save,
    save_reason,
    saves_folder,
    write_output,
)
from .report import add_format_options, pick_format, resolve_save

FORMATS = ("md", "html", "csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Example: 'wijkberaad compare saves/groep-*.json -o klas.html'. "
        "A folder stands for every save in it. A save that cannot be read is named with the reason "
        "and skipped; the command fails only when no save could be read."
    )
    parser.add_argument(
        "saves", nargs="+", metavar="SAVE", help="save files (or folders of them, or save names)"
    )
    add_format_options(parser, FORMATS, "md, html or csv (default: from FILE's extension, else md)")
    parser.add_argument(
        "--anonymous", action="store_true", help="name the roles only, never the players' names"
    )
    parser.add_argument(
        "--by-scenario",
        action="store_true",
        help="put the scenarios the groups played side by side (e.g. two periods), groups sorted by scenario",
    )
    add_lang_option(parser)
    add_pack_option(parser)
    add_saves_option(parser)


def server_file(path: Path) -> bool:
    """One of the class server's own files in a class folder (``wijkberaad host``): never a save."""
    from game.host.classdir import CLASS_FILE, DB_FILE

    # sqlite keeps its journal beside the database: class.db-wal, class.db-shm, class.db-journal
    return path.name == CLASS_FILE or path.name == DB_FILE or path.name.startswith(DB_FILE + "-")


def expand(paths: list[Path], lang: str = "en") -> list[Path]:
    """Folders replaced by the save files in them (sorted by name); the class server's own files in a
    class folder are left out without a word."""
    from game.files.safefile import kind_of, list_folder, shown

    found: list[Path] = []
    for path in paths:
        if server_file(path):
            continue
        if kind_of(path) in ("folder", "denied"):
            entries, why = list_folder(path)  # a folder it may not list is said, not a traceback
            if why is not None:
                reason = why.text(lang)
                print(
                    f"wijkberaad: {t('skipped', lang, path=shown(path, 4096), reason=reason)}",
                    file=sys.stderr,
                )
                continue
            inside = [
                p
                for p in entries
                if p.suffix == ".json" and not p.name.startswith(".") and not server_file(p)
            ]
            if not inside:
                print(f"wijkberaad: {t('no_saves_in', lang, path=shown(path, 4096))}", file=sys.stderr)
            found += inside
        else:
            found.append(path)
    return found


def run(args: argparse.Namespace) -> int:
    from game.files.safefile import shown
    from game.files.saves import SaveError
    from game.reports.compare import build_comparison, render_comparison

    lang = lang_of(args)
    fmt = pick_format(args, FORMATS)
    saves_dir = saves_folder(args, lang)
    pack = load_content(args)
    games = []
    unreadable: list[tuple[str, str]] = []
    for path in expand([resolve_save(s, args) for s in args.saves], lang):
        try:
            game, _ = read_save(path, pack, lang)
        except SaveError as err:
            reason = save_reason(err, lang, saves_dir)
            print(f"wijkberaad: {t('skipped', lang, path=shown(path, 4096), reason=reason)}", file=sys.stderr)
            # The report is read by the class: the reason without the advice for the teacher.
            unreadable.append((shown(path.name), save_error_text(err, lang)))
            continue
        games.append((shown(path.stem), game))  # a file name may hold control characters or odd bytes
    if not games:
        return fail(t("none_read", lang), 1)
    comparison = build_comparison(
        games, lang, anonymous=args.anonymous, unreadable=unreadable, by_scenario=args.by_scenario
    )
    return write_output(render_comparison(comparison, fmt), fmt, args.output, lang)
