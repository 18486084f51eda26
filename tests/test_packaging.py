"""The wheel carries everything the game needs, and the game finds its content when installed from it.

Builds the wheel offline (no build isolation: the test extra brings a setuptools that can), unpacks it into a
folder away from the checkout and runs the game's commands from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Build from a copy of the tracked files, as a clean clone would: no stale build/ folder can hide a gap.
    source = tmp_path_factory.mktemp("source")
    for path in _tracked_files("."):
        target = source / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, target)
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("wijkberaad-*.whl")
    return built


def _tracked_files(under: str) -> list[str]:
    result = subprocess.run(["git", "ls-files", under], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    return [line for line in result.stdout.splitlines() if line]


def test_wheel_holds_every_package_file_and_the_shipped_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [path for path in _tracked_files("game") if "__pycache__" not in path and path not in names]
    assert not missing, f"files of the game package missing from the wheel: {missing}"
    content = [path for path in _tracked_files("content") if not path.endswith(".gitkeep")]
    assert content, "no shipped content found in the checkout"
    missing_content = [
        path for path in content if "game/_content/" + path.removeprefix("content/") not in names
    ]
    assert not missing_content, f"shipped content missing from the wheel: {missing_content}"


def test_installed_wheel_finds_its_content_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
        )

    where = run("-c", "import game.files.paths as p; print(p.__file__); print(p.base_pack_dir())")
    assert where.returncode == 0, where.stderr
    module_file, pack_dir = where.stdout.split()
    assert Path(module_file).is_relative_to(site), "the test imported the checkout, not the wheel"
    assert Path(pack_dir).is_relative_to(site / "game" / "_content")

    checked = run("-m", "game", "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    page = run(
        "-c",
        "from game.serve.tab import *; import importlib.resources as r; "
        "print(r.files('game.serve').joinpath('templates/app_index.html').is_file())",
    )
    assert page.returncode == 0, page.stderr
    assert page.stdout.strip() == "True"


def test_the_wheel_carries_the_report_templates_and_an_installed_game_renders_them(
    wheel: Path, tmp_path: Path
) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("report.html", "compare.html", "compare.md", "report.css", "compare.css"):
        assert f"game/reports/templates/{name}" in names, f"{name} missing from the wheel"
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import game.reports.html as h\n"
        "from game.engine import Game\n"
        "from game.files.loader import load_pack_or_raise\n"
        "from game.files.paths import base_pack_dir\n"
        "from game.reports.compare import build_comparison, render_comparison\n"
        "from game.reports.formats import render\n"
        "from game.reports.report import build_report\n"
        "game = Game.new(load_pack_or_raise(base_pack_dir()), seed=1)\n"
        "game.play_computer(until_human=False)\n"
        "print(h.__file__)\n"
        "print(render(build_report(game, 'nl'), 'html'))\n"
        "print(render_comparison(build_comparison([('groep-1', game)], 'en'), 'html'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    module_file, _, pages = result.stdout.partition("\n")
    assert Path(module_file).is_relative_to(site), "the test imported the checkout, not the wheel"
    assert pages.count("<!DOCTYPE html>") == 2
    assert pages.count("color-scheme: light") == 2  # report.css, included in both pages
    assert "A4 landscape" in pages  # compare.css
