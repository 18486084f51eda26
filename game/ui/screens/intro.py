"""The scenario's opening and a role's briefing: what players read before they act."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import t, text

from .. import view
from ..widgets.footer import KeysFooter
from ..widgets.prose import Prose
from .base import GameModal, GameScreen


class IntroScreen(GameScreen[None]):
    """The scenario's intro, its setting, and who plays which role; shown when a new game starts."""

    BINDINGS = [
        Binding("enter", "close", "Continue", id="continue"),
        Binding("space", "close", "Continue", show=False),
        Binding("escape", "app.title", "Title screen", id="title"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="intro-scroll"):
            yield Static(id="intro-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#intro-scroll").focus()

    def relabel(self) -> None:
        game, lang = self.wapp.game, self.lang
        assert game is not None
        sc = game.scenario
        out = Prose()
        out.heading(text(sc.title, lang), style="bold reverse")
        if sc.setting:
            out.add(text(sc.setting, lang), style="italic")
        out.gap()
        out.add(text(sc.intro, lang))
        out.heading(t("intro.roles", self.lang))
        for role in sc.roles:
            out.add("• " + view.who(game, role, lang, you=True))
        out.heading(t("intro.seed", self.lang, seed=game.state.seed, rounds=game.state.rounds), style="dim")
        self.query_one("#intro-body", Static).update(out.render())

    def action_close(self) -> None:
        self.dismiss()


class BriefingScreen(GameModal[None]):
    """A role's briefing, resource and private goals; only its own player opens it, on their turn."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="back"),
        Binding("r", "close", "Back", show=False),
        Binding("enter", "close", "Back", show=False),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="briefing-box"):
            yield Static(id="briefing-body")

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        game, lang = self.wapp.game, self.lang
        assert game is not None
        role = game.pack.roles[self.role]
        out = Prose()
        out.heading(
            t("play.briefing", self.lang, role=view.who(game, self.role, lang, ref=True)),
            style="bold reverse",
        )
        out.add(text(role.briefing, lang))
        resource = view.resource_line(game, self.role, lang)
        if resource:
            out.gap()
            out.add(resource)
        goals = game.goals(self.role)
        if goals:
            out.heading(t("play.goals", self.lang))
            for goal, met in goals:
                state = t("play.goal_met" if met else "play.goal_open", self.lang)
                out.add(f"{'✓' if met else '✗'} {text(goal.text, lang)} ({state})")
        self.query_one("#briefing-body", Static).update(out.render())

    def action_close(self) -> None:
        self.dismiss()
