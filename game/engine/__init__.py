"""The pure game engine: content models, the expression language, the deliberation rules and the state.

Nothing in here touches files, the terminal or the screen; hosts (the UI, the CLI, tests) load content
through :mod:`game.files` and pull the game forward with :class:`Game`.
"""

from typing import TYPE_CHECKING, Any

from .expr import FUNCTIONS, ExprError, compile_expr
from .model import ContentFile, Critique, Ending, Event, Manifest, Meter, Option, Role, Scenario, Text
from .pack import Pack, Problem, build_pack

if TYPE_CHECKING:
    from .explain import Clause, EndingCheck, EndingExplanation, explain_ending
    from .game import CONTINUE, Choice, Game, GameError, Outcome, Step, check_setup, touched
    from .policy import STRATEGIES, choose_for, reason_for
    from .state import Change, EventRecord, GameState, Note, RoundRecord

#: The turn machine's, the game state's, the explanations' and the computer players' names are imported
#: when first asked for, so reading content (a cached start's title screen) does not wait for them.
_TURN_MACHINE = frozenset(
    ("CONTINUE", "Choice", "Game", "GameError", "Outcome", "Step", "check_setup", "touched")
)
_COMPUTER = frozenset(("STRATEGIES", "choose_for", "reason_for"))
_STATE = frozenset(("Change", "EventRecord", "GameState", "Note", "RoundRecord"))
_EXPLAIN = frozenset(("Clause", "EndingCheck", "EndingExplanation", "explain_ending"))


def __getattr__(name: str) -> Any:
    if name in _TURN_MACHINE:
        from . import game as module
    elif name in _COMPUTER:
        from . import policy as module
    elif name in _STATE:
        from . import state as module
    elif name in _EXPLAIN:
        from . import explain as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
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
