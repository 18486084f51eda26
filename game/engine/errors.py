"""The engine's errors: a code and the values that explain it, worded for players in the catalogue
(:func:`game.i18n.game_error_text`); ``str()`` of one is a plain English sentence for logs."""

from __future__ import annotations

#: every error code, with its English sentence for logs (players read the catalogue's wording)
ERRORS: dict[str, str] = {
    "unknown_scenario": "unknown scenario '{scenario}'",
    "unknown_variant": "scenario '{scenario}' has no variant '{variant}'",
    "no_variants": "scenario '{scenario}' has no variant '{variant}'",
    "unknown_role": "no role '{role}' in scenario '{scenario}'",
    "game_over": "the game has ended",
    "not_a_choice": "'{choice}' is not a choice now",
    "not_available": "'{choice}' is not available now ({blocked})",
    "unknown_option": "event '{event}' has no option '{option}'",
    "unknown_input": "role '{role}' has no input '{input}'",
    "unknown_event": "unknown event '{event}'",
    "decider_not_playing": "event '{event}' is decided by '{decider}', who is not in this scenario",
    "unknown_target": "unknown meter or resource '{target}'",
}


class GameError(ValueError):
    """Something the game cannot do (an unknown scenario, a choice not offered now, the game has ended):
    ``code`` says what, ``values`` with what."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(ERRORS[code].format(**values))
