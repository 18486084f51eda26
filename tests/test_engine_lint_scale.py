"""Lint of a pack with many events: every copy of an event is judged as its original is.

Lint looks an event's scenarios up by id (once per event), so a pack of hundreds of events is linted in
time linear in their number; this checks the answer did not change with that: a pack whose events are
copied many times over warns, for every copy, exactly what it warns for the original.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from game.engine.lint import lint_pack
from game.files.packs import validate_pack

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
COPIES = 150


def _warnings(root: Path) -> list[tuple[str, str]]:
    result = validate_pack(root)
    assert result.ok, [str(p) for p in result.errors]
    return sorted((".".join(map(str, w.loc)), w.message) for w in lint_pack(result.pack))


def test_lint_of_many_events_warns_for_every_copy_as_for_its_original(tmp_path: Path) -> None:
    source = FIXTURES / "event_in_no_scenario"
    original = _warnings(source)
    assert any("is in no scenario" in message for _, message in original)
    shutil.copytree(source, tmp_path / "pack")
    content = tmp_path / "pack" / "content.yaml"
    data = yaml.safe_load(content.read_text(encoding="utf-8"))
    events = data["events"]
    data["events"] = events + [{**e, "id": f"{e['id']}_copy{n}"} for n in range(COPIES) for e in events]
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = _warnings(tmp_path / "pack")
    expected = set(original)
    for n in range(COPIES):
        for e in events:
            expected.update(
                (loc.replace(f"events.{e['id']}.", f"events.{e['id']}_copy{n}."), message)
                for loc, message in original
                if loc.startswith(f"events.{e['id']}.")
            )
    assert set(found) == expected
    assert len(found) == len(original) * (COPIES + 1)
