"""The seat tokens a student's machine keeps, so ``wijkberaad join`` comes back to the same seat.

One small JSON file in the saves folder, keyed by the class server's address and the class code, written
atomically and readable by its owner only (a token opens the seat). A file that cannot be read counts as
empty: the student joins again, which is what they would do without it.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

FILE_NAME = "seats.json"
#: Seats kept at most (the oldest go first): a student's lessons of a year, with room to spare.
MAX_KEPT = 50


def server_key(url: str, code: str) -> str:
    """The key of a seat: the address without its trailing slash, and the code as the server reads it."""
    return f"{url.strip().rstrip('/').lower()}#{code.strip().upper()}"


class SeatTokens:
    """The seats this machine holds, by server and class code."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict) and isinstance(v.get("token"), str)}

    def find(self, url: str, code: str | None) -> tuple[str, dict[str, Any]] | None:
        """The seat kept for this server and code (without a code: the latest one for the server)."""
        seats = self._read()
        if code:
            key = server_key(url, code)
            return (key, seats[key]) if key in seats else None
        prefix = server_key(url, "")
        found = [(k, v) for k, v in seats.items() if k.startswith(prefix)]
        return found[-1] if found else None

    def keep(self, url: str, code: str, seat: dict[str, Any]) -> None:
        """Remember a seat (its token, table, role and name); a disk that refuses is not the game's end."""
        seats = self._read()
        key = server_key(url, code)
        seats.pop(key, None)
        seats[key] = seat
        self._write(dict(list(seats.items())[-MAX_KEPT:]))

    def forget(self, key: str) -> None:
        seats = self._read()
        if seats.pop(key, None) is not None:
            self._write(seats)

    def _write(self, seats: dict[str, dict[str, Any]]) -> None:
        from game.files.saves import write_atomic

        with suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            old = os.umask(0o077)  # the temporary file, and so the kept one, is the owner's only
            try:
                write_atomic(self.path, json.dumps(seats, indent=1).encode("utf-8"))
            finally:
                os.umask(old)
