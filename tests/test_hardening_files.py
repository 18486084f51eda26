"""Hostile file systems around content packs, settings and saves (issue 19): every oddity ends in the
project's own message naming the file, never a traceback or a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.files import yamlfile
from game.files.loader import MAX_PACK_BYTES, load_pack, read_pack
from game.files.packs import game_pack_dirs, validation_dirs
from game.files.safefile import FileRefused, read_regular, shown
from game.files.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"
NOBODY = 65534


def run_game(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    """``python -m game ARGS`` in a subprocess; a hang fails the test through the timeout."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
    )


def as_unprivileged(func, *args):
    """Run ``func(*args)`` in a forked child that cannot read what its permissions forbid: as root the
    child drops to nobody first (root reads every file, so the check would mean nothing). Returns what
    the function returned, or re-raises its exception's text as an AssertionError."""
    import codecs
    import multiprocessing

    # The child may not read the Python installation (under root's home, say): what it loads lazily is
    # loaded here first. The YAML reader's codec came from whichever test ran before, or failed alone.
    codecs.lookup("utf-8-sig")
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            queue.put(("ok", func(*args)))
        except BaseException as err:  # noqa: BLE001 - reported to the parent
            import traceback

            queue.put(("error", "".join(traceback.format_exception(err))))

    proc = ctx.Process(target=child)
    proc.start()
    status, value = queue.get(timeout=60)
    proc.join(10)
    if status == "error":
        raise AssertionError(value)
    return value


@pytest.fixture
def open_tmp(tmp_path_factory):
    """A folder anyone may enter (pytest's own is root's only), for the unprivileged child."""
    folder = Path(tmp_path_factory.mktemp("open"))
    for path in (folder, *folder.parents):
        if str(path) in ("/", "/tmp"):
            break
        os.chmod(path, 0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)


def a_pack(where: Path, name: str = "p") -> Path:
    pack = where / name
    shutil.copytree(MINI, pack)
    for path in (pack, *pack.rglob("*")):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return pack


# -- the one rule for reading a file ------------------------------------------------------------------
def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused) as err:
        read_regular(fifo, 100)
    assert err.value.code == "not_regular" and "regular file" in str(err.value)


def test_a_fifo_in_a_pack_is_named_not_waited_on(tmp_path):
    pack = a_pack(tmp_path)
    os.mkfifo(pack / "f.yaml")
    done = run_game("validate", str(pack), "--lang", "en", timeout=30)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{pack / 'f.yaml'}: not a regular file" in done.stdout


def test_a_fifo_settings_file_gives_the_defaults_and_a_notice(tmp_path):
    os.mkfifo(tmp_path / "settings.json")
    settings, problem = load_settings(tmp_path / "settings.json")
    assert settings.lang is None and problem is not None and problem.code == "unreadable"


def test_a_fifo_save_is_listed_as_unreadable(tmp_path):
    from game.files.saves import SaveStore

    os.mkfifo(tmp_path / "pipe.json")
    (info,) = SaveStore(tmp_path).list()
    assert not info.readable and "not a regular file" in info.reason


def test_a_symlink_loop_as_a_content_file_and_as_a_folder(tmp_path):
    pack = a_pack(tmp_path)
    (pack / "loop.yaml").symlink_to("loop.yaml")
    (pack / "deeper").symlink_to(pack / "deeper")
    result = load_pack(pack)
    said = "\n".join(map(str, result.problems))
    assert "loop.yaml: skipped: a symbolic link that loops back on itself" in said
    assert "deeper: warning: skipped: a symbolic link that loops back" in said


def test_a_pack_folder_that_is_a_loop_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "p").symlink_to(tmp_path / "p")
    source = read_pack(tmp_path / "p")
    assert source.manifest is None and "loops back on itself" in str(source.problems[0])
    assert validation_dirs(tmp_path / "p")  # no RuntimeError from resolve()


def test_a_file_with_a_name_that_is_not_utf8_in_mods_does_not_stop_the_game(tmp_path):
    pack = a_pack(tmp_path / "mods", "extra")
    manifest = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(manifest.replace("id: mini", "id: extra\nextends: [base]"))
    for path in (pack / "world.yaml", *pack.rglob("events/*")):
        path.unlink()
    odd = os.fsencode(pack) + b"/odd\xff\x1b[31m.yaml"
    with open(odd, "wb") as f:
        f.write(b"events: []\n")
    dirs = game_pack_dirs(saves_dir=tmp_path / "saves")
    assert pack in dirs
    done = run_game("validate", "--saves-dir", str(tmp_path / "saves"), "--lang", "en")
    assert "Traceback" not in done.stderr and "\x1b[31m" not in done.stdout + done.stderr


def test_names_are_shown_safely():
    assert shown("a\x1b[31mb") == "a\\x1b[31mb"
    assert shown(os.fsdecode(b"x\xff")) == "x\\xff"
    long = shown("n" * 100_000)
    assert len(long) <= 80 and "…" in long


# -- permissions (as an unprivileged user) ------------------------------------------------------------
def _validate_beside_locked(pack: str) -> tuple[int, str]:
    import contextlib
    import io

    from game.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["validate", pack, "--lang", "en"])
    return code, out.getvalue()


def test_a_locked_folder_beside_a_pack_and_inside_it(open_tmp):
    pack = a_pack(open_tmp)
    (open_tmp / "locked").mkdir(mode=0o000)
    (pack / "sub").mkdir(mode=0o000)
    os.chmod(open_tmp / "locked", 0o000)
    os.chmod(pack / "sub", 0o000)
    code, said = as_unprivileged(_validate_beside_locked, str(pack))
    assert "Traceback" not in said
    assert f"{pack / 'sub'}: warning: skipped: no permission to read it" in said
    assert code == 0  # the pack itself is fine; what was left out is named


def _game_dirs(saves: str) -> list[str]:
    return [str(p) for p in game_pack_dirs(saves_dir=Path(saves))]


def test_a_locked_pack_in_mods_does_not_stop_the_game(open_tmp):
    a_pack(open_tmp / "mods", "ok")
    locked = a_pack(open_tmp / "mods", "locked")
    os.chmod(open_tmp / "mods", 0o755)
    os.chmod(locked, 0o000)
    dirs = as_unprivileged(_game_dirs, str(open_tmp / "saves"))
    assert str(open_tmp / "mods" / "ok") in dirs and str(locked) not in dirs


def _read(path: str) -> str:
    try:
        read_regular(Path(path), 1000)
    except FileRefused as err:
        return err.code
    return "read"


def test_a_file_without_read_permission_is_refused_with_a_code(open_tmp):
    path = open_tmp / "secret.yaml"
    path.write_text("x: 1\n")
    os.chmod(path, 0o000)
    assert as_unprivileged(_read, str(path)) == "denied"


# -- sizes and numbers --------------------------------------------------------------------------------
def test_a_pack_larger_than_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("game.files.loader.MAX_PACK_BYTES", 3000)
    pack = a_pack(tmp_path)
    for n in range(3):
        (pack / f"big{n}.yaml").write_text("# " + "x" * 1500 + "\n")
    said = "\n".join(map(str, read_pack(pack).problems))
    assert "content files pass 3000 bytes together" in said
    assert MAX_PACK_BYTES > 1_000_000


def test_a_large_file_the_fast_reader_refuses_is_not_parsed_again(monkeypatch):
    yamlfile._load_yaml()
    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml: there is only one reader")

    class Slow(yaml.SafeLoader):
        def __init__(self, *args, **kwargs):
            raise AssertionError("parsed a second time by the pure-Python reader")

    monkeypatch.setattr(yamlfile.yaml, "SafeLoader", Slow)
    text = "events:\n" + "  - {id: a, x: [1, 2}\n" * 5000
    with pytest.raises(yamlfile.YamlError) as err:
        yamlfile.parse_yaml(text)
    assert err.value.line is not None


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "1.0e+999"])
def test_non_finite_numbers_are_refused_with_their_line(tmp_path, value):
    pack = a_pack(tmp_path)
    world = pack / "world.yaml"
    lines = world.read_text().splitlines()
    n = next(i for i, line in enumerate(lines) if "drift:" in line or "max:" in line)
    key = lines[n].split(":")[0]
    lines[n] = f"{key}: {value}"
    world.write_text("\n".join(lines) + "\n")
    result = load_pack(pack)
    assert not result.ok
    assert any(
        p.file == str(world) and p.line == n + 1 and "not a finite number" in p.message
        for p in result.problems
    )


def test_compare_over_a_folder_with_odd_file_names(tmp_path):
    golden = ROOT / "tests" / "fixtures" / "saves" / "golden" / "format-3.json"
    odd = os.fsencode(tmp_path) + b"/g\xff\x1b[31m.json"
    with open(odd, "wb") as f:
        f.write(golden.read_bytes())
    shutil.copy(golden, tmp_path / "ok.json")
    out = tmp_path / "out.md"
    done = run_game("compare", str(tmp_path), "--pack", str(MINI), "--lang", "en", "-o", str(out))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "\x1b" not in done.stderr + out.read_text()
    assert "g\\xff\\x1b[31m" in out.read_text()


def test_a_linked_folder_pointing_outside_the_pack_is_named(tmp_path):
    pack = a_pack(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "more.yaml").write_text("events: []\n")
    (pack / "linked").symlink_to(tmp_path / "elsewhere")
    done = run_game("validate", str(pack), "--lang", "en")
    assert f"{pack / 'linked'}: warning: skipped: a link to outside the pack" in done.stdout
    assert "0 errors, 1 warning" in done.stderr


def test_the_new_messages_have_both_languages_with_the_same_placeholders():
    import string

    from game.i18n import STRINGS

    keys = [k for k in STRINGS if k.startswith(("file.", "serve."))]
    assert len(keys) >= 10
    for key in keys:
        nl, en = STRINGS[key]["nl"], STRINGS[key]["en"]
        names = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (nl, en)]
        assert nl and en and nl != en, key
        assert names[0] == names[1], key
