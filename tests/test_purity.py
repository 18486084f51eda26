"""The engine's boundary, checked: no UI or file I/O in the engine, no eval/exec or pickle anywhere."""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "game"
ENGINE = PACKAGE / "engine"

UI_LIBRARIES = ("textual", "rich")

#: Headless modules that must load without the UI (the engine, and loading content).
HEADLESS = [
    "game.engine",
    "game.files",
    "game.files.loader",
    "game.files.saves",
    "game.reports.report",
    "game.reports.compare",
    "game.authoring.balance",
    "game.engine.lint",
    "game.classroom.session",
]


def ui_loaded_by(modules: tuple[str, ...]) -> dict[str, list[str]]:
    """Import ``modules`` one after another in one fresh interpreter: the UI modules each import brought in.

    One process for all (an interpreter's start costs more than the imports): a module that loads the UI
    shows it under its own name; a later one that would load it too is caught once the first is fixed."""
    code = (
        "import importlib, json, sys\n"
        "ui = lambda: {m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')}\n"
        "seen = {}\n"
        f"for name in {list(modules)!r}:\n"
        "    before = ui()\n"
        "    importlib.import_module(name)\n"
        "    seen[name] = sorted(ui() - before)\n"
        "print(json.dumps(seen))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


@functools.cache
def _headless_loads() -> dict[str, list[str]]:
    return ui_loaded_by(tuple(HEADLESS))


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_load_the_ui(module: str) -> None:
    assert _headless_loads()[module] == []


def test_the_import_check_sees_a_module_that_loads_the_ui() -> None:
    assert "textual.app" in ui_loaded_by(("game.engine", "game.ui.app"))["game.ui.app"]


def test_engine_plays_a_game_in_a_subprocess_without_the_ui() -> None:
    code = (
        "import sys\n"
        "from game.files.loader import load_pack_or_raise\n"
        "from game.engine import Game\n"
        f"game = Game.new(load_pack_or_raise({str(ROOT / 'tests' / 'packs' / 'mini')!r}), seed=3)\n"
        "game.play_computer(until_human=False)\n"
        "assert game.over\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# -- static scans -----------------------------------------------------------------------------------
def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _called_names(tree: ast.AST) -> list[str]:
    """Names of called functions: ``open(...)`` gives "open", ``os.remove(...)`` gives "os.remove"."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            found.append(func.id)
        elif isinstance(func, ast.Attribute):
            base = func.value
            prefix = base.id if isinstance(base, ast.Name) else ""
            found.append(f"{prefix}.{func.attr}" if prefix else f".{func.attr}")
    return found


ENGINE_FILES = _modules(ENGINE)
PACKAGE_FILES = _modules(PACKAGE)

FILE_MODULES = {"io", "os", "pathlib", "shutil", "subprocess", "tempfile", "socket", "sqlite3"}
FILE_CALLS = {
    "open",
    ".read_text",
    ".read_bytes",
    ".write_text",
    ".write_bytes",
    ".open",
    ".unlink",
    ".mkdir",
    ".rmdir",
    ".touch",
    ".rename",
    ".replace",
    ".iterdir",
    ".rglob",
    ".glob",
}


def test_scans_found_the_modules() -> None:
    names = {p.name for p in ENGINE_FILES}
    assert {"expr.py", "game.py", "model.py", "pack.py", "policy.py", "state.py"} <= names
    assert len(PACKAGE_FILES) > len(ENGINE_FILES)


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_engine_module_imports_nothing_that_touches_files_or_the_ui(path: Path) -> None:
    bad = [name for name in _imported(_tree(path)) if name.split(".")[0] in FILE_MODULES | set(UI_LIBRARIES)]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_engine_module_calls_no_file_functions(path: Path) -> None:
    # ``str.replace`` would be a false alarm (and Path.replace is caught by the import check anyway).
    calls = _called_names(_tree(path))
    bad = [c for c in calls if c in FILE_CALLS and c != ".replace"]
    assert not bad, f"{path.name} calls {bad}"
    assert "open" not in calls


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_engine_module_imports_only_the_engine_and_the_standard_library(path: Path) -> None:
    """Arrows point one way: the engine never imports game.files, game.reports, game.ui or game.cli."""
    tree = _tree(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 1:
            pytest.fail(f"{path.name} imports from outside the engine: {'.' * node.level}{node.module}")
    names = _imported(tree)
    bad = [n for n in names if n.startswith("game.") and not n.startswith("game.engine")]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_uses_eval_exec_or_unsafe_deserialisation(path: Path) -> None:
    tree = _tree(path)
    calls = _called_names(tree)
    for name in ("eval", "exec", "compile", "__import__"):
        assert name not in calls, f"{path.name} calls {name}()"
    imported = _imported(tree)
    for name in ("pickle", "marshal", "shelve", "dill", "cPickle"):
        assert not any(n.split(".")[0] == name for n in imported), f"{path.name} imports {name}"
    # PyYAML's non-safe loaders build Python objects from tags.
    for name in ("yaml.load", "yaml.unsafe_load", "yaml.full_load", "yaml.load_all"):
        assert name not in calls, f"{path.name} calls {name}() (use the safe loader)"
    source = ast.unparse(tree)
    for name in ("yaml.Loader", "yaml.UnsafeLoader", "yaml.FullLoader"):
        assert name not in source, f"{path.name} uses {name}"


def test_the_scan_catches_what_it_looks_for() -> None:
    """The scanners themselves work: a snippet with every forbidden thing is caught."""
    snippet = ast.parse(
        "import os, pickle\nfrom pathlib import Path\n"
        "open('x')\nPath('y').read_text()\neval('1')\nexec('2')\n"
    )
    calls = _called_names(snippet)
    assert {"open", ".read_text", "eval", "exec"} <= set(calls)
    assert {"os", "pickle", "pathlib"} <= set(_imported(snippet))
