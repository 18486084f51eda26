"""``wijkberaad play --lines``: the start (a game given on the command line, or a menu: new, continue,
load), then the game in lines; quitting and end of input autosave and end with exit status 0."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from game.classroom.timer import RoundTimer
from game.engine.game import Game
from game.engine.pack import Pack
from game.files.loader import ContentError
from game.files.saves import SaveError, SaveInfo, SaveStore, default_saves_dir
from game.i18n import save_error_detail, save_error_text, t, text

from .session import Conversation, EndOfInput, LineSession, Quit
from .text import sentence


def run_lines(*args: Any, **options: Any) -> int:
    """Play in lines (see :func:`play_lines`); when nobody reads the output any more (``| head``), leave
    quietly: every choice is autosaved already, and Python's last flush of standard output goes nowhere
    rather than complain about the pipe."""
    try:
        return play_lines(*args, **options)
    except BrokenPipeError:
        if options.get("out") in (None, sys.stdout):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def play_lines(
    lang: str,
    *,
    pack: Pack | None = None,
    load: Callable[[], Pack],
    scenario: str | None = None,
    variant: str | None = None,
    players: dict[str, str | None] | None = None,
    seed: int | None = None,
    timer_minutes: float | None = None,
    saves_dir: Path | None = None,
    inp: Any = None,
    out: TextIO | None = None,
) -> int:
    """Play in lines on ``out`` (standard output) from ``inp`` (standard input); returns the exit status.

    With ``players`` (``--role``, ``--players``, ``--scenario``, ``--code``…, checked by the command) the
    game starts at once, as the app does; without, a numbered menu offers a new game, the latest autosave
    and the saved games. ``load`` gives the content when ``pack`` is not loaded yet; ``seed`` None picks one.
    """
    out = out or sys.stdout
    inp = inp or sys.stdin
    if hasattr(out, "reconfigure"):
        # A console that cannot show a character gets a "?" rather than a crash mid-game.
        out.reconfigure(errors="replace")
    saves_dir = saves_dir or default_saves_dir()
    timer = RoundTimer.minutes(timer_minutes) if timer_minutes else None
    starter = _Starter(lang, SaveStore(saves_dir), inp, out)
    session: LineSession | None = None
    stop_timer = None
    try:
        starter.write(t("start.welcome", lang))
        pack = pack or load()
        if players:
            seed = seed if seed is not None else random.randrange(1, 100_000)
            game, intro = Game.new(pack, scenario, seed=seed, variant=variant, players=players), True
        else:
            game, intro = starter.menu(pack, seed)
            if game is None:
                starter.write(t("quit.bye", lang))
                return 0
        session = LineSession(game, starter.store, lang, inp, out, timer=timer, saves_dir=saves_dir)
        stop_timer = session.watch_timer() if timer is not None else None
        session.play(intro=intro)
        session.farewell("quit.ended")
    except (Quit, EndOfInput, KeyboardInterrupt) as end:
        # saved on the way out (autosaved at the end of input); before any game there is nothing to save
        if session is None:
            starter.write(t("quit.bye", lang))
        else:
            session.farewell("quit.eof" if isinstance(end, EndOfInput) else "quit.saved")
    except ContentError as err:
        starter.write(
            sentence(t("problems.title", lang)), *(str(p) for p in err.problems), t("problems.hint", lang)
        )
        return 1
    finally:
        if stop_timer is not None:
            stop_timer.set()
    return 0


class _Starter:
    """The menu before a game: a new game (scenario, length, who plays), the latest autosave, or a save."""

    def __init__(self, lang: str, store: SaveStore, inp: Any, out: TextIO) -> None:
        self.lang = lang
        self.store = store
        self.asker = Conversation(lang, inp, out)

    def write(self, *lines: str) -> None:
        self.asker.write(*lines)

    def pick(self, question: str, options: list[str]) -> int:
        """The number of the option chosen (from 1)."""
        self.write(sentence(question), *(sentence(f"{n}. {o}") for n, o in enumerate(options, start=1)))
        return self.asker.choose_number(t("prompt.pick", self.lang, n=len(options)), len(options))

    def menu(self, pack: Pack, seed: int | None) -> tuple[Game | None, bool]:
        """A game to play, and whether it is new (so its intro is read); (None, False) to stop."""
        lang = self.lang
        while True:
            infos = [i for i in self.store.list(pack) if i.readable and not i.ending]
            latest = next((i for i in infos if i.auto), None)
            options = [("new", t("title.new", lang))]
            if latest is not None:
                options.append(("continue", t("start.continue", lang, slot=self.label(pack, latest))))
            if infos:
                options.append(("load", t("title.load", lang)))
            options.append(("quit", t("title.quit", lang)))
            chosen = options[self.pick(t("start.menu", lang), [label for _, label in options]) - 1][0]
            if chosen == "quit":
                return None, False
            if chosen == "new":
                return self.new_game(pack, seed), True
            if chosen == "continue" and latest is not None:
                game = self.load(pack, latest)
            else:
                labels = [self.label(pack, i) for i in infos]
                n = self.pick(t("start.pick_save", lang), [*labels, t("start.back", lang)])
                game = self.load(pack, infos[n - 1]) if n <= len(infos) else None
            if game is not None:
                return game, False

    def label(self, pack: Pack, info: SaveInfo) -> str:
        scenario = pack.scenarios.get(info.scenario or "")
        name = text(scenario.title, self.lang) if scenario else info.scenario or ""
        players = ", ".join(info.humans)
        slot = t("load.auto", self.lang) if info.auto else info.slot
        entry = t("load.entry", self.lang, slot=slot, scenario=name, round=info.round, players=players)
        when = f", {info.saved_at:%Y-%m-%d %H:%M}" if info.saved_at else ""
        return entry.replace(" · ", ", ") + when

    def new_game(self, pack: Pack, seed: int | None) -> Game:
        lang = self.lang
        scenarios = list(pack.scenarios.values())
        scenario = scenarios[0]
        if len(scenarios) > 1:
            scenario = scenarios[
                self.pick(t("start.pick_scenario", lang), [text(s.title, lang) for s in scenarios]) - 1
            ]
        variant = None
        if scenario.variants:
            lengths = [t("setup.full", lang, rounds=scenario.rounds)]
            lengths += [
                t("setup.variant", lang, title=text(v.title, lang), rounds=v.rounds)
                for v in scenario.variants
            ]
            n = self.pick(t("start.pick_length", lang), lengths)
            variant = scenario.variants[n - 2].id if n > 1 else None
        players = self.names(pack, scenario.roles)
        seed = seed if seed is not None else random.randrange(1, 100_000)
        return Game.new(pack, scenario.id, seed=seed, variant=variant, players=players)

    def names(self, pack: Pack, roles: list[str]) -> dict[str, str | None]:
        """Who plays each role: a typed name, or Enter for the computer; at least one name."""
        lang = self.lang
        while True:
            players: dict[str, str | None] = {}
            for role in roles:
                name = text(pack.roles[role].name, lang)
                command = self.asker.ask(t("start.name_for", lang, role=name[:1].lower() + name[1:]))
                players[role] = command.arg.strip() if command.kind in ("text", "number") else None
            if any(players.values()):
                return players
            self.write(t("bad.need_name", lang))

    def load(self, pack: Pack, info: SaveInfo) -> Game | None:
        """The game in a save; when it replays differently, the player picks replay or saved state."""
        lang, slot = self.lang, info.slot
        try:
            loaded = self.store.load(slot, pack)
        except SaveError as err:
            if err.snapshot is None:
                self.write(t("load.failed", lang, reason=save_error_text(err, lang)))
                return None
            self.write(t("loadchoice.no_replay.title", lang, slot=slot), save_error_detail(err, lang))
            options = [t("loadchoice.snapshot", lang), t("loadchoice.cancel", lang)]
            if self.pick(t("start.load_choice", lang), options) == 1:
                self.write(t("load.from_snapshot", lang))
                return err.snapshot
            return None
        if loaded.mismatch_details:
            detail = loaded.mismatch_text(lang) or ""
            if loaded.snapshot_ok:
                self.write(t("loadchoice.mismatch.title", lang, slot=slot), sentence(detail))
                options = [
                    t("loadchoice.replay", lang),
                    t("loadchoice.snapshot", lang),
                    t("loadchoice.cancel", lang),
                ]
                n = self.pick(t("start.load_choice", lang), options)
                if n == 3:
                    return None
                self.write(t("start.loaded", lang, slot=self.label(pack, info)))
                return loaded.game if n == 1 else loaded.snapshot
            self.write(t("load.mismatch", lang, detail=detail))
        self.write(t("start.loaded", lang, slot=self.label(pack, info)))
        return loaded.game
