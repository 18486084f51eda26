"""The play screen at one seat of the class server: the local play screen, with the viewer fixed to the
seat and the game moved only by the server's broadcasts.

Private knowledge shows only on the screen of its role (the viewer never changes); when another role acts
the options give way to who is deciding; a choice is sent and takes effect when it comes back; a refusal
is said in the player's language and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events

from game.i18n import t

from .. import view
from ..remote import words  # noqa: F401 - registers the words of remote mode
from ..widgets.board import DeliberationBoard
from ..widgets.choices import ChoiceList
from .play import PlayScreen

if TYPE_CHECKING:
    from game.engine.game import Outcome

    from ..remote.table import RemoteTable


class RemotePlayScreen(PlayScreen):
    """One seat's view of a table on the class server."""

    def __init__(self, remote: RemoteTable) -> None:
        super().__init__(intro=False)
        self.remote = remote
        self.viewer = remote.role
        #: the move this screen sent a choice for, until its broadcast (or a refusal) comes back
        self.sent: int | None = None
        #: the move this screen last continued news at (anyone at the table may; the first one counts), kept
        #: past the broadcast, which comes before the server's refusal of a later "continue"
        self.sent_news: int | None = None
        #: moves heard while their consequences could not be shown yet (another consequences screen is up)
        self._queued: list[Outcome] = []
        self._showing = False
        #: whether the widgets are there to draw on: the server's news can come before the screen is composed
        self._ready = False

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not the local screen's start: the computer's moves come from the server
        if len(self.query("#event-title, #play-choices")) < 2:
            return
        for widget in (
            self.query_one("#play-event"),
            self.query_one("#play-private"),
            self.query_one(DeliberationBoard),
        ):
            self.watch(widget, "virtual_size", lambda _: self.call_after_refresh(self.fit_board), init=False)
        self.viewer = self.remote.role
        self._ready = True
        # what the table did while the screen was being composed: its consequences, else the turn now
        queued, self._queued = self._queued, []
        self.after(queued) if queued else self.next_turn()

    # -- what the server says -------------------------------------------------------------------------
    def heard(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "welcome":
            self.sent = None
        if kind == "error" and "seq" in message:
            self.refused(message)
        if kind in ("welcome", "table", "error") and self.is_attached and self.wapp.game is not None:
            self.render_state()

    def refused(self, message: dict[str, Any]) -> None:
        """A choice this screen sent was refused: say so; the game has not moved."""
        news = self.sent_news is not None and message.get("seq") == self.sent_news
        if message.get("seq") == self.sent:
            self.sent = None
        if message.get("code") == "stale_seq" and news:
            return  # someone at the table continued the news first: nothing to tell
        text = message.get("text") or {}
        self.notify(text.get(self.lang) or str(message.get("code")), severity="warning", timeout=8)

    def moved(self, outcomes: list[Outcome]) -> None:
        """Moves made at the table (this seat's or anyone's): show their consequences, then the next turn."""
        self.sent = None
        if self._showing or not self._ready:
            self._queued.extend(outcomes)
        else:
            self.after(outcomes)

    # -- the turn -------------------------------------------------------------------------------------
    def after(self, outcomes: list[Outcome]) -> None:
        shown = [o for o in outcomes if o.record is not None or o.rounds]
        if not shown:
            self.next_turn()
            return
        from .consequences import ConsequencesScreen

        self._showing = True

        def closed(_: object) -> None:
            self._showing = False
            self.unpointed = True
            queued, self._queued = self._queued, []
            self.after(queued) if queued else self.next_turn()

        self.app.push_screen(ConsequencesScreen.of(self.app, shown), closed)

    def next_turn(self) -> None:
        if self.game.over:
            from .ending import EndingScreen

            if self.app.screen is self:
                self.app.switch_screen(EndingScreen())
            return
        self.render_state()

    def choose(self, choice_id: str) -> None:
        if self.sent is not None or self.waits():
            return
        step = self.playable(choice_id)
        if step is None:
            return
        self.sent = self.remote.link.seq
        self.sent_news = self.sent if step.kind == "news" else None
        self.render_state()
        self.run_worker(self.remote.choose(choice_id), group="remote-choose")

    # -- drawing ----------------------------------------------------------------------------------------
    def waits(self) -> bool:
        """Whether this screen has nothing to choose now though the engine would let the seat act: the
        connection is down, or the table has not started."""
        link = self.remote.link
        return not link.connected or not link.started

    def status_line(self) -> str | None:
        """Why there are no options, or what is pending, in the player's language (None: choose)."""
        link, game, lang = self.remote.link, self.game, self.lang
        step = game.step()
        if not link.connected:
            return t("remote.lost", lang)
        if not link.started:
            return t("remote.waiting_start", lang)
        if self.sent is not None:
            return t("remote.sent", lang)
        if step.actor is not None and step.actor != self.viewer:
            return t("remote.waiting_for", lang, who=view.who(game, step.actor, lang, ref=False))
        if link.paused:
            return t("remote.paused", lang)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick" and self.is_mounted and not self.query_one(ChoiceList).option_count:
            return False  # no options on this screen now: the footer does not offer to pick
        return super().check_action(action, parameters)

    def render_state(self) -> None:
        if not self._ready:
            return  # on_mount draws the table as it is by then
        super().render_state()
        self.call_after_refresh(self.refresh_bindings)
        step = self.game.step()
        if step.kind == "ended":
            return
        line = self.status_line()
        if line is None:
            return
        head = Text(line, style="bold italic")
        if self.remote.link.paused and not self.waits() and self.sent is None:
            head = Text(line + "\n", style="bold italic")
            head.append(self._choices_head_text())
        else:
            self.query_one(ChoiceList).clear_options()
        self.query_one("#choices-head").update(head)

    def _choices_head_text(self) -> Text:
        step = self.game.step()
        if step.kind == "news":
            return Text(t("play.continue_news", self.lang), style="bold")
        return Text(view.choices_head(self.game, step.kind, step.actor or "", self.lang), style="bold")

    def show_heading(self) -> None:
        if self.remote.link.connected:
            super().show_heading()
            return
        self.query_one("#play-head").update(Text(t("remote.lost", self.lang), style="bold reverse"))
