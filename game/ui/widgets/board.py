"""The deliberation board: which consulted role gave which input, in the order they speak."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class DeliberationBoard(Static):
    """Each consulted role with its input, once given (every player may see these)."""

    DEFAULT_CSS = """
    DeliberationBoard { height: auto; }
    """

    def show(self, heading: str, lines: list[tuple[str, str]], empty: str) -> None:
        out = Text()
        out.append(heading, style="bold underline")
        if not lines:
            out.append("\n" + empty, style="italic")
        for role, given in lines:
            out.append(f"\n{role}: ", style="bold")
            out.append(given)
        self.update(out)
