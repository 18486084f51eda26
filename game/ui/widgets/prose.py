"""Text blocks for the reading screens: headings, and lines whose wrapped part stays under the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

#: Lines this long fit on one line of the reading screens at 80 columns.
SHORT = 72
_MARKER = re.compile(r"^(\s*)(•|▶|✓|✗|→|\d+\.)\s")


def line(content: str, style: str = "") -> RenderableType:
    """One line of prose; a bulleted or numbered line wraps with a hanging indent."""
    if len(content) <= SHORT:
        return Text(content, style=style)  # fits on one line at 80 columns: nothing to wrap
    found = _MARKER.match(content)
    if not found:
        indent = len(content) - len(content.lstrip(" "))
        if not indent:
            return Text(content, style=style)
        # An indented continuation (a critique's summary, a citation): keep the whole block indented.
        return Hanging(Text(" " * indent), Text(content[indent:], style=style), gap=0)
    lead, marker = found.group(1), found.group(2)
    return Hanging(Text(lead + marker, style=style or "bold"), Text(content[found.end() :], style=style))


class Hanging:
    """A lead (a marker, or blanks) and a text wrapped beside it, its wrapped lines under the text, not under
    the lead. It draws what a two-column ``Table.grid`` drew, without a table's measuring and cell padding,
    which made these lines the slowest part of drawing a consequences screen."""

    def __init__(self, lead: Text, body: Text, gap: int = 1) -> None:
        self.lead, self.body, self.gap = lead, body, gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gap = Segment(" " * self.gap)  # unstyled, as a grid's padding was
        width = self.lead.cell_len + self.gap
        rows = self.body.wrap(console, max(options.max_width - width, 1), justify="left", overflow="ellipsis")
        for n, row in enumerate(rows):
            if n:
                yield Segment(" " * width)
            else:
                yield from _styled(console, self.lead)
                yield gap
            yield from _styled(console, row)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.lead.cell_len + self.gap + 1, options.max_width)


def _styled(console: Console, text: Text) -> Iterable[Segment]:
    """The segments of one line of text, its own style under its spans (Text.render leaves it out)."""
    segments = text.render(console)
    return Segment.apply_style(segments, console.get_style(text.style)) if text.style else segments


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

    def render(self) -> Drawn:
        return Drawn(Group(*self.parts))


class Drawn:
    """A group of prose that keeps its segments for the width it was last drawn at.

    Textual draws a Static's text twice for one frame at the same width (once to measure its height, once
    for its lines), and again whenever its screen comes back: the text is the same each time, so the
    second and later draws at that width reuse the first's segments (they are immutable)."""

    def __init__(self, group: Group) -> None:
        self.group = group
        self._drawn: tuple[tuple[object, ...], list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.justify, options.overflow, options.no_wrap, options.highlight)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, list(console.render(self.group, options)))
        return self._drawn[1]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.group)
