"""``wijkberaad report SAVE``: write a saved game's debrief report as HTML, Markdown or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import t
from game.reports.report import FORMATS, Report

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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Examples: 'wijkberaad report saves/groep-3.json -o groep-3.html', "
        "'wijkberaad report groep-3 --format md --anonymous --lang en'. "
        "The HTML file is self-contained: it opens offline in any browser and prints on A4."
    )
    parser.add_argument("save", metavar="SAVE", help="a save file, or the name of a save in the saves folder")
    add_format_options(parser, FORMATS, "html, md or csv (default: from FILE's extension, else md)")
    parser.add_argument(
        "--anonymous", action="store_true", help="name the roles only, never the players' names"
    )
    add_lang_option(parser)
    add_pack_option(parser)
    add_saves_option(parser)


def add_format_options(parser: argparse.ArgumentParser, formats: tuple[str, ...], help_text: str) -> None:
    parser.add_argument("--format", choices=formats, default=None, help=help_text)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: print it)")


def pick_format(args: argparse.Namespace, formats: tuple[str, ...], fallback: str = "md") -> str:
    """The format asked for, else the one -o's extension names, else ``fallback``."""
    if args.format:
        return args.format
    if args.output is not None:
        suffix = args.output.suffix.lower().lstrip(".")
        suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
        if suffix in formats:
            return suffix
    return fallback


def resolve_save(text: str, args: argparse.Namespace) -> Path:
    """A save given as a path, or as a slot name in the saves folder when no such path exists."""
    path = Path(text).expanduser()
    if path.exists() or "/" in text or "\\" in text or text.endswith(".json"):
        return path
    from game.files.saves import saves_dir_from

    slot = saves_dir_from(args) / f"{text}.json"
    return slot if slot.exists() else path


def run(args: argparse.Namespace) -> int:
    from game.files.saves import SaveError
    from game.reports.formats import render
    from game.reports.report import build_report

    lang = lang_of(args)
    fmt = pick_format(args, FORMATS)
    saves_dir = saves_folder(args, lang)
    pack = load_content(args)
    path = resolve_save(args.save, args)
    try:
        game, notes = read_save(path, pack, lang)
    except SaveError as err:
        return fail(f"{path}: {save_reason(err, lang, saves_dir)}")
    report = build_report(game, lang, anonymous=args.anonymous, source=path.name, warnings=notes)
    if args.output is not None and args.output.is_dir():
        return write_all(report, args.output, path.stem, (args.format,) if args.format else FORMATS, lang)
    return write_output(render(report, fmt), fmt, args.output, lang)


def write_all(report: Report, folder: Path, name: str, formats: tuple[str, ...], lang: str) -> int:
    """-o FOLDER: the report in every format (or the one asked for), named for the save; says each file."""
    from game.reports.export import write_reports

    try:
        written = write_reports(report, folder, name, formats=formats)
    except OSError as err:
        return fail(t("cannot_write", lang, path=folder, reason=err.strerror or err))
    for path in written:
        print(t("wrote", lang, path=path), file=sys.stderr)
    return 0
