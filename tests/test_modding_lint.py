"""Lint warnings: one fixture pack per warning, a clean one, and the shipped and test packs stay clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.lint import possible
from game.files.packs import validate_pack

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures" / "lint"
ROOT = TESTS.parent

#: fixture -> (number of warnings, a part of each message, the file:line of the first)
CASES = {
    "event_when_out_of_range": (1, "can never be drawn: 'trust > 150'", "content.yaml:111"),
    "event_scheduled_never": (1, "never comes: 'round > 99'", "content.yaml:111"),
    "event_in_no_scenario": (1, "is in no scenario", "content.yaml:102"),
    "follow_up_never_scheduled": (1, "no option schedules it", "content.yaml:111"),
    "option_never_offered": (1, "option 'magic' is never offered", "content.yaml:83"),
    "option_all_zero": (1, "all its effects are zero", "content.yaml:79"),
    "option_costs_beyond_max": (1, "option 'build' can never be chosen: it costs 9", "content.yaml:83"),
    "flag_never_read": (1, "flag 'built' is set here but never read", "content.yaml:81"),
    "ending_after_unconditional": (2, "ending 'plain' before it always applies", "content.yaml:102"),
    "ending_impossible": (1, "ending 'miracle' can never be reached", "content.yaml:102"),
    "ending_same_condition": (1, "has the same condition", "content.yaml:110"),
    "ending_early_always": (1, "always holds", "content.yaml:103"),
    "text_missing_language": (1, "no 'en' translation", "content.yaml:52"),
    "meter_never_changes": (1, "this meter never changes", "content.yaml:19"),
    "event_flag_never_set": (1, "flag 'party' is never set in scenario 'town'", "content.yaml:146"),
    "private_addresses_reader": (
        2,
        "but once resident shares it the decider reads it too",
        "content.yaml:66",
    ),
    "event_round_beyond_scenario": (
        1,
        "'round > 5' can never hold, given the number of rounds",
        "content.yaml:111",
    ),
}


def test_every_fixture_is_covered() -> None:
    assert {p.name for p in FIXTURES.iterdir() if p.is_dir()} == {*CASES, "clean"}


def test_clean_fixture_has_no_warnings() -> None:
    result = validate_pack(FIXTURES / "clean")
    assert result.ok and result.problems == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_lint_warning(case: str) -> None:
    count, message, where = CASES[case]
    result = validate_pack(FIXTURES / case)
    assert result.ok, [str(p) for p in result.errors]  # warnings never stop a pack
    warnings = result.warnings
    assert len(warnings) == count, [str(w) for w in warnings]
    assert all(message in w.message for w in warnings), [str(w) for w in warnings]
    assert str(warnings[0]).startswith(str(FIXTURES / case / where) + ": warning: ")


@pytest.mark.parametrize("pack", ["packs/mini", "packs/mini_plus"])
def test_test_packs_have_no_warnings(pack: str) -> None:
    result = validate_pack(TESTS / pack)
    assert result.ok and result.warnings == [], [str(w) for w in result.warnings]


def test_shipped_content_has_no_warnings() -> None:
    from game.files.loader import load_pack

    base = ROOT / "content" / "base"
    if not (base / "pack.yaml").is_file() or not load_pack(base).ok:
        pytest.skip("the shipped base pack is absent or being written")
    result = validate_pack(base)
    assert result.warnings == [], [str(w) for w in result.warnings]


RANGES = {"trust": (0.0, 100.0), "budget": (0.0, 10.0), "round": (1.0, 15.0)}


@pytest.mark.parametrize(
    ("source", "can_true", "can_false"),
    [
        ("trust > 100", False, True),
        ("trust >= 100", True, True),
        ("trust < 0", False, True),
        ("trust <= 0", True, True),
        ("trust == 150", False, True),
        ("trust > 150 or budget > 5", True, True),
        ("trust > 150 and budget > 5", False, True),
        ("not (trust > 150)", True, False),
        ("trust + budget > 110", False, True),
        ("trust - budget < -10", False, True),
        ("trust * 2 > 200", False, True),
        ("clamp(trust, 10, 20) < 10", False, True),
        ("round > 15", False, True),
        ('flag("x") < 0', False, True),
        ('has("x")', True, True),
        ("trust / 0 > 5", True, True),
        ("trust >= 0", True, False),
        ("unknown_name > 5", True, True),
        ('(trust if has("x") else 200) > 150', True, True),
    ],
)
def test_possible(source: str, can_true: bool, can_false: bool) -> None:
    span = possible(source, RANGES)
    assert (span.can_true, span.can_false) == (can_true, can_false)


# -- soundness: what possible() rules out never happens ---------------------------------------------
from hypothesis import assume, example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from game.engine.expr import ExprError, Names, compile_expr  # noqa: E402

_NUMBERS = st.sampled_from(["trust", "budget", "round", "3", "50", "100", "-5", "150", "0.5"])
_OPS = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])
_ARITH = st.sampled_from(["+", "-", "*"])


@st.composite
def _number(draw, depth: int = 0) -> str:
    if depth < 2 and draw(st.booleans()):
        return f"({draw(_number(depth + 1))} {draw(_ARITH)} {draw(_number(depth + 1))})"
    if depth < 2 and draw(st.integers(0, 5)) == 0:
        fn = draw(st.sampled_from(["min", "max", "abs", "clamp"]))
        if fn == "abs":
            return f"abs({draw(_number(depth + 1))})"
        if fn == "clamp":
            x, low, high = (draw(_number(depth + 1)) for _ in range(3))
            return f"clamp({x}, {low}, {high})"
        return f"{fn}({draw(_number(depth + 1))}, {draw(_number(depth + 1))})"
    return draw(_NUMBERS)


@st.composite
def _condition(draw, depth: int = 0) -> str:
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        joiner = draw(st.sampled_from(["and", "or"]))
        return f"({draw(_condition(depth + 1))} {joiner} {draw(_condition(depth + 1))})"
    if depth < 2 and draw(st.integers(0, 5)) == 0:
        return f"not {draw(_condition(depth + 1))}"
    return f"{draw(_number())} {draw(_OPS)} {draw(_number())}"


class _Values:
    def __init__(self, values: dict[str, float]) -> None:
        self.values = values

    def value(self, name: str) -> float:
        return self.values[name]

    def input_of(self, role: str) -> str:
        return ""

    def call(self, func: str, args: tuple) -> object:
        raise AssertionError(func)


@given(
    _condition(),
    st.floats(0, 100, allow_nan=False),
    st.floats(0, 10, allow_nan=False),
    st.integers(1, 15),
)
# Every run tries these, however few examples the profile draws: a comparison of two equal constants.
@example("3 == 3", 50.0, 5.0, 1)
@example("(2 == 3 or trust == 50)", 50.0, 5.0, 1)
def test_possible_never_rules_out_what_happens(source: str, trust: float, budget: float, rnd: int) -> None:
    try:
        compiled = compile_expr(source, Names(numbers={"trust", "budget", "round"}), "bool")
    except ExprError:  # too large for content: nothing to judge
        assume(False)
    actual = compiled(_Values({"trust": trust, "budget": budget, "round": float(rnd)}))
    span = possible(source, RANGES)
    assert span.can_true if actual else span.can_false, (source, trust, budget, rnd)
