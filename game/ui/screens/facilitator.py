"""The facilitator view: the meters in large digits and the current event, for a projector."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Digits, Static

from game.i18n import decimal, fmt_num, t, text

from ..classroom import poll_timer, timer_of
from ..widgets.footer import KeysFooter
from .base import GameScreen

BAR = 16


def big_number(value: float, lang: str = "nl") -> str:
    """A meter's value for the large digits: whole numbers (one decimal only below 10, with the decimal
    comma in Dutch)."""
    if abs(value) < 10 and value != int(value):
        return decimal(f"{value:.1f}", lang)
    return str(int(round(value)))


def meter_bar(value: float, low: float, high: float, width: int = BAR) -> str:
    filled = 0 if high <= low else round((value - low) / (high - low) * width)
    filled = max(0, min(width, filled))
    return "█" * filled + "░" * (width - filled)


class FacilitatorScreen(GameScreen[None]):
    """For a projector: the scenario, the round, the session code, the current event and every meter big.

    It follows the game as it is played (refreshing twice a second) and changes nothing; Escape goes back.
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="back"),
        Binding("f5", "close", "Back", show=False),
        Binding("space", "timer", "Timer", show=False),
    ]

    DEFAULT_CSS = """
    FacilitatorScreen { layout: vertical; }
    #fac-head { height: 1; padding: 0 1; text-style: bold reverse; }
    #fac-top { height: auto; max-height: 10; margin: 1 1 0 1; }
    #fac-event { width: 1fr; height: auto; padding: 0 1; border: heavy $primary; }
    #fac-timer { width: 24; height: auto; margin-left: 2; display: none; }
    #fac-timer.-on { display: block; }
    #fac-timer-label { text-style: bold; }
    #fac-meters { grid-size: 4; grid-rows: 5; grid-gutter: 0 2; height: 1fr; margin: 1 1 0 1; }
    .fac-meter { height: auto; }
    .fac-name { text-style: bold; }
    .fac-meter Digits { width: auto; }
    .fac-delta-up { color: $success; }
    .fac-delta-down { color: $error; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="fac-head")
        with Horizontal(id="fac-top"):
            yield Static(id="fac-event")
            with Vertical(id="fac-timer"):
                yield Static(id="fac-timer-label")
                yield Digits("0:00", id="fac-timer-digits")
        with Grid(id="fac-meters"):
            game = self.wapp.game
            if game is not None:
                for meter in game.pack.meters.values():
                    if meter.id in game.state.meters:
                        with Vertical(classes="fac-meter", id=f"fac-{meter.id}"):
                            yield Static(classes="fac-name")
                            yield Digits("0", classes="fac-value")
                            yield Static(classes="fac-bar")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.fit_columns()
        self.render_view()
        self.set_interval(0.5, self.render_view)

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """As many meter columns (up to four) as leave room for the longest meter name, so a name like
        "Uitvoeringskracht" is never broken in two; below that the names end in an ellipsis."""
        game = self.wapp.game
        if game is None or not self.size.width:
            return
        longest = max((len(text(m.name, self.lang)) for m in game.pack.meters.values()), default=0)
        usable = self.size.width - 2  # the grid's margins
        columns = 4
        while columns > 1 and (usable - 2 * (columns - 1)) // columns < longest:
            columns -= 1
        self.query_one("#fac-meters", Grid).styles.grid_size_columns = columns

    def relabel(self) -> None:
        self.render_view()

    def render_view(self) -> None:
        game, lang = self.wapp.game, self.lang
        head = self.query_one("#fac-head", Static)
        event_box = self.query_one("#fac-event", Static)
        if game is None:
            head.update(t("facilitator.no_game", lang))
            event_box.update("")
            return
        from game.classroom.session import game_code

        st = game.state
        round_text = t(
            "facilitator.round",
            lang,
            name=text(game.scenario.round_name, lang),
            round=min(st.round, st.rounds),
            rounds=st.rounds,
        )
        head.update(
            Text(
                # The code first: the one thing other groups need to read off the wall.
                f"{t('code.label', lang)} {game_code(game)} · {round_text} · "
                f"{text(game.scenario.title, lang)}",
                no_wrap=True,
                overflow="ellipsis",
            )
        )
        event_box.update(self.event_text(game, lang))
        self.render_timer(lang)
        for meter in game.pack.meters.values():
            if meter.id not in st.meters:
                continue
            box = self.query_one(f"#fac-{meter.id}", Vertical)
            value = st.meters[meter.id]
            start = (st.round_log[-1].meters if st.round_log else st.start).get(meter.id, value)
            delta = round(value - start, 1)
            # One line each: a name that wrapped would break mid-word and push the bar out of its row.
            name = Text(text(meter.name, lang), style="bold", no_wrap=True, overflow="ellipsis")
            bar = Text(meter_bar(value, meter.min, meter.max), no_wrap=True, overflow="crop")
            if delta:
                good = (delta > 0) == meter.higher_is_better
                name.append(
                    f"  {'▲' if delta > 0 else '▼'}{fmt_num(abs(delta), lang)}",
                    style="green" if good else "red",
                )
            box.query_one(".fac-name", Static).update(name)
            box.query_one(".fac-value", Digits).update(big_number(value, lang))
            box.query_one(".fac-bar", Static).update(bar)

    def event_text(self, game, lang: str) -> Text:  # noqa: ANN001 - a Game
        out = Text()
        ending = game.ending()
        if ending is not None:
            out.append(t("facilitator.ended", lang, title=text(ending.title, lang)).upper(), style="bold")
            out.append("\n\n" + text(ending.text, lang))
            return out
        event = game.event
        if event is None:
            return out
        if event.decider is None:
            out.append(t("facilitator.news", lang).upper() + ": ", style="bold")
        out.append(text(event.title, lang).upper(), style="bold")
        if event.decider is not None:
            role = text(game.pack.roles[event.decider].name, lang)
            out.append("\n" + t("facilitator.decides", lang, role=role), style="italic")
        out.append("\n\n" + text(event.text, lang))
        return out

    def render_timer(self, lang: str) -> None:
        timer = timer_of(self.app)
        box = self.query_one("#fac-timer", Vertical)
        box.set_class(timer is not None, "-on")
        if timer is None:
            return
        poll_timer(self.app)  # the app gives the signals; polling here keeps the digits exact
        label = t("timer.bar", lang)
        if timer.paused:
            label += f" ({t('timer.paused', lang)})"
        elif timer.overtime() > 0:
            label += f" ({t('timer.over', lang)})"
        self.query_one("#fac-timer-label", Static).update(label)
        self.query_one("#fac-timer-digits", Digits).update(timer.display())

    def action_timer(self) -> None:
        timer = timer_of(self.app)
        if timer is not None:
            timer.toggle()
            self.render_view()

    def action_close(self) -> None:
        self.dismiss()
