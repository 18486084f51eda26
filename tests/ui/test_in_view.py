"""What a player needs stays readable in small windows: knowledge that is part of the decision at 80x24,
the play screen's heading at 60x20, and meter names on the projector view unbroken."""

from __future__ import annotations

import pytest

from game.ui import view

from .conftest import screen_text, showing, until

PLAYERS = {"minister": "Ahmed", "resident": "Sanne", "youth_worker": "Noor"}


def shown_in(app, region) -> str:
    """What the screen shows inside ``region``, its rows joined by spaces (a wrapped line reads whole)."""
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right].split()) for row in rows)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_knowledge_on_the_table_is_on_screen_at_80x24_without_scrolling(make_app, base_pack, lang):
    """The engine plays the shipped game for three players; the play screen is shown at each turn where
    the player has knowledge to read (after the hand-over), so the screens in between cost nothing."""
    from game.engine import Game

    game = Game.new(base_pack, None, seed=5, players=PLAYERS)
    app = make_app(base_pack, lang=lang)
    seen = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(120):
            game.play_computer()
            if seen >= 4 or game.over:
                break
            step = game.step()
            lines = view.private_lines(game, lang, step.actor)
            if lines:
                seen += 1
                app.start_play(game, new_session=False)
                await until(pilot, showing(app, "HandOverScreen"))
                await pilot.press("enter")
                await until(pilot, lambda: getattr(app.screen, "viewer", None) == step.actor)  # noqa: B023
                private = app.screen.query_one("#play-private")
                wanted = [f"{label}: {' '.join(knowledge.split())}" for label, knowledge in lines]

                def in_view() -> bool:
                    """The knowledge is on screen, whole (the layout settles over a few refreshes)."""
                    shown = shown_in(app, private.content_region)  # noqa: B023
                    return app.screen.region.contains_region(private.region) and all(  # noqa: B023
                        line in shown
                        for line in wanted  # noqa: B023
                    )

                await until(pilot, in_view, timeout=10)
            game.choose(next(c.id for c in step.choices if c.available))
    assert seen >= 4, "the game showed too little private knowledge for this test to mean anything"


async def test_the_more_text_key_is_in_the_footer_only_while_the_text_scrolls(make_app, crowded_pack):
    app = make_app(crowded_pack, players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#play-event") and "Meer tekst" in screen_text(app))
        assert app.screen.query_one("#play-event").max_scroll_y > 0
        await pilot.resize_terminal(160, 50)
        await until(pilot, lambda: app.screen.query_one("#play-event").max_scroll_y == 0)
        await until(pilot, lambda: "Meer tekst" not in screen_text(app))


@pytest.mark.parametrize(("lang", "who"), [("nl", "Aan zet: de resident"), ("en", "Turn: the resident")])
async def test_the_heading_shortens_at_60x20_and_keeps_who_acts(make_app, trio_pack, lang, who):
    app = make_app(trio_pack, players=PLAYERS, scenario="test", lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        head = screen_text(app).splitlines()[0]
        name = view.who(app.game, app.game.step().actor, lang, ref=True)
        assert name in head and "…" not in head, head


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_the_projector_view_never_breaks_a_meter_name(make_app, base_pack, width):
    from game.i18n import text

    pack = base_pack
    app = make_app(pack, seed=5, players={"minister": "Ahmed"})
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        for meter in pack.meters.values():
            assert text(meter.name, "nl") in shown, f"{text(meter.name, 'nl')} broken at {width}:\n{shown}"
