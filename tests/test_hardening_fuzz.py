"""Fuzzing the commands that read a folder with odd file systems (issue 19).

Hypothesis builds random trees: folders, symlinks (to files, folders, outside, in loops, broken), FIFOs,
files without permission, names with undecodable bytes, control characters or the longest length, and
contents from a valid manifest to random bytes of odd sizes. Each command that reads a folder (validate,
the game's content with mods/, saves, compare) then runs in a forked child (as nobody when the tests run
as root, so permissions count) that must end, within a bound, in success or the project's own error:
never a traceback, never a hang. A short run by default; ``--slow`` runs many more trees.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"
GOLDEN_SAVE = ROOT / "tests" / "fixtures" / "saves" / "golden" / "format-3.json"
NOBODY = 65534
#: Generous: a command on a small tree takes well under a second; a hang never ends.
BOUND = 60

MANIFEST = (MINI / "pack.yaml").read_bytes()
WORLD = (MINI / "world.yaml").read_bytes()
CONTENTS = st.sampled_from(
    [b"", MANIFEST, WORLD, GOLDEN_SAVE.read_bytes(), b"{", b"\xff\xfe\x00", b"a: .nan\n", b"- [" * 500]
) | st.binary(max_size=300)

NAMES = st.sampled_from(
    [
        b"pack.yaml",
        b"world.yaml",
        b"events.yml",
        b"save.json",
        b"auto-x.json",
        b"odd\xff.yaml",
        b"esc\x1b[31m.json",
        b"new\nline.yaml",
        b"-dash.yaml",
        b"sp ace.json",
        b"n" * 250 + b".yaml",
        b"sub",
        b"mods",
        b"saves",
        b".hidden.yaml",
    ]
)

NODE = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["file", "file", "folder", "folder", "link", "fifo", "big"]),
        "name": NAMES,
        "parent": st.integers(0, 10),
        "target": st.integers(0, 30),
        "content": CONTENTS,
        "mode": st.sampled_from([0o755, 0o644, 0o000, 0o311, 0o444]),
    }
)


def build(top: Path, nodes: list[dict]) -> None:
    """Make the tree the nodes describe under ``top`` (folders first; modes last, so all can be made)."""
    folders = [os.fsencode(top)]
    made: list[bytes] = []
    modes: list[tuple[bytes, int]] = []
    for node in nodes:
        parent = folders[node["parent"] % len(folders)]
        path = parent + b"/" + node["name"]
        if os.path.lexists(path):
            continue
        kind = node["kind"]
        if kind == "folder":
            os.mkdir(path)
            folders.append(path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "link":
            pool = [*made, *folders, path, b"/etc", b"/nonexistent", b"/dev/zero"]
            os.symlink(pool[node["target"] % len(pool)], path)
        else:
            size = 2_100_000 if kind == "big" else 0
            with open(path, "wb") as f:
                f.write(node["content"])
                if size:
                    f.truncate(size)
        made.append(path)
        modes.append((path, node["mode"]))
    for path, mode in reversed(modes):
        if not os.path.islink(path):
            os.chmod(path, mode)


COMMANDS = [
    ["validate", "{top}"],
    ["validate", "{top}/sub"],
    ["validate", "--saves-dir", "{top}/saves"],
    ["saves", "--saves-dir", "{top}"],
    ["saves", "--saves-dir", "{top}/saves"],
    ["compare", "{top}", "--saves-dir", "{top}/saves"],
    ["compare", "{top}/saves", "--saves-dir", "{top}/saves"],
]


def _run_commands(top: str) -> str:
    """In the child: every command over the tree; what went wrong, or '' when each ended properly."""
    from game.cli import main
    from game.files.loader import ContentError
    from game.files.packs import load_game_content

    problems = []
    for command in COMMANDS:
        argv = [part.format(top=top) for part in command] + ["--lang", "en"]
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = main(argv)
        except SystemExit as exit_:  # argparse: a path that looks like an option
            code = exit_.code
        except BaseException as err:  # noqa: BLE001 - this is what the test looks for
            import traceback

            problems.append(f"{argv}: {''.join(traceback.format_exception(err))}")
            continue
        if "Traceback" in out.getvalue() or not isinstance(code, int):
            problems.append(f"{argv}: exit {code!r}\n{out.getvalue()}")
    try:
        load_game_content(saves_dir=Path(top) / "saves")
    except ContentError:
        pass
    except BaseException as err:  # noqa: BLE001
        problems.append(f"game content with mods: {type(err).__name__}: {err}")
    return "\n".join(problems)


def run_bounded(top: Path) -> str:
    """Run the commands in a forked child (as nobody under root); its report, or why it failed."""
    # A folder the child may create its report in (a file of root's it could not open in /tmp).
    inbox = Path(tempfile.mkdtemp())
    os.chmod(inbox, 0o777)
    report = inbox / "report.txt"
    pid = os.fork()
    if pid == 0:  # the child
        status = 3
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            said = _run_commands(str(top))
            report.write_text(said, errors="backslashreplace")
            status = 1 if said else 0
        finally:
            os._exit(status)
    deadline = time.monotonic() + BOUND
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return f"hung for more than {BOUND} s"
        time.sleep(0.02)
    said = report.read_text() if report.exists() else "(no report)"
    shutil.rmtree(inbox, ignore_errors=True)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        return f"the child ended with {os.waitstatus_to_exitcode(status)}: {said}"
    return said


@pytest.fixture(scope="module")
def base():
    folder = Path(tempfile.mkdtemp(prefix="wijkberaad-fuzz-"))
    os.chmod(folder, 0o755)
    # Every module the commands import, imported here: the unprivileged child may not be able to read
    # the Python installation (under root's home, say). A tree with a save and a pack reaches them all.
    import traceback  # noqa: F401 - for the child's report

    warm = folder / "warm"
    shutil.copytree(MINI, warm / "sub")
    (warm / "saves").mkdir()
    shutil.copy(GOLDEN_SAVE, warm / "saves" / "g.json")
    shutil.copy(GOLDEN_SAVE, warm / "g.json")
    _run_commands(str(warm))
    yield folder
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if not path.is_symlink():
                os.chmod(path, 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def check_tree(base: Path, nodes: list[dict]) -> None:
    top = Path(tempfile.mkdtemp(dir=base))
    os.chmod(top, 0o755)
    build(top, nodes)
    said = run_bounded(top)
    assert not said, said


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="forks, FIFOs and modes")
# Each example forks a child that runs every command (most of a second): a few in the default run, next to
# the fixed tree with every oddity below; the long run has 200.
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(nodes=st.lists(NODE, min_size=1, max_size=14))
def test_commands_over_odd_folders_end_properly(base, nodes):
    check_tree(base, nodes)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="forks, FIFOs and modes")
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(nodes=st.lists(NODE, min_size=1, max_size=40))
def test_commands_over_odd_folders_end_properly_long(base, nodes):
    check_tree(base, nodes)


def test_a_tree_with_every_oddity_at_once(base):
    """One fixed tree with each oddity (the fuzz may not draw them all in a short run)."""
    nodes = [
        {"kind": "folder", "name": b"sub", "parent": 0, "target": 0, "content": b"", "mode": 0o755},
        {"kind": "file", "name": b"pack.yaml", "parent": 1, "target": 0, "content": MANIFEST, "mode": 0o644},
        {"kind": "fifo", "name": b"world.yaml", "parent": 1, "target": 0, "content": b"", "mode": 0o644},
        {"kind": "link", "name": b"events.yml", "parent": 1, "target": 99, "content": b"", "mode": 0},
        {"kind": "folder", "name": b"mods", "parent": 0, "target": 0, "content": b"", "mode": 0o000},
        {"kind": "folder", "name": b"saves", "parent": 0, "target": 0, "content": b"", "mode": 0o755},
        {"kind": "fifo", "name": b"save.json", "parent": 3, "target": 0, "content": b"", "mode": 0o644},
        {
            "kind": "file",
            "name": b"esc\x1b[31m.json",
            "parent": 3,
            "target": 0,
            "content": b"{",
            "mode": 0o644,
        },
        {
            "kind": "file",
            "name": b"odd\xff.yaml",
            "parent": 1,
            "target": 0,
            "content": b"a: .inf",
            "mode": 0o644,
        },
        {
            "kind": "big",
            "name": b"n" * 250 + b".yaml",
            "parent": 1,
            "target": 0,
            "content": b"",
            "mode": 0o644,
        },
        {"kind": "file", "name": b"auto-x.json", "parent": 3, "target": 0, "content": b"", "mode": 0o000},
    ]
    check_tree(base, nodes)
