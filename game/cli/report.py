"""``wijkberaad report SAVE``: write a saved game's debrief report as HTML, Markdown or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.data.report import FORMATS
from game.data.saves import add_saves_option
from game.i18n import default_language

from .common import add_lang_option, add_pack_option, existing_dir, fail


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
    from game.data.saves import saves_dir_from

    slot = saves_dir_from(args) / f"{text}.json"
    return slot if slot.exists() else path


def load_content(args: argparse.Namespace):  # noqa: ANN201 - a Pack, or an exit status
    """The content the saves were played with (the shipped packs plus any --pack), or an exit status."""
    from game.data.loader import ContentError, load_game_content

    try:
        packs = [existing_dir(p) if isinstance(p, str) else p for p in args.packs]
        saves_dir = getattr(args, "saves_dir", None)
        return load_game_content(packs, saves_dir=Path(saves_dir).expanduser() if saves_dir else None)
    except argparse.ArgumentTypeError as err:
        return fail(f"--pack: {err}")
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return fail("the content has errors; fix them and try again ('wijkberaad validate' lists them)")


def why(err) -> str:  # noqa: ANN001 - a SaveError
    """A save error's message, with what to do when the save is for other content."""
    if err.code == "wrong_pack":
        return f"{err.message}; give that pack's folder with --pack DIR"
    return err.message


def write_output(text: str, fmt: str, output: Path | None) -> int:
    """Print ``text``, or write it to ``output`` (CSV with a byte-order mark, so spreadsheets read UTF-8)."""
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    except OSError as err:
        return fail(f"could not write {output}: {err.strerror or err}")
    print(f"wrote {output}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    from game.data.report import build_report, load_save_file
    from game.data.report_formats import render
    from game.data.saves import SaveError

    lang = args.lang or default_language()
    fmt = pick_format(args, FORMATS)
    pack = load_content(args)
    if isinstance(pack, int):
        return pack
    path = resolve_save(args.save, args)
    try:
        game, notes = load_save_file(path, pack)
    except SaveError as err:
        return fail(f"{path}: {why(err)}")
    for note in notes:
        print(f"wijkberaad: {path}: note: {note}", file=sys.stderr)
    report = build_report(game, lang, anonymous=args.anonymous, source=path.name, warnings=notes)
    return write_output(render(report, fmt), fmt, args.output)
