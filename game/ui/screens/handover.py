"""The hand-over screen of a hot-seat game: it covers everything until the next player is ready."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Button, Static

from game.i18n import t

from .. import view
from ..widgets.footer import KeysFooter
from .base import GameScreen


class HandOverScreen(GameScreen[str]):
    """ "Pass the keyboard to the youth worker — Sanne"; answers with the role once its player is ready.

    A full (opaque) screen, not a modal: nothing of the play screen may show through.
    """

    BINDINGS = [
        Binding("enter", "ready", "Continue", id="continue", priority=True),
        Binding("space", "ready", "Continue", show=False),
        # Back to the title screen, as on the play screen: the game waits in its autosave, and continuing
        # it comes back to this screen, so nothing private shows on the way.
        Binding("escape", "app.title", "Title screen", id="title"),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        game = self.wapp.game
        assert game is not None
        role = view.role_ref(game, self.role, self.lang)
        name = game.state.players.get(self.role) or ""
        with Vertical(id="handover-box"):
            yield Static(Text(t("handover.title", self.lang), style="bold"), classes="page-title")
            yield Static(
                Text(t("handover.pass", self.lang, role=role, name=name), style="bold"), id="handover-pass"
            )
            yield Static(t("handover.hint", self.lang, name=name), classes="hint")
            with Center():
                yield Button(
                    t("handover.ready", self.lang, name=name), variant="primary", id="handover-ready"
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#handover-ready", Button).focus()

    def relabel(self) -> None:
        async def again() -> None:
            await self.recompose()
            self.query_one("#handover-ready", Button).focus()

        self.call_later(again)

    @on(Button.Pressed, "#handover-ready")
    def action_ready(self) -> None:
        self.dismiss(self.role)
