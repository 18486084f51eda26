"""Saves: round trip, replay check, the golden file of the format, migrations, bad files and slot names."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.engine import Game
from game.files import saves
from game.files.loader import load_pack_or_raise
from game.files.saves import (
    FORMAT,
    MIGRATIONS,
    MIN_FORMAT,
    SaveError,
    SaveStore,
    check_slot,
    default_saves_dir,
    slot_name,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"
BAD = FIXTURES / "bad"
GOLDEN = FIXTURES / "golden" / f"format-{FORMAT}.json"


def _fixtures_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("save_fixtures", FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make = _fixtures_module()


@pytest.fixture(scope="module")
def pack():
    """The frozen copy of the mini pack the save fixtures were written with."""
    return load_pack_or_raise(FIXTURES / "pack")


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def dump(game: Game) -> dict:
    return saves.state_data(game.state)


def mid_game(pack, seed: int = 3, **players) -> Game:
    game = Game.new(pack, seed=seed, players=players or {"minister": "Ann"})
    game.play_computer()
    return game


def copy_fixture(src: Path, store: SaveStore, slot: str | None = None) -> str:
    store.root.mkdir(parents=True, exist_ok=True)
    slot = slot or src.stem
    shutil.copyfile(src, store.root / f"{slot}.json")
    return slot


# -- round trip -------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 5])
def test_a_finished_game_round_trips(pack, store, seed):
    game = Game.new(pack, seed=seed)
    game.play_computer(until_human=False)
    info = store.save(game, "done")
    assert info.readable and info.slot == "done" and info.path == store.root / "done.json"
    loaded = store.load("done", pack)
    assert loaded.mismatch is None
    assert dump(loaded.game) == dump(game) == dump(loaded.snapshot)
    assert loaded.game.over and loaded.info.ending == game.state.ending


@pytest.mark.parametrize(
    "players",
    [{"minister": "Ann"}, {"resident": "Bo"}, {"minister": "Ann", "resident": "Bo"}],
    ids=["single-minister", "single-resident", "hot-seat"],
)
@pytest.mark.parametrize("moves", [1, 3, 6])
def test_a_game_continues_at_exactly_the_same_step(pack, store, players, moves):
    game = Game.new(pack, seed=4, players=players)
    for _ in range(moves):
        game.play_computer()
        if game.over:
            break
        game.choose(game.step().choices[0].id)
    store.autosave(game, "class-1")
    loaded = store.load("auto-class-1", pack)
    assert loaded.mismatch is None
    for resumed in (loaded.game, loaded.snapshot):
        assert resumed.step() == game.step()
        assert resumed.state.players == game.state.players
    # Both go on exactly as the original would.
    while not game.over:
        choice = [c for c in game.step().choices if c.available][-1].id
        for g in (game, loaded.game, loaded.snapshot):
            g.choose(choice)
    assert dump(loaded.game) == dump(game) == dump(loaded.snapshot)


def test_the_file_is_readable_json_with_everything_the_issue_asks_for(pack, store):
    game = mid_game(pack)
    info = store.save(game, "groep-3")
    text = info.path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "save": "wijkberaad-save",\n  "format": ')
    data = json.loads(text)
    assert data["format"] == FORMAT and data["min_reader"] <= FORMAT
    assert data["pack"] == {"id": pack.id, "version": pack.manifest.version, "digest": pack.digest}
    assert (data["seed"], data["scenario"], data["variant"]) == (3, "test", None)
    assert data["players"] == {"minister": "Ann", "resident": None}
    assert data["choices"] == game.state.choices and data["choices"]
    assert data["state"] == dump(game)
    assert datetime.fromisoformat(data["saved_at"]).tzinfo is not None
    assert info.saved_at is not None and info.round == game.state.round and info.kind == "named"


def test_no_temporary_files_are_left_after_saving(pack, store):
    game = mid_game(pack)
    store.save(game, "one")
    store.autosave(game, "s")
    store.autosave(game, "s")
    assert sorted(p.name for p in store.root.iterdir()) == ["auto-s.json", "one.json"]


# -- autosave, named saves, the list ----------------------------------------------------------------
def test_autosave_overwrites_its_own_slot_only(pack, store):
    game = Game.new(pack, seed=1, players={"minister": "Ann"})
    game.play_computer()
    store.autosave(game, "a")
    store.autosave(mid_game(pack, seed=2), "b")
    game.choose(game.step().choices[0].id)
    game.play_computer()
    store.autosave(game, "a")
    assert store.load("auto-a", pack).game.state.choices == game.state.choices
    assert {i.slot for i in store.list()} == {"auto-a", "auto-b"}


def test_a_named_save_is_never_overwritten_without_asking(pack, store):
    first, second = mid_game(pack, seed=1), mid_game(pack, seed=2)
    store.save(first, "ours")
    before = (store.root / "ours.json").read_bytes()
    with pytest.raises(SaveError, match="already a save called 'ours'") as err:
        store.save(second, "ours")
    assert err.value.code == "exists"
    assert (store.root / "ours.json").read_bytes() == before
    store.save(second, "ours", overwrite=True)
    assert store.load("ours", pack).game.state.seed == 2


def test_two_writers_racing_for_a_new_name_cannot_both_win(pack, store):
    from concurrent.futures import ThreadPoolExecutor

    games = [mid_game(pack, seed=n) for n in range(8)]
    store.root.mkdir(parents=True)

    def attempt(game):
        try:
            return store.save(game, "race").slot
        except SaveError as err:
            return err.code

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, games))
    assert sorted(results) == ["exists"] * 7 + ["race"]
    winner = games[results.index("race")]
    assert dump(store.load("race", pack).game) == dump(winner)


def test_a_failed_write_keeps_the_old_save_and_leaves_no_temporary_file(pack, store, monkeypatch):
    import errno

    first = mid_game(pack, seed=1)
    store.autosave(first, "s")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saves.os, "fsync", disk_full)
    with pytest.raises(SaveError, match="No space left on device") as err:
        store.autosave(mid_game(pack, seed=2), "s")
    assert err.value.code == "io"
    monkeypatch.undo()
    assert dump(store.load("auto-s", pack).game) == dump(first)
    assert [p.name for p in store.root.iterdir()] == ["auto-s.json"]


def test_a_named_save_cannot_take_an_autosave_name(pack, store):
    with pytest.raises(SaveError, match="kept for autosaves"):
        store.save(mid_game(pack), "auto-x")


def test_the_list_is_newest_first_and_latest_autosave_skips_bad_files(pack, store, monkeypatch):
    times = iter(datetime(2026, 5, d, tzinfo=UTC) for d in (1, 2, 3))

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return next(times)

    monkeypatch.setattr(saves, "datetime", Clock)
    store.autosave(mid_game(pack, seed=1), "old")
    store.save(mid_game(pack, seed=2), "named")
    store.autosave(mid_game(pack, seed=3), "new")
    (store.root / "auto-broken.json").write_text("{")
    infos = store.list()
    assert [i.slot for i in infos if i.readable] == ["auto-new", "named", "auto-old"]
    assert store.latest_autosave().slot == "auto-new"
    os.remove(store.root / "auto-new.json")
    assert store.latest_autosave().slot == "auto-old"


def test_an_empty_or_missing_folder_lists_nothing(tmp_path):
    assert SaveStore(tmp_path / "nowhere").list() == []
    assert SaveStore(tmp_path / "nowhere").latest_autosave() is None
    assert not (tmp_path / "nowhere").exists()


def test_the_list_ignores_other_files(pack, store):
    store.save(mid_game(pack), "real")
    (store.root / "notes.txt").write_text("hi")
    (store.root / ".real.json.abc.tmp").write_text("{")
    (store.root / "sub.json").mkdir()
    infos = {i.slot: i for i in store.list()}
    assert set(infos) == {"real", "sub"}
    assert not infos["sub"].readable and "folder" in infos["sub"].reason


def test_loading_a_missing_slot_says_so(pack, store):
    with pytest.raises(SaveError, match="no save called 'nope'") as err:
        store.load("nope", pack)
    assert err.value.code == "missing"


def test_stale_temporary_files_of_any_slot_are_cleared(pack, store):
    store.save(mid_game(pack), "one")
    old = store.root / ".one.json.zz.tmp"
    young = store.root / ".one.json.yy.tmp"
    other = store.root / ".two.json.xx.tmp"
    for p in (old, young, other):
        p.write_text("{")
    os.utime(old, (1, 1))
    os.utime(other, (1, 1))
    store.save(mid_game(pack), "one", overwrite=True)
    assert not old.exists() and young.exists() and not other.exists()


# -- the replay check -------------------------------------------------------------------------------
def test_an_edited_file_loads_with_a_mismatch_and_the_snapshot_to_continue_from(pack, store):
    slot = copy_fixture(FIXTURES / "edited" / "edited-meter.json", store)
    loaded = store.load(slot, pack)
    assert "does not reach the saved state" in loaded.mismatch and "meters" in loaded.mismatch
    assert loaded.snapshot.state.meters["trust"] == 99.0
    assert loaded.game.state.meters["trust"] != 99.0
    assert loaded.snapshot.step() == loaded.game.step()
    listed = store.list(pack)[0]
    assert listed.readable and listed.mismatch == loaded.mismatch


def test_changed_content_is_reported(pack, store, tmp_path):
    store.save(mid_game(pack), "s")
    changed_dir = tmp_path / "pack"
    shutil.copytree(FIXTURES / "pack", changed_dir)
    manifest = changed_dir / "pack.yaml"
    manifest.write_text(manifest.read_text().replace('version: "1.0"', 'version: "1.1"'))
    changed = load_pack_or_raise(changed_dir)
    loaded = store.load("s", changed)
    assert "content changed" in loaded.mismatch and "1.0 → 1.1" in loaded.mismatch
    # Same version, different files: the hash tells.
    manifest.write_text(manifest.read_text().replace('version: "1.1"', 'version: "1.0"') + "\n# edited\n")
    loaded = store.load("s", load_pack_or_raise(changed_dir))
    assert "different hash" in loaded.mismatch


def test_a_log_that_does_not_replay_is_unreadable_but_the_snapshot_is_offered(pack, store):
    slot = copy_fixture(BAD / "log-does-not-replay.json", store)
    with pytest.raises(SaveError, match=r"choice 2 of 5 \('burn_it_down'\)") as err:
        store.load(slot, pack)
    assert err.value.code == "no_replay"
    assert "continue from the saved state" in err.value.message
    assert err.value.snapshot is not None and err.value.snapshot.state.choices[1] == "burn_it_down"
    (info,) = store.list(pack)
    assert not info.readable and info.code == "no_replay"


def test_a_broken_snapshot_with_a_whole_log_is_rebuilt_from_the_log(pack, store):
    data = json.loads(GOLDEN.read_text())
    data["state"]["meters"] = "lots"
    store.root.mkdir(parents=True)
    (store.root / "s.json").write_text(json.dumps(data))
    loaded = store.load("s", pack)
    assert not loaded.snapshot_ok
    assert (
        "saved state has the wrong shape" in loaded.mismatch
        and "rebuilt from its decision log" in loaded.mismatch
    )
    assert dump(loaded.game) == dump(make.golden_game(pack)) == dump(loaded.snapshot)
    assert loaded.snapshot is not loaded.game


def test_an_edited_snapshot_that_cannot_be_played_on_is_not_offered(pack, store):
    data = json.loads(GOLDEN.read_text())
    data["state"]["queue"] = ["no_such_event"]
    store.root.mkdir(parents=True)
    (store.root / "s.json").write_text(json.dumps(data))
    loaded = store.load("s", pack)
    assert not loaded.snapshot_ok and "cannot be played on" in loaded.mismatch
    assert dump(loaded.snapshot) == dump(loaded.game) == dump(make.golden_game(pack))


def test_saves_load_without_the_ui():
    """Reading and writing saves never pulls in Textual or Rich."""
    import subprocess
    import sys

    code = (
        "import sys, game.files.saves, game.cli.saves\n"
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- the golden file and migrations -----------------------------------------------------------------
def test_the_format_matches_the_golden_file(pack):
    text = make.golden_text(pack)
    if os.environ.get("WIJKBERAAD_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the save format changed: if on purpose, raise FORMAT with a migration, then rewrite the golden "
        "file with WIJKBERAAD_UPDATE_GOLDEN=1 and review the diff"
    )


def test_the_golden_file_loads_and_replays(pack, store):
    slot = copy_fixture(GOLDEN, store)
    loaded = store.load(slot, pack)
    assert loaded.mismatch is None
    assert dump(loaded.game) == dump(make.golden_game(pack))
    assert loaded.game.step().actor == "resident"


def test_every_old_format_has_a_migration_and_a_fixture():
    assert set(MIGRATIONS) == set(range(MIN_FORMAT, FORMAT))
    for version in MIGRATIONS:
        assert (FIXTURES / "migrations" / f"format-{version}.json").is_file()


@pytest.mark.parametrize("version", sorted(MIGRATIONS))
def test_an_old_format_loads_through_its_migrations(pack, store, version):
    slot = copy_fixture(FIXTURES / "migrations" / f"format-{version}.json", store)
    before = (store.root / f"{slot}.json").read_bytes()
    loaded = store.load(slot, pack)
    assert loaded.mismatch is None
    assert dump(loaded.game) == dump(make.golden_game(pack))
    assert loaded.info.pack == "mini" and loaded.info.round == 3
    # Loading never rewrites the old file.
    assert (store.root / f"{slot}.json").read_bytes() == before


def test_migrating_format_1_gives_the_current_shape():
    data = json.loads((FIXTURES / "migrations" / "format-1.json").read_text())
    migrated = saves.migrate(data)
    assert migrated["format"] == FORMAT
    golden = json.loads(GOLDEN.read_text())
    assert set(migrated) == set(golden)
    assert migrated["pack"] == {**golden["pack"], "digest": None}
    assert {k: v for k, v in migrated.items() if k not in ("pack", "kind")} == {
        k: v for k, v in golden.items() if k not in ("pack", "kind")
    }


# -- bad files --------------------------------------------------------------------------------------
#: Each bad file, the failure code and a part of the message a person reads.
BAD_FILES = {
    "empty": ("unreadable", "the file is empty"),
    "whitespace": ("unreadable", "the file is empty"),
    "truncated": ("unreadable", "cut off"),
    "not-json": ("unreadable", "not valid JSON (line 1, column 1"),
    "not-utf8": ("unreadable", "not UTF-8"),
    "deeply-nested": ("unreadable", "nested too deeply"),
    "nan": ("unreadable", "NaN is not allowed"),
    "list": ("unreadable", "not an object"),
    "not-a-save": ("unreadable", "not a Wijkberaad save"),
    "other-magic": ("unreadable", "not a Wijkberaad save"),
    "no-version": ("unreadable", "no save-format version"),
    "missing-field": ("unreadable", "wrong shape: choices: field required"),
    "wrong-type": ("unreadable", "wrong shape: seed"),
    "too-new": ("too_new", "needs save format 5"),
    "too-old": ("too_old", "save format 0, which this version of Wijkberaad no longer loads"),
    "log-does-not-replay": ("no_replay", "does not replay"),
    "log-and-state-broken": ("unreadable", "saved state has the wrong shape: meters"),
    "other-pack": ("wrong_pack", "content pack 'another-pack', not 'mini'"),
}


def test_every_bad_fixture_is_in_the_table():
    assert {p.stem for p in BAD.glob("*.json")} == set(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gives_a_clear_error(pack, store, name):
    code, message = BAD_FILES[name]
    slot = copy_fixture(BAD / f"{name}.json", store)
    with pytest.raises(SaveError) as err:
        store.load(slot, pack)
    assert err.value.code == code
    assert message in str(err.value)
    assert "Traceback" not in str(err.value) and len(str(err.value)) < 300


def test_bad_files_show_as_unreadable_and_never_stop_the_others(pack, store):
    for path in BAD.glob("*.json"):
        copy_fixture(path, store)
    game = mid_game(pack)
    store.save(game, "good")
    before = {p.name: p.read_bytes() for p in store.root.iterdir()}
    infos = {i.slot: i for i in store.list(pack)}
    assert set(infos) == {*BAD_FILES, "good"}
    assert infos["good"].readable and infos["good"].mismatch is None
    for name, (code, message) in BAD_FILES.items():
        assert not infos[name].readable, name
        assert infos[name].code == code and message in infos[name].reason, name
    # Without the pack only the file itself is checked: the shape-level failures still show.
    quick = {i.slot: i for i in store.list()}
    assert not quick["truncated"].readable and quick["log-does-not-replay"].readable
    assert store.load("good", pack).mismatch is None
    # Nothing was touched.
    assert {p.name: p.read_bytes() for p in store.root.iterdir()} == before


def test_a_too_large_file_is_not_read(pack, store, monkeypatch):
    monkeypatch.setattr(saves, "MAX_BYTES", 1000)
    store.save(mid_game(pack), "big")
    with pytest.raises(SaveError, match="larger than"):
        store.load("big", pack)


def test_a_newer_file_says_which_version_it_needs(store):
    copy_fixture(BAD / "too-new.json", store, "future")
    (info,) = store.list()
    assert info.code == "too_new" and "needs save format 5" in info.reason and "update" in info.reason


# -- slot names -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "",
        "../evil",
        "..",
        "a/b",
        "a\\b",
        "/etc/passwd",
        "C:evil",
        ".hidden",
        "-flag",
        "a b",
        "a.json",
        "x" * 121,
        "naïve",
        "nul",
        "CON",
        "com1",
        "tab\there",
        "new\nline",
        "a\0b",
        "*",
        "~",
    ],
)
def test_unsafe_slot_names_are_refused(pack, store, name):
    with pytest.raises(SaveError) as err:
        store.save(mid_game(pack), name)
    assert err.value.code == "bad_name"
    with pytest.raises(SaveError):
        store.load(name, pack)
    assert not store.root.exists() or list(store.root.iterdir()) == []


@pytest.mark.parametrize("session", ["../x", "a/b", ""])
def test_unsafe_session_ids_are_refused(pack, store, session):
    with pytest.raises(SaveError, match="save name"):
        store.autosave(mid_game(pack), session)


@pytest.mark.parametrize("name", ["a", "Groep3", "groep-3_ochtend", "2026-05-01", "x" * 120])
def test_safe_slot_names_are_kept(name):
    assert check_slot(name) == name


@pytest.mark.parametrize(
    ("typed", "slot"),
    [
        ("Groep 3", "groep-3"),
        ("Groep 3 / ochtend", "groep-3-ochtend"),
        ("../../etc/passwd", "etc-passwd"),
        ("één twee", "een-twee"),
        ("  spaties  ", "spaties"),
        ("nul", "nul-save"),
        ("x" * 100, "x" * 64),
    ],
)
def test_slot_name_makes_a_safe_name_from_what_a_player_typed(typed, slot):
    assert slot_name(typed) == slot
    assert check_slot(slot) == slot


def test_an_autosave_of_a_long_scenario_id_fits():
    session = f"{'s' * 48}-{10**12}-20261128-135500"
    assert saves.autosave_slot(session) == f"auto-{session}"


@pytest.mark.parametrize("typed", ["", "   ", "../", "💾"])
def test_slot_name_refuses_text_without_letters(typed):
    with pytest.raises(SaveError, match="no letters or digits"):
        slot_name(typed)


def test_a_file_with_an_unsafe_name_is_listed_as_unreadable(pack, store):
    store.root.mkdir(parents=True)
    shutil.copyfile(GOLDEN, store.root / "my save.json")
    (info,) = store.list()
    assert not info.readable and "rename the file" in info.reason


# -- where saves live -------------------------------------------------------------------------------
def test_the_environment_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(tmp_path / "x"))
    assert default_saves_dir() == tmp_path / "x"


def test_a_checkout_saves_in_the_user_data_folder_too(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("WIJKBERAAD_SAVES", raising=False)
    monkeypatch.setattr("game.files.paths.checkout_root", lambda: tmp_path)
    assert default_saves_dir() == platformdirs.user_data_path("wijkberaad", appauthor=False) / "saves"


def test_an_installed_package_saves_in_the_user_data_folder(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("WIJKBERAAD_SAVES", raising=False)
    monkeypatch.setattr("game.files.paths.checkout_root", lambda: None)
    assert default_saves_dir() == platformdirs.user_data_path("wijkberaad", appauthor=False) / "saves"


def test_saves_dir_option(tmp_path):
    import argparse

    from game.cli.common import add_saves_option

    parser = argparse.ArgumentParser()
    add_saves_option(parser)
    assert saves.saves_dir_from(parser.parse_args(["--saves-dir", str(tmp_path)])) == tmp_path
    assert saves.saves_dir_from(parser.parse_args([])) == default_saves_dir()


# -- the command ------------------------------------------------------------------------------------
def test_the_saves_command_lists_every_file(pack, store, capsys):
    from game.cli import main

    store.autosave(mid_game(pack, minister="Ann", resident="Bo"), "s1")
    copy_fixture(BAD / "truncated.json", store)
    assert main(["saves", "--saves-dir", str(store.root), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["slot", "scenario", "round", "players", "saved", "status"]
    rows = {line.split()[0]: line for line in out[1:]}
    assert set(rows) == {"auto-s1", "truncated"}
    assert "test" in rows["auto-s1"] and "Ann, Bo" in rows["auto-s1"] and rows["auto-s1"].endswith("ok")
    assert "unreadable: the file is cut off" in rows["truncated"]


def test_the_saves_command_on_an_empty_folder(tmp_path, capsys):
    from game.cli import main

    assert main(["saves", "--saves-dir", str(tmp_path / "none"), "--lang", "en"]) == 0
    assert "no saves" in capsys.readouterr().err
