"""``wijkberaad dashboard``: the teacher's view of a running class server, in the terminal (or the browser)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from urllib.parse import quote, urlsplit

from game.classroom import teacher_words  # noqa: F401 - registers the dashboards' words
from game.i18n import t

from .common import CliError, add_lang_option, lang_of

#: Where the teacher token may also come from, so it need not stand on the command line (``ps`` shows that).
TOKEN_ENV = "WIJKBERAAD_TEACHER_TOKEN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Example: 'wijkberaad dashboard --class-dir DIR' on the machine that runs 'wijkberaad host' "
        "(the address and the token are read from DIR/class.json); from another machine: "
        "'wijkberaad dashboard http://192.168.1.20:8765/ --token TOKEN'."
    )
    parser.add_argument("url", nargs="?", metavar="URL", help="the class server's address")
    parser.add_argument(
        "--token", metavar="T", help="the teacher token (default: $WIJKBERAAD_TEACHER_TOKEN, else class.json)"
    )
    parser.add_argument(
        "--class-dir",
        type=Path,
        metavar="DIR",
        help="the class folder: read the address and the token from its class.json",
    )
    parser.add_argument(
        "--browser", action="store_true", help="open the dashboard in the web browser instead"
    )
    add_lang_option(parser)


def connection(args: argparse.Namespace, lang: str) -> tuple[str, str]:
    """The server's address and the teacher token, from the options, the environment and class.json."""
    from game.host.classdir import CLASS_FILE, read_class_file

    known: dict = {}
    if args.class_dir is not None:
        folder = Path(args.class_dir).expanduser()
        known = read_class_file(folder)
        if not known:
            raise CliError(t("teach.cli.no_class_file", lang, path=folder / CLASS_FILE))
    url = args.url or known.get("url")
    token = args.token or os.environ.get(TOKEN_ENV) or known.get("teacher_token")
    if not url:
        raise CliError(t("teach.cli.no_url", lang))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CliError(t("teach.cli.bad_url", lang, url=url))
    if not token:
        raise CliError(t("teach.cli.no_token", lang))
    return url if url.endswith("/") else url + "/", token


def run(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    url, token = connection(args, lang)
    if args.browser:
        import webbrowser

        # The token goes in the fragment, which the browser keeps to itself: no server log can hold it.
        page = f"{url}teacher?lang={lang}#token={quote(token, safe='')}"
        if not webbrowser.open(page):
            print(t("teach.cli.open_yourself", lang, url=f"{url}teacher"))
        return 0
    from game.ui.dashboard.api import TeacherApi
    from game.ui.dashboard.app import DashboardApp

    out_dir = Path(args.class_dir).expanduser() if args.class_dir is not None else None
    DashboardApp(TeacherApi(url, token), lang, out_dir=out_dir).run()
    return 0
