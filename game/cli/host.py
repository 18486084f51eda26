"""``wijkberaad host``: the class server; students join from their own screens, the teacher watches all."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import socket
import sys
from datetime import datetime
from pathlib import Path

from game.i18n import register, t

from .classroom import apply_code
from .common import CliError, add_lang_option, add_pack_option, add_saves_option, lang_of, load_content

MESSAGES: dict[str, dict[str, str]] = {
    "host.ready": {
        "nl": "Klasserver draait op {url}\n"
        "Leerlingen doen mee met:  wijkberaad join {url} --code {code} --name NAAM\n"
        "In de browser:  {url}play\n"
        "Docent:  wijkberaad dashboard --class-dir {folder}  (of in de browser: {url}teacher)\n"
        "Klascode: {code}\n"
        "Klasmap: {folder} (class.json bevat het docententoken; deel dat niet)\n"
        "Stoppen: Ctrl+C",
        "en": "Class server running at {url}\n"
        "Students join with:  wijkberaad join {url} --code {code} --name NAME\n"
        "In a browser:  {url}play\n"
        "Teacher:  wijkberaad dashboard --class-dir {folder}  (or in a browser: {url}teacher)\n"
        "Class code: {code}\n"
        "Class folder: {folder} (class.json holds the teacher token; do not share it)\n"
        "Stop: Ctrl+C",
    },
    "host.resumed": {
        "nl": "De klas in {folder} gaat verder ({tables} tafels hersteld); de opties voor scenario en seed "
        "van die klas gelden.",
        "en": "The class in {folder} carries on ({tables} tables restored); that class's scenario and seed "
        "apply.",
    },
    "host.unreadable": {
        "nl": "tafel {table} overgeslagen: {reason}",
        "en": "table {table} skipped: {reason}",
    },
    "host.class_file": {"nl": "{path} is geen map", "en": "{path} is not a folder"},
    "host.cannot_bind": {
        "nl": "kan niet luisteren op {host}:{port}: {reason}",
        "en": "cannot listen on {host}:{port}: {reason}",
    },
}
register(__name__, MESSAGES)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Example: 'wijkberaad host --short --lang nl'. Everything of the class lands in the class folder: "
        "the log (class.db), class.json (address, join code, teacher token) and a save per table, so "
        "'wijkberaad compare DIR' works on it. Starting again on the same folder carries the class on."
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    parser.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0: any free port)")
    parser.add_argument(
        "--class-dir",
        type=Path,
        metavar="DIR",
        help="the class folder (default: a new one in the saves folder)",
    )
    parser.add_argument(
        "--scenario", metavar="ID", help="the scenario every table plays (default: the first)"
    )
    parser.add_argument("--short", action="store_true", help="the scenario's short (classroom) variant")
    parser.add_argument(
        "--seed", type=int, metavar="N", help="the seed all tables share (default: a random one)"
    )
    parser.add_argument("--code", metavar="CODE", help="a session code: its scenario, length and seed")
    add_lang_option(parser)
    add_pack_option(parser)
    add_saves_option(parser)


def _setup(args: argparse.Namespace, pack, lang: str) -> dict:
    problem = apply_code(args, pack, lang)
    if problem:
        raise CliError(problem)
    from game.engine import GameError, check_setup
    from game.i18n import game_error_text

    try:
        scenario = check_setup(pack, args.scenario)
    except GameError as err:
        raise CliError(game_error_text(err, lang)) from None
    scenario_id = scenario.id
    variant = getattr(args, "code_variant", None)
    if args.short and variant is None:
        if not scenario.variants:
            raise CliError(t("no_short", lang, id=scenario_id))
        variant = scenario.variants[0].id
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    return {"scenario": scenario_id, "variant": variant, "seed": seed}


def _class_dir(args: argparse.Namespace, lang: str) -> Path:
    if args.class_dir is not None:
        folder = Path(args.class_dir).expanduser()
    else:
        from game.files.saves import saves_dir_from

        folder = saves_dir_from(args) / f"klas-{datetime.now():%Y%m%d-%H%M%S}"
    if folder.exists() and not folder.is_dir():
        raise CliError(t("host.class_file", lang, path=folder))
    return folder


def _shown_address(host: str) -> str:
    """The address students type: the machine's LAN address when listening on every interface."""
    if host in ("0.0.0.0", "::", ""):
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def run(args: argparse.Namespace) -> int:
    from game.host.classdir import open_class, write_class_file
    from game.host.server import make_app, serve_forever

    lang = lang_of(args)
    pack = load_content(args)
    setup = _setup(args, pack, lang)
    folder = _class_dir(args, lang)
    opened = open_class(folder, pack, setup)
    if opened.resumed:
        print(t("host.resumed", lang, folder=folder, tables=len(opened.hosted.tables)), file=sys.stderr)
    for table, reason in opened.hosted.unreadable.items():
        print(f"wijkberaad: {t('host.unreadable', lang, table=table, reason=reason[lang])}", file=sys.stderr)
    play = {
        "lang": lang,
        "packs": tuple(str(Path(d).resolve()) for d in args.packs),
        "saves_dir": str(Path(args.saves_dir).resolve()) if args.saves_dir else None,
    }
    app = make_app(opened.hosted, opened.code, opened.teacher_token, play=play)

    def ready(port: int) -> None:
        url = f"http://{_shown_address(args.host)}:{port}/"
        write_class_file(folder, url, opened.code, opened.teacher_token)
        print(t("host.ready", lang, url=url, code=opened.code, folder=folder), flush=True)

    try:
        asyncio.run(serve_forever(app, args.host, args.port, ready))
    except OSError as err:
        raise CliError(
            t("host.cannot_bind", lang, host=args.host, port=args.port, reason=err.strerror or err)
        ) from None
    finally:
        opened.hosted.log.store.close()
    return 0
