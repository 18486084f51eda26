"""The class server under a class's load: ``python -m bench.host [--tables 10] [--moves 60] [--out FILE]``.

Starts ``wijkberaad host`` in its own process on loopback (a free port), seats three bot clients at each
table, and lets them play. For every choice a bot sends it measures the time until every seat at that table
has applied it (p50, p95), and it reads the server's memory before and after the tables fill.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # python bench/host.py
    sys.path.insert(0, str(ROOT))

from game.host.client import SeatClient, play_bot  # noqa: E402


class TimedSeat(SeatClient):
    """A seat that notes when it sent each move and when it applied each one."""

    def __init__(self, *args: Any, think: float = 0.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.think = think
        self.sent: dict[int, float] = {}
        self.applied: dict[int, float] = {}

    async def choose(self, choice: str, timeout: float = 10.0) -> None:
        if self.think:  # a person reads before choosing; without it the bots are a flood, not a class
            await asyncio.sleep(self.think)
        self.sent.setdefault(self.seq, time.perf_counter())
        await super().choose(choice, timeout)

    def _choice(self, seq: int, choice: str) -> None:
        super()._choice(seq, choice)
        self.applied.setdefault(seq, time.perf_counter())


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def run(tables: int, moves: int, think: float = 0.0) -> dict[str, Any]:
    from game.files.packs import load_game_content

    pack = load_game_content(mods=False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "klas"
        args = [sys.executable, "-m", "game", "host", "--port", "0", "--class-dir", str(folder), "--short"]
        proc = await asyncio.create_subprocess_exec(
            *args, "--seed", "7", "--lang", "en", cwd=ROOT, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, env={**os.environ, "WIJKBERAAD_SAVES": tmp},
        )  # fmt: skip
        try:
            line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
            url = re.search(r"http://\S+", line).group(0)
            code = json.loads((folder / "class.json").read_text())["code"]
            before = rss_kib(proc.pid)
            seats = [TimedSeat(url, pack, think=think) for _ in range(3 * tables)]
            for i, seat in enumerate(seats):
                await seat.join(code, f"Bot {i}")
            filled = rss_kib(proc.pid)
            started = time.perf_counter()
            await asyncio.wait_for(
                asyncio.gather(*(play_bot(s, moves, 60, until_seq=moves) for s in seats)), 600
            )
            elapsed = time.perf_counter() - started
            for seat in seats:
                await seat.close()
        finally:
            proc.kill()
            await proc.wait()
    return {**_figures(seats, tables, elapsed, before, filled), "think_ms": round(think * 1000)}


def _figures(seats: list[TimedSeat], tables: int, elapsed: float, before: int, filled: int) -> dict[str, Any]:
    by_table: dict[int, list[TimedSeat]] = {}
    for seat in seats:
        by_table.setdefault(seat.table or 0, []).append(seat)
    latencies = []
    for group in by_table.values():
        for sender in group:
            for seq, sent in sender.sent.items():
                if all(seq in s.applied for s in group):
                    latencies.append(max(s.applied[seq] for s in group) - sent)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "tables": tables,
        "seats": len(seats),
        "choices": len(latencies),
        "choices_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(q[49] * 1000, 2),
        "p95_ms": round(q[94] * 1000, 2),
        "server_kib_per_table": round((filled - before) / tables, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.host", description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--moves", type=int, default=60, help="moves per table")
    parser.add_argument("--think", type=float, default=0.0, help="seconds each bot waits before a choice")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.tables, args.moves, args.think))
    print(
        f"host  {figures['tables']} tables x 3 bots (think {figures['think_ms']} ms), {figures['choices']} "
        "choices: choice to every seat "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms; {figures['choices_per_s']} choices/s; "
        f"server memory {figures['server_kib_per_table']} KiB per table"
    )
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
