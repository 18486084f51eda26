"""The join screen of ``wijkberaad join``: the class server's address, the class code and a name (and a
role and table if wanted); it asks only for what the command line did not give, and says why the server
refused, in the player's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from game.i18n import t, text

from ..remote import words  # noqa: F401 - registers the words of remote mode
from ..remote.table import Refused
from ..widgets.footer import KeysFooter
from .base import GameScreen, localise_textual

if TYPE_CHECKING:
    from ..remote.table import RemoteStart

#: The address filled in when none is given: the class server on this machine, as `host` starts it.
DEFAULT_URL = "http://127.0.0.1:8765/"
FIELDS = ("url", "code", "name")


def checked_url(url: str) -> str | None:
    """``url`` as ``http://host:port/`` when it is the address of a web server, else None."""
    url = url.strip()
    if url and "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return None
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/"


class JoinScreen(GameScreen[None]):
    """Where a student takes (or comes back to) a seat at the class server."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", id="quit")]

    def __init__(self, start: RemoteStart) -> None:
        super().__init__()
        self.start = start
        self.busy = False
        self._auto = True  # the first time the content is there, try at once with what was given

    @property
    def rapp(self) -> Any:  # noqa: ANN401 - the RemoteApp (game/ui/remote/app.py), which imports this screen
        return self.app

    def compose(self) -> ComposeResult:
        start = self.start
        with VerticalScroll(classes="page", id="join"):
            yield Static(t("join.title", self.lang), classes="page-title", id="join-title")
            yield Static(t("join.hint", self.lang), classes="hint", id="join-hint")
            yield self._row("url", start.url or DEFAULT_URL, "http://192.168.1.20:8765/")
            yield self._row("code", start.code or "", "K7P2QX")
            yield self._row("name", start.name or "", "Sanne")
            with Horizontal(classes="setup-row"):
                yield Label(t("join.role", self.lang), classes="setup-label", id="join-role-label")
                yield Select(
                    self._roles(), prompt=t("join.any_role", self.lang), compact=True, id="join-role"
                )
            yield self._row("table", str(start.table or ""), "1")
            yield Static(id="join-status", classes="error")
            with Horizontal(id="setup-buttons"):
                yield Button(t("join.go", self.lang), variant="primary", compact=True, id="join-go")
        yield KeysFooter()

    def _row(self, field: str, value: str, placeholder: str) -> Horizontal:
        box = Input(value, placeholder=placeholder, compact=True, id=f"join-{field}")
        box.cursor_blink = self.wapp.blink
        if field == "table":
            box.type = "integer"
        label = Label(t(f"join.{field}", self.lang), classes="setup-label", id=f"join-{field}-label")
        return Horizontal(label, box, classes="setup-row")

    def _roles(self) -> list[tuple[str, str]]:
        pack = self.wapp.pack
        if pack is None:
            return []
        return [(text(role.name, self.lang), role_id) for role_id, role in pack.roles.items()]

    def on_mount(self) -> None:
        localise_textual(self, self.lang)
        if self.start.role:
            self.call_after_refresh(self._pick_role, self.start.role)
        self._focus_first_missing()
        if self.wapp.pack is None:
            self.say(t("join.loading", self.lang), error=False)
        else:
            self.content_arrived()

    def _pick_role(self, role: str) -> None:
        select = self.query_one("#join-role", Select)
        if any(value == role for _, value in self._roles()):
            select.value = role

    def _focus_first_missing(self) -> None:
        for field in FIELDS:
            box = self.query_one(f"#join-{field}", Input)
            if not box.value.strip():
                box.focus()
                return
        self.query_one("#join-go", Button).focus()

    def relabel(self) -> None:
        for field in (*FIELDS, "role", "table"):
            self.query_one(f"#join-{field}-label", Label).update(t(f"join.{field}", self.lang))
        self.query_one("#join-title", Static).update(t("join.title", self.lang))
        self.query_one("#join-hint", Static).update(t("join.hint", self.lang))
        self.query_one("#join-go", Button).label = t("join.go", self.lang)
        select = self.query_one("#join-role", Select)
        value = select.value
        select.set_options(self._roles())
        select.prompt = t("join.any_role", self.lang)
        if value in {v for _, v in self._roles()}:
            select.value = value

    # -- the content and the server ---------------------------------------------------------------
    def content_arrived(self) -> None:
        if self.wapp.pack is None:
            self.say(t("join.no_content", self.lang))
            return
        self.relabel()
        if self.start.role:
            self._pick_role(self.start.role)
        self.say("", error=False)
        values = self.values()
        kept = values["url"] and self.rapp.kept_seat(values["url"], values["code"] or None)
        if self._auto and (kept or all(values[f] for f in FIELDS)):
            self.submit()
        self._auto = False

    def values(self) -> dict[str, Any]:
        got = {f: self.query_one(f"#join-{f}", Input).value.strip() for f in (*FIELDS, "table")}
        url = checked_url(got["url"]) if got["url"] else ""
        role = self.query_one("#join-role", Select).value
        return {**got, "url": url, "role": role if isinstance(role, str) else None}

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        fields = [*FIELDS, "table"]
        name = (event.input.id or "").removeprefix("join-")
        if name in fields[:-1]:
            self.query_one(f"#join-{fields[fields.index(name) + 1]}", Input).focus()
        else:
            self.submit()

    @on(Button.Pressed, "#join-go")
    def submit(self) -> None:
        if self.wapp.pack is None:  # asked while the content loads: done as soon as it is there
            self._auto = True
            return
        if self.busy:
            return
        raw_url = self.query_one("#join-url", Input).value.strip()
        values = self.values()
        if raw_url and values["url"] is None:
            self.say(t("join.bad_url", self.lang, url=raw_url))
            return
        table_text = values["table"]
        if table_text and not table_text.isdigit():
            self.say(t("join.bad_table", self.lang))
            return
        kept = values["url"] and self.rapp.kept_seat(values["url"], values["code"] or None)
        missing = [t(f"join.{f}", self.lang).lower() for f in FIELDS if not values[f]]
        if missing and not (values["url"] and kept):
            self.say(t("join.missing", self.lang, fields=", ".join(missing)))
            self._focus_first_missing()
            return
        self.busy = True
        if kept and kept.get("table"):
            self.say(t("join.resuming", self.lang, table=kept["table"]), error=False)
        else:
            self.say(t("join.connecting", self.lang, url=values["url"]), error=False)
        self.run_worker(self._take_seat(values, int(table_text) if table_text else None), group="join")

    async def _take_seat(self, values: dict[str, Any], table: int | None) -> None:
        try:
            await self.rapp.take_seat(
                values["url"], values["code"] or None, values["name"] or None, values["role"], table
            )
        except Refused as refusal:
            self.refused(refusal)
        finally:
            self.busy = False

    def refused(self, refusal: Refused) -> None:
        """Say why there is no seat (the server's words, in the player's language)."""
        if refusal.code == "missing":
            self.say(t("join.missing", self.lang, fields=t("join.code", self.lang).lower()))
            return
        self.say(refusal.text.get(self.lang) or refusal.code)

    def say(self, message: str, error: bool = True) -> None:
        status = self.query_one("#join-status", Static)
        status.set_class(error, "error")
        status.set_class(not error, "hint")
        status.update(message)
