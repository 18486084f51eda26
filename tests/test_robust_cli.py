"""Robustness of the command line: wrong paths give a clear message and a non-zero exit, never a traceback.

Every command is run in-process through :func:`game.cli.main` on missing files, unreadable files, folders
where files are expected and files where folders are expected. Commands that do not exist yet are skipped.

Unreadable files: the tests may run as root, where ``chmod 000`` does not stop reading. Then the
permission error is simulated by making every read of that one path raise ``PermissionError``.
"""

from __future__ import annotations

import builtins
import io
import os
import pathlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import COMMANDS, _available, main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"


@dataclass(frozen=True)
class Case:
    """One command line to try: ``argv`` built from a prepared tmp folder; ``ok`` if success is fine too."""

    command: str
    name: str
    argv: Callable[[Path], list[str]]
    #: a path (relative to tmp) whose reads must fail with PermissionError
    unreadable: str | None = None
    #: exit 0 is acceptable (e.g. listing a missing saves folder says there are none)
    zero_ok: bool = False


def _prepare(tmp: Path) -> None:
    """A sandbox: a good pack, a file, a folder, a pack whose manifest is a folder, a saves folder of junk."""
    shutil.copytree(MINI, tmp / "pack")
    (tmp / "file.txt").write_text("not a folder\n", encoding="utf-8")
    (tmp / "afile").write_text("a file with a name that could be a folder's\n", encoding="utf-8")
    (tmp / "folder").mkdir()
    (tmp / "dirpack").mkdir()
    (tmp / "dirpack" / "pack.yaml").mkdir()
    saves = tmp / "saves"
    saves.mkdir()
    (saves / "folder.json").mkdir()
    (saves / "junk.json").write_text("{not json", encoding="utf-8")
    (saves / "locked.json").write_text("{}", encoding="utf-8")
    (tmp / "deep").mkdir()
    (tmp / "deep" / "x.json").write_text("{}", encoding="utf-8")


def t(*parts: str) -> Callable[[Path], list[str]]:
    """argv with ``{tmp}`` replaced by the sandbox folder."""
    return lambda tmp: [p.replace("{tmp}", str(tmp)) for p in parts]


CASES = [
    # validate: pack folders
    Case("validate", "missing", t("validate", "{tmp}/nowhere")),
    Case("validate", "file_for_folder", t("validate", "{tmp}/file.txt")),
    Case("validate", "folder_for_manifest", t("validate", "{tmp}/dirpack")),
    Case("validate", "empty_folder", t("validate", "{tmp}/folder")),
    Case("validate", "unreadable_manifest", t("validate", "{tmp}/pack"), unreadable="pack/pack.yaml"),
    Case("validate", "unreadable_content", t("validate", "{tmp}/pack"), unreadable="pack/world.yaml"),
    # play: must fail before the screen takes over
    Case("play", "missing_pack", t("play", "--pack", "{tmp}/nowhere")),
    Case("play", "file_for_pack", t("play", "--pack", "{tmp}/file.txt")),
    Case("play", "folder_manifest_pack", t("play", "--pack", "{tmp}/dirpack", "--role", "minister")),
    Case("play", "file_for_saves_dir", t("play", "--saves-dir", "{tmp}/file.txt", "--role", "minister")),
    # saves: a saves folder
    Case("saves", "missing_dir", t("saves", "--saves-dir", "{tmp}/nowhere"), zero_ok=True),
    Case("saves", "file_for_dir", t("saves", "--saves-dir", "{tmp}/file.txt")),
    Case("saves", "junk_saves", t("saves", "--saves-dir", "{tmp}/saves"), zero_ok=True),
    Case(
        "saves",
        "unreadable_save",
        t("saves", "--saves-dir", "{tmp}/saves"),
        "saves/locked.json",
        zero_ok=True,
    ),
    Case("saves", "unreadable_dir", t("saves", "--saves-dir", "{tmp}/saves"), unreadable="saves"),
    # schema: an output folder
    Case("schema", "file_for_dir", t("schema", "-o", "{tmp}/file.txt")),
    Case("schema", "below_a_file", t("schema", "-o", "{tmp}/file.txt/sub")),
    # report, compare: saved games
    Case("report", "missing", t("report", "{tmp}/nowhere.json")),
    Case("report", "folder_for_file", t("report", "{tmp}/folder")),
    Case("report", "junk", t("report", "{tmp}/saves/junk.json")),
    Case("report", "unreadable", t("report", "{tmp}/deep/x.json"), unreadable="deep/x.json"),
    Case("compare", "missing", t("compare", "{tmp}/nowhere.json", "{tmp}/nowhere2.json")),
    Case("compare", "folder_for_file", t("compare", "{tmp}/folder", "{tmp}/folder")),
    Case("compare", "junk", t("compare", "{tmp}/saves/junk.json", "{tmp}/saves/junk.json")),
    Case("report", "file_for_saves_dir", t("report", "--saves-dir", "{tmp}/file.txt", "some-save")),
    Case("report", "missing_pack", t("report", "--pack", "{tmp}/nowhere", "{tmp}/deep/x.json")),
    # simulate, serve: content packs
    Case("simulate", "missing_pack", t("simulate", "{tmp}/nowhere")),
    Case("simulate", "file_for_pack", t("simulate", "{tmp}/file.txt")),
    Case("simulate", "folder_for_manifest", t("simulate", "{tmp}/dirpack")),
    Case("simulate", "missing_pack_option", t("simulate", "--pack", "{tmp}/nowhere")),
    Case("simulate", "unreadable_content", t("simulate", "{tmp}/pack"), unreadable="pack/world.yaml"),
    Case("serve", "missing_pack", t("serve", "--pack", "{tmp}/nowhere")),
    Case("serve", "file_for_pack", t("serve", "--pack", "{tmp}/file.txt")),
    # role-cards: a pack and an output file
    Case("role-cards", "missing_pack", t("role-cards", "--pack", "{tmp}/nowhere")),
    Case("role-cards", "output_below_a_file", t("role-cards", "-o", "{tmp}/file.txt/kaarten.html")),
    Case("host", "missing_pack", t("host", "--pack", "{tmp}/nowhere")),
    Case("host", "file_for_class_dir", t("host", "--class-dir", "{tmp}/file.txt")),
    Case("host", "file_for_saves_dir", t("host", "--saves-dir", "{tmp}/file.txt")),
    Case("dashboard", "missing_class_dir", t("dashboard", "--class-dir", "{tmp}/nowhere")),
    Case("dashboard", "file_for_class_dir", t("dashboard", "--class-dir", "{tmp}/file.txt")),
    Case("dashboard", "path_for_url", t("dashboard", "{tmp}/file.txt", "--token", "x")),
    Case("join", "missing_pack", t("join", "--pack", "{tmp}/nowhere")),
    Case("join", "file_for_saves_dir", t("join", "--saves-dir", "{tmp}/file.txt")),
    Case("join", "not_an_address", t("join", "ftp://{tmp}/file.txt")),
    # new-pack: a folder to create
    Case("new-pack", "onto_a_file", t("new-pack", "afile", "--dir", "{tmp}")),
    Case("new-pack", "dir_is_a_file", t("new-pack", "mine", "--dir", "{tmp}/file.txt")),
    Case("new-pack", "onto_an_existing_pack", t("new-pack", "pack", "--dir", "{tmp}")),
]


def _deny_reads(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Make reading ``target`` (a file, or a folder's listing) fail as chmod 000 would for a normal user."""
    target = target.resolve()

    def denied(path: object) -> bool:
        try:
            return Path(os.fsdecode(path)).resolve() == target  # type: ignore[arg-type]
        except (TypeError, ValueError, OSError):
            return False

    def error(path: object) -> PermissionError:
        return PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]

    real_open = builtins.open
    real_read_bytes, real_read_text = pathlib.Path.read_bytes, pathlib.Path.read_text
    real_iterdir, real_scandir, real_listdir = pathlib.Path.iterdir, os.scandir, os.listdir

    def fake_open(file, *args, **kwargs):
        if not isinstance(file, int) and denied(file):
            raise error(file)
        return real_open(file, *args, **kwargs)

    def fake_read_bytes(self):
        if denied(self):
            raise error(self)
        return real_read_bytes(self)

    def fake_read_text(self, *args, **kwargs):
        if denied(self):
            raise error(self)
        return real_read_text(self, *args, **kwargs)

    def fake_iterdir(self):
        if denied(self):
            raise error(self)
        return real_iterdir(self)

    def fake_scandir(path="."):
        if not isinstance(path, int) and denied(path):
            raise error(path)
        return real_scandir(path)

    def fake_listdir(path="."):
        if not isinstance(path, int) and denied(path):
            raise error(path)
        return real_listdir(path)

    real_os_open = os.open

    def fake_os_open(path, *args, **kwargs):  # game.files.safefile opens with os.open
        if not isinstance(path, int) and denied(path):
            raise error(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", fake_read_bytes)
    monkeypatch.setattr(pathlib.Path, "read_text", fake_read_text)
    monkeypatch.setattr(pathlib.Path, "iterdir", fake_iterdir)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(os, "listdir", fake_listdir)


def _make_unreadable(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0)
        _RESTORE.append((target, mode))  # restored after the test
    else:
        # root reads through chmod 000: simulate the permission error for this one path instead
        _deny_reads(monkeypatch, target)


_RESTORE: list[tuple[Path, int]] = []


@pytest.fixture(autouse=True)
def _restore_modes():
    yield
    while _RESTORE:
        path, mode = _RESTORE.pop()
        path.chmod(mode)


class _AppStarted(Exception):
    """Raised instead of running the Textual app: bad input must be refused before the screen opens."""


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch):
    """Stop any Textual app from taking over the terminal; record that one tried."""
    from textual.app import App

    def refuse(self, *args, **kwargs):
        raise _AppStarted(type(self).__name__)

    monkeypatch.setattr(App, "run", refuse)


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit_:  # argparse reports bad arguments this way, with a usage line
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)


def test_every_command_has_cases():
    missing = set(COMMANDS) - {c.command for c in CASES}
    assert not missing, f"add bad-path cases for {sorted(missing)} to CASES"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.command}-{c.name}")
def test_bad_paths_give_a_message_and_a_non_zero_exit(case, tmp_path, capsys, monkeypatch, no_app):
    if case.command not in _available():
        pytest.skip(f"'wijkberaad {case.command}' does not exist yet")
    _prepare(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(tmp_path / "saves"))
    if case.unreadable:
        _make_unreadable(monkeypatch, tmp_path / case.unreadable)
    try:
        code = _run(case.argv(tmp_path))
    except _AppStarted:
        pytest.fail(f"{case.argv(tmp_path)} opened the app instead of refusing the bad path")
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text, text
    if case.unreadable:
        assert "denied" in text.lower() or "cannot read" in text.lower() or "unreadable" in text.lower(), text
    assert text.strip(), "the command says something"
    if not case.zero_ok:
        assert code != 0, f"exit status 0 for {case.argv(tmp_path)}:\n{text}"
        assert out.err.strip() or "error" in out.out.lower(), "the error is on stderr"


@pytest.mark.parametrize(
    "argv",
    [
        ["schema", "-o", "{tmp}/file.txt", "--lang", "en"],
        ["schema", "-o", "{tmp}/file.txt/sub", "--lang", "en"],
        ["new-pack", "mine", "--dir", "{tmp}/file.txt/sub", "--lang", "en"],
        ["simulate", "{tmp}/file.txt", "--lang", "en"],
        ["saves", "--saves-dir", "{tmp}/file.txt", "--lang", "en"],
        ["report", "x", "--saves-dir", "{tmp}/file.txt", "--lang", "en"],
        ["play", "--pack", "{tmp}/file.txt", "--lang", "en"],
    ],
)
def test_a_file_where_a_folder_belongs_is_named_with_the_fix(argv, tmp_path, capsys, no_app):
    (tmp_path / "file.txt").write_text("not a folder\n", encoding="utf-8")
    assert _run([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'file.txt'} is a file; give" in err, err
    assert err.count("\n") == 1
