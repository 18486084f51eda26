"""The Wijkberaad Textual app: built from a pack (or a way to load one), a saves folder, language and seed.

The app holds no game rules: screens show what the :class:`~game.engine.game.Game` says and pass on what
the players chose. Content loads in a thread so the title screen comes up at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import Theme

from game.files.settings import Settings, load_settings
from game.i18n import env_language

from .screens.base import _Localised, localise_bindings
from .strings import tr

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.pack import Pack

#: The smallest terminal the screens are laid out for; below it the app says so.
MIN_SIZE = (60, 20)

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
        self,
        pack: Pack | None = None,
        *,
        content: Callable[[], Pack] | None = None,
        saves_dir: Path | None = None,
        lang: str | None = "nl",
        seed: int | None = None,
        scenario: str | None = None,
        variant: str | None = None,
        players: dict[str, str | None] | None = None,
        theme_name: str | None = "dark",
        blink: bool = True,
        intro: bool = True,
        settings_file: Path | None = None,
        session_suffix: str | None = None,
    ) -> None:
        """Build the app.

        Args:
            pack: the compiled content to play (tests pass a small pack).
            content: called in a thread to load the content when ``pack`` is not given.
            saves_dir: where saves go (None: the user's default folder).
            lang: "nl" or "en"; None: the saved setting (``$WIJKBERAAD_LANG`` first), else Dutch.
            seed: the seed new games start with (None: a random one, shown in the setup).
            scenario, variant, players: with ``players`` given the game starts at once, skipping the title.
            theme_name: "dark", "light" or "contrast"; None: the saved setting, else dark.
            blink: whether text cursors blink (off for snapshots).
            intro: whether a new game opens with the scenario's intro (tests may skip it).
            settings_file: where the settings screen's choices are kept between runs (None: not kept);
                they fill in ``lang`` and ``theme_name`` when those are None.
            session_suffix: added to every new game's session name, so games started in one second with
                one seed by different processes (the browser tabs of ``wijkberaad serve``) keep separate
                autosaves.
        """
        super().__init__()
        self.pack: Pack | None = pack
        self._content = content
        self.saves_dir = saves_dir
        self.settings_file = settings_file
        self.session_suffix = session_suffix
        self.settings, self._settings_notice = (
            load_settings(settings_file) if settings_file else (Settings(), None)
        )
        lang = lang or env_language() or self.settings.lang
        theme_name = theme_name or self.settings.theme
        self.lang = lang if lang in ("nl", "en") else "nl"
        self.seed = seed
        self.blink = blink
        self.intro = intro
        self._autostart = (scenario, variant, players) if players else None
        self.game: Game | None = None
        self.session: str | None = None
        self.problems: list[str] = []
        self._store: Any = None
        self._small: Screen | None = None
        self.register_theme(CONTRAST)
        self.theme_name = theme_name if theme_name in THEMES else "dark"
        self.theme = THEMES[self.theme_name]
        localise_bindings(self, self.lang)

    # -- start-up -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        from .classroom import watch_timer
        from .screens.title import TitleScreen

        watch_timer(self)
        self.push_screen(TitleScreen())
        if self._settings_notice is not None:
            problem = self._settings_notice
            reason = tr(f"settings.problem.{problem.code}", self.lang, detail=problem.detail)
            self.notify(
                tr("settings.unreadable", self.lang, file=problem.path, reason=reason),
                severity="warning",
            )
        if self.pack is None and self._content is not None:
            self.run_worker(self._load_content, thread=True, group="content", exclusive=True)
        else:
            self.call_after_refresh(self._content_ready)
        self._check_size()

    def _load_content(self) -> None:
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

    def _content_failed(self, problems: list[str]) -> None:
        from .screens.problems import ProblemsScreen

        self.problems = problems
        self.push_screen(ProblemsScreen(problems))

    def _content_ready(self) -> None:
        from .screens.title import TitleScreen

        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.refresh_menu()
        if self._autostart is not None and self.pack is not None:
            scenario, variant, players = self._autostart
            self._autostart = None
            self.new_game(scenario, variant, self.seed, players or {})

    # -- size -----------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        from .screens.small import TooSmallScreen

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
    def store(self) -> Any:
        """The save store (None when the saves module is not available)."""
        if self._store is None:
            try:
                from game.files.saves import SaveStore, default_saves_dir
            except ImportError:
                return None
            self._store = SaveStore(self.saves_dir or default_saves_dir())
        return self._store

    def autosave(self) -> None:
        if self.game is None or self.store is None or self.session is None:
            return
        try:
            self.store.autosave(self.game, self.session)
        except Exception as err:  # noqa: BLE001 - a failed autosave must never end the game
            from game.i18n import save_error_text

            self.notify(
                tr("play.autosave_failed", self.lang, reason=save_error_text(err, self.lang)),
                severity="warning",
            )

    def load_slot(self, slot: str) -> None:
        if self.store is None or self.pack is None:
            return
        from game.i18n import save_error_detail, save_error_text

        from .screens.saves import LoadChoiceScreen

        try:
            loaded = self.store.load(slot, self.pack)
        except Exception as err:  # noqa: BLE001 - SaveError and unreadable files: say why, keep playing
            snapshot = getattr(err, "snapshot", None)
            if snapshot is not None:
                # The decision log no longer replays, but the saved state is whole: offer to continue from it.
                def chosen(answer: str | None) -> None:
                    if answer == "snapshot":
                        self.notify(tr("load.from_snapshot", self.lang), severity="warning", timeout=8)
                        self.start_play(snapshot, new_session=True)

                self.push_screen(
                    LoadChoiceScreen(slot, save_error_detail(err, self.lang), replay=False), chosen
                )
                return
            reason = save_error_text(err, self.lang)
            self.notify(tr("load.failed", self.lang, reason=reason), severity="error", timeout=8)
            return
        if getattr(loaded, "mismatch", None):
            if getattr(loaded, "snapshot_ok", False):
                # It replays, but not to the saved state: the player picks which of the two to go on with.
                def picked(answer: str | None) -> None:
                    if answer == "snapshot":
                        self.notify(tr("load.from_snapshot", self.lang), severity="warning", timeout=8)
                        self.start_play(loaded.snapshot, new_session=True)
                    elif answer == "replay":
                        self.start_play(loaded.game, new_session=True)

                self.push_screen(LoadChoiceScreen(slot, loaded.mismatch_text(self.lang), replay=True), picked)
                return
            detail = loaded.mismatch_text(self.lang)
            self.notify(tr("load.mismatch", self.lang, detail=detail), severity="warning", timeout=8)
        self.start_play(loaded.game, new_session=True)

    def continue_latest(self) -> None:
        info = self.store.latest_autosave() if self.store is not None else None
        if info is None:
            self.notify(tr("load.no_autosave", self.lang))
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
        self.start_play(game, new_session=True, intro=self.intro)

    def start_play(self, game: Game, *, new_session: bool, intro: bool = False) -> None:
        from .screens.play import PlayScreen

        self.game = game
        if new_session or self.session is None:
            self.session = f"{game.state.scenario}-{game.state.seed}-{datetime.now():%Y%m%d-%H%M%S}"
            if self.session_suffix:
                self.session += f"-{self.session_suffix}"
        self.to_title(keep=True)
        if game.over:
            from .screens.ending import EndingScreen

            self.push_screen(EndingScreen())
        else:
            self.push_screen(PlayScreen(intro=intro))

    def to_title(self, keep: bool = False) -> None:
        """Back to the title screen (the game stays in its autosave)."""
        from .screens.title import TitleScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        if not keep:
            self.game = None
        if isinstance(self.screen, TitleScreen):
            self.screen.refresh_menu(reset=True)

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
                relabel = getattr(screen, "relabel", None)
                if relabel is not None:
                    relabel()
        self.refresh_bindings()

    def set_theme(self, name: str) -> None:
        if name in THEMES:
            self.theme_name = name
            self.theme = THEMES[name]
            self._keep_setting(theme=name)

    def _keep_setting(self, **changed: str) -> None:
        """Write a changed setting to the settings file (when there is one); a failure is only told."""
        if self.settings_file is None:
            return
        from dataclasses import replace

        from game.files.settings import save_settings

        settings = replace(self.settings, **changed)
        if settings == self.settings:
            return
        self.settings = settings
        try:
            save_settings(settings, self.settings_file)
        except OSError as err:
            self.notify(tr("settings.not_saved", self.lang, reason=err.strerror or err), severity="warning")

    # -- actions --------------------------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_save(self) -> None:
        from .screens.saves import SaveScreen

        if self.game is None:
            self.notify(tr("save.no_game", self.lang))
            return
        if self.store is None:
            self.notify(tr("play.no_saves", self.lang), severity="warning")
            return
        if not isinstance(self.screen, SaveScreen):
            self.push_screen(SaveScreen())

    def action_load(self) -> None:
        from .screens.saves import LoadScreen

        if self.store is None:
            self.notify(tr("play.no_saves", self.lang), severity="warning")
            return
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
        from textual.command import CommandPalette

        from .widgets.palette import GameCommandPalette

        # is_open only looks at the top screen; an open palette can sit under another (too small, help).
        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(GameCommandPalette(self.lang, id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C (copy in a text field) does not quit: say which key does, in the player's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(tr("quit.how", self.lang, keys=key), title=tr("quit.title", self.lang))
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that need a game in play leave the footer while there is none.
        if action in ("save", "history") and self.game is None:
            return False
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        items: list[tuple[str, Callable[[], Any]]] = [("new", self.action_new)]
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
        for key, callback in items:
            yield SystemCommand(tr(f"cmd.{key}", lang), tr(f"cmd.{key}.help", lang), callback)
