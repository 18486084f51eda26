"""``wijkberaad join``: take a seat at a table of the class server (``wijkberaad host``) from this screen."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace

from game.files.settings import settings_path
from game.i18n import t

from .common import (
    CliError,
    add_lang_option,
    add_pack_option,
    add_saves_option,
    add_theme_option,
    pack_folders,
    saves_folder,
)

#: A browser tab of the class server gets its seat token here, not on its command line (which others on
#: the server machine can read); game/host/web.py sets it.
SEAT_ENV = "WIJKBERAAD_SEAT"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Example: 'wijkberaad join http://192.168.1.20:8765/ --code K7P2QX --name Sanne'. What is not given "
        "is asked on the join screen. The seat is kept in the saves folder: 'wijkberaad join' again comes "
        "back to it."
    )
    parser.add_argument(
        "url", nargs="?", metavar="URL", help="the class server's address (as the teacher shows it)"
    )
    parser.add_argument("--code", metavar="CODE", help="the class code")
    parser.add_argument("--name", metavar="NAME", help="your name")
    parser.add_argument("--role", metavar="ROLE", help="the role you want (default: the first free one)")
    parser.add_argument("--table", type=int, metavar="T", help="the table you want (default: one with room)")
    add_lang_option(parser)
    add_theme_option(parser)
    add_pack_option(parser)
    add_saves_option(parser, "where saves go")
    # Internal: the class server's browser tabs (game/host/web.py) run 'join --browser' with the seat
    # token in $WIJKBERAAD_SEAT; such a tab keeps no token file (the tabs share the server's folders).
    parser.add_argument("--browser", action="store_true", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from game.host.client import SeatClient
    from game.ui.config import resolve_config
    from game.ui.remote.table import RemoteStart
    from game.ui.screens.join import checked_url

    config = resolve_config(
        lang=args.lang, theme=args.theme, settings_file=None if args.browser else settings_path()
    )
    lang = config.lang
    url = None
    if args.url:
        url = checked_url(args.url)
        if url is None:
            from game.ui.remote import words  # noqa: F401 - registers the words of remote mode

            raise CliError(t("join.cli.bad_url", lang, url=args.url))
    connect = SeatClient
    if args.browser:  # a tab of the class server: it names the browser it plays for (game/host/web.py)
        from functools import partial

        from game.host.web import TAB_ENV, TAB_HEADER

        connect = partial(SeatClient, headers={TAB_HEADER: os.environ.get(TAB_ENV, "")})
    start = RemoteStart(
        connect=connect,
        url=url,
        code=args.code,
        name=args.name,
        role=args.role,
        table=args.table,
        token=os.environ.get(SEAT_ENV) or None if args.browser else None,
        keep_tokens=not args.browser,
        browser=args.browser,
    )
    config = replace(
        config,
        packs=tuple(pack_folders(args, lang)),
        saves_dir=saves_folder(args, lang),
        remote=start,
    )
    from game.ui.launch import make_app

    make_app(config).run()
    return 0
