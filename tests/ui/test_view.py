"""The UI's view of the game, tested against the engine directly (no Textual, so fast)."""

from __future__ import annotations

import pytest

from game.engine.game import Game
from game.i18n import text
from game.ui import view
from game.ui.strings import UI, tr


@pytest.fixture
def game(mini_pack) -> Game:
    return Game.new(mini_pack, "test", seed=7, players={"minister": "Ahmed"})


def play_to_decision(game: Game) -> None:
    game.play_computer()
    assert game.step().kind == "decision"


@pytest.mark.parametrize(
    ("delta", "shown"),
    [(3, "+3"), (-4, "−4"), (0, "0"), (1.5, "+1.5"), (-0.25, "−0.2"), (1.6333, "+1.6"), (0.0286, "+0.03")],
)
def test_deltas_carry_a_sign(delta, shown):
    assert view.fmt_delta(delta, "en") == shown
    # Dutch writes the decimal comma.
    assert view.fmt_delta(delta, "nl") == view.fmt_delta(delta) == shown.replace(".", ",")


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [(6.7, "6,7", "6.7"), (12, "12", "12"), (0.05, "0,05", "0.05"), (-2.5, "-2,5", "-2.5")],
)
def test_numbers_use_the_decimal_comma_in_dutch(value, nl, en):
    assert view.fmt_num(value, "nl") == nl and view.fmt_num(value, "en") == en


@pytest.mark.parametrize(("value", "filled"), [(0, 0), (50, 5), (100, 10), (-5, 0), (120, 10)])
def test_bar_length_says_the_value(value, filled):
    drawn = view.bar(value, 0, 100, 10)
    assert len(drawn) == 10 and drawn.count("█") == filled


def test_sparkline_rises_with_the_values():
    line = view.sparkline([0, 50, 100], 0, 100)
    assert line[0] < line[1] < line[2]
    assert len(view.sparkline(list(range(30)), 0, 100, width=8)) == 8


def test_meter_rows_show_change_this_round_and_trend(game):
    rows = {r.id: r for r in view.meter_rows(game, "nl")}
    assert rows["trust"].value == 45 and rows["trust"].delta == 0
    assert rows["trust"].name == "Vertrouwen"
    while game.state.round == 1:
        game.choose(game.step().choices[0].id)
    rows = {r.id: r for r in view.meter_rows(game, "en")}
    # A new round has begun and nothing happened in it yet: the change shown is the last round's.
    last = game.state.round_log[-1].meters
    assert all(r.delta == round(last[r.id] - game.state.start[r.id], 4) for r in rows.values())
    assert len(rows["livability"].series) == 3
    assert rows["livability"].name == "Livability"


def test_choices_show_cost_and_touched_meters(game):
    play_to_decision(game)
    step = game.step()
    proceed = view.choice_details(game, step, step.choice("proceed"), "nl")
    assert "kost 4 Budget" in proceed
    assert any("Leefbaarheid" in d and "Vertrouwen" in d for d in proceed)
    listen = view.choice_details(game, step, step.choice("listen"), "en")
    assert "free" in listen and "follows input of: the resident" in listen


def test_private_knowledge_only_for_the_acting_role(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A", "resident": "B"})
    step = game.step()
    assert step.actor == "resident"
    secret = text(mini_pack.events["evening"].private["resident"], "nl")
    assert [t for _, t in view.private_lines(game, "nl", "resident")] == [secret]
    assert view.private_lines(game, "nl", "minister") == []
    assert view.private_lines(game, "nl", None) == []
    game.choose("away")  # staying away shares nothing
    assert game.step().actor == "minister"
    assert view.private_lines(game, "nl", "minister") == []
    assert view.private_lines(game, "nl", "resident") == []


def test_shared_knowledge_reaches_the_decider(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A", "resident": "B"})
    game.choose("share")
    lines = view.private_lines(game, "en", "minister")
    assert lines and "the resident" in lines[0][0] and "drug spot" in lines[0][1]


def test_consequences_name_causes_and_critique(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A", "resident": "B"})
    game.choose("protest")
    outcome = game.choose("proceed")
    sections = view.outcome_sections(game, [outcome], "nl")
    first = sections[0]
    assert first.heading == "Inspraakavond"
    body = "\n".join(first.lines)
    assert "De minister koos: Doorzetten" in body
    assert "Inbreng genegeerd: de bewoner" in body
    assert "Vertrouwen −4: inbreng van de bewoner genegeerd" in body
    assert "Dit krijgt een vervolg. (Nasleep)" in body
    assert first.critiques == ["sidelined"]
    crit = view.critique_lines(game, "sidelined", "en", citation=True)
    assert crit[1] == "Input without effect costs trust."
    assert crit[2].startswith("Source: Kleinhans")
    # The round end came too: its drift is explained.
    assert any("trend" in line for s in sections[1:] for line in s.lines)


def test_history_and_debrief_after_a_whole_game(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A"})
    game.play_computer(until_human=False)
    assert game.over
    rounds = view.history_sections(game, "nl")
    assert [label for label, _ in rounds] == [f"Jaar {n}" for n in range(1, game.state.rounds + 1)]
    table = view.chart_table(game, "en")
    assert table[0].split()[:2] == ["Year", "0"] and len(table) == 1 + len(mini_pack.meters)
    assert len(view.chart_rows(game, "nl")) == len(mini_pack.meters)
    assert 1 <= len(view.key_decisions(game, "nl")) <= 3
    came_up = view.critiques_came_up(game)
    questions = view.debrief_questions(game, "en")
    if "sidelined" in came_up:
        assert "Why?" in questions


def test_chart_table_thins_columns_to_fit(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A"})
    game.play_computer(until_human=False)
    assert all(len(line) <= 30 for line in view.chart_table(game, "nl", width=30))


def test_every_ui_string_has_both_languages():
    for key, entry in UI.items():
        assert set(entry) == {"nl", "en"}, key
        assert all(v.strip() for v in entry.values()), key


def test_strings_fill_placeholders():
    assert tr("handover.pass", "en", role="the youth worker", name="Sanne") == (
        "Pass the keyboard to the youth worker — Sanne"
    )


def test_every_binding_id_has_a_description_in_both_languages():
    import importlib
    import pkgutil

    import game.ui.screens as screens
    from game.ui.app import WijkberaadApp

    classes = [WijkberaadApp]
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"game.ui.screens.{info.name}")
        classes += [c for c in vars(module).values() if isinstance(c, type) and getattr(c, "BINDINGS", None)]
    for cls in classes:
        for binding in cls.BINDINGS:
            if binding.id:
                assert f"key.{binding.id}" in UI, (cls.__name__, binding.id)


def test_help_exists_in_both_languages():
    from game.ui.screens.help import help_text

    assert help_text("nl").startswith("# Zo speel je")
    assert help_text("en").startswith("# How to play")


def test_the_choices_head_reads_as_a_sentence(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "Speler"})
    assert view.choices_head(game, "decision", "minister", "nl") == "Jouw besluit als de minister"
    assert view.choices_head(game, "input", "minister", "en") == "Your input as the minister"
    hot = Game.new(mini_pack, "test", seed=7, players={"minister": "Ahmed", "resident": "Sanne"})
    assert view.choices_head(hot, "input", "resident", "nl") == "Sanne, jouw inbreng als de bewoner"
    assert view.choices_head(hot, "decision", "minister", "en") == "Ahmed, your decision as the minister"
