"""What the app is built from, resolved once: :class:`AppConfig` and :func:`resolve_config`.

The command line (``wijkberaad play``) resolves the player's choices with :func:`resolve_config` and hands
the result to :func:`game.ui.launch.make_app`; a test builds an :class:`AppConfig` with a ``tmp_path`` saves folder and a
fixed seed. Nothing below this point looks at the environment or the settings file again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.files.settings import Settings, SettingsProblem, load_settings
from game.i18n import DEFAULT, env_language

if TYPE_CHECKING:
    from game.engine.pack import Pack

    from .remote.table import RemoteStart

#: The smallest terminal the screens are laid out for; below it the app says so.
MIN_SIZE = (60, 20)

#: Setting name of each colour theme (the Textual themes are in game.ui.app).
THEME_NAMES = ("dark", "light", "contrast")


@dataclass(frozen=True)
class GameStart:
    """A game to start at once, skipping the title screen (``play --role``/``--players``)."""

    players: dict[str, str | None]
    scenario: str | None = None
    variant: str | None = None


@dataclass(frozen=True)
class AppConfig:
    """Everything the app is built from. Build it with :func:`resolve_config` to honour the settings file."""

    lang: str = DEFAULT
    """"nl" or "en": the language the app opens in."""
    theme: str = "dark"
    """"dark", "light" or "contrast"."""
    saves_dir: Path | None = None
    """Where saves go (None: the user's default folder)."""
    packs: tuple[Path, ...] = ()
    """Packs loaded on top of the shipped content (``--pack``)."""
    seed: int | None = None
    """The seed new games start with (None: a random one, shown in the setup)."""
    start: GameStart | None = None
    settings: Settings = field(default_factory=Settings)
    """The settings file's choices, kept so a change on the settings screen writes only what changed."""
    settings_file: Path | None = None
    """Where the settings screen's choices are kept between runs (None: not kept)."""
    settings_problem: SettingsProblem | None = None
    """Why the settings file could not (all) be used; the title screen says so."""
    session_suffix: str | None = None
    """Added to every new game's session name, so games started in one second with one seed by different
    processes (the browser tabs of ``wijkberaad serve``) keep separate autosaves."""
    timer_minutes: float | None = None
    """The classroom round timer (None: no timer)."""
    blink: bool = True
    """Whether text cursors blink (off for snapshots)."""
    intro: bool = True
    """Whether a new game opens with the scenario's intro (tests may skip it)."""
    dev: bool = False
    """Developer mode: reload the content when a file in the packs changes (game/ui/dev.py)."""
    remote: RemoteStart | None = None
    """Remote mode (``wijkberaad join``): one seat at a table of the class server (game/ui/remote/)."""


def resolve_config(
    *, lang: str | None = None, theme: str | None = None, settings_file: Path | None = None, **rest: object
) -> AppConfig:
    """The app's configuration from what the command line gave: language from ``lang``, else
    ``$WIJKBERAAD_LANG``, else the settings file, else Dutch; theme from ``theme``, else the settings file,
    else dark. ``rest`` are further :class:`AppConfig` fields, taken as they are."""
    settings, problem = load_settings(settings_file) if settings_file else (Settings(), None)
    lang = lang or env_language() or settings.lang or DEFAULT
    theme = theme or settings.theme or "dark"
    return AppConfig(
        lang=lang if lang in ("nl", "en") else DEFAULT,
        theme=theme if theme in THEME_NAMES else "dark",
        settings=settings,
        settings_file=settings_file,
        settings_problem=problem,
        **rest,  # type: ignore[arg-type]
    )


def content_loader(config: AppConfig) -> Callable[[], Pack]:
    """How the app loads the content: the shipped base, the ``mods/`` folder next to the saves folder,
    then each ``--pack``."""

    def load() -> Pack:
        # Imported when called (in the content thread, after the first frame): the loader brings pydantic
        # and the content models, which the title screen must not wait for.
        from game.files.packs import load_game_content

        return load_game_content(list(config.packs), saves_dir=config.saves_dir)

    return load
