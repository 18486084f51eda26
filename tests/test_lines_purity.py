"""The line mode never loads Textual or Rich, and writes nothing a screen reader would read as noise."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from test_lines import NOISE, RESIDENT

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"
LINES = ROOT / "game" / "lines"

#: The parts of game.ui the line mode may use: they hold texts and plain functions, no Textual.
TEXTUAL_FREE_UI = {"game.ui", "game.ui.view", "game.ui.strings", "game.ui.classroom"}


def test_a_whole_game_through_the_command_loads_neither_textual_nor_rich(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from game.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(json.dumps({'status': status, 'loaded': loaded}), file=sys.stderr)\n"
    )
    argv = ["play", "--lines", "--pack", str(MINI), "--scenario", "test", "--short", "--role", "resident"]
    argv += ["--seed", "3", "--saves-dir", str(tmp_path / "saves"), "--lang", "en"]
    typed = "\n".join(RESIDENT) + "\n"
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], input=typed, capture_output=True, text=True, cwd=ROOT, check=True
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result == {"status": 0, "loaded": []}
    assert "Ending: Good." in done.stdout


def test_the_command_ends_cleanly_when_the_pipe_closes_and_its_output_is_plain(tmp_path: Path) -> None:
    """``wijkberaad play --lines`` with stdin closed halfway: exit status 0, and it says where it saved."""
    argv = [sys.executable, "-m", "game", "play", "--lines", "--pack", str(MINI), "--players"]
    argv += [
        "minister=Ahmed,resident=Sanne",
        "--seed",
        "5",
        "--saves-dir",
        str(tmp_path / "saves"),
        "--lang",
        "nl",
    ]
    done = subprocess.run(argv, input="\n\n1\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    last = done.stdout.splitlines()[-1]
    assert last.startswith("Einde van de invoer. Het spel staat in de autosave auto-test-5-")
    assert list((tmp_path / "saves").glob("auto-test-5-*.json"))
    assert not NOISE.findall(done.stdout)


def test_the_line_mode_uses_only_the_textual_free_parts_of_the_ui() -> None:
    for path in sorted(LINES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("game.ui"):
                    # "from game.ui import view" names the module in the alias; "from game.ui.view import x" not
                    used = (
                        {f"game.ui.{a.name}" for a in node.names}
                        if node.module == "game.ui"
                        else {node.module}
                    )
                    assert used <= TEXTUAL_FREE_UI, f"{path.name} imports {sorted(used - TEXTUAL_FREE_UI)}"
                assert node.module.split(".")[0] not in ("textual", "rich"), (
                    f"{path.name} imports {node.module}"
                )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in ("textual", "rich"), f"{path.name}: {alias.name}"


def test_the_noise_check_catches_noise() -> None:
    for noisy in ("\x1b[1m", "█░", "│", "• a", "→", "✓", "−4", "\x07"):
        assert NOISE.search(noisy), noisy
    assert not NOISE.search("Vertrouwen 30, gestegen met 4. Kies een nummer van 1 tot 3, of typ hulp.")
