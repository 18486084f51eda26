"""The modding kit: the new-pack scaffold, pack layering and conflicts, the schema, the guide, dev helpers."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

from game.authoring.reference import committed_reference, reference_markdown
from game.authoring.scaffold import FILES, ScaffoldError, check_name, write_scaffold
from game.authoring.schema import SCHEMAS, schema_texts, shipped_schema_dir
from game.cli import main
from game.engine import Game, GameError
from game.engine.debug import jump_to, set_meter
from game.engine.model import field_types
from game.files.loader import ContentError
from game.files.packs import game_pack_dirs, load_game_content, load_layers, mods_dir, validate_pack
from game.files.watch import ContentWatcher

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINI = TESTS / "packs" / "mini"
MINI_PLUS = TESTS / "packs" / "mini_plus"
LAYERS = TESTS / "fixtures" / "layers"


# -- the scaffold ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    return write_scaffold(tmp_path_factory.mktemp("packs"), "mijn-wijk")


def test_scaffold_validates_without_warnings(scaffold: Path) -> None:
    result = validate_pack(scaffold)
    assert result.ok, [str(p) for p in result.problems]
    assert result.problems == []
    pack = result.pack
    assert pack.id == "mijn_wijk"
    assert len(pack.events) == 3 and len(pack.scenarios) == 1
    assert "district_nurse" in pack.roles
    assert [e.id for e in pack.scenarios["mijn_wijk"].endings] == ["four_years_on"]
    # the example cites the article in both languages, as the shipped critiques do
    citation = pack.critiques["sidelined"].citation_text
    assert "29 augustus 2022" in citation["nl"] and "29 August 2022" in citation["en"]


@pytest.fixture(scope="module")
def scaffold_pack(scaffold: Path):
    return load_game_content([scaffold], mods=False)


@pytest.mark.parametrize("strategy", ["priorities", "honour", "ignore", "random"])
def test_scaffold_plays_a_full_game(scaffold_pack, strategy: str) -> None:
    pack = scaffold_pack
    assert pack.id == "mijn_wijk"  # it stands alone: the base is not loaded with it
    for seed in range(3):
        game = Game.new(pack, seed=seed)
        game.play_computer(strategy, until_human=False)
        assert game.over and game.state.ending == "four_years_on"
        assert game.state.history


def test_scaffold_plays_with_a_human_role(scaffold_pack) -> None:
    pack = scaffold_pack
    game = Game.new(pack, seed=3, players={"district_nurse": "Noor"})
    while not game.over:
        game.play_computer()
        if not game.over:
            step = game.step()
            game.choose(next(c.id for c in step.choices if c.available))
    assert game.state.ending == "four_years_on"


def test_scaffold_files_point_at_the_schema(scaffold: Path) -> None:
    for name in FILES:
        first = (scaffold / name).read_text(encoding="utf-8").splitlines()[0]
        target = "pack.schema.json" if name == "pack.yaml" else "content.schema.json"
        assert first == f"# yaml-language-server: $schema=schema/{target}"
    for name in SCHEMAS:
        assert (scaffold / "schema" / name).is_file()


def test_new_pack_command_refuses_existing_and_unsafe(tmp_path: Path, capsys) -> None:
    assert main(["new-pack", "wijk_a", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / "wijk_a" / "pack.yaml").is_file()
    before = (tmp_path / "wijk_a" / "events.yaml").read_text()
    (tmp_path / "wijk_a" / "events.yaml").write_text(before + "\n# mine\n")
    assert main(["new-pack", "wijk_a", "--dir", str(tmp_path), "--lang", "en"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "wijk_a" / "events.yaml").read_text().endswith("# mine\n")
    for bad in ["../escape", "a/b", "", "-x", "con", "9lives", "x" * 60, "naïef"]:
        assert check_name(bad) is not None, bad
        with pytest.raises(ScaffoldError):
            write_scaffold(tmp_path, bad)
    assert not (tmp_path.parent / "escape").exists()


# -- layering -------------------------------------------------------------------------------------
def test_layered_pack_adds_and_replaces() -> None:
    result = load_layers([MINI, MINI_PLUS])
    assert result.ok, [str(p) for p in result.problems]
    assert result.warnings == []
    pack = result.pack
    assert pack.id == "mini+mini_plus"
    assert list(pack.roles) == ["minister", "resident", "nurse"]
    assert pack.events["budget"].title["en"] == "Care budget"  # replaced ...
    assert list(pack.events)[:4] == ["evening", "aftermath", "budget", "elections"]  # ... in its place
    assert "home_visits" in pack.events  # added
    assert pack.scenarios["test"].roles == ["minister", "resident", "nurse"]
    assert pack.meters.keys() == {"trust", "livability", "turnout"}  # kept from mini
    game = Game.new(pack, seed=2)
    game.play_computer(until_human=False)
    assert game.over


def test_validate_finds_the_extended_pack_next_to_it() -> None:
    result = validate_pack(MINI_PLUS)
    assert result.ok and result.pack.id == "mini+mini_plus"


def test_layer_problems_locate_in_the_mod() -> None:
    result = load_layers([MINI, LAYERS / "mod_a"])
    assert result.ok
    pack = result.pack
    assert "shared_idea" in pack.events and "evening" in pack.events


@pytest.mark.parametrize(
    ("mods", "expected"),
    [
        (["clash"], ["clash/events.yaml:2", "conflict", "packs/mini/events/events.yaml:", "replaces"]),
        (["mod_a", "mod_b"], ["mod_b/events.yaml:2", "conflict", "mod_a/events.yaml:2"]),
        (["bad_replace"], ["bad_replace/pack.yaml:7", "thing:budget", "event:nope", "nothing to replace"]),
        (["not_own"], ["not_own/pack.yaml:7", "defines no event 'budget'"]),
        (["orphan"], ["orphan/pack.yaml:6", "extends pack 'nowhere', which is not loaded"]),
        (["mod_a", "not_below"], ["not_below/events.yaml:2", "does not extend pack 'mod_a'"]),
        (["second_world", "mod_a"], ["both stand alone"]),
    ],
)
def test_layering_problems(mods: list[str], expected: list[str]) -> None:
    result = load_layers([MINI, *(LAYERS / m for m in mods)])
    assert not result.ok
    text = "\n".join(str(p) for p in result.errors)
    for part in expected:
        assert part in text, text


def test_packs_layered_together_keep_the_languages_they_share(tmp_path: Path) -> None:
    mod = tmp_path / "mod_a"
    shutil.copytree(LAYERS / "mod_a", mod)
    manifest = mod / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("languages: [nl, en]", "languages: [en]"))
    result = load_layers([MINI, mod])
    assert result.ok and result.pack.manifest.languages == ["en"]
    world = tmp_path / "mini"
    shutil.copytree(MINI, world)
    dutch = world / "pack.yaml"
    dutch.write_text(dutch.read_text().replace("languages: [nl, en]", "languages: [nl]"))
    result = load_layers([world, mod])
    assert not result.ok
    assert [p.file for p in result.errors if "the packs share no language" in p.message] == [str(manifest)]


def test_a_pack_given_twice_is_loaded_once() -> None:
    result = load_layers([MINI, MINI_PLUS, MINI])
    assert result.ok and result.pack.id == "mini+mini_plus"


def test_validate_command_reports_conflicts_between_mods(tmp_path: Path, capsys) -> None:
    for name, src in [("mini", MINI), ("mod_a", LAYERS / "mod_a"), ("mod_b", LAYERS / "mod_b")]:
        shutil.copytree(src, tmp_path / name)
    assert main(["validate", str(tmp_path / "mod_a")]) == 0
    assert main(["validate", str(tmp_path / "mod_b")]) == 0
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "mod_a"), str(tmp_path / "mod_b")]) == 1
    out = capsys.readouterr().out
    assert "conflict" in out and str(tmp_path / "mod_a" / "events.yaml") in out
    assert str(tmp_path / "mod_b" / "events.yaml") in out


def test_game_content_layers_mods_and_extra_packs(tmp_path: Path, monkeypatch) -> None:
    # The world is the mini pack here (standing in for the base), so the test does not depend on content/.
    monkeypatch.setattr("game.files.paths.base_pack_dir", lambda: MINI)
    saves = tmp_path / "saves"
    assert mods_dir(saves) == tmp_path / "mods"
    (tmp_path / "mods").mkdir()
    shutil.copytree(LAYERS / "mod_a", tmp_path / "mods" / "mod_a")
    assert game_pack_dirs([MINI_PLUS], saves_dir=saves) == [MINI, tmp_path / "mods" / "mod_a", MINI_PLUS]
    pack = load_game_content([MINI_PLUS], saves_dir=saves)
    assert pack.id == "mini+mod_a+mini_plus"
    assert {"shared_idea", "home_visits"} <= set(pack.events)
    assert load_game_content(saves_dir=saves).id == "mini+mod_a"
    assert load_game_content(mods=False).id == "mini"
    shutil.copytree(LAYERS / "mod_b", tmp_path / "mods" / "mod_b")
    with pytest.raises(ContentError) as err:
        load_game_content(saves_dir=saves)
    assert "conflict" in str(err.value)


def test_base_alone_is_the_plain_base_pack() -> None:
    base = ROOT / "content" / "base"
    if not (base / "pack.yaml").is_file():
        pytest.skip("the shipped base pack is not there")
    from game.files.loader import load_pack

    plain = load_pack(base)
    if not plain.ok:
        pytest.skip("the shipped base pack has errors right now")
    layered = load_layers([base])
    assert layered.pack.id == plain.pack.id and layered.pack.digest == plain.pack.digest


# -- schema ---------------------------------------------------------------------------------------
def test_shipped_schema_matches_the_models() -> None:
    folder = shipped_schema_dir()
    assert folder is not None
    for name, text in schema_texts().items():
        shipped = (folder / name).read_text(encoding="utf-8")
        assert shipped == text, f"{name} is out of date: run 'wijkberaad schema -o docs/schema'"


def test_every_schema_property_has_a_description() -> None:
    for text in schema_texts().values():
        schema = json.loads(text)
        parts = [schema, *schema.get("$defs", {}).values()]
        for part in parts:
            for name, prop in part.get("properties", {}).items():
                assert prop.get("description"), name
    content = json.loads(schema_texts()["content.schema.json"])
    assert content["$defs"]["Event"]["properties"]["id"]["description"].startswith("The event's id")
    assert content["$defs"]["Event"]["additionalProperties"] is False


def test_schema_command_writes_files(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path / "s")]) == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(SCHEMAS)


# -- the guide ------------------------------------------------------------------------------------
def test_modding_guide_reference_is_generated() -> None:
    doc = (ROOT / "docs" / "modding.md").read_text(encoding="utf-8")
    assert committed_reference(doc) == reference_markdown(), "run: python -m game.authoring.reference"


def test_reference_names_every_field_and_function() -> None:
    from game.authoring.reference import MODELS
    from game.engine.expr import FUNCTIONS

    text = reference_markdown()
    for model in MODELS:
        for name in field_types(model):
            assert f"| `{name}` |" in text
    for name in FUNCTIONS:
        assert f"`{name}(" in text


# -- dev mode helpers -----------------------------------------------------------------------------
def test_watcher_sees_saves_additions_and_removals(tmp_path: Path) -> None:
    pack = tmp_path / "p"
    shutil.copytree(MINI, pack)
    watcher = ContentWatcher([pack])
    assert watcher.changed() == []
    path = pack / "world.yaml"
    path.write_text(path.read_text() + "\n# edited\n")
    assert watcher.changed() == [str(path)]
    assert watcher.changed() == []
    (pack / "more.yaml").write_text("events: []\n")
    (pack / "notes.txt").write_text("not content")
    assert watcher.changed() == [str(pack / "more.yaml")]
    (pack / "more.yaml").unlink()
    assert watcher.changed() == [str(pack / "more.yaml")]


def test_jump_to_event_and_set_meter(mini_pack) -> None:
    game = Game.new(mini_pack, seed=1)
    first = game.step().event.id
    jump_to(game, "aftermath")
    step = game.step()
    assert step.event.id == "aftermath" and step.actor == "minister"
    assert game.state.queue[0] == first
    assert set_meter(game, "trust", 150) == 100
    assert set_meter(game, "energy", -3) == 0
    with pytest.raises(GameError):
        set_meter(game, "nope", 1)
    with pytest.raises(GameError):
        jump_to(game, "nope")
    game.play_computer(until_human=False)
    assert game.over


MODDING_MODULES = (
    "game.engine.lint",
    "game.engine.debug",
    "game.files.packs",
    "game.files.watch",
    "game.authoring.schema",
    "game.authoring.reference",
    "game.authoring.scaffold",
    "game.authoring.balance",
)


@functools.cache
def _modding_loads() -> dict[str, list[str]]:
    from test_purity import ui_loaded_by  # one interpreter imports them all, as there

    return ui_loaded_by(MODDING_MODULES)


@pytest.mark.parametrize("module", MODDING_MODULES)
def test_modding_modules_do_not_load_the_ui(module: str) -> None:
    assert _modding_loads()[module] == []


def test_a_stand_alone_pack_loads_even_when_the_default_world_is_broken(tmp_path: Path) -> None:
    broken = tmp_path / "base"
    broken.mkdir()
    (broken / "pack.yaml").write_text("id: [unclosed\n")
    result = load_layers([broken, MINI])
    assert result.ok and result.pack.id == "mini" and result.problems == []
    assert not load_layers([broken, MINI_PLUS]).ok  # a pack that builds on the default needs it whole


def test_validate_without_paths_checks_the_mods_folder_too(tmp_path: Path, monkeypatch, capsys) -> None:
    shipped = tmp_path / "content"
    shutil.copytree(MINI, shipped / "mini")
    monkeypatch.setattr("game.files.paths.content_dir", lambda: shipped)
    monkeypatch.setattr("game.cli.validate.content_dir", lambda: shipped)
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(tmp_path / "saves"))
    assert main(["validate"]) == 0
    shutil.copytree(LAYERS / "mod_a", tmp_path / "mods" / "mod_a")
    assert main(["validate", "--lang", "en"]) == 0
    assert "2 packs" in capsys.readouterr().err
    shutil.copytree(LAYERS / "mod_b", tmp_path / "mods" / "mod_b")
    assert main(["validate"]) == 1
    assert "conflict" in capsys.readouterr().out


def test_a_layered_pack_is_complete_in_the_languages_all_its_packs_share() -> None:
    result = load_layers([MINI, LAYERS / "dutch_only"])
    assert result.ok, [str(p) for p in result.errors]
    assert result.pack.languages == ["nl"]
    missing = [w for w in result.warnings if "no 'en' translation" in w.message]
    assert missing and all("dutch_only/events.yaml" in w.file for w in missing)


def test_commands_look_for_mods_next_to_the_saves_dir_they_are_given(tmp_path: Path, monkeypatch) -> None:
    """``--saves-dir`` moves the mods folder with it, for play, saves and report alike."""
    monkeypatch.setattr("game.files.paths.base_pack_dir", lambda: MINI)
    monkeypatch.delenv("WIJKBERAAD_SAVES", raising=False)
    saves = tmp_path / "klas" / "saves"
    saves.mkdir(parents=True)
    shutil.copytree(LAYERS / "mod_a", tmp_path / "klas" / "mods" / "mod_a")
    loaded: list[str] = []
    import game.files.packs as packs

    real = packs.load_game_content

    def spy(*args, **kwargs):
        pack = real(*args, **kwargs)
        loaded.append(pack.id)
        return pack

    monkeypatch.setattr(packs, "load_game_content", spy)
    from game.ui.app import WijkberaadApp

    apps: list[WijkberaadApp] = []
    monkeypatch.setattr(WijkberaadApp, "run", lambda self, *a, **k: apps.append(self))
    assert main(["play", "--role", "minister", "--saves-dir", str(saves)]) == 0
    assert apps[0].pack is not None and apps[0].pack.id == "mini+mod_a"
    assert main(["play", "--saves-dir", str(saves)]) == 0  # the title screen loads it in the background
    assert apps[1]._content is not None and apps[1]._content().id == "mini+mod_a"
    assert main(["saves", "--check", "--saves-dir", str(saves)]) == 0
    assert loaded[-1] == "mini+mod_a"


def test_every_command_with_saves_dir_finds_the_mods_next_to_it(tmp_path: Path, monkeypatch, capsys) -> None:
    """A class folder with saves/ and mods/ side by side: report, compare, saves, validate and simulate all
    load the mod when given that --saves-dir, and none of them when given another."""
    monkeypatch.setattr("game.files.paths.base_pack_dir", lambda: MINI)
    shipped = tmp_path / "content"
    shutil.copytree(MINI, shipped / "mini")
    monkeypatch.setattr("game.files.paths.content_dir", lambda: shipped)
    monkeypatch.setattr("game.cli.validate.content_dir", lambda: shipped)
    monkeypatch.delenv("WIJKBERAAD_SAVES", raising=False)
    klas = tmp_path / "klas"
    saves = klas / "saves"
    saves.mkdir(parents=True)
    shutil.copytree(LAYERS / "mod_a", klas / "mods" / "mod_a")
    modded = load_game_content(saves_dir=saves)
    assert modded.id == "mini+mod_a"
    from game.files.saves import SaveStore

    game = Game.new(modded, seed=4, players={"minister": "Ahmed"})
    game.play_computer(until_human=False)
    SaveStore(saves).save(game, "groep-1")
    other = tmp_path / "elders" / "saves"  # a saves folder with no mods next to it
    other.mkdir(parents=True)
    args = ["--lang", "en", "--saves-dir"]
    capsys.readouterr()

    assert main(["report", "groep-1", "--format", "csv", *args, str(saves)]) == 0
    assert main(["compare", str(saves), *args, str(saves)]) == 0
    assert "Ahmed" in capsys.readouterr().out
    assert main(["report", str(saves / "groep-1.json"), *args, str(other)]) == 2
    assert "'mini+mod_a', not 'mini'" in capsys.readouterr().err

    assert main(["saves", "--check", "--lang", "en", "--saves-dir", str(saves)]) == 0
    assert "unreadable" not in capsys.readouterr().out

    assert main(["validate", *args, str(saves)]) == 0
    assert "2 packs" in capsys.readouterr().err
    assert main(["validate", *args, str(other)]) == 0
    assert "1 pack" in capsys.readouterr().err

    for folder, pack_id in [(saves, "mini+mod_a"), (other, "mini")]:
        sim = ["simulate", "--runs", "1", "--workers", "1", "--strategy", "honour", "--json"]
        assert main([*sim, "--saves-dir", str(folder)]) == 0
        assert json.loads(capsys.readouterr().out)["pack"] == pack_id


def test_the_mods_folder_is_next_to_the_saves_folder_however_it_is_written(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "saves").mkdir()
    assert mods_dir(Path("saves")) == tmp_path / "mods"
    assert mods_dir(Path("saves/")) == tmp_path / "mods"
    monkeypatch.chdir(tmp_path / "saves")
    assert mods_dir(Path(".")) == tmp_path / "mods"  # '--saves-dir .' in the saves folder itself
    assert mods_dir(Path("../saves")) == tmp_path / "mods"
