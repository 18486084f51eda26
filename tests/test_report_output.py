"""What teachers found in the reports (issue 17): where critiques came up, in the years of their events;
one scale and one rounding everywhere; CSV a Dutch spreadsheet opens as columns, with no formulas; no
HTML passed through Markdown; report files named for the group."""

from __future__ import annotations

import csv
import io
import re

import pytest

from game.cli import main
from game.engine import Game
from game.files.saves import SaveStore
from game.reports.export import write_reports
from game.reports.formats import csv_cell, render
from game.reports.report import build_report


def ignoring(pack, seed: int, **players: str) -> Game:
    game = Game.new(pack, seed=seed, players=players or {"minister": "Ahmed"})
    game.play_computer("ignore", until_human=False)
    return game


@pytest.mark.parametrize("seed", [3, 5, 8])
def test_where_names_the_year_of_the_event_not_of_its_delayed_effect_sorted(mini_pack, seed):
    game = ignoring(mini_pack, seed)
    titles = {e.id: e.title["nl"] for e in mini_pack.events.values()}
    held = {(rec.round, titles[rec.event]) for rec in game.state.history}
    [sidelined] = [c for c in build_report(game, "nl").critiques if c.id == "sidelined"]
    years = []
    for place in sidelined.where:
        found = re.fullmatch(r"Jaar (\d+): (.+)", place)
        assert found, place
        year, title = int(found[1]), found[2]
        assert (year, title) in held, f"{place}: no such event in that year"
        years.append(year)
    assert years == sorted(years) and len(set(sidelined.where)) == len(sidelined.where)


def test_a_hidden_downside_counts_for_the_year_it_was_chosen(mini_pack):
    """Seed 5: 'Doorzetten' in year 2, the hidden downside strikes at the end of year 3."""
    game = ignoring(mini_pack, 5)
    struck = [c for r in game.state.round_log for c in r.changes if c.cause == "hidden"]
    assert [(c.round, c.event) for c in struck] == [(3, "evening")]
    [sidelined] = build_report(game, "nl").critiques
    assert "Jaar 2: Inspraakavond" in sidelined.where
    assert "Jaar 3: Inspraakavond" not in sidelined.where


def test_numbers_are_rounded_the_same_everywhere(mini_pack):
    report = build_report(ignoring(mini_pack, 8), "nl")
    md, page = render(report, "md"), render(report, "html")
    for m in report.meters:
        table = re.search(rf"^\| Jaar {report.rounds_played} \|(.+)\|$", md, re.M)
        assert table
        last_in_table = [cell.strip() for cell in table[1].split("|")][report.meters.index(m)]
        chart = re.search(rf"^{m.name} +\S+  (\S+) → (\S+)$", md, re.M)
        assert chart and chart[2] == last_in_table
        after = re.findall(rf"{m.name} ([\d,]+)", md.split("**Meters daarna:**")[-1])
        assert after[0] == last_in_table
        assert f'<td class="num">{last_in_table}</td></tr>' in page.split(f"<th>{m.name}</th>")[-1]


def test_the_markdown_chart_uses_one_scale_and_says_so(mini_pack):
    md = render(build_report(ignoring(mini_pack, 8), "en"), "md")
    assert "all meters on one scale, from 0 ▁ to 100 ▇" in md
    # Meters near 50 on a 0-100 scale sit mid-height, however much they moved.
    bars = re.findall(r"^\w+ +([▁▂▃▄▅▆▇]+)  ", md, re.M)
    assert bars and all(set(bar) <= set("▃▄▅") for bar in bars)


def test_csv_opens_as_columns_in_a_dutch_spreadsheet(mini_pack):
    game = ignoring(mini_pack, 8)
    report = build_report(game, "nl")
    rows = list(csv.reader(io.StringIO(render(report, "csv")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(header) > 20 and all(len(row) == len(header) for row in body)
    # headers in Dutch only: the meters by their Dutch names, never their ids
    assert "verandering_vertrouwen" in header and "opkomst_na_jaar" in header
    assert not any(word in cell for cell in header for word in ("trust", "turnout", "change", "round"))
    after = header.index("opkomst_na_jaar")
    for row in body:
        value = float(row[after].replace(",", "."))  # a number with a decimal comma, not text
        assert value == pytest.approx(game.meter_series("turnout")[int(row[1])], abs=0.05)
    assert any("," in row[after] for row in body)
    english = list(csv.reader(io.StringIO(render(build_report(game, "en"), "csv"))))
    assert "turnout_after_year" in english[0] and any("." in row[-1] for row in english[1:])


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_is_kept_as_text(mini_pack, start):
    kept = f"'{start}".replace("\r", "\n")  # a lone CR would end the row: it becomes a line break
    assert csv_cell(f"{start}1+1", "nl") == f"{kept}1+1"
    assert csv_cell(-2.5, "nl") == "-2,5" and csv_cell(-2.5, "en") == "-2.5"
    game = ignoring(mini_pack, 8, minister=f"{start}HYPERLINK(1)")
    text = render(build_report(game, "nl"), "csv")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    players = {row[rows[0].index("speler")] for row in rows[1:]}
    assert f"{kept}HYPERLINK(1)" in players and f"{start}HYPERLINK(1)" not in players


def test_markdown_passes_no_html_from_names_or_texts(mini_pack):
    game = ignoring(mini_pack, 8, minister="<img src=x onerror=alert(1)>", resident="<b>Bo</b>")
    md = render(build_report(game, "nl"), "md")
    assert "<img" not in md and "<b>" not in md
    assert "&lt;img src=x onerror=alert(1)>" in md
    page = render(build_report(game, "nl"), "html")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_report_files_carry_the_group_name(mini_pack, tmp_path):
    report = build_report(ignoring(mini_pack, 8), "nl")
    written = write_reports(report, tmp_path, "Groep 3", "20261204-174313")
    assert [p.name for p in written] == [
        f"wijkberaad-groep-3-{report.code}-20261204-174313.{fmt}" for fmt in ("html", "md", "csv")
    ]
    assert written[2].read_bytes().startswith(b"\xef\xbb\xbf")
    assert write_reports(report, tmp_path / "x", "!!!")[0].name == f"wijkberaad-{report.code}.html"


def test_report_command_into_a_folder_writes_every_format_and_says_each(
    mini_pack, tmp_path, monkeypatch, capsys
):
    import game.cli.report

    monkeypatch.setenv("WIJKBERAAD_SAVES", str(tmp_path / "saves"))
    monkeypatch.setattr(game.cli.report, "load_content", lambda args: mini_pack)
    SaveStore(tmp_path / "saves").save(ignoring(mini_pack, 8), "groep-3")
    out = tmp_path / "verslagen"
    out.mkdir()
    assert main(["report", "groep-3", "-o", str(out), "--lang", "nl"]) == 0
    written = sorted(out.iterdir())
    assert [p.suffix for p in written] == [".csv", ".html", ".md"]
    assert all(p.name.startswith("wijkberaad-groep-3-") for p in written)
    err = capsys.readouterr().err
    assert all(f"{p} geschreven" in err for p in written)
