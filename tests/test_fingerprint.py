"""The engine's fingerprint: the same content, seed and choices give the same game, to the last number.

Hundreds of games per strategy on the test packs (never the shipped content, which changes with the
scenario writing) are played by the computer; every step offered, every choice taken and the final saved
state go into one SHA-256 per pack and way of playing, kept in tests/golden/fingerprint.json. A refactor
of the engine must leave every digest as it is. When a change of the rules is meant, regenerate with
``python -m tests.test_fingerprint`` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path

import pytest

from game.engine import Game, Pack
from game.engine.policy import choose_for
from game.files.packs import load_layers

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden" / "fingerprint.json"
PACKS = {
    "mini": [TESTS / "packs" / "mini"],
    "mini_plus": [TESTS / "packs" / "mini", TESTS / "packs" / "mini_plus"],
    "trio": [TESTS / "ui" / "packs" / "trio"],
    "voices": [TESTS / "ui" / "packs" / "voices"],
}
GAMES = 80  # per pack and way of playing: 320 games per strategy over the four packs
#: the strategies fingerprinted (named, not read from STRATEGIES: a new strategy adds a game, it changes none)
FINGERPRINTED = ("priorities", "honour", "ignore", "random")
#: the ways of playing: each strategy step by step (changes kept), and the computer's own loop without them
WAYS = [*FINGERPRINTED, *(f"{s}/lean" for s in FINGERPRINTED)]


@cache
def _pack(name: str) -> Pack:
    result = load_layers(PACKS[name], lint=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.pack


def _state_data(game: Game) -> object:
    """The final state as the save file holds it."""
    from game.files.saves import state_data

    return state_data(game.state)


def _step_data(step) -> list:
    return [
        step.kind,
        step.round,
        step.event.id if step.event else None,
        step.actor,
        [
            [c.id, c.available, c.blocked, c.cost, c.resource, list(c.touches), list(c.honours)]
            for c in step.choices
        ],
    ]


def _digest(pack_name: str, way: str) -> str:
    pack = _pack(pack_name)
    strategy, _, lean = way.partition("/")
    sha = hashlib.sha256()
    for seed in range(GAMES):
        game = Game.new(pack, seed=seed, changes=not lean)
        if lean:
            outcomes = game.play_computer(strategy, until_human=False)
            trail: list = [[o.choice, o.step.kind, o.ending.id if o.ending else None] for o in outcomes]
        else:
            trail = []
            while not game.over:
                step = game.step()
                choice = choose_for(game, step, strategy)
                outcome = game.choose(choice)
                trail.append([_step_data(step), choice, [c.target for c in outcome.changes]])
        data = {"trail": trail, "state": _state_data(game)}
        sha.update(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    return sha.hexdigest()


def fingerprints() -> dict[str, str]:
    return {f"{p}:{w}": _digest(p, w) for p in PACKS for w in WAYS}


@pytest.mark.parametrize("pack_name", list(PACKS))
def test_fingerprint_of_computer_games_is_unchanged(pack_name: str) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = {f"{pack_name}:{w}": _digest(pack_name, w) for w in WAYS}
    assert found == {k: v for k, v in golden.items() if k.startswith(f"{pack_name}:")}


if __name__ == "__main__":  # python -m tests.test_fingerprint: write the golden file anew
    GOLDEN.write_text(json.dumps(fingerprints(), indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {GOLDEN}\n")
