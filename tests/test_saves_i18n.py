"""Save errors in Dutch and English: every detail key has both texts, and the errors people meet read
wholly in the language asked for, while ``str(err)`` stays the English message logs rely on."""

from __future__ import annotations

import json
import re
import shutil
import string
from pathlib import Path

import pytest

from game.engine import Game
from game.files import saves
from game.files.loader import load_pack_or_raise
from game.files.saves import Detail, SaveError, SaveStore, check_slot
from game.i18n import STRINGS, save_error_detail, save_error_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"
BAD = FIXTURES / "bad"
DETAIL_KEYS = sorted(k.removeprefix("savedetail.") for k in STRINGS if k.startswith("savedetail."))

#: Values to fill each detail's texts with. A value that is text from elsewhere (a parser's, pydantic's,
#: the system's or the engine's words) is English here on purpose: it stays as it is, quoted, in Dutch.
SAMPLES: dict[str, dict[str, object]] = {
    # hardening (issue 19)
    "folder_is_file": {"folder": "/tmp/saves"},
    "bad_time": {},
    "too_many": {"max": 50},
    "not_regular": {"slot": "fifo"},
    "loop": {"slot": "loop"},
    "no_name": {},
    "path_name": {"slot": "a/b"},
    "too_long": {"slot": "x" * 64, "max": 120},
    "bad_chars": {"slot": "a b"},
    "reserved": {"slot": "con"},
    "no_letters": {"text": "!!"},
    "no_session": {},
    "auto_prefix": {"prefix": "auto-"},
    "rename": {"error": Detail("bad_chars", slot="a b")},
    "exists": {"slot": "groep-3"},
    "missing": {"slot": "groep-3"},
    "folder": {"slot": "groep-3"},
    "cannot_read": {"slot": "groep-3", "error": "Permission denied"},
    "cannot_write": {"slot": "groep-3", "error": "No space left on device"},
    "cannot_list": {"folder": "/tmp/saves", "error": "Permission denied"},
    "too_large": {"mb": 20},
    "empty": {},
    "not_text": {"byte": 47},
    "truncated": {},
    "not_json": {"line": 1, "column": 1, "error": "Expecting value"},
    "too_deep": {},
    "constant": {"name": "NaN"},
    "json_value": {"error": "Exceeds the limit (4300 digits) for integer string conversion"},
    "not_object": {},
    "not_save": {},
    "no_format": {},
    "unknown_field": {"field": "zzz", "format": 1},
    "too_new": {"needs": 5, "oldest": 1, "newest": 2},
    "needs_reader": {"needs": 4},
    "too_old": {"format": 0, "oldest": 1},
    "wrong_shape": {"error": Detail("field_error", where="seed", error="input should be a valid integer")},
    "field_error": {"where": Detail("top_level"), "error": "field required"},
    "field_errors": {"where": "state.meters", "error": "field required", "more": 6},
    "top_level": {},
    "wrong_pack": {"saved": "another-pack", "pack": "base"},
    "content_changed": {"saved": "0.9", "pack": "1.0"},
    "files_changed": {},
    "no_setup": {"error": "unknown scenario 'nope'"},
    "choice_fails": {
        "n": 2,
        "total": 5,
        "choice": "burn_it_down",
        "error": "'burn_it_down' is not a choice now",
    },
    "replay_differs": {"fields": "meters, rng"},
    "state_shape": {"error": Detail("field_errors", where="meters", error="input should be a dict", more=2)},
    "state_misfit": {"type": "KeyError", "error": "'nope'"},
    "header_differs": {"fields": "seed"},
    "unplayable": {"type": "GameError", "error": "no event 'x'"},
    "rebuilt": {},
    "no_replay": {
        "problems": [Detail("choice_fails", n=1, total=1, choice="x", error="gone"), Detail("files_changed")]
    },
    "no_snapshot": {
        "replay": Detail("no_setup", error="unknown scenario 'nope'"),
        "snapshot": Detail("state_misfit", type="KeyError", error="'x'"),
    },
    "file_not_found": {},
    "not_a_file": {},
    "cannot_read_file": {"error": "Permission denied"},
}

#: Words Dutch and English spell alike, which a Dutch text may share with its English one.
SHARED = {
    "a",  # "a–z"
    "z",
    "is",
    "in",
    "letter",
    "letters",
    "object",
    "id",  # "sessie-id"
    "save",
    "saves",
    "autosave",
    "autosaves",
    "json",
    "utf",
    "byte",
    "mb",
    "hash",
    "windows",
    "wijkberaad",
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def words(text: str) -> set[str]:
    """The words of a text, leaving out placeholders and what the Dutch texts quote (‘…’: names, files,
    and text from elsewhere kept as it is)."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"‘[^’]*’", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def value_words(value: object) -> set[str]:
    """The words of a detail's values: data (names, paths, field names, numbers), not its wording."""
    if isinstance(value, Detail):
        return set().union(*(value_words(v) for v in value.values.values()))
    if isinstance(value, list):
        return set().union(*(value_words(v) for v in value))
    return {w.lower() for w in re.findall(r"[A-Za-z]+", str(value))}


def english_left_in(dutch: str, english: str, detail: Detail | None = None) -> set[str]:
    """Words of ``english`` that turn up in ``dutch`` and are neither Dutch too nor one of the values
    ``detail`` was filled in with."""
    return (words(dutch) & words(english)) - SHARED - (value_words(detail) if detail else set())


@pytest.fixture(scope="module")
def pack():
    """The frozen copy of the mini pack the save fixtures were written with."""
    return load_pack_or_raise(FIXTURES / "pack")


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def mid_game(pack) -> Game:
    game = Game.new(pack, seed=3, players={"minister": "Ann"})
    game.play_computer()
    return game


def raised(call) -> SaveError:  # noqa: ANN001 - a callable
    with pytest.raises(SaveError) as err:
        call()
    return err.value


# -- the catalogue ----------------------------------------------------------------------------------
def test_every_detail_key_has_sample_values():
    assert sorted(SAMPLES) == DETAIL_KEYS


def test_every_detail_the_saves_module_raises_is_in_the_catalogue():
    source = Path(saves.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'Detail\(\s*"(\w+)"', source))
    assert used and used <= set(DETAIL_KEYS), sorted(used - set(DETAIL_KEYS))


@pytest.mark.parametrize("key", DETAIL_KEYS)
def test_a_detail_has_both_languages_with_the_same_placeholders(key):
    entry = STRINGS[f"savedetail.{key}"]
    assert set(entry) == {"nl", "en"}, key
    assert entry["nl"].strip() and entry["en"].strip()
    assert placeholders(entry["nl"]) == placeholders(entry["en"]) == set(SAMPLES[key]), key


@pytest.mark.parametrize("key", DETAIL_KEYS)
def test_a_detail_formats_in_both_languages(key):
    detail = Detail(key, **SAMPLES[key])
    nl, en = detail.text("nl"), detail.text("en")
    for said in (nl, en):
        assert said and "{" not in said and "}" not in said and "savedetail." not in said, said
    assert str(detail) == en
    assert nl != en


@pytest.mark.parametrize("key", DETAIL_KEYS)
def test_no_english_is_left_in_a_dutch_detail(key):
    entry = STRINGS[f"savedetail.{key}"]
    assert not english_left_in(entry["nl"], entry["en"]), (key, entry["nl"])
    # Nor once filled in: nested details are worded in Dutch too, text from elsewhere stays quoted.
    detail = Detail(key, **SAMPLES[key])
    assert not english_left_in(detail.text("nl"), detail.text("en"), detail), detail.text("nl")


def test_every_frame_has_both_languages():
    frames = [k for k in STRINGS if k.startswith("saveerr.")]
    assert frames
    for key in frames:
        assert set(STRINGS[key]) == {"nl", "en"} and all(STRINGS[key].values()), key
        assert not english_left_in(STRINGS[key]["nl"], STRINGS[key]["en"]), key


def test_text_from_elsewhere_is_kept_and_quoted_in_dutch():
    err = SaveError(Detail("not_json", line=3, column=7, error="Expecting ',' delimiter"))
    assert err.text("nl") == "geen geldige JSON (regel 3, kolom 7: ‘Expecting ',' delimiter’)"
    assert str(err) == "not valid JSON (line 3, column 7: Expecting ',' delimiter)"


# -- the errors people meet -------------------------------------------------------------------------
def test_a_truncated_file(pack, store):
    store.root.mkdir(parents=True)
    shutil.copyfile(BAD / "truncated.json", store.root / "oud.json")
    err = raised(lambda: store.load("oud", pack))
    old = "the file is cut off (truncated JSON)"
    assert str(err) == err.message == old
    assert err.detail == Detail("truncated")
    assert (
        save_error_text(err, "nl")
        == "Het bestand is onleesbaar: het bestand is afgebroken (onvolledige JSON)"
    )
    assert save_error_text(err, "en") == f"The file is unreadable: {old}"
    assert not english_left_in(save_error_text(err, "nl"), old)


def test_a_bad_name(pack, store):
    err = raised(lambda: store.save(mid_game(pack), "groep 3"))
    old = (
        "'groep 3' is not a save name: use letters a–z, digits, '-' and '_', starting with a letter or digit"
    )
    assert str(err) == old and err.code == "bad_name"
    assert save_error_text(err, "nl") == "Die naam kan niet: gebruik letters, cijfers, - en _."
    assert save_error_text(err, "en") == "That name will not do: use letters, digits, - and _."
    assert save_error_detail(err, "nl") == (
        "‘groep 3’ kan geen naam van een save zijn: gebruik letters a–z, cijfers, ‘-’ en ‘_’, "
        "en begin met een letter of cijfer"
    )
    assert save_error_detail(err, "en") == old
    for said in (save_error_text(err, "nl"), save_error_detail(err, "nl")):
        assert not english_left_in(said, old), said


@pytest.mark.parametrize(
    ("name", "nl"),
    [
        ("", "een save heeft een naam nodig"),
        ("a/b", "‘a/b’ kan geen naam van een save zijn: geen / of \\ en geen ‘..’"),
        ("x" * 121, f"‘{'x' * 64}…’ is te lang als naam van een save (hoogstens 120 tekens)"),
        ("con", "‘con’ is een naam die Windows voor zichzelf houdt; kies een andere"),
    ],
)
def test_every_kind_of_bad_name_is_said_in_dutch(name, nl):
    err = raised(lambda: check_slot(name))
    assert err.text("nl") == nl
    assert err.text("en") == str(err)


def test_an_existing_slot(pack, store):
    game = mid_game(pack)
    store.save(game, "groep-3")
    err = raised(lambda: store.save(game, "groep-3"))
    old = "there is already a save called 'groep-3'"
    assert str(err) == old and err.code == "exists"
    assert save_error_text(err, "nl") == "er is al een save met de naam ‘groep-3’"
    assert save_error_text(err, "en") == old
    assert not english_left_in(save_error_text(err, "nl"), old)


def test_a_too_new_format(pack, store):
    store.root.mkdir(parents=True)
    shutil.copyfile(BAD / "too-new.json", store.root / "toekomst.json")
    err = raised(lambda: store.load("toekomst", pack))
    old = "this save needs save format 5; this version of Wijkberaad reads formats 1–3: update Wijkberaad to load it"
    assert str(err) == old and err.code == "too_new"
    assert save_error_text(err, "nl") == (
        "Deze save komt uit een nieuwere versie van Wijkberaad: deze save heeft opslagformaat 5 nodig; "
        "deze versie van Wijkberaad leest de formaten 1–3: werk Wijkberaad bij om de save te laden"
    )
    assert save_error_text(err, "en") == f"This save comes from a newer Wijkberaad: {old}"
    assert not english_left_in(save_error_text(err, "nl"), old)


def test_a_log_that_does_not_replay_names_the_failing_choice_in_dutch(pack, store):
    store.root.mkdir(parents=True)
    shutil.copyfile(BAD / "log-does-not-replay.json", store.root / "groep.json")
    err = raised(lambda: store.load("groep", pack))
    assert err.code == "no_replay" and err.snapshot is not None
    assert str(err) == (
        "the decision log does not replay: choice 2 of 5 ('burn_it_down') fails: 'burn_it_down' is not a "
        "choice now; you can continue from the saved state instead"
    )
    # The engine's own words stay as they are, quoted.
    assert err.text("nl") == (
        "de besluiten laten zich niet opnieuw afspelen: keuze 2 van 5 (‘burn_it_down’) mislukt: "
        "‘'burn_it_down' is not a choice now’; je kunt wel verder vanaf de bewaarde stand"
    )


@pytest.mark.parametrize("name", sorted(p.stem for p in BAD.glob("*.json")))
def test_every_bad_fixture_reads_in_dutch_and_in_english_as_before(pack, store, name):
    store.root.mkdir(parents=True)
    shutil.copyfile(BAD / f"{name}.json", store.root / f"{name}.json")
    err = raised(lambda: store.load(name, pack))
    assert err.detail is not None
    assert err.text("en") == str(err) == err.message
    assert save_error_text(err, "en").endswith(str(err)) or err.code in ("bad_name", "missing")
    nl = save_error_text(err, "nl")
    assert not english_left_in(nl, str(err), err.detail), nl


def test_an_error_without_a_detail_key_keeps_its_own_message():
    # As game.reports.report raises them, and anything else that reaches a load dialog.
    plain = SaveError("a folder, not a save file", "unreadable")
    assert plain.detail is None and plain.text("nl") == "a folder, not a save file"
    assert save_error_text(plain, "nl") == "Het bestand is onleesbaar: a folder, not a save file"
    assert save_error_text(ValueError("boom"), "nl") == "boom"


# -- what the listing and the replay check hand out -------------------------------------------------
def test_a_listed_file_with_a_bad_name_says_so_in_either_language(store):
    store.root.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "golden" / "format-3.json", store.root / "my save.json")
    (info,) = store.list()
    assert info.reason == (
        "'my save' is not a save name: use letters a–z, digits, '-' and '_', starting with a letter or digit; "
        "rename the file to load it"
    )
    assert info.reason_text("en") == info.reason == str(info.error)
    assert info.reason_text("nl") == (
        "‘my save’ kan geen naam van een save zijn: gebruik letters a–z, cijfers, ‘-’ en ‘_’, en begin met een "
        "letter of cijfer; hernoem het bestand om het te laden"
    )


def test_a_listed_unreadable_file_carries_its_error(pack, store):
    store.root.mkdir(parents=True)
    for name in ("truncated", "other-pack"):
        shutil.copyfile(BAD / f"{name}.json", store.root / f"{name}.json")
    infos = {i.slot: i for i in store.list(pack)}
    assert infos["truncated"].reason_text("nl") == "het bestand is afgebroken (onvolledige JSON)"
    assert (
        infos["other-pack"].reason_text("nl")
        == "deze save is gespeeld met inhoudspakket ‘another-pack’, niet met ‘mini’"
    )
    for info in infos.values():
        assert info.reason_text("en") == info.reason == str(info.error)


def test_a_mismatch_reads_in_either_language(pack, store):
    store.save(mid_game(pack), "groep")
    path = store.root / "groep.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pack"]["version"] = "0.9"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = store.load("groep", pack)
    assert (
        loaded.mismatch == f"the content changed since this save (pack version 0.9 → {pack.manifest.version})"
    )
    assert loaded.mismatch_text("en") == loaded.mismatch
    assert (
        loaded.mismatch_text("nl")
        == f"de inhoud is veranderd sinds deze save (pakketversie 0.9 → {pack.manifest.version})"
    )
    (info,) = store.list(pack)
    assert info.mismatch == loaded.mismatch and info.mismatch_text("nl") == loaded.mismatch_text("nl")


def test_a_clean_load_has_no_mismatch_in_either_language(pack, store):
    store.save(mid_game(pack), "groep")
    loaded = store.load("groep", pack)
    assert (
        loaded.mismatch is None and loaded.mismatch_text("nl") is None and loaded.mismatch_text("en") is None
    )
