"""Session codes: round trip, forgiving reading, and every single typo or swap caught."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom.session import (
    ALPHABET,
    SessionCodeError,
    check_char,
    code_for,
    decode,
    encode,
    game_code,
    normalise,
)
from game.engine import Game


@pytest.mark.parametrize("variant", [None, "short"])
@pytest.mark.parametrize("seed", [0, 1, 3, 30, 31, 99_999, 923_520, 10**9, 2**40])
def test_round_trip(mini_pack, variant, seed):
    code = code_for(mini_pack, "test", variant, seed)
    session = decode(code, mini_pack)
    assert (session.scenario, session.variant, session.seed) == ("test", variant, seed)


def test_code_is_short_and_grouped(mini_pack):
    code = code_for(mini_pack, "test", "short", 12345)
    assert len(code) == 9 and code[4] == "-"
    assert all(c in ALPHABET for c in code.replace("-", ""))


def test_same_game_from_the_code(mini_pack):
    a = Game.new(mini_pack, seed=777, variant="short", players={"minister": "Ahmed"})
    session = decode(game_code(a), mini_pack)
    b = Game.new(mini_pack, session.scenario, seed=session.seed, variant=session.variant)
    a.play_computer(until_human=False)
    b.play_computer(until_human=False)
    assert [r.event for r in a.state.history] == [r.event for r in b.state.history]


def test_reading_is_forgiving(mini_pack):
    code = code_for(mini_pack, "test", None, 4242)
    typed = " " + code.lower().replace("-", " ") + " "
    assert decode(typed, mini_pack).seed == 4242
    # Look-alikes: O for 0, I and L for 1.
    plain = normalise(code)
    looks = plain.replace("0", "O").replace("1", "l")
    assert normalise(looks) == plain


def test_every_single_typo_is_caught(mini_pack):
    plain = normalise(code_for(mini_pack, "test", "short", 31337))
    for pos in range(len(plain)):
        for char in ALPHABET:
            if char == plain[pos]:
                continue
            typo = plain[:pos] + char + plain[pos + 1 :]
            with pytest.raises(SessionCodeError) as err:
                decode(typo, mini_pack)
            assert err.value.key in ("code.typo", "code.no_scenario", "code.no_variant")
            # The check character alone already catches it.
            assert check_char(typo[:-1]) != typo[-1]


def test_every_swap_is_caught(mini_pack):
    plain = normalise(code_for(mini_pack, "test", None, 54321))
    for i in range(len(plain)):
        for j in range(i + 1, len(plain)):
            if plain[i] == plain[j]:
                continue
            chars = list(plain)
            chars[i], chars[j] = chars[j], chars[i]
            swapped = "".join(chars)
            assert check_char(swapped[:-1]) != swapped[-1], (i, j)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "code.empty"),
        ("  -- ", "code.empty"),
        ("ABC", "code.too_short"),
        ("K7QM-4U2R", "code.bad_char"),
        ("K7QM-4X2R!", "code.bad_char"),
        ("0" * 20, "code.too_long"),
    ],
)
def test_clear_errors(mini_pack, typed, key):
    with pytest.raises(SessionCodeError) as err:
        decode(typed, mini_pack)
    assert err.value.key == key
    nl, en = err.value.message("nl"), err.value.message("en")
    assert nl and en and nl != en


def test_bad_char_names_the_character(mini_pack):
    with pytest.raises(SessionCodeError) as err:
        decode("K7QM-4U2R", mini_pack)
    assert "'U'" in err.value.message("en")


def test_code_of_another_pack_is_refused(mini_pack):
    code = encode("another-pack", "test", None, 5)
    with pytest.raises(SessionCodeError) as err:
        decode(code, mini_pack)
    assert err.value.key == "code.no_scenario"
    assert "scenario" in err.value.message("en")


def test_unknown_variant_is_refused(mini_pack):
    code = encode(mini_pack.id, "test", "marathon", 5)
    with pytest.raises(SessionCodeError) as err:
        decode(code, mini_pack)
    assert err.value.key == "code.no_variant"


def test_negative_seed_has_no_code(mini_pack):
    with pytest.raises(ValueError):
        encode("mini", "test", None, -1)
    game = Game.new(mini_pack, seed=-5)
    assert game_code(game) == "—"  # the report and the projector view show a dash, not a crash


# -- the play command's --code and --timer ------------------------------------------------------------
def _args(**given):
    import argparse

    from game.cli.classroom import add_classroom_options

    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--short", action="store_true")
    add_classroom_options(parser)
    argv = []
    for key, value in given.items():
        argv += [f"--{key}"] if value is True else [f"--{key}", str(value)]
    return parser.parse_args(argv)


def test_play_code_sets_scenario_variant_and_seed(mini_pack):
    from game.cli.classroom import apply_code

    args = _args(code=code_for(mini_pack, "test", "short", 99))
    assert apply_code(args, mini_pack, "en") is None
    assert (args.scenario, args.code_variant, args.seed) == ("test", "short", 99)


@pytest.mark.parametrize(
    ("extra", "needle"),
    [({"seed": 5}, "leave out --seed"), ({"scenario": "other"}, "not 'other'"), ({"short": True}, "--short")],
)
def test_play_code_conflicts(mini_pack, extra, needle):
    from game.cli.classroom import apply_code

    args = _args(code=code_for(mini_pack, "test", None, 99), **extra)
    assert needle in apply_code(args, mini_pack, "en")


def test_play_code_typo_is_a_plain_message(mini_pack):
    from game.cli.classroom import apply_code

    code = code_for(mini_pack, "test", None, 99)
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    message = apply_code(_args(code=typo), mini_pack, "nl")
    assert message.startswith(f"--code {typo}: ") and "verkeerd getypt" in message


@pytest.mark.parametrize("text", ["0", "-1", "abc", "121"])
def test_timer_option_rejects(text):
    with pytest.raises(SystemExit):
        _args(timer=text)


def test_timer_option_takes_minutes():
    assert _args(timer="2,5").timer == 2.5


@given(
    seed=st.integers(min_value=0, max_value=10**12),
    variant=st.sampled_from([None, "short"]),
    pos=st.integers(min_value=0, max_value=20),
    shift=st.integers(min_value=1, max_value=30),
)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_code_round_trips_and_any_typo_is_caught(mini_pack, seed, variant, pos, shift):
    code = code_for(mini_pack, "test", variant, seed)
    assert decode(code, mini_pack).seed == seed
    plain = normalise(code)
    pos %= len(plain)
    typo = plain[:pos] + ALPHABET[(ALPHABET.index(plain[pos]) + shift) % len(ALPHABET)] + plain[pos + 1 :]
    with pytest.raises(SessionCodeError):
        decode(typo, mini_pack)
