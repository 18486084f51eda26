"""Debrief reports: golden files in all three formats, a self-contained HTML page whose chart matches the
save, anonymity, both languages, debrief phases in order, consequences worded as on the play screens
(reasons grouped, averted downsides), and the report command."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from voices_support import load_voices, neighbour_game

from game.cli import main
from game.engine import Game
from game.engine.model import Question
from game.files.saves import SaveError, SaveStore
from game.reports.formats import note_lines, reason_lines, render, sparkline
from game.reports.report import PHASES, build_report, load_save_file

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "packs" / "mini"
#: The UI tests' pack whose one event has a hidden downside the youth worker can avert by sharing.
BASE = TESTS.parent / "content" / "base"
GOLDEN = TESTS / "golden" / "report"
UPDATE = bool(os.environ.get("WIJKBERAAD_UPDATE_GOLDEN"))


@pytest.fixture
def pack(mini_pack):
    """The mini pack (same digest as the commands' ``--pack tests/packs/mini``: saves replay cleanly)."""
    return mini_pack


@pytest.fixture
def fast_content(monkeypatch, mini_pack):
    """The commands get the compiled mini pack at once instead of reading the shipped content too."""
    import game.cli.compare
    import game.cli.report

    monkeypatch.setattr(game.cli.report, "load_content", lambda args: mini_pack)
    monkeypatch.setattr(game.cli.compare, "load_content", lambda args: mini_pack)


def golden_game(pack) -> Game:
    """The fixed game of the golden files: seed 1, Ahmed the minister, the computer the resident."""
    game = Game.new(pack, seed=1, players={"minister": "Ahmed"})
    game.play_computer(until_human=False)
    return game


@pytest.fixture
def saves(tmp_path, monkeypatch):
    """A saves folder in tmp_path (and no mods folder), as the commands will find it."""
    folder = tmp_path / "saves"
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(folder))
    return SaveStore(folder)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file {path}: run with WIJKBERAAD_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), (
        f"the report differs from {path.name}: if on purpose, rewrite it with WIJKBERAAD_UPDATE_GOLDEN=1 "
        "and review the diff"
    )


# -- golden files, through the command as a teacher runs it ----------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "extra", "golden"),
    [
        ("html", [], "groep-1.nl.html"),
        ("md", [], "groep-1.nl.md"),
        ("csv", [], "groep-1.nl.csv"),
        ("md", ["--lang", "en", "--anonymous"], "groep-1.en.anonymous.md"),
    ],
)
def test_report_matches_golden_file(pack, saves, tmp_path, fast_content, fmt, extra, golden):
    saves.save(golden_game(pack), "groep-1")
    out = tmp_path / f"report.{fmt}"
    args = ["report", str(saves.path("groep-1")), "--pack", str(MINI), "-o", str(out), *extra]
    assert main(args + ["--lang", "nl"] if "--lang" not in extra else args) == 0
    text = out.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    check_golden(golden, text)


def test_report_is_the_same_from_the_game_and_from_its_save(pack, saves):
    game = golden_game(pack)
    info = saves.save(game, "groep-1")
    loaded, notes = load_save_file(info.path, pack)
    assert notes == []
    for fmt in ("html", "md", "csv"):
        assert render(build_report(loaded, "nl"), fmt) == render(build_report(game, "nl"), fmt)


# -- the HTML page -------------------------------------------------------------------------------------
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}
SVG_EMPTY = {"rect", "line", "circle", "polyline", "path"}


class Page(HTMLParser):
    """Parses the page, checking that every element closes in order, and keeps the chart's elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def parse_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.problems == []
    assert page.stack == []
    return page


@pytest.fixture
def page_text(pack):
    return render(build_report(golden_game(pack), "nl"), "html")


def test_html_parses(page_text):
    page = parse_page(page_text)
    tags = [t for t, _ in page.tags]
    assert tags[:2] == ["html", "head"] and "svg" in tags and "table" in tags
    assert page_text.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in page_text


def test_html_has_no_external_references(page_text):
    page = parse_page(page_text)
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "img", "object", "embed"), tag
        for name, value in attrs.items():
            assert name not in ("src", "href", "srcset", "xlink:href"), (tag, name, value)
            assert not re.search(r"https?:|//", value or ""), (tag, name, value)
    lowered = page_text.lower()
    assert "<script" not in lowered
    assert "@import" not in lowered
    assert "url(" not in lowered
    assert "@font-face" not in lowered
    assert not re.search(r"(src|href)\s*=", lowered)
    assert "http://" not in lowered and "https://" not in lowered


def test_html_prints(page_text):
    assert "@media print" in page_text and "@page" in page_text
    assert "break-inside: avoid" in page_text


def test_chart_points_match_the_meters_in_the_save(pack, saves):
    info = saves.save(golden_game(pack), "groep-1")
    state = json.loads(info.path.read_text(encoding="utf-8"))["state"]
    series = {m: [state["start"][m], *(r["meters"][m] for r in state["round_log"])] for m in state["start"]}

    game, _ = load_save_file(info.path, pack)
    page = parse_page(render(build_report(game, "nl"), "html"))
    svg = next(attrs for tag, attrs in page.tags if tag == "svg" and "data-ymin" in attrs)
    ymin, ymax = float(svg["data-ymin"]), float(svg["data-ymax"])
    top, bottom = float(svg["data-top"]), float(svg["data-bottom"])
    points: dict[str, dict[int, tuple[float, float, float]]] = {}
    for tag, attrs in page.tags:
        if tag == "circle" and "data-meter" in attrs:
            points.setdefault(attrs["data-meter"], {})[int(attrs["data-round"])] = (
                float(attrs["cx"]),
                float(attrs["cy"]),
                float(attrs["data-value"]),
            )
    assert set(points) == set(series)
    for meter, values in series.items():
        assert sorted(points[meter]) == list(range(len(values)))
        xs = []
        for n, value in enumerate(values):
            cx, cy, shown = points[meter][n]
            assert shown == pytest.approx(value)
            # The point sits where the chart's scale puts the value.
            assert cy == pytest.approx(top + (ymax - value) / (ymax - ymin) * (bottom - top), abs=0.01)
            xs.append(cx)
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # The lines go through the same points.
    lines = [a for t, a in page.tags if t == "polyline"]
    assert len(lines) == len(series)
    for meter, line in zip(points, lines, strict=True):
        pairs = [tuple(map(float, p.split(","))) for p in line["points"].split()]
        assert pairs == [points[meter][n][:2] for n in range(len(pairs))]


# -- contents ----------------------------------------------------------------------------------------
def test_report_contents(pack):
    game = golden_game(pack)
    report = build_report(game, "nl")
    assert report.scenario == "Test" and report.finished and report.ending_title == "Goed"
    assert report.code.count("-") == 1
    assert [m.values for m in report.meters] == [
        game.meter_series(m) for m in ("trust", "livability", "turnout")
    ]
    assert len(report.decisions) == sum(1 for e in game.state.history if e.decision is not None)
    md = render(report, "md")
    for needle in (
        "Ahmed",
        "Inspraakavond",
        "Ervaring delen",
        "gehonoreerd",
        "genegeerd",
        "Bewoners buitenspel",
    ):
        assert needle in md
    assert "Kleinhans" in md  # the critique's citation
    rows = list(csv.reader(io.StringIO(render(report, "csv")), delimiter=";"))
    assert len(rows) == 1 + len(report.decisions)


def test_anonymous_hides_every_name(pack):
    game = Game.new(pack, seed=3, players={"minister": "Ahmed", "resident": "Sanne"})
    game.play_computer(until_human=False)
    for lang in ("nl", "en"):
        report = build_report(game, lang, anonymous=True)
        for fmt in ("html", "md", "csv"):
            text = render(report, fmt)
            assert "Ahmed" not in text and "Sanne" not in text
        assert "De minister" in render(report, "md") or "The minister" in render(report, "md")
    assert "Sanne" in render(build_report(game, "nl"), "md")


def test_both_languages(pack):
    game = golden_game(pack)
    nl, en = (render(build_report(game, lang), "md") for lang in ("nl", "en"))
    assert "Vragen voor de nabespreking" in nl and "Questions for the debrief" in en
    assert "Participation evening" in en and "Inspraakavond" in nl
    assert "38,2" in nl and "38.2" in en
    assert render(build_report(game, "en"), "html").count('lang="en"') == 1


@pytest.mark.parametrize(("lang", "date"), [("nl", "29 augustus 2022"), ("en", "29 August 2022")])
def test_the_citation_reads_in_the_reports_language(lang, date):
    """The shipped critiques cite the article with a translated date, in every format."""
    from game.files.loader import load_pack_or_raise

    game = Game.new(load_pack_or_raise(BASE), seed=1, players={"minister": "Ahmed"})
    game.play_computer(until_human=False)
    report = build_report(game, lang)
    assert report.critiques
    assert all(c.citation.endswith(date) for c in report.critiques)
    other = "29 August 2022" if lang == "nl" else "29 augustus 2022"
    for fmt in ("md", "html"):
        page = render(report, fmt)
        assert date in page and other not in page


def test_a_plain_string_citation_shows_as_it_is_in_every_language(pack):
    """A pack written when a citation was one string (the mini pack) still loads and cites in both languages."""
    assert isinstance(pack.critiques["sidelined"].citation, str)
    game = golden_game(pack)
    for lang in ("nl", "en"):
        report = build_report(game, lang)
        assert [c.citation for c in report.critiques] == [pack.critiques["sidelined"].citation]
        assert "29 August 2022" in render(report, "md")


def test_questions_follow_the_debrief_phases(pack):
    scenario = pack.scenarios["test"]
    questions = [
        {"phase": phase, "text": {"nl": f"{phase} nl", "en": f"{phase} en"}}
        for phase in ("apply", "transfer", "describe", "analyse", "describe")
    ]
    mixed = dataclasses.replace(scenario, debrief=[Question(**q) for q in questions])
    other = dataclasses.replace(pack, scenarios={"test": mixed})
    game = Game.new(other, seed=3)
    game.play_computer(until_human=False)
    report = build_report(game, "en")
    phases = [q.phase for q in report.questions]
    assert phases == sorted(phases, key=PHASES.index)
    assert phases.count("describe") == 2
    md = render(report, "md")
    heads = [md.index(h) for h in ("1. Describe", "2. Analyse", "3. Transfer", "4. Apply")]
    assert heads == sorted(heads)
    html_text = render(report, "html")
    order = re.findall(r'data-phase="(\w+)"', html_text)
    assert order == list(PHASES)


def test_unfinished_game(pack):
    game = Game.new(pack, seed=5, players={"minister": "Ahmed"})
    game.play_computer()
    game.choose(game.step().choices[0].id)
    game.play_computer()
    report = build_report(game, "en")
    assert not report.finished
    assert "Not finished" in render(report, "md")
    parse_page(render(report, "html"))


# -- consequences, worded as the play screens word them ------------------------------------------------
@pytest.fixture(scope="module")
def voices_pack():
    return load_voices()


def block(md: str, first: str) -> list[str]:
    """The lines of ``md`` from the one starting with ``first`` to the next blank line."""
    lines = md.splitlines()
    start = lines.index(first)
    return lines[start : lines.index("", start)]


@pytest.mark.parametrize(
    ("lang", "effects"),
    [
        (
            "nl",
            [
                "- Gevolgen:",
                "  - Kosten van de inbreng: Uren (de jongerenwerker) −1",
                "  - Kosten: Energie (de bewoner) −1",
                "  - Besluit: Leefbaarheid +1",
                "  - Gevolg van het besluit — Zijn zus komt erbij.",
                "    → Leefbaarheid +2, Vertrouwen +1",
                "  - Inbreng van de jongerenwerker gehonoreerd: Vertrouwen +2",
                "  - ✓ Gewaarschuwd door de jongerenwerker: voorkomen.",
                "    *Wat anders was gebeurd: ‘De buurman wordt opgenomen.’*",
            ],
        ),
        (
            "en",
            [
                "- Effects:",
                "  - Cost of giving input: Hours (the youth worker) −1",
                "  - Cost: Energy (the resident) −1",
                "  - Decision: Livability +1",
                "  - Consequence of the decision — His sister joins in.",
                "    → Livability +2, Trust +1",
                "  - The youth worker's input honoured: Trust +2",
                "  - ✓ Warned by the youth worker: averted.",
                "    *What would have happened: ‘The neighbour is taken away.’*",
            ],
        ),
    ],
)
def test_an_averted_downside_reads_as_prevented_with_each_reason_once(voices_pack, lang, effects):
    game, _ = neighbour_game(voices_pack, share=True)
    report = build_report(game, lang)
    md = render(report, "md")
    assert block(md, effects[0]) == effects
    decider = {"nl": "- Beslist door: de bewoner (Sanne)", "en": "- Decided by: the resident (Sanne)"}
    assert decider[lang] in md.splitlines()
    # The downside's own text only as what would have happened, and it never struck.
    downside = effects[-1].split("‘")[1].split("’")[0]
    assert md.count(downside) == 1
    assert not any(
        e.cause in ("verborgen nadeel", "hidden downside") for r in report.rounds for e in r.end_effects
    )
    # The HTML page sets the averted line apart the same way.
    html_text = render(report, "html")
    parse_page(html_text)
    averted, would = (line.strip().lstrip("-✓ ").strip("*") for line in effects[-2:])
    assert (
        f'<li class="averted"><strong>✓ {averted.replace(chr(39), "&#39;")}</strong>'
        f'<br><em class="would">{would}</em></li>'
    ) in html_text
    assert html_text.count(downside) == 1
    # The CSV keeps one item per change, the sister's two changes apart, the input's cost first.
    rows = list(csv.reader(io.StringIO(render(report, "csv")), delimiter=";" if lang == "nl" else ","))
    effects_cell = rows[1][rows[0].index("gevolgen" if lang == "nl" else "effects")]
    record = game.state.history[0]
    assert effects_cell.count("; ") + 1 == len(game.input_costs(record)) + len(record.changes) == 1 + 5


def test_a_hidden_downside_that_strikes_is_told_once_with_its_change(voices_pack):
    game, _ = neighbour_game(voices_pack, share=False)
    md = render(build_report(game, "nl"), "md")
    lines = md.splitlines()
    at = lines.index("- Verborgen nadeel — De buurman wordt opgenomen.")
    assert lines[at + 1] == "  → Vertrouwen −3 [kritiekpunt: Bewoners buitenspel]"
    assert "Gewaarschuwd door" not in md and "Wat anders was gebeurd" not in md


def test_reasons_group_every_change_once(pack):
    """Every change that moved something is in exactly one reason; no reason is told twice for an event."""
    for seed in range(8):
        game = Game.new(pack, seed=seed, players={"minister": "Ahmed"})
        game.play_computer(until_human=False)
        report = build_report(game, "en")
        blocks = [(e.effects, e.reasons) for r in report.rounds for e in r.events]
        blocks += [(r.end_effects, r.end_reasons) for r in report.rounds]
        for effects, reasons in blocks:
            grouped = [id(e) for reason in reasons for e in reason.effects]
            assert sorted(grouped) == sorted(id(e) for e in effects if round(e.delta, 1) != 0)
            keys = [(g.reason, g.text, g.effects[0].event_id if g.effects else None) for g in reasons]
            assert len(keys) == len(set(keys))


def test_the_report_words_consequences_as_the_play_screens_do(pack, voices_pack):
    """The report's reasons and notes read line for line as the consequences screen's (its critique tags
    aside): if this fails after a change to the play screens' wording, bring game/data/report*.py along."""
    from game.files.loader import load_pack_or_raise
    from game.ui import view

    checked = {"averted": 0, "text": 0}
    for content in (pack, voices_pack, load_pack_or_raise(BASE)):
        scenario = next(iter(content.scenarios))
        first = next(iter(content.scenarios[scenario].roles))
        for seed in range(6):
            game = Game.new(content, scenario, seed=seed, players={first: "Ahmed"})
            game.play_computer(until_human=False)
            for lang in ("nl", "en"):
                report = build_report(game, lang)
                events = [e for r in report.rounds for e in r.events]
                blocks = [
                    (e.reasons, e.notes, [*game.input_costs(rec), *rec.changes], rec.notes, rec.outcome)
                    for e, rec in zip(events, game.state.history, strict=True)
                ]
                blocks += [
                    (
                        r.end_reasons,
                        r.end_notes,
                        [c for c in rec.changes if c.cause != "refresh"],
                        rec.notes,
                        None,
                    )
                    for r, rec in zip(report.rounds, game.state.round_log, strict=True)
                ]
                for reasons, notes, changes, rec_notes, told in blocks:
                    ours = [line for reason in reasons for line in reason_lines(reason, lang)]
                    ours += [line for note in notes for line in note_lines(note)]
                    ours = [re.sub(r" \[[^\]]*\]", "", line) for line in ours]
                    screen = [str(line) for line in view.change_lines(game, changes, lang, told=told)]
                    screen += [str(line) for n in rec_notes for line in view.note_lines(game, n, lang)]
                    screen = [re.sub(r"^(• |  (?=→)|  )", "", line) for line in screen]
                    assert ours == screen
                    checked["averted"] += sum(n.kind == "averted" for n in notes)
                    checked["text"] += sum(bool(reason.text) for reason in reasons)
    assert checked["averted"] and checked["text"]


def test_sparkline():
    assert sparkline([0, 50, 100], 0, 100) == "▁▄▇"
    assert sparkline([3, 3], 3, 3) == "▄▄"


def test_report_modules_do_not_load_the_ui():
    code = (
        "import json, sys\n"
        "import game.reports.report, game.reports.formats, game.reports.compare\n"
        "import game.classroom.session, game.classroom.timer\n"
        "import game.cli.report, game.cli.compare\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


# -- the command -----------------------------------------------------------------------------------
def test_report_command_by_slot_name_prints_markdown(pack, saves, capsys):
    """The one command test that loads the content for real, as a teacher's run does."""
    saves.save(golden_game(pack), "groep-7")
    assert main(["report", "groep-7", "--pack", str(MINI), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Wijkberaad: debrief report")


def test_report_command_picks_the_format_from_the_file(pack, saves, tmp_path, fast_content):
    info = saves.save(golden_game(pack), "groep-1")
    out = tmp_path / "out" / "verslag.html"
    assert main(["report", str(info.path), "--pack", str(MINI), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    csv_out = tmp_path / "verslag.csv"
    assert main(["report", str(info.path), "--pack", str(MINI), "-o", str(csv_out)]) == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read UTF-8


def test_report_command_on_a_bad_save(tmp_path, saves, capsys, fast_content):
    bad = tmp_path / "kapot.json"
    bad.write_text("{bad", encoding="utf-8")
    assert main(["report", str(bad), "--pack", str(MINI)]) == 2
    err = capsys.readouterr().err
    assert "kapot.json" in err and "JSON" in err
    assert main(["report", str(tmp_path / "weg.json"), "--pack", str(MINI)]) == 2
    assert "weg.json" in capsys.readouterr().err


def test_load_save_file_refuses_what_is_not_a_save(pack, tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SaveError):
        load_save_file(path, pack)
    with pytest.raises(SaveError):
        load_save_file(tmp_path, pack)


def test_an_edited_save_is_reported_as_saved_with_a_note(pack, saves):
    info = saves.save(golden_game(pack), "groep-1")
    data = json.loads(info.path.read_text(encoding="utf-8"))
    data["state"]["round_log"][0]["meters"]["trust"] = 99.0
    info.path.write_text(json.dumps(data), encoding="utf-8")
    game, notes = load_save_file(info.path, pack)
    assert notes and game.meter_series("trust")[1] == 99.0
    report = build_report(game, "en", warnings=notes)
    assert "Note:" in render(report, "md") and 'class="warning"' in render(report, "html")
    assert "replaying the decision log does not reach the saved state" in notes[0]
    _, dutch = load_save_file(info.path, pack, "nl")
    assert dutch[0].startswith("het opnieuw afspelen van de besluiten komt niet uit op de bewaarde stand")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            {
                "bad": "The file is unreadable",
                "missing": "file not found",
                "pack": "give that content's folder with --pack DIR",
                "wrote": "wrote ",
            },
        ),
        (
            "nl",
            {
                "bad": "Het bestand is onleesbaar",
                "missing": "niet gevonden",
                "pack": "geef de map van die inhoud mee met --pack MAP",
                "wrote": " geschreven",
            },
        ),
    ],
)
def test_report_command_speaks_the_language_it_is_asked_for(
    pack, saves, tmp_path, capsys, fast_content, monkeypatch, lang, words
):
    """A teacher reads every line the command prints in the report's language (--lang, else the env)."""
    monkeypatch.setenv("WIJKBERAAD_LANG", "en" if lang == "nl" else "nl")  # --lang wins
    bad = tmp_path / "kapot.json"
    bad.write_text("{bad", encoding="utf-8")
    assert main(["report", str(bad), "--lang", lang]) == 2
    assert words["bad"] in capsys.readouterr().err
    # A name that is neither a file nor a save: the message names the saves folder it looked in.
    assert main(["report", "groep-9", "--lang", lang, "--saves-dir", str(saves.root)]) == 2
    err = capsys.readouterr().err
    assert words["missing"] in err and str(saves.root) in err
    # A save of other content: what to do about it.
    info = saves.save(golden_game(pack), "groep-1")
    data = json.loads(info.path.read_text(encoding="utf-8"))
    data["pack"]["id"] = "leiden"
    info.path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", "groep-1", "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert "leiden" in err and words["pack"] in err
    saves.save(golden_game(pack), "groep-2")
    out = tmp_path / "groep-2.md"
    assert main(["report", "groep-2", "--lang", lang, "-o", str(out)]) == 0
    assert words["wrote"] in capsys.readouterr().err and out.exists()
