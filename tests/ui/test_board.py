"""The deliberation board stays in view while a role decides: at 80x24 it is pinned under the event's
column (the text scrolls above it) when the two do not fit; where they do, it follows the text as before."""

from __future__ import annotations

import pytest
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches

from game.ui import view
from game.ui.widgets.board import DeliberationBoard

from .conftest import key_of, screen_text, until


def board_shown(app) -> list[str]:
    """The board's lines as the screen shows them ("De bewoner: Protesteren")."""
    return [f"{role}: {given}" for role, given in view.board_lines(app.game, app.lang)]


def shown_in(app, region) -> str:
    """What the screen shows inside ``region``, its rows joined by spaces (a wrapped line reads whole)."""
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right].split()) for row in rows)


def board_in_view(app) -> bool:
    """The board has been laid out where :func:`assert_board_in_view` wants it (awaited with ``until``)."""
    try:
        assert_board_in_view(app)
    except (AssertionError, NoMatches):
        return False
    return True


def assert_board_in_view(app) -> None:
    """Every line of the board is on the screen, and the board lies inside its column and the screen."""
    board = app.screen.query_one(DeliberationBoard)
    main = app.screen.query_one("#play-main", Vertical)
    assert board.display
    assert app.screen.region.contains_region(board.region), (board.region, app.screen.region)
    assert main.region.contains_region(board.region), (board.region, main.region)
    shown = shown_in(app, board.region)
    for line in board_shown(app):
        assert line in shown, f"{line!r} is not on the screen:\n{screen_text(app)}"


def pinned(app) -> bool:
    return app.screen.query_one("#play-main", Vertical).has_class("-pinned")


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_board_is_in_view_at_a_decision_at_80x24(make_app, crowded_pack, lang):
    app = make_app(crowded_pack, lang=lang, players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: pinned(app))  # laid out (the expected layout; else this fails)
        step = app.game.step()
        assert step.kind == "decision" and step.actor == "minister"
        assert len(app.game.inputs_given()) == 2  # the resident and the youth worker had their say
        assert all("…" not in line for line in board_shown(app))
        # The event's text is longer than the room above the board: it scrolls, the board stays.
        assert pinned(app)
        assert app.screen.query_one("#play-event", VerticalScroll).max_scroll_y > 0
        assert_board_in_view(app)
        # The options are still there beside it.
        assert f"{key_of(app, 'listen')}. " + ("Luisteren" if lang == "nl" else "Listen") in screen_text(app)


async def test_the_board_follows_the_text_where_all_fits(make_app, crowded_pack):
    app = make_app(crowded_pack, players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: board_in_view(app))
        assert not pinned(app)
        scroll = app.screen.query_one("#play-event", VerticalScroll)
        board = app.screen.query_one(DeliberationBoard)
        private = app.screen.query_one("#play-private")
        assert private.display  # the others' shared knowledge, under the text and above the board
        under = private.region.height + private.styles.margin.bottom
        assert private.region.y == scroll.region.bottom
        assert board.region.y == scroll.region.bottom + under  # right under the text and shared knowledge
        assert_board_in_view(app)
        # Made smaller, the board is pinned; made larger again, it follows the text again.
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: pinned(app))
        assert_board_in_view(app)
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: not pinned(app) and board.region.y == scroll.region.bottom + under)
        assert board.region.y == scroll.region.bottom + under


async def test_giving_input_the_own_private_knowledge_comes_first(make_app, crowded_pack):
    """A role giving input reads what only it knows (it may share it) before the board."""
    app = make_app(crowded_pack, players={"resident": "Sanne"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        step = app.game.step()
        assert step.kind == "input" and step.actor == "resident"
        # Outside the scrolling text, the knowledge stays in view however long the text is.
        main = app.screen.query_one("#play-main", Vertical)
        assert main.region.contains_region(app.screen.query_one("#play-private").region)
        private = app.screen.query_one("#play-private").content_region
        assert "Alleen voor jou: Het plein is een drugsplek." in shown_in(app, private)


async def test_the_board_is_in_view_at_every_decision_of_the_shipped_game(make_app):
    """Played as the minister at 80x24, each decision shows who said what without scrolling.

    The engine plays the game (the minister takes the first open choice); the play screen is shown at each
    decision that had input, so the screens in between cost nothing."""
    from game.engine import Game
    from game.files.loader import load_pack_or_raise
    from game.files.paths import base_pack_dir

    pack = load_pack_or_raise(base_pack_dir())
    game = Game.new(pack, None, seed=3, players={"minister": "Ahmed"})
    app = make_app(pack)
    decisions = pinned_ones = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(80):
            game.play_computer()
            if decisions >= 8 or game.over:
                break
            step = game.step()
            if step.kind == "decision" and game.inputs_given():
                app.start_play(game, new_session=False)
                await until(pilot, lambda: board_in_view(app))
                assert type(app.screen).__name__ == "PlayScreen" and app.game.step() == step
                decisions += 1
                pinned_ones += pinned(app)
                assert_board_in_view(app)
            game.choose(next(c.id for c in step.choices if c.available))
    assert decisions >= 3
    assert pinned_ones, "no decision's text was long enough to need the board pinned: the test shows nothing"


async def test_shift_arrows_scroll_the_event_text_while_the_options_keep_the_keys(make_app, crowded_pack):
    app = make_app(crowded_pack, players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: pinned(app))
        scroll = app.screen.query_one("#play-event", VerticalScroll)
        choices = app.screen.query_one("#play-choices")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        assert app.focused is choices
        highlighted = choices.highlighted
        await pilot.press("shift+down")
        await until(pilot, lambda: scroll.scroll_y > 0)
        assert scroll.scroll_y == min(3, scroll.max_scroll_y)
        assert app.focused is choices and choices.highlighted == highlighted
        await pilot.press("shift+up")
        await until(pilot, lambda: scroll.scroll_y == 0)
        assert scroll.scroll_y == 0
        assert app.game.step().kind == "decision"  # nothing was chosen


async def test_the_footer_offers_more_text_only_while_the_event_text_scrolls(make_app, crowded_pack):
    from textual.widgets._footer import FooterKey

    def offered() -> bool:
        return "shift+down" in {key.key for key in app.screen.query(FooterKey)}

    app = make_app(crowded_pack, players={"minister": "Ahmed"}, scenario="test")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: pinned(app))
        scroll = app.screen.query_one("#play-event", VerticalScroll)
        await until(pilot, offered)
        assert scroll.max_scroll_y > 0
        await pilot.resize_terminal(160, 60)  # room for all of the text: the key goes
        await until(pilot, lambda: scroll.max_scroll_y == 0 and not offered())
        await pilot.resize_terminal(80, 24)  # and comes back
        await until(pilot, lambda: scroll.max_scroll_y > 0 and offered())
