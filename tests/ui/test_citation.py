"""A critique's citation on the consequences screen ('c Source') and the ending: a bilingual citation in
the player's language, and a plain-string one (as packs wrote it before) as it is in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import key_of, screen_text, showing, until, widget_text

MINI = Path(__file__).resolve().parents[1] / "packs" / "mini"
PLAIN = "citation: \"Kleinhans, 'Aanpak kwetsbare wijken gebaat bij meer inbreng bewoners', 29 August 2022\""
BILINGUAL = (
    "citation:\n"
    "      nl: \"Kleinhans, 'Aanpak kwetsbare wijken gebaat bij meer inbreng bewoners', 29 augustus 2022\"\n"
    "      en: \"Kleinhans, 'Aanpak kwetsbare wijken gebaat bij meer inbreng bewoners', 29 August 2022\""
)


@pytest.fixture(scope="module")
def cited_pack(tmp_path_factory):
    """The mini pack with its critique's citation written as a text in both languages."""
    from game.files.loader import load_pack_or_raise

    root = tmp_path_factory.mktemp("cited") / "mini"
    shutil.copytree(MINI, root)
    world = root / "world.yaml"
    source = world.read_text(encoding="utf-8")
    assert source.count(PLAIN) == 1
    world.write_text(source.replace(PLAIN, BILINGUAL), encoding="utf-8")
    return load_pack_or_raise(root)


async def shown_citation(app) -> str:
    """The screen's text after a decision that illustrates a critique, with its source shown ('c')."""
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.game is not None and app.game.step().kind == "decision")
        # the minister ignores the resident's input: 'Bewoners buitenspel'
        await pilot.press(key_of(app, "proceed"))
        await until(pilot, showing(app, "ConsequencesScreen"))
        assert "c " in screen_text(app).splitlines()[-1]  # the footer offers the source
        await pilot.press("c")
        await pilot.pause()
        return screen_text(app)


async def ending_text(app) -> str:
    """The ending's text after the same decision, the rest of the game played by the engine."""
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.game is not None and app.game.step().kind == "decision")
        game = app.game
        game.choose("proceed")  # as the key above
        game.play_computer(until_human=False)
        app.start_play(game, new_session=False)
        await until(pilot, showing(app, "EndingScreen"))
        return widget_text(app)


@pytest.mark.parametrize(
    ("lang", "date", "other"),
    [("nl", "29 augustus 2022", "29 August 2022"), ("en", "29 August 2022", "29 augustus 2022")],
)
async def test_the_source_reads_in_the_players_language(make_app, cited_pack, lang, date, other):
    app = make_app(cited_pack, lang=lang, players={"minister": "Ahmed"}, scenario="test")
    shown = await shown_citation(app)
    assert ("Bron: Kleinhans" if lang == "nl" else "Source: Kleinhans") in shown
    assert date in shown and other not in shown


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_ending_cites_in_the_players_language(make_app, cited_pack, lang):
    app = make_app(cited_pack, lang=lang, players={"minister": "Ahmed"}, scenario="test")
    shown = await ending_text(app)
    assert ("29 augustus 2022" if lang == "nl" else "29 August 2022") in shown


async def test_a_plain_string_citation_shows_as_it_is(make_app, mini_pack):
    """The mini pack still cites with one string, which then reads the same in Dutch."""
    assert isinstance(mini_pack.critiques["sidelined"].citation, str)
    shown = await shown_citation(make_app(lang="nl", players={"minister": "Ahmed"}, scenario="test"))
    assert "Bron: Kleinhans" in shown and "29 August 2022" in shown
