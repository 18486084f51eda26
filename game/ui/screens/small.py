"""The notice shown while the terminal is too small; the game underneath stays as it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.widgets import Static

from .base import GameModal


class TooSmallScreen(GameModal[None]):
    """Covers everything until the terminal is large enough again."""

    def __init__(self, size: Size | None = None) -> None:
        super().__init__()
        self._size_seen = size

    def compose(self) -> ComposeResult:
        yield Static(id="small-text")

    def on_mount(self) -> None:
        self.refresh_text(self._size_seen)

    def relabel(self) -> None:
        self.refresh_text()

    def refresh_text(self, size: Size | None = None) -> None:
        from ..app import MIN_SIZE

        if size is not None:
            self._size_seen = size
        width, height = self._size_seen or self.app.size
        self.query_one("#small-text", Static).update(
            self.tr("small.title")
            + "\n\n"
            + self.tr("small.body", w=MIN_SIZE[0], h=MIN_SIZE[1], cw=width, ch=height)
        )
