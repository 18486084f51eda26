"""The pure game engine: content models, the expression language, the deliberation rules and the state.

Nothing in here touches files, the terminal or the screen; hosts (the UI, the CLI, tests) load content
through :mod:`game.files` and pull the game forward with :class:`Game`.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .explain import Clause, EndingCheck, EndingExplanation, explain_ending
    from .expr import FUNCTIONS, ExprError, compile_expr
    from .game import CONTINUE, Choice, Game, GameError, Outcome, Step, check_setup, touched
    from .model import ContentFile, Critique, Ending, Event, Manifest, Meter, Option, Role, Scenario, Text
    from .pack import Pack, Problem, build_pack
    from .policy import STRATEGIES, choose_for, reason_for
    from .state import Change, EventRecord, GameState, Note, RoundRecord

#: Where each name lives: imported when first asked for, so reading content (a cached start's title screen)
#: does not wait for the turn machine and the computer players.
_WHERE = {
    **dict.fromkeys(("Clause", "EndingCheck", "EndingExplanation", "explain_ending"), "explain"),
    **dict.fromkeys(("FUNCTIONS", "ExprError", "compile_expr"), "expr"),
    **dict.fromkeys(
        ("CONTINUE", "Choice", "Game", "GameError", "Outcome", "Step", "check_setup", "touched"), "game"
    ),
    **dict.fromkeys(
        (
            "ContentFile",
            "Critique",
            "Ending",
            "Event",
            "Manifest",
            "Meter",
            "Option",
            "Role",
            "Scenario",
            "Text",
        ),
        "model",
    ),
    **dict.fromkeys(("Pack", "Problem", "build_pack"), "pack"),
    **dict.fromkeys(("STRATEGIES", "choose_for", "reason_for"), "policy"),
    **dict.fromkeys(("Change", "EventRecord", "GameState", "Note", "RoundRecord"), "state"),
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Clause",
    "EndingCheck",
    "EndingExplanation",
    "explain_ending",
    "CONTINUE",
    "FUNCTIONS",
    "STRATEGIES",
    "Change",
    "Choice",
    "ContentFile",
    "Critique",
    "Ending",
    "Event",
    "EventRecord",
    "ExprError",
    "Game",
    "GameError",
    "GameState",
    "Manifest",
    "Meter",
    "Note",
    "Option",
    "Outcome",
    "Pack",
    "Problem",
    "Role",
    "RoundRecord",
    "Scenario",
    "Step",
    "Text",
    "build_pack",
    "check_setup",
    "choose_for",
    "compile_expr",
    "reason_for",
    "touched",
]
