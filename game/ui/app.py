"""The Wijkberaad Textual app, made by :func:`~game.ui.launch.make_app` from one
:class:`~game.ui.config.AppConfig`.

The app holds no game rules: screens show what the :class:`~game.engine.game.Game` says and pass on what
the players chose. Content loads in a thread so the title screen comes up at once.
"""

from __future__ import annotations

import asyncio
import gc
import random
from asyncio import AbstractEventLoop
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import Theme

from game.classroom.timer import RoundTimer
from game.files.settings import save_settings
from game.i18n import save_error_detail, save_error_text, t

from .classroom import watch_timer
from .config import MIN_SIZE, AppConfig
from .screens.base import _Localised, localise_bindings
from .screens.problems import ProblemsScreen
from .screens.small import TooSmallScreen
from .screens.title import TitleScreen

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.pack import Pack
    from game.files.saves import SaveStore

# Screens past the title are imported where they are first shown: they bring widgets (inputs, selects,
# Markdown) and modules (the engine, saves with pydantic) that the first frame would otherwise wait for.

CONTRAST = Theme(
    name="wijkberaad-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFAA00",
    error="#FF5555",
    success="#55FF55",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    text_alpha=1.0,
)
#: Setting name -> Textual theme.
THEMES = {"dark": "textual-dark", "light": "textual-light", "contrast": CONTRAST.name}

#: New objects Python's garbage collector lets pile up before it runs by itself (its default is 700). A key
#: press makes some 9,000 (drawing a screen makes many small ones), so with the default the collector ran a
#: dozen times between a key and the frame showing what it did; the app collects while the player reads
#: instead (:func:`collect_garbage`), and the collector runs by itself only after long stretches without a
#: decision.
GC_YOUNG = 50_000


class WijkberaadApp(App[None]):
    """The game in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "Wijkberaad"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+o", "load", "Load", id="load", show=False),
        Binding("f5", "facilitator", "Projector", id="facilitator", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "Commands", id="palette", show=False, priority=True),
    ]

    def __init__(
        self, config: AppConfig, pack: Pack | None = None, *, content: Callable[[], Pack] | None = None
    ) -> None:
        """The app for ``config`` (see :func:`make_app`), on ``pack`` or loading ``content`` in a thread."""
        super().__init__()
        self.config = config
        self.pack: Pack | None = pack
        self._content = content
        self.lang = config.lang
        self.theme_name = config.theme
        self.settings = config.settings
        self.seed = config.seed
        self.blink = config.blink
        self.saves_dir = config.saves_dir
        self.round_timer = RoundTimer.minutes(config.timer_minutes) if config.timer_minutes else None
        #: The deliberation the round timer counts down for (game/ui/classroom.py's poll_timer).
        self.timer_key: tuple | None = None
        self._autostart = config.start
        self.game: Game | None = None
        self.session: str | None = None
        #: The name the game was saved or loaded under (the group's name for its report files), if any.
        self.slot: str | None = None
        self.problems: list[str] = []
        self._store: SaveStore | None = None
        self._small: Screen | None = None
        #: The autosave being written off the frame's path (see :meth:`autosave`).
        self._saving: Future[None] | None = None
        #: the game and session to autosave once the frame showing the last choice is drawn
        self._save_due: tuple[Game, str] | None = None
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        #: whether this app holds the collector back (see :func:`hold_collector`)
        self._holds_collector = False
        self.register_theme(CONTRAST)
        self.theme = THEMES[self.theme_name]
        localise_bindings(self, self.lang)

    # -- start-up -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        watch_timer(self)
        self.push_screen(TitleScreen())
        problem = self.config.settings_problem
        if problem is not None:
            reason = t(f"settings.problem.{problem.code}", self.lang, detail=problem.detail)
            self.notify(
                t("settings.unreadable", self.lang, file=problem.path, reason=reason),
                severity="warning",
            )
        self._check_size()

    def on_ready(self) -> None:
        """The first frame is on the screen: now load the content (a thread started earlier competes with
        the first paint for the interpreter, and the player waits longer for the title)."""
        _freeze_startup_heap()
        hold_collector()
        self._holds_collector = True
        if self.pack is None and self._content is not None:
            self.run_worker(self._load_content, thread=True, group="content", exclusive=True)
        else:
            self._content_ready()

    def _load_content(self) -> None:
        # The loader is imported in the content thread, after the first frame; a pack from the content
        # cache needs neither YAML nor pydantic (game/files/cache.py).
        from game.files.loader import ContentError

        try:
            assert self._content is not None
            pack = self._content()
        except ContentError as err:
            self.call_from_thread(
                self._content_failed, [str(p) for p in err.problems if p.severity == "error"]
            )
            return
        self.call_from_thread(self._content_loaded, pack)

    def _content_loaded(self, pack: Pack) -> None:
        self.pack = pack
        self._content_ready()
        # Once the menu is drawn, ready the save boundary (pydantic) while the player reads it, so the first
        # autosave, which the next choice waits for, need not.
        self.call_after_refresh(self.run_worker, _ready_saves, thread=True, group="saves")

    def _content_failed(self, problems: list[str]) -> None:
        self.problems = problems
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.content_arrived()
        self.push_screen(ProblemsScreen(problems))

    def _content_ready(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.content_arrived()
        if self._autostart is not None and self.pack is not None:
            start, self._autostart = self._autostart, None
            self.new_game(start.scenario, start.variant, self.seed, start.players)

    # -- size -----------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        width, height = size or self.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and self._small is None:
            self._small = TooSmallScreen(size)
            self.push_screen(self._small)
        elif small and self._small is not None:
            self._small.refresh_text(size)
        elif not small and self._small is not None:
            if self.screen is self._small:
                self.pop_screen()
            self._small = None

    # -- saves ----------------------------------------------------------------------------------
    @property
    def store(self) -> SaveStore:
        """The save store, made when first asked for (the saves module brings pydantic)."""
        if self._store is None:
            from game.files.paths import default_saves_dir
            from game.files.saves import SaveStore

            self._store = SaveStore(self.saves_dir or default_saves_dir())
        return self._store

    def autosave(self) -> None:
        """Write the game's autosave in a thread once the frame that shows the choice is drawn (a thread
        writing meanwhile would hold the interpreter's lock in turns with the drawing), and collect the
        garbage the choice left while the player reads what it did.

        It is on disk before the next key press or click is handled (:meth:`on_event` starts it if the
        frame has not come yet, and waits for it), and written atomically like every save; one write at a
        time, in order.
        """
        if self.game is None or self.session is None:
            return
        self.settle_autosave()
        self._save_due = (self.game, self.session)
        self.call_after_refresh(self._start_autosave)
        self.call_after_refresh(collect_garbage)

    def _start_autosave(self) -> None:
        if self._save_due is None:
            return
        (game, session), self._save_due = self._save_due, None
        loop = asyncio.get_running_loop()
        self._saving = self._saver.submit(self._write_autosave, self.store, game, session, loop)

    def _write_autosave(self, store: SaveStore, game: Game, session: str, loop: AbstractEventLoop) -> None:
        """In the autosave thread: write, and tell the app when it failed (a failure never ends the game)."""
        try:
            store.autosave(game, session)
        except Exception as err:  # noqa: BLE001 - a failed autosave must never end the game
            with suppress(RuntimeError):  # the app has closed: nobody to tell
                loop.call_soon_threadsafe(self._autosave_failed, err)

    def _autosave_failed(self, err: Exception) -> None:
        self.notify(
            t("play.autosave_failed", self.lang, reason=save_error_text(err, self.lang)), severity="warning"
        )

    def settle_autosave(self) -> None:
        """Wait until the autosave being written (if any) is on disk."""
        self._start_autosave()
        if self._saving is not None:
            self._saving.result()
            self._saving = None

    async def on_event(self, event: events.Event) -> None:
        # A key press or click may make the next choice: the last one's autosave is on disk first.
        if isinstance(event, events.InputEvent):
            self._start_autosave()
        if isinstance(event, events.InputEvent) and self._saving is not None:
            await asyncio.wrap_future(self._saving)
            self._saving = None
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._start_autosave()
        self._saver.shutdown(wait=True)  # the last autosave reaches the disk before the app is gone
        if self._holds_collector:
            self._holds_collector = False
            release_collector()

    def load_slot(self, slot: str) -> None:
        if self.pack is None:
            return
        from game.files.saves import AUTO_PREFIX, SaveError  # with pydantic, like the store itself

        from .screens.saves import LoadChoiceScreen

        name = slot.removeprefix(AUTO_PREFIX)  # an autosave is named for its session

        try:
            loaded = self.store.load(slot, self.pack)
        except Exception as err:  # noqa: BLE001 - SaveError and unreadable files: say why, keep playing
            snapshot = err.snapshot if isinstance(err, SaveError) else None
            if snapshot is not None:
                # The decision log no longer replays, but the saved state is whole: offer to continue from it.
                def chosen(answer: str | None) -> None:
                    if answer == "snapshot":
                        self.notify(t("load.from_snapshot", self.lang), severity="warning", timeout=8)
                        self.start_play(snapshot, new_session=True, slot=name)

                self.push_screen(
                    LoadChoiceScreen(slot, save_error_detail(err, self.lang), replay=False), chosen
                )
                return
            reason = save_error_text(err, self.lang)
            self.notify(t("load.failed", self.lang, reason=reason), severity="error", timeout=8)
            return
        if loaded.mismatch is not None:
            if loaded.snapshot_ok:
                # It replays, but not to the saved state: the player picks which of the two to go on with.
                def picked(answer: str | None) -> None:
                    if answer == "snapshot":
                        self.notify(t("load.from_snapshot", self.lang), severity="warning", timeout=8)
                        self.start_play(loaded.snapshot, new_session=True, slot=name)
                    elif answer == "replay":
                        self.start_play(loaded.game, new_session=True, slot=name)

                self.push_screen(LoadChoiceScreen(slot, loaded.mismatch_text(self.lang), replay=True), picked)
                return
            detail = loaded.mismatch_text(self.lang)
            self.notify(t("load.mismatch", self.lang, detail=detail), severity="warning", timeout=8)
        self.start_play(loaded.game, new_session=True, slot=name)

    def continue_latest(self) -> None:
        info = self.store.latest_autosave()
        if info is None:
            self.notify(t("load.no_autosave", self.lang))
            return
        self.load_slot(info.slot)

    # -- games ----------------------------------------------------------------------------------
    def new_game(
        self, scenario: str | None, variant: str | None, seed: int | None, players: dict[str, str | None]
    ) -> None:
        from game.engine.game import Game

        assert self.pack is not None
        seed = seed if seed is not None else random.randrange(1, 100_000)
        game = Game.new(self.pack, scenario, seed=seed, variant=variant, players=players)
        self.start_play(game, new_session=True, intro=self.config.intro)

    def start_play(
        self, game: Game, *, new_session: bool, intro: bool = False, slot: str | None = None
    ) -> None:
        """Play ``game``; a new session starts its own autosave (``slot``: the save it was loaded from)."""
        from .screens.play import PlayScreen

        self.game = game
        if new_session:
            self.slot = slot
        if new_session or self.session is None:
            self.session = f"{game.state.scenario}-{game.state.seed}-{datetime.now():%Y%m%d-%H%M%S}"
            if self.config.session_suffix:
                self.session += f"-{self.config.session_suffix}"
        self.to_title(keep=True)
        if game.over:
            from .screens.ending import EndingScreen

            self.push_screen(EndingScreen())
        else:
            self.push_screen(PlayScreen(intro=intro))

    def to_title(self, keep: bool = False) -> None:
        """Back to the title screen (the game stays in its autosave)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        if not keep:
            self.game = None
        if isinstance(self.screen, TitleScreen):
            self.screen.refresh_menu()

    @property
    def hot_seat(self) -> bool:
        return self.game is not None and sum(1 for n in self.game.state.players.values() if n) > 1

    # -- settings -------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._keep_setting(lang=lang)
        localise_bindings(self, lang)
        for screen in self.screen_stack:
            if isinstance(screen, _Localised):
                localise_bindings(screen, lang)
                screen.relabel()
        self.refresh_bindings()

    def set_theme(self, name: str) -> None:
        if name in THEMES:
            self.theme_name = name
            self.theme = THEMES[name]
            self._keep_setting(theme=name)

    def _keep_setting(self, **changed: str) -> None:
        """Write a changed setting to the settings file (when there is one); a failure is only told."""
        if self.config.settings_file is None:
            return
        settings = replace(self.settings, **changed)
        if settings == self.settings:
            return
        self.settings = settings
        try:
            save_settings(settings, self.config.settings_file)
        except OSError as err:
            self.notify(t("settings.not_saved", self.lang, reason=err.strerror or err), severity="warning")

    # -- actions --------------------------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_save(self) -> None:
        from .screens.saves import SaveScreen

        if self.game is None:
            self.notify(t("save.no_game", self.lang))
            return
        if not isinstance(self.screen, SaveScreen):
            self.push_screen(SaveScreen())

    def action_load(self) -> None:
        from .screens.saves import LoadScreen

        if isinstance(self.screen, LoadScreen):
            return

        def chosen(slot: str | None) -> None:
            if slot:
                self.load_slot(slot)

        self.push_screen(LoadScreen(), chosen)

    def action_facilitator(self) -> None:
        """The classroom kit's large-type view of the game for a projector."""
        from .screens.facilitator import FacilitatorScreen

        if self.game is not None and not isinstance(self.screen, FacilitatorScreen):
            self.push_screen(FacilitatorScreen())

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        if self.game is not None and not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_new(self) -> None:
        from .screens.setup import SetupScreen

        if self.pack is None:
            return
        self.to_title(keep=True)
        self.push_screen(SetupScreen())

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_toggle_language(self) -> None:
        self.set_language("en" if self.lang == "nl" else "nl")

    def action_cycle_theme(self) -> None:
        names = list(THEMES)
        self.set_theme(names[(names.index(self.theme_name) + 1) % len(names)])

    def action_title(self) -> None:
        self.to_title(keep=True)

    def action_command_palette(self) -> None:
        from .widgets.palette import GameCommandPalette

        # is_open only looks at the top screen; an open palette can sit under another (too small, help).
        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(GameCommandPalette(self.lang, id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C (copy in a text field) does not quit: say which key does, in the player's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("quit.how", self.lang, keys=key), title=t("quit.title", self.lang))
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that need a game in play leave the footer while there is none.
        if action in ("save", "history") and self.game is None:
            return False
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        for key, callback in self.command_items():
            yield SystemCommand(t(f"cmd.{key}", lang), t(f"cmd.{key}.help", lang), callback)

    def command_items(self) -> list[tuple[str, Callable[[], object]]]:
        """The command palette's entries of this app: a key of the ``cmd.*`` words and what it does."""
        items: list[tuple[str, Callable[[], object]]] = [("new", self.action_new)]
        if self.game is not None:
            items += [
                ("save", self.action_save),
                ("history", self.action_history),
                ("title", self.action_title),
            ]
        items += [
            ("load", self.action_load),
            ("help", self.action_help),
            ("language", self.action_toggle_language),
            ("theme", self.action_cycle_theme),
            ("quit", self.action_quit),
        ]
        return items


@cache
def _freeze_startup_heap() -> None:
    """Keep the garbage collector off what is alive once the first frame is drawn (Textual, the title):
    it lives as long as the app, and walking it again cost about a third of building the content in the
    thread (measured). Once a process: an app started later (tests) leaves its predecessors' garbage to
    the collector."""
    gc.freeze()


#: the collector's thresholds before the first running app raised them, and how many apps hold it back
_collector: dict[str, Any] = {"before": None, "apps": 0}


def hold_collector() -> None:
    """Let :data:`GC_YOUNG` new objects pile up before the collector runs by itself, while an app runs
    (several can run in one process: a test of a class's table)."""
    if not _collector["apps"]:
        _collector["before"] = gc.get_threshold()
        gc.set_threshold(GC_YOUNG, *_collector["before"][1:])
    _collector["apps"] += 1


def release_collector() -> None:
    """One app less holds the collector back; the last one gives it back as it was."""
    _collector["apps"] -= 1
    if not _collector["apps"]:
        gc.set_threshold(*_collector["before"])


def collect_garbage() -> None:
    """Collect the young objects, and all of them when the collector would have (every tenth time)."""
    full = gc.get_count()[2] >= gc.get_threshold()[2]
    gc.collect(2 if full else 1)


def _ready_saves() -> None:
    from game.files.saves import ready_validation

    ready_validation()
