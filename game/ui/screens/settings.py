"""The settings dialog: language and theme, applied at once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import t

from .base import GameModal

LANGS = {"nl": "Nederlands", "en": "English"}
THEME_NAMES = ("dark", "light", "contrast")


class SettingsScreen(GameModal[None]):
    """Language (nl, en) and theme (dark, light, high contrast); the current one is marked ●."""

    BINDINGS = [Binding("escape", "close", "Back", id="back")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings-box"):
            yield Static(id="settings-title", classes="page-title")
            yield Label(id="settings-lang-label")
            yield OptionList(id="settings-lang", classes="settings-list")
            yield Label(id="settings-theme-label")
            yield OptionList(id="settings-theme", classes="settings-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("", variant="primary", id="settings-close")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#settings-lang", OptionList).focus()

    def relabel(self) -> None:
        app = self.wapp
        self.query_one("#settings-title", Static).update(t("settings.title", self.lang))
        self.query_one("#settings-lang-label", Label).update(t("settings.language", self.lang))
        self.query_one("#settings-theme-label", Label).update(t("settings.theme", self.lang))
        self.query_one("#settings-close", Button).label = t("settings.close", self.lang)
        self._fill("#settings-lang", [(code, name, app.lang == code) for code, name in LANGS.items()])
        self._fill(
            "#settings-theme",
            [(name, t(f"settings.{name}", self.lang), app.theme_name == name) for name in THEME_NAMES],
        )

    def _fill(self, selector: str, items: list[tuple[str, str, bool]]) -> None:
        listing = self.query_one(selector, OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(("● " if on else "○ ") + label, id=key) for key, label, on in items])
        if highlighted is None:
            highlighted = next((n for n, item in enumerate(items) if item[2]), 0)
        listing.highlighted = highlighted

    @on(OptionList.OptionSelected, "#settings-lang")
    def language(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id != self.wapp.lang:
            self.wapp.set_language(event.option_id)
        self.relabel()

    @on(OptionList.OptionSelected, "#settings-theme")
    def theme(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.wapp.set_theme(event.option_id)
        self.relabel()

    @on(Button.Pressed, "#settings-close")
    def action_close(self) -> None:
        self.dismiss()
