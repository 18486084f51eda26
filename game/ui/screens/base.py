"""What every screen shares: binding descriptions in the player's language, and the app's typed handle."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from game.i18n import t

if TYPE_CHECKING:
    from ..gameapp import GameApp

R = TypeVar("R")


def localise_bindings(node: DOMNode, lang: str, prefix: str = "key.") -> None:
    """Give each binding that has an id the description of ``<prefix><id>`` in ``lang`` (for the footer)."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=t(f"{prefix}{b.id}", lang)) if b.id else b for b in bindings]


#: Textual's own bindings that show in the footer, by widget class and action -> key of the UI string.
TEXTUAL_BINDINGS = {
    ("SelectOverlay", "dismiss"): "key.dismiss_menu",
    ("CommandPalette", "escape"): "key.close_palette",
}


def localise_textual(root: DOMNode, lang: str) -> None:
    """Give the footer texts of Textual's own widgets under ``root`` (an open Select's "Dismiss menu")
    the app's language: Textual writes them in English only."""
    names = {name for name, _ in TEXTUAL_BINDINGS}
    nodes = [root, *root.query("*")] if root.is_attached else [root]
    for node in nodes:
        name = next((c.__name__ for c in type(node).__mro__ if c.__name__ in names), None)
        if name is None:
            continue
        table = node._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [
                replace(b, description=t(TEXTUAL_BINDINGS[name, b.action], lang))
                if (name, b.action) in TEXTUAL_BINDINGS
                else b
                for b in bindings
            ]


class _Localised:
    """Mixin: the screen's language, a translation shortcut and localised bindings on mount."""

    @property
    def wapp(self) -> GameApp:
        """The app, typed: every screen of the game runs in a :class:`~game.ui.gameapp.GameApp`."""
        return cast("GameApp", self.app)  # type: ignore[attr-defined]

    @property
    def lang(self) -> str:
        return self.wapp.lang

    def relabel(self) -> None:
        """Word the screen again after a change of language (its bindings are done already)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Screens are made while the app runs, so the app (and its language) is known here.
        localise_bindings(self, self.lang)  # type: ignore[arg-type]


class GameScreen(_Localised, Screen[R], Generic[R]):
    """A full screen of the game."""


class GameModal(_Localised, ModalScreen[R], Generic[R]):
    """A modal dialog of the game that answers with ``dismiss(result)``."""
