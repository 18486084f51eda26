"""The consequences screen: what happened and why, with the article critique each consequence illustrates."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.engine.game import Outcome
from game.i18n import t

from .. import view
from ..widgets.footer import KeysFooter
from ..widgets.prose import Prose, view_style
from .base import GameScreen, localise_bindings

#: The name the app's one consequences screen is installed under.
NAME = "consequences"


class ConsequencesScreen(GameScreen[None]):
    """Each decision or piece of news, the meter changes with their causes, and the round's end.

    The app has one, built on the first decision and shown again after every other with :meth:`show`:
    a key press then costs the new text only, not composing the screen, its footer and their styles anew.
    """

    BINDINGS = [
        Binding("enter", "close", "Continue", id="continue"),
        Binding("space", "close", "Continue", show=False),
        Binding("c", "citation", "Source", id="citation"),
        Binding("h", "app.history", "History", id="history"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: list[Outcome] = []
        self.citations = False
        #: the language the bindings were last worded in (the app rewords only screens on its stack)
        self.worded = self.lang
        #: the app's styles this screen's widgets were last styled with (see :meth:`on_screen_resume`)
        self.styled: tuple[object, ...] | None = None

    @classmethod
    def of(cls, app: App, outcomes: list[Outcome]) -> ConsequencesScreen:
        """The app's consequences screen (installed when first asked for), showing ``outcomes``."""
        if not app.is_screen_installed(NAME):
            app.install_screen(cls(), NAME)
        screen = app.get_screen(NAME)
        assert isinstance(screen, cls)
        return screen.show(outcomes)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="cons-scroll"):
            yield Static(classes="page-title", id="cons-title")
            yield Static(id="cons-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#cons-scroll").focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Restyle the widgets only when the app's styles changed since they were styled (a new theme).

        Textual restyles every widget of a screen each time it is shown, in case the styles changed while it
        was off the stack; that was a large part of showing this screen again after a decision. This
        runs before Textual's own handler, which then skips it."""
        styled = _styles_key(self.app)
        if styled == self.styled:
            event.refresh_styles = False
        self.styled = styled

    def show(self, outcomes: list[Outcome]) -> ConsequencesScreen:
        """Show ``outcomes`` from the top, without sources, in the app's language."""
        self.outcomes, self.citations = outcomes, False
        if self.worded != self.lang:
            localise_bindings(self, self.lang)
            self.worded = self.lang
        if self.is_mounted:  # shown before: else on_mount fills it in
            self.relabel()
            self.query_one("#cons-scroll", VerticalScroll).scroll_home(animate=False)
        return self

    def relabel(self) -> None:
        self.worded = self.lang
        self.query_one("#cons-title", Static).update(t("cons.title", self.lang))
        self.render_body()

    def render_body(self) -> None:
        game = self.wapp.game
        assert game is not None
        out = Prose()
        sections = view.outcome_sections(game, self.outcomes, self.lang)
        for section in sections:
            out.heading(section.heading)
            for text_line in section.lines or [t("cons.no_changes", self.lang)]:
                out.add(text_line, style=view_style(text_line))
            for cid in section.critiques:
                lines = view.critique_lines(game, cid, self.lang, self.citations)
                if lines:
                    out.add("▶ " + lines[0], style="bold")
                    for text_line in lines[1:]:
                        out.add("  " + text_line, style="italic")
        if any(s.critiques for s in sections) and not self.citations:
            out.heading(t("cons.citation_hint", self.lang), style="dim")
        self.query_one("#cons-body", Static).update(out.render())

    def action_citation(self) -> None:
        self.citations = not self.citations
        self.render_body()

    def action_close(self) -> None:
        self.dismiss()


def _styles_key(app: App) -> tuple[object, ...]:
    """What the app's styles depend on while a game runs: its theme, and the terminal's colours (Textual
    styles anew when either changes)."""
    return (app.theme, app.ansi_color, app.ansi_theme_dark, app.ansi_theme_light)
