"""One saves folder for a user, however the game is started: ``wijkberaad`` or ``python -m game``, from the
project folder or elsewhere, installed or editable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "WIJKBERAAD_SAVES"}
    # platformdirs reads these on Linux, macOS and Windows respectively
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), LOCALAPPDATA=str(home / "data"))
    return env


def _where(cmd: list[str], cwd: Path, home: Path) -> str:
    """The folder 'saves' names (it says where it looked on stderr)."""
    out = subprocess.run(
        [*cmd, "saves", "--lang", "en"], cwd=cwd, env=_env(home), capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return out.stderr.strip()


def test_every_way_of_starting_finds_the_same_folder(tmp_path):
    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    runs = {
        "python -m game in the project": _where([sys.executable, "-m", "game"], ROOT, home),
        "python -m game elsewhere": _where(
            [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"], elsewhere, home
        ),
    }
    script = shutil.which("wijkberaad", path=str(Path(sys.executable).parent))
    if script:
        runs["wijkberaad in the project"] = _where([script], ROOT, home)
        runs["wijkberaad elsewhere"] = _where([script], elsewhere, home)
    assert len(set(runs.values())) == 1, runs
    (said,) = set(runs.values())
    assert str(home / "data") in said and str(ROOT / "saves") not in said


def test_the_environment_variable_and_the_option_still_choose(tmp_path, monkeypatch):
    from game.files.saves import default_saves_dir

    monkeypatch.setenv("WIJKBERAAD_SAVES", str(tmp_path / "klas"))
    assert default_saves_dir() == tmp_path / "klas"


@pytest.mark.parametrize("command", ["play", "report", "compare", "saves", "serve"])
def test_each_command_that_uses_saves_names_the_folder_in_its_help(command, capsys, monkeypatch, tmp_path):
    from game.cli import main
    from game.files.paths import user_saves_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with pytest.raises(SystemExit):
        main([command, "--help"])
    flat = "".join(capsys.readouterr().out.split())  # argparse wraps long paths anywhere
    assert "".join(str(user_saves_dir()).split()) in flat
