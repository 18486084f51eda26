"""The title screen: new game, continue, load, settings, help, quit."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.files.paths import default_saves_dir, may_hold_autosave
from game.i18n import t, text

from ..widgets.footer import KeysFooter
from .base import GameScreen


class TitleScreen(GameScreen[None]):
    """The first screen; the menu works with arrows and Enter, the first letters, or the mouse.

    It is built once, before the content has loaded (the player sees it at once); when the content
    arrives only what depends on it changes: which options can be chosen and the pack's name.
    """

    #: Whether there is an autosave to continue (looked for once the content is there).
    _latest = False

    def compose(self) -> ComposeResult:
        off = self._disabled()
        with Vertical(id="title-box"):
            yield Static(Text(t("app.title", self.lang), style="bold"), id="title-name")
            yield Static(t("app.subtitle", self.lang), id="title-sub")
            with Center():
                yield OptionList(
                    *(Option(prompt, id=key, disabled=key in off) for key, prompt in self._prompts().items()),
                    id="title-menu",
                )
            yield Static(self._pack_line(), id="title-pack")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._highlight()

    def content_arrived(self) -> None:
        """The content loaded (or failed to): enable what needs it, and start on "new game" or "continue"."""
        self.refresh_menu()

    def refresh_menu(self) -> None:
        """Show the menu as it is now (back on the title a game may have been autosaved meanwhile)."""
        self._latest = self._find_latest()
        self._update()
        self._highlight()

    def relabel(self) -> None:
        self.query_one("#title-name", Static).update(Text(t("app.title", self.lang), style="bold"))
        self.query_one("#title-sub", Static).update(t("app.subtitle", self.lang))
        self._update()

    def _find_latest(self) -> bool:
        if self.wapp.pack is None:
            return False
        # A folder listing answers "no autosave" (a first start, a classroom's fresh folder) without the
        # saves module and the engine's state, which the menu does not need; a candidate is read in full.
        if not may_hold_autosave(self.wapp.saves_dir or default_saves_dir()):
            return False
        try:
            return self.wapp.store.latest_autosave() is not None
        except Exception:  # noqa: BLE001 - an unreadable saves folder must not block the title
            return False

    def _prompts(self) -> dict[str, str]:
        return {
            "new": t("title.new", self.lang),
            "continue": t("title.continue" if self._latest else "title.continue_none", self.lang),
            "load": t("title.load", self.lang),
            "settings": t("title.settings", self.lang),
            "help": t("title.help", self.lang),
            "quit": t("title.quit", self.lang),
        }

    def _disabled(self) -> set[str]:
        off = set() if self.wapp.pack is not None else {"new", "load"}
        return off if self._latest else off | {"continue"}

    def _pack_line(self) -> str:
        pack = self.wapp.pack
        if pack is not None:
            manifest = pack.manifest
            return t("title.pack", self.lang, title=text(manifest.title, self.lang), version=manifest.version)
        return t("problems.title" if self.wapp.problems else "title.loading", self.lang)

    def _update(self) -> None:
        """Change the options' words and states, and the pack's line, where they differ (no rebuild)."""
        menu = self.query_one("#title-menu", OptionList)
        off = self._disabled()
        for key, prompt in self._prompts().items():
            option = menu.get_option(key)
            if option.prompt != prompt:
                menu.replace_option_prompt(key, prompt)
            if option.disabled != (key in off):
                (menu.disable_option if key in off else menu.enable_option)(key)
        self.query_one("#title-pack", Static).update(self._pack_line())

    def _highlight(self) -> None:
        """Start on "continue" when there is an autosave, else on "new game"; on "settings" while loading."""
        menu = self.query_one("#title-menu", OptionList)
        menu.highlighted = (1 if self._latest else 0) if self.wapp.pack is not None else 3
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
