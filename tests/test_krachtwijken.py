"""The second shipped scenario, the krachtwijken of 2007 (content/base/scenarios/krachtwijken).

It lives in the shipped base pack, written with the modding kit alone: it validates strictly, lints clean,
keeps its events to itself, reuses the base critiques and adds its own, seats a group of three with the
housing association played by the computer, and works with role cards and reports.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Game
from game.engine.lint import lint_pack
from game.files.paths import base_pack_dir
from game.i18n import fmt_num
from game.reports.formats import to_markdown
from game.reports.report import build_report
from game.reports.role_cards import build_role_cards, render_role_cards

SCENARIO = "krachtwijken"
ROLES = ["kw_minister", "kw_resident", "kw_youth_worker", "corporation"]
NEW_CRITIQUES = {"demolition", "levy_stopped", "no_distinct_effect"}
REUSED = {"sidelined", "silos", "top_down", "lived_experience", "trust_given", "youth_investment"}
FOLDER = base_pack_dir() / "scenarios" / "krachtwijken"
#: the period's history, in every game: (event, year in the full game, year in the short variant)
HISTORY = [("kw_levy_ruled", 4, 3), ("kw_levy_ends", 6, 4), ("kw_evaluation", 7, 5)]


@pytest.fixture(scope="module")
def pack(base_pack):
    """The shipped pack (tests/conftest.py loads it once per process)."""
    return base_pack


@pytest.fixture(scope="module")
def scenario(pack):
    return pack.scenarios[SCENARIO]


def test_validates_strictly_and_lints_clean(pack):
    assert main(["validate", "--strict", str(base_pack_dir()), "--lang", "en"]) == 0
    assert [p.message for p in lint_pack(pack)] == []


def test_the_base_scenario_stays_the_default(pack):
    assert list(pack.scenarios) == ["kanaalzijde", SCENARIO]
    assert Game.new(pack, seed=1).state.scenario == "kanaalzijde"


def test_four_offices_and_two_lengths(scenario):
    assert scenario.roles == ROLES
    assert 8 <= scenario.rounds <= 10
    assert [(v.id, v.rounds) for v in scenario.variants] == [("short", 6)]


def test_each_scenario_keeps_its_events(pack, scenario):
    mine = {e.id for e in pack.events_for(scenario)}
    assert mine and all(e.startswith("kw_") for e in mine)
    assert not mine & {e.id for e in pack.events_for(pack.scenarios["kanaalzijde"])}


def test_every_role_decides_several_dilemmas(pack, scenario):
    deciders = Counter(e.decider for e in pack.events_for(scenario) if e.decider)
    assert all(deciders[role] >= 4 for role in ROLES), deciders


def test_critiques_reused_and_new(pack, scenario):
    named = set()
    for event in pack.events_for(scenario):
        named.update(event.critiques)
        for option in event.options:
            parts = [option.effects, *option.conditional, *option.later, *option.hidden]
            named.update(p.critique for p in parts if p and p.critique)
            named.update([option.critique] if option.critique else [])
    for ending in scenario.endings:
        named.update(ending.critiques)
    assert NEW_CRITIQUES | REUSED <= named
    for cid in NEW_CRITIQUES:
        critique = pack.critiques[cid]
        for lang in ("nl", "en"):
            assert critique.explanation[lang].strip() and critique.citation[lang].strip()
            assert all(q.text[lang].endswith("?") for q in critique.questions)
        assert 2 <= len(critique.questions) <= 3


def test_every_text_in_both_languages_and_no_real_person(pack, scenario):
    import yaml

    def texts(node):
        if isinstance(node, dict):
            if set(node) == {"nl", "en"}:
                yield node
            for value in node.values():
                yield from texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value)

    found = 0
    for path in sorted(FOLDER.rglob("*.yaml")):
        for text in texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found += 1
            assert text["nl"].strip() and text["en"].strip(), f"{path.name}: {text}"
            # offices, not people: the period's minister is not named, nor the levy after her
            assert not re.search(r"vogelaar", text["nl"] + text["en"], re.I), f"{path.name}: {text}"
    assert found > 300


def _play(pack, variant, seed, players=None, strategy="priorities"):
    game = Game.new(pack, SCENARIO, seed=seed, variant=variant, players=players)
    game.play_computer(strategy=strategy, until_human=False)
    return game


@pytest.mark.parametrize(("variant", "column"), [(None, 1), ("short", 2)], ids=["full", "short"])
def test_the_history_comes_in_its_year(pack, variant, column):
    game = _play(pack, variant, seed=3, strategy="honour")
    seen = {r.event: r.round for r in game.state.history}
    for row in HISTORY:
        event, year = row[0], row[column]
        if game.state.round >= year:
            assert seen.get(event) == year, (event, seen.get(event))
    # the levy stops: the association's room to invest refreshes by less from then on
    assert "kw_levy_ends" in seen and not game.state.flags.get("levy")


def test_a_group_of_three_plays_with_the_association_played_by_the_computer(pack):
    humans = {"kw_minister": "Anna", "kw_resident": "Bram", "kw_youth_worker": "Chaima"}
    game = Game.new(pack, SCENARIO, seed=5, variant="short", players=humans)
    acted: Counter = Counter()
    while not game.over:
        game.play_computer(until_human=True)
        if game.over:
            break
        step = game.step()
        assert step.actor != "corporation"
        acted[step.actor] += 1
        game.choose(next(c.id for c in step.choices if c.available))
    decided = Counter(r.decider for r in game.state.history if r.decider)
    assert decided["corporation"] >= 1  # the computer took the fourth seat's decisions
    assert set(acted) >= {"kw_minister", "kw_resident", "kw_youth_worker"}
    assert game.state.ending is not None


def test_role_cards_for_the_scenario(pack, tmp_path):
    cards = build_role_cards(pack, SCENARIO, "nl")
    assert [c.id for c in cards.cards] == ROLES
    html = render_role_cards(cards)
    assert "De woningcorporatie" in html and "Investeringsruimte" in html
    out = tmp_path / "kaarten.html"
    assert main(["role-cards", "--scenario", SCENARIO, "-o", str(out), "--lang", "en"]) == 0
    assert "The housing association" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_explains_the_period(pack, lang):
    game = _play(pack, None, seed=2)
    report = build_report(game, lang)
    text = to_markdown(report)
    assert pack.scenarios[SCENARIO].title[lang] in text
    assert game.ending().title[lang] in text
    titles = {pack.critiques[c].title[lang] for c in NEW_CRITIQUES}
    assert any(title in text for title in titles)


def test_simulate_offers_it(capsys):
    assert (
        main(
            [
                "simulate",
                "--scenario",
                SCENARIO,
                "--variant",
                "short",
                "--runs",
                "4",
                "--workers",
                "1",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    assert "krachtwijken" in capsys.readouterr().out


def test_its_folder_is_named_in_the_docs():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "modding.md").read_text(encoding="utf-8")
    assert "content/base/scenarios/krachtwijken" in docs


# -- compare: two periods side by side -----------------------------------------------------------
def _class(pack) -> list[tuple[str, Game]]:
    games = []
    for n, scenario in enumerate(["krachtwijken", "kanaalzijde", "krachtwijken"], start=1):
        resident = "kw_resident" if scenario == SCENARIO else "resident"
        game = Game.new(pack, scenario, seed=n, variant="short", players={resident: "Bram"})
        game.play_computer(until_human=False)
        games.append((f"groep-{n}", game))
    return games


def test_compare_puts_the_periods_side_by_side_when_asked(pack):
    from game.reports.compare import build_comparison, render_comparison, scenario_rows

    games = _class(pack)
    plain = build_comparison(games, "nl")
    assert scenario_rows(plain) == ([], [])
    assert [g.name for g in plain.groups] == ["groep-1", "groep-2", "groep-3"]
    c = build_comparison(games, "nl", by_scenario=True)
    # the groups table is sorted by scenario; the summary gets a column per scenario
    assert [g.name for g in c.groups] == ["groep-1", "groep-3", "groep-2"]
    header, rows = scenario_rows(c)
    kw, kz = (f"{pack.scenarios[s].title['nl']} (Klasvariant, 45 minuten)" for s in (SCENARIO, "kanaalzijde"))
    assert header == ["Scenario", kw, kz]
    assert rows[0] == ["Alle groepen", "2", "1"]
    trust = next(r for r in rows if r[0].startswith("Vertrouwen"))
    assert trust[1] == fmt_num((c.groups[0].final["trust"] + c.groups[1].final["trust"]) / 2, "nl")
    assert trust[2] == fmt_num(c.groups[2].final["trust"], "nl")
    text = render_comparison(c, "md")
    assert "De scenario's naast elkaar" in text and kw in text
    assert "naast elkaar" not in render_comparison(plain, "md")


def test_compare_command_takes_by_scenario(pack, tmp_path, monkeypatch, capsys):
    from game.files.saves import SaveStore

    folder = tmp_path / "saves"
    monkeypatch.setenv("WIJKBERAAD_SAVES", str(folder))
    store = SaveStore(folder)
    for name, game in _class(pack):
        store.save(game, name)
    out = tmp_path / "klas.html"
    assert main(["compare", str(folder), "--by-scenario", "-o", str(out), "--lang", "en"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "The scenarios side by side" in html and pack.scenarios[SCENARIO].title["en"] in html


def test_a_session_code_names_the_scenario(pack):
    from game.classroom.session import decode, game_code, scenario_tag

    assert scenario_tag(pack.id, SCENARIO) != scenario_tag(pack.id, "kanaalzijde")
    game = Game.new(pack, SCENARIO, seed=4242, variant="short")
    session = decode(game_code(game), pack)
    assert (session.scenario, session.variant, session.seed) == (SCENARIO, "short", 4242)


def _ended(pack, ending: str, **kwargs) -> Game:
    for seed in range(200):
        game = _play(pack, kwargs.get("variant"), seed, strategy=kwargs.get("strategy", "priorities"))
        if game.state.ending == ending:
            return game
    raise AssertionError(f"no game ended in {ending}")


def test_an_ending_words_its_flag_and_year_conditions(pack):
    """The ending's conditions read as choices and years, not as the expressions behind them."""
    from game.reports.ending import ending_why

    game = _ended(pack, "new_build_new_faces")
    lines = ending_why(game, "nl").reached.clauses
    assert lines[0].startswith("✓ gekozen: De Reigerflats: Slopen")
    assert not any("has(" in line for line in lines)
    unrest = _ended(pack, "kw_unrest", strategy="ignore")
    assert "✓ jaar 2 gehaald" in ending_why(unrest, "nl").reached.clauses
    assert "✓ year 2 reached" in ending_why(unrest, "en").reached.clauses
    # a flag never raised names the choices that would have raised it
    renovated = next(
        g
        for g in (_play(pack, None, seed, strategy="honour") for seed in range(100))
        if not g.state.flags.get("demolished") and g.state.ending != "new_build_new_faces"
    )
    from game.engine import explain_ending
    from game.reports.ending import clause_text

    checks = explain_ending(pack, pack.scenarios[SCENARIO], renovated.state).better
    check = next(c for c in checks if c.ending.id == "new_build_new_faces")
    words = clause_text(renovated, check.clauses[0], "en")
    assert words.startswith("✗ not chosen: The Reiger flats: Demolish and build new; ")
