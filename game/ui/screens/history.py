"""The history screen: every round's events, inputs, decisions and effects, scrollable at any time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import t

from .. import view
from ..widgets.footer import KeysFooter
from ..widgets.prose import Prose, view_style
from .base import GameScreen


class HistoryScreen(GameScreen[None]):
    """The game so far, newest round last."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="back"),
        Binding("h", "close", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="hist-scroll"):
            yield Static(t("hist.title", self.lang), classes="page-title")
            yield Static(id="hist-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.render_body()
        scroll = self.query_one("#hist-scroll", VerticalScroll)
        scroll.focus()
        self.call_after_refresh(scroll.scroll_end, animate=False)

    def relabel(self) -> None:
        self.query_one(".page-title", Static).update(t("hist.title", self.lang))
        self.render_body()

    def render_body(self) -> None:
        game = self.wapp.game
        assert game is not None
        out = Prose()
        rounds = view.history_sections(game, self.lang)
        if not rounds:
            out.add(t("hist.empty", self.lang), style="italic")
        for label, sections in rounds:
            out.heading(f"── {label} ──", style="bold reverse")
            for section in sections:
                out.heading(section.heading, gap=False)
                for line in section.lines:
                    out.add(line, style=view_style(line))
                for cid in section.critiques:
                    lines = view.critique_lines(game, cid, self.lang, citation=False)
                    if lines:
                        out.add("▶ " + lines[0], style="italic")
        self.query_one("#hist-body", Static).update(out.render())

    def action_close(self) -> None:
        self.dismiss()
