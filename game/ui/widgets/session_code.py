"""The setup screen's classroom rows: the session code of the game being set up, a field to type another
group's code, and the round timer in minutes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from game.classroom.session import SessionCodeError, code_for, decode
from game.i18n import fmt_num, t

from ..classroom import parse_minutes, set_timer, timer_of


class SessionCodeLine(Vertical):
    """Shows the code for the scenario, length and seed chosen above it, and takes a code typed in.

    It reads the setup screen's own fields (``#setup-scenario``, ``#setup-length``, ``#setup-seed``)
    and, when a code is typed, fills them in; the setup screen needs no other change.
    """

    DEFAULT_CSS = """
    SessionCodeLine { height: auto; }
    SessionCodeLine #code-show { width: auto; min-width: 12; text-style: bold; padding: 0 2 0 0; }
    SessionCodeLine #code-enter { width: 1fr; }
    SessionCodeLine #timer-minutes { width: 12; }
    SessionCodeLine #code-message { height: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Horizontal(classes="setup-row"):
            yield Label(t("code.label", lang), classes="setup-label", id="code-label")
            yield Static(id="code-show")
            field = Input(placeholder=t("code.enter", lang), compact=True, id="code-enter")
            field.cursor_blink = getattr(self.app, "blink", True)
            yield field
        with Horizontal(classes="setup-row"):
            yield Label(t("timer.label", lang), classes="setup-label", id="timer-label")
            timer = timer_of(self.app)
            minutes = fmt_num(timer.seconds / 60, lang) if timer is not None else ""
            field = Input(minutes, placeholder=t("timer.off", lang), compact=True, id="timer-minutes")
            field.cursor_blink = getattr(self.app, "blink", True)
            yield field
        message = Static(id="code-message")
        message.display = False
        yield message

    def relabel(self) -> None:
        """The labels and hints in the app's (new) language; typed codes and minutes stay."""
        lang = self.app.lang
        self.query_one("#code-label", Label).update(t("code.label", lang))
        self.query_one("#code-enter", Input).placeholder = t("code.enter", lang)
        self.query_one("#timer-label", Label).update(t("timer.label", lang))
        self.query_one("#timer-minutes", Input).placeholder = t("timer.off", lang)
        self.say("")

    def say(self, message: str | Text) -> None:
        """Show a line under the rows (a code taken, or what is wrong); an empty message hides it."""
        shown = self.query_one("#code-message", Static)
        shown.update(message)
        shown.display = bool(str(message))

    def on_mount(self) -> None:
        self.refresh_code()
        # The setup's fields settle after their own mount; look again once they have, then keep following.
        self.call_after_refresh(self.refresh_code)
        self.set_interval(0.3, self.refresh_code)

    def _field(self, selector: str) -> Any:
        try:
            return self.screen.query_one(selector)
        except Exception:  # noqa: BLE001 - a setup screen without that field: no code to show
            return None

    def current(self) -> tuple[str, str | None, int] | None:
        """The scenario, variant and seed the setup screen holds now (None while the seed is not a number)."""
        scenario, length, seed = (self._field(s) for s in ("#setup-scenario", "#setup-length", "#setup-seed"))
        if scenario is None or seed is None or not isinstance(scenario.value, str):
            return None
        variant = (
            length.value if length is not None and isinstance(length.value, str) and length.value else None
        )
        try:
            number = int(seed.value.strip()) if seed.value.strip() else int(getattr(self.screen, "seed", 0))
        except ValueError:
            return None
        return scenario.value, variant, number

    def refresh_code(self) -> None:
        pack = getattr(self.app, "pack", None)
        found = self.current()
        shown = self.query_one("#code-show", Static)
        if pack is None or found is None or found[2] < 0:
            shown.update("—")
            return
        shown.update(Text(code_for(pack, *found), style="bold"))

    @on(Input.Submitted, "#code-enter")
    def take_code(self, event: Input.Submitted) -> None:
        """Fill in the scenario, length and seed of a typed code (Enter here does not start the game)."""
        event.stop()
        lang = self.app.lang
        try:
            session = decode(event.value, self.app.pack)
        except SessionCodeError as err:
            self.say(Text(err.message(lang), style="bold red"))
            return
        scenario, seed = self._field("#setup-scenario"), self._field("#setup-seed")
        if scenario is not None and scenario.value != session.scenario:
            scenario.value = session.scenario

        def rest() -> None:
            length = self._field("#setup-length")
            if length is not None:
                length.value = session.variant or ""
            if seed is not None:
                seed.value = str(session.seed)
            self.refresh_code()

        # Changing the scenario rebuilds the length choices first; set the length after that.
        self.set_timer(0.05, rest)
        self.say(t("code.taken", lang, code=event.value.strip().upper()))

    @on(Input.Changed, "#timer-minutes")
    def minutes_changed(self, event: Input.Changed) -> None:
        try:
            minutes = parse_minutes(event.value)
        except ValueError:
            self.say(Text(t("timer.bad", self.app.lang), style="bold red"))
            return
        set_timer(self.app, minutes)
        self.say("")

    @on(Input.Submitted, "#timer-minutes")
    def minutes_submitted(self, event: Input.Submitted) -> None:
        # Enter in the timer field moves on like any other field, once the minutes make sense.
        try:
            parse_minutes(event.value)
        except ValueError:
            event.stop()
