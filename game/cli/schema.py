"""``wijkberaad schema [-o DIR]``: write JSON Schema files so editors complete and check content files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import fail, file_in_the_way


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


def run(args: argparse.Namespace) -> int:
    from game.data.schema import write_schemas

    blocker = file_in_the_way(args.output)
    if blocker is not None:
        return fail(f"-o {args.output}: {blocker} is a file; give a folder to write the schema files in")
    try:
        written = write_schemas(args.output)
    except OSError as err:
        return fail(f"cannot write to {args.output}: {err.strerror or err}")
    for path in written:
        print(path)
    print(f"{len(written)} schema file(s) written", file=sys.stderr)
    return 0
