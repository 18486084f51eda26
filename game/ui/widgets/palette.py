"""The command palette in the player's language.

Textual's palette writes its own few texts in English ("No matches found", the placeholder); this one
says them in Dutch or English, following the app's language.
"""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from game.i18n import t

from ..screens.base import localise_textual


class GameCommandPalette(CommandPalette):
    """Textual's command palette with its texts in ``lang``."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(placeholder=t("cmd.search", lang), **kwargs)
        self.lang = lang
        localise_textual(self, lang)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with the "no matches" line in the player's language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("cmd.no_matches", self.lang), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
