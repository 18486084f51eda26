"""The content expression language: parsed and type-checked once at load, compiled to closures.

Conditions (``trust < 30 and has("riots")``) and formulas (``20 + trust * 0.5``) in content files are
written in a tiny subset of Python's expression syntax. They are parsed with :mod:`ast` and compiled by
walking a whitelist of node types into plain Python closures: nothing is ever passed to ``eval`` or
``exec``, attribute access is limited to ``input.<role>``, calls are limited to the functions in
:data:`FUNCTIONS`, and oversized expressions are refused.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .builtins import BUILTINS, Builtin, Type

MAX_LENGTH = 400
MAX_NODES = 80
MAX_DEPTH = 12
MAX_NUMBER = 1_000_000


class ExprError(ValueError):
    """An expression that cannot be compiled; the message says what is wrong and how to fix it."""


class Context(Protocol):
    """What a compiled expression reads while the game runs (implemented by the engine)."""

    def value(self, name: str) -> float: ...
    def input_of(self, role: str) -> str: ...
    def call(self, func: str, args: tuple[Any, ...]) -> Any: ...


#: The whitelist of callable functions, each declared once in :mod:`.builtins`.
FUNCTIONS: dict[str, Builtin] = BUILTINS


@dataclass
class Names:
    """The names an expression may use, as known when the pack is compiled.

    ``numbers`` are meter and resource ids plus ``round`` and ``rounds``; ``ids`` maps a reference kind
    (flag, event, role, option) to the ids that exist; ``inputs`` maps a role to its input option ids.
    """

    numbers: set[str] = field(default_factory=set)
    ids: dict[str, set[str]] = field(default_factory=dict)
    inputs: dict[str, set[str]] = field(default_factory=dict)
    #: option ids per event, for ``chose(event, option)``
    options: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Compiled:
    """A compiled expression: its source, result type, and the closure that computes it."""

    source: str
    type: Type
    fn: Callable[[Context], Any]
    #: references found in the expression, e.g. {("flag", "riots"), ("meter", "trust")}
    refs: frozenset[tuple[str, str]] = frozenset()

    def __call__(self, ctx: Context) -> Any:
        return self.fn(ctx)


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix when a near name exists, else an empty string."""
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def constant(value: float | bool) -> Compiled:
    """A compiled expression that always gives ``value`` (for plain numbers in content)."""
    kind: Type = "bool" if isinstance(value, bool) else "num"
    return Compiled(repr(value), kind, lambda ctx: value)


def compile_expr(source: str, names: Names, expect: Type | None = None) -> Compiled:
    """Parse, check and compile ``source``.

    Raises:
        ExprError: with a message naming the problem and, where possible, a fix.
    """
    if not isinstance(source, str):
        raise ExprError(f"expected an expression in quotes, got {type(source).__name__}")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is {len(source)} characters long; the limit is {MAX_LENGTH}")
    if not source.strip():
        raise ExprError("expression is empty")
    try:
        with warnings.catch_warnings():
            # "invalid decimal literal" and the like are reported as our error, not printed by Python.
            warnings.simplefilter("ignore")
            tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError) as err:
        # Python versions differ in which of these a null byte raises.
        message = err.msg if isinstance(err, SyntaxError) else str(err)
        raise ExprError(f"cannot parse '{source}': {message}") from None
    except (RecursionError, MemoryError):
        raise ExprError(f"expression is nested too deeply (limit {MAX_DEPTH})") from None
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise ExprError(f"expression is too complex ({count} parts; the limit is {MAX_NODES}); split it up")
    compiler = _Compiler(names, source)
    kind, fn = compiler.compile(tree.body, 0)
    if expect is not None and kind != expect:
        raise ExprError(f"'{source}' gives a {_TYPE_WORD[kind]}, but a {_TYPE_WORD[expect]} is needed here")
    return Compiled(source, kind, fn, frozenset(compiler.refs))


_TYPE_WORD = {"num": "number", "bool": "true/false value", "str": "text"}

_ARITH: dict[type, Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b if b else 0.0,
    ast.FloorDiv: lambda a, b: a // b if b else 0.0,
    ast.Mod: lambda a, b: a % b if b else 0.0,
}

_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
}


class _Compiler:
    def __init__(self, names: Names, source: str) -> None:
        self.names = names
        self.source = source
        self.refs: set[tuple[str, str]] = set()
        #: the value of each closure that gives a constant number (so operators can fold it in)
        self.constants: dict[Callable[[Context], Any], float] = {}
        #: the name each closure that reads a number reads (so a comparison can read it itself)
        self.reads: dict[Callable[[Context], Any], str] = {}

    def fail(self, message: str) -> ExprError:
        return ExprError(f"in '{self.source}': {message}")

    def compile(self, node: ast.AST, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested too deeply (limit {MAX_DEPTH})")
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.fail(f"{_describe(node)} is not allowed in content expressions")
        return method(node, depth + 1)

    # -- leaves ---------------------------------------------------------------------------------
    def _Constant(self, node: ast.Constant, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        value = node.value
        if isinstance(value, bool):
            return "bool", lambda ctx: value
        if isinstance(value, int | float):
            if abs(value) > MAX_NUMBER:
                raise self.fail(f"number {value} is too large (limit {MAX_NUMBER})")
            number = float(value)
            return "num", self.constant(number)
        if isinstance(value, str):
            if len(value) > 80:
                raise self.fail("text constants are limited to 80 characters")
            return "str", lambda ctx: value
        raise self.fail(f"constant {value!r} is not allowed")

    def _Name(self, node: ast.Name, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        name = node.id
        if name in ("true", "True"):
            return "bool", lambda ctx: True
        if name in ("false", "False"):
            return "bool", lambda ctx: False
        if name.startswith("_"):
            raise self.fail(f"name '{name}' is not allowed")
        if name not in self.names.numbers:
            hint = did_you_mean(name, self.names.numbers | set(FUNCTIONS))
            raise self.fail(f"unknown name '{name}'{hint}")
        self.refs.add(("number", name))

        def read(ctx: Context) -> float:
            return ctx.value(name)

        self.reads[read] = name
        return "num", read

    def _Attribute(self, node: ast.Attribute, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        if not (isinstance(node.value, ast.Name) and node.value.id == "input"):
            raise self.fail("attribute access is not allowed (only input.<role>)")
        role = node.attr
        roles = self.names.ids.get("role", set())
        if role not in roles:
            raise self.fail(f"input.{role}: unknown role '{role}'{did_you_mean(role, roles)}")
        self.refs.add(("role", role))
        return "str", lambda ctx: ctx.input_of(role)

    # -- operators ------------------------------------------------------------------------------
    def _BoolOp(self, node: ast.BoolOp, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        parts = [self.expect(v, "bool", depth) for v in node.values]
        if len(parts) == 2:
            # The common case without a generator (the engine evaluates conditions thousands of times a
            # game); True/False exactly as all() and any() give them.
            first, second = parts
            if isinstance(node.op, ast.And):
                return "bool", lambda ctx: True if first(ctx) and second(ctx) else False
            return "bool", lambda ctx: True if first(ctx) or second(ctx) else False
        if len(parts) == 3:
            first, second, third = parts
            if isinstance(node.op, ast.And):
                return "bool", lambda ctx: True if first(ctx) and second(ctx) and third(ctx) else False
            return "bool", lambda ctx: True if first(ctx) or second(ctx) or third(ctx) else False
        if isinstance(node.op, ast.And):
            return "bool", lambda ctx: all(p(ctx) for p in parts)
        return "bool", lambda ctx: any(p(ctx) for p in parts)

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        if isinstance(node.op, ast.Not):
            inner = self.expect(node.operand, "bool", depth)
            return "bool", lambda ctx: not inner(ctx)
        if isinstance(node.op, ast.USub):
            inner = self.expect(node.operand, "num", depth)
            if inner in self.constants:
                return "num", self.constant(-self.constants[inner])
            return "num", lambda ctx: -inner(ctx)
        if isinstance(node.op, ast.UAdd):
            return "num", self.expect(node.operand, "num", depth)
        raise self.fail(f"operator {type(node.op).__name__} is not allowed")

    def _BinOp(self, node: ast.BinOp, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        op = _ARITH.get(type(node.op))
        if op is None:
            symbol = "**" if isinstance(node.op, ast.Pow) else type(node.op).__name__
            raise self.fail(f"operator {symbol} is not allowed (use + - * / // %)")
        left = self.expect(node.left, "num", depth)
        right = self.expect(node.right, "num", depth)
        return "num", self.arith(type(node.op), op, left, right)

    def _Compare(self, node: ast.Compare, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        left_type, left = self.compile(node.left, depth)
        steps: list[tuple[Callable[[Any, Any], bool], Callable[[Context], Any]]] = []
        prev_node, prev_type = node.left, left_type
        for op, comp in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                if len(node.ops) > 1:
                    # Chained 'in' (a < b in [..]) reads ambiguously; say it with 'and'.
                    raise self.fail("'in' cannot be chained with other comparisons; join them with 'and'")
                steps.append(self.membership(op, comp, prev_node, prev_type))
                continue
            fn = _COMPARE.get(type(op))
            if fn is None:
                raise self.fail(f"comparison {type(op).__name__} is not allowed")
            comp_type, comp_fn = self.compile(comp, depth)
            if comp_type != prev_type:
                raise self.fail(f"cannot compare a {_TYPE_WORD[prev_type]} with a {_TYPE_WORD[comp_type]}")
            if prev_type != "num" and not isinstance(op, ast.Eq | ast.NotEq):
                raise self.fail(f"a {_TYPE_WORD[prev_type]} can only be compared with == or !=")
            self.check_input_value(prev_node, comp)
            self.check_input_value(comp, prev_node)
            steps.append((fn, comp_fn))
            prev_node, prev_type = comp, comp_type

        if len(steps) == 1 and node.ops and not isinstance(node.ops[0], ast.In | ast.NotIn):
            return "bool", self.comparison(type(node.ops[0]), left, steps[0][1])

        def run(ctx: Context) -> bool:
            a = left(ctx)
            for fn, comp_fn in steps:
                b = comp_fn(ctx)
                if b is None:  # membership test against a constant list
                    if not fn(a, None):
                        return False
                    continue
                if not fn(a, b):
                    return False
                a = b
            return True

        return "bool", run

    def _Call(self, node: ast.Call, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        if not isinstance(node.func, ast.Name):
            raise self.fail('only plain function calls are allowed, like has("flag")')
        name = node.func.id
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise self.fail(f"unknown function '{name}'{did_you_mean(name, FUNCTIONS)}")
        if node.keywords:
            raise self.fail(f"{name}() takes no keyword arguments")
        if spec.variadic:
            if not node.args:
                raise self.fail(f"{name}() needs at least one argument")
            arg_types = [spec.args[0]] * len(node.args)
        else:
            if len(node.args) != len(spec.args):
                raise self.fail(f"{name}() takes {len(spec.args)} argument(s), got {len(node.args)}")
            arg_types = list(spec.args)
        args = []
        for i, (arg, kind) in enumerate(zip(node.args, arg_types, strict=True)):
            ref = spec.refs[i] if i < len(spec.refs) else None
            if ref is not None:
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    raise self.fail(f"{name}() needs a {ref} id in quotes as argument {i + 1}")
                self.check_ref(ref, arg.value, node)
            args.append(self.expect(arg, kind, depth))
        if not spec.reads_game:
            return "num", _pure(spec.code, args, self.constants)
        constants = tuple(a.value for a in node.args)  # type: ignore[attr-defined]
        return spec.result, lambda ctx: ctx.call(name, constants)

    def membership(
        self, op: ast.In | ast.NotIn, comp: ast.expr, prev_node: ast.expr, prev_type: Type
    ) -> tuple[Callable[[Any, Any], bool], Callable[[Context], Any]]:
        """One ``x in [..]`` (or ``not in``) step of a comparison: a test against a set of constants."""
        if not isinstance(comp, ast.List | ast.Tuple | ast.Set):
            raise self.fail('\'in\' needs a list of constants, like input.resident in ["share", "propose"]')
        if prev_type == "bool":
            raise self.fail("'in' needs a number or a text on its left, not true/false")
        values = []
        for elt in comp.elts:
            if (
                not isinstance(elt, ast.Constant)
                or isinstance(elt.value, bool)
                or not isinstance(elt.value, int | float | str)
            ):
                raise self.fail("'in' lists may only hold numbers or texts")
            elt_type: Type = "str" if isinstance(elt.value, str) else "num"
            if elt_type != prev_type:
                raise self.fail(
                    f"cannot compare a {_TYPE_WORD[prev_type]} with the {_TYPE_WORD[elt_type]} {elt.value!r}"
                )
            values.append(elt.value)
            self.check_input_value(prev_node, elt)
        choices = frozenset(float(v) if isinstance(v, int | float) else v for v in values)
        negate = isinstance(op, ast.NotIn)
        return (lambda a, b, c=choices, n=negate: (a in c) != n), (lambda ctx: None)

    def _IfExp(self, node: ast.IfExp, depth: int) -> tuple[Type, Callable[[Context], Any]]:
        test = self.expect(node.test, "bool", depth)
        body_type, body = self.compile(node.body, depth)
        else_type, orelse = self.compile(node.orelse, depth)
        if body_type != else_type:
            raise self.fail("both sides of 'x if c else y' must have the same type")
        yes, no = self.constants.get(body), self.constants.get(orelse)
        if yes is not None and no is not None:  # "2 if rounds <= 8 else 1": no call for either side
            return body_type, lambda ctx: yes if test(ctx) else no
        return body_type, lambda ctx: body(ctx) if test(ctx) else orelse(ctx)

    # -- specialised closures -------------------------------------------------------------------
    # One closure per operator, with constant operands folded in: the same arithmetic in the same
    # order as the generic form, without a call through an operator table per operation.
    def constant(self, number: float) -> Callable[[Context], Any]:
        def fn(ctx: Context) -> float:
            return number

        self.constants[fn] = number
        return fn

    def arith(
        self,
        kind: type,
        op: Callable[[float, float], float],
        left: Callable[[Context], Any],
        right: Callable[[Context], Any],
    ) -> Callable[[Context], Any]:
        lc, rc = self.constants.get(left), self.constants.get(right)
        if lc is not None and rc is not None:
            return self.constant(op(lc, rc))
        a, b = self.reads.get(left), self.reads.get(right)
        if a is not None and (b is not None or rc is not None):
            fused = _names_arith(kind, a, b, rc)
            if fused is not None:
                return fused
        if rc is not None:
            r = rc
            if kind is ast.Add:
                return lambda ctx: left(ctx) + r
            if kind is ast.Sub:
                return lambda ctx: left(ctx) - r
            if kind is ast.Mult:
                return lambda ctx: left(ctx) * r
            if kind is ast.Div and r:
                return lambda ctx: left(ctx) / r
            if kind is ast.FloorDiv and r:
                return lambda ctx: left(ctx) // r
            if kind is ast.Mod and r:
                return lambda ctx: left(ctx) % r
            return lambda ctx: op(left(ctx), r)
        elif lc is not None:
            n = lc
            if kind is ast.Add:
                return lambda ctx: n + right(ctx)
            if kind is ast.Sub:
                return lambda ctx: n - right(ctx)
            if kind is ast.Mult:
                return lambda ctx: n * right(ctx)
            if kind is ast.Div:  # "6 / rounds": the division by zero guard of _ARITH, written out
                return lambda ctx: n / b if (b := right(ctx)) else 0.0
            return lambda ctx: op(n, right(ctx))
        else:
            if kind is ast.Add:
                return lambda ctx: left(ctx) + right(ctx)
            if kind is ast.Sub:
                return lambda ctx: left(ctx) - right(ctx)
            if kind is ast.Mult:
                return lambda ctx: left(ctx) * right(ctx)
        return lambda ctx: op(left(ctx), right(ctx))

    def comparison(
        self, kind: type, left: Callable[[Context], Any], right: Callable[[Context], Any]
    ) -> Callable[[Context], bool]:
        rc = self.constants.get(right)
        name = self.reads.get(left)
        if rc is not None and name is not None:
            return _name_against(kind, name, rc)
        if rc is not None:
            r = rc
            if kind is ast.Lt:
                return lambda ctx: left(ctx) < r
            if kind is ast.LtE:
                return lambda ctx: left(ctx) <= r
            if kind is ast.Gt:
                return lambda ctx: left(ctx) > r
            if kind is ast.GtE:
                return lambda ctx: left(ctx) >= r
            if kind is ast.Eq:
                return lambda ctx: left(ctx) == r
            if kind is ast.NotEq:
                return lambda ctx: left(ctx) != r
        if kind is ast.Lt:
            return lambda ctx: left(ctx) < right(ctx)
        if kind is ast.LtE:
            return lambda ctx: left(ctx) <= right(ctx)
        if kind is ast.Gt:
            return lambda ctx: left(ctx) > right(ctx)
        if kind is ast.GtE:
            return lambda ctx: left(ctx) >= right(ctx)
        if kind is ast.Eq:
            return lambda ctx: left(ctx) == right(ctx)
        return lambda ctx: left(ctx) != right(ctx)

    # -- helpers --------------------------------------------------------------------------------
    def expect(self, node: ast.AST, kind: Type, depth: int) -> Callable[[Context], Any]:
        got, fn = self.compile(node, depth)
        if got != kind:
            raise self.fail(f"{_describe(node)} is a {_TYPE_WORD[got]}, but a {_TYPE_WORD[kind]} is needed")
        return fn

    def check_ref(self, kind: str, value: str, call: ast.Call) -> None:
        if kind == "option":
            event = call.args[0].value  # type: ignore[attr-defined]
            known = self.names.options.get(event, set())
        else:
            known = self.names.ids.get(kind, set())
        if value not in known:
            raise self.fail(f"unknown {kind} '{value}'{did_you_mean(value, known)}")
        self.refs.add((kind, value))

    def check_input_value(self, side: ast.AST, other: ast.AST) -> None:
        """``input.resident == "shre"`` is a typo we can catch: check against the role's inputs."""
        if (
            isinstance(side, ast.Attribute)
            and isinstance(side.value, ast.Name)
            and side.value.id == "input"
            and isinstance(other, ast.Constant)
            and isinstance(other.value, str)
            and other.value != ""
        ):
            known = self.names.inputs.get(side.attr)
            if known is not None and other.value not in known:
                raise self.fail(
                    f"role '{side.attr}' has no input '{other.value}'{did_you_mean(other.value, known)}"
                )


def _names_arith(kind: type, a: str, b: str | None, r: float | None) -> Callable[[Context], Any] | None:
    """``a + b`` or ``a * 16`` (two names, or a name and a constant), reading the names itself; None for
    other operators."""
    if b is not None:
        if kind is ast.Add:
            return lambda ctx: ctx.value(a) + ctx.value(b)
        if kind is ast.Sub:
            return lambda ctx: ctx.value(a) - ctx.value(b)
        return None
    if kind is ast.Add:
        return lambda ctx: ctx.value(a) + r
    if kind is ast.Sub:
        return lambda ctx: ctx.value(a) - r
    if kind is ast.Mult:
        return lambda ctx: ctx.value(a) * r
    if not r:  # a division by a constant 0 keeps the generic guard
        return None
    if kind is ast.Div:
        return lambda ctx: ctx.value(a) / r
    if kind is ast.FloorDiv:  # "support // 25"
        return lambda ctx: ctx.value(a) // r
    if kind is ast.Mod:  # "round % 4"
        return lambda ctx: ctx.value(a) % r
    return None


def _name_against(kind: type, name: str, r: float) -> Callable[[Context], bool]:
    """``name < r`` (or another comparison with a constant), reading the name itself: the commonest
    condition in content ("trust < 30"), one call instead of two."""
    if kind is ast.Lt:
        return lambda ctx: ctx.value(name) < r
    if kind is ast.LtE:
        return lambda ctx: ctx.value(name) <= r
    if kind is ast.Gt:
        return lambda ctx: ctx.value(name) > r
    if kind is ast.GtE:
        return lambda ctx: ctx.value(name) >= r
    if kind is ast.Eq:
        return lambda ctx: ctx.value(name) == r
    return lambda ctx: ctx.value(name) != r


def _describe(node: ast.AST) -> str:
    kinds = {
        ast.Lambda: "a lambda",
        ast.Subscript: "indexing",
        ast.ListComp: "a list comprehension",
        ast.GeneratorExp: "a generator",
        ast.DictComp: "a dict comprehension",
        ast.Dict: "a dict",
        ast.NamedExpr: "an assignment",
        ast.Starred: "a star expression",
        ast.JoinedStr: "an f-string",
        ast.Await: "await",
        ast.Yield: "yield",
    }
    for kind, word in kinds.items():
        if isinstance(node, kind):
            return word
    if isinstance(node, ast.Name):
        return f"'{node.id}'"
    if isinstance(node, ast.Constant):
        return repr(node.value)
    if isinstance(node, ast.Attribute | ast.Call | ast.Compare | ast.BoolOp | ast.BinOp | ast.UnaryOp):
        try:
            return f"'{ast.unparse(node)}'"
        except Exception:  # pragma: no cover - unparse of a parsed node does not fail in practice
            pass
    return type(node).__name__


def _pure(
    code: Callable[..., Any],
    args: list[Callable[[Context], Any]],
    constants: dict[Callable[[Context], Any], float],
) -> Callable[[Context], Any]:
    """A call of a built-in that reads only its arguments (min, max, abs, clamp), unrolled for the common
    lengths (a generator per call would cost more than the call), with constant arguments (``constants``:
    the value of each closure that gives one) passed as they are."""
    if len(args) == 1:
        (first,) = args
        return lambda ctx: code(first(ctx))
    if len(args) == 2:
        first, second = args
        a, b = constants.get(first), constants.get(second)
        if a is not None:  # min(1, 6 / rounds)
            return lambda ctx: code(a, second(ctx))
        if b is not None:
            return lambda ctx: code(first(ctx), b)
        return lambda ctx: code(first(ctx), second(ctx))
    if len(args) == 3:
        first, second, third = args
        b, c = constants.get(second), constants.get(third)
        if b is not None and c is not None:  # clamp(x, 1, 4)
            return lambda ctx: code(first(ctx), b, c)
        return lambda ctx: code(first(ctx), second(ctx), third(ctx))
    return lambda ctx: code(*(a(ctx) for a in args))
