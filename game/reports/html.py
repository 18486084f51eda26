"""HTML pages from Jinja2 templates: the debrief report and the class comparison.

The templates and their style sheet live in ``templates/`` beside this module; the style sheet is included
into the page, so a report stays one self-contained file (no scripts, no external files, no web addresses):
it opens offline in any browser and prints on A4. Every value is escaped by the template engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from game.i18n import fmt_delta, fmt_num, t
from game.reports.report import PHASES, Report, critique_counts

#: Colour-blind-safe line colours (Okabe & Ito), each with its own dash pattern so a grey print still
#: tells the lines apart.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 4", "12 4", "1 3")

#: The chart's frame, in SVG user units (the viewBox; the page scales it to its width).
CHART_W, CHART_H = 720, 320
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 46, 18, 14, 38


@cache
def environment() -> Environment:
    """The template environment (built once): autoescaped, block tags leave no blank lines behind."""
    env = Environment(
        loader=PackageLoader("game", "reports/templates"),
        autoescape=select_autoescape(),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = fmt_num
    env.filters["delta"] = fmt_delta
    return env


def page(template: str, lang: str, **values: object) -> str:
    """A template rendered in ``lang``: ``say(key, **values)`` gives the report's strings."""

    def say(key: str, **fill: object) -> str:
        return t(key, lang, **fill)

    return environment().get_template(template).render(lang=lang, say=say, **values) + "\n"


# -- the chart --------------------------------------------------------------------------------------
@dataclass
class Line:
    """One meter's line in the chart: its style and its points as (x, y, round, value)."""

    id: str
    name: str
    colour: str
    dash: str
    points: list[tuple[float, float, int, float]]
    lower_is_better: bool

    @property
    def coords(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _, _ in self.points)


@dataclass
class Chart:
    """The meters as an SVG line chart, every coordinate worked out for the template."""

    low: float
    high: float
    width: int
    height: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    #: grid lines: (y, value)
    ticks: list[tuple[float, float]]
    #: labels under the x axis: (x, text, anchor)
    labels: list[tuple[float, str, str]]
    lines: list[Line]


def chart(report: Report) -> Chart:
    """The chart of ``report``'s meters on one shared scale, from the lowest meter minimum to the highest
    maximum, so lines can be compared by height."""
    meters, points = report.meters, report.rounds_played + 1
    low = min((m.low for m in meters), default=0.0)
    high = max((m.high for m in meters), default=100.0)
    high = high if high > low else low + 1
    pw, ph = CHART_W - PAD_LEFT - PAD_RIGHT, CHART_H - PAD_TOP - PAD_BOTTOM

    def x(n: int) -> float:
        return round(PAD_LEFT + (n * pw / (points - 1) if points > 1 else pw / 2), 2)

    def y(v: float) -> float:
        return round(PAD_TOP + (high - v) / (high - low) * ph, 2)

    ticks = [(y(low + (high - low) * k / 4), low + (high - low) * k / 4) for k in range(5)]
    step = 1 if points <= 21 else 5
    # Numbers only (the axis is titled with the round's name), so 15 or more rounds fit side by side.
    labels = [
        (x(0) - 4, report.round_label(0), "start") if n == 0 else (x(n), str(n), "middle")
        for n in range(points)
        if n % step == 0 or n == points - 1
    ]
    lines = [
        Line(
            m.id,
            m.name,
            COLOURS[i % len(COLOURS)],
            DASHES[i % len(DASHES)],
            [(x(n), y(v), n, v) for n, v in enumerate(m.values)],
            not m.higher_is_better,
        )
        for i, m in enumerate(meters)
    ]
    return Chart(low, high, CHART_W, CHART_H, PAD_LEFT, PAD_TOP, pw, ph, ticks, labels, lines)


# -- the pages --------------------------------------------------------------------------------------
def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no scripts, no external files)."""
    return page(
        "report.html",
        report.lang,
        report=report,
        chart=chart(report),
        better={m.id: m.higher_is_better for m in report.meters},
        counts={c.id: critique_counts(report, c) for c in report.critiques},
        phases=PHASES,
    )
