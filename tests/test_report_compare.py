"""The class comparison: saves folded into one group per session, the class summary, where groups on one
session code split (growing with the class, not its square), groups on different codes, CSV for a Dutch
spreadsheet, goldens, and bad saves named and skipped."""

from __future__ import annotations

import csv
import io
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.classroom.session import game_code
from game.cli import main
from game.engine import Game
from game.files.saves import SaveStore
from game.i18n import fmt_num
from game.reports.compare import build_comparison, meter_rows, render_comparison
from game.reports.compare import endings as endings_of


def played(pack, seed: int, strategy: str | None = None, **players: str) -> Game:
    game = Game.new(pack, seed=seed, players=players or {"minister": "Ahmed"})
    game.play_computer(strategy, until_human=False)
    return game


@pytest.fixture
def saves(tmp_path, monkeypatch, mini_pack):
    import game.cli.compare

    folder = tmp_path / "saves"
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(folder))
    monkeypatch.setattr(game.cli.compare, "load_content", lambda args: mini_pack)
    return SaveStore(folder)


def first_split(a: Game, b: Game) -> int | None:
    for ra, rb in zip(a.state.history, b.state.history, strict=False):
        if (ra.event, ra.inputs, ra.decision) != (rb.event, rb.inputs, rb.decision):
            return ra.round
    return None


def halfway(pack, seed: int, strategy: str | None = None) -> Game:
    """A game of the same session as ``played(pack, seed, strategy)``, saved two decisions in."""
    full = played(pack, seed, strategy)
    game = Game.new(pack, seed=seed, players={"minister": "Ahmed"})
    for choice in full.state.choices[:2]:
        game.choose(choice)
    assert full.state.choices[:2] == game.state.choices
    return game


def test_groups_on_one_session_code(mini_pack):
    a, b = played(mini_pack, 3, "honour"), played(mini_pack, 3, "ignore")
    assert game_code(a) == game_code(b)
    split_round = first_split(a, b)
    assert split_round is not None

    comparison = build_comparison([("groep-1", a), ("groep-2", b)], "en")
    [line] = comparison.codes
    assert line.code == game_code(a) and line.groups == ["groep-1", "groep-2"]
    [fork] = line.forks
    assert fork.round == split_round
    assert [branch.groups for branch in fork.branches] == [["groep-1"], ["groep-2"]]
    assert fork.branches[0].choice != fork.branches[1].choice

    md = render_comparison(comparison, "md")
    assert f"Year {split_round}, {fork.event}: " in md
    assert "No groups played on the same session code" not in md


def test_an_autosave_and_the_named_saves_of_one_session_are_one_group(mini_pack):
    full = played(mini_pack, 3, "honour")
    other = played(mini_pack, 3, "ignore")
    games = [
        ("auto-test-3-20261204-174313", full),
        ("groep-1", halfway(mini_pack, 3, "honour")),
        ("auto-test-3-20261204-174400", other),
        ("auto-test-8-20261204-174500", played(mini_pack, 8)),
    ]
    comparison = build_comparison(games, "en")
    # The named save names its session; a group that never saved by hand is named by its players.
    assert [g.name for g in comparison.groups] == ["groep-1", "Ahmed", "Ahmed"]
    first = comparison.groups[0]
    assert first.files == ["auto-test-3-20261204-174313", "groep-1"]
    assert first.game is full  # the latest state
    assert first.report.rounds_played == len(full.state.round_log)
    md = render_comparison(comparison, "md")
    assert "3 groups from 4 saved games" in md and "auto-test" not in md


def test_saves_of_other_players_or_another_path_stay_apart(mini_pack):
    a = played(mini_pack, 3, "honour")
    sanne = played(mini_pack, 3, "honour", minister="Sanne")
    ahead = halfway(mini_pack, 3, "ignore")
    groups = build_comparison([("a", a), ("b", sanne), ("c", ahead)], "en").groups
    assert [g.name for g in groups] == ["a", "b", "c"]


def test_anonymous_groups_without_a_named_save_are_numbered(mini_pack):
    games = [("auto-1", played(mini_pack, 3, "honour")), ("auto-2", played(mini_pack, 8))]
    groups = build_comparison(games, "nl", anonymous=True).groups
    assert [g.name for g in groups] == ["Groep 1", "Groep 2"]


def test_groups_that_chose_the_same(mini_pack):
    a, b = played(mini_pack, 3), played(mini_pack, 3, minister="Sanne")
    comparison = build_comparison([("a", a), ("b", b)], "en")
    [line] = comparison.codes
    assert line.forks == []
    assert "They made the same choices from start to end." in render_comparison(comparison, "md")


def test_thirty_groups_stay_on_one_page(mini_pack):
    """Forks grow with the class, not with its square: at most one fewer than the groups on a code."""
    games = [
        (
            f"groep-{n}",
            played(mini_pack, 3 + 5 * (n % 3), ("honour", "ignore", None)[n % 4 % 3], minister=f"M{n}"),
        )
        for n in range(30)
    ]
    comparison = build_comparison(games, "nl")
    assert len(comparison.groups) == 30
    for line in comparison.codes:
        assert len(line.forks) <= len(line.groups) - 1
        # every group of the code sits in one branch of the first fork
        if line.forks:
            assert sorted(g for b in line.forks[0].branches for g in b.groups) == sorted(line.groups)
    md = render_comparison(comparison, "md")
    assert md.count("\n| groep-") == 30  # one row per group in the groups table
    assert len(md.splitlines()) < 120


def test_the_class_summary(mini_pack):
    honour = [played(mini_pack, 3, "honour", minister=name) for name in ("Ahmed", "Sanne")]
    ignore = played(mini_pack, 3, "ignore")
    games = [("g1", honour[0]), ("g2", ignore), ("g3", played(mini_pack, 8)), ("g4", honour[1])]
    comparison = build_comparison(games, "en")
    endings = dict(endings_of(comparison))
    assert sum(endings.values()) == 4
    assert endings[honour[0].ending().title["en"]] >= 2  # type: ignore[union-attr]
    header, rows = meter_rows(comparison)
    trust = next(row for row in rows if row[0] == "Trust")
    finals = sorted(g.state.meters["trust"] for _, g in games)
    assert trust[1].startswith(fmt_num(finals[0], "en")) and trust[3].startswith(fmt_num(finals[-1], "en"))
    # the first dilemma: the honouring groups and the ignoring one chose differently
    first = comparison.dilemmas[0]
    assert first.total >= 4 and len(first.choices) == 2
    assert first.choices[0][1] >= first.choices[1][1]
    md = render_comparison(comparison, "md")
    assert md.index("The class at a glance") < md.index("All groups") < md.index("same session code")


def test_groups_on_different_codes(mini_pack):
    a, b = played(mini_pack, 3), played(mini_pack, 8)
    comparison = build_comparison([("groep-1", a), ("groep-2", b)], "nl")
    assert comparison.codes == []
    md = render_comparison(comparison, "md")
    assert "Geen groepen speelden met dezelfde sessiecode." in md
    assert game_code(a) in md and game_code(b) in md


def test_the_groups_table_as_csv_for_a_dutch_spreadsheet(mini_pack):
    games = [("groep-1", played(mini_pack, 3, "honour")), ("=HYPERLINK(1)", played(mini_pack, 3, "ignore"))]
    comparison = build_comparison(games, "nl")
    rows = list(csv.reader(io.StringIO(render_comparison(comparison, "csv")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == ["groep-1", "'=HYPERLINK(1)"]
    col = {name: n for n, name in enumerate(header)}
    for row, (_, game) in zip(body, games, strict=True):
        shown = float(row[col["Opkomst"]].replace(",", "."))
        assert shown == pytest.approx(game.state.meters["turnout"], abs=0.05)
        assert int(row[col["Inbreng gehonoreerd"]]) == sum(len(e.honoured) for e in game.state.history)
        assert int(row[col["Inbreng genegeerd"]]) == sum(len(e.ignored) for e in game.state.history)
    endings = [g.ending() for _, g in games]
    assert [r[col["Afloop"]] for r in body] == [e.title["nl"] for e in endings]  # type: ignore[union-attr]
    english = render_comparison(build_comparison(games, "en"), "csv")
    assert list(csv.reader(io.StringIO(english)))[0][0] == "Group"


def test_anonymous_comparison(mini_pack):
    game = played(mini_pack, 3, minister="Ahmed", resident="Sanne")
    for fmt in ("md", "html", "csv"):
        text = render_comparison(build_comparison([("g", game)], "en", anonymous=True), fmt)
        assert "Ahmed" not in text and "Sanne" not in text


def test_html_comparison_parses(mini_pack):
    comparison = build_comparison(
        [("a", played(mini_pack, 3, "honour")), ("b", played(mini_pack, 3, "ignore"))],
        "nl",
        unreadable=[("kapot.json", "not valid JSON")],
    )
    text = render_comparison(comparison, "html")
    parser = HTMLParser()
    parser.feed(text)
    parser.close()
    assert "<script" not in text and "http" not in text and "kapot.json" in text


def test_compare_command_names_a_bad_save_and_goes_on(mini_pack, saves, tmp_path, capsys):
    saves.save(played(mini_pack, 3, "honour"), "groep-1")
    saves.save(played(mini_pack, 3, "ignore"), "groep-2")
    (saves.root / "groep-3.json").write_text('{"save": "wijkberaad-save", "format": 2', encoding="utf-8")
    out = tmp_path / "klas.md"
    missing = tmp_path / "groep-4.json"
    code = main(["compare", str(saves.root), str(missing), "-o", str(out), "--lang", "en"])
    assert code == 0
    err = capsys.readouterr().err
    assert "groep-3.json" in err and "cut off" in err
    assert "groep-4.json" in err
    text = out.read_text(encoding="utf-8")
    assert "groep-1" in text and "groep-2" in text
    assert "Not read" in text and "groep-3.json" in text
    assert "groep-1" in text and "groep-2" in text
    assert "The file is unreadable" in text  # the reason, worded for the class


def test_compare_gives_the_reason_a_save_was_not_read_in_the_reports_language(mini_pack, saves, tmp_path):
    saves.save(played(mini_pack, 3, "honour"), "groep-1")
    (saves.root / "groep-2.json").write_text("{", encoding="utf-8")
    out = tmp_path / "klas.md"
    assert main(["compare", str(saves.root), "-o", str(out), "--lang", "nl"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Niet gelezen" in text and "Het bestand is onleesbaar" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["The file is unreadable", "file not found", "; skipped", "none of the saves could be read"]),
        ("nl", ["Het bestand is onleesbaar", "niet gevonden", "; overgeslagen", "geen van de saves"]),
    ],
)
def test_compare_command_fails_only_when_nothing_could_be_read_and_says_why_in_its_language(
    saves, tmp_path, capsys, monkeypatch, lang, words
):
    monkeypatch.delenv("WIJKBERAAD_LANG", raising=False)
    bad = tmp_path / "kapot.json"
    bad.write_text("nonsense", encoding="utf-8")
    argv = ["compare", str(bad), str(tmp_path / "weg.json")]
    assert main([*argv, "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert "kapot.json" in err and "weg.json" in err
    for word in words:
        assert word in err, err
    other = "skipped" if lang == "nl" else "overgeslagen"
    assert other not in err
    # Without --lang, $WIJKBERAAD_LANG decides, as for the other commands.
    monkeypatch.setenv("WIJKBERAAD_LANG", lang)
    assert main(argv) == 1
    assert words[-1] in capsys.readouterr().err


def test_compare_command_formats(mini_pack, saves, tmp_path):
    saves.save(played(mini_pack, 3), "groep-1")
    saves.save(played(mini_pack, 8), "groep-2")
    for suffix in ("html", "csv", "md"):
        out = tmp_path / f"klas.{suffix}"
        assert main(["compare", "groep-1", "groep-2", "-o", str(out)]) == 0
        assert out.stat().st_size > 100
    assert (tmp_path / "klas.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


GOLDEN = Path(__file__).resolve().parent / "golden" / "compare"


def golden_class(pack) -> list[tuple[str, Game]]:
    """A fixed class: three groups on one code (one saved by hand halfway, one only autosaved), one apart."""
    return [
        ("groep-1", halfway(pack, 3, "honour")),
        ("auto-test-3-20261204-101500", played(pack, 3, "honour")),
        ("auto-test-3-20261204-101501", played(pack, 3, "ignore", minister="Sanne", resident="Bo")),
        ("groep-3", played(pack, 3, "honour", minister="Noor")),
        ("groep-4", played(pack, 8, minister="Daan")),
    ]


@pytest.mark.parametrize(("lang", "fmt"), [("nl", "md"), ("nl", "csv"), ("en", "html")])
def test_comparison_matches_golden_file(mini_pack, lang, fmt):
    text = render_comparison(build_comparison(golden_class(mini_pack), lang), fmt)
    path = GOLDEN / f"klas.{lang}.{fmt}"
    if os.environ.get("WIJKBERAAD_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file {path}: run with WIJKBERAAD_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"the comparison differs from {path.name}"
