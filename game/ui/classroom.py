"""The classroom kit in the app: its strings, the shared round timer, and exporting the debrief report.

Screens reach these through small hooks: the setup screen shows a :class:`~game.ui.widgets.session_code.
SessionCodeLine`, the play screen a :class:`~game.ui.widgets.timer.RoundTimerBar` when a timer is set, the
facilitator view (:mod:`game.ui.screens.facilitator`) is one key away, and the debrief screen exports the
report with :func:`export_report`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.classroom.timer import RoundTimer
from game.i18n import register, t

if TYPE_CHECKING:
    from game.engine.game import Game

    from .gameapp import GameApp

STRINGS: dict[str, dict[str, str]] = {
    "code.label": {"nl": "Sessiecode", "en": "Session code"},
    "code.enter": {"nl": "code van een andere groep…", "en": "another group's code…"},
    "code.hint": {
        "nl": "Andere groepen typen deze code in om hetzelfde spel te spelen.",
        "en": "Other groups type this code to play the same game.",
    },
    "code.taken": {
        "nl": "Code {code}: scenario, lengte en startgetal ingevuld.",
        "en": "Code {code}: scenario, length and seed set.",
    },
    "timer.label": {"nl": "Rondetimer (min)", "en": "Round timer (min)"},
    "timer.off": {"nl": "uit", "en": "off"},
    "timer.bad": {
        "nl": "De rondetimer is een aantal minuten (bijvoorbeeld 3), of leeg.",
        "en": "The round timer is a number of minutes (for example 3), or empty.",
    },
    "timer.bar": {"nl": "Beraad", "en": "Deliberation"},
    "timer.paused": {"nl": "gepauzeerd", "en": "paused"},
    "timer.news": {"nl": "nieuws: geen beraad", "en": "news: no deliberation"},
    "timer.warning": {"nl": "Nog even: rond het beraad af.", "en": "Almost time: wrap up the deliberation."},
    "timer.expired": {
        "nl": "De tijd is om. Kom tot een besluit: de timer beslist niet voor jullie.",
        "en": "Time is up. Come to a decision: the timer does not decide for you.",
    },
    "timer.over": {"nl": "over de tijd", "en": "over time"},
    "timer.key_pause": {"nl": "T: pauze", "en": "T: pause"},
    "timer.key_resume": {"nl": "T: verder", "en": "T: resume"},
    "key.timer": {"nl": "Timer pauze", "en": "Pause timer"},
    "facilitator.round": {"nl": "{name} {round} van {rounds}", "en": "{name} {round} of {rounds}"},
    "facilitator.news": {"nl": "Nieuws", "en": "News"},
    "facilitator.decides": {"nl": "{role} beslist", "en": "{role} decides"},
    "facilitator.ended": {"nl": "Afgelopen: {title}", "en": "Ended: {title}"},
    "facilitator.no_game": {"nl": "Er is nog geen spel bezig.", "en": "No game in play yet."},
    "report.saved_files": {
        "nl": "Verslag opgeslagen in {folder}: {files}",
        "en": "Report saved in {folder}: {files}",
    },
    "report.failed": {"nl": "Verslag niet opgeslagen: {reason}", "en": "Report not saved: {reason}"},
}


register(__name__, STRINGS)


# -- the round timer, one per app ------------------------------------------------------------------
def timer_of(app: GameApp) -> RoundTimer | None:
    """The app's round timer, or None when the class plays without one."""
    return app.round_timer


def set_timer(app: GameApp, minutes: float | None) -> RoundTimer | None:
    """Give the app a round timer of ``minutes`` (None or 0: no timer)."""
    app.round_timer = RoundTimer.minutes(minutes) if minutes else None
    return app.round_timer


#: Screens that come before a deliberation is in view: its countdown waits until they are closed.
_NOT_YET = ("IntroScreen", "ConsequencesScreen")


def deliberation_key(game: Game | None) -> tuple | None:
    """What identifies the deliberation in progress (None when there is none, or only news)."""
    if game is None or game.over or game.state.current is None:
        return None
    event = game.event
    if event is None or event.decider is None:
        return None
    return (game.state.round, len(game.state.history), game.state.current.event)


def shown_deliberation(app: GameApp) -> tuple | None:
    """The deliberation the table has in front of it: None while the scenario's introduction or the last
    decision's consequences are still being read, so the countdown does not start under them."""
    if any(type(s).__name__ in _NOT_YET for s in app.screen_stack):
        return None
    return deliberation_key(app.game)


def watch_timer(app: GameApp) -> None:
    """Follow the round timer from the app itself, so its signals reach the table on every screen (help,
    history, the projector view, a dialog) and not only when the play screen is on top."""
    app.set_interval(0.5, lambda: poll_timer(app), name="round-timer")


def poll_timer(app: GameApp) -> list[str]:
    """Restart the countdown when a new deliberation comes into view, and give the signals that are due
    (a notification on the screen showing now, and a bell at zero). Returns the signals given."""
    timer = timer_of(app)
    if timer is None:
        return []
    key = shown_deliberation(app)
    if key != app.timer_key:
        app.timer_key = key
        if key is None:
            timer.stop()
        else:
            timer.start()
    signals = timer.poll()
    lang = app.lang
    for signal in signals:
        app.notify(t(f"timer.{signal}", lang), severity="warning", timeout=8 if signal == "expired" else 5)
        if signal == "expired":
            app.bell()
    return list(signals)


def parse_minutes(value: str) -> float | None:
    """Minutes typed in the setup ("3", "2,5", "" for none); raises ValueError on anything else."""
    value = value.strip().replace(",", ".")
    if not value:
        return None
    minutes = float(value)
    if not 0 < minutes <= 120:
        raise ValueError(value)
    return minutes


# -- exporting the report --------------------------------------------------------------------------
def reports_dir(app: GameApp) -> Path:
    """Where exported reports go: ``reports/`` beside the saves folder."""
    from game.files.saves import default_saves_dir  # pydantic: not before the first frame

    saves = app.saves_dir or default_saves_dir()
    return Path(saves).parent / "reports"


def export_report(app: GameApp, now: datetime | None = None) -> list[Path]:
    """Write the current game's report as HTML, Markdown and CSV, named for the group (the slot the game
    was saved or loaded under, else its session); returns the files written."""
    # The reports (templates and all) are loaded only when a report is exported.
    from game.reports.export import write_reports
    from game.reports.report import build_report

    game = app.game
    if game is None:
        return []
    # The line mode's session has no save slot of its own: its session names it.
    name = getattr(app, "slot", None) or app.session
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return write_reports(build_report(game, app.lang), reports_dir(app), name=name, stamp=stamp)


def export_and_tell(app: GameApp) -> None:
    """Export the report and tell the player where each file went (or why they could not be written)."""
    lang = app.lang
    try:
        written = export_report(app)
    except OSError as err:
        app.notify(t("report.failed", lang, reason=err.strerror or err), severity="error", timeout=8)
        return
    if written:
        files = ", ".join(path.name for path in written)
        app.notify(t("report.saved_files", lang, folder=written[0].parent, files=files), timeout=10)
