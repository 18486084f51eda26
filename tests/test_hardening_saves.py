"""Saves against tampered files and a hostile folder (issue 19): one bad file marks itself only, long
sessions still autosave, leftovers are cleared without touching a live writer, and errors are not lost."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import time
from pathlib import Path

import pytest

from game.engine import Game
from game.files import saves as saves_module
from game.files.loader import load_pack_or_raise
from game.files.saves import MAX_SLOT, SaveError, SaveStore, autosave_slot, write_atomic

MINI = Path(__file__).resolve().parent / "packs" / "mini"


@pytest.fixture(scope="module")
def pack():
    return load_pack_or_raise(MINI)


def a_game(pack, seed: int = 3) -> Game:
    game = Game.new(pack, "test", seed=seed, players={"minister": "Ahmed"})
    game.play_computer(until_human=True)
    return game


def edit(path: Path, **changes) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def cli(*args: str) -> tuple[int, str, str]:
    from game.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# -- one bad save hides nothing -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "stamp", ["0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z"]
)
def test_a_bad_saved_at_marks_that_save_only(pack, tmp_path, stamp):
    store = SaveStore(tmp_path)
    store.save(a_game(pack), "good")
    store.autosave(a_game(pack), "good-session")
    store.save(a_game(pack), "odd")
    edit(tmp_path / "odd.json", saved_at=stamp)
    newest = time.time() + 5
    os.utime(tmp_path / "auto-good-session.json", (newest, newest))
    infos = store.list()
    assert {i.slot for i in infos} == {"good", "odd", "auto-good-session"}
    assert all(i.readable for i in infos)
    odd = next(i for i in infos if i.slot == "odd")
    assert odd.time_unusable and odd.saved_at is None
    # A save from the future is not the permanent Continue target: the newest file is.
    assert store.latest_autosave().slot == "auto-good-session"
    code, out, err = cli("saves", "--saves-dir", str(tmp_path), "--lang", "en")
    assert code == 0 and "Traceback" not in err
    assert "sorted by the file's time" in out and "good" in out


def test_the_list_is_sorted_by_file_time_when_saved_at_is_unusable(pack, tmp_path):
    store = SaveStore(tmp_path)
    for name in ("older", "newer"):
        store.save(a_game(pack), name)
        edit(tmp_path / f"{name}.json", saved_at="9999-01-01T00:00:00Z")
    os.utime(tmp_path / "older.json", (1_000_000, 1_000_000))
    assert [i.slot for i in store.list()] == ["newer", "older"]


# -- names that never pass the limit ------------------------------------------------------------------
@pytest.mark.parametrize("digits", [88, 120, 400])
def test_a_long_seed_still_autosaves(pack, tmp_path, digits):
    session = f"a-very-long-scenario-id-{'9' * digits}-20261204-174313"
    slot = autosave_slot(session)
    assert len(slot) <= MAX_SLOT and slot.startswith("auto-a-very-long")
    assert autosave_slot(session) == slot and autosave_slot(session + "x") != slot
    store = SaveStore(tmp_path)
    store.autosave(a_game(pack), session)
    assert [i.slot for i in store.list()] == [slot]


# -- the folder ---------------------------------------------------------------------------------------
def test_a_saves_folder_that_is_a_file_is_said_plainly(pack, tmp_path):
    (tmp_path / "saves").write_text("not a folder")
    store = SaveStore(tmp_path / "saves")
    for write in (lambda: store.autosave(a_game(pack), "s"), lambda: store.save(a_game(pack), "groep")):
        with pytest.raises(SaveError) as err:
            write()
        assert err.value.code == "io" and "is a file" in str(err.value)
        assert "already" not in str(err.value)
    with pytest.raises(SaveError) as err:
        store.list()
    assert "is a file" in str(err.value)


def test_stale_temp_files_of_killed_writers_go_but_a_live_writers_stays(pack, tmp_path):
    fcntl = pytest.importorskip("fcntl")
    store = SaveStore(tmp_path)
    store.save(a_game(pack), "one")
    dead = tmp_path / ".other.json.dead.tmp"
    live = tmp_path / ".third.json.live.tmp"
    young = tmp_path / ".other.json.young.tmp"
    for path in (dead, live, young):
        path.write_text("{")
    for path in (dead, live):
        os.utime(path, (1, 1))
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a writer that is still writing holds it
        store.save(a_game(pack), "two")
        assert not dead.exists() and live.exists() and young.exists()
    assert (tmp_path / "one.json").exists() and (tmp_path / "two.json").exists()


def test_an_error_from_the_folder_fsync_is_not_ignored(tmp_path, monkeypatch):
    real = os.fsync

    def failing(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}") or _is_dir_fd(fd):
            raise OSError(errno.EIO, "Input/output error")
        real(fd)

    monkeypatch.setattr(saves_module.os, "fsync", failing)
    with pytest.raises(OSError) as err:
        write_atomic(tmp_path / "x.json", b"{}")
    assert err.value.errno == errno.EIO


def _is_dir_fd(fd: int) -> bool:
    import stat

    return stat.S_ISDIR(os.fstat(fd).st_mode)


def test_a_file_system_that_cannot_fsync_folders_is_not_an_error(tmp_path, monkeypatch):
    real = os.fsync

    def unsupported(fd: int) -> None:
        if _is_dir_fd(fd):
            raise OSError(errno.EINVAL, "Invalid argument")
        real(fd)

    monkeypatch.setattr(saves_module.os, "fsync", unsupported)
    write_atomic(tmp_path / "x.json", b"{}")
    assert (tmp_path / "x.json").read_bytes() == b"{}"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_saves_follow_the_umask(pack, tmp_path, umask):
    old = os.umask(umask)
    try:
        SaveStore(tmp_path).save(a_game(pack), "groep")
    finally:
        os.umask(old)
    assert (tmp_path / "groep.json").stat().st_mode & 0o777 == 0o666 & ~umask


# -- the saves table on a terminal --------------------------------------------------------------------
def test_the_saves_table_shows_names_safely(pack, tmp_path):
    store = SaveStore(tmp_path)
    store.save(Game.new(pack, "test", seed=1, players={"minister": "\x1b[2J\x1b[31mEvil"}), "esc")
    store.save(Game.new(pack, "test", seed=1, players={"minister": "N" * 100_000}), "long")
    code, out, err = cli("saves", "--saves-dir", str(tmp_path), "--lang", "en")
    assert code == 0 and "\x1b" not in out + err
    assert "\\x1b[31mEvil" in out
    assert max(len(line) for line in out.splitlines()) < 400


# -- groups (serve's tabs) ----------------------------------------------------------------------------
def test_a_group_sees_and_continues_only_its_own_saves(pack, tmp_path):
    teacher = SaveStore(tmp_path)
    one, two = SaveStore(tmp_path, group="a1b2c3d4e5f60718"), SaveStore(tmp_path, group="ffff000011112222")
    one.autosave(a_game(pack, 1), "s1")
    one.save(a_game(pack, 1), "groep-1")
    two.autosave(a_game(pack, 2), "s2")
    assert {i.slot for i in one.list()} == {"auto-s1", "groep-1"}
    assert {i.slot for i in two.list()} == {"auto-s2"}
    assert two.latest_autosave().slot == "auto-s2" and one.latest_autosave().slot == "auto-s1"
    assert one.load("groep-1", pack).game.state.seed == 1
    with pytest.raises(SaveError):
        two.load("groep-1", pack)
    # The teacher's view over the folder sees all three, autosaves still named auto-...
    slots = {i.slot for i in teacher.list()}
    assert len(slots) == 3 and sum(s.startswith("auto-") for s in slots) == 2


def test_a_group_may_keep_only_so_many_saves(pack, tmp_path):
    store = SaveStore(tmp_path, group="abc", max_saves=2)
    store.save(a_game(pack), "a")
    store.autosave(a_game(pack), "s")
    store.save(a_game(pack), "a", overwrite=True)  # replacing is not a new save
    with pytest.raises(SaveError) as err:
        store.save(a_game(pack), "b")
    assert "already 2 saves" in str(err.value)
    SaveStore(tmp_path, group="other", max_saves=2).save(a_game(pack), "b")  # other groups are not counted


def test_the_group_comes_from_the_environment_serve_sets(tmp_path, monkeypatch):
    monkeypatch.setenv(saves_module.GROUP_ENV, "abc123")
    monkeypatch.setenv(saves_module.MAX_SAVES_ENV, "7")
    store = SaveStore(tmp_path)
    assert store.group == "abc123" and store.max_saves == 7
    monkeypatch.setenv(saves_module.GROUP_ENV, "../x")
    with pytest.raises(SaveError):
        SaveStore(tmp_path)
