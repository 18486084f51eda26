"""Shared test set-up: the --slow option for long fuzz, fault and balance runs, and common fixtures."""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

TESTS = Path(__file__).resolve().parent
MINI_PACK = TESTS / "packs" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", default=False, help="also run long fuzz/fault/balance runs"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    # The default run spreads tests over one worker per core (pyproject's addopts). Updating the UI snapshots
    # runs in one process: only then does syrupy see every snapshot in use and remove the stale ones.
    if config.getoption("--snapshot-update", default=False) and getattr(config.option, "numprocesses", None):
        config.option.numprocesses = 0
        config.option.dist = "no"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    # `-n auto` (pyproject's addopts): two workers more than the cores. A UI test spends over half its time
    # waiting for the app to go idle (Pilot sleeps in steps of 20 ms), a server or browser test waits on
    # other processes, so one worker per core leaves the cores idle much of the time. On two cores, three
    # workers still left a fifth idle (vmstat); four fill it, and gain more than the extra collection costs.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 2


#: Property tests take their number of examples from a profile: a few dozen in the default run (every
#: property is tried on every run, the suite stays quick), many more with --slow. A test gives its own
#: max_examples only where one example is costly (a forked command run, the shipped pack).
settings.register_profile("quick", max_examples=25, deadline=None)
settings.register_profile("slow", max_examples=500, deadline=None)


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--hypothesis-profile", default=None):
        settings.load_profile("slow" if config.getoption("--slow") else "quick")
    # No test (nor a game it starts in a subprocess) reads or writes the settings file in the real home
    # folder; the UI tests go further and give every test a fresh one (tests/ui/conftest.py).
    os.environ["WIJKBERAAD_CONFIG"] = tempfile.mkdtemp(prefix="wijkberaad-test-config-")
    # Nor the content cache in the user's cache folder (game/files/cache.py).
    os.environ["WIJKBERAAD_CACHE"] = tempfile.mkdtemp(prefix="wijkberaad-test-cache-")


def pytest_collection_finish(session: pytest.Session) -> None:
    # The garbage collector, tuned for a test process: what collection imported and built lives until the
    # end, so it is frozen out of every later collection; and collections come less often. With Python's
    # defaults a full collection walks every Textual widget and loaded pack again and again, a fifth of the
    # UI tests' CPU time. The largest worker still peaks near 220 MB, as with the defaults; nothing here relies
    # on when garbage goes (test_robust_longplay collects explicitly before it measures).
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def pytest_unconfigure(config: pytest.Config) -> None:
    # At its very end pytest collects garbage five times over, so that a finaliser that raises is reported.
    # Walking the whole heap of a worker that ran UI tests five times took a second per worker, all of them
    # at once. One collection here finalises what is garbage now (pytest still hears of what raises); what is
    # left is alive and frozen, so pytest's five walk only what those finalisers let go.
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The tests marked `early` go first (a stable sort keeps the rest in order): xdist hands tests out in this
    # order, and one that takes seconds, begun last, would leave the other core idle at the end of the run.
    items.sort(key=lambda item: "early" not in item.keywords)
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="long run: use --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def mini_pack():
    """The small test pack, compiled."""
    from game.files.loader import load_pack_or_raise

    return load_pack_or_raise(MINI_PACK)


@pytest.fixture(scope="session")
def base_pack():
    """The shipped pack, compiled once per test process (no test changes a pack)."""
    from game.files.loader import load_pack_or_raise
    from game.files.paths import base_pack_dir

    return load_pack_or_raise(base_pack_dir())


@pytest.fixture(autouse=True)
def _no_missing_words(request):
    """A test that makes the program ask for a catalogue key nobody has fails, dynamic keys included
    (``t(f"cmd.{key}")``): tests/test_words.py checks the literal ones, this the ones the suite reaches."""
    from game import i18n

    i18n.MISSING.clear()
    yield
    if "missing_words_ok" not in request.keywords:
        assert not i18n.MISSING, f"asked for keys no catalogue has: {sorted(i18n.MISSING)}"
