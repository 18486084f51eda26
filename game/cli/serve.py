"""``wijkberaad serve``: the game in web browsers, one game process per tab (textual-serve)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from game.files.safefile import shown
from game.i18n import t

from .common import (
    add_lang_option,
    add_pack_option,
    add_saves_option,
    fail,
    lang_of,
    pack_folders,
    saves_folder,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "serve" / "templates"
#: A class of 30 with room for reloads; each game is a process of its own (~60 MB).
MAX_TABS = 40
#: Saves one browser (group) may keep: autosaves of a few games and the named ones of a lesson series.
MAX_SAVES = 30

#: The page's own words, in both languages.
PAGE_TEXT = {
    "nl": {
        "loading": "Het spel wordt gestart…",
        "start": "Start",
        "ended": "Het spel is afgesloten.",
        "restart": "Opnieuw beginnen",
        "serving": "Wijkberaad draait op {url}  (stoppen: Ctrl+C)",
        "loopback": "Alleen deze computer kan het openen; gebruik --host om het aan een klas te tonen.",
        "wildcard": "Let op: geef ook --public-url met het adres van deze computer, anders vinden browsers "
        "het spel niet.",
    },
    "en": {
        "loading": "Starting the game…",
        "start": "Start",
        "ended": "The game has ended.",
        "restart": "Start again",
        "serving": "Wijkberaad is being served on {url}  (stop: Ctrl+C)",
        "loopback": "Only this computer can open it; use --host to show it to a class.",
        "wildcard": "Note: also give --public-url with this computer's address, or browsers cannot reach "
        "the game.",
    },
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Every browser tab gets its own game; saves go to the server's saves folder. Listens on this "
        "computer only unless --host is given (e.g. --host 0.0.0.0 --public-url http://192.168.1.20:8000)."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach this server (default: http://HOST:PORT)",
    )
    parser.add_argument(
        "--max-tabs",
        type=int,
        default=MAX_TABS,
        metavar="N",
        help=f"at most N games at once; more tabs are refused (default: {MAX_TABS})",
    )
    parser.add_argument(
        "--max-saves",
        type=int,
        default=MAX_SAVES,
        metavar="N",
        help=f"at most N saves per browser (group) (default: {MAX_SAVES})",
    )
    add_lang_option(parser)
    add_pack_option(parser)
    add_saves_option(parser, "where the tabs' saves go")


def tab_command(args: argparse.Namespace, lang: str) -> str:
    """The shell command textual-serve runs for each tab."""
    parts = [sys.executable, "-m", "game.serve.tab", "--lang", lang]
    for pack in args.packs:
        parts += ["--pack", str(Path(pack).resolve())]
    if args.saves_dir is not None:
        parts += ["--saves-dir", str(Path(args.saves_dir).resolve())]
    return shlex.join(parts)


def make_server(args: argparse.Namespace, lang: str) -> Any:  # noqa: ANN401 - a ClassroomServer
    """A textual-serve server with our offline page and words, and the classroom's guards
    (:mod:`game.serve.server`)."""
    from game.cli.webserver import ClassroomServer

    host = args.host
    url_host = f"[{host}]" if ":" in host else host
    return ClassroomServer(
        tab_command(args, lang),
        text=dict(PAGE_TEXT[lang]),
        lang=lang,
        max_tabs=args.max_tabs,
        max_saves=args.max_saves,
        host=host,
        port=args.port,
        title="Wijkberaad",
        public_url=(args.public_url.rstrip("/") if args.public_url else f"http://{url_host}:{args.port}"),
        templates_path=TEMPLATES,
    )


def _host_error(host: str, port: int, lang: str) -> str | None:
    """Why the server cannot listen on ``host`` (not an address or name this computer knows), or None."""
    import socket

    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        return t("serve.bad_host", lang, host=shown(host), reason=getattr(err, "strerror", None) or err)
    return None


def run(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    pack_folders(args, lang)
    saves_folder(args, lang)
    if not 0 < args.port < 65536:
        return fail(f"--port: not a port: {args.port}")
    for option, value in (("--max-tabs", args.max_tabs), ("--max-saves", args.max_saves)):
        if value < 1:
            return fail(t("serve.at_least_one", lang, option=option))
    problem = _host_error(args.host, args.port, lang)
    if problem:
        return fail(problem)
    server = make_server(args, lang)
    try:
        server.serve()
    except OSError as err:  # the port is taken, or the address is not this computer's
        return fail(
            t("serve.cannot_listen", lang, host=shown(args.host), port=args.port, reason=err.strerror or err)
        )
    return 0
