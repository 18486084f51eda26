"""What a key press no longer redoes before its frame still happens when it matters: the footer's keys are
built again when what they say changes, a screen shown again takes a theme chosen while it was away, and
the garbage of a decision is collected once its frame is drawn."""

from __future__ import annotations

import gc
import weakref

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.widgets._footer import FooterKey

from game.ui.app import GC_YOUNG
from game.ui.widgets.footer import KeysFooter

from .conftest import showing, until

PLAYER = {"minister": "Ahmed"}


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


def footer_words(app) -> list[tuple[str, str]]:
    return [(key.key, key.description) for key in footer_keys(app)]


async def to_consequences(app, pilot) -> None:
    """Choose option 1 (Enter past anything else) until the consequences screen shows."""
    for _ in range(40):
        if showing(app, "ConsequencesScreen")():
            await pilot.pause()
            return
        await pilot.press("1" if showing(app, "PlayScreen")() else "enter")
        await pilot.pause()
    raise AssertionError("no consequences screen")


async def test_the_consequences_footer_keeps_its_keys_and_rewords_them(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYER, scenario="test")
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, showing(app, "PlayScreen"))
        await to_consequences(app, pilot)
        await until(pilot, lambda: ("enter", "Verder") in footer_words(app))
        first, words = footer_keys(app), footer_words(app)
        await pilot.press("enter")
        await until(pilot, showing(app, "PlayScreen"))
        await to_consequences(app, pilot)
        await until(pilot, lambda: footer_words(app) == words)
        assert footer_keys(app) == first  # the same keys, not built again
        app.set_language("en")
        await until(pilot, lambda: ("enter", "Continue") in footer_words(app))
        assert ("enter", "Verder") not in footer_words(app)


class Toggled(App[None]):
    """A footer with a key shown only while ``offered``."""

    BINDINGS = [Binding("x", "extra", "Extra"), Binding("q", "quit", "Stop")]
    ENABLE_COMMAND_PALETTE = False
    offered = True

    def compose(self) -> ComposeResult:
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.offered if action == "extra" else True


async def test_the_footer_builds_its_keys_again_when_a_key_comes_or_goes():
    app = Toggled()
    async with app.run_test() as pilot:
        await until(pilot, lambda: ("x", "Extra") in footer_words(app))
        app.offered = False
        app.refresh_bindings()
        await until(pilot, lambda: [k for k, _ in footer_words(app)] == ["q"])
        app.offered = True
        app.refresh_bindings()
        await until(pilot, lambda: [k for k, _ in footer_words(app)] == ["x", "q"])


class WithPalette(App[None]):
    BINDINGS = [Binding("x", "extra", "Extra"), Binding("q", "quit", "Stop")]

    def compose(self) -> ComposeResult:
        yield KeysFooter()


async def test_footer_keys_are_not_restyled_as_they_mount_and_look_as_textuals_do():
    app = WithPalette()
    restyled = []
    update_styles = app.update_styles

    def counted(node, **options):
        restyled.append(node)
        update_styles(node, **options)

    app.update_styles = counted
    async with app.run_test() as pilot:
        await until(pilot, lambda: len(footer_keys(app)) == 3)
        keys = {key.key: key for key in footer_keys(app)}
        palette = keys.pop(app.COMMAND_PALETTE_BINDING)
        assert palette.has_class("-compact")  # as in Textual's footer: the palette's key is compact
        assert not any(key.compact or key.has_class("-compact") for key in keys.values())
        assert [node for node in restyled if node in keys.values()] == []


async def test_a_theme_chosen_while_the_consequences_were_away_shows_on_their_return(make_app, trio_pack):
    app = make_app(trio_pack, players=PLAYER, scenario="test")
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, showing(app, "PlayScreen"))
        await to_consequences(app, pilot)
        dark = app.screen.styles.background
        await pilot.press("enter")
        await until(pilot, showing(app, "PlayScreen"))
        app.set_theme("light")
        await pilot.pause()
        await to_consequences(app, pilot)
        light = Color.parse(app.current_theme.background)
        await until(pilot, lambda: app.screen.styles.background == light)
        assert light != dark


class Cycle:
    """Garbage only the collector frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


async def test_the_garbage_of_a_decision_is_collected_once_its_frame_is_drawn(make_app, trio_pack):
    before = gc.get_threshold()
    app = make_app(trio_pack, players=PLAYER, scenario="test")
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, showing(app, "PlayScreen"))
        # The collector waits for many new objects (more than a decision makes) before it runs by itself.
        assert gc.get_threshold()[0] == GC_YOUNG
        garbage = Cycle()
        gone = weakref.ref(garbage)
        del garbage
        await to_consequences(app, pilot)
        await until(pilot, lambda: gone() is None)
    assert gc.get_threshold() == before  # the app gives the collector back as it was


async def test_apps_running_together_give_the_collector_back_when_the_last_one_closes(make_app, trio_pack):
    before = gc.get_threshold()
    first, second = make_app(trio_pack), make_app(trio_pack)
    opened_first, opened_second = first.run_test(), second.run_test()
    pilot = await opened_first.__aenter__()
    await until(pilot, lambda: gc.get_threshold()[0] == GC_YOUNG)
    other = await opened_second.__aenter__()
    await until(other, lambda: second.screen.query("#title-menu"))
    await other.pause()
    await opened_first.__aexit__(None, None, None)  # the first to start closes first
    assert gc.get_threshold()[0] == GC_YOUNG  # the second still runs
    await opened_second.__aexit__(None, None, None)
    assert gc.get_threshold() == before
