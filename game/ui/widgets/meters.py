"""The meter panel: every shared meter with a bar, its number, this round's change and a small trend."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..view import MeterRow, bar, fmt_delta, fmt_num, sparkline


class MeterPanel(Static):
    """All meters, one line each; the numbers and signs carry the meaning, colour only underlines it."""

    DEFAULT_CSS = """
    MeterPanel { height: auto; padding: 0 1; }
    """

    BAR = 12
    TREND = 10

    def show(self, rows: list[MeterRow]) -> None:
        self.update(self.render_rows(rows))

    @classmethod
    def render_rows(cls, rows: list[MeterRow]) -> Text:
        width = max((len(r.name) for r in rows), default=8)
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, row in enumerate(rows):
            if n:
                out.append("\n")
            out.append(row.name.ljust(width) + " ", style="bold")
            out.append(bar(row.value, row.low, row.high, cls.BAR), style="bold")
            out.append(f" {fmt_num(round(row.value)).rjust(3)} ")
            good = (row.delta > 0) == row.higher_is_better
            if row.delta:
                arrow = "▲" if row.delta > 0 else "▼"
                out.append(
                    f"{arrow}{fmt_delta(round(row.delta, 1))}".ljust(6), style="green" if good else "red"
                )
            else:
                out.append("  =   ", style="dim")
            out.append(" " + sparkline(list(row.series), row.low, row.high, cls.TREND))
        return out
