"""The one rule for opening a file the game reads (packs, saves, settings, mods), and for showing its name.

:func:`read_regular` opens without following into anything that could block (``O_NONBLOCK``), checks on
the open descriptor that it is a regular file (a FIFO, device or socket is refused, never waited on),
and reads at most a bounded number of bytes. Every failure is a :class:`FileRefused` with the path and
a ``code`` a caller words in the player's language (:data:`game.i18n.STRINGS` ``file.<code>``), never a
raw ``OSError``. :func:`list_folder` and :func:`kind_of` do the same for folders: a folder without
permission, a symlink loop or a vanished entry is a reason, not a traceback.

:func:`shown` prints a name safely: undecodable bytes and control characters made visible, long names
shortened in the middle.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from game.i18n import t

RefusalCode = Literal[
    "missing",  # no such file
    "folder",  # a folder where a file was expected
    "not_regular",  # a FIFO, device or socket
    "too_large",  # more bytes than the caller allows
    "denied",  # no permission
    "loop",  # a symlink loop or too many links
    "io",  # anything else the operating system refused
]

#: Names longer than this are shortened in messages and tables.
MAX_SHOWN = 80


class FileRefused(Exception):
    """A file the game will not read: ``path``, a ``code`` (:data:`RefusalCode`) and the system's words."""

    def __init__(self, path: Path | str, code: RefusalCode, detail: str = "", limit: int = 0) -> None:
        self.path = Path(path)
        self.code = code
        self.detail = detail
        self.limit = limit
        super().__init__(f"{shown(self.path)}: {self.text('en')}")

    def text(self, lang: str) -> str:
        """Why the file was refused, in ``lang`` (without the path)."""
        return t(f"file.{self.code}", lang, detail=self.detail, limit=self.limit)


def shown(name: Path | str, limit: int = MAX_SHOWN) -> str:
    """A file name (or any text from outside) safe to print on a terminal or in a report.

    Bytes that are not UTF-8 (kept by Python as surrogates) and control characters become ``\\x..``
    escapes; a name longer than ``limit`` keeps its start and end with ``…`` between.
    """
    text = os.fspath(name)
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as surrogateescape keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or ch in "\u2028\u2029":
            out.append(repr(ch)[1:-1] if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    safe = "".join(out)
    if len(safe) > limit:
        keep = max(limit - 1, 2)
        safe = safe[: keep - keep // 3] + "…" + safe[len(safe) - keep // 3 :]
    return safe


def shown_path(path: Path | str) -> str:
    """A path for a ``file:line`` message: made safe like :func:`shown`, shortened only when absurd."""
    return shown(path, 4096)


def _refusal(path: Path, err: OSError) -> FileRefused:
    words = err.strerror or str(err)
    if isinstance(err, FileNotFoundError):
        return FileRefused(path, "missing", words)
    if isinstance(err, IsADirectoryError):
        return FileRefused(path, "folder", words)
    if isinstance(err, PermissionError):
        return FileRefused(path, "denied", words)
    if err.errno == errno.ELOOP:
        return FileRefused(path, "loop", words)
    return FileRefused(path, "io", words)


def read_regular(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is a :class:`FileRefused`.

    Opened with ``O_NONBLOCK`` so a FIFO is never waited on, then checked with ``fstat`` on the open
    descriptor (no race between a check and the open).
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise _refusal(path, err) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(path, "folder")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(path, "not_regular")
        if info.st_size > max_bytes:
            raise FileRefused(path, "too_large", limit=max_bytes)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # grew while being read
            raise FileRefused(path, "too_large", limit=max_bytes)
        return b"".join(chunks)
    except OSError as err:
        raise _refusal(path, err) from None
    finally:
        os.close(fd)


Kind = Literal["file", "folder", "other", "missing", "denied", "loop", "error"]


def kind_of(path: Path) -> Kind:
    """What ``path`` is, following symlinks, without raising: a broken link is ``missing``."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except PermissionError:
        return "denied"
    except OSError as err:
        return "loop" if err.errno == errno.ELOOP else "error"
    except ValueError:  # an embedded NUL byte
        return "error"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


@dataclass(frozen=True)
class Skipped:
    """An entry a listing left out, and why (a :data:`RefusalCode` or ``link_outside``)."""

    path: Path
    code: str
    detail: str = ""

    def text(self, lang: str) -> str:
        words = self.detail or {"denied": os.strerror(errno.EACCES), "io": os.strerror(errno.EIO)}.get(
            self.code
        )
        return t(f"file.{self.code}", lang, detail=words or "", limit=0)


def list_folder(folder: Path) -> tuple[list[Path], Skipped | None]:
    """The entries of ``folder`` sorted by name, or none and why the folder could not be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted((Path(e.path) for e in entries), key=lambda p: os.fsencode(p.name)), None
    except OSError as err:
        refusal = _refusal(Path(folder), err)
        if isinstance(err, NotADirectoryError):
            refusal = FileRefused(folder, "not_regular", refusal.detail)
        return [], Skipped(Path(folder), refusal.code, refusal.detail)


def walk_files(root: Path, suffixes: tuple[str, ...], limit: int) -> tuple[list[Path], list[Skipped]]:
    """Files under ``root`` ending in ``suffixes`` (hidden names skipped), at most ``limit`` + 1 of them.

    Folders that cannot be listed, symlink loops and links that lead outside ``root`` are not followed
    and come back as :class:`Skipped`, so a caller can say what it left out.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    top = resolved(root)
    seen: set[Path] = set()
    todo = [Path(root)]
    while todo and len(found) <= limit:
        folder = todo.pop()
        real = resolved(folder)
        if real is None or real in seen:
            continue
        seen.add(real)
        entries, why = list_folder(folder)
        if why is not None:
            skipped.append(why)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            for item in _visit(entry, top, suffixes, skipped):
                (todo if item[0] == "folder" else found).append(item[1])
    todo.clear()
    return sorted(found, key=lambda p: os.fsencode(p)), skipped


def _visit(
    entry: Path, top: Path | None, suffixes: tuple[str, ...], skipped: list[Skipped]
) -> Iterator[tuple[str, Path]]:
    kind = kind_of(entry)
    wanted = entry.name.endswith(suffixes)
    if kind in ("denied", "loop", "error") or (kind == "missing" and wanted):
        skipped.append(Skipped(entry, {"error": "io"}.get(kind, kind)))
        return
    if kind == "missing" or not (kind == "folder" or wanted):
        return
    if entry.is_symlink():
        real = resolved(entry)
        if real is None or top is None or not real.is_relative_to(top):
            skipped.append(Skipped(entry, "link_outside"))
            return
    yield (kind, entry)


def resolved(path: Path) -> Path | None:
    """``path`` with every link followed, or None when that fails (a loop, no permission)."""
    try:
        return Path(path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
