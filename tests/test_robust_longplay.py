"""Long play: many complete games in one process (a simulator, a classroom server) do not grow memory.

Memory is compared with :mod:`tracemalloc` after the first hundred games and after the last ones, so
one-off costs (imports, caches that fill once) are paid before the first reading. Every game must also end
with its meters and resources inside their bounds.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from game.engine import STRATEGIES, Game
from game.files.loader import load_pack, load_pack_or_raise

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
BASE = TESTS.parent / "content" / "base"

#: allowed growth between the readings; a leak of one game's state per game would be far above this
SLACK_BYTES = 256 * 1024


def _pack(prefer_base: bool):
    if prefer_base:
        result = load_pack(BASE)
        if result.ok and result.pack is not None and result.pack.scenarios:
            return result.pack
    return load_pack_or_raise(MINI)


def _play(pack, n: int) -> None:
    strategies = list(STRATEGIES)
    scenario = next(iter(pack.scenarios.values()))
    game = Game.new(pack, scenario.id, seed=n, variant=None)
    game.play_computer(strategy=strategies[n % len(strategies)], until_human=False)
    assert game.over
    for meter_id, value in game.state.meters.items():
        meter = pack.meters[meter_id]
        assert meter.min <= value <= meter.max
    for resource_id, value in game.state.resources.items():
        role = pack.roles[pack.resource_owner[resource_id]]
        assert role.resource is not None and 0 <= value <= role.resource.max


def _traced_after_gc() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def _long_play(pack, games: int) -> tuple[int, int]:
    """Traced memory after the first hundred games and after the rest.

    Tracing starts after the first hundred (tracemalloc only counts blocks allocated while it runs, and it
    slows every allocation down), so the first reading is the baseline and the second is what the later
    games left behind.
    """
    assert games >= 200
    for n in range(100):
        _play(pack, n)
    gc.collect()
    tracemalloc.start()
    try:
        first = _traced_after_gc()
        for n in range(100, games):
            _play(pack, n)
        last = _traced_after_gc()
    finally:
        tracemalloc.stop()
    return first, last


def test_two_hundred_games_do_not_grow_memory():
    first, last = _long_play(_pack(prefer_base=False), 200)
    assert last - first < SLACK_BYTES, f"memory grew by {(last - first) / 1024:.0f} KiB over 100 games"


@pytest.mark.slow
def test_a_thousand_games_do_not_grow_memory():
    first, last = _long_play(_pack(prefer_base=True), 1000)
    assert last - first < SLACK_BYTES, f"memory grew by {(last - first) / 1024:.0f} KiB over 900 games"
