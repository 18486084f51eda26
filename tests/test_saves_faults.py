"""Fault injection: a process saving in a loop is killed with SIGKILL at random moments, many times.

After every kill both slots it writes must load and hold a complete game whose log replays to its
snapshot. By default 25 kills; with ``--slow`` 250. The saving happens in ``tests/save_child.py``.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.files.loader import load_pack_or_raise
from game.files.saves import SaveError, SaveStore

TESTS = Path(__file__).resolve().parent
CHILD = TESTS / "save_child.py"
PACK = TESTS / "fixtures" / "saves" / "pack"
SLOTS = ("auto-fault", "fault")

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork") or os.name == "nt", reason="needs fork and SIGKILL"),
    pytest.mark.early,
]


@pytest.fixture(scope="module")
def pack():
    return load_pack_or_raise(PACK)


def read_line(proc: subprocess.Popen, timeout: float = 30.0) -> str:
    """The child's next line of output, or a failure if it says nothing in time."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        pytest.fail(f"the save child said nothing for {timeout} s")
    line = proc.stdout.readline()
    if not line:
        pytest.fail(f"the save child stopped: {proc.stderr.read() if proc.stderr else ''}")
    return line.strip()


def check_slots(store: SaveStore, pack) -> tuple:
    """Both slots load, replay to their snapshot, and are listed as the only, readable, saves."""
    listed = store.list()
    assert sorted(i.slot for i in listed) == sorted(SLOTS), [i.slot for i in listed]
    assert all(i.readable for i in listed), [(i.slot, i.reason) for i in listed]
    seen = []
    for slot in SLOTS:
        loaded = store.load(slot, pack)
        assert loaded.mismatch is None, (slot, loaded.mismatch)
        assert loaded.game.state.choices, slot
        assert loaded.game.state == loaded.snapshot.state
        seen.append((loaded.game.state.seed, len(loaded.game.state.choices)))
    return tuple(seen)


def kill_count(request: pytest.FixtureRequest) -> int:
    return 250 if request.config.getoption("--slow") else 25


def kill_loop(store: SaveStore, kills: int, seed: int, env: dict | None = None):
    """Start a fork server saving into ``store``; yield after each of ``kills`` SIGKILLs of a worker."""
    rng = random.Random(seed)
    server = subprocess.Popen(
        [sys.executable, str(CHILD), "--fork-server", str(store.root), str(PACK)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, **(env or {})},
    )
    try:
        assert server.stdin is not None
        for n in range(kills):
            server.stdin.write(f"go {n}\n")
            server.stdin.flush()
            word, pid = read_line(server).split()
            assert word == "ready"
            time.sleep(rng.uniform(0, 0.08))
            os.kill(int(pid), signal.SIGKILL)
            server.stdin.write(f"reap {pid}\n")
            server.stdin.flush()
            assert read_line(server) == f"reaped {pid}"
            yield n
    finally:
        server.kill()
        server.wait()


def test_saves_survive_sigkill_at_random_moments(tmp_path, pack, request):
    kills = kill_count(request)
    seed = int(os.environ.get("WIJKBERAAD_FAULT_SEED", "20260828"))
    store = SaveStore(tmp_path / "saves")
    states = set()
    for _ in kill_loop(store, kills, seed):
        states.add(check_slots(store, pack))
    # The kills landed at many different points of play, not always at the same one.
    assert len(states) > kills // 3
    # A killed writer may leave a temporary file behind, never a save: they are not listed.
    leftovers = [p.name for p in store.root.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith((".auto-fault.json.", ".fault.json.")) for name in leftovers)


def test_the_harness_catches_a_writer_that_is_not_atomic(tmp_path, pack):
    """The same kills against a writer that writes straight into the slot do break saves."""
    store = SaveStore(tmp_path / "saves")
    broken = 0
    for _ in kill_loop(store, 20, 1, env={"WIJKBERAAD_SAVE_CHILD_NAIVE": "1"}):
        for slot in SLOTS:
            try:
                store.load(slot, pack)
            except SaveError:
                broken += 1
    assert broken > 0


def test_a_fresh_process_killed_while_saving_leaves_a_whole_save(tmp_path, pack):
    store = SaveStore(tmp_path / "saves")
    rng = random.Random(7)
    for n in range(3):
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(store.root), str(PACK), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert read_line(proc) == "ready"
            time.sleep(rng.uniform(0, 0.05))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        check_slots(store, pack)
