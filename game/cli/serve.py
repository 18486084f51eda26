"""``wijkberaad serve``: the game in web browsers, one game process per tab (textual-serve)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

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


def make_server(args: argparse.Namespace, lang: str) -> Any:
    """A textual-serve ``Server`` with our offline page and words."""
    from aiohttp import web
    from textual_serve.server import Server

    text = {k: v for k, v in PAGE_TEXT[lang].items()}

    class ClassroomServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
            import aiohttp_jinja2

            context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
            context["text"] = text
            context["lang"] = lang
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def on_startup(self, app: web.Application) -> None:
            print(text["serving"].format(url=self.public_url), flush=True)
            if self.host in ("127.0.0.1", "localhost", "::1"):
                print(text["loopback"], flush=True)
            elif self.host in ("0.0.0.0", "::") and not args.public_url:
                print(text["wildcard"], flush=True)

    host = args.host
    url_host = f"[{host}]" if ":" in host else host
    return ClassroomServer(
        tab_command(args, lang),
        host=host,
        port=args.port,
        title="Wijkberaad",
        public_url=(args.public_url.rstrip("/") if args.public_url else f"http://{url_host}:{args.port}"),
        templates_path=TEMPLATES,
    )


def run(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    pack_folders(args, lang)
    saves_folder(args, lang)
    if not 0 < args.port < 65536:
        return fail(f"--port: not a port: {args.port}")
    server = make_server(args, lang)
    server.serve()
    return 0
