"""A class folder: ``class.db`` (the log), ``class.json`` (address, join code, teacher token) and the saves.

Starting the server on a folder that already has a class picks that class up again: same code, same
teacher token, same setup, every table replayed from its log.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine import Pack

from .log import TableLog
from .protocol import CODE_ALPHABET
from .store import Store
from .tables import HostedClass

CLASS_FILE = "class.json"
DB_FILE = "class.db"


@dataclass
class OpenedClass:
    hosted: HostedClass
    code: str
    teacher_token: str
    #: the setup was read from the folder (a restart), not made from the options
    resumed: bool


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def open_class(folder: Path, pack: Pack, setup: dict[str, Any]) -> OpenedClass:
    """The class in ``folder`` (made if new); an existing class keeps its own setup, code and token."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store(folder / DB_FILE)
    saved = store.meta("setup")
    if saved is None:
        store.set_meta("setup", setup)
    known = read_class_file(folder)
    code = known.get("code") or new_code()
    token = known.get("teacher_token") or secrets.token_urlsafe(32)
    hosted = HostedClass(pack, TableLog(store), saved or setup, saves=folder)
    hosted.restore()
    return OpenedClass(hosted, code, token, resumed=saved is not None)


def read_class_file(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / CLASS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_class_file(folder: Path, url: str, code: str, teacher_token: str) -> Path:
    """``class.json``, readable by its owner only (it holds the teacher token), replaced atomically."""
    path = folder / CLASS_FILE
    tmp = folder / f".{CLASS_FILE}.{secrets.token_hex(4)}.tmp"
    data = json.dumps({"url": url, "code": code, "teacher_token": teacher_token}, indent=2) + "\n"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return path
