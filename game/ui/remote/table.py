"""The seam between the app and the class server: :class:`RemoteTable`, which the app asks to join, resume
and choose instead of changing its game itself.

The connection is a :class:`SeatLink` (``game.host.client.SeatClient``, handed in by the command line:
the UI does not import the host's package). The link keeps the client's own copy of the table's game and
applies the server's broadcasts to it; this module keeps the link alive (reconnecting with a growing wait
after a drop) and tells the app what happened, as plain calls of :class:`TableEvents`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from . import words  # noqa: F401 - registers the words of remote mode

if TYPE_CHECKING:
    from game.engine.game import Game, Outcome
    from game.engine.pack import Pack


#: Why the server closed a seat's connection for good: coming back would take the seat from someone.
FINAL = ("kicked", "replaced", "bad_token")
#: Seconds before the first attempt to reconnect, and the longest wait between attempts.
FIRST_WAIT, LONGEST_WAIT = 0.5, 8.0


class SeatLink(Protocol):
    """What the app needs of its connection to one seat (``game.host.client.SeatClient`` has it)."""

    game: Game | None
    token: str | None
    table: int | None
    role: str | None
    seats: list[dict[str, Any]]
    paused: bool
    started: bool
    closed_by: str | None
    listeners: list[Callable[[dict[str, Any]], None]]
    outcome_listeners: list[Callable[[Outcome], None]]

    @property
    def seq(self) -> int: ...

    @property
    def connected(self) -> bool: ...

    def my_turn(self) -> bool: ...

    async def join(self, code: str, name: str, role: str | None = None, table: int | None = None) -> None: ...

    async def resume(self, token: str | None = None, timeout: float = 10.0) -> None: ...

    async def propose(self, choice: str) -> int: ...

    async def wait_closed(self) -> None: ...

    async def drop(self) -> None: ...


#: Makes the link for a server address and the content (``SeatClient(url, pack)``).
LinkFactory = Callable[[str, "Pack"], SeatLink]


@dataclass(frozen=True)
class RemoteStart:
    """What ``wijkberaad join`` was given: the app opens on the join screen and fills in the rest there."""

    connect: LinkFactory
    url: str | None = None
    code: str | None = None
    name: str | None = None
    role: str | None = None
    table: int | None = None
    token: str | None = None
    """A seat token to resume with (a browser tab's, from its address)."""
    keep_tokens: bool = True
    """Keep the seat token in the saves folder (not in a browser tab: they share the server's folder)."""
    browser: bool = False
    """Running as a browser tab of the class server: after a join the tab's address takes the token."""


class Refused(Exception):
    """The server (or the way to it) said no: ``code`` and the wording in each language."""

    def __init__(self, code: str, text: dict[str, str]) -> None:
        super().__init__(code)
        self.code = code
        self.text = text


class TableEvents(Protocol):
    """What the app hears from its table."""

    def table_message(self, message: dict[str, Any]) -> None: ...

    def table_moved(self, outcomes: list[Outcome]) -> None: ...

    def link_lost(self) -> None: ...

    def link_back(self) -> None: ...

    def link_closed(self, refusal: Refused) -> None: ...


def refusal_of(err: BaseException, url: str) -> Refused:
    """A failed join or resume as a refusal to show: the server's coded error, or why it was not reached."""
    from game.i18n import t

    code, text = getattr(err, "code", None), getattr(err, "text", None)
    if isinstance(code, str) and isinstance(text, dict):
        if code == "content_differs" or not text:
            key = "join.content_differs" if code == "content_differs" else "join.unreachable"
            return Refused(code, {lang: t(key, lang, url=url, reason=code) for lang in ("nl", "en")})
        return Refused(code, text)
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return Refused(
        "unreachable", {lang: t("join.unreachable", lang, url=url, reason=reason) for lang in ("nl", "en")}
    )


class RemoteTable:
    """One seat at a table of the class server, as the app sees it."""

    def __init__(self, link: SeatLink, url: str, events: TableEvents) -> None:
        self.link = link
        self.url = url
        self.events = events
        #: the moves applied since the app last took them (the consequences to show)
        self._moved: list[Outcome] = []
        link.listeners.append(self._heard)
        link.outcome_listeners.append(self._moved.append)

    # -- what the app reads ---------------------------------------------------------------------------
    @property
    def game(self) -> Game | None:
        return self.link.game

    @property
    def role(self) -> str | None:
        return self.link.role

    def seat_name(self, role: str | None) -> str | None:
        """The name of the person in ``role``'s seat (None: the computer plays it, or nobody yet)."""
        for seat in self.link.seats:
            if seat.get("role") == role and seat.get("name") and not seat.get("computer"):
                return str(seat["name"])
        return None

    # -- what the app asks ----------------------------------------------------------------------------
    async def join(self, code: str, name: str, role: str | None, table: int | None) -> None:
        """Take a seat; :class:`Refused` when the server (or the network) says no."""
        await self._sit(self.link.join(code, name, role, table))

    async def resume(self, token: str) -> None:
        """Come back to the seat ``token`` opens; :class:`Refused` as for :meth:`join`."""
        await self._sit(self.link.resume(token))

    async def _sit(self, asking: Awaitable[object]) -> None:
        try:
            await asking
        except Exception as err:  # noqa: BLE001 - every failure is worded for the player
            await self.link.drop()
            raise refusal_of(err, self.url) from None
        self._sync_players()

    async def choose(self, choice: str) -> None:
        """Send the choice as the current move; it takes effect when its broadcast comes back."""
        try:
            await self.link.propose(choice)
        except (ConnectionError, RuntimeError):
            pass  # the connection is going: keep_alive says so and resumes; the player chooses again

    # -- what the server says -------------------------------------------------------------------------
    def _heard(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind in ("table", "welcome"):
            self._sync_players()
        moved = self._moved[:]
        self._moved.clear()
        # A welcome from move 0 replays the table's past (a first join, a restarted program): not news. A
        # welcome after a drop brings the moves made meanwhile: those are shown like any other.
        if moved and not (kind == "welcome" and message.get("since") == 0):
            self.events.table_moved(moved)
        self.events.table_message(message)

    def _sync_players(self) -> None:
        """Put the seated people's names in the client's game (the screens name whoever acts); the
        choices, which are all the engine goes by, come only from the server."""
        game = self.link.game
        if game is None:
            return
        for role in game.state.players:
            game.state.players[role] = self.seat_name(role)

    async def keep_alive(self) -> None:
        """Resume after every drop, waiting longer each failed attempt, until the server closes the seat
        for good (kicked, opened elsewhere, token void); the app hears each change."""
        while True:
            await self.link.wait_closed()
            closed = self.link.closed_by
            if closed in FINAL:
                self.events.link_closed(refusal_of(_Coded(closed), self.url))
                return
            self.events.link_lost()
            wait = FIRST_WAIT
            while True:
                await asyncio.sleep(wait)
                try:
                    await self.link.resume()
                except Exception as err:  # noqa: BLE001 - the network is down: try again later
                    refusal = refusal_of(err, self.url)
                    if refusal.code in FINAL:
                        self.events.link_closed(refusal)
                        return
                    await self.link.drop()
                    wait = min(wait * 2, LONGEST_WAIT)
                    continue
                break
            self.events.link_back()


class _Coded(Exception):
    """A closing code the server gave, in its own words (protocol.ERRORS)."""

    def __init__(self, code: str) -> None:
        from game.i18n import t

        super().__init__(code)
        self.code = code
        self.text = {lang: t(code, lang) for lang in ("nl", "en")}
