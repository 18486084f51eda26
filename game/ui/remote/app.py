"""The app in remote mode: it opens on the join screen and plays one seat of a table on the class server.

Everything the local app does with its game it does here too, except deciding when the game moves: a
choice goes to the :class:`~game.ui.remote.table.RemoteTable` and the screens follow the broadcasts.
Starting a new game, loading one or going to the title screen belong to a local game and are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events

from game.i18n import t

from ..app import WijkberaadApp
from . import words  # noqa: F401 - registers the words of remote mode
from .table import Refused, RemoteStart, RemoteTable
from .tokens import SeatTokens

if TYPE_CHECKING:
    from game.engine.game import Outcome
    from game.engine.pack import Pack

    from ..config import AppConfig


class RemoteApp(WijkberaadApp):
    """The game at one seat of the class server."""

    CSS_PATH = str(Path(__file__).resolve().parent.parent / "app.tcss")  # the app's own styles

    def __init__(
        self, config: AppConfig, pack: Pack | None = None, *, content: Callable[[], Pack] | None = None
    ) -> None:
        super().__init__(config, pack, content=content)
        assert config.remote is not None
        self.start: RemoteStart = config.remote
        self.remote: RemoteTable | None = None
        self.tokens: SeatTokens | None = None
        if self.start.keep_tokens:
            from game.files.saves import default_saves_dir

            self.tokens = SeatTokens(config.saves_dir or default_saves_dir())

    # -- start-up ---------------------------------------------------------------------------------
    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not the title screen of a local game
        from ..screens.join import JoinScreen

        self.push_screen(JoinScreen(self.start))
        self._check_size()

    def _content_ready(self) -> None:
        from ..screens.join import JoinScreen

        for screen in self.screen_stack:
            if isinstance(screen, JoinScreen):
                screen.content_arrived()

    async def on_unmount(self) -> None:
        link = self.remote.link if self.remote is not None else None
        self._let_go()
        if link is not None:  # close the connection while the event loop still runs
            await link.drop()

    def _let_go(self) -> None:
        """Stop keeping the current seat's connection alive (a new seat is taken, or the app ends)."""
        self.workers.cancel_group(self, "remote-link")
        self.remote = None

    @property
    def hot_seat(self) -> bool:
        return False  # one person at each screen: no hand-over

    # -- taking a seat ----------------------------------------------------------------------------
    def kept_seat(self, url: str, code: str | None) -> dict[str, Any] | None:
        """The seat this machine kept for the server (and code), if any."""
        if self.start.token:
            return {"token": self.start.token}
        found = self.tokens.find(url, code) if self.tokens else None
        return found[1] if found else None

    async def take_seat(
        self, url: str, code: str | None, name: str | None, role: str | None, table: int | None
    ) -> None:
        """Come back to the kept seat, else join; :class:`Refused` says why not."""
        assert self.pack is not None
        old = self.remote
        self._let_go()
        if old is not None:
            await old.link.drop()
        remote = RemoteTable(self.start.connect(url, self.pack), url, self)
        kept = self.kept_seat(url, code)
        seated = False
        if kept is not None:
            try:
                await remote.resume(kept["token"])
                seated = True
            except Refused as refusal:
                if refusal.code != "bad_token" or not (code and name):
                    raise
                self._forget(url, code)
        if not seated:
            if not (code and name):
                raise Refused("missing", {})
            await remote.join(code, name, role, table)
        self.remote = remote
        self.game = remote.game
        self._keep(url, code or (kept or {}).get("code") or "")
        if self.start.browser and remote.link.token and remote.link.token != self.start.token:
            # The tab's address takes the token, so a reload comes back to this seat (docs/host.md).
            self.open_url(f"/play?lang={self.lang}&seat={remote.link.token}", new_tab=False)
        self.run_worker(remote.keep_alive(), group="remote-link", exclusive=True)
        from ..screens.remote_play import RemotePlayScreen

        self.push_screen(RemotePlayScreen(remote))

    def _keep(self, url: str, code: str) -> None:
        link = self.remote.link if self.remote else None
        if self.tokens is None or link is None or not link.token or not code:
            return
        seat = {"token": link.token, "table": link.table, "role": link.role, "code": code.strip().upper()}
        self.tokens.keep(url, code, seat)

    def _forget(self, url: str, code: str | None) -> None:
        found = self.tokens.find(url, code) if self.tokens else None
        if self.tokens is not None and found is not None:
            self.tokens.forget(found[0])

    # -- what the table says (RemoteTable's TableEvents) --------------------------------------------
    def _play_screen(self) -> Any:
        from ..screens.remote_play import RemotePlayScreen

        return next((s for s in self.screen_stack if isinstance(s, RemotePlayScreen)), None)

    # The link calls these from its reader task; the screens' work is handed to the app's own queue, in
    # order, so a fault in a screen is the app's (shown, and failing a test), never a "lost connection".
    def table_message(self, message: dict[str, Any]) -> None:
        self.call_later(self._heard, message)

    def table_moved(self, outcomes: list[Outcome]) -> None:
        self.call_later(self._moved, outcomes)

    def _heard(self, message: dict[str, Any]) -> None:
        screen = self._play_screen()
        if screen is not None:
            screen.heard(message)

    def _moved(self, outcomes: list[Outcome]) -> None:
        screen = self._play_screen()
        if screen is not None:
            screen.moved(outcomes)

    def link_lost(self) -> None:
        self.notify(t("remote.lost", self.lang), severity="warning")
        screen = self._play_screen()
        if screen is not None:
            screen.render_state()

    def link_back(self) -> None:
        self.notify(t("remote.back", self.lang))
        screen = self._play_screen()
        if screen is not None:
            screen.render_state()

    def link_closed(self, refusal: Refused) -> None:
        """The server closed the seat for good: back to the join screen, saying why."""
        from ..screens.join import JoinScreen

        if refusal.code in ("bad_token", "kicked") and self.remote is not None:
            self._forget(self.remote.url, None)
        self.remote = None
        self.game = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, JoinScreen):
            self.pop_screen()
        if isinstance(self.screen, JoinScreen):
            self.screen.refused(refusal)

    # -- what belongs to a local game ----------------------------------------------------------------
    def _not_here(self) -> None:
        self.notify(t("remote.not_here", self.lang), severity="warning")

    def new_game(self, *args: Any, **kwargs: Any) -> None:
        self._not_here()

    def load_slot(self, slot: str) -> None:
        self._not_here()

    def continue_latest(self) -> None:
        self._not_here()

    def action_new(self) -> None:
        self._not_here()

    def action_load(self) -> None:
        self._not_here()

    def action_title(self) -> None:
        self._not_here()

    def to_title(self, keep: bool = False) -> None:
        self._not_here()

    def autosave(self) -> None:
        """The server keeps the class's games (a save per table in the class folder)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new", "load", "title", "save", "facilitator"):
            return False
        return super().check_action(action, parameters)

    def command_items(self) -> list[tuple[str, Callable[[], object]]]:
        items: list[tuple[str, Callable[[], object]]] = []
        if self.game is not None:
            items.append(("history", self.action_history))
        items += [
            ("help", self.action_help),
            ("language", self.action_toggle_language),
            ("theme", self.action_cycle_theme),
            ("quit", self.action_quit),
        ]
        return items
