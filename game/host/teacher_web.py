"""The teacher's dashboard in the browser: ``/teacher`` and ``/teacher/projector``, served by the class server.

Plain HTML, one stylesheet and one small script of our own (``teacher_static/``), nothing from the
internet. The page asks for the teacher token (or takes it from the address's ``#token=...`` fragment,
which a browser never sends to the server) and calls the same teacher API as the terminal dashboard, with
the token in the ``Authorization`` header. The pages themselves hold no secret, so they are served to
anyone; what they show comes only through the API. Two small routes are added for them: the words in
either language (``/teacher/words``) and the class comparison (``/teacher/debrief``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import web

from game.classroom import teacher_words
from game.i18n import LANGUAGES, t, text

from .tables import HostedClass

#: The debrief's file in the class folder (one per language, made again each time it is asked for).
DEBRIEF_FILE = "klasvergelijking-{lang}.html"

#: The pages may run only our own script and style, and talk only to this server.
SECURITY = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

STATIC = {
    "teacher.js": "text/javascript",
    "teacher.css": "text/css",
}

Authorise = Callable[[web.Request], HostedClass]


def add_teacher_pages(app: web.Application, authorise: Authorise) -> None:
    """Mount the browser dashboard on ``app``; ``authorise`` checks the teacher token (and the Origin)."""
    app.router.add_get("/teacher", _page("dashboard"))
    app.router.add_get("/teacher/projector", _page("projector"))
    for name, kind in STATIC.items():
        app.router.add_get(f"/teacher/{name}", _static(name, kind))
    app.router.add_get("/teacher/words", _words(authorise))
    app.router.add_post("/teacher/debrief", _debrief(authorise))


def _read(name: str) -> str:
    return resources.files("game.host").joinpath("teacher_static", name).read_text(encoding="utf-8")


def _lang(request: web.Request) -> str:
    lang = request.query.get("lang", "")
    return lang if lang in LANGUAGES else "nl"


def _page(view: str) -> Any:
    async def handler(request: web.Request) -> web.Response:
        html = _read("teacher.html").replace("{view}", view)
        return web.Response(text=html, content_type="text/html", headers=SECURITY)

    return handler


def _static(name: str, kind: str) -> Any:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=_read(name), content_type=kind, headers=SECURITY)

    return handler


def names(hosted: HostedClass, lang: str) -> dict[str, Any]:
    """The content's names the dashboards show: roles, meters (with their range) and the scenario."""
    pack = hosted.pack
    scenario = pack.scenarios.get(hosted.setup.get("scenario", ""))
    return {
        "roles": {rid: text(role.name, lang) for rid, role in pack.roles.items()},
        "meters": {
            mid: {"name": text(m.name, lang), "min": m.min, "max": m.max} for mid, m in pack.meters.items()
        },
        "scenario": text(scenario.title, lang) if scenario else "",
    }


def _words(authorise: Authorise) -> Any:
    async def handler(request: web.Request) -> web.Response:
        lang = _lang(request)
        words = {key: t(key, lang) for key in teacher_words.TEACHER}
        # The content's names are not secret, but this is the teacher's page: no token, no names.
        hosted = authorise(request) if "Authorization" in request.headers else None
        return web.json_response(
            {"lang": lang, "words": words, "names": names(hosted, lang) if hosted else None},
            headers={"Cache-Control": "no-store"},
        )

    return handler


def _debrief(authorise: Authorise) -> Any:
    async def handler(request: web.Request) -> web.Response:
        hosted = authorise(request)
        lang = _lang(request)
        if not hosted.tables:
            code = "teach.debrief.none"
            body = {"type": "error", "code": code, "text": {g: t(code, g) for g in LANGUAGES}}
            return web.json_response(body, status=400)
        html = debrief_html(hosted, lang)
        path = write_debrief(hosted, lang, html)
        return web.json_response({"path": str(path) if path else "", "html": html})

    return handler


def debrief_html(hosted: HostedClass, lang: str) -> str:
    """The class comparison of every table, as ``wijkberaad compare DIR`` makes it from the class folder:
    the same games (each table's save is made from the game the server holds) and the same report."""
    from game.reports.compare import build_comparison, render_comparison

    games = [(f"table-{n:02d}", hosted.tables[n].game) for n in sorted(hosted.tables)]
    unreadable = [(f"table-{n:02d}.json", why[lang]) for n, why in sorted(hosted.unreadable.items())]
    return render_comparison(build_comparison(games, lang, unreadable=unreadable), "html")


def write_debrief(hosted: HostedClass, lang: str, html: str) -> Path | None:
    """Put the comparison in the class folder, next to the saves (atomically); None without a folder."""
    from game.files.saves import write_atomic

    if hosted.saves is None:
        return None
    path = hosted.saves.root / DEBRIEF_FILE.format(lang=lang)
    write_atomic(path, html.encode("utf-8"))
    return path
