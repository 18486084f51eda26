"""What the engine works out once or keeps between steps gives what working it out afresh gives.

The engine keeps a game's draw candidates from round to round, makes a choice's honouring variants and an
input step's affordable choices once per pack, and folds constant operands into compiled expressions
(for speed). Each test here compares such a shortcut with the plain computation it stands for.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Game, Pack
from game.engine.choices import input_table, option_table, with_honours
from game.engine.debug import jump_to
from game.engine.draw import Draw, draw_events
from game.engine.expr import _ARITH, _COMPARE, Names, compile_expr
from game.engine.policy import choose_for
from game.files.loader import load_pack_or_raise
from game.files.paths import base_pack_dir


@cache
def _pack() -> Pack:
    return load_pack_or_raise(base_pack_dir())


def _rounds(game: Game):
    """Play ``game`` by the computer, yielding after each round's draw is made."""
    while not game.over:
        round_ = game.now.round
        while not game.over and game.now.round == round_:
            game.choose(choose_for(game, game.step()))
        if not game.over:
            yield


@pytest.mark.parametrize("seed", range(6))
def test_the_draw_kept_between_rounds_draws_what_judging_every_event_draws(seed: int) -> None:
    game = Game.new(_pack(), seed=seed, changes=False)
    for n, _ in enumerate(_rounds(game)):  # noqa: B007 - the loop plays the game
        if n == 4:  # a developer's jump marks an event seen outside the draw: the kept lists notice it
            unseen = [e for e in game._plan.drawable if e.once and e.id not in game.now.last_seen]
            jump_to(game, unseen[0].id)
        state, rng = copy.deepcopy(game.now), random.Random(seed * 100 + n)
        state.round += 1  # this round's draw is made: compare the next one's
        state.events_per_round = 99  # draw the whole pool: any event missing from it shows
        kept: Draw = game._draw
        kept_state = copy.deepcopy(state)
        full = draw_events(game.pack, game._plan, state, copy.deepcopy(rng))
        short = draw_events(
            game.pack, game._plan, kept_state, copy.deepcopy(rng), kept.drawable, kept.scheduled
        )
        assert short == full
        # what may still come is all kept (a jumped-to event may stay in the lists: the draw checks it)
        seen = game.now.last_seen
        assert {d for d in game._plan.drawable if not (d.once and d.id in seen)} <= set(kept.drawable)
        assert {s for s in game._plan.scheduled if not (s[1] and s[0] in seen)} <= set(kept.scheduled)
        assert len(kept.drawable) < len(game._plan.drawable) or n == 0


def test_an_honouring_choice_is_the_copy_it_stands_for_and_made_once() -> None:
    pack = _pack()
    event = next(e for e in pack.events.values() if e.decider and any(o.honours for o in e.options))
    _, rows = option_table(pack, event)
    choice = rows[0][3]
    made = with_honours(pack, choice, ("resident",))
    assert made == replace(choice, honours=("resident",))
    assert with_honours(pack, choice, ("resident",)) is made
    assert with_honours(pack, choice, choice.honours) is choice


def test_an_input_steps_affordable_choices_are_each_inputs_affordable_choice() -> None:
    pack = _pack()
    for role in pack.roles:
        for event in list(pack.events.values())[:10]:
            res, highest, affordable, rows = input_table(pack, role, event)
            assert affordable == tuple(ok for _, ok, _ in rows)
            assert highest == max((cost for cost, _, _ in rows), default=0)
            assert all(c.available for c in affordable)


_NAMES = Names(numbers={"x", "y"})
_OPS = {"+": "Add", "-": "Sub", "*": "Mult", "/": "Div", "//": "FloorDiv", "%": "Mod"}
_CMPS = {"<": "Lt", "<=": "LtE", ">": "Gt", ">=": "GtE", "==": "Eq", "!=": "NotEq"}


class _Numbers:
    def __init__(self, x: float, y: float) -> None:
        self.values = {"x": x, "y": y}

    def value(self, name: str) -> float:
        return self.values[name]


_VALUES = st.sampled_from([0.0, -0.0, 1.0, 2.5, -3.0, 7.0, 0.1, 1e6])


@settings(max_examples=150, deadline=None)
@given(_VALUES, _VALUES, st.sampled_from(sorted(_OPS)), st.sampled_from(sorted(_CMPS)))
def test_folded_operands_give_what_the_generic_operators_give(x: float, y: float, op: str, cmp: str) -> None:
    import ast

    arith = _ARITH[getattr(ast, _OPS[op])]
    compare = _COMPARE[getattr(ast, _CMPS[cmp])]
    ctx = _Numbers(x, y)
    for source, expected in [
        (f"x {op} y", arith(x, y)),
        (f"x {op} {y}", arith(x, y)),
        (f"{x} {op} y", arith(x, y)),
        (f"x {cmp} y", compare(x, y)),
        (f"x {cmp} {y}", compare(x, y)),
    ]:
        got = compile_expr(source.replace("-0.0", "(-0.0)"), _NAMES).fn(ctx)
        assert repr(got) == repr(expected), source
    for source, expected in [
        (f"2 if x {cmp} y else 1", 2.0 if compare(x, y) else 1.0),
        (f"min(1, x {op} 3)", min(1.0, arith(x, 3.0))),
        ("max(x, 2)", max(x, 2.0)),
        (f"clamp(x {op} y, 1, 4)", max(1.0, min(4.0, arith(x, y)))),
        (f"x {cmp} 1 and y {cmp} 2 and x {cmp} y", bool(compare(x, 1) and compare(y, 2) and compare(x, y))),
        (f"x {cmp} 1 or y {cmp} 2 or x {cmp} y", bool(compare(x, 1) or compare(y, 2) or compare(x, y))),
    ]:
        assert repr(compile_expr(source, _NAMES).fn(ctx)) == repr(expected), source
