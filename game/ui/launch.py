"""Building the app for a configuration: the game's app, or its developer mode (``play --dev``).

Its own module so that the app and developer mode (which builds on the app) need not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .app import WijkberaadApp
from .config import AppConfig, content_loader

if TYPE_CHECKING:
    from game.engine.pack import Pack


def make_app(
    config: AppConfig, pack: Pack | None = None, *, content: Callable[[], Pack] | None = None
) -> WijkberaadApp:
    """The app for ``config``: on ``pack`` when it is at hand, else loading ``content`` (default: the
    packs of ``config``) in a thread once the title screen is drawn."""
    if pack is None and content is None:
        content = content_loader(config)
    if config.remote is not None:
        from .remote.app import RemoteApp

        return RemoteApp(config, pack, content=content)
    if not config.dev:
        return WijkberaadApp(config, pack, content=content)
    # Developer mode is rare, and brings the content watcher: imported when asked for.
    from game.files.packs import game_pack_dirs

    from .dev import DevApp

    folders = game_pack_dirs(list(config.packs), saves_dir=config.saves_dir)
    return DevApp(
        config, pack, content=content, dev_folders=folders, dev_load=content or content_loader(config)
    )
