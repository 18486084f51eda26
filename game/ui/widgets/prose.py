"""Text blocks for the reading screens: headings, and lines whose wrapped part stays under the text."""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

#: Lines this long fit on one line of the reading screens at 80 columns.
SHORT = 72
_MARKER = re.compile(r"^(\s*)(•|▶|✓|✗|→|\d+\.)\s")


def line(content: str, style: str = "") -> RenderableType:
    """One line of prose; a bulleted or numbered line wraps with a hanging indent."""
    if len(content) <= SHORT:
        return Text(content, style=style)  # fits on one line at 80 columns: no grid needed (grids are slow)
    found = _MARKER.match(content)
    if not found:
        indent = len(content) - len(content.lstrip(" "))
        if not indent:
            return Text(content, style=style)
        # An indented continuation (a critique's summary, a citation): keep the whole block indented.
        grid = Table.grid(expand=True)
        grid.add_column(width=indent)
        grid.add_column(ratio=1)
        grid.add_row("", Text(content[indent:], style=style))
        return grid
    lead, marker = found.group(1), found.group(2)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=len(lead) + len(marker))
    grid.add_column(ratio=1)
    grid.add_row(Text(lead + marker, style=style or "bold"), Text(content[found.end() :], style=style))
    return grid


#: How the reading screens set apart the kinds of line the view marks (see ``view.Line``); the words say
#: it too ("Voorkomen:", "Wat anders was gebeurd:"), so nothing rests on colour alone.
KIND_STYLES = {"averted": "bold green", "would": "italic"}


def view_style(content: str) -> str:
    """The style for one of the view's lines, by its kind (plain text has none)."""
    return KIND_STYLES.get(getattr(content, "kind", ""), "")


class Prose:
    """Collects blocks and lines, then renders them as one group for a Static."""

    def __init__(self) -> None:
        self.parts: list[RenderableType] = []

    def heading(self, content: str, style: str = "bold underline", gap: bool = True) -> None:
        if gap and self.parts:
            self.parts.append(Text(""))
        self.parts.append(Text(content, style=style))

    def add(self, content: str, style: str = "") -> None:
        self.parts.append(line(content, style))

    def gap(self) -> None:
        self.parts.append(Text(""))

    def render(self) -> Group:
        return Group(*self.parts)
