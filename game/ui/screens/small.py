"""The notice shown while the terminal is too small; the game underneath stays as it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import GameModal


class TooSmallScreen(GameModal[None]):
    """Covers everything until the terminal is large enough again."""

    def compose(self) -> ComposeResult:
        yield Static(id="small-text")

    def on_mount(self) -> None:
        self.refresh_text()

    def relabel(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        from ..app import MIN_SIZE

        width, height = self.app.size
        self.query_one("#small-text", Static).update(
            self.tr("small.title")
            + "\n\n"
            + self.tr("small.body", w=MIN_SIZE[0], h=MIN_SIZE[1], cw=width, ch=height)
        )
