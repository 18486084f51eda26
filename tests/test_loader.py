"""Loading and validating packs: one broken fixture pack per failure mode, each with file, line and message.

Each folder in ``tests/fixtures/broken/`` is a copy of ``_valid/`` with exactly one defect (made by
``make_cases.py``). ``wijkberaad validate`` must print the problem as ``file:line: item: message``, exit 1,
and never show a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Game
from game.files.loader import ContentError, load_pack, load_pack_or_raise

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BROKEN = TESTS / "fixtures" / "broken"
VALID = BROKEN / "_valid"
MINI = TESTS / "packs" / "mini"

#: case -> (file in the pack, line or None, fragment of the message). The first line printed for the
#: case must be this one.
CASES: dict[str, tuple[str, int | None, str]] = {
    "malformed_yaml": ("events.yaml", 6, "not valid YAML: expected ',' or ']'"),
    "tab_indentation": ("events.yaml", 5, "not valid YAML: found character '\\t'"),
    "missing_manifest": ("pack.yaml", None, "a pack needs a pack.yaml manifest"),
    "manifest_missing_key": ("pack.yaml", 1, "manifest: missing required key 'version'"),
    "manifest_not_a_mapping": ("pack.yaml", 1, "the manifest must be a mapping"),
    "bad_version": ("pack.yaml", 3, "version: 'one' is not a version"),
    "version_not_quoted": ("pack.yaml", 3, "version: expected text, got the number 1.0; put it in quotes"),
    "duplicate_id": (
        "more_events.yaml",
        2,
        "event 'evening': duplicate event id 'evening' (first defined at ",
    ),
    "duplicate_option_id": ("events.yaml", 8, "event 'evening': options: option id 'listen' appears twice"),
    "unknown_key": ("events.yaml", 5, "event 'evening': unknown key 'decidr'; did you mean 'decider'?"),
    "unknown_key_nested": (
        "events.yaml",
        11,
        "event 'evening': unknown key 'honour'; did you mean 'honours'?",
    ),
    "unknown_section": ("events.yaml", 1, "unknown section 'event'; did you mean 'events'?"),
    "wrong_type": ("world.yaml", 33, "scenario 'test': rounds: Input should be a valid integer"),
    "wrong_type_number": (
        "world.yaml",
        5,
        "meter 'trust': start: expected a number, or an expression in quotes",
    ),
    "wrong_type_text": (
        "world.yaml",
        31,
        "scenario 'test': intro: expected a mapping, like {nl: ..., en: ...}",
    ),
    "bad_id": ("events.yaml", 22, "id: 'After-Math' is not a valid id"),
    "missing_required_key": ("events.yaml", 9, "event 'evening': missing required key 'options.0.outcome'"),
    "bad_expression": (
        "events.yaml",
        16,
        "event 'evening': in 'trust << 90': operator LShift is not allowed",
    ),
    "expression_unknown_name": ("events.yaml", 16, "unknown name 'trsut'; did you mean 'trust'?"),
    "expression_unknown_flag": ("events.yaml", 16, "unknown flag 'listend'; did you mean 'listened'?"),
    "expression_wrong_type": (
        "events.yaml",
        16,
        "'trust + 90' gives a number, but a true/false value is needed",
    ),
    "missing_translation": ("events.yaml", 23, "event 'aftermath': text is missing its en translation"),
    "unknown_language": ("events.yaml", 23, "unknown language 'de'"),
    "unknown_meter": ("events.yaml", 13, "unknown meter or resource 'trst'; did you mean 'trust'?"),
    "unknown_rule_meter": ("world.yaml", 35, "scenario 'test': unknown meter 'turst'; did you mean 'trust'?"),
    "unknown_role": ("events.yaml", 5, "event 'evening': unknown role 'ministr'; did you mean 'minister'?"),
    "unknown_scenario_role": ("world.yaml", 32, "unknown role 'residnt'; did you mean 'resident'?"),
    "unknown_private_role": ("events.yaml", 7, "unknown role 'residents'; did you mean 'resident'?"),
    "unknown_event": (
        "events.yaml",
        21,
        "event 'evening': unknown event 'aftermat'; did you mean 'aftermath'?",
    ),
    "unknown_critique": ("events.yaml", 18, "unknown critique 'sidelind'; did you mean 'sidelined'?"),
    "unknown_option_input": ("events.yaml", 11, "role 'resident' has no input 'shar'; did you mean 'share'?"),
    "unknown_honours_role": ("events.yaml", 11, "unknown role 'residents'; did you mean 'resident'?"),
    "duplicate_yaml_key": ("events.yaml", 6, "key 'title' appears twice (first on line 3)"),
    "non_utf8": ("events.yaml", 3, "file is not UTF-8 text; save it as UTF-8"),
    "decider_without_options": ("events.yaml", 8, "an event with a decider needs at least two options"),
    "no_fallback_ending": ("world.yaml", 36, "the last ending ('done') must have no 'when'"),
    "empty_event_inputs": ("events.yaml", 6, "event 'evening': give at least one input"),
    "event_input_bad_weight": ("events.yaml", 8, "in 'trst / 2': unknown name 'trst'; did you mean 'trust'?"),
    "expression_unknown_option": ("events.yaml", 16, "unknown option 'lisen'; did you mean 'listen'?"),
    "content_not_a_mapping": ("world.yaml", 1, "a content file must be a mapping with lists such as events:"),
    "section_not_a_list": ("events.yaml", 1, "'events' must be a list (each item starts with -)"),
    "meter_bounds": ("world.yaml", 5, "meter 'trust': start (140.0) must lie between min and max"),
}

#: A note the validator adds when item problems stop it from checking references; not a defect of its own.
FOLLOW_ON = "references were not checked"


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, list[str], str]:
    status = main(["validate", *map(str, paths), "--lang", "en"])
    out, err = capsys.readouterr()
    return status, [line for line in out.splitlines() if line.strip()], err


def test_every_case_folder_is_in_the_table() -> None:
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    folders.discard("__pycache__")
    assert folders == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_differs_from_the_valid_pack_in_one_file(case: str) -> None:
    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    valid, broken = files(VALID), files(BROKEN / case)
    differing = {name for name in valid.keys() | broken.keys() if valid.get(name) != broken.get(name)}
    assert len(differing) == 1, differing
    assert differing == {CASES[case][0]}


def test_the_valid_pack_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = _validate(capsys, VALID)
    assert status == 0
    assert lines == []
    assert "0 errors" in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_pack_gives_its_line_and_exit_status_1(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    file, line, fragment = CASES[case]
    pack = BROKEN / case
    status, lines, err = _validate(capsys, pack)
    assert status == 1
    assert "Traceback" not in "\n".join(lines) + err
    where = f"{pack / file}:{line}: " if line else f"{pack / file}: "
    problems = [text for text in lines if FOLLOW_ON not in text]
    # One defect, one problem: no cascade of follow-on errors.
    assert len(problems) == 1, lines
    assert problems[0].startswith(where), problems[0]
    assert fragment in problems[0]
    assert "problems found" in err


def test_duplicate_id_names_both_files(capsys: pytest.CaptureFixture[str]) -> None:
    pack = BROKEN / "duplicate_id"
    _, lines, _ = _validate(capsys, pack)
    assert any(
        str(pack / "more_events.yaml") in line and f"{pack / 'events.yaml'}:2" in line for line in lines
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_load_pack_reports_instead_of_raising(case: str) -> None:
    result = load_pack(BROKEN / case)
    assert not result.ok
    assert result.pack is None
    assert result.errors
    with pytest.raises(ContentError) as caught:
        load_pack_or_raise(BROKEN / case)
    assert CASES[case][2] in str(caught.value)


def test_pack_path_is_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "pack_is_a_file.yaml"
    status, lines, _ = _validate(capsys, path)
    assert status == 1
    assert lines == [f"{path}: expected a pack folder, found a file"]


def test_pack_path_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere"
    status, lines, _ = _validate(capsys, path)
    assert status == 1
    assert lines == [f"{path}: pack folder not found"]


def test_every_problem_is_printed_not_only_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "two"
    shutil.copytree(VALID, pack)
    events = pack / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("effects: {change: {trust: 3}", "effects: {change: {trst: 3}")
    text = text.replace("{event: aftermath, after: 1}", "{event: aftermat, after: 1}")
    text = text.replace("critique: sidelined", "critique: sidelind")
    events.write_text(text, encoding="utf-8")
    status, lines, err = _validate(capsys, pack)
    assert status == 1
    assert len(lines) == 3, lines
    assert [line.split(": ")[0] for line in lines] == [f"{events}:13", f"{events}:18", f"{events}:21"]
    assert "3 errors" in err


def test_problems_in_several_files_and_packs_are_all_printed(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = _validate(capsys, BROKEN / "unknown_key", BROKEN / "non_utf8", MINI)
    assert status == 1
    assert any("decidr" in line for line in lines)
    assert any("not UTF-8" in line for line in lines)
    assert "3 packs" in err


def test_mini_pack_validates(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = _validate(capsys, MINI)
    assert status == 0, lines
    assert lines == []
    assert "1 pack: 0 errors" in err


def test_shipped_content_validates(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = _validate(capsys, ROOT / "content")
    errors = [line for line in lines if "warning:" not in line]
    assert status == 0, errors
    assert errors == []


def test_loaded_pack_has_everything_and_plays(mini_pack) -> None:
    assert mini_pack.id == "mini"
    assert mini_pack.languages == ["nl", "en"]
    assert set(mini_pack.meters) == {"trust", "livability", "turnout"}
    assert set(mini_pack.roles) == {"minister", "resident"}
    assert set(mini_pack.events) == {"evening", "aftermath", "budget", "elections"}
    assert mini_pack.resource_owner == {"budget": "minister", "energy": "resident"}
    assert mini_pack.digest
    game = Game.new(mini_pack, seed=1)
    game.play_computer(until_human=False)
    assert game.over


def test_digest_changes_with_the_content(tmp_path: Path) -> None:
    pack = tmp_path / "copy"
    shutil.copytree(VALID, pack)
    before = load_pack(pack).pack
    assert before is not None
    assert load_pack(pack).pack.digest == before.digest  # type: ignore[union-attr]
    events = pack / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("trust: 3}", "trust: 4}"), encoding="utf-8")
    after = load_pack(pack).pack
    assert after is not None
    assert after.digest != before.digest


def test_problem_lines_are_file_line_item_message() -> None:
    result = load_pack(BROKEN / "unknown_meter")
    (problem,) = result.errors
    assert problem.file.endswith("events.yaml")
    assert problem.line == 13
    assert problem.item == "event 'evening'"
    assert str(problem) == f"{problem.file}:13: event 'evening': {problem.message}"


def test_a_misspelt_key_inside_an_optional_part_gets_a_suggestion(tmp_path: Path) -> None:
    """A role's resource may be left out (an optional model): a typo inside it is still matched."""
    import shutil

    pack = tmp_path / "mini"
    shutil.copytree(Path(__file__).resolve().parent / "packs" / "mini", pack)
    world = pack / "world.yaml"
    source = world.read_text(encoding="utf-8")
    assert source.count("max: 20, refresh: 5}") == 1
    world.write_text(source.replace("max: 20, refresh: 5}", "max: 20, refrsh: 5}"), encoding="utf-8")
    with pytest.raises(ContentError, match="unknown key 'refrsh'; did you mean 'refresh'"):
        load_pack_or_raise(pack)
