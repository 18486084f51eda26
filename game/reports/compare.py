"""The class comparison: all groups' games side by side, and where groups on one session code parted ways.

:func:`build_comparison` takes the groups' games (by name, usually the save file's name) and gives a
:class:`Comparison`; :func:`render_comparison` writes it as Markdown, HTML or CSV. Files that could not be
read are passed in as ``unreadable`` and listed, so one broken save never hides the rest of the class.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from html import escape
from itertools import combinations

from game.classroom.session import NO_CODE
from game.engine import EventRecord, Game
from game.reports.formats import STYLE, num
from game.reports.report import EventLine, Report, build_report
from game.reports.strings import r

#: The comparison is one wide table: landscape pages, smaller type.
WIDE = """
main { max-width: 80rem; }
table { font-size: .72rem; }
th, td { padding: .15rem .25rem; }
th { hyphens: auto; overflow-wrap: anywhere; }
@page { size: A4 landscape; margin: 10mm; }
""".strip()


@dataclass
class GroupLine:
    """One group's game, summed up."""

    name: str
    report: Report
    honoured: int
    ignored: int
    #: critique title -> times it came up in the effects (or 0 when only in the ending or events)
    critiques: dict[str, int]
    final: dict[str, float]

    @property
    def code(self) -> str:
        return self.report.code


@dataclass
class Split:
    """Two groups on one session code: where their choices first differed, how far the meters then drifted."""

    a: str
    b: str
    round: int | None
    event: str = ""
    #: what each group chose at the split, in words
    choice_a: str = ""
    choice_b: str = ""
    #: the largest gap between the two groups' meters from the split on: (points, meter name, round)
    max_gap: tuple[float, str, int] | None = None
    #: meter name -> gap at the last round both played
    final_gap: dict[str, float] = field(default_factory=dict)
    #: the last round both played
    final_round: int = 0


@dataclass
class Comparison:
    lang: str
    meters: list[tuple[str, str]]
    groups: list[GroupLine]
    splits: dict[str, list[Split]]
    #: (file, reason) for every save that could not be read
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    round_name: str = ""


def build_comparison(
    games: list[tuple[str, Game]],
    lang: str = "nl",
    *,
    anonymous: bool = False,
    unreadable: list[tuple[str, str]] | None = None,
) -> Comparison:
    """Compare the groups' games (``(name, game)`` pairs, in the order given)."""
    groups = []
    for name, game in games:
        report = build_report(game, lang, anonymous=anonymous, source=name)
        history = game.state.history
        groups.append(
            GroupLine(
                name,
                report,
                sum(len(e.honoured) for e in history),
                sum(len(e.ignored) for e in history),
                {c.title: c.count for c in report.critiques},
                {m.id: m.values[-1] for m in report.meters},
            )
        )
    meters: list[tuple[str, str]] = []
    for g in groups:
        for m in g.report.meters:
            if m.id not in [k for k, _ in meters]:
                meters.append((m.id, m.name))
    by_code: dict[str, list[int]] = {}
    for n, g in enumerate(groups):
        # Same scenario, length and seed is the same game; the code names it (a seed without a code, too).
        rep = g.report
        label = g.code if g.code != NO_CODE else f"{rep.scenario_id}/{rep.variant_id or '-'}/seed {rep.seed}"
        by_code.setdefault(label, []).append(n)
    splits: dict[str, list[Split]] = {}
    for code, members in by_code.items():
        if len(members) < 2:
            continue
        splits[code] = [
            _split(groups[i], groups[j], games[i][1], games[j][1], lang) for i, j in combinations(members, 2)
        ]
    round_name = groups[0].report.round_name if groups else ""
    return Comparison(lang, meters, groups, splits, list(unreadable or []), round_name)


def _key(record: EventRecord) -> tuple:
    return (record.round, record.event, tuple(sorted(record.inputs.items())), record.decision)


def _split(ga: GroupLine, gb: GroupLine, a: Game, b: Game, lang: str) -> Split:
    split = Split(ga.name, gb.name, None)
    common = min(ga.report.rounds_played, gb.report.rounds_played)
    split.final_round = common
    for ra, rb in zip(a.state.history, b.state.history, strict=False):
        if _key(ra) != _key(rb):
            line = _event_line(ga.report, ra)
            split.round = ra.round
            split.event = line.title if line else ra.event
            split.choice_a, split.choice_b = _difference(ga.report, gb.report, ra, rb)
            break
    meters = {m.id: m for m in ga.report.meters}
    other = {m.id: m for m in gb.report.meters}
    start = split.round if split.round is not None else common + 1
    best: tuple[float, str, int] | None = None
    for mid, m in meters.items():
        if mid not in other:
            continue
        for n in range(start, common + 1):
            gap = abs(m.values[n] - other[mid].values[n])
            if best is None or gap > best[0] + 1e-9:
                best = (round(gap, 4), m.name, n)
        split.final_gap[m.name] = round(abs(m.values[common] - other[mid].values[common]), 4)
    split.max_gap = best if split.round is not None else None
    return split


def _event_line(report: Report, record: EventRecord) -> EventLine | None:
    for rnd in report.rounds:
        for e in rnd.events:
            if e.round == record.round and e.event_id == record.event:
                return e
    return None


def _difference(ra_report: Report, rb_report: Report, ra: EventRecord, rb: EventRecord) -> tuple[str, str]:
    """What each group chose where the two differ: the differing inputs and the decision."""
    la, lb = _event_line(ra_report, ra), _event_line(rb_report, rb)
    if ra.event != rb.event or la is None or lb is None:
        return (la.title if la else ra.event), (lb.title if lb else rb.event)
    parts_a, parts_b = [], []
    inputs_a = {i.role_id: i for i in la.inputs}
    inputs_b = {i.role_id: i for i in lb.inputs}
    for role in [*inputs_a, *[x for x in inputs_b if x not in inputs_a]]:
        ia, ib = inputs_a.get(role), inputs_b.get(role)
        if (ia.input_id if ia else None) != (ib.input_id if ib else None):
            parts_a.append(f"{ia.role}: {ia.label}" if ia else "—")
            parts_b.append(f"{ib.role}: {ib.label}" if ib else "—")
    if la.decision_id != lb.decision_id:
        lang = ra_report.lang
        parts_a.append(f"{r('report.decision', lang)}: {la.decision}")
        parts_b.append(f"{r('report.decision', lang)}: {lb.decision}")
    return "; ".join(parts_a), "; ".join(parts_b)


# -- writing ----------------------------------------------------------------------------------------
def _ending(g: GroupLine, lang: str) -> str:
    return g.report.ending_title if g.report.finished else r("compare.not_ended", lang)


def _players(g: GroupLine) -> str:
    humans = [p for p in g.report.players if p.human]
    if g.report.anonymous:
        return ", ".join(p.role for p in humans)
    return ", ".join(f"{p.player} ({p.role})" for p in humans)


def _critiques(g: GroupLine, lang: str) -> str:
    found = [f"{title} ×{n}" if n else title for title, n in g.critiques.items()]
    return "; ".join(found) or r("compare.none", lang)


def group_rows(c: Comparison, critiques: bool = True) -> tuple[list[str], list[list[str]]]:
    """The groups table: a header and one row per group, texts in the comparison's language.

    Without ``critiques`` the last column (the critiques in words) is left out, for the pages that show
    them as :func:`critique_rows` instead.
    """
    lang = c.lang
    header = [
        r("compare.group", lang),
        r("report.code", lang),
        r("report.scenario", lang),
        r("compare.players", lang),
        r("compare.rounds", lang),
        r("report.ending", lang),
        *[name for _, name in c.meters],
        r("compare.honoured", lang),
        r("compare.ignored", lang),
        r("compare.critiques", lang),
    ]
    rows = []
    for g in c.groups:
        scenario = g.report.scenario + (f" ({g.report.variant})" if g.report.variant else "")
        rows.append(
            [
                g.name,
                g.code,
                scenario,
                _players(g),
                f"{g.report.rounds_played}/{g.report.rounds_total}",
                _ending(g, lang),
                *[num(g.final[mid], lang) if mid in g.final else "" for mid, _ in c.meters],
                str(g.honoured),
                str(g.ignored),
                _critiques(g, lang),
            ]
        )
    if not critiques:
        return header[:-1], [row[:-1] for row in rows]
    return header, rows


def critique_rows(c: Comparison) -> tuple[list[str], list[list[str]]]:
    """The critiques per group: a row per critique, a column per group, how often it came up in each."""
    titles: list[str] = []
    for g in c.groups:
        titles += [t for t in g.critiques if t not in titles]
    header = [r("compare.critiques", c.lang), *[g.name for g in c.groups]]
    rows = [
        [title, *[str(g.critiques[title]) if title in g.critiques else "" for g in c.groups]]
        for title in titles
    ]
    return header, rows


def _split_texts(c: Comparison, s: Split) -> tuple[str, str, str, str]:
    """(groups, first split, largest gap, gaps at the end) in words."""
    lang, rn = c.lang, c.round_name.lower()
    pair = r("compare.pair", lang, a=s.a, b=s.b)
    if s.round is None:
        first = r("compare.same", lang)
    else:
        first = r("compare.split", lang, round_name=rn, round=s.round, event=s.event)
        first += f" {s.a}: {s.choice_a}. {s.b}: {s.choice_b}."
    if s.max_gap is None:
        largest = "—"
    else:
        gap, meter, at = s.max_gap
        largest = f"{num(gap, lang)} ({meter}, {c.round_name} {at})"
    final = ", ".join(f"{name} {num(gap, lang)}" for name, gap in s.final_gap.items())
    final += f" ({c.round_name} {s.final_round})"
    return pair, first, largest, final


def comparison_markdown(c: Comparison) -> str:
    from game.reports.formats import _md_table

    lang = c.lang
    out = [f"# {r('compare.title', lang)}", "", f"## {r('compare.groups', lang)}", ""]
    header, rows = group_rows(c, critiques=False)
    out += _md_table(header, rows, right={6 + n for n in range(len(c.meters) + 2)})
    out.append("")
    header, rows = critique_rows(c)
    if rows:
        out += [f"### {r('compare.critiques_by_group', lang)}", ""]
        out += _md_table(header, rows, right=set(range(1, len(header))))
        out.append("")
    if c.unreadable:
        out += [f"### {r('compare.unreadable', lang)}", ""]
        out += [f"- {name}: {reason}" for name, reason in c.unreadable]
        out.append("")
    out += [f"## {r('compare.same_code', lang)}", ""]
    if not c.splits:
        out += [r("compare.no_shared_code", lang), ""]
    else:
        out += [r("compare.same_code_intro", lang), ""]
    for code, splits in c.splits.items():
        out += [f"### `{code}`", ""]
        header = [
            r("compare.group", lang),
            r("compare.first_split", lang),
            r("compare.max_gap", lang),
            r("compare.final_gap", lang),
        ]
        out += _md_table(header, [list(_split_texts(c, s)) for s in splits])
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def comparison_html(c: Comparison) -> str:
    lang = c.lang
    e = escape
    title = r("compare.title", lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>\n{STYLE}\n{WIDE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{e(title)}</h1>",
        f"<h2>{e(r('compare.groups', lang))}</h2>",
        "<table>",
    ]
    header, rows = group_rows(c, critiques=False)
    numeric = {6 + n for n in range(len(c.meters) + 2)}

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    # Headers wrap (long meter names); numbers stay on one line, right-aligned.
    out.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
    for row in rows:
        cells = "".join(
            f"<td{cls(i)}>" + (f"<code>{e(v)}</code>" if i == 1 else e(v)) + "</td>"
            for i, v in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    header, rows = critique_rows(c)
    if rows:
        out += [f"<h3>{e(r('compare.critiques_by_group', lang))}</h3>", "<table>"]
        out.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
        for row in rows:
            cells = "".join(f'<td class="num">{e(v)}</td>' for v in row[1:])
            out.append(f"<tr><th>{e(row[0])}</th>{cells}</tr>")
        out.append("</table>")
    if c.unreadable:
        out.append(f"<h3>{e(r('compare.unreadable', lang))}</h3><ul>")
        out += [f"<li>{e(name)}: {e(reason)}</li>" for name, reason in c.unreadable]
        out.append("</ul>")
    out.append(f"<h2>{e(r('compare.same_code', lang))}</h2>")
    intro = "compare.same_code_intro" if c.splits else "compare.no_shared_code"
    out.append(f"<p>{e(r(intro, lang))}</p>")
    for code, splits in c.splits.items():
        out += [f"<h3><code>{e(code)}</code></h3>", "<table>"]
        heads = ("compare.group", "compare.first_split", "compare.max_gap", "compare.final_gap")
        out.append("<tr>" + "".join(f"<th>{e(r(h, lang))}</th>" for h in heads) + "</tr>")
        for s in splits:
            out.append("<tr>" + "".join(f"<td>{e(v)}</td>" for v in _split_texts(c, s)) + "</tr>")
        out.append("</table>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def comparison_csv(c: Comparison) -> str:
    """The groups table as CSV (one row per group; meters with a decimal point for spreadsheets)."""
    header, rows = group_rows(c)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([v.replace(",", ".") if 6 <= i < 6 + len(c.meters) else v for i, v in enumerate(row)])
    return buffer.getvalue()


def render_comparison(c: Comparison, fmt: str) -> str:
    """The comparison in ``fmt``: ``md``, ``html`` or ``csv``."""
    return {"md": comparison_markdown, "html": comparison_html, "csv": comparison_csv}[fmt](c)
