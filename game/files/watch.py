"""Watching content folders for saved changes, by polling file times (no extra dependency, any platform).

The ``--dev`` mode of the game asks :meth:`ContentWatcher.changed` a few times a second; when a content
file was saved, added or removed it reloads the pack. Editors that save by writing a temporary file and
renaming it over the original are seen too, since the whole folder is listed every time.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]
SUFFIXES = (".yaml", ".yml")


def snapshot(folders: Iterable[Path]) -> Snapshot:
    """Modification time and size of every content file under ``folders`` (hidden folders skipped)."""
    from game.files.safefile import walk_files  # folders it may not open and link loops are passed over

    found: Snapshot = {}
    for folder in folders:
        for path in walk_files(Path(folder), SUFFIXES, 5000)[0]:
            try:
                stat = path.stat()
            except OSError:  # removed between listing and stat: the next poll sees it gone
                continue
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class ContentWatcher:
    """Tells whether content files under some folders changed since the last time it was asked."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.folders = [Path(f) for f in folders]
        self.last = snapshot(self.folders)

    def changed(self) -> list[str]:
        """The files saved, added or removed since the last call (empty when nothing changed)."""
        now = snapshot(self.folders)
        if now == self.last:
            return []
        files = sorted(
            {p for p in now if self.last.get(p) != now[p]} | {p for p in self.last if p not in now}
        )
        self.last = now
        return files
