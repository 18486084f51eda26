"""The ending and debrief: the ending, the meters over the years, key decisions, critiques, questions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from game.i18n import text

from .. import view
from .base import GameScreen


class EndingScreen(GameScreen[None]):
    """What the game came to, laid out for the class discussion."""

    BINDINGS = [
        Binding("h", "app.history", "History", id="history"),
        Binding("n", "app.new", "New game", id="new"),
        Binding("escape", "app.title", "Title screen", id="title"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="end-scroll"):
            yield Static(id="end-body")
        yield Footer()

    def on_mount(self) -> None:
        self.render_body()
        self.query_one("#end-scroll").focus()

    def relabel(self) -> None:
        self.render_body()

    def render_body(self) -> None:
        game, lang = self.wapp.game, self.lang
        assert game is not None
        ending = game.ending()
        out = Text()
        if ending is not None:
            out.append(self.tr("end.title", title=text(ending.title, lang)), style="bold reverse")
            out.append("\n" + text(ending.text, lang))
        out.append("\n\n" + self.tr("end.chart"), style="bold underline")
        rows = view.chart_rows(game, lang)
        width = max((len(name) for name, _, _ in rows), default=8)
        for name, trend, span in rows:
            out.append(f"\n{name.ljust(width)} ")
            out.append(trend, style="bold")
            out.append(f"  {span}")
        table = view.chart_table(game, lang, self.size.width - 2 if self.size.width else 78)
        if table:
            out.append("\n")
            for n, line in enumerate(table):
                out.append("\n" + line, style="bold" if n == 0 else "")
        sections = [
            ("end.key", view.key_decisions(game, lang)),
            ("end.goals", view.goal_lines(game, lang)),
        ]
        for key, lines in sections:
            if lines:
                out.append("\n\n" + self.tr(key), style="bold underline")
                for line in lines:
                    out.append("\n• " + line)
        out.append("\n\n" + self.tr("end.critiques"), style="bold underline")
        came_up = view.critiques_came_up(game)
        if not came_up:
            out.append("\n" + self.tr("end.no_critiques"))
        for cid in came_up:
            critique = game.pack.critiques[cid]
            out.append(f"\n▶ {text(critique.title, lang)}", style="bold")
            out.append(f"\n  {text(critique.summary, lang)}")
            out.append(f"\n  {self.tr('cons.citation', citation=critique.citation)}", style="italic")
        questions = view.debrief_questions(game, lang)
        if questions:
            out.append("\n\n" + self.tr("end.questions"), style="bold underline")
            for n, question in enumerate(questions, start=1):
                out.append(f"\n{n}. {question}")
        self.query_one("#end-body", Static).update(out)
