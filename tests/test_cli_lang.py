"""The commands saves, validate, simulate, new-pack and schema speak Dutch or English.

Each follows ``--lang``, else ``$WIJKBERAAD_LANG``, else Dutch, as play, report and compare do. What is
for tools stays as it is: ``--json``, the schema files, the paths on stdout and the loader's problems.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
BROKEN = TESTS / "fixtures" / "broken" / "unknown_key"


@dataclass(frozen=True)
class Said:
    """A command line to run in a prepared folder, and a phrase each language's output must hold."""

    argv: Callable[[Path], list[str]]
    nl: str
    en: str
    #: the exit status the command ends with
    status: int = 0


def _saves_folder(tmp: Path, mini_pack) -> Path:  # noqa: ANN001 - a Pack
    """A saves folder with one finished game of the mini pack and one file cut off mid-way."""
    from game.engine import Game
    from game.files.saves import SaveStore

    folder = tmp / "saves"
    game = Game.new(mini_pack, seed=3, players={"minister": "Ahmed"})
    game.play_computer(until_human=False)
    SaveStore(folder).save(game, "groep-1")
    (folder / "oud.json").write_text('{"save": "wijkberaad-save", "format": 2', encoding="utf-8")
    return folder


SIMULATE = ["simulate", str(MINI), "--runs", "2", "--workers", "1", "--strategy", "honour"]

CASES: dict[str, Said] = {
    "saves": Said(
        lambda tmp: ["saves", "--saves-dir", str(tmp / "saves")], "opgeslagen spellen", "2 saves in"
    ),
    "saves-table": Said(lambda tmp: ["saves", "--saves-dir", str(tmp / "saves")], "spelers", "players"),
    "saves-unreadable": Said(
        lambda tmp: ["saves", "--saves-dir", str(tmp / "saves")], "onleesbaar", "unreadable"
    ),
    "saves-empty": Said(
        lambda tmp: ["saves", "--saves-dir", str(tmp / "nothing")], "geen opgeslagen spellen", "no saves in"
    ),
    "validate": Said(lambda tmp: ["validate", str(MINI)], "geen fouten gevonden", "0 errors, 0 warnings: ok"),
    "validate-broken": Said(
        lambda tmp: ["validate", str(BROKEN)],
        "0 waarschuwingen: problemen gevonden",
        "problems found",
        1,
    ),
    "simulate": Said(lambda tmp: SIMULATE, "Afloop (aandeel van de spellen)", "Endings (share of games)"),
    "simulate-scenario": Said(
        lambda tmp: [*SIMULATE, "--scenario", "nope"], "geen scenario 'nope'", "no scenario 'nope'", 2
    ),
    "simulate-variant": Said(
        lambda tmp: [*SIMULATE, "--variant", "nope"], "heeft geen variant 'nope'", "has no variant 'nope'", 2
    ),
    "new-pack": Said(
        lambda tmp: ["new-pack", "mijn-wijk", "--dir", str(tmp)],
        "Het nieuwe pakket staat in",
        "A new pack is in",
    ),
    "new-pack-exists": Said(
        lambda tmp: ["new-pack", "saves", "--dir", str(tmp)], "bestaat al", "already exists", 2
    ),
    "new-pack-bad-name": Said(
        lambda tmp: ["new-pack", "9lives", "--dir", str(tmp)],
        "kan geen naam van een pakket zijn",
        "not a safe pack name",
        2,
    ),
    "schema": Said(
        lambda tmp: ["schema", "-o", str(tmp / "s")],
        "2 schemabestanden geschreven",
        "2 schema files written",
    ),
    "schema-onto-a-file": Said(
        lambda tmp: ["schema", "-o", str(tmp / "saves" / "oud.json")],
        "is een bestand; geef een map",
        "is a file; give a folder",
        2,
    ),
}


@pytest.mark.parametrize("lang", ["nl", "en", None], ids=["nl", "en", "default"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_command_speaks_the_language_asked_for(case, lang, tmp_path, capsys, monkeypatch, mini_pack) -> None:
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    _saves_folder(tmp_path, mini_pack)
    said = CASES[case]
    argv = said.argv(tmp_path) + (["--lang", lang] if lang else [])
    assert main(argv) == said.status
    out = capsys.readouterr()
    text = out.out + out.err
    expected, other = (said.en, said.nl) if lang == "en" else (said.nl, said.en)  # no --lang: Dutch
    assert expected in text, text
    assert other not in text, text


@pytest.mark.parametrize("command", ["saves", "validate", "simulate", "new-pack", "schema"])
def test_the_environment_picks_the_language_and_lang_beats_it(
    command, tmp_path, capsys, monkeypatch, mini_pack
) -> None:
    _saves_folder(tmp_path, mini_pack)
    said = CASES[command]
    for env, extra, expected in [("en", [], said.en), ("nl", [], said.nl), ("en", ["--lang", "nl"], said.nl)]:
        monkeypatch.setenv("WIJKBERAAD_LANG", env)
        shutil.rmtree(tmp_path / "mijn-wijk", ignore_errors=True)  # new-pack makes it each time
        assert main([*said.argv(tmp_path), *extra]) == 0
        out = capsys.readouterr()
        assert expected in out.out + out.err, (env, extra, out)


def test_dutch_balance_report_has_decimal_commas_and_dutch_words(capsys, monkeypatch) -> None:
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    assert main(SIMULATE) == 0
    nl = capsys.readouterr().out
    assert main([*SIMULATE, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    for phrase in (
        "spellen per strategie",
        "Eindstand van de meters",
        "Speelduur",
        "nooit getrokken",
        "alle",
    ):
        assert phrase in nl
    score_nl = next(line for line in nl.splitlines() if "score (0 tot 1)" in line)
    score_en = next(line for line in en.splitlines() if "score (0..1)" in line)
    assert re.search(r"\d,\d\d", score_nl) and not re.search(r"\d\.\d", score_nl), score_nl
    assert re.search(r"\d\.\d\d", score_en) and not re.search(r"\d,\d", score_en), score_en


def test_json_output_is_the_same_in_both_languages(capsys) -> None:
    outputs = []
    for lang in ("nl", "en"):
        assert main([*SIMULATE, "--json", "--lang", lang]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["strategies"] == ["honour"]


def test_schema_files_and_stdout_paths_do_not_depend_on_the_language(tmp_path, capsys) -> None:
    for lang in ("nl", "en"):
        assert main(["schema", "-o", str(tmp_path / lang), "--lang", lang]) == 0
    out = capsys.readouterr().out.split()
    assert [Path(p).name for p in out] == ["pack.schema.json", "content.schema.json"] * 2
    for name in ("pack.schema.json", "content.schema.json"):
        assert (tmp_path / "nl" / name).read_bytes() == (tmp_path / "en" / name).read_bytes()


def test_new_pack_writes_the_same_files_in_both_languages(tmp_path, capsys) -> None:
    for lang in ("nl", "en"):
        assert main(["new-pack", "wijk", "--dir", str(tmp_path / lang), "--lang", lang]) == 0
        assert capsys.readouterr().out.strip() == str(tmp_path / lang / "wijk")  # the folder, for scripts
    for path in (tmp_path / "nl" / "wijk").rglob("*"):
        if path.is_file():
            twin = tmp_path / "en" / "wijk" / path.relative_to(tmp_path / "nl" / "wijk")
            assert path.read_bytes() == twin.read_bytes(), path


def test_progress_bar_counts_games_in_the_language() -> None:
    from game.cli.simulate import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for lang, word in (("nl", "3/6 spellen"), ("en", "3/6 games")):
        term = Terminal()
        ProgressBar(term, lang=lang)(3, 6)
        assert word in term.getvalue()


def test_dominance_notes_are_worded_in_dutch(mini_pack) -> None:
    """The notes the report makes (in English, for the JSON) read in Dutch in the Dutch text report."""
    from game.authoring.balance import GameResult, _report, format_report

    scenario = next(iter(mini_pack.scenarios))
    sc = mini_pack.scenarios[scenario]
    ending = sc.endings[-1].id

    def games(strategy: str, best: bool) -> list[GameResult]:
        meters = {m.id: (m.max if m.higher_is_better == best else m.min) for m in mini_pack.meters.values()}
        return [GameResult(strategy, i, ending, meters, sc.rounds, (), ()) for i in range(4)]

    report = _report(
        mini_pack,
        scenario,
        None,
        sc.rounds,
        4,
        0,
        ["honour", "ignore"],
        {"honour": games("honour", True), "ignore": games("ignore", False)},
    )
    assert any("scores far above" in note for note in report["dominance"])
    assert any("reaches ending" in note for note in report["dominance"])
    nl = format_report(report, lang="nl")
    en = format_report(report, lang="en")
    assert "Dominantie:" in nl and "Dominance:" in en
    assert "strategy '" not in nl, nl
    assert f"strategie 'honour' bereikt afloop '{ending}' in 100% van de spellen" in nl, nl
    assert "strategie 'honour' scoort ver boven de andere (1,00 tegen 0,00)" in nl, nl
    assert "strategie 'honour' doet het op elke meter en elk doel van een rol minstens zo goed" in nl, nl
    assert "strategie 'ignore' doet het" not in nl
    for note in report["dominance"]:
        assert f"  - {note}" in en


# -- why a save cannot be read, in the command's language ---------------------------------------------
#: Save files that cannot be loaded, with the reason each gives: in Dutch, and in English as it always was.
UNREADABLE = {
    "oud.json": (
        '{"save": "wijkberaad-save", "format": 2',
        "het bestand is afgebroken (onvolledige JSON)",
        "the file is cut off (truncated JSON)",
    ),
    "mijn save.json": (
        '{"save": "wijkberaad-save", "format": 2}',
        "‘mijn save’ kan geen naam van een save zijn: gebruik letters a–z, cijfers, ‘-’ en ‘_’, en begin met "
        "een letter of cijfer; hernoem het bestand om het te laden",
        "'mijn save' is not a save name: use letters a–z, digits, '-' and '_', starting with a letter or "
        "digit; rename the file to load it",
    ),
    "toekomst.json": (
        '{"save": "wijkberaad-save", "format": 5, "min_reader": 5}',
        "deze save heeft opslagformaat 5 nodig; deze versie van Wijkberaad leest de formaten 1–3: werk "
        "Wijkberaad bij om de save te laden",
        "this save needs save format 5; this version of Wijkberaad reads formats 1–3: update Wijkberaad to "
        "load it",
    ),
}


#: Words the Dutch reasons share with the English ones and that are Dutch as well (or a file's name).
SAME_IN_DUTCH = {"is", "in", "a", "z", "letter", "letters", "save", "wijkberaad", "json", "mijn"}


def _unreadable_folder(tmp: Path, mini_pack) -> Path:  # noqa: ANN001 - a Pack
    folder = _saves_folder(tmp, mini_pack)
    for name, (content, _, _) in UNREADABLE.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_saves_says_why_a_file_cannot_be_read_in_dutch_by_default(tmp_path, capsys, monkeypatch, mini_pack):
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    folder = _unreadable_folder(tmp_path, mini_pack)
    assert main(["saves", "--saves-dir", str(folder)]) == 0
    rows = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    for name, (_, nl, en) in UNREADABLE.items():
        row = rows[name.removesuffix(".json")]
        assert row.endswith(f"onleesbaar: {nl}"), row
        # None of the English words of the old message is left.
        english = set(re.findall(r"[a-z]+", en.lower())) - SAME_IN_DUTCH
        assert not english & set(re.findall(r"[a-z]+", row.lower())), row
    # oud.json is truncated, as in the example in docs/saves.md.
    assert rows["oud"].endswith("onleesbaar: het bestand is afgebroken (onvolledige JSON)")


def test_saves_in_english_says_why_as_it_always_did(tmp_path, capsys, monkeypatch, mini_pack):
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    folder = _unreadable_folder(tmp_path, mini_pack)
    assert main(["saves", "--saves-dir", str(folder), "--lang", "en"]) == 0
    rows = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    for name, (_, _, en) in UNREADABLE.items():
        assert rows[name.removesuffix(".json")].endswith(f"unreadable: {en}")


def test_saves_check_words_a_save_of_other_content_and_a_changed_content_in_dutch(
    tmp_path, capsys, monkeypatch, mini_pack
):
    from game.engine import Game
    from game.files.packs import load_game_content
    from game.files.saves import SaveStore

    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    folder = _saves_folder(tmp_path, mini_pack)  # groep-1 is a game of the mini pack, not the shipped one
    base = load_game_content([])
    SaveStore(folder).save(Game.new(base, seed=1), "groep-2")
    path = folder / "groep-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pack"]["version"] = "0.1"
    path.write_text(json.dumps(data), encoding="utf-8")
    version = base.manifest.version
    for lang, other, changed in [
        (
            None,
            "onleesbaar: deze save is gespeeld met inhoudspakket ‘mini’, niet met ‘base’",
            f"ok, maar de inhoud is veranderd sinds deze save (pakketversie 0.1 → {version})",
        ),
        (
            "en",
            "unreadable: this save was played with content pack 'mini', not 'base'",
            f"ok, but the content changed since this save (pack version 0.1 → {version})",
        ),
    ]:
        assert (
            main(["saves", "--saves-dir", str(folder), "--check", *(["--lang", lang] if lang else [])]) == 0
        )
        rows = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
        assert rows["groep-1"].endswith(other), rows
        assert rows["groep-2"].endswith(changed), rows


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        (None, "Het bestand is onleesbaar: het bestand is afgebroken (onvolledige JSON)"),
        ("en", "The file is unreadable: the file is cut off (truncated JSON)"),
    ],
)
def test_report_says_why_a_save_cannot_be_read_in_its_language(
    tmp_path, capsys, monkeypatch, mini_pack, lang, reason
):
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    folder = _saves_folder(tmp_path, mini_pack)
    argv = [
        "report",
        str(folder / "oud.json"),
        "--saves-dir",
        str(folder),
        *(["--lang", lang] if lang else []),
    ]
    assert main(argv) != 0
    assert reason in capsys.readouterr().err


# -- --help and argument errors ------------------------------------------------------------------------
def _exit_text(capsys, argv: list[str]) -> tuple[int, str]:
    """What argparse prints before it exits (help on stdout, errors on stderr), and the exit status."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out + out.err


HELP_CASES = [
    # argv, phrase in Dutch, phrase in English
    (
        ["--help"],
        "Zonder commando start wijkberaad het spel",
        "Without a command, wijkberaad starts the game",
    ),
    (["--help"], "toon deze hulp en stop", "show this help message and exit"),
    (["play", "--help"], "speel zelf één rol; de computer speelt de andere", "play one role yourself"),
    (["play", "--help"], "opties:", "options:"),
    (["validate", "--help"], "faal ook bij waarschuwingen", "fail on warnings too"),
    (["simulate", "--help"], "spellen per strategie (standaard: 100)", "games per strategy (default: 100)"),
    (["report", "--help"], "noem alleen de rollen", "name the roles only"),
    (["serve", "--help"], "poort om op te luisteren", "port to listen on"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("argv", "nl", "en"), HELP_CASES)
def test_help_speaks_the_language_asked_for(capsys, monkeypatch, argv, nl, en, lang) -> None:
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    status, shown = _exit_text(
        capsys, [*argv, "--lang", lang] if argv[0] != "--help" else [*argv, f"--lang={lang}"]
    )
    assert status == 0
    expected, other = (nl, en) if lang == "nl" else (en, nl)
    assert expected in shown and other not in shown, shown
    assert ("gebruik: wijkberaad" if lang == "nl" else "usage: wijkberaad") in shown


@pytest.mark.parametrize(
    ("argv", "nl", "en"),
    [
        (
            ["play", "--seed", "x"],
            "fout: argument --seed: ongeldige waarde voor int: 'x'",
            "error: argument --seed: invalid int value: 'x'",
        ),
        (
            ["report"],
            "fout: deze argumenten ontbreken: SAVE",
            "error: the following arguments are required: SAVE",
        ),
        (
            ["play", "--theme", "roze"],
            "ongeldige keuze: 'roze' (kies uit",
            "invalid choice: 'roze' (choose from",
        ),
        (["play", "--timer", "twee"], "'twee' is geen aantal minuten", "'twee' is not a number of minutes"),
        (["play", "--timer", "500"], "hoogstens 120 minuten", "at most 120 minutes"),
        (
            ["play", "--role", "a", "--players", "a=B"],
            "niet samen met argument --role",
            "not allowed with argument --role",
        ),
        (["validate", "--bogus"], "onbekende argumenten: --bogus", "unrecognized arguments: --bogus"),
        (["play", "--seed"], "verwacht één waarde", "expected one argument"),
    ],
)
def test_argument_errors_follow_lang_then_the_environment_then_dutch(
    capsys, monkeypatch, argv, nl, en
) -> None:
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    for env, extra, expected, other in [
        (None, [], nl, en),  # nothing asked: Dutch
        ("en", [], en, nl),
        ("en", ["--lang", "nl"], nl, en),
        ("nl", ["--la", "en"], en, nl),  # argparse's abbreviation of --lang counts too
    ]:
        if env:
            monkeypatch.setenv("WIJKBERAAD_LANG", env)
        status, shown = _exit_text(capsys, [argv[0], *extra, *argv[1:]])
        assert status == 2, shown
        assert expected in shown and other not in shown, (env, extra, shown)
        assert ("gebruik:" if expected == nl else "usage:") in shown


def test_every_help_text_has_its_dutch(monkeypatch) -> None:
    """A help added in English only fails here, instead of showing English in the Dutch --help."""
    import argparse

    from game.cli import COMMANDS, build_parser
    from game.cli.words import DUTCH, speaking
    from game.files.paths import user_saves_dir

    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    home = str(user_saves_dir())
    missing = []
    for command in COMMANDS:
        with speaking("en"):
            parser = build_parser(command)
        texts = [parser.description, parser.epilog]
        for action in parser._actions:
            texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts += [a.help for a in action._choices_actions]
                sub = action.choices[command]
                texts += [sub.description, sub.epilog] + [a.help for a in sub._actions]
        known = [t for t in texts if t and t != argparse.SUPPRESS]
        missing += [t for t in known if t not in DUTCH and t.replace(home, "{home}") not in DUTCH]
    assert not missing, sorted(set(missing))


def test_argparse_is_left_as_it_was_after_a_command(capsys) -> None:
    import argparse
    import gettext

    _exit_text(capsys, ["play", "--seed", "x", "--lang", "nl"])
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    with pytest.raises(SystemExit):
        argparse.ArgumentParser(prog="other").parse_args(["--x"])
    assert "usage: other" in capsys.readouterr().err
