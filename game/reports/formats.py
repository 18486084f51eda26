"""Writing a :class:`~game.reports.report.Report` as one self-contained HTML page, Markdown, or CSV.

The HTML page has its styles inline, draws its chart as inline SVG and uses the reader's system fonts: no
scripts, no external files, no web addresses, so it opens offline in any browser and prints on A4.
"""

from __future__ import annotations

import csv
import io
from html import escape

from game.i18n import decimal, fmt_delta
from game.reports.report import EffectLine, EventLine, NoteLine, ReasonLine, Report
from game.reports.strings import r

#: Colour-blind-safe line colours (Okabe & Ito), each with its own dash pattern so a grey print still
#: tells the lines apart.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 4", "12 4", "1 3")
SPARKS = "▁▂▃▄▅▆▇"

#: The chart's frame, in SVG user units (the viewBox; the page scales it to its width).
CHART_W, CHART_H = 720, 320
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 46, 18, 14, 38


def num(value: float, lang: str) -> str:
    """A number as people write it: no needless decimals, a decimal comma in Dutch."""
    if abs(value - round(value)) < 1e-9:
        out = str(int(round(value)))
    else:
        out = f"{value:.1f}".rstrip("0").rstrip(".")
    return decimal(out, lang)


def signed(value: float, lang: str) -> str:
    """A signed number with ASCII signs (``+2``, ``-1``), for the CSV."""
    return ("+" if value > 0 else "") + num(value, lang)


def effect_text(effect: EffectLine, lang: str) -> str:
    """One change with its cause, for the CSV's cell of effects: ``Vertrouwen +2 (besluit)``."""
    out = f"{effect.name} {signed(effect.delta, lang)} ({effect.cause})"
    if effect.text:
        out += f": {effect.text}"
    return out


def reason_lines(reason: ReasonLine, lang: str) -> list[str]:
    """A reason as the play screens tell it, as plain text.

    ``Inbreng van de bewoner gehonoreerd: Vertrouwen +2, Zeggenschap +1``; a reason with its own text gets
    it, and its changes on a line under it (``→ Leefbaarheid +2``). The critiques it illustrates follow
    its changes in brackets.
    """
    amounts = ", ".join(f"{e.label} {fmt_delta(e.delta, lang)}" for e in reason.effects)
    amounts += "".join(f" [{r('report.illustrates', lang, title=c)}]" for c in reason.critiques)
    if reason.text:
        return [f"{reason.reason} — {reason.text}"] + ([f"→ {amounts}"] if amounts else [])
    return [f"{reason.reason}: {amounts}"]


def note_lines(note: NoteLine) -> list[str]:
    """A note as plain text: an averted downside is marked ✓, with what would have happened under it."""
    if note.kind == "averted":
        return [f"✓ {note.text}"] + ([note.would] if note.would else [])
    return [note.text]


def input_text(report: Report, event: EventLine) -> list[str]:
    lang = report.lang
    lines = []
    for given in event.inputs:
        tags = [r(f"report.{given.verdict}", lang)] if given.verdict else []
        if given.shared:
            tags.append(r("report.shared", lang))
        lines.append(f"{given.role}: {given.label}" + (f" ({', '.join(tags)})" if tags else ""))
    return lines


def sparkline(values: list[float], low: float, high: float) -> str:
    """Values as a line of block characters from ``low`` (▁) to ``high`` (▇); flat in the middle."""
    if high <= low:
        return SPARKS[len(SPARKS) // 2] * len(values)
    span = high - low
    return "".join(
        SPARKS[max(0, min(len(SPARKS) - 1, round((v - low) / span * (len(SPARKS) - 1))))] for v in values
    )


# -- Markdown -----------------------------------------------------------------------------------------
def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _md_consequences(
    reasons: list[ReasonLine], notes: list[NoteLine], lang: str, indent: str = ""
) -> list[str]:
    """Reasons and notes as a Markdown list; a line under an item continues it (what would have happened
    in italics), so it stays on its own line in the file and with its item when rendered."""
    out = []
    for reason in reasons:
        first, *rest = reason_lines(reason, lang)
        out.append(f"{indent}- {first}")
        out += [f"{indent}  {line}" for line in rest]
    for note in notes:
        first, *rest = note_lines(note)
        out.append(f"{indent}- {first}")
        out += [f"{indent}  *{line}*" for line in rest]
    return out


def _md_table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def to_markdown(report: Report) -> str:
    """The report as Markdown: lists and tables, with the meters as a table and a text chart."""
    lang = report.lang
    rn = report.round_name.lower()
    out = [f"# {r('report.title', lang)}", ""]
    for warning in report.warnings:
        out += [f"> {r('report.mismatch', lang, detail=warning)}", ""]
    out += [f"## {r('report.summary', lang)}", ""]
    scenario = report.scenario + (f" ({report.variant})" if report.variant else "")
    out.append(f"- {r('report.scenario', lang)}: {scenario}")
    out.append(f"- {r('report.code', lang)}: `{report.code}`")
    out.append(f"- {r('report.seed', lang)}: {report.seed}")
    out.append(f"- {r('report.pack', lang)}: {report.pack} {report.pack_version}")
    if report.source:
        out.append(f"- {r('report.source', lang)}: {report.source}")
    played = r("report.played_of", lang, played=report.rounds_played, total=report.rounds_total)
    out.append(f"- {r('report.played', lang)}: {played}")
    if report.finished:
        out.append(f"- {r('report.ending', lang)}: **{report.ending_title}**. {report.ending_text}")
    else:
        not_ended = r("report.not_ended", lang, round_name=rn, round=report.current_round)
        out.append(f"- {r('report.ending', lang)}: {not_ended}")
    out += ["", f"### {r('report.roles', lang)}", ""]
    out += _md_table(
        [r("report.role", lang), r("report.player", lang)], [[p.role, p.player] for p in report.players]
    )

    out += ["", f"## {r('report.meters', lang)}", ""]
    header = [report.round_name] + [m.name + ("" if m.higher_is_better else " ↓") for m in report.meters]
    rows = []
    for n in range(report.rounds_played + 1):
        rows.append([report.round_label(n)] + [num(m.values[n], lang) for m in report.meters])
    out += _md_table(header, rows, right=set(range(1, len(header))))
    if any(not m.higher_is_better for m in report.meters):
        out += ["", f"↓ {r('report.lower_better', lang)}"]
    out += ["", r("report.text_chart", lang), "", "```text"]
    width = max((len(m.name) for m in report.meters), default=0)
    for m in report.meters:
        line = sparkline(m.values, min(m.values), max(m.values))
        out.append(f"{m.name.ljust(width)}  {line}  {num(m.values[0], lang)} → {num(m.values[-1], lang)}")
    out += ["```", ""]

    out += [f"## {r('report.rounds', lang, round_name=rn)}", ""]
    for rnd in report.rounds:
        out += [f"### {rnd.label}", ""]
        for event in rnd.events:
            out += _md_event(report, event)
        if rnd.end_reasons or rnd.end_notes:
            out.append(f"**{r('report.round_end', lang, round_name=rn)}:**")
            out.append("")
            out += _md_consequences(rnd.end_reasons, rnd.end_notes, lang)
            out.append("")
        after = " · ".join(f"{m.name} {num(rnd.meters.get(m.id, 0), lang)}" for m in report.meters)
        out += [f"**{r('report.meters_after', lang)}:** {after}", ""]

    out += [f"## {r('report.critiques', lang)}", ""]
    if not report.critiques:
        out += [r("report.no_critiques", lang), ""]
    else:
        out += [r("report.critiques_intro", lang), ""]
    for c in report.critiques:
        out += [f"### {c.title}: {_critique_counts(report, c)}", "", f"*{c.summary}*", "", c.explanation, ""]
        if c.where:
            out.append(f"- {r('report.where', lang)}: {'; '.join(c.where)}")
        out.append(f"- {r('report.source_cite', lang)}: {c.citation}")
        out.append("")

    out += [f"## {r('report.questions', lang)}", ""]
    if not report.questions:
        out += [r("report.no_questions", lang), ""]
    for phase in ("describe", "analyse", "transfer", "apply"):
        questions = [q for q in report.questions if q.phase == phase]
        if not questions:
            continue
        out += [f"### {r('phase.' + phase, lang)}", ""]
        out += [f"{n}. {q.text} *({q.source})*" for n, q in enumerate(questions, 1)]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _critique_counts(report: Report, c) -> str:  # noqa: ANN001 - a CritiqueLine
    lang = report.lang
    parts = [r("report.times", lang, n=c.count)] if c.count else []
    if c.in_ending:
        parts.append(r("report.in_ending", lang))
    if c.events:
        parts.append(r("report.in_events", lang, events=", ".join(c.events)))
    return "; ".join(parts)


def _md_event(report: Report, event: EventLine) -> list[str]:
    lang = report.lang
    if event.kind == "news":
        out = [f"#### {r('report.news', lang)}: {event.title}", ""]
        if event.outcome:
            out += [event.outcome, ""]
        items = _md_consequences(event.reasons, event.notes, lang)
        return out + items + ([""] if items else [])
    out = [f"#### {event.title}", ""]
    out.append(f"- {r('report.decides', lang)}: {event.decider}")
    inputs = input_text(report, event)
    if inputs:
        out.append(f"- {r('report.inputs', lang)}:")
        out += [f"  - {line}" for line in inputs]
    else:
        out.append(f"- {r('report.inputs', lang)}: {r('report.no_inputs', lang)}")
    out.append(f"- {r('report.decision', lang)}: **{event.decision}**")
    if event.outcome:
        out.append(f"- {r('report.outcome', lang)}: {event.outcome}")
    if event.reasons or event.notes:
        out.append(f"- {r('report.effects', lang)}:")
        out += _md_consequences(event.reasons, event.notes, lang, indent="  ")
    else:
        out.append(f"- {r('report.effects', lang)}: {r('report.no_effects', lang)}")
    return out + [""]


# -- CSV ------------------------------------------------------------------------------------------------
def csv_rows(report: Report) -> list[list[str]]:
    """One header row, then one row per decision (news has no decision and no row)."""
    lang = report.lang
    header = [
        r(f"csv.{key}", lang)
        for key in (
            "code",
            "round",
            "event_id",
            "event",
            "decider",
            "player",
            "inputs",
            "honoured",
            "ignored",
            "absent",
            "shared",
            "decision_id",
            "decision",
            "outcome",
            "effects",
            "critiques",
        )
    ]
    header += [r("csv.delta", lang, meter=m.id) for m in report.meters]
    header += [r("csv.after", lang, meter=m.id) for m in report.meters]
    players = {p.role_id: p for p in report.players}
    after = {rnd.round: rnd.meters for rnd in report.rounds}
    rows = [header]
    for event in report.decisions:
        decider = players.get(event.decider_id or "")
        role_only = {i.role_id: i for i in event.inputs}
        row = [
            report.code,
            str(event.round),
            event.event_id,
            event.title,
            decider.role if decider else "",
            decider.player if decider else "",
            "; ".join(input_text(report, event)),
            "; ".join(_role(players, i) for i in role_only.values() if i.verdict == "honoured"),
            "; ".join(_role(players, i) for i in role_only.values() if i.verdict == "ignored"),
            "; ".join(_role(players, i) for i in role_only.values() if i.verdict == "absent"),
            "; ".join(_role(players, i) for i in role_only.values() if i.shared),
            event.decision_id or "",
            event.decision,
            event.outcome,
            "; ".join(effect_text(e, lang) for e in event.effects),
            "; ".join(event.critiques),
        ]
        for m in report.meters:
            delta = sum(e.delta for e in event.effects if e.target == m.id)
            row.append(_plain(delta))
        meters = after.get(event.round, {})
        row += [_plain(meters[m.id]) if m.id in meters else "" for m in report.meters]
        rows.append(row)
    return rows


def _role(players: dict, given) -> str:  # noqa: ANN001 - an InputLine
    found = players.get(given.role_id)
    return found.role if found else given.role_id


def _plain(value: float) -> str:
    """A number for a spreadsheet: a decimal point, no needless decimals."""
    return str(int(round(value))) if abs(value - round(value)) < 1e-9 else f"{round(value, 4)}"


def to_csv(report: Report) -> str:
    """The report's decisions as CSV (comma-separated, quoted where needed, ``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(csv_rows(report))
    return buffer.getvalue()


# -- HTML -----------------------------------------------------------------------------------------------
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1b1b1b; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 54rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #b8b8b8; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #efefef; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 1.05em;
  letter-spacing: .05em; background: #f3f3f3; padding: 0 .25rem; border-radius: 3px; }
.ending { border: 2px solid #1b1b1b; padding: .6rem .9rem; margin: 1rem 0; }
.warning { background: #fff4ce; border: 1px solid #d8a800; padding: .5rem .8rem; }
figure { margin: 1rem 0; }
figure > svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .9rem; color: #444; }
ul.legend { list-style: none; padding: 0; margin: .4rem 0;
  display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
ul.legend svg { width: 34px; height: 10px; vertical-align: middle; }
table.meters { font-size: .85rem; }
table.meters th, table.meters td { padding: .2rem .3rem; }
table.meters.wide { font-size: .68rem; }
table.meters.wide th, table.meters.wide td { padding: .15rem .15rem; }
.event { border-left: 4px solid #0072B2; padding: .2rem 0 .2rem .8rem; margin: .8rem 0; }
.event.news { border-left-color: #9a9a9a; }
.event p, .event ul { margin: .2rem 0; }
.tag { font-size: .85em; padding: 0 .3rem; border: 1px solid currentColor; border-radius: 3px;
  white-space: nowrap; }
.honoured { color: #00602a; }
.ignored { color: #a40000; }
.absent, .shared { color: #4a4a4a; }
.up { color: #00602a; }
.down { color: #a40000; }
.averted strong { color: #00602a; }
.round-end { font-size: .92rem; }
.critique { border: 1px solid #b8b8b8; padding: .5rem .9rem; margin: .8rem 0; }
.critique .summary { font-style: italic; }
.cite { font-size: .9rem; color: #333; }
ol.questions li { margin: .25rem 0; }
.source { color: #555; font-size: .9em; }
@page { size: A4; margin: 14mm; }
@media print {
  main { max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; }
  .event, .critique, figure, tr, .ending { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def chart_svg(report: Report) -> str:
    """The meters as an inline SVG line chart; every point carries its meter, round and value."""
    lang = report.lang
    meters = report.meters
    points = report.rounds_played + 1
    low = min((m.low for m in meters), default=0.0)
    high = max((m.high for m in meters), default=100.0)
    if high <= low:
        high = low + 1
    pw = CHART_W - PAD_LEFT - PAD_RIGHT
    ph = CHART_H - PAD_TOP - PAD_BOTTOM

    def x(n: int) -> float:
        return round(PAD_LEFT + (n * pw / (points - 1) if points > 1 else pw / 2), 2)

    def y(v: float) -> float:
        return round(PAD_TOP + (high - v) / (high - low) * ph, 2)

    title = _e(r("report.meters", lang))
    out = [
        f'<svg viewBox="0 0 {CHART_W} {CHART_H}" role="img" '
        f'aria-labelledby="chart-title" data-ymin="{_e(num(low, "en"))}" data-ymax="{_e(num(high, "en"))}" '
        f'data-top="{PAD_TOP}" data-bottom="{PAD_TOP + ph}" font-family="system-ui, sans-serif" '
        'font-size="12">',
        f'<title id="chart-title">{title}</title>',
        f'<rect x="{PAD_LEFT}" y="{PAD_TOP}" width="{pw}" height="{ph}" fill="#fff" stroke="#888"/>',
    ]
    for k in range(5):
        value = low + (high - low) * k / 4
        yy = y(value)
        out.append(f'<line x1="{PAD_LEFT}" y1="{yy}" x2="{PAD_LEFT + pw}" y2="{yy}" stroke="#ddd"/>')
        out.append(
            f'<text x="{PAD_LEFT - 6}" y="{yy + 4}" text-anchor="end" fill="#333">'
            f"{_e(num(value, lang))}</text>"
        )
    step = 1 if points <= 21 else 5
    for n in range(points):
        if n % step and n != points - 1:
            continue
        # Numbers only (the axis is titled with the round's name), so 15 or more rounds fit side by side.
        label = report.round_label(n) if n == 0 else str(n)
        anchor = "start" if n == 0 else "middle"
        out.append(
            f'<text x="{x(n) - (4 if n == 0 else 0)}" y="{PAD_TOP + ph + 16}" text-anchor="{anchor}" '
            f'fill="#333">{_e(label)}</text>'
        )
    out.append(
        f'<text x="{PAD_LEFT + pw / 2}" y="{CHART_H - 4}" text-anchor="middle" fill="#333">'
        f"{_e(report.round_name)}</text>"
    )
    for i, m in enumerate(meters):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        coords = " ".join(f"{x(n)},{y(v)}" for n, v in enumerate(m.values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g data-meter="{_e(m.id)}">')
        out.append(f"<title>{_e(m.name)}</title>")
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr} '
            'stroke-linejoin="round"/>'
        )
        for n, v in enumerate(m.values):
            out.append(
                f'<circle cx="{x(n)}" cy="{y(v)}" r="3.2" fill="{colour}" data-meter="{_e(m.id)}" '
                f'data-round="{n}" data-value="{_e(num(v, "en"))}"/>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _legend(report: Report) -> str:
    items = []
    for i, m in enumerate(report.meters):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        swatch = (
            f'<svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true"><line x1="1" y1="5" x2="33" '
            f'y2="5" stroke="{colour}" stroke-width="2.5"{dash_attr}/></svg>'
        )
        lower = "" if m.higher_is_better else f" ({_e(r('report.lower_better', report.lang))})"
        items.append(f"<li>{swatch} {_e(m.name)}{lower}</li>")
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _delta_html(value: float, lang: str, higher_is_better: bool = True) -> str:
    good = (value > 0) == higher_is_better
    cls = "" if value == 0 else (' class="up"' if good else ' class="down"')
    return f"<span{cls}>{_e(fmt_delta(value, lang))}</span>"


def _reason_html(report: Report, reason: ReasonLine) -> str:
    """A reason as the play screens tell it (see :func:`reason_lines`), deltas coloured good or bad."""
    lang = report.lang
    meters = {m.id: m for m in report.meters}
    amounts = ", ".join(
        f"{_e(e.label)} "
        + _delta_html(e.delta, lang, meters[e.target].higher_is_better if e.target in meters else True)
        for e in reason.effects
    )
    amounts += "".join(
        f' <span class="tag">{_e(r("report.illustrates", lang, title=c))}</span>' for c in reason.critiques
    )
    if reason.text:
        return f"{_e(reason.reason)} — {_e(reason.text)}" + (f"<br>→ {amounts}" if amounts else "")
    return f"{_e(reason.reason)}: {amounts}"


def _consequences_html(report: Report, reasons: list[ReasonLine], notes: list[NoteLine]) -> list[str]:
    """List items for reasons and notes; an averted downside stands out, what would have happened apart."""
    items = [f"<li>{_reason_html(report, reason)}</li>" for reason in reasons]
    for note in notes:
        if note.kind == "averted":
            would = f'<br><em class="would">{_e(note.would)}</em>' if note.would else ""
            items.append(f'<li class="averted"><strong>✓ {_e(note.text)}</strong>{would}</li>')
        else:
            items.append(f"<li>{_e(note.text)}</li>")
    return items


def _event_html(report: Report, event: EventLine) -> list[str]:
    lang = report.lang
    if event.kind == "news":
        out = ['<div class="event news">', f"<h4>{_e(r('report.news', lang))}: {_e(event.title)}</h4>"]
        if event.outcome:
            out.append(f"<p>{_e(event.outcome)}</p>")
        items = _consequences_html(report, event.reasons, event.notes)
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
        return out + ["</div>"]
    out = ['<div class="event">', f"<h4>{_e(event.title)}</h4>"]
    out.append(f"<p><strong>{_e(r('report.decides', lang))}:</strong> {_e(event.decider)}</p>")
    if event.inputs:
        out.append(f"<p><strong>{_e(r('report.inputs', lang))}:</strong></p><ul>")
        for given in event.inputs:
            tags = ""
            if given.verdict:
                tags += f' <span class="tag {given.verdict}">{_e(r("report." + given.verdict, lang))}</span>'
            if given.shared:
                tags += f' <span class="tag shared">{_e(r("report.shared", lang))}</span>'
            out.append(f"<li>{_e(given.role)}: {_e(given.label)}{tags}</li>")
        out.append("</ul>")
    else:
        out.append(
            f"<p><strong>{_e(r('report.inputs', lang))}:</strong> {_e(r('report.no_inputs', lang))}</p>"
        )
    out.append(f"<p><strong>{_e(r('report.decision', lang))}:</strong> {_e(event.decision)}</p>")
    if event.outcome:
        out.append(f"<p><strong>{_e(r('report.outcome', lang))}:</strong> {_e(event.outcome)}</p>")
    items = _consequences_html(report, event.reasons, event.notes)
    if items:
        out.append(f"<p><strong>{_e(r('report.effects', lang))}:</strong></p>")
        out.append("<ul>" + "".join(items) + "</ul>")
    else:
        out.append(
            f"<p><strong>{_e(r('report.effects', lang))}:</strong> {_e(r('report.no_effects', lang))}</p>"
        )
    return out + ["</div>"]


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no scripts, no external files)."""
    lang = report.lang
    rn = report.round_name.lower()
    title = r("report.title", lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}: {_e(report.scenario)} ({_e(report.code)})</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(title)}</h1>",
    ]
    for warning in report.warnings:
        out.append(f'<p class="warning">{_e(r("report.mismatch", lang, detail=warning))}</p>')

    out += ['<section id="summary">', f"<h2>{_e(r('report.summary', lang))}</h2>", '<dl class="facts">']
    scenario = report.scenario + (f" ({report.variant})" if report.variant else "")
    facts = [
        ("report.scenario", _e(scenario)),
        ("report.code", f"<code>{_e(report.code)}</code>"),
        ("report.seed", _e(report.seed)),
        ("report.pack", _e(f"{report.pack} {report.pack_version}")),
    ]
    if report.source:
        facts.append(("report.source", _e(report.source)))
    played = r("report.played_of", lang, played=report.rounds_played, total=report.rounds_total)
    facts.append(("report.played", _e(played)))
    out += [f"<dt>{_e(r(key, lang))}</dt><dd>{value}</dd>" for key, value in facts]
    out.append("</dl>")
    if report.finished:
        out.append(
            f'<div class="ending"><strong>{_e(r("report.ending", lang))}: {_e(report.ending_title)}</strong>'
            f"<p>{_e(report.ending_text)}</p></div>"
        )
    else:
        not_ended = r("report.not_ended", lang, round_name=rn, round=report.current_round)
        out.append(
            f'<div class="ending"><strong>{_e(r("report.ending", lang))}:</strong> {_e(not_ended)}</div>'
        )
    out += [f"<h3>{_e(r('report.roles', lang))}</h3>", "<table>"]
    out.append(f"<tr><th>{_e(r('report.role', lang))}</th><th>{_e(r('report.player', lang))}</th></tr>")
    out += [f"<tr><td>{_e(p.role)}</td><td>{_e(p.player)}</td></tr>" for p in report.players]
    out += ["</table>", "</section>"]

    out += [
        '<section id="meters">',
        f"<h2>{_e(r('report.meters', lang))}</h2>",
        "<figure>",
        chart_svg(report),
    ]
    out.append(_legend(report))
    out.append(f"<figcaption>{_e(r('report.chart', lang, round_name=rn))}</figcaption>")
    # One row per meter and a column per round: short numbers side by side fit an A4 page.
    wide = " wide" if report.rounds_played > 10 else ""
    out += ["</figure>", f'<table class="meters{wide}">']
    heads = [_e(report.round_label(0))] + [str(n) for n in range(1, report.rounds_played + 1)]
    out.append(
        f"<tr><th>{_e(report.round_name)}</th>"
        + "".join(f'<th class="num">{h}</th>' for h in heads)
        + "</tr>"
    )
    for m in report.meters:
        cells = "".join(f'<td class="num">{_e(num(v, lang))}</td>' for v in m.values)
        out.append(f"<tr><th>{_e(m.name)}</th>{cells}</tr>")
    out += ["</table>", "</section>"]

    out += ['<section id="rounds">', f"<h2>{_e(r('report.rounds', lang, round_name=rn))}</h2>"]
    for rnd in report.rounds:
        out += [f'<section class="round" id="round-{rnd.round}">', f"<h3>{_e(rnd.label)}</h3>"]
        for event in rnd.events:
            out += _event_html(report, event)
        items = _consequences_html(report, rnd.end_reasons, rnd.end_notes)
        if items:
            out.append(
                f'<div class="round-end"><strong>{_e(r("report.round_end", lang, round_name=rn))}:</strong>'
                "<ul>" + "".join(items) + "</ul></div>"
            )
        after = " · ".join(f"{_e(m.name)} {_e(num(rnd.meters.get(m.id, 0), lang))}" for m in report.meters)
        out.append(f'<p class="round-end"><strong>{_e(r("report.meters_after", lang))}:</strong> {after}</p>')
        out.append("</section>")
    out.append("</section>")

    out += ['<section id="critiques">', f"<h2>{_e(r('report.critiques', lang))}</h2>"]
    intro = "report.critiques_intro" if report.critiques else "report.no_critiques"
    out.append(f"<p>{_e(r(intro, lang))}</p>")
    for c in report.critiques:
        out += [
            f'<div class="critique" id="critique-{_e(c.id)}">',
            f"<h3>{_e(c.title)}</h3>",
            f"<p><strong>{_e(_critique_counts(report, c))}</strong></p>",
            f'<p class="summary">{_e(c.summary)}</p>',
            f"<p>{_e(c.explanation)}</p>",
        ]
        if c.where:
            out.append(f"<p><strong>{_e(r('report.where', lang))}:</strong> {_e('; '.join(c.where))}</p>")
        out.append(
            f'<p class="cite"><strong>{_e(r("report.source_cite", lang))}:</strong> {_e(c.citation)}</p>'
        )
        out.append("</div>")
    out.append("</section>")

    out += ['<section id="questions">', f"<h2>{_e(r('report.questions', lang))}</h2>"]
    if not report.questions:
        out.append(f"<p>{_e(r('report.no_questions', lang))}</p>")
    for phase in ("describe", "analyse", "transfer", "apply"):
        questions = [q for q in report.questions if q.phase == phase]
        if not questions:
            continue
        out += [f'<h3 data-phase="{phase}">{_e(r("phase." + phase, lang))}</h3>', '<ol class="questions">']
        out += [f'<li>{_e(q.text)} <span class="source">({_e(q.source)})</span></li>' for q in questions]
        out.append("</ol>")
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


RENDERERS = {"html": to_html, "md": to_markdown, "csv": to_csv}


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt``: ``html``, ``md`` or ``csv``."""
    return RENDERERS[fmt](report)
