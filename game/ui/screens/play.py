"""The play screen: meters always in view, the event, the deliberation board and the actor's options.

The turn order is the engine's: the screen asks :meth:`Game.step` who acts, lets the computer play its
roles, hands the keyboard over between people (hiding private knowledge until the next player is ready),
and shows the consequences of every decision.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static

from game.engine.game import Game, Outcome
from game.engine.steps import Step
from game.i18n import t, text

from .. import view
from ..widgets.board import DeliberationBoard
from ..widgets.choices import ChoiceList
from ..widgets.footer import KeysFooter
from ..widgets.meters import MeterPanel
from ..widgets.timer import RoundTimerBar
from .base import GameScreen


class PlayScreen(GameScreen[None]):
    """One game in play."""

    BINDINGS = [
        Binding("1", "pick(1)", "Pick 1-9", id="pick"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("h", "app.history", "History", id="history"),
        Binding("r", "briefing", "Role", id="briefing"),
        Binding("escape", "app.title", "Title screen", id="title", show=False),
        Binding("t", "timer", "Pause timer", show=False),
        # The options keep the focus (and the arrow keys); the event's text scrolls with shift. The footer
        # shows the key only while the text is longer than its room (check_action).
        Binding("shift+down", "scroll_event(3)", "More text", id="scroll_text"),
        Binding("shift+up", "scroll_event(-3)", show=False),
    ]

    def __init__(self, intro: bool = False) -> None:
        super().__init__()
        self.intro = intro
        #: the role whose player has the keyboard (private knowledge is shown only to them, on their turn)
        self.viewer: str | None = None
        #: the event on screen (events done so far, its id): a new one is shown from its top
        self.shown: tuple[int, str | None] | None = None
        #: just handed over: no option is highlighted and the first key only points at one, so Enters meant
        #: for the hand-over screen never choose for the next player unseen
        self.look_first = False
        #: just back from a consequences screen: no option is highlighted, so an Enter meant for that
        #: screen never chooses unseen (a number or the arrows still do)
        self.unpointed = False
        #: whether the event's text scrolls, as the footer last showed it (its "more text" key)
        self.scrolls = False

    @property
    def game(self) -> Game:
        game = self.wapp.game
        assert game is not None
        return game

    def compose(self) -> ComposeResult:
        yield Static(id="play-head")
        yield MeterPanel(id="play-meters")
        with Horizontal(id="play-body"):
            with Vertical(id="play-main"):
                with VerticalScroll(id="play-event"):
                    yield Static(id="event-title")
                    yield Static(id="event-text")
                # Outside the scrolling text: what only this player knows, or what others shared with the
                # decider, is part of the decision and stays in view with the board.
                yield Static(id="play-private")
                yield DeliberationBoard(id="play-board")
            with Vertical(id="play-side"):
                yield Static(id="choices-head")
                yield ChoiceList(id="play-choices")
        yield RoundTimerBar(id="play-timer")
        yield KeysFooter()

    def on_mount(self) -> None:
        if len(self.query("#event-title, #play-choices")) < 2:
            return  # the app is closing: Textual mounted no more of the widgets, there is nothing to draw on
        # The board's place depends on how tall the event's text, the knowledge and the board come out.
        for widget in (
            self.query_one("#play-event"),
            self.query_one("#play-private"),
            self.query_one(DeliberationBoard),
        ):
            self.watch(widget, "virtual_size", lambda _: self.call_after_refresh(self.fit_board), init=False)
        self.viewer = view.sole_player(self.game)
        if self.intro:
            from .intro import IntroScreen

            self.render_state()
            self.app.push_screen(IntroScreen(), lambda _: self.after(self.game.play_computer()))
        else:
            self.after(self.game.play_computer())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_event" and parameters and parameters[0] == 3:
            return self.query_one("#play-event", VerticalScroll).max_scroll_y > 0
        return True

    def action_scroll_event(self, lines: int) -> None:
        """Scroll the event's text (when it is longer than its column) without leaving the options."""
        self.query_one("#play-event", VerticalScroll).scroll_relative(y=lines, animate=False)

    def relabel(self) -> None:
        self.render_state()

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_board)
        if self.wapp.game is not None:
            self.show_heading()  # it shortens to the new width

    # -- the turn -------------------------------------------------------------------------------
    def after(self, outcomes: list[Outcome]) -> None:
        """Autosave, show what happened (if anything was decided), then give the next turn."""
        self.wapp.autosave()
        if self.wapp.hot_seat:
            self.viewer = None
        shown = [o for o in outcomes if o.record is not None or o.rounds]
        if shown:
            from .consequences import ConsequencesScreen

            def closed(_: object) -> None:
                self.unpointed = True
                self.next_turn()

            self.app.push_screen(ConsequencesScreen.of(self.app, shown), closed)
        else:
            self.next_turn()  # draws the screen (not before: a consequences screen would cover it)

    def next_turn(self) -> None:
        game = self.game
        if game.over:
            from .ending import EndingScreen

            self.app.switch_screen(EndingScreen())
            return
        actor = game.step().actor
        if self.wapp.hot_seat and game.is_human(actor) and actor != self.viewer:
            from .handover import HandOverScreen

            self.viewer = None
            self.render_state()

            def ready(_: object) -> None:
                self.viewer = actor
                self.look_first = True
                self.render_state()

            self.app.push_screen(HandOverScreen(actor), ready)  # type: ignore[arg-type]
            return
        if game.is_human(actor):
            self.viewer = actor
        self.render_state()

    def choose(self, choice_id: str) -> None:
        if self.playable(choice_id) is None:
            return
        outcome = self.game.choose(choice_id)
        self.after([outcome, *self.game.play_computer()])

    def playable(self, choice_id: str) -> Step | None:
        """The step ``choice_id`` may be played at from this screen, or None (said with a bell and a note when
        the choice is there but blocked). Nothing is chosen yet."""
        game = self.game
        step = game.step()
        if step.kind == "ended":
            return None
        if step.actor is not None and step.actor != self.viewer:
            return None  # the keyboard has not been handed over yet (or, remote: another seat acts)
        try:
            choice = step.choice(choice_id)
        except ValueError:
            return None
        if not choice.available:
            self.app.bell()
            self.notify(view.why_blocked(game, step, choice, self.lang), severity="warning")
            return None
        self.look_first = self.unpointed = False
        return step

    def action_briefing(self) -> None:
        from .intro import BriefingScreen

        if self.viewer is not None:
            self.app.push_screen(BriefingScreen(self.viewer))

    def action_timer(self) -> None:
        """Pause or resume the round timer (the classroom kit's; nothing happens without one)."""
        self.query_one(RoundTimerBar).toggle()

    def action_pick(self, number: int) -> None:
        step = self.game.step()
        if not 1 <= number <= len(step.choices):
            return
        if self.look_first:  # the first key after a hand-over points; the next one chooses
            self.look_first = False
            self.query_one(ChoiceList).highlighted = number - 1
            self.show_choices_head()
            return
        self.choose(step.choices[number - 1].id)

    @on(OptionList.OptionHighlighted, "#play-choices")
    def pointed(self, event: OptionList.OptionHighlighted) -> None:
        if self.look_first:  # the player moved the cursor: from now on Enter chooses
            self.look_first = False
            self.show_choices_head()

    @on(OptionList.OptionSelected, "#play-choices")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.choose(event.option_id)

    # -- drawing --------------------------------------------------------------------------------
    def render_state(self) -> None:
        self.call_after_refresh(self.fit_board)
        game, lang = self.game, self.lang
        self.show_heading()
        self.query_one(MeterPanel).show(view.meter_rows(game, lang))
        step = game.step()
        event = step.event
        self.query_one("#event-title", Static).update(
            Text(
                ("" if event is None or event.decider else t("play.news", self.lang) + ": ")
                + (text(event.title, lang) if event else ""),
                style="bold underline",
            )
        )
        shown = (len(game.state.history), event.id if event else None)
        if shown != self.shown:
            self.shown = shown
            self.query_one("#play-event", VerticalScroll).scroll_home(animate=False)
        body = Text()
        addressed = view.perspective(game, lang, self.viewer) if event else None
        if addressed:
            body.append(addressed + "\n", style="italic")
        body.append(text(event.text, lang) if event else "")
        self.query_one("#event-text", Static).update(body)
        private = self.query_one("#play-private", Static)
        lines = view.private_lines(game, lang, self.viewer) if self.viewer is not None else []
        private.display = bool(lines)
        out = Text()
        for n, (label, knowledge) in enumerate(lines):
            out.append(("\n" if n else "") + f"{label}: ", style="bold reverse")
            out.append(" " + knowledge)
        private.update(out)
        board = self.query_one(DeliberationBoard)
        board_lines = view.board_lines(game, lang)
        board.display = bool(event and event.decider)
        if event and event.decider:
            decides = t("play.decides", self.lang, role=view.role_name(game, event.decider, lang))
            board.show(
                f"{t('play.board', self.lang)} · {decides}",
                board_lines,
                t("play.board_empty", self.lang),
            )
        choices = self.query_one(ChoiceList)
        hidden = step.actor is not None and step.actor != self.viewer
        if step.kind == "ended" or hidden:
            self.query_one("#choices-head", Static).update("")
            choices.clear_options()
            return
        self.show_choices_head()
        unpointed = self.unpointed and step.kind != "news"  # news has one way on: Enter takes it
        choices.show(game, step, lang, highlight=not (self.look_first or unpointed))
        choices.focus()

    def show_heading(self) -> None:
        line = view.heading(self.game, self.lang, max(self.size.width - 2, 0) or None)
        self.query_one("#play-head", Static).update(
            Text(line, style="bold", no_wrap=True, overflow="ellipsis")
        )

    def show_choices_head(self) -> None:
        """Who chooses, with what at hand, and (just after a hand-over) how to choose."""
        game, lang = self.game, self.lang
        step = game.step()
        if step.kind == "news":
            head_text = Text(t("play.continue_news", self.lang), style="bold")
        else:
            head_text = Text(view.choices_head(game, step.kind, step.actor or "", lang), style="bold")
            res = view.resource_line(game, step.actor, lang) if step.actor else None
            if res:
                head_text.append("\n" + res)
        if self.look_first:
            head_text.append("\n" + t("play.look_first", self.lang), style="italic")
        self.query_one("#choices-head", Static).update(head_text)

    def fit_board(self) -> None:
        """Keep the knowledge on the table and the deliberation board in view: right under the event while
        all of it fits in the column, pinned to the column's foot (the event's text scrolling above them)
        when it does not (at 80x24)."""
        if self.wapp.game is None or not self.is_attached:
            return  # the game or this screen has gone since this was asked for
        main = self.query_one("#play-main", Vertical)
        scroll = self.query_one("#play-event", VerticalScroll)
        board = self.query_one(DeliberationBoard)
        if not main.size.height:
            return  # not laid out yet (another screen is on top): the sizes will say when it is
        private = self.query_one("#play-private", Static)
        fixed = sum(w.outer_size.height for w in (private, board) if w.display)
        if not fixed:
            main.remove_class("-pinned")
        else:
            # Pinned, the text is measured as it wraps beside its scrollbar (as long or longer than
            # without): it comes back to its full height only when all surely fits, and then stays, so
            # the layout never flips to and fro.
            pinned = main.has_class("-pinned")
            event_rows = scroll.virtual_size.height if pinned else scroll.outer_size.height
            main.set_class(event_rows + fixed > main.size.height, "-pinned")
        # The "more text" key shows only while the text scrolls: asked once the new layout is in place.
        self.call_after_refresh(self.show_scroll_key)

    def show_scroll_key(self) -> None:
        """Refresh the footer's keys when the "more text" key comes or goes, and only then: a refresh
        builds the footer's keys anew, and the board is fitted after every turn."""
        if not self.is_attached:
            return
        scrolls = self.query_one("#play-event", VerticalScroll).max_scroll_y > 0
        if scrolls != self.scrolls:
            self.scrolls = scrolls
            self.refresh_bindings()
