"""The round timer bar: a countdown for each deliberation, one line above the play screen's footer.

It never decides: at zero it tells the table, and keeps counting the overtime.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ..classroom import ct, timer_of


def deliberation_key(game: Any) -> tuple | None:
    """What identifies the deliberation in progress (None when there is none, or only news)."""
    if game is None or game.over or game.state.current is None:
        return None
    event = game.event
    if event is None or event.decider is None:
        return None
    return (game.state.round, len(game.state.history), game.state.current.event)


class RoundTimerBar(Static):
    """One line: the time left for this deliberation, restarted for each new one, with pause and resume.

    The bar watches the game: when a new deliberation starts it restarts the countdown; at zero it tells
    the table (a notification and a bell) and counts the overtime. It only ever reads the game.
    """

    DEFAULT_CSS = """
    RoundTimerBar { height: 1; padding: 0 1; background: $boost; }
    RoundTimerBar.-warning { background: $warning 40%; }
    RoundTimerBar.-expired { background: $error 50%; text-style: bold; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key: tuple | None = None

    def on_mount(self) -> None:
        self.display = self.timer is not None
        self.tick()
        self.set_interval(0.5, self.tick)

    @property
    def timer(self):  # noqa: ANN201
        return timer_of(self.app)

    def tick(self) -> None:
        timer = self.timer
        if timer is None:
            self.display = False
            return
        self.display = True
        key = deliberation_key(getattr(self.app, "game", None))
        if key != self._key:
            self._key = key
            if key is None:
                timer.stop()
            else:
                timer.start()
            self.set_class(False, "-warning", "-expired")
        lang = self.app.lang
        for signal in timer.poll():
            self.add_class(f"-{signal}")
            self.app.notify(
                ct(f"timer.{signal}", lang), severity="warning", timeout=8 if signal == "expired" else 5
            )
            if signal == "expired":
                self.app.bell()
        self.update(self.line(lang))

    def line(self, lang: str) -> Text:
        timer = self.timer
        out = Text(no_wrap=True, overflow="ellipsis")
        if timer is None:
            return out
        out.append(f"{ct('timer.bar', lang)} ", style="bold")
        if self._key is None:
            out.append(ct("timer.news", lang), style="dim")
            return out
        out.append(timer.display(), style="bold")
        if timer.overtime() > 0:
            out.append(f" {ct('timer.over', lang)}")
        if timer.paused:
            out.append(f" · {ct('timer.paused', lang)}", style="italic")
        out.append(f"   {ct('timer.key_resume' if timer.paused else 'timer.key_pause', lang)}", style="dim")
        return out

    def toggle(self) -> None:
        """Pause or resume the countdown."""
        if self.timer is not None:
            self.timer.toggle()
            self.tick()
