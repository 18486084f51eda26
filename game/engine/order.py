"""The order a decision's options are shown in: shuffled by the game's seed, so the screen gives nothing away.

Content tends to list the "right" option at the same place; players learn to press that number. The order
is a permutation made from (seed, round, event, option id) with BLAKE2b, as the policy's numbers are: the
game's own generator is never touched (the same seed and choices give the same game), the same seed shows
the same order (so a session code gives every group the same screen), and options keep their ids (a save
records choices by id). Computer players weigh options in the content's order (Choice.index), so the shown
order never changes what they choose.
"""

from __future__ import annotations

from hashlib import blake2b

from .steps import Choice


def shown_order(seed: int, round_: int, event: str, choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """``choices`` in the order a player sees them for this seed, round and event."""
    if len(choices) < 2:
        return choices
    prefix = f"{seed}:{round_}:{event}:".encode()
    return tuple(sorted(choices, key=lambda c: blake2b(prefix + c.id.encode(), digest_size=8).digest()))
