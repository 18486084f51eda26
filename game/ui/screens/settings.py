"""The settings dialog: language and theme, applied at once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from .base import GameModal

LANGS = {"nl": "Nederlands", "en": "English"}


class SettingsScreen(GameModal[None]):
    """Language (nl, en) and theme (dark, light, high contrast)."""

    BINDINGS = [Binding("escape", "close", "Back", id="back")]

    def compose(self) -> ComposeResult:
        app = self.wapp
        with Vertical(classes="dialog", id="settings-box"):
            yield Static(self.tr("settings.title"), classes="page-title", id="settings-title")
            yield Label(self.tr("settings.language"), id="settings-lang-label")
            with RadioSet(id="settings-lang"):
                for code, name in LANGS.items():
                    yield RadioButton(name, value=app.lang == code, id=f"lang-{code}")
            yield Label(self.tr("settings.theme"), id="settings-theme-label")
            with RadioSet(id="settings-theme"):
                for name in ("dark", "light", "contrast"):
                    yield RadioButton(
                        self.tr(f"settings.{name}"), value=app.theme_name == name, id=f"theme-{name}"
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("settings.close"), variant="primary", id="settings-close")

    def on_mount(self) -> None:
        self.query_one("#settings-lang", RadioSet).focus()

    def relabel(self) -> None:
        self.query_one("#settings-title", Static).update(self.tr("settings.title"))
        self.query_one("#settings-lang-label", Label).update(self.tr("settings.language"))
        self.query_one("#settings-theme-label", Label).update(self.tr("settings.theme"))
        for name in ("dark", "light", "contrast"):
            self.query_one(f"#theme-{name}", RadioButton).label = self.tr(f"settings.{name}")
        self.query_one("#settings-close", Button).label = self.tr("settings.close")

    @on(RadioSet.Changed, "#settings-lang")
    def language(self, event: RadioSet.Changed) -> None:
        code = (event.pressed.id or "lang-nl").removeprefix("lang-")
        if code != self.wapp.lang:
            self.wapp.set_language(code)

    @on(RadioSet.Changed, "#settings-theme")
    def theme(self, event: RadioSet.Changed) -> None:
        self.wapp.set_theme((event.pressed.id or "theme-dark").removeprefix("theme-"))

    @on(Button.Pressed, "#settings-close")
    def action_close(self) -> None:
        self.dismiss()
