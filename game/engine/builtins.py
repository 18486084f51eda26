"""The expression language's built-in functions, each declared once.

As ink registers its native functions, every function content may call is declared here with one
:func:`builtin`: its arguments and result (which the compiler checks, see :mod:`.expr`), its code (what
the game runs), the values it can give (which lint judges conditions by, see :mod:`.lint`) and its doc
(which the modding reference prints, see :mod:`game.authoring.reference`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Type = Literal["num", "bool", "str"]
INF = math.inf


@dataclass(frozen=True)
class Span:
    """The values an expression can take: a number interval, or which of true/false are possible."""

    lo: float = -INF
    hi: float = INF
    can_true: bool = True
    can_false: bool = True

    @staticmethod
    def num(lo: float, hi: float) -> Span:
        return Span(lo=lo, hi=hi)

    @staticmethod
    def truth(can_true: bool, can_false: bool) -> Span:
        return Span(can_true=can_true, can_false=can_false)


UNKNOWN = Span()
ANY_BOOL = Span.truth(True, True)


@dataclass(frozen=True)
class Ref:
    """An argument that names something of the pack by id, in quotes (checked when the pack is built)."""

    kind: Literal["flag", "event", "option", "role"]


FLAG, EVENT, OPTION, ROLE = Ref("flag"), Ref("event"), Ref("option"), Ref("role")
Arg = Ref | type
SpanRule = Span | Callable[[list[Span]], Span]


@dataclass(frozen=True)
class Builtin:
    """A function content may call: argument types, result type, what a string argument names, its code
    and what it can give."""

    name: str
    args: tuple[Type, ...]
    result: Type
    #: For string arguments: the kind of id they must name (checked at load), by position.
    refs: tuple[str | None, ...]
    variadic: bool
    doc: str
    #: what the game runs: ``code(ctx, *args)`` for a function that reads the game (its arguments are ids,
    #: constants in the source), ``code(*values)`` for a pure one (``reads_game`` False)
    code: Callable[..., Any]
    reads_game: bool
    #: the values it can give, for lint: a span, or a rule from its arguments' spans
    span: SpanRule
    #: what it gives for a flag no rule of the scenario can set (lint), if it reads a flag
    unset: Span | None = None

    def span_of(self, args: list[Span]) -> Span:
        return self.span(args) if callable(self.span) else self.span


#: every built-in function, by name, in the order the reference lists them
BUILTINS: dict[str, Builtin] = {}
_TYPES: dict[Any, Type] = {float: "num", bool: "bool", str: "str"}


def builtin(
    name: str,
    *,
    args: tuple[Arg, ...],
    returns: type,
    doc: str,
    span: SpanRule | None = None,
    variadic: bool = False,
    pure: bool = False,
    unset: Span | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a built-in function (see the module's doc)."""

    def register(code: Callable[..., Any]) -> Callable[..., Any]:
        result = _TYPES[returns]
        BUILTINS[name] = Builtin(
            name=name,
            args=tuple("str" if isinstance(a, Ref) else _TYPES[a] for a in args),
            result=result,
            refs=tuple(a.kind if isinstance(a, Ref) else None for a in args)
            if any(isinstance(a, Ref) for a in args)
            else (),
            variadic=variadic,
            doc=doc,
            code=code,
            reads_game=not pure,
            span=span if span is not None else (ANY_BOOL if result == "bool" else UNKNOWN),
            unset=unset,
        )
        return code

    return register


# -- what the game reads ---------------------------------------------------------------------------
# ``ctx`` is the expression context (see .context): the game's flags and state, and the decision's record
# while its consequences are worked out.


@builtin(
    "has",
    args=(FLAG,),
    returns=bool,
    doc="true when the flag is set (its count is above 0)",
    unset=Span.truth(False, True),
)
def _has(ctx: Any, flag: str) -> bool:
    return ctx.flags.get(flag, 0) > 0


@builtin(
    "flag",
    args=(FLAG,),
    returns=float,
    doc="the flag's count (0 when never set)",
    span=Span.num(0, INF),
    unset=Span.num(0, 0),
)
def _flag(ctx: Any, flag: str) -> float:
    return float(ctx.flags.get(flag, 0))


@builtin("seen", args=(EVENT,), returns=bool, doc="true when the event has been played in this game")
def _seen(ctx: Any, event: str) -> bool:
    # Played, not merely drawn: an event waiting in this round's queue has not been seen yet.
    return any(r.event == event for r in ctx.state.history)


@builtin("chose", args=(EVENT, OPTION), returns=bool, doc="true when this option was decided for that event")
def _chose(ctx: Any, event: str, option: str) -> bool:
    return any(r.event == event and r.decision == option for r in ctx.state.history)


@builtin("honoured", args=(ROLE,), returns=bool, doc="in consequences: that role's input was honoured")
def _honoured(ctx: Any, role: str) -> bool:
    return ctx.record is not None and role in ctx.record.honoured


@builtin(
    "ignored", args=(ROLE,), returns=bool, doc="in consequences: that role gave input and it was ignored"
)
def _ignored(ctx: Any, role: str) -> bool:
    return ctx.record is not None and role in ctx.record.ignored


@builtin(
    "heeded",
    args=(ROLE,),
    returns=bool,
    doc="in consequences: that role shared a warning and the decision took it into account (heeded or honoured)",
)
def _heeded(ctx: Any, role: str) -> bool:
    return ctx.record is not None and role in ctx.record.heeded


@builtin("shared", args=(ROLE,), returns=bool, doc="in consequences: that role shared private knowledge")
def _shared(ctx: Any, role: str) -> bool:
    return ctx.record is not None and role in ctx.record.shared


@builtin(
    "honoured_count",
    args=(ROLE,),
    returns=float,
    doc="how often that role's input was honoured so far",
    span=Span.num(0, INF),
)
def _honoured_count(ctx: Any, role: str) -> float:
    return float(ctx.state.honoured_count.get(role, 0))


@builtin(
    "ignored_count",
    args=(ROLE,),
    returns=float,
    doc="how often that role's input was ignored so far",
    span=Span.num(0, INF),
)
def _ignored_count(ctx: Any, role: str) -> float:
    return float(ctx.state.ignored_count.get(role, 0))


# -- arithmetic ------------------------------------------------------------------------------------
def _min_span(args: list[Span]) -> Span:
    return Span.num(min(a.lo for a in args), min(a.hi for a in args)) if args else UNKNOWN


def _max_span(args: list[Span]) -> Span:
    return Span.num(max(a.lo for a in args), max(a.hi for a in args)) if args else UNKNOWN


def _abs_span(args: list[Span]) -> Span:
    if not args:
        return UNKNOWN
    a = args[0]
    return a if a.lo >= 0 else Span.num(0, max(abs(a.lo), abs(a.hi)))


def _clamp_span(args: list[Span]) -> Span:
    if len(args) != 3:
        return UNKNOWN
    x, lo, hi = args
    return Span.num(max(lo.lo, min(hi.lo, x.lo)), max(lo.hi, min(hi.hi, x.hi)))


@builtin(
    "min",
    args=(float,),
    returns=float,
    variadic=True,
    pure=True,
    span=_min_span,
    doc="the smallest of its arguments",
)
def _min(*values: float) -> float:
    return min(values)


@builtin(
    "max",
    args=(float,),
    returns=float,
    variadic=True,
    pure=True,
    span=_max_span,
    doc="the largest of its arguments",
)
def _max(*values: float) -> float:
    return max(values)


@builtin("abs", args=(float,), returns=float, pure=True, span=_abs_span, doc="the absolute value")
def _abs(value: float) -> float:
    return abs(value)


@builtin(
    "clamp",
    args=(float, float, float),
    returns=float,
    pure=True,
    span=_clamp_span,
    doc="clamp(x, low, high): x kept between low and high",
)
def _clamp(x: float, low: float, high: float) -> float:
    return max(low, min(high, x))
