"""Whole flows through the app with Pilot: a full single-player game, a hot-seat game of three, saves.

Pilot is slow per key, so these are few; the view's logic is tested against the engine in test_view.py.
"""

from __future__ import annotations

import pytest
from textual.command import CommandList

from game.i18n import text

from .conftest import screen_text, until, widget_text


def screen_name(app) -> str:
    return type(app.screen).__name__


def palette_offers(app, title: str) -> bool:
    """The command palette's search has run: its first hit is ``title``."""
    hits = app.screen.query_one(CommandList)
    return hits.option_count > 0 and title in str(hits.get_option_at_index(0).prompt)


async def drawn(pilot) -> None:
    """Until the screen on top has been laid out and drawn (on a busy machine one pause is not enough)."""
    await until(pilot, lambda: screen_text(pilot.app).strip())


async def advance(pilot, key: str) -> None:
    await pilot.press(key)
    await drawn(pilot)


async def test_single_player_plays_a_whole_short_game(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test", variant="short", intro=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "IntroScreen")
        await drawn(pilot)
        assert "Een test." in screen_text(app) and "De minister (Ahmed)" in screen_text(app)
        await advance(pilot, "enter")
        assert screen_name(app) == "PlayScreen"
        assert "Vertrouwen" in screen_text(app) and "45" in screen_text(app)
        used = set()
        for _ in range(60):
            name = screen_name(app)
            if name == "EndingScreen":
                break
            if name == "PlayScreen":
                # One choice each way: the mouse, arrows + Enter, then number keys.
                before = len(app.game.state.choices)
                if "mouse" not in used:
                    used.add("mouse")
                    await pilot.click("#play-choices", offset=(5, 1))
                elif "arrows" not in used:
                    used.add("arrows")
                    await pilot.press("down", "up", "enter")
                else:
                    await pilot.press("1")
                await until(pilot, lambda: len(app.game.state.choices) > before)  # noqa: B023
                await drawn(pilot)
            else:
                assert name == "ConsequencesScreen"
                assert "Gevolgen" in screen_text(app)
                await advance(pilot, "enter")
        assert screen_name(app) == "EndingScreen"
        assert app.game.over
        shown = widget_text(app)
        assert text(app.game.ending().title, "nl") in shown
        assert "De meters door de jaren" in shown and "Besluiten die het meest uitmaakten" in shown
        # Every choice was autosaved.
        infos = app.store.list()
        assert len(infos) == 1 and infos[0].slot.startswith("auto-")
        assert infos[0].round == app.game.state.round


@pytest.mark.early
async def test_hot_seat_of_three_never_shows_private_knowledge_to_another_player(make_app, trio_pack):
    players = {"minister": "Ahmed", "resident": "Sanne", "youth_worker": "Noor"}
    app = make_app(trio_pack, players=players, scenario="test", variant="short")
    secrets = {
        (event.id, role): text(knowledge, "nl")
        for event in trio_pack.events.values()
        for role, knowledge in event.private.items()
    }
    handovers: list[str] = []
    seen_own: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) in ("HandOverScreen", "PlayScreen"))
        await drawn(pilot)
        for _ in range(200):
            name = screen_name(app)
            game = app.game
            shown = screen_text(app) + "\n" + widget_text(app)
            step = game.step()
            viewer = getattr(app.screen, "viewer", None) if name == "PlayScreen" else None
            shared = {r for r, _ in game.shared_knowledge()} if step.kind == "decision" else set()
            for (event_id, role), secret in secrets.items():
                allowed = (
                    name == "PlayScreen"
                    and step.event is not None
                    and step.event.id == event_id
                    and viewer == step.actor
                    and (role == viewer or (role in shared and viewer == step.event.decider))
                )
                if not allowed:
                    assert secret not in shown, f"{role}'s secret on {name} while {viewer} has the keyboard"
                elif secret in shown and role == viewer:
                    seen_own.add(role)
            if name == "EndingScreen":
                break
            if name == "HandOverScreen":
                handovers.append(app.screen.role)
                assert players[app.screen.role] in screen_text(app)
                await advance(pilot, "enter")
                assert app.screen.viewer == handovers[-1]
            elif name == "PlayScreen":
                await advance(pilot, "1")
            else:
                await advance(pilot, "enter")
        assert screen_name(app) == "EndingScreen"
        # Each person got the keyboard by name, and each saw their own secret on their own turn.
        assert set(handovers) == set(players)
        assert {"resident", "youth_worker"} <= seen_own


async def test_title_setup_and_start(make_app):
    app = make_app(lang="en", intro=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"
        assert "New game" in screen_text(app) and "Continue (no autosave)" in screen_text(app)
        await advance(pilot, "enter")
        assert screen_name(app) == "SetupScreen"
        assert "Seed" in screen_text(app) and "7" in screen_text(app)
        await advance(pilot, "enter")  # Enter in the first name field (prefilled "Player") moves on
        assert screen_name(app) == "SetupScreen"
        await pilot.click("#setup-start")  # only Start starts
        await pilot.pause()
        assert screen_name(app) == "IntroScreen"
        await advance(pilot, "enter")
        assert screen_name(app) == "PlayScreen"
        assert app.game.state.seed == 7
        assert app.game.state.players["minister"] == "Player"


async def test_continue_loads_the_latest_autosave(make_app):
    first = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, "1")
        choices = list(first.game.state.choices)
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Verder spelen" in screen_text(second) and "geen autosave" not in screen_text(second)
        await advance(pilot, "enter")  # "continue" is where the menu starts when there is an autosave
        assert second.game is not None and second.game.state.choices == choices


async def test_save_under_a_name_and_load_it(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, "ctrl+s")
        assert screen_name(app) == "SaveScreen"
        await pilot.press(*"Groep 3")
        await advance(pilot, "enter")
        assert screen_name(app) == "PlayScreen"
        assert "groep-3" in {i.slot for i in app.store.list()}
        await advance(pilot, "ctrl+o")
        assert screen_name(app) == "LoadScreen"
        assert "groep-3" in widget_text(app)


async def test_too_small_says_so_and_keeps_the_game(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game = app.game
        await pilot.resize_terminal(40, 12)  # (which waits for the app to go idle)
        assert screen_name(app) == "TooSmallScreen"
        assert "te klein" in screen_text(app)
        await pilot.resize_terminal(100, 30)
        assert screen_name(app) == "PlayScreen" and app.game is game


async def test_language_switch_relabels_the_game(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Jaar 1/4" in screen_text(app)
        app.action_toggle_language()
        await until(pilot, lambda: "Year 1/4" in screen_text(app))  # relabelled after a refresh or two
        assert "Trust" in screen_text(app)
        assert "History" in screen_text(app)  # the footer too
        await advance(pilot, "r")
        assert screen_name(app) == "BriefingScreen"
        assert "You decide." in screen_text(app) and "Liveable" in screen_text(app)


async def test_content_errors_are_listed_not_raised(make_app):
    from game.files.loader import ContentError, ContentProblem

    def broken():
        raise ContentError([ContentProblem("events.yaml", 3, "event 'x'", "unknown key 'titel'")])

    from game.ui.config import AppConfig
    from game.ui.launch import make_app as build

    app = build(AppConfig(lang="en", blink=False), content=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "ProblemsScreen"
        assert "events.yaml:3: event 'x': unknown key 'titel'" in screen_text(app)


async def test_unreadable_saves_are_listed_with_the_reason(make_app, tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "kapot.json").write_text("{not json", encoding="utf-8")
    app = make_app(saves_dir=saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await advance(pilot, "ctrl+o")
        assert screen_name(app) == "LoadScreen"
        listed = widget_text(app)
        assert "kapot: onleesbaar (geen geldige JSON" in listed and "not valid" not in listed
        app.load_slot("missing")  # a slot that vanished: a message, no crash
        await pilot.pause()
        assert screen_name(app) == "LoadScreen" and app.game is None


async def test_no_color_and_high_contrast(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(players={"minister": "Ahmed"}, scenario="test", theme="contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color and app.theme == "wijkberaad-contrast"
        await advance(pilot, "2")
        await advance(pilot, "enter")
        # Without colour the meters still say which way they went: a sign and an arrow.
        shown = screen_text(app)
        assert "▼−" in shown or "▲+" in shown
        app.action_cycle_theme()
        assert app.theme == "textual-dark"


async def test_command_palette_offers_the_main_actions(make_app):
    app = make_app(players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Nieuw spel", "Spel opslaan", "Spel laden", "Geschiedenis", "Hulp", "Stoppen"} <= titles
        await advance(pilot, "ctrl+p")
        await pilot.press(*"geschiedenis")
        await until(pilot, lambda: palette_offers(app, "Geschiedenis"))
        await advance(pilot, "enter")
        assert screen_name(app) == "HistoryScreen"


async def test_language_switch_on_the_hand_over(make_app, trio_pack):
    players = {"minister": "Ahmed", "resident": "Sanne", "youth_worker": "Noor"}
    app = make_app(trio_pack, players=players, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HandOverScreen")
        assert "Geef het toetsenbord" in screen_text(app)
        app.action_toggle_language()
        await until(pilot, lambda: "Pass the keyboard" in screen_text(app))
        assert "Pass the keyboard to the resident — Sanne" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "PlayScreen")
        assert app.screen.viewer == "resident"


async def test_event_text_names_its_addressee_for_a_role_giving_input(make_app):
    """The event text speaks to the resident who decides; the youth worker giving input is told so."""
    from voices_support import load_voices

    pack = load_voices()
    app = make_app(pack, players={"youth_worker": "Noor"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "PlayScreen")
        assert app.game.step().actor == "youth_worker"
        shown = screen_text(app)
        assert "Aan de bewoner, die beslist:" in shown and "Je buurman schreeuwt" in shown
        assert shown.index("Aan de bewoner, die beslist:") < shown.index("Je buurman schreeuwt")
        assert "Alleen voor jou" in shown
    resident = make_app(pack, players={"resident": "Sanne"}, scenario="test")
    async with resident.run_test(size=(80, 24)) as pilot:

        def resident_on_turn() -> bool:
            return screen_name(resident) == "PlayScreen" and resident.game.step().actor == "resident"

        await until(pilot, lambda: resident_on_turn() or screen_name(resident) == "ConsequencesScreen")
        if screen_name(resident) == "ConsequencesScreen":
            await advance(pilot, "enter")
        await until(pilot, resident_on_turn)
        assert "die beslist" not in screen_text(resident) and "Je buurman schreeuwt" in screen_text(resident)
