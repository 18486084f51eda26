"""Shared test set-up: the --slow option for long fuzz, fault and balance runs, and common fixtures."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

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


def pytest_configure(config: pytest.Config) -> None:
    # No test (nor a game it starts in a subprocess) reads or writes the settings file in the real home
    # folder; the UI tests go further and give every test a fresh one (tests/ui/conftest.py).
    os.environ["WIJKBERAAD_CONFIG"] = tempfile.mkdtemp(prefix="wijkberaad-test-config-")
    # Nor the content cache in the user's cache folder (game/files/cache.py).
    os.environ["WIJKBERAAD_CACHE"] = tempfile.mkdtemp(prefix="wijkberaad-test-cache-")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
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


@pytest.fixture(autouse=True)
def _no_missing_words(request):
    """A test that makes the program ask for a catalogue key nobody has fails, dynamic keys included
    (``t(f"cmd.{key}")``): tests/test_words.py checks the literal ones, this the ones the suite reaches."""
    from game import i18n

    i18n.MISSING.clear()
    yield
    if "missing_words_ok" not in request.keywords:
        assert not i18n.MISSING, f"asked for keys no catalogue has: {sorted(i18n.MISSING)}"
