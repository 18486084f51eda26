"""The content cache (game/files/cache.py): a start reads the built pack from it without YAML or pydantic,
plays the same game as from the files, and ignores a cache file that is stale, corrupt or unwritable."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import Game, Pack
from game.engine.model import KINDS
from game.files import cache, loader
from game.files.packs import load_game_content
from game.files.saves import state_data

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINI = TESTS / "packs" / "mini"
MINI_PLUS = TESTS / "packs" / "mini_plus"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


def _load(*extra: Path) -> Pack:
    return load_game_content(list(extra), mods=False)


def _content(pack: Pack) -> dict:
    """Everything a pack holds that content decides, as plain data."""
    return {
        "digest": pack.digest,
        "manifest": dataclasses.asdict(pack.manifest),
        "items": {kind: [dataclasses.asdict(i) for i in getattr(pack, kind).values()] for kind, _ in KINDS},
        "compiled": sorted(pack.compiled),
        "resource_owner": pack.resource_owner,
    }


def _games(pack: Pack) -> list:
    found = []
    for seed in range(6):
        game = Game.new(pack, seed=seed)
        game.play_computer(until_human=False)
        found.append(state_data(game.state))
    return found


def _no_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a pack from its files fails from now on: a load must come from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("the pack was read from its files")

    monkeypatch.setattr(loader, "parse_yaml_bytes", refuse)


def test_a_cached_pack_is_the_pack_its_files_give_and_plays_the_same(cache_folder, monkeypatch):
    fresh = _load(MINI, MINI_PLUS)
    assert [p.suffix for p in cache_folder.iterdir()] == [".json"]
    _no_files(monkeypatch)
    cached = _load(MINI, MINI_PLUS)
    assert cached is not fresh
    assert _content(cached) == _content(fresh)
    assert cached.id == "mini+mini_plus" and cached.digest == fresh.digest
    assert _games(cached) == _games(fresh)


def test_the_shipped_pack_comes_from_the_cache_the_second_time(cache_folder, monkeypatch):
    fresh = _load()
    _no_files(monkeypatch)
    assert _content(_load()) == _content(fresh)


def test_a_changed_content_file_is_read_again(cache_folder, tmp_path, monkeypatch):
    pack = tmp_path / "mini"
    shutil.copytree(MINI, pack)
    before = _load(pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("1.0", "1.1"), encoding="utf-8")
    after = _load(pack)
    assert (before.manifest.version, after.manifest.version) == ("1.0", "1.1")
    assert after.digest != before.digest
    _no_files(monkeypatch)
    assert _load(pack).manifest.version == "1.1"


def test_a_cache_file_of_another_version_of_the_game_is_ignored(cache_folder, monkeypatch):
    _load(MINI)
    (path,) = cache_folder.iterdir()
    head, _, body = path.read_bytes().partition(b"\n")
    header = json.loads(head)
    path.write_bytes(json.dumps({**header, "code": "another-game"}).encode() + b"\n" + body)
    assert cache.read(path.stem) is None
    loaded = []
    monkeypatch.setattr(loader, "parse_yaml_bytes", _counting(loader.parse_yaml_bytes, loaded))
    assert _load(MINI).id == "mini"
    assert loaded, "the pack was not read from its files again"
    assert cache.read(path.stem) is not None  # and the cache file was written anew


def _counting(fn, calls: list):
    def wrapped(*args, **kwargs):
        calls.append(1)
        return fn(*args, **kwargs)

    return wrapped


@pytest.mark.parametrize(
    "spoil",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: raw.replace(b'"mini"', b'"MINI"', 1),  # changed without its checksum
        lambda raw: b"",
        lambda raw: b"\x00\xff not json\n{}",
        lambda raw: b"[]\n[]",
    ],
    ids=["truncated", "edited", "empty", "garbage", "wrong_shape"],
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(cache_folder, spoil):
    fresh = _load(MINI)
    (path,) = cache_folder.iterdir()
    path.write_bytes(spoil(path.read_bytes()))
    assert cache.read(path.stem) is None
    assert _content(_load(MINI)) == _content(fresh)
    assert cache.read(path.stem) is not None


def test_a_cache_file_that_checks_out_but_does_not_read_is_ignored(cache_folder):
    _load(MINI)
    (path,) = cache_folder.iterdir()
    head, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    data["items"]["events"][0]["options"] = "not a list of options"
    del data["items"]["meters"][0]["max"]
    body = json.dumps(data).encode()
    header = {**json.loads(head), "sha256": hashlib.sha256(body).hexdigest()}
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert cache.read(path.stem) is None
    assert _load(MINI).id == "mini"


def test_an_unwritable_cache_folder_only_means_reading_the_files(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    assert _load(MINI).id == "mini"
    assert _load(MINI).id == "mini"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_load_with_errors_is_not_cached(cache_folder, tmp_path):
    pack = tmp_path / "broken"
    shutil.copytree(MINI, pack)
    (pack / "oops.yaml").write_text("events:\n  - {id: Bad}\n", encoding="utf-8")
    with pytest.raises(loader.ContentError):
        _load(pack)
    assert not cache_folder.exists() or not list(cache_folder.iterdir())


def test_the_cache_keeps_only_the_newest_files(cache_folder, tmp_path):
    pack = tmp_path / "mini"
    shutil.copytree(MINI, pack)
    for n in range(cache.KEEP + 3):
        (pack / "extra.yaml").write_text(f"# version {n}\n", encoding="utf-8")
        _load(pack)
    assert len(list(cache_folder.iterdir())) == cache.KEEP


def _start(env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, str(TESTS / "startup_child.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_from_title_to_menu_on_a_cached_pack_imports_no_pydantic_and_no_yaml(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIJKBERAAD_")}
    env.update(
        WIJKBERAAD_CACHE=str(tmp_path / "cache"),
        WIJKBERAAD_SAVES=str(tmp_path / "saves"),
        WIJKBERAAD_CONFIG=str(tmp_path / "config"),
    )
    first = _start(env)
    assert first["pack_line"].startswith("Inhoud: ")
    assert list((tmp_path / "cache").iterdir())
    again = _start(env)
    assert again["pack_line"] == first["pack_line"]
    assert again["modules"] == []
    # then, while the player reads the menu, pydantic is made ready for the first autosave
    assert again["later"] == ["pydantic"]


def test_a_pack_whose_text_utf8_cannot_hold_still_loads_uncached(cache_folder, tmp_path):
    pack = tmp_path / "mini"
    shutil.copytree(MINI, pack)
    manifest = pack / "pack.yaml"
    lines = [
        'description: {nl: "een \\ud800", en: "one"}' if line.startswith("description:") else line
        for line in manifest.read_text(encoding="utf-8").splitlines()
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = _load(pack)
    assert loaded.manifest.description == {"nl": "een \ud800", "en": "one"}
    assert not cache_folder.exists() or not list(cache_folder.glob("*.json"))


def test_a_cached_pack_compiles_each_expression_on_first_use_to_what_the_files_give(cache_folder):
    fresh = _load(MINI, MINI_PLUS)
    cached = _load(MINI, MINI_PLUS)
    assert sorted(cached.compiled) == sorted(fresh.compiled)
    assert any(found is None for found in cached.compiled.values())  # not compiled while loading
    for source, kind in fresh.compiled:
        first, again = fresh.expr(source, kind), cached.expr(source, kind)
        assert (again.source, again.type, again.refs) == (first.source, first.type, first.refs)
    assert None not in cached.compiled.values()


def test_only_an_object_with_exactly_an_items_fields_is_read_back_as_that_item():
    marked = {cache.ITEM_KEY: "Meter", "id": "trust"}  # a mapping that only looks like an item
    assert cache._decode(dict(marked)) == marked
    assert cache._decode({cache.ITEM_KEY: "NoSuchClass"}) == {cache.ITEM_KEY: "NoSuchClass"}


def test_a_cached_start_leaves_the_game_state_and_the_explanations_unimported(cache_folder):
    child = (
        "import sys; from game.files.packs import load_game_content; load_game_content(mods=False); "
        "print(sorted(m for m in ('game.engine.state', 'game.engine.explain') if m in sys.modules))"
    )
    env = {**os.environ, cache.ENV_VAR: str(cache_folder)}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", child], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert run() == "['game.engine.explain', 'game.engine.state']"  # the first start checks everything
    assert run() == "[]"
