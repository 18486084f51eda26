"""Run Wijkberaad's benchmarks: ``python -m bench`` (or ``python bench/run.py``).

Prints a table and writes every figure, with the machine it came from, to ``bench/results/latest.json``.
Each figure is set against a baseline measured in the same run, so a ratio means something on a noisy
machine: the engine against its aim, content loading against parsing the same YAML alone, start-up in a real
pseudo-terminal against a bare Textual app with one label, ``--help`` against a bare argparse program, and a
key press against a bare app pushing a comparable screen (through Pilot, and in a pseudo-terminal). Runs alternate with their baseline; figures are
medians.

Options: ``--quick`` (fewer repetitions, for a smoke run), ``--only SECTION[,SECTION]`` (engine, content,
saves, startup, cli, ui), ``--games N`` (engine games per measurement), ``--out FILE``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # python bench/run.py
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
BASE = ROOT / "content" / "base"
MINI = ROOT / "tests" / "packs" / "mini"
SECTIONS = ("engine", "content", "saves", "startup", "cli", "ui")


# -- the machine ------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import textual

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": textual.__version__,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def pack_path() -> Path:
    """The shipped pack when it loads cleanly, else the test pack."""
    from game.files.loader import load_pack

    result = load_pack(BASE)
    if result.ok and result.pack is not None and result.pack.scenarios:
        return BASE
    return MINI


def median_time(fn, repeat: int) -> float:
    """The median CPU time of ``fn`` in this process.

    CPU time, not wall time: on a shared machine other processes stretch the wall clock, but not the work
    this process does. (The all-cores, start-up and UI figures are wall time: there waiting is the point.)
    """
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def median_times(fns: list, repeat: int) -> list[float]:
    """:func:`median_time` of several functions, alternating them so they share the machine's mood."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for n, fn in enumerate(fns):
            start = time.process_time()
            fn()
            times[n].append(time.process_time() - start)
    return [statistics.median(t) for t in times]


# -- engine -----------------------------------------------------------------------------------------
_WORKER_PACK: Any = None


def _worker_init(path: str) -> None:
    global _WORKER_PACK
    from game.files.loader import load_pack_or_raise

    _WORKER_PACK = load_pack_or_raise(path)


def _play(pack: Any, seeds: range | list[int], changes: bool = True) -> int:
    from game.engine import Game

    choices = 0
    for seed in seeds:
        game = Game.new(pack, seed=seed, changes=changes)
        game.play_computer(until_human=False)
        choices += len(game.state.choices)
    return choices


def _worker_play(job: tuple[list[int], bool]) -> int:
    return _play(_WORKER_PACK, *job)


def _ready(_: int) -> bool:
    return _WORKER_PACK is not None


def _games_per_s(pack: Any, path: Path, games: int, changes: bool) -> tuple[float, float, int]:
    """Games a second on one core (CPU time) and on every core (wall time), and the choices made."""
    _play(pack, range(10_000, 10_010), changes)  # warm up
    start = time.process_time()
    choices = _play(pack, range(games), changes)
    one = time.process_time() - start
    cores = os.cpu_count() or 1
    jobs = [(list(range(n, games, cores * 4)), changes) for n in range(cores * 4)]
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(cores, initializer=_worker_init, initargs=(str(path),)) as pool:
        pool.map(_ready, range(cores))  # every worker has loaded the pack: time the games only
        start = time.perf_counter()
        pool.map(_worker_play, jobs)
        every = time.perf_counter() - start
    return games / one, games / every, choices


def _simulate_s(path: Path, runs: int, workers: int = 2) -> float:
    """The wall time of ``wijkberaad simulate PACK --runs RUNS`` on ``workers`` cores, from the command's
    start to its printed report: process start, imports, the pack from the content cache, the workers,
    the games, the results' way back and the report.

    Run as an installed game runs: a first short run fills the content cache (a folder of this
    measurement's own) and Python's bytecode cache, which an installed game has (this machine's
    ``PYTHONDONTWRITEBYTECODE`` would make every start compile the game's modules again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "game", "simulate", str(path), "--workers", str(workers)]
    with tempfile.TemporaryDirectory(prefix="wijkberaad-bench-cache-") as folder:
        env["WIJKBERAAD_CACHE"] = folder
        warm = [*command, "--runs", "1", "--strategy", "priorities"]
        subprocess.run(warm, cwd=ROOT, env=env, check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run([*command, "--runs", str(runs)], cwd=ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def bench_engine(path: Path, games: int, report_games: int) -> dict[str, Any]:
    """Whole computer-played games: as the app plays them (every change recorded, for the screens, saves
    and the debrief) and as a balance report plays them (no change records), and a balance report itself:
    ``wijkberaad simulate`` from the command's start to its report, every strategy, two cores."""
    from game.engine.policy import STRATEGIES
    from game.files.loader import load_pack_or_raise

    pack = load_pack_or_raise(path)
    scenario = next(iter(pack.scenarios.values()))
    one, every, choices = _games_per_s(pack, path, games, changes=True)
    lean_one, lean_every, _ = _games_per_s(pack, path, games, changes=False)
    # The seconds for 10,000 games follow from the games a second as shown, so the two never disagree.
    every, lean_every = round(every, 1), round(lean_every, 1)
    runs = max(1, report_games // len(STRATEGIES))
    report_s = _simulate_s(path, runs)
    report_games = runs * len(STRATEGIES)
    return {
        "pack": path.name,
        "scenario": scenario.id,
        "rounds": scenario.rounds,
        "games": games,
        "choices_per_game": round(choices / games, 1),
        "cores": os.cpu_count() or 1,
        "games_per_s_one_core": round(one, 1),
        "games_per_s_all_cores": round(every, 1),
        "seconds_for_10000_games_all_cores": round(10_000 / every, 2),
        "report_games_per_s_one_core": round(lean_one, 1),
        "report_games_per_s_all_cores": round(lean_every, 1),
        "report_seconds_for_10000_games_all_cores": round(10_000 / lean_every, 2),
        "balance_report_games": report_games,
        "balance_report_seconds": round(report_s, 2),
        "balance_report_seconds_per_10000_games": round(10_000 * report_s / report_games, 2),
        "aim_seconds_for_10000_games": 5.0,
    }


# -- content ----------------------------------------------------------------------------------------
def _synthetic(src: Path, dest: Path, factor: int) -> int:
    """A copy of ``src`` with its events ``factor`` times (copies get new ids); returns the event count."""
    import yaml

    shutil.copytree(src, dest)
    events = 0
    for path in sorted(dest.rglob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not data.get("events"):
            continue
        events += len(data["events"]) * factor
        for n in range(1, factor):
            copies = []
            for event in data["events"]:
                copy = json.loads(json.dumps(event))
                copy["id"] = f"{event['id'][:40]}_x{n}"
                copies.append(copy)
            out = path.with_name(f"{path.stem}_x{n}.yaml")
            out.write_text(
                yaml.safe_dump({"events": copies}, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    return events


def _parse_only(root: Path) -> None:
    import yaml

    # the fastest safe parser PyYAML has here (libyaml when built with it), as the loader uses
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(root.rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader


def _cached_load_s(root: Path, folder: Path, pack: Any, repeat: int = 7) -> float | None:
    """The median CPU time of loading ``root`` from the content cache (its key worked out from the files'
    bytes, the items read back and built), once ``pack`` is cached in ``folder``."""
    from game.files import cache

    key = cache.key_for([root])
    if pack is None or key is None or not cache.write(key, pack, folder):
        return None
    return median_time(lambda: cache.read(cache.key_for([root]) or "", folder), repeat)


def bench_content(path: Path, repeat: int) -> dict[str, Any]:
    from game.files.loader import load_pack

    rows = []
    with tempfile.TemporaryDirectory(prefix="wk-bench-") as tmp:
        for factor in (1, 5, 10):
            root = Path(tmp) / f"x{factor}"
            events = _synthetic(path, root, factor)
            result = load_pack(root)
            errors = [str(p) for p in result.errors][:3]
            load, parse = median_times(
                [lambda root=root: load_pack(root), lambda root=root: _parse_only(root)],
                repeat if factor == 1 else max(3, repeat // 2),
            )
            size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
            cached = _cached_load_s(root, Path(tmp) / f"cache{factor}", result.pack)
            rows.append(
                {
                    "factor": factor,
                    "events": events,
                    "bytes": size,
                    "load_and_validate_s": round(load, 4),
                    "parse_yaml_only_s": round(parse, 4),
                    "ratio": round(load / parse, 2),
                    "ms_per_event": round(1000 * load / max(1, events), 3),
                    # a start after the first: the validated items read back from the content cache
                    "cached_load_s": round(cached, 4) if cached is not None else None,
                    "errors": errors,
                }
            )
    first, last = rows[0], rows[-1]
    growth = (last["load_and_validate_s"] / first["load_and_validate_s"]) / (last["events"] / first["events"])
    return {
        "pack": path.name,
        "sizes": rows,
        "shipped_ratio": first["ratio"],
        "ten_times_ratio": last["ratio"],
        # 1.0: time grows exactly with the number of events; above 1: worse than linear
        "growth_vs_linear": round(growth, 2),
    }


# -- saves ------------------------------------------------------------------------------------------
def bench_saves(path: Path, repeat: int) -> dict[str, Any]:
    from game.engine import Game
    from game.files.loader import load_pack_or_raise
    from game.files.saves import SaveStore

    pack = load_pack_or_raise(path)
    scenario = next(iter(pack.scenarios.values()))
    out: dict[str, Any] = {"pack": path.name}
    with tempfile.TemporaryDirectory(prefix="wk-bench-") as tmp:
        store = SaveStore(Path(tmp))
        for label, upto in (("mid_game", 0.5), ("end_of_game", 1.0)):
            game = Game.new(pack, seed=3, players={scenario.roles[0]: "Speler"})
            target = int(scenario.rounds * upto)
            while not game.over and game.state.round < max(1, target) + (1 if upto == 1.0 else 0):
                step = game.step()
                if game.is_human(step.actor) or step.kind == "news":
                    game.choose(next(c.id for c in step.choices if c.available))
                else:
                    game.play_computer()
            info = store.autosave(game, f"bench-{label}")
            autosave = median_time(
                lambda game=game, label=label: store.autosave(game, f"bench-{label}"), repeat
            )
            load = median_time(lambda info=info: store.load(info.slot, pack), repeat)
            out[label] = {
                "choices": len(game.state.choices),
                "file_bytes": store.path(info.slot).stat().st_size,
                "autosave_ms": round(1000 * autosave, 2),
                "load_with_replay_ms": round(1000 * load, 2),
            }
    return out


# -- start-up ---------------------------------------------------------------------------------------
def _compile_game() -> None:
    """Compile the game's bytecode as installing it does (pip writes the .pyc files): a player's start does
    not compile the game from source, though one here would when PYTHONDONTWRITEBYTECODE is set."""
    import compileall

    compileall.compile_dir(ROOT / "game", quiet=1)


def bench_startup(runs: int) -> dict[str, Any]:
    """``wijkberaad`` in a real pseudo-terminal (80x24, read by the pyte emulator) until the Dutch title
    screen is on it and until the content has loaded ("Inhoud:" shown), against a bare Textual app with one
    label started the same way, alternating runs. A player's usual start reads the content cache
    (game/files/cache.py, kept between runs here); a first start, or one after the content changed, reads,
    validates and caches the packs (a new empty cache each run)."""
    from bench.terminal import CONTENT_TEXT, TITLE_TEXT, bare_argv, game_argv, time_to_texts

    _compile_game()
    title, content, first, bare = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="wk-bench-cache-") as kept:
        cache = Path(kept)
        time_to_texts(bare_argv(), [TITLE_TEXT])  # warm the system's caches
        time_to_texts(game_argv(), [TITLE_TEXT, CONTENT_TEXT], cache=cache)  # and the content cache
        for _ in range(runs):
            bare += time_to_texts(bare_argv(), [TITLE_TEXT])
            shown, ready = time_to_texts(game_argv(), [TITLE_TEXT, CONTENT_TEXT], cache=cache)
            title.append(shown)
            content.append(ready)
            first.append(time_to_texts(game_argv(), [CONTENT_TEXT])[0])
    t, c, b = statistics.median(title), statistics.median(content), statistics.median(bare)
    f = statistics.median(first)
    return {
        "runs_each": runs,
        "terminal": "pseudo-terminal 80x24 read by pyte",
        "game_to_title_shown_s": round(t, 3),
        "game_to_content_ready_s": round(c, 3),
        "first_start_to_content_ready_s": round(f, 3),
        "bare_app_shown_s": round(b, 3),
        "ratio": round(t / b, 2),
        "content_ratio": round(c / b, 2),
        "first_start_content_ratio": round(f / b, 2),
        "aim_ratio": 1.3,
        "aim_content_ratio": 1.6,
    }


BARE_ARGPARSE = """
import argparse
parser = argparse.ArgumentParser(prog="bare", description="A bare argparse program.")
parser.add_argument("--version", action="version", version="bare 1")
parser.add_argument("--lang", choices=["nl", "en"])
parser.parse_args()
"""


def _run_s(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=True, timeout=60)
    return time.perf_counter() - start


def bench_cli(runs: int) -> dict[str, Any]:
    """``wijkberaad --help`` and ``--version`` against a bare argparse program doing the same, alternating."""
    out: dict[str, Any] = {"runs_each": runs}
    for flag in ("--help", "--version"):
        game, bare = [], []
        _run_s([sys.executable, "-m", "game", flag])  # warm caches
        for _ in range(runs):
            bare.append(_run_s([sys.executable, "-c", BARE_ARGPARSE, flag]))
            game.append(_run_s([sys.executable, "-m", "game", flag]))
        g, b = statistics.median(game), statistics.median(bare)
        key = flag.strip("-")
        out[key] = {
            "game_ms": round(1000 * g, 1),
            "bare_argparse_ms": round(1000 * b, 1),
            "ratio": round(g / b, 2),
        }
    out["aim_ratio"] = 1.5
    return out


# -- a decision in the UI, and memory ---------------------------------------------------------------
def _ui_child(which: str, path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench._children", "ui", which, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_ui(path: Path, runs: int) -> dict[str, Any]:
    game_times, bare_times, game_rss, bare_rss = [], [], [], []
    rounds = 0
    for _ in range(runs):
        bare = _ui_child("bare", path)
        game = _ui_child("game", path)
        bare_times += bare["times"]
        game_times += game["times"]
        bare_rss.append(bare["peak_rss_kb"])
        game_rss.append(game["peak_rss_kb"])
        rounds = game["rounds"]
    g, b = statistics.median(game_times), statistics.median(bare_times)
    return {
        "pack": path.name,
        "presses_timed": {"game": len(game_times), "bare": len(bare_times)},
        "game_rounds_played": rounds,
        # from the key press to the first frame drawn after the engine took the choice
        "game_key_to_consequence_ms": round(1000 * g, 1),
        "game_key_p90_ms": round(1000 * sorted(game_times)[int(0.9 * (len(game_times) - 1))], 1),
        "bare_key_to_render_ms": round(1000 * b, 1),
        "ratio": round(g / b, 2),
        **_terminal_presses(runs),
        "peak_rss_full_game_mib": round(max(game_rss) / 1024, 1),
        "peak_rss_bare_app_mib": round(max(bare_rss) / 1024, 1),
        "rss_ratio": round(max(game_rss) / max(bare_rss), 2),
    }


def _terminal_presses(runs: int, presses: int = 6) -> dict[str, Any]:
    """Key presses as a player makes them: "1" written into a pseudo-terminal (100x32, read by pyte) until
    the consequences screen's title is on it, against the bare app pushing its screen the same way,
    alternating runs (bench/terminal.py)."""
    from bench.terminal import bare_press_argv, game_press_argv, key_presses

    game, bare = [], []
    for _ in range(runs):
        bare += key_presses(bare_press_argv(), presses)
        game += key_presses(game_press_argv(), presses)
    g, b = statistics.median(game), statistics.median(bare)
    return {
        "terminal_presses_timed": {"game": len(game), "bare": len(bare)},
        "terminal_game_key_ms": round(1000 * g, 1),
        "terminal_bare_key_ms": round(1000 * b, 1),
        "terminal_ratio": round(g / b, 2),
    }


# -- the table --------------------------------------------------------------------------------------
def table(results: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str]] = []
    e = results.get("engine")
    if e:
        rows += [
            ("engine", f"{e['rounds']}-round games/s as the app plays them, one core (CPU time)",
             f"{e['games_per_s_one_core']}"),
            ("engine", f"  the same, {e['cores']} cores (wall time)",
             f"{e['games_per_s_all_cores']}: 10,000 in {e['seconds_for_10000_games_all_cores']} s"),
            ("engine", "games/s as a balance report plays them, one core",
             f"{e['report_games_per_s_one_core']}"),
            ("engine", f"  the same, {e['cores']} cores",
             f"{e['report_games_per_s_all_cores']}: 10,000 in {e['report_seconds_for_10000_games_all_cores']} s"
             " (aim 5 s)"),
            ("engine", f"simulate, {e['balance_report_games']} games, start to report",
             f"{e['balance_report_seconds']} s = {e['balance_report_seconds_per_10000_games']} s per 10,000"),
        ]  # fmt: skip
    c = results.get("content")
    if c:
        for row in c["sizes"]:
            rows.append((
                "content",
                f"load+validate {row['events']} events (x{row['factor']})",
                f"{row['load_and_validate_s'] * 1000:.0f} ms = {row['ratio']}x parsing alone"
                + (f"; from the cache {row['cached_load_s'] * 1000:.0f} ms" if row.get("cached_load_s") else ""),
            ))  # fmt: skip
        rows.append(("content", "growth against linear (1.0 = linear)", f"{c['growth_vs_linear']}"))
    s = results.get("saves")
    if s:
        for label in ("mid_game", "end_of_game"):
            r = s[label]
            rows.append((
                "saves",
                f"{label.replace('_', ' ')} ({r['choices']} choices, {r['file_bytes'] // 1024} KiB)",
                f"autosave {r['autosave_ms']} ms, load+replay {r['load_with_replay_ms']} ms",
            ))  # fmt: skip
    st = results.get("startup")
    if st:
        rows += [
            ("start-up", f"to the Dutch title in a terminal (median of {st['runs_each']})", (
                f"{st['game_to_title_shown_s']} s vs bare app {st['bare_app_shown_s']} s"
                f" = {st['ratio']}x (aim 1.3x)"
            )),
            ("start-up", "to content ready ('Inhoud:' shown), content cached", (
                f"{st['game_to_content_ready_s']} s = {st['content_ratio']}x the bare app (aim 1.6x)"
            )),
            ("start-up", "  the same, a first start (content read, validated, cached)", (
                f"{st['first_start_to_content_ready_s']} s = {st['first_start_content_ratio']}x the bare app"
            )),
        ]  # fmt: skip
    cl = results.get("cli")
    if cl:
        for flag in ("help", "version"):
            r = cl[flag]
            rows.append((
                "cli", f"wijkberaad --{flag} (median of {cl['runs_each']})",
                f"{r['game_ms']} ms vs bare argparse {r['bare_argparse_ms']} ms = {r['ratio']}x (aim 1.5x)",
            ))  # fmt: skip
    u = results.get("ui")
    if u:
        rows += [
            ("ui", "key press to consequence drawn (median)", (
                f"{u['game_key_to_consequence_ms']} ms (p90 {u['game_key_p90_ms']} ms)"
                f" vs a bare app pushing a screen {u['bare_key_to_render_ms']} ms = {u['ratio']}x (aim 1.5x)"
            )),
            ("ui", "  the same in a terminal (pty, pyte; median)", (
                f"{u['terminal_game_key_ms']} ms vs the bare app {u['terminal_bare_key_ms']} ms"
                f" = {u['terminal_ratio']}x (aim 1.5x)"
            )),
            ("memory", "peak RSS, full game vs bare app", (
                f"{u['peak_rss_full_game_mib']} MiB vs {u['peak_rss_bare_app_mib']} MiB"
                f" = {u['rss_ratio']}x"
            )),
        ]  # fmt: skip
    for name, error in results.get("errors", {}).items():
        rows.append((name, "failed", error.splitlines()[-1][:80] if error else "?"))
    widths = [max(len(r[i]) for r in rows) for i in range(2)] if rows else [0, 0]
    return "\n".join(f"{a.ljust(widths[0])}  {b.ljust(widths[1])}  {c}" for a, b, c in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, noisier)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run ({', '.join(SECTIONS)})")
    parser.add_argument("--games", type=int, default=None, help="engine games per measurement (default 2000)")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json", help="where to write the JSON")
    args = parser.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section {sorted(unknown)[0]}; choose from {', '.join(SECTIONS)}")
    quick = args.quick
    path = pack_path()
    results: dict[str, Any] = {"machine": machine(), "pack": str(path.relative_to(ROOT)), "errors": {}}
    plan = {
        "engine": lambda: bench_engine(
            path, args.games or (300 if quick else 2000), 400 if quick else 10_000
        ),
        "content": lambda: bench_content(path, 3 if quick else 7),
        "saves": lambda: bench_saves(path, 5 if quick else 20),
        "startup": lambda: bench_startup(4 if quick else 12),
        "cli": lambda: bench_cli(5 if quick else 21),
        "ui": lambda: bench_ui(path, 1 if quick else 3),
    }
    for name in only:
        print(f"running {name} ... ({time.strftime('%H:%M:%S')})", file=sys.stderr, flush=True)
        try:
            results[name] = plan[name]()
        except Exception as err:  # noqa: BLE001 - one broken section must not lose the others' figures
            import traceback

            results["errors"][name] = traceback.format_exc()
            print(f"{name} failed: {err}", file=sys.stderr)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    m = results["machine"]
    print(f"{m['cpu']}, {m['cores']} cores, Python {m['python']}, Textual {m['textual']}, {m['date']}")
    print(f"load average {m['load_average_at_start']} -> {m['load_average_at_end']}")
    print(table(results))
    print(f"written to {args.out}", file=sys.stderr)
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
