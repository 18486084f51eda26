"""Writing a :class:`~game.reports.report.Report` as Markdown or CSV, or (by :mod:`game.reports.html`) as
one self-contained HTML page: :func:`render`.

Numbers read the same in every format (:func:`~game.i18n.fmt_num`). Markdown passes no HTML through from
names or texts; CSV follows the spreadsheet conventions of the report's language and keeps numbers as
numbers, with no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import fields, is_dataclass, replace

from game.i18n import fmt_delta, fmt_num, t
from game.reports.html import to_html
from game.reports.report import PHASES, EffectLine, EventLine, NoteLine, ReasonLine, Report, critique_counts

SPARKS = "▁▂▃▄▅▆▇"


def effect_text(effect: EffectLine, lang: str) -> str:
    """One change with its cause, for the CSV's cell of effects: ``Vertrouwen +2 (besluit)``."""
    out = f"{effect.label} {fmt_delta(effect.delta, lang)} ({effect.cause})"
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
    amounts += "".join(f" [{t('report.illustrates', lang, title=c)}]" for c in reason.critiques)
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
        tags = [t(f"report.{given.verdict}", lang)] if given.verdict else []
        if given.shared:
            tags.append(t("report.shared", lang))
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


def no_html(value):  # noqa: ANN001, ANN201 - any report value, the same shape back
    """``value`` with every text's ``<`` written as ``&lt;``, dataclasses and lists included, so Markdown
    shows a player's ``<b>`` as typed instead of passing it through as HTML."""
    if isinstance(value, str):
        return value.replace("<", "&lt;")
    if isinstance(value, list | tuple):
        return type(value)(no_html(v) for v in value)
    if isinstance(value, dict):
        return {k: no_html(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: no_html(getattr(value, f.name)) for f in fields(value) if f.init})
    return value


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


def md_table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def to_markdown(report: Report) -> str:
    """The report as Markdown: lists and tables, with the meters as a table and a text chart."""
    report = no_html(report)
    lang = report.lang
    out = [f"# {t('report.title', lang)}", ""]
    for warning in report.warnings:
        out += [f"> {t('report.mismatch', lang, detail=warning)}", ""]
    parts = (_md_summary, _md_meters, _md_chart, _md_rounds, _md_critiques, _md_questions)
    out += [line for part in parts for line in part(report)]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_summary(report: Report) -> list[str]:
    lang = report.lang
    scenario = report.scenario + (f" ({report.variant})" if report.variant else "")
    facts = [
        ("report.scenario", scenario),
        ("report.code", f"`{report.code}`"),
        ("report.seed", str(report.seed)),
        ("report.pack", f"{report.pack} {report.pack_version}"),
        *([("report.source", report.source)] if report.source else []),
        (
            "report.played",
            t("report.played_of", lang, played=report.rounds_played, total=report.rounds_total),
        ),
    ]
    if report.finished:
        facts.append(("report.ending", f"**{report.ending_title}**. {report.ending_text}"))
    else:
        round_name = report.round_name.lower()
        facts.append(
            ("report.ending", t("report.not_ended", lang, round_name=round_name, round=report.current_round))
        )
    out = [f"## {t('report.summary', lang)}", "", *(f"- {t(key, lang)}: {value}" for key, value in facts)]
    out += _why_md(report, lang)
    out += ["", f"### {t('report.roles', lang)}", ""]
    players = [[p.role, p.player] for p in report.players]
    return out + md_table([t("report.role", lang), t("report.player", lang)], players) + [""]


def _why_md(report: Report, lang: str) -> list[str]:
    """Why the game ended so: the ending's conditions, then each better ending's, met (✓) or missed (✗)."""
    why = report.ending_why
    if why is None:
        return []
    out = ["", f"### {t('why.title', lang)}", ""]
    if why.reached is not None and why.reached.clauses:
        out += [f"- {t('why.reached', lang)}:", *(f"  - {c}" for c in why.reached.clauses)]
    if why.nearest is not None:
        out.append(f"- {t('why.nearest', lang, title=why.nearest.title)}")
    for line in why.better:
        missed = t("why.missed", lang, n=line.missed)
        out += [f"- **{line.title}**: {missed}", *(f"  - {c}" for c in line.clauses)]
    return out


def _md_meters(report: Report) -> list[str]:
    lang = report.lang
    out = [f"## {t('report.meters', lang)}", ""]
    header = [report.round_name] + [m.name + ("" if m.higher_is_better else " ↓") for m in report.meters]
    rows = [
        [report.round_label(n)] + [fmt_num(m.values[n], lang) for m in report.meters]
        for n in range(report.rounds_played + 1)
    ]
    out += md_table(header, rows, right=set(range(1, len(header))))
    if any(not m.higher_is_better for m in report.meters):
        out += ["", f"↓ {t('report.lower_better', lang)}"]
    return out


def _md_rounds(report: Report) -> list[str]:
    lang, rn = report.lang, report.round_name.lower()
    out = [f"## {t('report.rounds', lang, round_name=rn)}", ""]
    for rnd in report.rounds:
        out += [f"### {rnd.label}", ""]
        for event in rnd.events:
            out += _md_event(report, event)
        if rnd.end_reasons or rnd.end_notes:
            out += [f"**{t('report.round_end', lang, round_name=rn)}:**", ""]
            out += _md_consequences(rnd.end_reasons, rnd.end_notes, lang)
            out.append("")
        after = " · ".join(f"{m.name} {fmt_num(rnd.meters.get(m.id, 0), lang)}" for m in report.meters)
        out += [f"**{t('report.meters_after', lang)}:** {after}", ""]
    return out


def _md_critiques(report: Report) -> list[str]:
    lang = report.lang
    intro = t("report.critiques_intro" if report.critiques else "report.no_critiques", lang)
    out = [f"## {t('report.critiques', lang)}", "", intro, ""]
    for c in report.critiques:
        out += [f"### {c.title}: {critique_counts(report, c)}", "", f"*{c.summary}*", "", c.explanation, ""]
        if c.where:
            out.append(f"- {t('report.where', lang)}: {'; '.join(c.where)}")
        out += [f"- {t('report.source_cite', lang)}: {c.citation}", ""]
    return out


def _md_questions(report: Report) -> list[str]:
    lang = report.lang
    out = [f"## {t('report.questions', lang)}", ""]
    if not report.questions:
        out += [t("report.no_questions", lang), ""]
    for phase in PHASES:
        questions = [q for q in report.questions if q.phase == phase]
        if questions:
            out += [f"### {t('phase.' + phase, lang)}", ""]
            out += [f"{n}. {q.text} *({q.source})*" for n, q in enumerate(questions, 1)]
            out.append("")
    return out


def _md_chart(report: Report) -> list[str]:
    """The meters as a text chart, all on the one scale the HTML chart uses, so heights compare."""
    lang, meters = report.lang, report.meters
    low = min((m.low for m in meters), default=0.0)
    high = max((m.high for m in meters), default=100.0)
    scale = t("report.text_chart", lang, low=fmt_num(low, lang), high=fmt_num(high, lang))
    out = ["", scale, "", "```text"]
    width = max((len(m.name) for m in meters), default=0)
    for m in meters:
        first, last = fmt_num(m.values[0], lang), fmt_num(m.values[-1], lang)
        out.append(f"{m.name.ljust(width)}  {sparkline(m.values, low, high)}  {first} → {last}")
    return [*out, "```", ""]


def _md_event(report: Report, event: EventLine) -> list[str]:
    lang = report.lang
    if event.kind == "news":
        out = [f"#### {t('report.news', lang)}: {event.title}", ""]
        if event.outcome:
            out += [event.outcome, ""]
        items = _md_consequences(event.reasons, event.notes, lang)
        return out + items + ([""] if items else [])
    out = [f"#### {event.title}", ""]
    out.append(f"- {t('report.decides', lang)}: {event.decider}")
    inputs = input_text(report, event)
    if inputs:
        out.append(f"- {t('report.inputs', lang)}:")
        out += [f"  - {line}" for line in inputs]
    else:
        out.append(f"- {t('report.inputs', lang)}: {t('report.no_inputs', lang)}")
    out.append(f"- {t('report.decision', lang)}: **{event.decision}**")
    if event.outcome:
        out.append(f"- {t('report.outcome', lang)}: {event.outcome}")
    if event.reasons or event.notes:
        out.append(f"- {t('report.effects', lang)}:")
        out += _md_consequences(event.reasons, event.notes, lang, indent="  ")
    else:
        out.append(f"- {t('report.effects', lang)}: {t('report.no_effects', lang)}")
    return out + [""]


# -- CSV ------------------------------------------------------------------------------------------------
#: A text cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
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


def csv_header(report: Report) -> list[str]:
    """The header in the report's language only: meters by their names, not their ids."""
    lang, rn = report.lang, report.round_name.lower()
    header = [t(f"csv.{key}", lang) for key in CSV_COLUMNS]
    header += [t("csv.delta", lang, meter=_column(m.name)) for m in report.meters]
    return header + [
        t("csv.after", lang, meter=_column(m.name), round_name=_column(rn)) for m in report.meters
    ]


def _column(name: str) -> str:
    return "_".join(name.lower().split())


def csv_rows(report: Report) -> list[list[str | float]]:
    """One header row, then one row per decision (news has no decision and no row); numbers as numbers."""
    lang = report.lang
    players = {p.role_id: p for p in report.players}
    after = {rnd.round: rnd.meters for rnd in report.rounds}
    rows: list[list[str | float]] = [csv_header(report)]
    for event in report.decisions:
        decider = players.get(event.decider_id or "")
        row: list[str | float] = [
            report.code,
            event.round,
            event.event_id,
            event.title,
            decider.role if decider else "",
            decider.player if decider else "",
            "; ".join(input_text(report, event)),
            *_roles_by_verdict(players, event),
            event.decision_id or "",
            event.decision,
            event.outcome,
            "; ".join(effect_text(e, lang) for e in event.effects),
            "; ".join(event.critiques),
        ]
        row += [sum(e.delta for e in event.effects if e.target == m.id) for m in report.meters]
        meters = after.get(event.round, {})
        row += [meters.get(m.id, "") for m in report.meters]
        rows.append(row)
    return rows


def _roles_by_verdict(players: dict, event: EventLine) -> list[str]:
    """The roles whose input was honoured, ignored, absent, and who shared their knowledge (four cells)."""
    given = {i.role_id: i for i in event.inputs}.values()
    verdicts = [
        [_role(players, i) for i in given if i.verdict == v] for v in ("honoured", "ignored", "absent")
    ]
    shared = [_role(players, i) for i in given if i.shared]
    return ["; ".join(roles) for roles in [*verdicts, shared]]


def _role(players: dict, given) -> str:  # noqa: ANN001 - an InputLine
    found = players.get(given.role_id)
    return found.role if found else given.role_id


def csv_cell(value: str | float, lang: str) -> str:
    """One cell: a number as the language writes it (``-2,5`` in Dutch), a text that would start a
    formula behind an apostrophe, as spreadsheets show typed text."""
    if isinstance(value, int | float):
        return fmt_num(value, lang)
    text = "'" + value if value.startswith(FORMULA_START) else value
    # A lone CR would end the row for a reader (the writer quotes only cells with its own line end).
    return text.replace("\r\n", "\n").replace("\r", "\n")


def csv_text(rows: list[list[str | float]], lang: str) -> str:
    """Rows as CSV the way a spreadsheet in ``lang`` opens it: Dutch ``;`` with decimal commas, English
    ``,`` with points; quoted where needed, ``\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "nl" else ",", lineterminator="\n")
    writer.writerows([csv_cell(v, lang) for v in row] for row in rows)
    return buffer.getvalue()


def to_csv(report: Report) -> str:
    """The report's decisions as CSV in the spreadsheet conventions of its language."""
    return csv_text(csv_rows(report), report.lang)


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt``: ``html``, ``md`` or ``csv``."""
    return {"html": to_html, "md": to_markdown, "csv": to_csv}[fmt](report)
