"""Developer mode (``wijkberaad play --dev``): hot reload of content, and commands to jump and set meters.

:class:`DevApp` is the game's app plus a :class:`~game.files.watch.ContentWatcher` over the pack folders.
When a content file is saved the content is loaded again in a thread; on success the game in play is
rebuilt on the new content from its seed and decision log (and any developer changes, made again at the
same points), on failure the errors are shown in a screen that Escape closes, and the game goes on with
the content it had. The command palette (ctrl+p) gains "Dev: jump to EVENT" and "Dev: set METER VALUE".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .app import WijkberaadApp

if TYPE_CHECKING:
    from game.engine.pack import Pack

#: Seconds between looks at the content files.
POLL = 0.5


class DevProblemsScreen(ModalScreen[None]):
    """The content's errors after a reload; Escape goes back to the game, which kept its content."""

    DEFAULT_CSS = """
    DevProblemsScreen { align: center middle; }
    DevProblemsScreen > VerticalScroll {
        width: 90%; height: 80%; border: thick $error; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [Binding("escape", "dismiss", "Back to the game", id="dev-back")]

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Content errors / Fouten in de content", classes="page-title")
            yield Static("\n".join(self.problems), markup=False, id="dev-problems")
            yield Static(
                "Fix them and save: the game reloads. Escape: back to the game with the content it had.\n"
                "Herstel ze en sla op: het spel laadt opnieuw. Escape: terug naar het spel.",
                classes="hint",
            )


class DevCommands(Provider):
    """Command palette entries of developer mode: jump to an event, set a meter or resource."""

    @property
    def dev(self) -> DevApp | None:
        app = self.app
        return app if isinstance(app, DevApp) else None

    def _jumps(self) -> list[tuple[str, Callable[[], None]]]:
        app = self.dev
        if app is None or app.game is None:
            return []
        game = app.game
        roles = set(game.scenario.roles)
        return [
            (f"Dev: jump to {event.id}", partial(app.dev_jump, event.id))
            for event in game.pack.events.values()
            if event.decider is None or event.decider in roles
        ]

    async def discover(self) -> Hits:
        for text, command in self._jumps():
            yield DiscoveryHit(text, command, help="developer mode: deliberate this event now")

    async def search(self, query: str) -> Hits:
        app = self.dev
        if app is None or app.game is None:
            return
        words = [w for w in query.replace("=", " ").split() if w.lower() not in ("dev:", "dev", "set")]
        if len(words) == 2:
            target, value = words
            try:
                number = float(value)
            except ValueError:
                number = None
            state = app.game.state
            if number is not None and (target in state.meters or target in state.resources):
                yield Hit(
                    1.0,
                    f"Dev: set {target} to {number:g}",
                    partial(app.dev_set, target, number),
                    help="developer mode: set a meter or resource",
                )
        matcher = self.matcher(query)
        for text, command in self._jumps():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), command, help="developer mode: deliberate this event now"
                )


class DevApp(WijkberaadApp):
    """The game with hot reload and developer commands."""

    COMMANDS = WijkberaadApp.COMMANDS | {DevCommands}

    def __init__(
        self,
        *args: Any,
        dev_folders: list[Path],
        dev_load: Callable[[], Pack],
        poll: float = POLL,
        **kwargs: Any,
    ) -> None:
        """Like :class:`WijkberaadApp`, plus the pack folders to watch and how to load the content again."""
        super().__init__(*args, **kwargs)
        from game.files.watch import ContentWatcher

        self.dev_watcher = ContentWatcher(dev_folders)
        self.dev_load = dev_load
        self.dev_poll = poll
        self.dev_ops: list[Any] = []
        self.dev_reloads = 0
        self.dev_errors: list[str] = []

    def on_ready(self) -> None:
        self.set_interval(self.dev_poll, self.dev_check, name="dev-watch")

    # -- hot reload ---------------------------------------------------------------------------------
    def dev_check(self) -> None:
        """Reload the content when a content file changed since the last look."""
        if self.dev_watcher.changed():
            self.run_worker(self._dev_load, thread=True, group="dev-reload", exclusive=True)

    def _dev_load(self) -> None:
        from game.files.loader import ContentError

        try:
            pack = self.dev_load()
        except ContentError as err:
            problems = [str(p) for p in err.problems if p.severity == "error"] or [str(err)]
            self.call_from_thread(self.dev_failed, problems)
            return
        except Exception as err:  # noqa: BLE001 - a half-saved file must never end the session
            self.call_from_thread(self.dev_failed, [f"{type(err).__name__}: {err}"])
            return
        self.call_from_thread(self.dev_loaded, pack)

    def dev_failed(self, problems: list[str]) -> None:
        self.dev_errors = problems
        if isinstance(self.screen, DevProblemsScreen):
            self.pop_screen()
        self.push_screen(DevProblemsScreen(problems))

    def dev_loaded(self, pack: Pack) -> None:
        from game.engine.debug import rebuild
        from game.engine.game import GameError

        from .screens.problems import ProblemsScreen

        self.dev_errors = []
        while isinstance(self.screen, DevProblemsScreen | ProblemsScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        first = self.pack is None
        self.pack = pack
        self.dev_reloads += 1
        game = self.game
        if game is None:
            if first:  # the content had errors at start: go on as if it had loaded then
                self._content_ready()
            self.notify("Content reloaded / Content opnieuw geladen")
            return
        try:
            rebuilt = rebuild(pack, game.state, self.dev_ops)
        except (GameError, KeyError, ValueError) as err:
            self.notify(
                f"Content reloaded, but this game does not replay on it ({err}); start a new game to see it.",
                severity="warning",
                timeout=8,
            )
            return
        self.game = rebuilt
        self._dev_show()
        self.notify("Content reloaded; the game was replayed on it / Content opnieuw geladen")

    # -- developer commands -----------------------------------------------------------------------
    def dev_jump(self, event_id: str) -> None:
        """Deliberate ``event_id`` now."""
        self._dev_op("jump", event_id)

    def dev_set(self, target: str, value: float) -> None:
        """Set a meter or resource."""
        self._dev_op("set", target, value)

    def _dev_op(self, kind: str, target: str, value: float = 0.0) -> None:
        from game.engine.debug import DebugOp, apply_op
        from game.engine.game import GameError

        if self.game is None:
            return
        op = DebugOp(len(self.game.state.choices), kind, target, value)  # type: ignore[arg-type]
        try:
            apply_op(self.game, op)
        except GameError as err:
            self.notify(str(err), severity="error")
            return
        self.dev_ops.append(op)
        self._dev_show()

    def _dev_show(self) -> None:
        """Show the changed game: the play screen reads the app's game, so it only has to draw again
        (and let computer roles act). Under a dialog, the play screen draws when the dialog closes."""
        from .screens.play import PlayScreen

        play = next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)
        if play is None:
            if self.game is not None and any(type(s).__name__ == "EndingScreen" for s in self.screen_stack):
                self.start_play(self.game, new_session=False)
            return
        if self.screen is play and play.is_mounted:
            play.after(self.game.play_computer() if self.game is not None else [])
