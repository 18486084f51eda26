"""The notice shown while the terminal is too small; the game underneath stays as it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from game.i18n import t

from ..config import MIN_SIZE
from .base import GameModal


class TooSmallScreen(GameModal[None]):
    """Covers everything until the terminal is large enough again."""

    def __init__(self, size: Size | None = None) -> None:
        super().__init__()
        self._size_seen = size
        self._hidden: list[Widget] = []

    def compose(self) -> ComposeResult:
        yield Static(id="small-text")

    def on_mount(self) -> None:
        # The screens below are not seen (this one is opaque) but Textual still lays them out, and Rich
        # cannot wrap text in no width (a crash at a few columns): they are hidden until this one goes.
        for screen in self.app.screen_stack[:-1]:
            for child in screen.children:
                if child.display:
                    child.display = False
                    self._hidden.append(child)
        self.refresh_text(self._size_seen)

    def on_unmount(self) -> None:
        for child in self._hidden:
            child.display = True
        self._hidden.clear()

    def relabel(self) -> None:
        self.refresh_text()

    def refresh_text(self, size: Size | None = None) -> None:
        if size is not None:
            self._size_seen = size
        width, height = self._size_seen or self.app.size
        notice = self.query_one("#small-text", Static)
        # The padding would leave no room for a single letter in two or three columns.
        notice.styles.padding = (0, 1) if width > 4 else 0
        notice.update(
            t("small.title", self.lang)
            + "\n\n"
            + t("small.body", self.lang, w=MIN_SIZE[0], h=MIN_SIZE[1], cw=width, ch=height)
        )
