"""The screen gives nothing away: a decision's options are shown in an order made from the seed, and a
player who always presses the same number does no better than one who picks at random."""

from __future__ import annotations

from functools import cache

from game.engine import Game, Pack
from game.engine.policy import PolicyRandom, choose_for
from game.files.loader import load_pack_or_raise
from game.files.paths import base_pack_dir

SEEDS = 300


@cache
def _pack() -> Pack:
    return load_pack_or_raise(base_pack_dir())


def _mean_rank(pick) -> float:
    """How good the endings of short games are on average (0: the best ending; the scenario lists its
    endings best first), deciders picking with ``pick(available, seed, n)``; inputs by the roles' priorities.
    (The best ending alone is too rare in a short game to tell a fixed position from chance.)"""
    pack = _pack()
    endings = [e.id for e in pack.scenarios["kanaalzijde"].endings]
    total = 0
    for seed in range(SEEDS):
        game = Game.new(pack, seed=seed, variant="short", changes=False)
        n = 0
        while not game.over:
            step = game.step()
            if step.kind == "decision":
                available = [c for c in step.choices if c.available]
                choice = pick(available, seed, n).id
                n += 1
            else:
                choice = choose_for(game, step)
            game.choose(choice)
        total += endings.index(game.state.ending)
    return total / SEEDS


def test_the_same_seed_shows_the_same_order_and_ids_stay() -> None:
    pack = _pack()
    one, two = Game.new(pack, seed=5, variant="short"), Game.new(pack, seed=5, variant="short")
    while one.step().kind != "decision":
        choice = choose_for(one, one.step())
        one.choose(choice)
        two.choose(choice)
    shown = [c.id for c in one.step().choices]
    assert shown == [c.id for c in two.step().choices]
    assert sorted(shown) == sorted(o.id for o in one.step().event.options if o.id in shown)


def test_the_order_is_not_the_contents_order_everywhere() -> None:
    pack = _pack()
    orders = set()
    for seed in range(40):
        game = Game.new(pack, seed=seed, variant="short")
        while game.step().kind != "decision":
            game.choose(choose_for(game, game.step()))
        orders.add(tuple(c.index for c in game.step().choices)[:2])
    assert len(orders) > 1


def test_a_fixed_position_does_no_better_than_random() -> None:
    at_random = _mean_rank(lambda av, seed, n: PolicyRandom(seed, n, "press").choice(av))
    for position in (0, 1, 2):
        fixed = _mean_rank(lambda av, seed, n, k=position: av[min(k, len(av) - 1)])
        # a fixed position may be luckier by chance, but not by much (a lower rank is better)
        assert fixed >= at_random - 0.15, (position, fixed, at_random)
