"""The player's settings (language, theme), kept between runs in a small JSON file.

Where the file lives (:func:`settings_path`), in this order:

1. ``settings.json`` in the folder in the environment variable ``WIJKBERAAD_CONFIG``;
2. ``settings.json`` in the user's config folder (platformdirs: on Linux ``~/.config/wijkberaad``, on macOS
   ``~/Library/Application Support/wijkberaad``, on Windows ``%LOCALAPPDATA%\\wijkberaad``).

The file is small and readable::

    {"settings": 1, "lang": "en", "theme": "contrast"}

Reading never fails: a missing file gives the defaults; an unreadable, corrupt or odd one gives the
defaults for what it cannot give, plus a one-line notice saying why. Writing is atomic (the saves'
:func:`~game.files.saves.write_atomic`). Settings only fill in what the command line left open: ``--lang``
and ``--theme`` win.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ENV_VAR = "WIJKBERAAD_CONFIG"
FILE_NAME = "settings.json"
#: The settings-file version this code writes.
VERSION = 1
#: Files larger than this are not settings (a real one is under 100 bytes).
MAX_BYTES = 64 * 1024

LANGUAGES = ("nl", "en")
THEMES = ("dark", "light", "contrast")


@dataclass(frozen=True)
class Settings:
    """What the player chose on the settings screen; None: not chosen (the default applies)."""

    lang: str | None = None
    theme: str | None = None


@dataclass(frozen=True)
class SettingsProblem:
    """Why a settings file was (partly) not used: a ``code`` a UI can word in the player's language.

    Codes: ``unreadable`` (the system refused; ``detail`` says why), ``too_large``, ``not_json``,
    ``not_settings`` (JSON, but not an object), ``bad_value`` (``detail``: the values not used).
    """

    code: str
    path: Path
    detail: str = ""

    def __str__(self) -> str:
        what = {
            "unreadable": "could not be read",
            "too_large": "is too large to be a settings file",
            "not_json": "is not valid JSON",
            "not_settings": "does not hold settings",
            "bad_value": "has values this version does not know",
        }.get(self.code, self.code)
        return f"{self.path} {what}" + (f" ({self.detail})" if self.detail else "")


def settings_path() -> Path:
    """The settings file: in ``$WIJKBERAAD_CONFIG`` when set, else in the user's config folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser() / FILE_NAME
    import platformdirs

    return platformdirs.user_config_path("wijkberaad", appauthor=False) / FILE_NAME


def load_settings(path: Path) -> tuple[Settings, SettingsProblem | None]:
    """The settings in ``path``, and what was wrong when (part of) the file could not be used.

    Never raises: a missing file is no settings and no problem; anything else wrong gives the defaults for
    what could not be read, and the problem.
    """
    from game.files.safefile import FileRefused, read_regular

    try:
        raw = read_regular(path, MAX_BYTES)
    except FileRefused as err:
        if err.code == "missing":
            return Settings(), None
        if err.code == "too_large":
            return Settings(), SettingsProblem("too_large", path)
        # A FIFO or device is refused without waiting on it; the system's words when it said any.
        return Settings(), SettingsProblem("unreadable", path, err.detail or err.text("en"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Settings(), SettingsProblem("not_json", path)
    if not isinstance(data, dict):
        return Settings(), SettingsProblem("not_settings", path)
    problems = []
    lang, theme = data.get("lang"), data.get("theme")
    if lang is not None and lang not in LANGUAGES:
        problems.append(f"lang: {str(lang)[:20]!r}")
        lang = None
    if theme is not None and theme not in THEMES:
        problems.append(f"theme: {str(theme)[:20]!r}")
        theme = None
    problem = SettingsProblem("bad_value", path, ", ".join(problems)) if problems else None
    return Settings(lang=lang, theme=theme), problem


def save_settings(settings: Settings, path: Path) -> None:
    """Write the settings atomically (the folder is made when needed); raises OSError when it cannot."""
    from game.files.saves import write_atomic

    data = {"settings": VERSION, **{k: v for k, v in asdict(settings).items() if v is not None}}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))
