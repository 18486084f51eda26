"""The title screen: new game, continue, load, settings, help, quit."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import text

from .base import GameScreen


class TitleScreen(GameScreen[None]):
    """The first screen; the menu works with arrows and Enter, the first letters, or the mouse."""

    _was_ready = False

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(id="title-name")
            yield Static(id="title-sub")
            with Center():
                yield OptionList(id="title-menu")
            yield Static(id="title-pack")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_menu()

    def relabel(self) -> None:
        self.refresh_menu()

    def refresh_menu(self, reset: bool = False) -> None:
        app = self.wapp
        self.query_one("#title-name", Static).update(Text(self.tr("app.title"), style="bold"))
        self.query_one("#title-sub", Static).update(self.tr("app.subtitle"))
        menu = self.query_one("#title-menu", OptionList)
        highlighted = menu.highlighted
        ready = app.pack is not None
        latest = None
        if ready and app.store is not None:
            try:
                latest = app.store.latest_autosave()
            except Exception:  # noqa: BLE001 - an unreadable saves folder must not block the title
                latest = None
        menu.clear_options()
        menu.add_options(
            [
                Option(self.tr("title.new"), id="new", disabled=not ready),
                Option(
                    self.tr("title.continue" if latest else "title.continue_none"),
                    id="continue",
                    disabled=latest is None,
                ),
                Option(self.tr("title.load"), id="load", disabled=not ready or app.store is None),
                Option(self.tr("title.settings"), id="settings"),
                Option(self.tr("title.help"), id="help"),
                Option(self.tr("title.quit"), id="quit"),
            ]
        )
        if reset or (ready and not self._was_ready):
            highlighted = None  # content just arrived: start on "new game" (or "continue")
        self._was_ready = ready
        if highlighted is None:
            highlighted = (1 if latest else 0) if ready else 3
        menu.highlighted = highlighted
        pack = self.query_one("#title-pack", Static)
        if app.pack is not None:
            manifest = app.pack.manifest
            pack.update(
                self.tr("title.pack", title=text(manifest.title, self.lang), version=manifest.version)
            )
        elif app.problems:
            pack.update(self.tr("problems.title"))
        else:
            pack.update(self.tr("title.loading"))
        menu.focus()

    @on(OptionList.OptionSelected, "#title-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        app = self.wapp
        match event.option_id:
            case "new":
                app.action_new()
            case "continue":
                app.continue_latest()
            case "load":
                app.action_load()
            case "settings":
                app.action_settings()
            case "help":
                app.action_help()
            case "quit":
                app.exit()
