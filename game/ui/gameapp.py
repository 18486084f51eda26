"""What the screens need of the app they run in, as a :class:`typing.Protocol`.

Screens and the classroom hooks are typed against :class:`GameApp`, not the app class itself: the app
imports its screens, so the screens must not import the app (no import circles). Whatever runs the screens
(:class:`game.ui.app.WijkberaadApp`, its developer mode, a test's stand-in) has these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from game.classroom.timer import RoundTimer
    from game.engine.game import Game
    from game.engine.pack import Pack
    from game.files.saves import SaveStore


class GameApp(Protocol):
    """The game's state and services the screens read and call (the Textual ``App`` API besides)."""

    lang: str
    theme_name: str
    pack: Pack | None
    game: Game | None
    session: str | None
    slot: str | None
    seed: int | None
    blink: bool
    problems: list[str]
    saves_dir: Path | None
    round_timer: RoundTimer | None
    timer_key: tuple | None

    @property
    def store(self) -> SaveStore: ...

    @property
    def hot_seat(self) -> bool: ...

    def autosave(self) -> None: ...

    def new_game(
        self, scenario: str | None, variant: str | None, seed: int | None, players: dict[str, str | None]
    ) -> None: ...

    def load_slot(self, slot: str) -> None: ...

    def continue_latest(self) -> None: ...

    def set_language(self, lang: str) -> None: ...

    def set_theme(self, name: str) -> None: ...
