"""The screens of ``wijkberaad join`` at 80×24: the join screen (no server: the code is still missing) and
the remote play screen at a table of three, frozen with a fake link instead of a server (no network, no
clock: the other seats' moves are made by the test, the seat's own key goes through the app).

Update with ``pytest tests/ui/test_snapshots_join.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from game.engine import Game, choose_for
from game.ui.remote.table import RemoteStart
from tests.host_support import ROLES, SETUP, base_pack
from tests.ui.conftest import until

NAMES = {"minister": "Ahmed", "resident": "Sanne", "youth_worker": "Noor"}
URL = "http://192.168.1.20:8765/"


def never(url, pack):
    raise AssertionError("the join screen connects only once the code is given")


class FakeLink:
    """A seat at a started table of three, as ``SeatClient`` would hold it, with the server played by the
    test: :meth:`play` is a move broadcast by the server; this seat's own choice comes back at once.
    ``ahead`` moves were made (by the computer) before this seat joined: the table's past, not news to it."""

    def __init__(self, role: str, ahead: int = 0) -> None:
        self.ahead = ahead
        self.game: Game | None = None
        self.token: str | None = None
        self.table: int | None = None
        self.role: str | None = None
        self.want = role
        self.seats: list[dict[str, Any]] = [
            {"role": r, "name": n, "connected": True, "computer": False} for r, n in NAMES.items()
        ]
        self.paused = False
        self.started = True
        self.closed_by: str | None = None
        self.listeners: list = []
        self.outcome_listeners: list = []
        self._closed = asyncio.Event()

    @property
    def seq(self) -> int:
        return len(self.game.state.choices) if self.game else 0

    @property
    def connected(self) -> bool:
        return self.table is not None

    def my_turn(self) -> bool:
        return self.game is not None and self.game.step().actor == self.role

    async def join(self, code: str, name: str, role: str | None = None, table: int | None = None) -> None:
        self.game = new_table()
        for _ in range(self.ahead):
            self.game.choose(choose_for(self.game, self.game.step()))
        self.token, self.table, self.role = "t" * 32, 1, self.want
        self._tell({"type": "welcome", "since": 0, "table": 1, "role": self.role})

    async def resume(self, token: str | None = None, timeout: float = 10.0) -> None:
        raise AssertionError("the fake link never drops")

    async def propose(self, choice: str) -> int:
        seq = self.seq
        self.play(choice)
        return seq

    def play(self, choice: str | None = None) -> None:
        """The server's broadcast of a move (the computer's choice for the step when none is given)."""
        assert self.game is not None
        seq = self.seq
        outcome = self.game.choose(choice or choose_for(self.game, self.game.step()))
        for listener in list(self.outcome_listeners):
            listener(outcome)
        self._tell({"type": "choice", "seq": seq, "choice": choice})

    def _tell(self, message: dict[str, Any]) -> None:
        for listener in list(self.listeners):
            listener(message)

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def drop(self) -> None:
        pass


def new_table() -> Game:
    """The table's game as the server starts it (no one seated yet)."""
    players: dict[str, str | None] = {r: None for r in ROLES}
    return Game.new(base_pack(), SETUP["scenario"], seed=SETUP["seed"], variant="short", players=players)


def seated(make_app, role: str, lang: str, ahead: int = 0) -> tuple[Any, FakeLink]:
    link = FakeLink(role, ahead)
    start = RemoteStart(
        connect=lambda url, pack: link, url=URL, code="K7P2QX", name=NAMES[role], role=role, keep_tokens=False
    )
    return make_app(base_pack(), lang=lang, remote=start), link


async def at_the_table(pilot, link: FakeLink, moves: int = 0) -> None:
    """The seat is at the play screen after ``moves`` made by the others, their consequences closed."""
    from game.ui.screens.consequences import ConsequencesScreen
    from game.ui.screens.remote_play import RemotePlayScreen

    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, RemotePlayScreen))
    for _ in range(moves):
        link.play()
        for _ in range(10):  # the move's consequences, if any, are shown and closed
            await pilot.pause()
            if not isinstance(app.screen, ConsequencesScreen):
                break
            await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, RemotePlayScreen) and app.screen.query("#choices-head"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_join_screen(snap_compare, make_app, lang):
    start = RemoteStart(connect=never, url=URL, name="Sanne")
    assert snap_compare(make_app(lang=lang, remote=start), terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_join_screen_says_what_is_missing(snap_compare, make_app, lang):
    start = RemoteStart(connect=never, url=URL, name="Sanne")
    assert snap_compare(
        make_app(lang=lang, remote=start), press=["enter", "enter", "enter"], terminal_size=(80, 24)
    )


def test_remote_waiting_for_another_seat(snap_compare, make_app):
    """The minister's screen while the resident gives input: who acts, no options."""
    app, link = seated(make_app, "minister", "nl")

    async def before(pilot):
        await at_the_table(pilot, link)
        assert link.game.step().actor == "resident"
        head = str(pilot.app.screen.query_one("#choices-head").render())
        assert "De bewoner (Sanne) is aan zet; even wachten." in " ".join(head.split())

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


def test_remote_own_input_with_private_knowledge(snap_compare, make_app):
    """The youth worker's own turn, with what only the youth worker knows."""
    app, link = seated(make_app, "youth_worker", "nl")

    async def before(pilot):
        await at_the_table(pilot, link, moves=1)
        assert link.my_turn() and link.game.private_for("youth_worker")

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_remote_consequences_of_a_decision(snap_compare, make_app, lang):
    """The minister decides with the app's key; the consequences come back from the 'server'."""
    app, link = seated(make_app, "minister", lang)

    async def before(pilot):
        from game.ui.screens.consequences import ConsequencesScreen

        await at_the_table(pilot, link, moves=2)
        assert link.my_turn() and link.game.step().kind == "decision"
        await pilot.press("1")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConsequencesScreen))
        assert link.seq == 3

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


@pytest.mark.early
async def test_news_continued_first_by_someone_else_is_no_refusal_to_show(make_app):
    """Two people continue the same news; the server takes the first and refuses the other's as stale.
    The loser hears the winner's move before the refusal: the refusal is still not news to them."""
    from game.ui.screens.remote_play import RemotePlayScreen

    table = new_table()  # the resident joins at the table's first news (the moves before it are its past)
    while table.step().kind != "news":
        table.choose(choose_for(table, table.step()))
    app, link = seated(make_app, "resident", "en", ahead=len(table.state.choices))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_table(pilot, link)
        assert link.game.step().kind == "news"
        seq = link.seq
        sent: list[str] = []

        async def held(choice: str) -> int:  # the server has the choice, but someone else's came first
            sent.append(choice)
            return seq

        link.propose = held
        await pilot.press("1")
        await until(pilot, lambda: sent)
        link.play()  # the other person's "continue", broadcast to everyone
        text = {"nl": "Het spel is al verder.", "en": "The game has moved on."}
        link._tell({"type": "error", "seq": seq, "code": "stale_seq", "text": text})
        await until(pilot, lambda: not isinstance(app.screen, RemotePlayScreen))  # the news's consequences
        assert not [n.message for n in app._notifications]
