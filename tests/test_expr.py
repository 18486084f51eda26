"""The content expression language: what compiles and what it gives; what is refused, and why."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.expr import FUNCTIONS, MAX_DEPTH, MAX_LENGTH, ExprError, Names, compile_expr, constant

NAMES = Names(
    numbers={"trust", "livability", "turnout", "budget", "energy", "round", "rounds"},
    ids={
        "flag": {"riots", "organised"},
        "event": {"evening", "budget", "elections"},
        "role": {"minister", "resident"},
    },
    inputs={"minister": {"note", "silent"}, "resident": {"share", "protest", "away"}},
    options={"evening": {"listen", "proceed"}, "budget": {"give", "keep"}, "elections": set()},
)


class FakeContext:
    """A game as expressions see it: trust 30, livability 55, round 3 of 4, riots twice, resident shared."""

    values = {
        "trust": 30.0,
        "livability": 55.0,
        "turnout": 35.0,
        "budget": 8.0,
        "energy": 0.0,
        "round": 3.0,
        "rounds": 4.0,
    }
    inputs = {"resident": "share"}
    flags = {"riots": 2}
    seen = {"evening"}
    decisions = {("evening", "listen")}
    honoured = {"resident"}
    counts = {"honoured_count": {"resident": 2}, "ignored_count": {"resident": 1}}

    def value(self, name: str) -> float:
        return self.values[name]

    def input_of(self, role: str) -> str:
        return self.inputs.get(role, "")

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        if func == "has":
            return self.flags.get(args[0], 0) > 0
        if func == "flag":
            return float(self.flags.get(args[0], 0))
        if func == "seen":
            return args[0] in self.seen
        if func == "chose":
            return tuple(args) in self.decisions
        if func == "honoured":
            return args[0] in self.honoured
        if func == "ignored":
            return False
        if func == "shared":
            return args[0] == "resident"
        if func == "heeded":
            return False
        return float(self.counts[func].get(args[0], 0))


CTX = FakeContext()

VALID = [
    # numbers and arithmetic
    ("3", 3.0),
    ("-2.5", -2.5),
    ("+4", 4.0),
    ("trust", 30.0),
    ("trust + livability", 85.0),
    ("20 + trust * 0.5", 35.0),
    ("livability - trust", 25.0),
    ("trust / 4", 7.5),
    ("trust / 0", 0.0),  # division by zero gives 0, never a crash
    ("trust // 7", 4.0),
    ("trust // 0", 0.0),
    ("trust % 7", 2.0),
    ("trust % 0", 0.0),
    ("(trust + 10) * 2", 80.0),
    ("round", 3.0),
    ("rounds - round", 1.0),
    ("energy", 0.0),
    ("1_000", 1000.0),
    # booleans and comparisons
    ("true", True),
    ("False", False),
    ("trust < 31", True),
    ("trust <= 30", True),
    ("trust > 30", False),
    ("trust >= 30", True),
    ("trust == 30", True),
    ("trust != 30", False),
    ("20 < trust < 40", True),
    ("20 < trust < 25", False),
    ("trust < 40 and livability > 50", True),
    ("trust < 20 or livability > 50", True),
    ("not trust < 20", True),
    ("not (trust < 40 and false)", True),
    ("trust in [10, 30]", True),
    ("trust not in [10, 30]", False),
    # the if-expression
    ("10 if trust < 40 else 20", 10.0),
    ("10 if trust > 40 else 20", 20.0),
    ("has('riots') if true else false", True),
    # input of a role
    ("input.resident == 'share'", True),
    ('input.resident == "protest"', False),
    ("input.resident != 'away'", True),
    ("'share' == input.resident", True),
    ("input.resident in ['share', 'protest']", True),
    ("input.minister == ''", True),  # no input given
    ("input.minister != 'note'", True),
    # functions
    ("has('riots')", True),
    ('has("organised")', False),
    ("flag('riots')", 2.0),
    ("flag('organised') + 1", 1.0),
    ("seen('evening')", True),
    ("seen('budget')", False),
    ("chose('evening', 'listen')", True),
    ("chose('evening', 'proceed')", False),
    ("honoured('resident')", True),
    ("ignored('resident')", False),
    ("shared('resident')", True),
    ("heeded('resident')", False),
    ("honoured_count('resident')", 2.0),
    ("ignored_count('resident') * 2", 2.0),
    ("min(trust, livability, 40)", 30.0),
    ("max(trust, livability)", 55.0),
    ("min(5)", 5.0),
    ("abs(trust - livability)", 25.0),
    ("clamp(10 + trust * 0.6, 0, 100)", 28.0),
    ("clamp(trust * 10, 0, 100)", 100.0),
    ("clamp(-trust, 0, 100)", 0.0),
    ("trust < 30 and has('riots') or livability > 50", True),
    ("  trust  ", 30.0),  # surrounding whitespace is fine
    ("trust  # a comment", 30.0),
]


@pytest.mark.parametrize(("source", "expected"), VALID, ids=[s for s, _ in VALID])
def test_valid_expression_compiles_and_gives_its_value(source: str, expected: float | bool) -> None:
    compiled = compile_expr(source, NAMES)
    result = compiled(CTX)
    assert result == expected
    assert type(result) is type(expected)
    assert compiled.type == ("bool" if isinstance(expected, bool) else "num")


@pytest.mark.parametrize(
    ("source", "refs"),
    [
        ("trust < 30 and has('riots')", {("number", "trust"), ("flag", "riots")}),
        ("input.resident == 'share'", {("role", "resident")}),
        ("chose('evening', 'listen')", {("event", "evening"), ("option", "listen")}),
        ("seen('budget') or honoured('minister')", {("event", "budget"), ("role", "minister")}),
    ],
)
def test_references_are_recorded(source: str, refs: set) -> None:
    assert compile_expr(source, NAMES).refs == refs


@pytest.mark.parametrize(
    ("source", "expect"),
    [("trust", "num"), ("trust < 3", "bool"), ("has('riots')", "bool"), ("input.resident", "str")],
)
def test_expected_type_is_accepted(source: str, expect: str) -> None:
    assert compile_expr(source, NAMES, expect).type == expect  # type: ignore[arg-type]


def test_constants() -> None:
    assert constant(4.0)(CTX) == 4.0
    assert constant(True).type == "bool"


REJECTED = [
    # unknown names, with did-you-mean
    ("trsut < 30", "unknown name 'trsut'; did you mean 'trust'?"),
    ("livabilty > 3", "did you mean 'livability'?"),
    ("zzz", "unknown name 'zzz'"),
    ("input == 'share'", "unknown name 'input'"),
    ("nan", "unknown name 'nan'"),
    ("hass('riots')", "unknown function 'hass'; did you mean 'has'?"),
    # wrong types
    ("trust + true", "is a true/false value, but a number is needed"),
    ("trust and true", "is a number, but a true/false value is needed"),
    ("not trust", "is a number, but a true/false value is needed"),
    ("-has('riots')", "but a number is needed"),
    ("'a' * 3", "is a text, but a number is needed"),
    ("trust == 'high'", "cannot compare a number with a text"),
    ("input.resident < 'b'", "can only be compared with == or !="),
    ("input.resident == 3", "cannot compare a text with a number"),
    ("trust in ['a', 'b']", "cannot compare a number with the text 'a'"),
    ("input.resident in ['share', 1]", "cannot compare a text with the number 1"),
    ("has('riots') in [1]", "'in' needs a number or a text on its left"),
    ("trust in [trust]", "'in' lists may only hold numbers or texts"),
    ("trust in [true]", "'in' lists may only hold numbers or texts"),
    ("trust in trust", "'in' needs a list of constants"),
    ("1 < trust in [3]", "'in' cannot be chained"),
    ("trust if true else 'a'", "both sides of 'x if c else y' must have the same type"),
    ("1 if trust else 2", "but a true/false value is needed"),
    ("min('a')", "but a number is needed"),
    ("clamp(trust, 0)", "clamp() takes 3 argument(s), got 2"),
    ("has('riots', 'organised')", "has() takes 1 argument(s), got 2"),
    ("min()", "min() needs at least one argument"),
    ("abs(x=trust)", "takes no keyword arguments"),
    # attribute access other than input.ROLE
    ("trust.real", "attribute access is not allowed (only input.<role>)"),
    ("input.resident.upper", "attribute access is not allowed"),
    ("input.residnt == 'share'", "unknown role 'residnt'; did you mean 'resident'?"),
    ("input.__class__ == 'x'", "unknown role '__class__'"),
    ("().__class__", "attribute access is not allowed"),
    # dunder and private names
    ("__builtins__", "name '__builtins__' is not allowed"),
    ("_secret", "name '_secret' is not allowed"),
    ("__import__('os')", "unknown function '__import__'"),
    # lambdas, comprehensions, subscripts, other syntax
    ("(lambda: 1)()", "only plain function calls are allowed"),
    ("lambda: 1", "a lambda is not allowed"),
    ("[x for x in trust]", "a list comprehension is not allowed"),
    ("(x for x in trust)", "a generator is not allowed"),
    ("{x: 1 for x in trust}", "a dict comprehension is not allowed"),
    ("{'a': 1}", "a dict is not allowed"),
    ("trust[0]", "indexing is not allowed"),
    ("'abc'[1:]", "indexing is not allowed"),
    ("f'{trust}'", "an f-string is not allowed"),
    ("(y := 3)", "an assignment is not allowed"),
    ("[1, 2]", "List is not allowed"),
    ("None", "constant None is not allowed"),
    ("b'x'", "constant b'x' is not allowed"),
    ("1j", "constant 1j is not allowed"),
    ("...", "constant Ellipsis is not allowed"),
    ("trust is 3", "comparison Is is not allowed"),
    ("~3", "operator Invert is not allowed"),
    # calls outside the whitelist
    ("open('x')", "unknown function 'open'"),
    ("eval('1')", "unknown function 'eval'"),
    ("float('nan')", "unknown function 'float'"),
    ("trust.bit_length()", "only plain function calls are allowed"),
    ("has(riots)", "has() needs a flag id in quotes as argument 1"),
    # operators
    ("trust ** 2", "operator ** is not allowed"),
    ("9 ** 9 ** 9", "operator ** is not allowed"),
    ("trust << 2", "operator LShift is not allowed"),
    ("trust & 1", "operator BitAnd is not allowed"),
    ("trust @ trust", "operator MatMult is not allowed"),
    # oversized or nested expressions, and oversized numbers and texts
    ("1 + " * 30 + "1", "too complex"),
    ("trust + " * 150 + "1", f"the limit is {MAX_LENGTH}"),
    ("(" * (MAX_DEPTH + 2) + "trust" + " + 1)" * (MAX_DEPTH + 2), "nested too deeply"),
    ("-" * 100 + "1", "too complex"),
    ("(" * 300 + "1" + ")" * 300, "limit is"),
    ("10000001", "too large"),
    ("1e400", "too large"),
    ("input.resident == '" + "x" * 81 + "'", "limited to 80 characters"),
    # unknown ids in function arguments
    ("has('riot')", "unknown flag 'riot'; did you mean 'riots'?"),
    ("flag('nothing')", "unknown flag 'nothing'"),
    ("seen('evenign')", "unknown event 'evenign'; did you mean 'evening'?"),
    ("chose('evening', 'lisen')", "unknown option 'lisen'; did you mean 'listen'?"),
    ("chose('budget', 'listen')", "unknown option 'listen'"),
    ("chose('nope', 'listen')", "unknown event 'nope'"),
    ("honoured('residents')", "unknown role 'residents'; did you mean 'resident'?"),
    ("shared('mayor')", "unknown role 'mayor'"),
    # a typo in an input id
    ("input.resident == 'shre'", "role 'resident' has no input 'shre'; did you mean 'share'?"),
    ("'protst' == input.resident", "did you mean 'protest'?"),
    ("input.resident in ['share', 'awya']", "role 'resident' has no input 'awya'; did you mean 'away'?"),
    # syntax and emptiness
    ("", "expression is empty"),
    ("   ", "expression is empty"),
    ("trust <", "cannot parse"),
    ("trust < 3;", "cannot parse"),
    ("x = 3", "cannot parse"),
    ("trust\x00", "cannot parse"),
    ("if trust: 1", "cannot parse"),
]


@pytest.mark.parametrize(("source", "fragment"), REJECTED, ids=[s[:40] for s, _ in REJECTED])
def test_rejected_expression_says_why(source: str, fragment: str) -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr(source, NAMES)
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("source", "expect", "fragment"),
    [
        ("trust", "bool", "gives a number, but a true/false value is needed here"),
        ("trust < 3", "num", "gives a true/false value, but a number is needed here"),
        ("input.resident", "bool", "gives a text"),
    ],
)
def test_wrong_result_type_is_refused(source: str, expect: str, fragment: str) -> None:
    with pytest.raises(ExprError, match=fragment):
        compile_expr(source, NAMES, expect)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [3, 3.5, None, ["trust"], {"a": 1}])
def test_non_text_source_is_an_expr_error(value: object) -> None:
    with pytest.raises(ExprError, match="expected an expression in quotes"):
        compile_expr(value, NAMES)  # type: ignore[arg-type]


def test_every_function_in_the_whitelist_is_documented_and_compiles() -> None:
    samples = {
        "has": "has('riots')",
        "flag": "flag('riots')",
        "seen": "seen('evening')",
        "chose": "chose('evening', 'listen')",
        "honoured": "honoured('resident')",
        "ignored": "ignored('resident')",
        "shared": "shared('resident')",
        "heeded": "heeded('resident')",
        "honoured_count": "honoured_count('resident')",
        "ignored_count": "ignored_count('resident')",
        "min": "min(1, 2)",
        "max": "max(1, 2)",
        "abs": "abs(-1)",
        "clamp": "clamp(5, 0, 3)",
    }
    assert set(samples) == set(FUNCTIONS)
    for name, source in samples.items():
        assert FUNCTIONS[name].doc
        assert compile_expr(source, NAMES).type == FUNCTIONS[name].result


def test_every_function_runs_its_own_code_on_a_played_game(mini_pack) -> None:
    """The table above reads a stand-in context; here each built-in's own code reads a real game: the state
    after a round and the record of its decision (as consequences are judged)."""
    from game.engine import Game
    from game.engine.context import Context

    game = Game.new(mini_pack, "test", seed=7)
    while game.state.round < 2:
        step = game.step()
        game.choose(next(c.id for c in step.choices if c.available))
    state = game.state
    record = next(r for r in reversed(state.history) if r.decision)
    ctx = Context(state, record)
    expected = {
        "has('riots')": state.flags.get("riots", 0) > 0,
        "flag('riots')": float(state.flags.get("riots", 0)),
        "seen('evening')": any(r.event == "evening" for r in state.history),
        "chose('evening', 'listen')": any(
            r.event == "evening" and r.decision == "listen" for r in state.history
        ),
        "honoured('resident')": "resident" in record.honoured,
        "ignored('resident')": "resident" in record.ignored,
        "shared('resident')": "resident" in record.shared,
        "heeded('resident')": "resident" in record.heeded,
        "honoured_count('resident')": float(state.honoured_count.get("resident", 0)),
        "ignored_count('resident')": float(state.ignored_count.get("resident", 0)),
        "min(trust, 1000)": state.meters["trust"],
        "max(trust, -1000)": state.meters["trust"],
        "abs(-trust)": state.meters["trust"],
        "clamp(trust, 0, 100)": state.meters["trust"],
    }
    assert {source.split("(")[0] for source in expected} == set(FUNCTIONS)
    assert any(expected.values()) and not all(expected.values())  # a game where some are true, some not
    for source, value in expected.items():
        assert compile_expr(source, NAMES)(ctx) == value, source


# -- property tests ------------------------------------------------------------------------------------
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz_0123456789 ()[]{}.,:;'\"<>=!+-*/%&|^~@#\\\n\t\x00é€")
    + [
        "trust",
        "input.resident",
        "has(",
        "'riots'",
        " and ",
        " or ",
        " not ",
        " if ",
        " else ",
        "lambda",
        "**",
        "__",
        "in",
    ]
)
FUZZ = settings(suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=120))
def test_random_text_never_raises_anything_but_expr_error(source: str) -> None:
    try:
        compile_expr(source, NAMES)
    except ExprError:
        pass


@FUZZ
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_tokens_never_raise_anything_but_expr_error(source: str) -> None:
    try:
        compiled = compile_expr(source, NAMES)
    except ExprError:
        return
    # Whatever compiles also runs without error and gives a value of its declared type.
    result = compiled(CTX)
    expected = {"num": float, "bool": bool, "str": str}[compiled.type]
    assert isinstance(result, expected)


NUMBER_LEAVES = st.sampled_from(["trust", "livability", "round", "3", "0", "0.5", "flag('riots')", "energy"])


def _numeric(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(st.sampled_from(["min", "max"]), children, children).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
        children.map(lambda c: f"abs({c})"),
        children.map(lambda c: f"-{c}"),
    )


NUMERIC = st.recursive(NUMBER_LEAVES, _numeric, max_leaves=8)


@FUZZ
@given(NUMERIC)
def test_well_formed_arithmetic_compiles_and_gives_a_finite_number(source: str) -> None:
    try:
        compiled = compile_expr(source, NAMES, "num")
    except ExprError as err:
        # Only the size limits may refuse a well-formed formula.
        assert "too complex" in str(err) or "nested too deeply" in str(err) or "limit" in str(err)
        return
    result = compiled(CTX)
    assert isinstance(result, float)
    assert result == result  # not NaN
