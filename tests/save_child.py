"""A child process for the fault-injection test: it plays and saves in a loop until it is killed.

``python tests/save_child.py SAVES_DIR PACK_DIR SEED`` plays games of the pack one choice at a time and,
after every choice, writes the autosave slot ``auto-fault`` and the named slot ``fault`` (overwriting
it). It prints ``ready`` once both slots hold a complete save, then goes on until it is killed.

``python tests/save_child.py --fork-server SAVES_DIR PACK_DIR`` loads everything once, then for each line
``go SEED`` on stdin forks a worker that does the same and prints ``ready PID``; ``reap PID`` waits for
that worker to be gone and prints ``reaped PID``. Forking a warm process keeps hundreds of kills fast;
the worker is an ordinary process, killed with SIGKILL like any other.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from game.engine import Game, Pack
from game.files.loader import load_pack_or_raise
from game.files.saves import SaveStore


def save_forever(store: SaveStore, pack: Pack, seed: int, announce: str) -> None:
    pick = random.Random(seed)
    ready = False
    while True:
        players = {"minister": "Ann", "resident": "Bo"} if pick.random() < 0.5 else {"minister": "Ann"}
        game = Game.new(pack, seed=pick.randrange(10_000), players=players)
        while not game.over:
            step = game.step()
            choice = pick.choice([c for c in step.choices if c.available])
            game.choose(choice.id)
            store.autosave(game, "fault")
            store.save(game, "fault", overwrite=True)
            if not ready:
                print(announce, flush=True)
                ready = True


def fork_server(store: SaveStore, pack: Pack) -> None:
    for line in sys.stdin:
        command, arg = line.split()
        if command == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    save_forever(store, pack, int(arg), f"ready {os.getpid()}")
                finally:
                    os._exit(1)
        elif command == "reap":
            os.waitpid(int(arg), 0)
            print(f"reaped {arg}", flush=True)


def naive_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """How saves are often written, straight into the file; the test shows this loses games."""
    import json

    with open(path, "w", encoding="utf-8") as f:
        json.dump(json.loads(data), f, indent=2)


def main(argv: list[str]) -> None:
    if os.environ.get("WIJKBERAAD_SAVE_CHILD_NAIVE"):
        import game.files.saves

        game.files.saves.write_atomic = naive_write
    if argv[0] == "--fork-server":
        fork_server(SaveStore(Path(argv[1])), load_pack_or_raise(Path(argv[2])))
    else:
        save_forever(SaveStore(Path(argv[0])), load_pack_or_raise(Path(argv[1])), int(argv[2]), "ready")


if __name__ == "__main__":
    main(sys.argv[1:])
