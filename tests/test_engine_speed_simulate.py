"""``simulate`` reads its packs through the content cache, as a game does: a report from the cache is the
report of the pack read from its files, and an edited pack is never simulated from a stale cache file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.authoring import balance
from game.files import cache
from game.files.packs import load_layers

MINI = Path(__file__).resolve().parent / "packs" / "mini"


@pytest.fixture
def pack_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini pack, an empty cache folder of its own, and no pack kept from an earlier load."""
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setattr(balance, "_PACKS", {})
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def _report(root: Path, *, from_files: bool = False) -> dict:
    balance._PACKS.clear()  # a new run of the command: nothing kept in this process
    if from_files:  # the pack as read, validated and built from its files, no cache involved
        result = load_layers([root], lint=False)
        assert result.ok, [str(p) for p in result.problems]
        balance._PACKS[(str(root),)] = result.pack
    return balance.simulate([root], runs=6, seed=3, workers=1)


def test_a_report_from_the_cache_is_the_report_from_the_files(pack_copy: Path) -> None:
    expected = _report(pack_copy, from_files=True)
    first = _report(pack_copy)  # reads the files, writes the cache
    key = cache.key_for([pack_copy])
    assert key is not None and (cache.cache_dir() / f"{key}.json").is_file()
    assert cache.read(key) is not None
    assert first == expected
    assert _report(pack_copy) == expected  # from the cache file


def test_an_edited_pack_is_simulated_as_edited(pack_copy: Path) -> None:
    before = _report(pack_copy)  # fills the cache
    scenario = next(p for p in pack_copy.rglob("*.yaml") if "rounds:" in p.read_text(encoding="utf-8"))
    text = scenario.read_text(encoding="utf-8")
    rounds = next(line for line in text.splitlines() if line.strip().startswith("rounds:"))
    shorter = rounds.split(":")[0] + ": 3"
    scenario.write_text(text.replace(rounds, shorter, 1), encoding="utf-8")
    after = _report(pack_copy)
    assert after["rounds"] == 3 != before["rounds"]
    assert after == _report(pack_copy, from_files=True)


def test_each_rounds_meters_travel_as_tuples_in_the_order_of_the_final_meters() -> None:
    """The report's years are each meter's mean after each round, read from the games' own round records
    (the workers send each round's meters as a tuple, in the order of the game's final meters)."""
    from game.engine import Game

    pack = balance.load_for_simulation([MINI])
    scenario = next(iter(pack.scenarios))
    runs = 5
    report = balance.simulate([MINI], runs=runs, seed=11, workers=1, strategies=["random"])
    records = []
    for i in range(runs):
        game = Game.new(pack, scenario, seed=balance.game_seed(11, i), changes=False)
        game.play_computer("random", until_human=False)
        records.append(game.state.round_log)
        result = balance.play_one(pack, scenario, None, balance.game_seed(11, i), "random", i)
        assert result.years == tuple(tuple(r.meters[m] for m in result.meters) for r in game.state.round_log)
    years = report["by_strategy"]["random"]["years"]
    assert set(years) == set(pack.meters)
    for meter, means in years.items():
        for n, mean in enumerate(means):
            values = [log[n].meters[meter] for log in records if len(log) > n]
            assert mean == round(sum(values) / len(values), 3)
