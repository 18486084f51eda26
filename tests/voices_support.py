"""The voices test pack (tests/ui/packs/voices) and its neighbour game, shared by the play-screen and the
debrief-report tests: a resident decides on their neighbour; the youth worker knows his sister and can
share it."""

from __future__ import annotations

from pathlib import Path

from game.engine import Game, Outcome, Pack

VOICES = Path(__file__).resolve().parent / "ui" / "packs" / "voices"


def load_voices() -> Pack:
    from game.files.loader import load_pack_or_raise

    return load_pack_or_raise(VOICES)


def neighbour_game(pack: Pack, share: bool, rounds: int | None = None) -> tuple[Game, list[Outcome]]:
    """Play the neighbour event to the resident's knock, with the youth worker sharing or not, then on to
    the end of ``rounds`` rounds (the last option at every later human step), or of the game."""
    game = Game.new(pack, "test", seed=7, players={"resident": "Sanne", "youth_worker": "Noor"})
    game.play_computer()
    assert game.step().actor == "youth_worker"
    game.choose("warn" if share else "skip")
    game.play_computer()
    assert game.step().actor == "resident"
    outcomes = [game.choose("knock")]

    def going() -> bool:
        return not game.over and (rounds is None or game.state.round <= rounds)

    while going():
        outcomes += game.play_computer()
        if going():
            # the one the content lists last (the screen shows them in an order made from the seed)
            outcomes.append(game.choose(max(game.step().choices, key=lambda c: c.index).id))
    return game, outcomes
