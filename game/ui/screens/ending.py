"""The ending and debrief: the ending, the meters over the years, key decisions, critiques, questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import t, text

from .. import view
from ..widgets.footer import KeysFooter
from ..widgets.prose import Prose
from .base import GameScreen


class EndingScreen(GameScreen[None]):
    """What the game came to, laid out for the class discussion."""

    BINDINGS = [
        Binding("h", "app.history", "History", id="history"),
        Binding("n", "app.new", "New game", id="new"),
        Binding("escape", "app.title", "Title screen", id="title"),
        Binding("r", "report", "Report", id="report"),
        # The game is over and autosaved: saving still works, but its key leaves the footer to the
        # debrief's own keys, so they fit in 80 columns.
        Binding("ctrl+s", "app.save", "Save", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="end-scroll"):
            yield Static(id="end-body")
        yield KeysFooter()

    def action_report(self) -> None:
        """Write the debrief report (HTML, Markdown, CSV) to reports/ beside the saves."""
        from ..classroom import export_and_tell

        export_and_tell(self.app)

    def on_mount(self) -> None:
        self.render_body()
        self.query_one("#end-scroll").focus()

    def relabel(self) -> None:
        self.render_body()

    def render_body(self) -> None:
        game, lang = self.wapp.game, self.lang
        assert game is not None
        ending = game.ending()
        out = Prose()
        if ending is not None:
            out.heading(t("end.title", self.lang, title=text(ending.title, lang)), style="bold reverse")
            out.add(text(ending.text, lang))
        why = view.ending_why_lines(game, lang)
        if why:
            out.heading(t("end.why", self.lang))
            for row, style in why:
                out.add(row, style=style)
        out.heading(t("end.chart", self.lang))
        rows = view.chart_rows(game, lang)
        width = max((len(name) for name, _, _ in rows), default=8)
        for name, trend, span in rows:
            out.add(f"{name.ljust(width)} {trend}  {span}")
        table = view.chart_table(game, lang, self.size.width - 2 if self.size.width else 78)
        if table:
            out.gap()
            for n, row in enumerate(table):
                out.add(row, style="bold" if n == 0 else "")
        for key, lines in (
            ("end.key", view.key_decisions(game, lang)),
            ("end.goals", view.goal_lines(game, lang)),
        ):
            if lines:
                out.heading(t(key, self.lang))
                for row in lines:
                    out.add(row if row[:1] in "✓✗" else "• " + row)
        out.heading(t("end.critiques", self.lang))
        came_up = view.critiques_came_up(game)
        if not came_up:
            out.add(t("end.no_critiques", self.lang))
        for cid in came_up:
            critique = game.pack.critiques[cid]
            out.add(f"▶ {text(critique.title, lang)}", style="bold")
            out.add("  " + text(critique.summary, lang))
            out.add(
                "  " + t("cons.citation", self.lang, citation=text(critique.citation_text, lang)),
                style="italic",
            )
        questions = view.debrief_questions(game, lang)
        if questions:
            out.heading(t("end.questions", self.lang))
            for n, question in enumerate(questions, start=1):
                out.add(f"{n}. {question}")
        self.query_one("#end-body", Static).update(out.render())
