"""The meter panel: every shared meter with a bar, its number, this round's change and a small trend."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.i18n import fmt_delta, fmt_num

from ..view import MeterRow, bar, sparkline


class MeterPanel(Static):
    """All meters, one line each; bar, number, sign and arrow carry the meaning, colour only underlines it.

    The bar and the trend grow with the terminal's width.
    """

    DEFAULT_CSS = """
    MeterPanel { height: auto; padding: 0 1; }
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.rows: list[MeterRow] = []

    def show(self, rows: list[MeterRow]) -> None:
        self.rows = rows
        self.update(self.render_rows(rows, self.size.width or 80, self.app.lang))

    def on_resize(self) -> None:
        if self.rows:
            self.update(self.render_rows(self.rows, self.size.width, self.app.lang))

    @staticmethod
    def render_rows(rows: list[MeterRow], width: int = 80, lang: str = "nl") -> Text:
        name_width = max((len(r.name) for r in rows), default=8)
        room = max(0, width - 2 - name_width - 14)
        bar_width = max(12, min(40, room // 2))
        trend_width = max(10, min(40, room - bar_width))
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, row in enumerate(rows):
            if n:
                out.append("\n")
            out.append(row.name.ljust(name_width) + " ", style="bold")
            out.append(bar(row.value, row.low, row.high, bar_width), style="bold")
            out.append(f" {fmt_num(round(row.value), lang).rjust(3)} ")
            good = (row.delta > 0) == row.higher_is_better
            if row.delta:
                arrow = "▲" if row.delta > 0 else "▼"
                out.append(f"{arrow}{fmt_delta(row.delta, lang)}".ljust(6), style="green" if good else "red")
            else:
                out.append("  =   ", style="dim")
            out.append(" " + sparkline(list(row.series), row.low, row.high, trend_width))
        return out
