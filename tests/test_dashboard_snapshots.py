"""Snapshots of the teacher's dashboard and its projector view at 80×24, in both languages.

The app is given a fixed state of four tables (as ``/api/state`` sends it) instead of a live server, so the
waiting times and the meters are frozen and the pictures stay the same from run to run. Update them with
``pytest tests/test_dashboard_snapshots.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game.i18n import text
from tests.host_support import base_pack

LANGS = ["nl", "en"]
SIZE = (80, 24)
METERS = {
    "trust": 31.0,
    "livability": 38.5,
    "safety": 40.0,
    "youth": 29.0,
    "voice": 22.0,
    "capacity": 47.0,
    "turnout": 33.0,
    "support": 58.0,
}
EVENT = {"id": "x", "title": {"nl": "Een hete zomeravond", "en": "A hot summer evening"}}


def seat(role: str, name: str | None, connected: bool = True, computer: bool = False) -> dict[str, Any]:
    return {"role": role, "name": name, "connected": connected and name is not None, "computer": computer}


def table(n: int, seats: list, **fields: Any) -> dict[str, Any]:
    base = {
        "table": n,
        "started": True,
        "seats": seats,
        "year": 3,
        "years": 6,
        "event": EVENT,
        "meters": METERS,
        "turn": "resident",
        "step": "decision",
        "seq": 14,
        "waiting": 12.0,
        "stuck": False,
        "over": False,
        "ending": None,
    }
    return {**base, **fields}


STATE = {
    "paused": False,
    "locked": True,
    "setup": {"scenario": "kanaalzijde", "variant": "short", "seed": 7},
    "unreadable": {},
    "tables": [
        table(
            1,
            [seat("minister", "Sanne"), seat("resident", "Ahmed", False), seat("youth_worker", "Lotte")],
            stuck=True,
            waiting=412.0,
        ),
        table(
            2,
            [seat("minister", "Daan"), seat("resident", "Fatima"), seat("youth_worker", "Noah")],
            over=True,
            year=6,
            turn=None,
            event=None,
        ),
        table(
            3,
            [seat("minister", "Emma"), seat("resident", None), seat("youth_worker", None)],
            started=False,
            year=1,
            turn="news",
            seq=0,
        ),
        table(
            4,
            [
                seat("minister", "Julia", computer=True),
                seat("resident", "Sem"),
                seat("youth_worker", "Lina"),
            ],
            turn="news",
            year=2,
            waiting=65.0,
        ),
    ],
}


class FrozenApi:
    """The teacher API with a fixed answer: no server, no clock."""

    def __init__(self, lang: str) -> None:
        pack = base_pack()
        self._names = {
            "roles": {rid: text(r.name, lang) for rid, r in pack.roles.items()},
            "meters": {
                mid: {"name": text(m.name, lang), "min": m.min, "max": m.max}
                for mid, m in pack.meters.items()
            },
            "scenario": "",
        }

    async def state(self) -> dict[str, Any]:
        return copy.deepcopy(STATE)

    async def names(self, lang: str) -> dict[str, Any]:
        return self._names

    async def close(self) -> None:
        pass


def frozen(lang: str):
    from game.ui.dashboard.app import DashboardApp

    return DashboardApp(FrozenApi(lang), lang, poll=3600)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard(snap_compare, lang):
    assert snap_compare(frozen(lang), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_projector(snap_compare, lang):
    assert snap_compare(frozen(lang), press=["b"], terminal_size=SIZE)


def test_seats(snap_compare):
    assert snap_compare(frozen("nl"), press=["enter"], terminal_size=SIZE)
