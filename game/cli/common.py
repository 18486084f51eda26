"""Options and helpers several commands share: packs, language, and printing problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        dest="packs",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the pack in DIR (repeatable)",
    )


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["nl", "en"], default=None, help="language (default: nl)")


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error for a person (no traceback) and return the exit status."""
    print(f"wijkberaad: {message}", file=sys.stderr)
    return code


def existing_dir(text: str) -> Path:
    """An argparse type: a folder that exists."""
    path = Path(text).expanduser()
    if not path.exists():
        raise argparse.ArgumentTypeError(f"folder not found: {text}")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"not a folder: {text}")
    return path
