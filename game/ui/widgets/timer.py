"""The round timer bar: a countdown for each deliberation, one line above the play screen's footer.

It never decides: at zero it tells the table, and keeps counting the overtime.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.i18n import t

from ..classroom import deliberation_key, poll_timer, timer_of

__all__ = ["RoundTimerBar", "deliberation_key"]


class RoundTimerBar(Static):
    """One line: the time left for this deliberation, restarted for each new one, with pause and resume.

    The app follows the game (:func:`~game.ui.classroom.poll_timer`): when a new deliberation comes into
    view it restarts the countdown; at zero it tells the table (a notification and a bell, on whatever
    screen shows) and counts the overtime. The bar draws it. Both only ever read the game.
    """

    DEFAULT_CSS = """
    RoundTimerBar { height: 1; padding: 0 1; background: $boost; }
    RoundTimerBar.-warning { background: $warning 40%; }
    RoundTimerBar.-expired { background: $error 50%; text-style: bold; }
    """

    def on_mount(self) -> None:
        self.display = self.timer is not None
        self.tick()
        self.set_interval(0.5, self.tick)

    @property
    def timer(self):  # noqa: ANN201
        return timer_of(self.app)

    @property
    def _key(self) -> tuple | None:
        return getattr(self.app, "timer_key", None)

    def tick(self) -> None:
        """Draw the countdown. The app follows the timer and gives its signals (``poll_timer``, every
        half second on any screen); polling here too only makes the bar exact when it draws."""
        timer = self.timer
        if timer is None:
            self.display = False
            return
        self.display = True
        poll_timer(self.app)
        left = timer.remaining()
        running = timer.state != "idle" and self._key is not None
        self.set_class(running and 0 < left <= timer.warning_at, "-warning")
        self.set_class(running and left <= 0, "-expired")
        self.update(self.line(self.app.lang))

    def line(self, lang: str) -> Text:
        timer = self.timer
        out = Text(no_wrap=True, overflow="ellipsis")
        if timer is None:
            return out
        out.append(f"{t('timer.bar', lang)} ", style="bold")
        if self._key is None:
            out.append(t("timer.news", lang), style="dim")
            return out
        out.append(timer.display(), style="bold")
        if timer.overtime() > 0:
            out.append(f" {t('timer.over', lang)}")
        if timer.paused:
            out.append(f" · {t('timer.paused', lang)}", style="italic")
        out.append(f"   {t('timer.key_resume' if timer.paused else 'timer.key_pause', lang)}", style="dim")
        return out

    def toggle(self) -> None:
        """Pause or resume the countdown."""
        if self.timer is not None:
            self.timer.toggle()
            self.tick()
