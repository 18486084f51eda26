"""The teacher's dashboard in the terminal: every table of the class server in one grid, and its controls.

It asks the server for the state of every table once a second (``GET /api/state``: a few kilobytes for a
class of thirty, a millisecond of the server's time) and redraws the cards; the controls are the teacher
API's calls. Words come from the teacher's catalogue (game/classroom/teacher_words.py) through t().
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.classroom import teacher_words  # noqa: F401 - registers the dashboards' words
from game.i18n import t

from ..screens.base import localise_bindings
from ..widgets.footer import KeysFooter
from .api import ApiError, TeacherApi
from .cards import projector_card, role_name, summary, table_card, unreadable

#: Seconds between two looks at the server.
POLL = 1.0
#: The narrowest a table's card may be (columns of the grid follow the terminal's width).
CARD_WIDTH = 26


def localise(node: DOMNode, lang: str) -> None:
    """Footer texts in the teacher's language: a binding with an id says ``teach.key.<id>``."""
    localise_bindings(node, lang, prefix="teach.key.")


class TableCard(Static, can_focus=True):
    """One table on the teacher's grid (Enter opens its seats)."""

    def __init__(self, table_id: int) -> None:
        super().__init__(id=f"table-{table_id}", classes="card")
        self.table_id = table_id


class DashboardApp(App[None]):
    """Every table of one class at a glance, for the teacher."""

    CSS_PATH = "dashboard.tcss"
    TITLE = "Wijkberaad"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("p", "pause", "Pause", id="pause"),
        Binding("s", "start", "Start", id="start"),
        Binding("l", "lock", "Lock", id="lock"),
        Binding("enter", "seats", "Seats", id="seats"),
        Binding("b", "projector", "Projector", id="projector"),
        Binding("d", "debrief", "Debrief", id="debrief"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self, api: TeacherApi, lang: str = "nl", *, poll: float = POLL, out_dir: Path | None = None
    ) -> None:
        super().__init__()
        self.api = api
        self.lang = lang
        self.poll = poll
        #: where the debrief is written when the server's own copy is on another machine
        self.out_dir = out_dir or Path.cwd()
        self.state: dict[str, Any] | None = None
        self.names: dict[str, Any] = {}
        self.problem: str | None = None
        #: one redraw at a time: a control's redraw and the timer's must not both add a new table's card
        self._drawing = asyncio.Lock()
        localise(self, lang)

    def compose(self) -> ComposeResult:
        yield Static(t("teach.title", self.lang), id="title")
        yield Static("", id="summary")
        yield Static("", id="problem")
        with VerticalScroll(id="tables"):
            yield Static(t("teach.no_tables", self.lang), id="empty")
            yield Grid(id="grid")
        yield Static(t("teach.legend", self.lang), id="legend")
        yield KeysFooter()

    async def on_mount(self) -> None:
        await self.refresh_state()
        self.set_interval(self.poll, self.refresh_state)

    async def on_unmount(self) -> None:
        await self.api.close()

    def on_resize(self) -> None:
        self.query_one("#grid", Grid).styles.grid_size_columns = max(1, self.size.width // CARD_WIDTH)

    # -- the state --------------------------------------------------------------------------------
    async def refresh_state(self) -> None:
        """Ask the server how every table is doing, then redraw (a failure is said, and tried again)."""
        try:
            if not self.names:
                self.names = await self.api.names(self.lang) or {}
            self.state = await self.api.state()
            self.problem = None
        except ApiError as err:
            self.problem = self._failure(err)
        await self._show()

    def _failure(self, err: ApiError) -> str:
        if err.code == "bad_token":
            return t("teach.bad_token", self.lang)
        if err.code == "unreachable":
            return t("teach.unreachable", self.lang, reason=err.detail)
        return t("teach.refused", self.lang, reason=err.worded(self.lang))

    async def _show(self) -> None:
        try:
            async with self._drawing:
                await self._draw()
        except NoMatches:  # a look that ends while the app is closing: nothing left to draw on
            pass

    async def _draw(self) -> None:
        problems = [p for p in (self.problem, self.state and unreadable(self.state, self.lang)) if p]
        problem = self.query_one("#problem", Static)
        problem.update("\n".join(problems))
        problem.display = bool(problems)
        if self.state is None:
            return
        self.query_one("#summary", Static).update(summary(self.state, self.lang))
        tables = self.state["tables"]
        self.query_one("#empty").display = not tables
        grid = self.query_one("#grid", Grid)
        cards = {card.table_id: card for card in grid.query(TableCard)}
        new = [TableCard(tb["table"]) for tb in tables if tb["table"] not in cards]
        if new:
            await grid.mount_all(new)
            cards.update({card.table_id: card for card in new})
        for tb in tables:
            card = cards[tb["table"]]
            card.update(table_card(tb, self.names, self.lang))
            card.set_class(tb["stuck"], "stuck")
            card.set_class(tb["over"], "over")
        for screen in self.screen_stack:
            if isinstance(screen, SeatsScreen | ProjectorScreen):
                screen.show()

    def table(self, table_id: int) -> dict[str, Any] | None:
        tables = self.state["tables"] if self.state else []
        return next((tb for tb in tables if tb["table"] == table_id), None)

    # -- the controls -----------------------------------------------------------------------------
    async def act(self, done: str | None, call: Any, **values: Any) -> Any:
        """Make one teacher call; say what was done (``done``: its key) or why it was refused; redraw."""
        try:
            result = await call
        except ApiError as err:
            self.notify(self._failure(err), severity="error")
            return None
        if done:
            self.notify(t(done, self.lang, **values))
        await self.refresh_state()
        return result if result is not None else True

    async def action_pause(self) -> None:
        paused = bool(self.state and self.state["paused"])
        await self.act("teach.done.resumed" if paused else "teach.done.paused", self.api.pause(not paused))

    async def action_lock(self) -> None:
        locked = bool(self.state and self.state["locked"])
        await self.act("teach.done.unlocked" if locked else "teach.done.locked", self.api.lock(not locked))

    @work(exclusive=True, group="ask")
    async def action_start(self) -> None:
        if await self.push_screen_wait(ConfirmScreen(t("teach.start_help", self.lang))):
            await self.start_tables(None)

    async def start_tables(self, table_id: int | None) -> None:
        started = await self.act(None, self.api.start(table_id))
        if started is not None:
            shown = ", ".join(map(str, started)) or "—"
            self.notify(t("teach.done.started", self.lang, tables=shown))

    def action_seats(self) -> None:
        focused = self.focused
        cards = list(self.query(TableCard))
        card = focused if isinstance(focused, TableCard) else (cards[0] if cards else None)
        if card is not None:
            self.push_screen(SeatsScreen(card.table_id))

    def action_projector(self) -> None:
        self.push_screen(ProjectorScreen())

    async def action_debrief(self) -> None:
        try:
            path, html = await self.api.debrief(self.lang)
        except ApiError as err:
            self.notify(t("teach.debrief.failed", self.lang, reason=err.worded(self.lang)), severity="error")
            return
        shown = Path(path) if path else None
        if shown is None or not shown.exists():  # the server is another machine: keep a copy here
            shown = self.out_dir / (Path(path).name if path else "klasvergelijking.html")
            try:
                shown.write_text(html, encoding="utf-8")
            except OSError as err:
                self.notify(t("teach.debrief.failed", self.lang, reason=err.strerror), severity="error")
                return
        self.notify(t("teach.debrief.written", self.lang, path=shown), timeout=30)


class SeatsScreen(ModalScreen[None]):
    """One table's seats: kick, a new token, the computer on or off, start the table."""

    BINDINGS = [
        Binding("k", "kick", "Kick", id="kick"),
        Binding("r", "reseat", "New token", id="reseat"),
        Binding("c", "computer", "Computer", id="computer"),
        Binding("s", "start_table", "Start", id="start_table"),
        Binding("escape", "dismiss", "Back", id="back"),
    ]

    def __init__(self, table_id: int) -> None:
        super().__init__()
        self.table_id = table_id

    @property
    def lang(self) -> str:
        return self.dash.lang

    @property
    def dash(self) -> DashboardApp:
        assert isinstance(self.app, DashboardApp)
        return self.app

    def compose(self) -> ComposeResult:
        lang = self.dash.lang
        with Vertical(id="seats-box"):
            yield Static(t("teach.seats.title", lang, n=self.table_id), classes="box-title")
            yield Static(t("teach.seats.help", lang), classes="hint")
            yield OptionList(id="seats")
        yield KeysFooter()

    def on_mount(self) -> None:
        localise(self, self.lang)
        self.show()

    def show(self) -> None:
        table = self.dash.table(self.table_id)
        listing = self.query_one("#seats", OptionList)
        if table is None:
            return
        keep = listing.highlighted
        listing.clear_options()
        for seat in table["seats"]:
            line = table_seat_line(seat, self.dash.names, self.lang)
            listing.add_option(Option(line, id=seat["role"]))
        listing.highlighted = keep if keep is not None else 0

    def _seat(self) -> dict[str, Any] | None:
        table = self.dash.table(self.table_id)
        listing = self.query_one("#seats", OptionList)
        if table is None or listing.highlighted is None:
            return None
        return table["seats"][listing.highlighted]

    def _role(self, seat: dict[str, Any]) -> str:
        return role_name(seat["role"], self.dash.names)

    @work(exclusive=True, group="ask")
    async def action_kick(self) -> None:
        seat = self._seat()
        if seat is None or seat["name"] is None:
            return
        question = t("teach.confirm.kick", self.lang, who=seat["name"], n=self.table_id)
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            await self.dash.act(
                "teach.done.kick",
                self.dash.api.kick(self.table_id, seat["role"]),
                n=self.table_id,
                role=self._role(seat),
            )

    async def action_reseat(self) -> None:
        seat = self._seat()
        if seat is None:
            return
        token = await self.dash.act(None, self.dash.api.reseat(self.table_id, seat["role"]))
        if token:
            self.app.push_screen(TokenScreen(self.table_id, self._role(seat), token))

    async def action_computer(self) -> None:
        seat = self._seat()
        if seat is None:
            return
        on = not seat["computer"]
        done = "teach.done.computer_on" if on else "teach.done.computer_off"
        call = self.dash.api.computer(self.table_id, seat["role"], on)
        await self.dash.act(done, call, n=self.table_id, role=self._role(seat))

    async def action_start_table(self) -> None:
        await self.dash.start_tables(self.table_id)


def table_seat_line(seat: dict[str, Any], names: dict[str, Any], lang: str) -> str:
    """A seat in the seats list: role, who sits there and how."""
    if seat["name"] is None:
        who = t("teach.empty", lang)
    else:
        who = seat["name"] if seat["connected"] else f"{seat['name']} ({t('teach.away', lang)})"
    mark = f" · ⚙ {t('teach.computer', lang)}" if seat["computer"] else ""
    return f"{role_name(seat['role'], names)}: {who}{mark}"


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question; Escape is no."""

    BINDINGS = [Binding("escape", "no", show=False)]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        lang = self.app.lang if isinstance(self.app, DashboardApp) else "nl"
        with Vertical(id="confirm-box"):
            yield Static(self.question)
            with Horizontal(classes="buttons"):
                yield Button(t("teach.confirm.yes", lang), id="yes", variant="warning")
                yield Button(t("teach.confirm.no", lang), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)


class TokenScreen(ModalScreen[None]):
    """A seat's new token, to hand to the student (shown once; the server keeps only its hash)."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Back", id="back")]

    def __init__(self, table_id: int, role: str, token: str) -> None:
        super().__init__()
        self.table_id, self.role, self.token = table_id, role, token

    def compose(self) -> ComposeResult:
        lang = self.app.lang if isinstance(self.app, DashboardApp) else "nl"
        with Vertical(id="token-box"):
            yield Static(t("teach.token.title", lang, n=self.table_id, role=self.role), classes="box-title")
            yield Static(self.token, id="token")
            yield Static(t("teach.token.hint", lang), classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        localise(self, self.app.lang if isinstance(self.app, DashboardApp) else "nl")


class ProjectorScreen(ModalScreen[None]):
    """For the class on the projector: every table's year (or done), event and meters; nothing private.

    Modal, so the dashboard's keys are off while it shows: no key puts a table's seats (names) up on the
    projector by mistake; Esc goes back to the dashboard first."""

    BINDINGS = [Binding("escape,b", "dismiss", "Back", id="back")]

    @property
    def dash(self) -> DashboardApp:
        assert isinstance(self.app, DashboardApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(t("teach.projector.title", self.dash.lang), id="projector-title")
        yield Static(t("teach.projector.pause", self.dash.lang), id="projector-pause")
        with VerticalScroll():
            yield Grid(id="projector-grid")

    async def on_mount(self) -> None:
        self.show()

    def on_resize(self) -> None:
        grid = self.query_one("#projector-grid", Grid)
        grid.styles.grid_size_columns = max(1, self.size.width // 38)

    def show(self) -> None:
        state, lang = self.dash.state, self.dash.lang
        if state is None:
            return
        self.query_one("#projector-pause").display = bool(state["paused"])
        grid = self.query_one("#projector-grid", Grid)
        cards = {card.id: card for card in grid.query(Static)}
        for tb in state["tables"]:
            key = f"projector-{tb['table']}"
            card = cards.get(key)
            if card is None:
                card = Static(id=key, classes="projector-card")
                grid.mount(card)
            card.update(projector_card(tb, self.dash.names, lang))
            card.set_class(tb["over"], "over")
