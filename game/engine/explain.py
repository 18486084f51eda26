"""Why a game ended as it did: the conditions of the ending reached and of the better endings before it,
each clause met or missed, with the numbers ("livability 43 of 43.5 needed").

An ending's ``when`` is split at its top-level ``and`` into clauses; each is evaluated on the final state.
A clause that compares a meter or resource with a number also gives the value and the threshold.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from .context import Context
from .model import Ending, Scenario
from .state import GameState

#: the compiled pack (typed loosely: pack.py imports this module to compile what an explanation evaluates)
Pack = Any

_SIDES = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<"}
_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


@dataclass(frozen=True)
class Clause:
    """One condition of an ending and whether it holds now."""

    source: str
    met: bool
    #: for a comparison: the side that reads the game (a meter id, or an expression such as
    #: "livability + safety"), its value now, the operator and the other side's value
    target: str | None = None
    value: float | None = None
    op: str | None = None
    threshold: float | None = None

    @property
    def shortfall(self) -> float:
        """How far the value is from the threshold (0 when met, or when it is no number)."""
        if self.met or self.value is None or self.threshold is None:
            return 0.0
        return abs(self.threshold - self.value)


@dataclass(frozen=True)
class EndingCheck:
    """An ending's conditions as they stand at the end of the game."""

    ending: Ending
    clauses: tuple[Clause, ...]

    @property
    def missed(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.met)


@dataclass(frozen=True)
class EndingExplanation:
    """The ending reached with its conditions, the better endings before it with theirs, and the nearest."""

    reached: EndingCheck | None
    better: tuple[EndingCheck, ...]
    #: the better ending with the fewest missed clauses (then the smallest shortfall), if any
    nearest: EndingCheck | None


def explain_ending(pack: Pack, scenario: Scenario, state: GameState) -> EndingExplanation:
    """Why ``state`` (a finished game) reached its ending, and how far the better endings were.

    Better endings are the non-early endings listed before the one reached (an early ending lists every
    non-early ending as better)."""
    ctx = Context(state)
    endings = scenario.endings
    reached = next((e for e in endings if e.id == state.ending), None)
    if reached is None:
        return EndingExplanation(None, (), None)
    place = endings.index(reached)
    before = [e for e in endings if not e.early and (reached.early or endings.index(e) < place)]
    better = tuple(_check(pack, e, ctx) for e in before if e.when is not None)
    nearest = min(better, key=lambda c: (len(c.missed), sum(x.shortfall for x in c.missed)), default=None)
    return EndingExplanation(_check(pack, reached, ctx), better, nearest)


def clauses_of(source: str) -> list[str]:
    """The top-level ``and`` clauses of a condition, as source text."""
    text = source.strip()
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        return [text]
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        return [ast.get_source_segment(text, v) or text for v in tree.values]
    return [text]


def explained_parts(source: str) -> list[tuple[str, str]]:
    """The expressions an explanation of an ending with condition ``source`` evaluates, with their types
    (each clause, and the other side of a comparison): the loader compiles them with the pack."""
    parts = []
    for clause in clauses_of(source):
        parts.append((clause, "bool"))
        compared = _comparison(clause)
        if compared is not None:
            parts += [(compared[0], "num"), (compared[2], "num")]
    return parts


def _check(pack: Pack, ending: Ending, ctx: Context) -> EndingCheck:
    if ending.when is None:
        return EndingCheck(ending, ())
    return EndingCheck(ending, tuple(_clause(pack, part, ctx) for part in clauses_of(ending.when)))


def _clause(pack: Pack, source: str, ctx: Context) -> Clause:
    met = bool(pack.expr(source, "bool")(ctx))
    compared = _comparison(source)
    if compared is None:
        return Clause(source, met)
    left, op, right = compared
    if (left, "num") not in pack.compiled or (right, "num") not in pack.compiled:
        return Clause(source, met)
    # each side may be a name or an expression (e.g. "livability + safety", "48 - (15 - rounds) / 3")
    value = float(pack.expr(left, "num")(ctx))
    threshold = float(pack.expr(right, "num")(ctx))
    return Clause(source, met, left, value, op, threshold)


def _comparison(source: str) -> tuple[str, str, str] | None:
    """``a op b`` as (the side that reads the game, op with that side on the left, the other side); the
    side with a meter or resource name goes left (a plain number never does)."""
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(tree, ast.Compare) or len(tree.ops) != 1 or type(tree.ops[0]) not in _SIDES:
        return None
    left, right, op = tree.left, tree.comparators[0], _SIDES[type(tree.ops[0])]
    if _names_only_in(right) and not _names_only_in(left):
        left, right, op = right, left, _FLIP[op]
    if not _names_only_in(left):
        return None
    return ast.get_source_segment(source, left) or "", op, ast.get_source_segment(source, right) or ""


def _names_only_in(node: ast.expr) -> bool:
    """Whether ``node`` reads a name other than round/rounds (so it is the game's side of a comparison)."""
    return any(isinstance(n, ast.Name) and n.id not in ("round", "rounds") for n in ast.walk(node))
