"""One game played in lines: the play screen's turn order, told as text and answered with typed numbers.

The order is the play screen's (game/ui/screens/play.py): the computer plays its roles, the consequences
are told, the keyboard is handed over between people, then the one whose turn it is reads the event and
chooses. The engine decides everything; this loop only asks and tells.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from game.classroom.timer import RoundTimer
from game.engine.game import Game, Outcome
from game.files.saves import SaveError, SaveStore, autosave_slot, slot_name
from game.i18n import save_error_text, t
from game.ui import view
from game.ui.classroom import deliberation_key, export_report

from . import text as lines
from .prompts import Command, read_command


class EndOfInput(Exception):
    """Standard input closed (Ctrl+D, or the end of a pipe)."""


class Quit(Exception):
    """The player typed quit."""


class Conversation:
    """Lines out, typed answers in: the prompts and the commands that work at every one of them.

    Without a game (the start menu) only help works; :class:`LineSession` answers the rest.
    """

    def __init__(self, lang: str, inp: Any, out: TextIO) -> None:
        self.lang = lang
        self.inp = inp
        self.out = out
        self._lock = threading.Lock()

    def write(self, *texts: str) -> None:
        with self._lock:
            for line in texts:
                self.out.write(line + "\n")
            self.out.flush()

    def poll_timer(self) -> None:
        """Tell the round timer's signals (a game has one; the start menu does not)."""

    def ask(self, question: str) -> Command:
        """Ask ``question`` until the answer is a number, Enter or other text; commands that show something
        (help, meters, history, role, save) are answered here and the question is asked again."""
        self.write(question)
        while True:
            self.poll_timer()
            line = self.inp.readline()
            if not line:
                raise EndOfInput
            command = read_command(line)
            if command.kind == "quit":
                raise Quit
            if command.kind in ("number", "enter", "text"):
                return command
            self.answer(command)
            self.write(question)

    def answer(self, command: Command) -> None:
        """Carry out a command that shows or keeps something."""
        if command.kind == "help":
            keys = ("number", "help", "meters", "history", "role", "again", "save", "quit", "both")
            self.write(t("help.title", self.lang), *(t(f"help.{key}", self.lang) for key in keys))
        elif command.kind != "again":
            self.write(t("bad.no_game", self.lang))

    def choose_number(self, question: str, count: int, why_not: dict[int, str] | None = None) -> int:
        """A number from 1 to ``count`` (not one of ``why_not``, which says why it cannot be chosen)."""
        lang = self.lang
        while True:
            command = self.ask(question)
            if command.kind == "number" and 1 <= command.number <= count:
                if why_not and command.number in why_not:
                    self.write(t("bad.unavailable", lang, n=command.number, why=why_not[command.number]))
                    continue
                return command.number
            if command.kind == "enter":
                self.write(t("bad.empty", lang))
            elif command.kind == "number":
                self.write(t("bad.number", lang, given=command.arg, n=count))
            else:
                self.write(t("bad.command", lang, given=command.arg))

    def wait_enter(self, question: str | None = None) -> None:
        """Wait for Enter (other commands work meanwhile; a number or stray text is told off)."""
        question = question or t("prompt.enter", self.lang)
        while self.ask(question).kind != "enter":
            self.write(t("bad.no_choice_here", self.lang))


class LineSession(Conversation):
    """The state of the conversation about one game (not of the game): who has the keyboard, the autosave.

    Args:
        game: the game to play (new or loaded).
        store: where saves go.
        lang: "nl" or "en".
        inp, out: where lines are read from and written to (standard input and output).
        timer: the round timer of ``--timer``, if any.
        saves_dir: the saves folder (the report goes beside it, as in the app).
    """

    def __init__(
        self,
        game: Game,
        store: SaveStore,
        lang: str,
        inp: Any,
        out: TextIO,
        *,
        timer: RoundTimer | None = None,
        saves_dir: Path | None = None,
    ) -> None:
        super().__init__(lang, inp, out)
        self.game = game
        self.store = store
        self.timer = timer
        self.saves_dir = saves_dir
        self.session = f"{game.state.scenario}-{game.state.seed}-{datetime.now():%Y%m%d-%H%M%S}"
        #: the role whose player has the keyboard: private knowledge is told only to them, on their turn
        self.viewer: str | None = view.sole_player(game)
        self.timer_key: tuple | None = None
        #: while the intro or consequences are being read, the next deliberation's countdown waits (as in the app)
        self.reading = False
        self._overwrite: str | None = None
        self._round_told = 0

    def answer(self, command: Command) -> None:
        """Carry out a command that shows or keeps something; the game goes on where it was."""
        game, lang = self.game, self.lang
        if command.kind == "meters":
            self.write(t("play.meters", lang), *lines.meter_lines(game, lang, self.viewer))
        elif command.kind == "history":
            self.write(*lines.history_lines(game, lang))
        elif command.kind == "role":
            if self.viewer is None:
                self.write(t("bad.role_hidden", lang))
            else:
                self.write(*lines.briefing_lines(game, self.viewer, lang))
        elif command.kind == "save":
            self.save(command.arg)
        else:
            super().answer(command)

    # -- saving -------------------------------------------------------------------------------------
    def autosave(self) -> str | None:
        """Write the autosave; returns why it failed, or None."""
        try:
            self.store.autosave(self.game, self.session)
        except Exception as err:  # noqa: BLE001 - a failed autosave must never end the game
            return save_error_text(err, self.lang)
        return None

    def autosave_path(self) -> Path:
        return self.store.path(autosave_slot(self.session))

    def save(self, name: str) -> None:
        lang = self.lang
        if not name:
            self.write(t("bad.save_name", lang))
            return
        try:
            slot = slot_name(name)
            info = self.store.save(self.game, slot, overwrite=self._overwrite == slot)
        except SaveError as err:
            if err.code == "exists":
                self._overwrite = slot
                self.write(t("save.exists", lang, slot=slot))
            else:
                self.write(t("save.failed", lang, reason=save_error_text(err, lang)))
            return
        self._overwrite = None
        self.write(t("save.done", lang, slot=info.slot, path=info.path))

    def farewell(self, key: str) -> None:
        """Autosave and say where the game is (``key``: how it ended, by quit or by end of input)."""
        problem = self.autosave()
        if problem:
            self.write(t("quit.not_saved", self.lang, reason=problem))
        else:
            self.write(t(key, self.lang, slot=autosave_slot(self.session), path=self.autosave_path()))

    # -- the round timer ----------------------------------------------------------------------------
    def poll_timer(self) -> None:
        """Start the countdown when a new deliberation is asked about, and tell its signals as lines.

        Called before each answer is read, so the game is not changing meanwhile."""
        if self.timer is None:
            return
        key = None if self.reading else deliberation_key(self.game)
        with self._lock:
            if key != self.timer_key:
                self.timer_key = key
                if key is None:
                    self.timer.stop()
                else:
                    self.timer.start()
        self.tell_signals()

    def tell_signals(self) -> None:
        """The round timer's signals that are due, as lines (the timer only measures: it decides nothing)."""
        if self.timer is not None:
            with self._lock:
                signals = self.timer.poll()
            self.write(*(t(f"timer.{signal}", self.lang) for signal in signals))

    def watch_timer(self) -> threading.Event:
        """Tell the timer's signals while a player thinks, from a thread; set the returned event to stop.

        The thread only reads the clock; the countdown starts and stops in :meth:`poll_timer`."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(0.5):
                self.tell_signals()

        threading.Thread(target=loop, name="round-timer", daemon=True).start()
        return stop

    # -- the game -----------------------------------------------------------------------------------
    def play(self, intro: bool = False) -> None:
        """Play until the game ends and the debrief is read, or until quit or end of input (both raise)."""
        if intro:
            self.write(*lines.intro_lines(self.game, self.lang, self.code()))
            self.read_then_enter()
        if not self.game.over:
            self.after(self.game.play_computer())
        while not self.game.over:
            self.turn()
        self.ending()

    def code(self) -> str | None:
        from game.classroom.session import encode

        st = self.game.state
        try:
            return encode(self.game.pack.id, st.scenario, st.variant, st.seed)
        except (ValueError, KeyError):
            return None

    def after(self, outcomes: list[Outcome]) -> None:
        """Autosave, tell what happened (if anything was decided), and wait until it has been read."""
        problem = self.autosave()
        if problem:
            self.write(t("play.autosave_failed", self.lang, reason=problem))
        if self.hot_seat:
            self.viewer = None
        shown = [o for o in outcomes if o.record is not None or o.rounds]
        if shown:
            self.write(*lines.consequence_lines(self.game, shown, self.lang))
            self.read_then_enter()

    def read_then_enter(self) -> None:
        """Wait for Enter after something to read; the round timer does not run meanwhile."""
        self.reading = True
        try:
            self.wait_enter()
        finally:
            self.reading = False

    @property
    def hot_seat(self) -> bool:
        return sum(1 for name in self.game.state.players.values() if name) > 1

    def turn(self) -> None:
        """Hand the keyboard over when another person acts, tell the state of play, and take a choice."""
        game, lang = self.game, self.lang
        step = game.step()
        if game.is_human(step.actor) and step.actor != self.viewer:
            if self.hot_seat:
                self.hand_over(step.actor)
            self.viewer = step.actor
        self.write(*lines.heading_lines(game, lang))
        if game.state.round != self._round_told:
            self._round_told = game.state.round
            self.write(t("play.meters", lang), *lines.meter_lines(game, lang))
        self.write(*lines.event_lines(game, lang, self.viewer))
        if step.kind == "news":
            self.wait_enter()
            choice = step.choices[0].id
        else:
            self.write(*lines.choice_lines(game, step, lang))
            why_not = {
                n: t(f"play.blocked.{c.blocked}", lang)
                for n, c in enumerate(step.choices, start=1)
                if not c.available
            }
            n = self.choose_number(t("prompt.pick", lang, n=len(step.choices)), len(step.choices), why_not)
            choice = step.choices[n - 1].id
        outcome = game.choose(choice)
        self.after([outcome, *game.play_computer()])

    def hand_over(self, role: str | None) -> None:
        game, lang = self.game, self.lang
        name = game.state.players.get(role or "") or ""
        self.write(t("handover.line", lang, role=view.role_ref(game, role, lang), name=name))
        self.wait_enter(t("handover.enter", lang, name=name))

    def ending(self) -> None:
        """The debrief, the report written beside the saves, and a last prompt before leaving."""
        lang = self.lang
        self.viewer = None
        self.write(*lines.ending_lines(self.game, lang))
        try:
            written = export_report(self)
        except OSError as err:
            self.write(t("end.report_failed", lang, reason=err.strerror or err))
        else:
            if written:
                self.write(t("end.report", lang, path=written[0]))
        self.wait_enter(t("prompt.end", lang))
