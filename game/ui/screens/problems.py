"""The screen that lists content problems instead of a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import t

from ..widgets.footer import KeysFooter
from .base import GameScreen


class ProblemsScreen(GameScreen[None]):
    """Every error the content has, each with file and line."""

    BINDINGS = [Binding("escape", "app.quit", "Quit", id="quit")]

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static(t("problems.title", self.lang), classes="page-title")
            yield Static("\n".join(self.problems), markup=False)
            yield Static(t("problems.hint", self.lang), classes="hint")
        yield KeysFooter()
