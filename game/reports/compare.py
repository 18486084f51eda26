"""The class comparison: one line per group, a class summary first, and where groups on one code split.

:func:`build_comparison` takes the saves it was given (``(file name, game)`` pairs) and folds them into
groups: a save file does not record its session, so saves with the same pack, scenario, variant, seed and
players whose choice logs extend one another are one group's game (its autosave and the named saves it made
along the way), shown at its latest state. :func:`render_comparison` writes the result as Markdown, HTML or
CSV. Files that could not be read are passed in as ``unreadable`` and listed, so one broken save never hides
the rest of the class. Everything grows linearly with the class, so 30 groups fit one projector page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from game.classroom.session import NO_CODE
from game.engine import EventRecord, Game
from game.files.saves import AUTO_PREFIX
from game.i18n import fmt_num, t
from game.reports.formats import csv_text, md_table, no_html
from game.reports.html import page
from game.reports.report import EventLine, Report, build_report


@dataclass
class GroupLine:
    """One group's game at its latest state, summed up."""

    name: str
    #: the save files that make up this group's game, latest first
    files: list[str]
    game: Game
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
class Branch:
    """Groups that chose alike where their session's groups parted: what they chose, who they are."""

    choice: str
    groups: list[str]


@dataclass
class Fork:
    """A moment where groups on one session code made different choices (the first one for these groups)."""

    round: int
    event: str
    branches: list[Branch]


@dataclass
class CodeLine:
    """The groups that played one session code, and every point where they parted ways."""

    code: str
    groups: list[str]
    forks: list[Fork]


@dataclass
class Dilemma:
    """One decision across the class: each choice with how often it was made, most common first."""

    event: str
    choices: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.choices)


@dataclass
class Comparison:
    lang: str
    meters: list[tuple[str, str]]
    groups: list[GroupLine]
    codes: list[CodeLine]
    dilemmas: list[Dilemma]
    #: (file, reason) for every save that could not be read
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    round_name: str = ""
    #: asked for: the scenarios side by side, and the groups table sorted by scenario
    by_scenario: bool = False


# -- building ---------------------------------------------------------------------------------------
def build_comparison(
    games: list[tuple[str, Game]],
    lang: str = "nl",
    *,
    anonymous: bool = False,
    unreadable: list[tuple[str, str]] | None = None,
    by_scenario: bool = False,
) -> Comparison:
    """Compare the groups in ``games`` (``(file name, game)`` pairs; several files may be one group).

    ``by_scenario`` puts the scenarios (two periods, say) side by side: see :func:`scenario_rows`."""
    groups = [_group_line(n, files, lang, anonymous) for n, files in enumerate(sessions(games), start=1)]
    if by_scenario:  # stable: within a scenario the groups keep their order
        order = list(dict.fromkeys(_scenario_label(g) for g in groups))
        groups.sort(key=lambda g: order.index(_scenario_label(g)))
    meters: dict[str, str] = {}
    for g in groups:
        meters.update({m.id: m.name for m in g.report.meters if m.id not in meters})
    by_code: dict[str, list[GroupLine]] = {}
    for g in groups:
        # Same scenario, length and seed is the same game; the code names it (a seed without a code, too).
        rep = g.report
        label = g.code if g.code != NO_CODE else f"{rep.scenario_id}/{rep.variant_id or '-'}/seed {rep.seed}"
        by_code.setdefault(label, []).append(g)
    codes = [CodeLine(code, [g.name for g in members], forks(members)) for code, members in by_code.items()]
    return Comparison(
        lang,
        list(meters.items()),
        groups,
        [c for c in codes if len(c.groups) > 1],
        dilemmas(groups),
        list(unreadable or []),
        groups[0].report.round_name if groups else "",
        by_scenario,
    )


def sessions(games: list[tuple[str, Game]]) -> list[list[tuple[str, Game]]]:
    """The saves folded into groups, each group's files latest state first, groups in the order given.

    Saves are one group's when they share pack, scenario, variant, seed and players and each one's choice
    log starts the longest one's: the autosave and the named saves of one session, or a save the group
    loaded and played on from.
    """

    def same_game(game: Game) -> tuple:
        st = game.state
        return (game.pack.id, st.scenario, st.variant, st.seed, tuple(sorted(st.players.items())))

    # Longest logs first, so each save meets the latest state of its session; then back in the order given.
    found: list[list[tuple[int, str, Game]]] = []
    for n, (name, game) in sorted(enumerate(games), key=lambda item: -len(item[1][1].state.choices)):
        choices = game.state.choices
        for group in found:
            latest = group[0][2]
            if same_game(latest) == same_game(game) and latest.state.choices[: len(choices)] == choices:
                group.append((n, name, game))
                break
        else:
            found.append([(n, name, game)])
    found.sort(key=lambda group: min(n for n, _, _ in group))
    return [[(name, game) for _, name, game in group] for group in found]


def _group_line(n: int, files: list[tuple[str, Game]], lang: str, anonymous: bool) -> GroupLine:
    game = files[0][1]
    report = build_report(game, lang, anonymous=anonymous, source=files[0][0])
    history = game.state.history
    return GroupLine(
        _group_name(n, files, report, lang),
        [name for name, _ in files],
        game,
        report,
        sum(len(e.honoured) for e in history),
        sum(len(e.ignored) for e in history),
        {c.title: c.count for c in report.critiques},
        {m.id: m.values[-1] for m in report.meters},
    )


def _group_name(n: int, files: list[tuple[str, Game]], report: Report, lang: str) -> str:
    """The group's latest named save, else its players' names (hidden when anonymous), else "Groep n"."""
    named = [name for name, _ in files if not name.startswith(AUTO_PREFIX)]
    if named:
        return named[0]
    humans = [p.player for p in report.players if p.human]
    if humans and not report.anonymous:
        return " & ".join(humans)
    return f"{t('compare.group', lang)} {n}"


def _key(record: EventRecord) -> tuple:
    return (record.round, record.event, tuple(sorted(record.inputs.items())), record.decision)


def forks(members: list[GroupLine], start: int = 0) -> list[Fork]:
    """Where groups on one code parted ways: the first differing choice, then the same within each branch.

    A group whose game stopped earlier drops out without a fork; at most one fork per group less one, so
    the list grows with the class, not with its square.
    """
    n = start
    while True:
        active = [g for g in members if n < len(g.game.state.history)]
        if len(active) < 2:
            return []
        parts: dict[tuple, list[GroupLine]] = {}
        for g in active:
            parts.setdefault(_key(g.game.state.history[n]), []).append(g)
        if len(parts) > 1:
            break
        n += 1
    lines = [_event_line(part[0].report, part[0].game.state.history[n]) for part in parts.values()]
    labels = _choice_labels(lines, members[0].report.lang)
    first = active[0].game.state.history[n]
    fork = Fork(
        first.round,
        lines[0].title if lines[0] else first.event,
        [Branch(label, [g.name for g in part]) for label, part in zip(labels, parts.values(), strict=True)],
    )
    return [fork] + [f for part in parts.values() if len(part) > 1 for f in forks(part, n + 1)]


def _event_line(report: Report, record: EventRecord) -> EventLine | None:
    for rnd in report.rounds:
        for e in rnd.events:
            if e.round == record.round and e.event_id == record.event:
                return e
    return None


def _choice_labels(lines: list[EventLine | None], lang: str) -> list[str]:
    """What each branch chose, naming only what differs between them: the inputs and the decision."""
    if any(line is None for line in lines) or len({line.event_id for line in lines}) > 1:  # type: ignore[union-attr]
        return [line.title if line else "—" for line in lines]
    given = [{i.role_id: i for i in line.inputs} for line in lines]  # type: ignore[union-attr]
    roles = list(dict.fromkeys(role for inputs in given for role in inputs))
    differing = [role for role in roles if len({i[role].input_id if role in i else None for i in given}) > 1]
    labels = []
    for line, inputs in zip(lines, given, strict=True):
        parts = [
            f"{inputs[role].role}: {inputs[role].label}" if role in inputs else "—" for role in differing
        ]
        if len({ln.decision_id for ln in lines}) > 1:  # type: ignore[union-attr]
            parts.append(f"{t('report.decision', lang)}: {line.decision}")  # type: ignore[union-attr]
        labels.append("; ".join(parts))
    return labels


def dilemmas(groups: list[GroupLine]) -> list[Dilemma]:
    """Every decision the class met, in the order first met, with how often each choice was made."""
    counts: dict[str, Counter[str]] = {}
    titles: dict[str, str] = {}
    for g in groups:
        for e in sorted(g.report.decisions, key=lambda e: e.round):
            titles.setdefault(e.event_id, e.title)
            counts.setdefault(e.event_id, Counter())[e.decision] += 1
    return [Dilemma(titles[eid], c.most_common()) for eid, c in counts.items()]


# -- the summary, as tables every format shares -------------------------------------------------------
def endings(c: Comparison) -> list[tuple[str, int]]:
    """Each ending with how many groups reached it, most common first; unfinished games last."""
    found = Counter(g.report.ending_title for g in c.groups if g.report.finished)
    out = found.most_common()
    open_games = sum(1 for g in c.groups if not g.report.finished)
    return out + ([(t("compare.not_ended", c.lang), open_games)] if open_games else [])


def meter_rows(c: Comparison) -> tuple[list[str], list[list[str]]]:
    """Each meter's final value across the groups: lowest (which group), median, highest (which group)."""
    lang = c.lang
    header = [t(f"compare.{key}", lang) for key in ("meter", "lowest", "median", "highest")]
    rows = []
    for mid, name in c.meters:
        ends = [(g.final[mid], g.name) for g in c.groups if mid in g.final]
        if not ends:
            continue
        low, high = min(ends), max(ends)
        rows.append(
            [
                name,
                f"{fmt_num(low[0], lang)} ({low[1]})",
                fmt_num(median(v for v, _ in ends), lang),
                f"{fmt_num(high[0], lang)} ({high[1]})",
            ]
        )
    return header, rows


def _scenario_label(g: GroupLine) -> str:
    rep = g.report
    return rep.scenario + (f" ({rep.variant})" if rep.variant else "")


def scenario_rows(c: Comparison) -> tuple[list[str], list[list[str]]]:
    """When asked (``by_scenario``) and groups played more than one scenario: a column per scenario, with
    its number of groups, the ending most reached and each meter's median at the end; else no rows."""
    lang = c.lang
    columns: dict[str, list[GroupLine]] = {}
    for g in c.groups:
        columns.setdefault(_scenario_label(g), []).append(g)
    if not c.by_scenario or len(columns) < 2:
        return [], []
    header = [t("report.scenario", lang), *columns]
    rows = [[t("compare.groups", lang), *[str(len(gs)) for gs in columns.values()]]]
    ends = [Counter(g.report.ending_title for g in gs if g.report.finished) for gs in columns.values()]
    rows.append([t("compare.ending_most", lang), *[e.most_common(1)[0][0] if e else "—" for e in ends]])
    for mid, name in c.meters:
        cells = []
        for gs in columns.values():
            ends_at = [g.final[mid] for g in gs if mid in g.final]
            cells.append(fmt_num(median(ends_at), lang) if ends_at else "—")
        rows.append([f"{name} ({t('compare.median', lang).lower()})", *cells])
    return header, rows


def dilemma_rows(c: Comparison) -> tuple[list[str], list[list[str]]]:
    """A row per dilemma: the most common choice (n of total), and the other choices: where groups split."""
    lang = c.lang
    header = [t(f"compare.{key}", lang) for key in ("dilemma", "most_chosen", "also_chosen")]
    rows = []
    for d in c.dilemmas:
        (top, n), *rest = d.choices
        most = t("compare.n_of", lang, choice=top, n=n, total=d.total)
        rows.append([d.event, most, "; ".join(f"{choice} ({k}×)" for choice, k in rest) or "—"])
    return header, rows


def group_rows(c: Comparison, critiques: bool = False) -> tuple[list[str], list[list[str | float]]]:
    """The groups table: a header and one row per group; numbers stay numbers (for the CSV).

    The scenario has a column only when groups played different ones; ``critiques`` adds the critiques
    in words (the CSV's view; the pages count them per critique instead).
    """
    lang = c.lang
    several = len({(g.report.scenario, g.report.variant) for g in c.groups}) > 1
    header = [
        t("compare.group", lang),
        t("report.code", lang),
        *([t("report.scenario", lang)] if several else []),
        t("compare.players", lang),
        t("compare.rounds", lang),
        t("report.ending", lang),
        *[name for _, name in c.meters],
        t("compare.honoured", lang),
        t("compare.ignored", lang),
        *([t("compare.critiques", lang)] if critiques else []),
    ]
    rows: list[list[str | float]] = []
    for g in c.groups:
        rep = g.report
        rows.append(
            [
                g.name,
                g.code,
                *([rep.scenario + (f" ({rep.variant})" if rep.variant else "")] if several else []),
                _players(g),
                t("report.played_of", lang, played=rep.rounds_played, total=rep.rounds_total),
                rep.ending_title if rep.finished else t("compare.not_ended", lang),
                *[g.final.get(mid, "") for mid, _ in c.meters],
                g.honoured,
                g.ignored,
                *([_critiques(g, lang)] if critiques else []),
            ]
        )
    return header, rows


def _players(g: GroupLine) -> str:
    humans = [p for p in g.report.players if p.human]
    if g.report.anonymous:
        return ", ".join(p.role for p in humans)
    return ", ".join(f"{p.player} ({p.role})" for p in humans)


def _critiques(g: GroupLine, lang: str) -> str:
    found = [f"{title} ×{n}" if n else title for title, n in g.critiques.items()]
    return "; ".join(found) or t("compare.none", lang)


def critique_rows(c: Comparison) -> tuple[list[str], list[list[str]]]:
    """A row per critique: in how many groups it came up, and how often in all."""
    lang = c.lang
    header = [t(f"compare.{key}", lang) for key in ("critiques", "in_groups", "times")]
    titles: dict[str, list[int]] = {}
    for g in c.groups:
        for title, n in g.critiques.items():
            titles.setdefault(title, []).append(n)
    rows = [
        [title, t("compare.n_groups", lang, n=len(ns), total=len(c.groups)), str(sum(ns))]
        for title, ns in titles.items()
    ]
    return header, rows


def fork_text(c: Comparison, fork: Fork) -> str:
    """A fork in words: "Jaar 2, Buurtbudget: Besluit: Geven (groep-1, groep-3) · Besluit: Weigeren (…)"."""
    branches = " · ".join(f"{b.choice} ({', '.join(b.groups)})" for b in fork.branches)
    return f"{c.round_name} {fork.round}, {fork.event}: {branches}"


def cells(c: Comparison, rows: list[list[str | float]]) -> list[list[str]]:
    """Rows as the pages show them: numbers as the reader writes them."""
    return [[fmt_num(v, c.lang) if isinstance(v, int | float) else v for v in row] for row in rows]


# -- writing ----------------------------------------------------------------------------------------
def comparison_markdown(c: Comparison) -> str:
    """The comparison as Markdown: the class summary, the groups table, then the splits per code."""
    safe = no_html(c)
    return page("compare.md", c.lang, c=safe, **_tables(safe)).rstrip("\n") + "\n"


def comparison_html(c: Comparison) -> str:
    """The comparison as one self-contained HTML page, landscape for the projector and A4."""
    return page("compare.html", c.lang, c=c, **_tables(c))


def _tables(c: Comparison) -> dict[str, object]:
    header, rows = group_rows(c)
    first_number = len(header) - len(c.meters) - 2
    return {
        "files": sum(len(g.files) for g in c.groups),
        "endings": endings(c),
        "meter_table": meter_rows(c),
        "scenario_table": scenario_rows(c),
        "dilemma_table": dilemma_rows(c),
        "group_table": (header, cells(c, rows)),
        "numeric": set(range(first_number, len(header))),
        "critique_table": critique_rows(c),
        "fork_text": lambda fork: fork_text(c, fork),
        "md_table": md_table,
    }


def comparison_csv(c: Comparison) -> str:
    """The groups table as CSV, one row per group, in the spreadsheet conventions of the language."""
    header, rows = group_rows(c, critiques=True)
    return csv_text([header, *rows], c.lang)


def render_comparison(c: Comparison, fmt: str) -> str:
    """The comparison in ``fmt``: ``md``, ``html`` or ``csv``."""
    return {"md": comparison_markdown, "html": comparison_html, "csv": comparison_csv}[fmt](c)
