"""What one table looks like on the teacher's dashboard and on the projector, made from ``/api/state``.

Plain functions from a table's state (a dict as the server sends it) to Rich text, so the layout can be
read and tested without a running app. The projector's card leaves out everything private: no names, no
seats, no stuck mark, only what the whole class may see.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from game.classroom import teacher_words  # noqa: F401 - registers the dashboards' words
from game.i18n import in_sentence, t, text

#: Eight heights of a bar, lowest first (a meter's value from its min to its max).
BARS = "▁▂▃▄▅▆▇█"


def waited(seconds: float) -> str:
    """``75`` -> ``1:15``; an hour or more -> ``1:02:05``."""
    whole = int(max(seconds, 0))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def role_name(role: str, names: dict[str, Any]) -> str:
    """A role as it reads in a list: the content's name without its article ("bewoner")."""
    name = names.get("roles", {}).get(role) or role
    first, _, rest = in_sentence(name).partition(" ")
    return rest if rest and first in ("de", "het", "een", "the", "a", "an") else name


def share(value: float, meter: dict[str, Any] | None) -> float:
    """Where ``value`` stands between the meter's min (0.0) and max (1.0)."""
    low, high = (meter["min"], meter["max"]) if meter else (0.0, 100.0)
    return 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)


def bar(value: float, meter: dict[str, Any] | None) -> str:
    """The meter as one small bar: eight heights."""
    return BARS[min(int(share(value, meter) * len(BARS)), len(BARS) - 1)]


def status_of(table: dict[str, Any], lang: str) -> tuple[str, str]:
    """The table's state in a word and its style: done, not started, stuck, or the year it is in."""
    if table["over"]:
        return t("teach.over", lang), "green"
    if not table["started"]:
        return t("teach.not_started", lang), "dim"
    return t("teach.year", lang, year=table["year"], years=table["years"]), ""


def event_title(table: dict[str, Any], lang: str) -> str:
    return text(table["event"]["title"], lang) if table.get("event") else "—"


def table_card(table: dict[str, Any], names: dict[str, Any], lang: str) -> Text:
    """The teacher's card: who sits where (connected or not), the year, the event, whose turn and for how
    long (with the stuck mark beside it), and the meters as small bars."""
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(t("teach.table", lang, n=table["table"]), "bold")
    word, style = status_of(table, lang)
    out.append(f" · {word}", style)
    out.append("\n" + event_title(table, lang), "italic")
    acting = table["turn"] if table["started"] and not table["over"] else None
    for seat in table["seats"]:
        out.append("\n")
        out.append("▸" if seat["role"] == acting else " ", "bold yellow")
        out.append_text(_seat_line(seat, names, lang, table["started"] and not table["over"]))
    out.append("\n")
    if acting is not None:
        who = t("teach.news", lang) if acting == "news" else role_name(acting, names)
        # the wait (and the stuck mark) before the role, so a long role's name is what gets cut off
        out.append("▸ ", "bold yellow")
        out.append(waited(table["waiting"]), "dim")
        if table["stuck"]:
            out.append(f" {t('teach.stuck', lang)}", "bold reverse red")
        out.append(f" {who}", "bold yellow")
    out.append_text(meter_lines(table, names, per_line=4))
    return out


def _seat_line(seat: dict[str, Any], names: dict[str, Any], lang: str, playing: bool) -> Text:
    line = Text()
    if seat["computer"] or (playing and seat["name"] is None):  # the computer plays an empty seat too
        line.append("⚙ ", "cyan")
    elif seat["name"] is None:
        line.append("  ")
    else:
        line.append("● " if seat["connected"] else "○ ", "green" if seat["connected"] else "red")
    if seat["name"] is None:
        who = t("teach.empty", lang)
    elif seat["connected"] or seat["computer"]:
        who = seat["name"]
    else:
        who = f"{seat['name']} ({t('teach.away', lang)})"
    line.append(f"{who:<10.22} ", "dim" if seat["name"] is None else "")
    line.append(role_name(seat["role"], names), "dim")
    return line


def meter_lines(table: dict[str, Any], names: dict[str, Any], per_line: int) -> Text:
    """Every meter as its first three letters and a bar, ``per_line`` to a line."""
    meters = names.get("meters", {})
    out = Text()
    for i, (mid, value) in enumerate(table["meters"].items()):
        meter = meters.get(mid)
        label = (meter["name"] if meter else mid)[:3]
        out.append("\n" if i % per_line == 0 else " ")
        out.append(label, "dim")
        out.append(bar(value, meter), "bold")
    return out


def projector_card(table: dict[str, Any], names: dict[str, Any], lang: str) -> Text:
    """What the class sees of a table: its number, year or done, the event and each meter as a bar with
    its name. Nothing private: no names, no seats, no turns, no stuck mark."""
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(t("teach.table", lang, n=table["table"]), "bold")
    word, style = status_of(table, lang)
    out.append(f" · {word}", style or "bold")
    out.append("\n" + event_title(table, lang), "italic")
    meters = names.get("meters", {})
    for mid, value in table["meters"].items():
        meter = meters.get(mid)
        label = meter["name"] if meter else mid
        out.append(f"\n{label[:16]:<16} ")
        full = round(share(value, meter) * 12)
        out.append("█" * full, "bold")
        out.append("░" * (12 - full), "dim")
        out.append(f" {value:3.0f}")
    return out


def unreadable(state: dict[str, Any], lang: str) -> str:
    """The tables the server could not rebuild (their content changed), each with the reason."""
    return "\n".join(
        t("teach.unreadable", lang, n=n, reason=why.get(lang) or why.get("nl", ""))
        for n, why in sorted(state.get("unreadable", {}).items(), key=lambda item: int(item[0]))
    )


def summary(state: dict[str, Any], lang: str) -> str:
    """One line over the grid: tables, students, playing, done, and the class's switches."""
    tables = state["tables"]
    people = sum(1 for tb in tables for s in tb["seats"] if s["name"] is not None)
    playing = sum(1 for tb in tables if tb["started"] and not tb["over"])
    done = sum(1 for tb in tables if tb["over"])
    line = t("teach.summary", lang, tables=len(tables), people=people, playing=playing, done=done)
    parts = [line, t("teach.locked" if state["locked"] else "teach.open", lang)]
    if state["paused"]:
        parts.insert(0, t("teach.paused", lang))
    return " · ".join(parts)
