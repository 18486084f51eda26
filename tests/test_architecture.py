"""The folders are the architecture: each package imports only the packages below it, and no module imports
itself back through others (no import circles)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "game"

#: Each top-level part of the game and the parts it may import. Arrows point one way, towards the engine.
ALLOWED: dict[str, set[str]] = {
    "engine": set(),
    "i18n": set(),
    "files": {"engine", "i18n"},
    "classroom": {"engine", "i18n"},
    "reports": {"engine", "i18n", "files", "classroom"},
    "authoring": {"engine", "i18n", "files"},
    "ui": {"engine", "i18n", "files", "classroom", "reports"},
    "host": {"engine", "i18n", "files", "classroom", "reports"},
    # The line mode (play --lines) reuses the screens' texts from game.ui.view, never Textual or Rich.
    "lines": {"engine", "i18n", "files", "classroom", "reports", "ui"},
    "cli": {"engine", "i18n", "files", "classroom", "reports", "authoring", "ui", "host", "lines"},
    "serve": {"cli"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: Every module of the game by name (a string equal to one of these names a module).
_NAMES = {_module_name(p) for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, mod: str | None = None) -> set[str]:
    """The game modules ``path`` (module ``mod``) imports at any depth in the file (inside functions too),
    and those it names in a string to import them by name, as absolute names."""
    mod = mod or _module_name(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    found: set[str] = set()
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                # "from . import x" names modules too
                found.update(f"{name}.{a.name}" for a in node.names)
            else:
                name = node.module or ""
                found.update(f"{name}.{a.name}" for a in node.names)
            found.add(name)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in _NAMES:
            named.add(node.value)
    if named and _by_name(path):
        # a file that imports by name (importlib) imports the modules its strings name, wherever it keeps
        # them (a list of modules to load later): imports all the same, and their layers' arrows count
        found |= named
    return {n for n in found if n == "game" or n.startswith("game.")}


def _by_name(path: Path) -> list[int]:
    """Lines where ``path`` imports a module by a name computed at run time (importlib, __import__)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                lines.append(node.lineno)
    return lines


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _upward(module: str, imported: set[str]) -> list[str]:
    """The imports of ``module`` that its layer may not make (the package's own ``game`` is for all)."""
    own = _part(module)
    return sorted({n for n in imported if _part(n) not in ALLOWED[own] | {own, "__init__", "__version__"}})


@pytest.mark.parametrize("module", sorted(MODULES), ids=str)
def test_module_imports_only_the_layers_below_it(module: str) -> None:
    own = _part(module)
    assert own in ALLOWED, f"{module}: a new top-level part; add it to ALLOWED (and docs/architecture.md)"
    bad = _upward(module, _imports(MODULES[module]))
    assert not bad, f"{module} ({own}) imports {bad}; {own} may import {sorted(ALLOWED[own])}"


def _circle(modules: set[str]) -> list[str] | None:
    """An import circle among ``modules``, as the path round it, or None."""
    graph = {m: {n for n in _imports(MODULES[m], m) if n in modules and n != m} for m in modules}
    done: set[str] = set()

    def visit(node: str, stack: list[str]) -> list[str] | None:
        if node in stack:
            return [*stack[stack.index(node) :], node]
        if node in done:
            return None
        for nxt in sorted(graph[node]):
            found = visit(nxt, [*stack, node])
            if found:
                return found
        done.add(node)
        return None

    for module in sorted(graph):
        found = visit(module, [])
        if found:
            return found
    return None


def test_no_import_circles_between_modules() -> None:
    found = _circle({m for m in MODULES if not m.startswith("game.ui")})
    assert found is None, "import circle: " + " -> ".join(found or [])


def test_no_import_circles_in_the_ui() -> None:
    found = _circle(set(MODULES))
    assert found is None, "import circle: " + " -> ".join(found or [])


def test_the_circle_check_finds_a_circle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker itself works: two modules that import each other are a circle."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from game.engine import b\n")
    b.write_text("import game.engine.a\n")
    monkeypatch.setitem(MODULES, "game.engine.a", a)
    monkeypatch.setitem(MODULES, "game.engine.b", b)
    assert _circle({"game.engine.a", "game.engine.b"}) == ["game.engine.a", "game.engine.b", "game.engine.a"]


def test_the_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The checker itself works: an engine module that imports the UI or the files is found."""
    fake = tmp_path / "fake.py"
    fake.write_text("from ..ui import app\nimport game.files.saves\nfrom .model import Meter\n")
    imported = _imports(fake, "game.engine.fake")
    assert _upward("game.engine.fake", imported) == ["game.files.saves", "game.ui", "game.ui.app"]


def test_the_layer_check_sees_imports_inside_functions_and_by_name(tmp_path: Path) -> None:
    """An import inside a function, or a module named in a string (a list for importlib), is seen."""
    fake = tmp_path / "fake.py"
    fake.write_text(
        "import importlib\n"
        "SOURCES = ('game.ui.strings',)\n"
        "def later():\n"
        "    from game.reports import report\n"
        "    importlib.import_module('game.cli.common')\n"
    )
    imported = _imports(fake, "game.i18n")
    assert _upward("game.i18n", imported) == [
        "game.cli.common",
        "game.reports",
        "game.reports.report",
        "game.ui.strings",
    ]
    assert _by_name(fake) == [5]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _part(m) in ("engine", "i18n")), ids=str)
def test_the_lowest_layers_import_nothing_by_a_computed_name(module: str) -> None:
    """The engine and the words lookup import no module by a name made at run time: such an import could
    reach any layer, and the check above could not see it."""
    assert _by_name(MODULES[module]) == [], f"{module} imports by name at lines {_by_name(MODULES[module])}"
