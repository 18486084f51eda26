"""The UI's view of the game, tested against the engine directly (no Textual, so fast)."""

from __future__ import annotations

import pytest
from voices_support import load_voices, neighbour_game

from game.engine.game import Game
from game.i18n import fmt_delta, fmt_num, t, text
from game.ui import view
from game.ui.strings import UI


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
    assert fmt_delta(delta, "en") == shown
    # Dutch writes the decimal comma.
    assert fmt_delta(delta, "nl") == fmt_delta(delta) == shown.replace(".", ",")


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [(6.7, "6,7", "6.7"), (12, "12", "12"), (0.05, "0,05", "0.05"), (-2.5, "-2,5", "-2.5")],
)
def test_numbers_use_the_decimal_comma_in_dutch(value, nl, en):
    assert fmt_num(value, "nl") == nl and fmt_num(value, "en") == en


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
    # The resource as a name with a signed amount: grammatical for any number and any (plural) name.
    assert "kosten: Budget −4" in proceed
    assert any("Leefbaarheid" in d and "Vertrouwen" in d for d in proceed)
    assert "cost: Budget −4" in view.choice_details(game, step, step.choice("proceed"), "en")
    listen = view.choice_details(game, step, step.choice("listen"), "en")
    assert "cost: none" in listen and "follows input of: the resident" in listen
    assert "kosten: geen" in view.choice_details(game, step, step.choice("listen"), "nl")


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
    assert "• Inbreng van de bewoner genegeerd: Vertrouwen −4, Energie (de bewoner) −1" in first.lines
    assert "Dit krijgt een vervolg. (Nasleep)" in body
    assert first.critiques == ["sidelined"]
    crit = view.critique_lines(game, "sidelined", "en", citation=True)
    assert crit[1] == "Input without effect costs trust."
    assert crit[2].startswith("Source: Kleinhans")
    # The round end came too: its drift is explained.
    assert any(line.startswith("• Trend: Leefbaarheid −1") for s in sections[1:] for line in s.lines)


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
    assert t("handover.pass", "en", role="the youth worker", name="Sanne") == (
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


# -- how consequences and events read (the playtest's findings) -----------------------------------
@pytest.fixture(scope="module")
def voices_pack():
    """A resident decides on their neighbour; the youth worker knows his sister (and can share it)."""
    return load_voices()


def test_an_averted_downside_reads_as_prevented_not_as_happened(voices_pack):
    game, outcomes = neighbour_game(voices_pack, share=True)
    for lang, label, would in [
        (
            "nl",
            "✓ Gewaarschuwd door de jongerenwerker: voorkomen.",
            "  Wat anders was gebeurd: ‘De buurman wordt opgenomen.’",
        ),
        (
            "en",
            "✓ Warned by the youth worker: averted.",
            "  What would have happened: ‘The neighbour is taken away.’",
        ),
    ]:
        lines = view.outcome_sections(game, outcomes[:1], lang)[0].lines
        at = lines.index(label)
        assert lines[at].kind == "averted"
        # The downside's text only as what would have happened, right under the label, set apart.
        assert lines[at + 1] == would and lines[at + 1].kind == "would"
        downside = text(voices_pack.events["neighbour"].options[0].hidden[0].text, lang)
        assert sum(downside in line for line in lines) == 1
    # And it did not happen: no hidden change at the round's end.
    assert not any(c.cause == "hidden" for o in outcomes for r in o.rounds for c in r.changes)


def test_a_reason_shows_once_with_its_changes_under_it(voices_pack):
    game, outcomes = neighbour_game(voices_pack, share=True)
    lines = view.outcome_sections(game, outcomes[:1], "en")[0].lines
    said = [n for n, line in enumerate(lines) if "His sister joins in." in line]
    assert len(said) == 1  # the follow-up text once, though it moved two meters
    assert lines[said[0]] == "• Consequence of the decision — His sister joins in."
    assert lines[said[0] + 1] == "  → Livability +2, Trust +1" and lines[said[0] + 1].kind == "changes"
    assert "• Decision: Livability +1" in lines
    assert "• Cost: Energy (the resident) −1" in lines
    # what the youth worker's input cost, before the decision (the record keeps which input it was)
    assert lines.index("• Cost of giving input: Hours (the youth worker) −1") < lines.index(
        "• Cost: Energy (the resident) −1"
    )
    assert "• The youth worker's input honoured: Trust +2" in lines
    # the summary names it with the same word as the reason: honoured
    assert "Input honoured: the youth worker" in lines
    # Every change still shows: the grouped amounts add up to the record's changes and its input costs.
    record = outcomes[0].record
    assert sum(line.count(", ") + 1 for line in lines if line.startswith("• ") and ": " in line) + sum(
        line.count(", ") + 1 for line in lines if line.kind == "changes"
    ) == len(record.changes) + len(game.input_costs(record))


def test_a_hidden_downside_that_happens_is_told_with_its_changes(voices_pack):
    game, outcomes = neighbour_game(voices_pack, share=False, rounds=2)
    end = [s for s in view.outcome_sections(game, outcomes, "nl") if s.heading == "Einde van jaar 2"][0]
    at = end.lines.index("• Verborgen nadeel — De buurman wordt opgenomen.")
    assert end.lines[at + 1] == "  → Vertrouwen −3"
    assert not any(getattr(line, "kind", "") == "averted" for line in end.lines)


def test_refills_that_move_nothing_are_left_out(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A"})
    outcomes = []
    while game.state.round == 1:
        outcomes.append(game.choose(game.step().choices[-1].id))
    record = outcomes[-1].rounds[0]
    full = [c for c in record.changes if c.cause == "refresh" and c.delta == 0]
    assert full, "the test wants a resource that was already full"
    refill = [line for line in view.round_section(game, record, "en").lines if line.startswith("• Refill")]
    assert all(view.target_name(game, c.target, "en") not in "".join(refill) for c in full)


def test_event_text_says_whom_it_speaks_to_when_the_reader_does_not_decide(voices_pack):
    game = Game.new(voices_pack, "test", seed=7, players={"resident": "Sanne", "youth_worker": "Noor"})
    game.play_computer()
    assert game.step().actor == "youth_worker"
    assert view.perspective(game, "nl", "youth_worker") == "Aan de bewoner, die beslist:"
    assert view.perspective(game, "en", "youth_worker") == "To the resident, who decides:"
    game.choose("warn")
    assert view.perspective(game, "nl", "resident") is None  # the decider reads their own text


def test_the_turn_line_reads_as_a_sentence(mini_pack):
    alone = Game.new(mini_pack, "test", seed=7, players={"minister": "Speler"})
    alone.play_computer()
    assert alone.step().actor == "minister"
    assert view.heading(alone, "nl").endswith("· Aan zet: de minister")
    assert view.heading(alone, "en").endswith("· Turn: the minister")
    named = Game.new(mini_pack, "test", seed=7, players={"minister": "Ahmed"})
    named.play_computer()
    assert view.heading(named, "nl").endswith("· Aan zet: de minister (Ahmed)")
    # In a list of every role, the one player's role without a name is "(jij)"; the computer's say so.
    assert view.who(alone, "minister", "nl", you=True) == "De minister (jij)"
    assert view.who(alone, "resident", "en") == "The resident (computer)"
    # Hot seat: the names tell the players apart, whatever they are.
    hot = Game.new(mini_pack, "test", seed=7, players={"minister": "Speler", "resident": "Player"})
    assert view.heading(hot, "nl").endswith("· Aan zet: de bewoner (Player)")


def test_reading_screens_set_averted_lines_apart():
    from game.ui.widgets.prose import view_style

    assert "bold" in view_style(view.Line("✓ Voorkomen: …", "averted"))
    assert "italic" in view_style(view.Line("  Wat anders was gebeurd: …", "would"))
    assert view_style(view.Line("• Besluit: Vertrouwen +1")) == view_style("plain") == ""


def test_an_outcome_says_whom_it_speaks_to_unless_the_one_player_decided(voices_pack):
    game, outcomes = neighbour_game(voices_pack, share=True)  # two people at the keyboard
    lines = view.outcome_sections(game, outcomes[:1], "nl")[0].lines
    assert "De bewoner koos: Aanbellen" in lines and "Aan de bewoner: Je belt aan." in lines
    assert "To the resident: You knock." in view.outcome_sections(game, outcomes[:1], "en")[0].lines
    alone = Game.new(voices_pack, "test", seed=7, players={"resident": "Sanne"})
    alone.play_computer()
    lines = view.outcome_sections(alone, [alone.choose("knock")], "nl")[0].lines
    assert "Je belt aan." in lines


def test_goals_left_open_at_the_end_read_as_missed(mini_pack):
    game = Game.new(mini_pack, "test", seed=7, players={"minister": "A"})
    during = view.goal_lines(game, "nl")
    assert during and all(line.endswith("(gehaald)") or line.endswith("(nog niet)") for line in during)
    game.play_computer(until_human=False)
    after = view.goal_lines(game, "en")
    assert after and all(line.endswith("(met)") or line.endswith("(not met)") for line in after)
    assert not any("not yet" in line for line in after)


def test_a_long_line_wraps_under_its_text_not_under_its_marker_or_indent():
    from rich.console import Console

    from game.ui.widgets.prose import line

    console = Console(width=40, color_system=None)

    def drawn(content: str) -> list[str]:
        with console.capture() as capture:
            console.print(line(content))
        return capture.get().rstrip("\n").split("\n")

    quote = drawn(
        "    " + "Een citaat dat langer is dan een regel op het scherm van tachtig tekens breed. " * 2
    )
    assert len(quote) > 2 and all(
        row.startswith("    Een" if n == 0 else "    ") for n, row in enumerate(quote)
    )
    assert all(len(row.rstrip()) <= 40 for row in quote)
    bullet = drawn("• " + "De gemeente en de corporatie kiezen samen voor een aanpak. " * 2)
    assert bullet[0].startswith("• De") and all(row.startswith("  ") and row[2] != " " for row in bullet[1:])
    numbered = drawn("12. " + "woord " * 20)
    assert numbered[0].startswith("12. woord") and all(row.startswith("    woord") for row in numbered[1:])
    assert drawn("    kort") == ["    kort"]


def test_a_heeded_warning_is_only_said_of_roles_that_had_knowledge_to_share():
    """'Waarschuwing meegewogen' names only roles with private knowledge at that event: the engine heeds no
    other. Each role that gave input is told once: honoured (which says heeded), heeded, heeded but its input
    not followed, ignored, or away; never both "heeded" and "ignored"."""
    from game.engine import Game
    from game.files.packs import load_game_content
    from game.ui.view import how_inputs_went, record_section

    pack = load_game_content(mods=False)
    said: dict[str, int] = {}
    for seed in range(12):
        game = Game.new(pack, "kanaalzijde", seed=seed, variant="short")
        game.play_computer("priorities", until_human=False)
        for record in game.state.history:
            event = pack.events[record.event]
            assert all(r in event.private for r in record.heeded), (record.event, record.heeded)
            told = [(kind, role) for kind, roles in how_inputs_went(record) for role in roles]
            assert sorted(role for _, role in told) == sorted(record.inputs), (record.event, told)
            for kind, role in told:
                said[kind] = said.get(kind, 0) + 1
                assert (kind == "heeded_ignored") == (role in record.heeded and role in record.ignored)
            lines = record_section(game, record, "en").lines
            both = [line for line in lines if line.startswith("Warning heeded, but input not followed:")]
            assert bool(both) == any(kind == "heeded_ignored" for kind, _ in told), (record.event, lines)
            ignored = [line for line in lines if line.startswith("Input ignored:")]
            assert bool(ignored) == any(kind == "ignored" for kind, _ in told), (record.event, lines)
    assert {"honoured", "heeded_ignored", "ignored", "absent"} <= set(said), said
