"""The help screen: how to play and every key, from the Markdown file beside this module."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from ..widgets.footer import KeysFooter
from .base import GameScreen

HERE = Path(__file__).resolve().parent


def help_text(lang: str) -> str:
    """The help page in ``lang`` (help_nl.md or help_en.md)."""
    path = HERE / f"help_{lang}.md"
    if not path.is_file():
        path = HERE / "help_nl.md"
    return path.read_text(encoding="utf-8")


class HelpScreen(GameScreen[None]):
    """How to play; Escape goes back to where you were."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="back"),
        Binding("f1", "close", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll", classes="page"):
            yield Markdown(help_text(self.lang), id="help-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def relabel(self) -> None:
        self.query_one("#help-text", Markdown).update(help_text(self.lang))

    def action_close(self) -> None:
        self.dismiss()
