"""Playthrough transcripts: a file of choices and the expected states, replayed against the engine.

Each ``tests/transcripts/*.yaml`` names a pack, scenario and seed, then lists steps: what the engine must
offer (round, kind, actor, event, available choices), the choice made, and what must follow (the
changes with their causes and, where one is named, the critique they bear witness to; notes; and meters,
resources and flags afterwards). ``end`` gives the ending and the course of meters over the rounds.

The ``chains-*`` transcripts play the test pack ``transcripts/packs/chains``, one scenario per critique's
chain of cause and effect, so a change to how the engine runs such a chain shows up here by name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine import Game
from game.files.loader import load_pack_or_raise
from game.files.paths import base_pack_dir

TESTS = Path(__file__).resolve().parent
TRANSCRIPTS = sorted((TESTS / "transcripts").glob("*.yaml"))
PACKS = {
    "mini": TESTS / "packs" / "mini",
    "chains": TESTS / "transcripts" / "packs" / "chains",
    "base": base_pack_dir(),  # the shipped scenarios, e.g. krachtwijken-*.yaml
}


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _pack(name: str):  # noqa: ANN202 - a Pack
    return load_pack_or_raise(PACKS[name])


def _replay(script: dict[str, Any]) -> Game:
    pack = _pack(script["pack"])
    game = Game.new(
        pack,
        script.get("scenario"),
        seed=script["seed"],
        variant=script.get("variant"),
        players=script.get("players"),
    )
    for n, entry in enumerate(script["steps"], start=1):
        where = f"step {n} ({entry['choose']})"
        step = game.step()
        expect = entry.get("expect", {})
        seen = {
            "round": step.round,
            "kind": step.kind,
            "actor": step.actor,
            "event": step.event.id if step.event else None,
            # in the content's order: the screen shows a decision's options in an order made from the seed
            "available": [c.id for c in sorted(step.choices, key=lambda c: c.index) if c.available],
        }
        for key, value in expect.items():
            assert seen[key] == value, f"{where}: expected {key} {value!r}, got {seen[key]!r}"
        outcome = game.choose(entry["choose"])
        if "changes" in entry:
            # [target, delta, cause] or [target, delta, cause, critique]: a critique is checked where named
            got = [
                [c.target, c.delta, c.cause, c.critique][: len(w)]
                for c, w in zip(outcome.changes, entry["changes"], strict=False)
            ]
            want = [[t, float(d), *rest] for t, d, *rest in entry["changes"]]
            assert len(outcome.changes) == len(want) and got == want, f"{where}: changes"
        if "notes" in entry:
            notes = [note.kind for note in outcome.record.notes] if outcome.record else []
            assert notes == entry["notes"], f"{where}: notes"
        after = entry.get("after", {})
        st = game.state
        if "round" in after:
            assert st.round == after["round"], f"{where}: round"
        for key in ("meters", "resources", "flags"):
            if key in after:
                got = {k: getattr(st, key)[k] for k in after[key] if k in getattr(st, key)}
                assert got == after[key] and set(got) == set(after[key]), f"{where}: {key}"
        if "shared" in after:
            assert [role for role, _ in game.shared_knowledge()] == after["shared"], f"{where}: shared"
    return game


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 2


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_replays(path: Path) -> None:
    script = _load(path)
    game = _replay(script)
    end = script["end"]
    assert game.over, "the transcript should play to the end"
    assert game.state.ending == end["ending"]
    assert game.state.round == end["round"]
    if "trust_series" in end:
        assert game.meter_series("trust") == [float(v) for v in end["trust_series"]]
    for meter, series in end.get("series", {}).items():
        assert game.meter_series(meter) == [float(v) for v in series], meter
    assert game.state.choices == [entry["choose"] for entry in script["steps"]]


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_decision_log_replays_to_the_same_state(path: Path) -> None:
    game = _replay(_load(path))
    again = Game.replay(game.pack, game.state)
    assert again.state == game.state


def test_every_chain_has_its_transcript() -> None:
    """Each scenario of the chains pack (one per critique's chain) is played by a transcript."""
    played = {_load(p)["scenario"] for p in TRANSCRIPTS if _load(p)["pack"] == "chains"}
    assert played == set(_pack("chains").scenarios)


def test_a_wrong_critique_is_caught() -> None:
    path = next(p for p in TRANSCRIPTS if p.stem == "chains-paperwork")
    script = _load(path)
    script["steps"][1]["changes"][2][3] = "sidelined"
    with pytest.raises(AssertionError, match="changes"):
        _replay(script)


def test_a_wrong_expectation_is_caught() -> None:
    """The harness itself fails on a transcript that does not match the engine."""
    script = _load(TRANSCRIPTS[0])
    script["steps"][1]["after"]["meters"]["trust"] = 99
    with pytest.raises(AssertionError, match="meters"):
        _replay(script)
