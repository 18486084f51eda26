"""``wijkberaad schema [-o DIR]``: write JSON Schema files so editors complete and check content files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import t

from .common import add_lang_option, fail, file_in_the_way, lang_of


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Writes pack.schema.json (for pack.yaml) and content.schema.json (for every other content file). "
        "Point a file at them with a first line like "
        "'# yaml-language-server: $schema=schema/content.schema.json'."
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("schema"),
        metavar="DIR",
        help="the folder to write to (default: ./schema)",
    )
    add_lang_option(parser)


def run(args: argparse.Namespace) -> int:
    # The schema files themselves are for editors and tools, so their descriptions stay as the models
    # document them; only what the command says to the person follows --lang.
    from game.authoring.schema import write_schemas

    lang = lang_of(args)
    blocker = file_in_the_way(args.output)
    if blocker is not None:
        return fail(t("schema.output_is_file", lang, output=args.output, path=blocker))
    try:
        written = write_schemas(args.output)
    except OSError as err:
        return fail(t("schema.cannot_write", lang, output=args.output, reason=err.strerror or err))
    for path in written:
        print(path)
    print(t("schema.written", lang, n=len(written)), file=sys.stderr)
    return 0
