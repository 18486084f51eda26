"""Writing a game's report files side by side, named for the group: ``wijkberaad-groep-3-K7QM-4X2R.html``.

The play screen's export and ``wijkberaad report SAVE -o FOLDER`` both write here, so the files of one
group's game always carry its name (the slot it was saved as, or its session) and sort together.
"""

from __future__ import annotations

from pathlib import Path

from game.files.saves import SaveError, slot_name
from game.reports.formats import render
from game.reports.report import FORMATS, Report


def file_stem(report: Report, name: str | None = None, stamp: str = "") -> str:
    """``wijkberaad-<name>-<code>[-<stamp>]``, the name made safe for a file name (left out if nothing
    of it is)."""
    parts = ["wijkberaad"]
    try:
        parts += [slot_name(name)] if name else []
    except SaveError:
        pass
    return "-".join([*parts, report.code, *([stamp] if stamp else [])])


def write_reports(
    report: Report,
    folder: Path,
    name: str | None = None,
    stamp: str = "",
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Write ``report`` into ``folder`` in each of ``formats``; returns every file written, in order.

    CSV gets a byte-order mark, so spreadsheets read it as UTF-8. Raises OSError when a file cannot be
    written (the files before it stay).
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(report, name, stamp)
    written = []
    for fmt in formats:
        path = folder / f"{stem}.{fmt}"
        path.write_text(render(report, fmt), encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
        written.append(path)
    return written
