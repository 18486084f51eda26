"""The choice list: the acting role's options, numbered, with their costs and the meters they touch."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.game import Game, Step
from game.i18n import t, text

from ..view import choice_details


class ChoiceList(OptionList):
    """Options of the current step; pick with the number keys, arrows and Enter, or the mouse."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 100%; border: none; padding: 0; }
    ChoiceList:focus { border: none; }
    """

    def show(self, game: Game, step: Step, lang: str, highlight: bool = True) -> None:
        """List ``step``'s choices; with ``highlight`` the first one that can be taken is highlighted (Enter
        takes it), without it none is (the player points first). Too expensive options stay selectable so
        that choosing one can say why it cannot be taken."""
        self.clear_options()
        for n, choice in enumerate(step.choices, start=1):
            body = Text()
            # a news step's one choice (CONTINUE) has no content words: the UI words it
            label = text(choice.label, lang) if choice.label is not None else t("key.continue", lang)
            body.append(label, style="bold" if choice.available else "dim strike")
            for detail in choice_details(game, step, choice, lang):
                body.append("\n" + detail, style="italic")
            if choice.description:
                body.append("\n" + text(choice.description, lang))
            # A grid keeps wrapped lines under the label rather than under the number.
            prompt = Table.grid(padding=(0, 1), expand=True)
            prompt.add_column(width=2)
            prompt.add_column(ratio=1)
            prompt.add_row(Text(f"{n}.", style="bold"), body)
            self.add_option(Option(prompt, id=choice.id))
        first = next((i for i, c in enumerate(step.choices) if c.available), None)
        self.highlighted = first if highlight else None
