"""Where things live: the shipped content (in a checkout or inside an installed wheel) and the user's saves."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: In a wheel the build copies content/ into the package as _content/.
_WHEEL_CONTENT = PACKAGE_DIR / "_content"
_CHECKOUT_CONTENT = PACKAGE_DIR.parent / "content"

BASE_PACK = "base"

#: The saves folder's environment variable; save files' suffix, and autosaves' prefix (game/files/saves.py).
SAVES_ENV = "WIJKBERAAD_SAVES"
SAVE_SUFFIX = ".json"
AUTO_PREFIX = "auto-"


def content_dir() -> Path:
    """The folder of shipped packs: the checkout's ``content/``, or the copy inside an installed wheel."""
    if _CHECKOUT_CONTENT.is_dir():
        return _CHECKOUT_CONTENT
    return _WHEEL_CONTENT


def base_pack_dir() -> Path:
    """The shipped base pack."""
    return content_dir() / BASE_PACK


def checkout_root() -> Path | None:
    """The project folder when running from a checkout (it has pyproject.toml), else None."""
    root = PACKAGE_DIR.parent
    return root if (root / "pyproject.toml").is_file() and (root / "content").is_dir() else None


def user_saves_dir() -> Path:
    """The user's own saves folder: ``<user data dir>/saves`` (platformdirs: on Linux
    ``~/.local/share/wijkberaad/saves``, on macOS ``~/Library/Application Support/wijkberaad/saves``, on
    Windows ``%LOCALAPPDATA%\\wijkberaad\\saves``).

    The same for every way of starting the game (``wijkberaad`` or ``python -m game``, installed, editable
    or from a checkout), so one user always finds the same saves; a class folder is chosen explicitly with
    ``$WIJKBERAAD_SAVES`` or ``--saves-dir``, never by where the code happens to live.
    """
    import platformdirs

    return platformdirs.user_data_path("wijkberaad", appauthor=False) / "saves"


def default_saves_dir() -> Path:
    """The saves folder: ``$WIJKBERAAD_SAVES``, else the user's data folder (never the code's location)."""
    env = os.environ.get(SAVES_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return user_saves_dir()


def may_hold_autosave(folder: Path) -> bool:
    """False when ``folder`` certainly holds no autosave (it is missing, or has no ``auto-*.json``), so the
    title screen knows without importing the saves module and the engine's state; True when it may (the
    saves module then reads them, and says what is wrong with a folder it cannot list)."""
    try:
        with os.scandir(folder) as entries:
            return any(e.name.startswith(AUTO_PREFIX) and e.name.endswith(SAVE_SUFFIX) for e in entries)
    except FileNotFoundError:
        return False
    except OSError:
        return True
