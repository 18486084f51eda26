"""The class comparison: groups on one session code (where they split, how far they drifted), groups on
different codes, and bad saves named and skipped."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from game.classroom.session import game_code
from game.cli import main
from game.engine import Game
from game.files.saves import SaveStore
from game.reports.compare import build_comparison, render_comparison


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


def test_groups_on_one_session_code(mini_pack):
    a, b = played(mini_pack, 3, "honour"), played(mini_pack, 3, "ignore")
    assert game_code(a) == game_code(b)
    split_round = first_split(a, b)
    assert split_round is not None

    comparison = build_comparison([("groep-1", a), ("groep-2", b)], "en")
    [code] = comparison.splits
    assert code == game_code(a)
    [split] = comparison.splits[code]
    assert (split.a, split.b, split.round) == ("groep-1", "groep-2", split_round)
    assert split.choice_a != split.choice_b
    # The largest gap from the split on, checked against the meters themselves.
    gaps = [
        (abs(a.meter_series(m)[n] - b.meter_series(m)[n]), n)
        for m in ("trust", "livability", "turnout")
        for n in range(split_round, len(a.state.round_log) + 1)
    ]
    assert split.max_gap is not None and split.max_gap[0] == pytest.approx(max(g for g, _ in gaps))
    end = len(a.state.round_log)
    assert split.final_gap["Trust"] == pytest.approx(
        abs(a.meter_series("trust")[end] - b.meter_series("trust")[end])
    )

    md = render_comparison(comparison, "md")
    assert "groep-1 and groep-2" in md and f"Their choices split in year {split_round}" in md
    assert "No groups played on the same session code" not in md


def test_groups_that_chose_the_same(mini_pack):
    a, b = played(mini_pack, 3), played(mini_pack, 3)
    [split] = build_comparison([("a", a), ("b", b)], "en").splits[game_code(a)]
    assert split.round is None and split.max_gap is None
    assert all(gap == 0 for gap in split.final_gap.values())
    assert "none (same choices)" in render_comparison(build_comparison([("a", a), ("b", b)], "en"), "md")


def test_groups_on_different_codes(mini_pack):
    a, b = played(mini_pack, 3), played(mini_pack, 8)
    comparison = build_comparison([("groep-1", a), ("groep-2", b)], "nl")
    assert comparison.splits == {}
    md = render_comparison(comparison, "md")
    assert "Geen groepen speelden met dezelfde sessiecode." in md
    assert game_code(a) in md and game_code(b) in md


def test_the_groups_table(mini_pack):
    games = [("groep-1", played(mini_pack, 3, "honour")), ("groep-2", played(mini_pack, 3, "ignore"))]
    comparison = build_comparison(games, "nl")
    rows = list(csv.reader(io.StringIO(render_comparison(comparison, "csv"))))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == ["groep-1", "groep-2"]
    col = {name: n for n, name in enumerate(header)}
    for row, (_, game) in zip(body, games, strict=True):
        assert float(row[col["Vertrouwen"]]) == pytest.approx(game.state.meters["trust"])
        assert int(row[col["Inbreng gehonoreerd"]]) == sum(len(e.honoured) for e in game.state.history)
        assert int(row[col["Inbreng genegeerd"]]) == sum(len(e.ignored) for e in game.state.history)
    endings = [g.ending() for _, g in games]
    assert [r[col["Afloop"]] for r in body] == [e.title["nl"] for e in endings]  # type: ignore[union-attr]


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
    assert "groep-1 and groep-2" in text
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
