"""Session codes: a short code for scenario + variant + seed that another group types to get the same game.

A code looks like ``K7QM-4X2R``: letters and digits from a 31-character alphabet without the look-alikes
I, L, O, U and V, grouped by four. Its characters are, in order:

- two for the scenario (a hash of the pack's and the scenario's id, so a code for another pack's scenario
  is refused rather than silently mapped onto one of ours);
- one for the variant (``0``: the full scenario; else a hash of the variant's id);
- four or more for the seed, in base 31;
- one check character: a position-weighted sum modulo 31. Because 31 is prime and every weight differs,
  every single mistyped character and every swap of two characters is caught.

Reading is forgiving where it is safe: case, spaces, hyphens and dots do not matter, and ``O``, ``I`` and
``L`` are read as ``0``, ``1`` and ``1``. Errors carry a :attr:`SessionCodeError.key` so a screen can word
them in the player's language (:meth:`SessionCodeError.message`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from game.engine import Pack
from game.i18n import default_language, register, t

#: The code's characters: digits and capitals without I, L, O, U, V (31: a prime, for the check).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTWXYZ"
BASE = len(ALPHABET)
_VALUE = {c: n for n, c in enumerate(ALPHABET)}
#: Characters people type for one that the alphabet has.
_LOOKALIKE = {"O": "0", "I": "1", "L": "1"}
_IGNORED = " -._\t"
SEED_DIGITS = 4
#: The shortest code: scenario (2) + variant (1) + seed (4) + check (1).
MIN_LENGTH = 3 + SEED_DIGITS + 1
#: Longer codes would mean a seed beyond any sensible range (31**12 > 7e17).
MAX_LENGTH = 3 + 12 + 1

STRINGS: dict[str, dict[str, str]] = {
    "code.empty": {"nl": "Vul een sessiecode in.", "en": "Enter a session code."},
    "code.bad_char": {
        "nl": "'{char}' komt niet voor in sessiecodes (alleen cijfers en de letters {letters}).",
        "en": "'{char}' does not occur in session codes (only digits and the letters {letters}).",
    },
    "code.too_short": {
        "nl": "Deze code is te kort: een sessiecode heeft minstens {n} tekens.",
        "en": "This code is too short: a session code has at least {n} characters.",
    },
    "code.too_long": {
        "nl": "Deze code is te lang: een sessiecode heeft hoogstens {n} tekens.",
        "en": "This code is too long: a session code has at most {n} characters.",
    },
    "code.typo": {
        "nl": (
            "Deze code klopt niet: er is waarschijnlijk een teken verkeerd getypt of verwisseld. "
            "Controleer hem."
        ),
        "en": "This code does not add up: a character was probably mistyped or swapped. Please check it.",
    },
    "code.no_scenario": {
        "nl": (
            "Deze code hoort bij een scenario dat dit spel niet heeft (andere inhoud of een andere versie?)."
        ),
        "en": "This code is for a scenario this game does not have (other content, or another version?).",
    },
    "code.no_variant": {
        "nl": "Deze code hoort bij een variant van '{scenario}' die dit spel niet heeft.",
        "en": "This code is for a variant of '{scenario}' that this game does not have.",
    },
}
register(__name__, STRINGS)


class SessionCodeError(ValueError):
    """A code that cannot be read, with a :attr:`key` and values for a message in either language."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The error for a person, in ``lang`` (default: the user's language)."""
        return t(self.key, lang or default_language(), **self.values)

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class Session:
    """What a session code stands for: the same scenario, variant and seed give the same game."""

    scenario: str
    variant: str | None
    seed: int


def _hash(text: str, modulus: int) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % modulus


def scenario_tag(pack_id: str, scenario: str) -> int:
    """The number (0..960) two code characters give the scenario."""
    return _hash(f"{pack_id}/{scenario}", BASE * BASE)


def variant_tag(variant: str | None) -> int:
    """The number (0: none, else 1..30) one code character gives the variant."""
    return 0 if variant is None else 1 + _hash(variant, BASE - 1)


def _digits(number: int, width: int) -> str:
    out = ""
    while number:
        number, digit = divmod(number, BASE)
        out = ALPHABET[digit] + out
    return out.rjust(width, ALPHABET[0])


def check_char(payload: str) -> str:
    """The check character of ``payload``: sum of (position × value), positions from 1, modulo 31."""
    return ALPHABET[sum(n * _VALUE[c] for n, c in enumerate(payload, 1)) % BASE]


def group(code: str) -> str:
    """A code as people read it: groups of four separated by hyphens."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def encode(pack_id: str, scenario: str, variant: str | None, seed: int) -> str:
    """The session code (grouped, e.g. ``K7QM-4X2R``) for a scenario, variant and seed."""
    if seed < 0:
        raise ValueError("a session code needs a seed of 0 or more")
    payload = _digits(scenario_tag(pack_id, scenario), 2) + ALPHABET[variant_tag(variant)]
    payload += _digits(seed, SEED_DIGITS)
    if len(payload) + 1 > MAX_LENGTH:
        raise ValueError(f"seed {seed} is too large for a session code")
    return group(payload + check_char(payload))


def code_for(pack: Pack, scenario: str, variant: str | None, seed: int) -> str:
    """The session code of a game of ``pack`` (checked to decode back to the same game)."""
    return encode(pack.id, scenario, variant, seed)


#: What shows instead of a code for a game no code can stand for (a negative seed given on the command line).
NO_CODE = "—"


def game_code(game: object) -> str:
    """The session code of a :class:`~game.engine.Game` (:data:`NO_CODE` when its seed has none)."""
    st = game.state  # type: ignore[attr-defined]
    try:
        return encode(game.pack.id, st.scenario, st.variant, st.seed)  # type: ignore[attr-defined]
    except ValueError:
        return NO_CODE


def normalise(text: str) -> str:
    """What was typed, as code characters only (case, separators and look-alikes forgiven).

    Raises:
        SessionCodeError: empty, a character that cannot be in a code, or a wrong length.
    """
    out = []
    for char in text.strip().upper():
        if char in _IGNORED:
            continue
        char = _LOOKALIKE.get(char, char)
        if char not in _VALUE:
            raise SessionCodeError(
                "code.bad_char", char=char, letters="".join(c for c in ALPHABET if c.isalpha())
            )
        out.append(char)
    code = "".join(out)
    if not code:
        raise SessionCodeError("code.empty")
    if len(code) < MIN_LENGTH:
        raise SessionCodeError("code.too_short", n=MIN_LENGTH)
    if len(code) > MAX_LENGTH:
        raise SessionCodeError("code.too_long", n=MAX_LENGTH)
    return code


def decode(text: str, pack: Pack) -> Session:
    """The scenario, variant and seed a typed code stands for in ``pack``.

    Raises:
        SessionCodeError: the code is malformed, has a typo, or is for a scenario or variant ``pack`` lacks.
    """
    code = normalise(text)
    payload, check = code[:-1], code[-1]
    if check_char(payload) != check:
        raise SessionCodeError("code.typo")
    tag = _VALUE[payload[0]] * BASE + _VALUE[payload[1]]
    found = [s for s in pack.scenarios if scenario_tag(pack.id, s) == tag]
    if len(found) != 1:
        # Two scenarios with one tag (about 1 in 1000 per pair) cannot be told apart: treat as unknown.
        raise SessionCodeError("code.no_scenario")
    scenario = pack.scenarios[found[0]]
    vtag = _VALUE[payload[2]]
    if vtag == 0:
        variant = None
    else:
        variants = [v.id for v in scenario.variants if variant_tag(v.id) == vtag]
        if len(variants) != 1:
            raise SessionCodeError("code.no_variant", scenario=scenario.id)
        variant = variants[0]
    seed = 0
    for char in payload[3:]:
        seed = seed * BASE + _VALUE[char]
    return Session(scenario.id, variant, seed)
