"""The pure game engine: content models, the expression language, the deliberation rules and the state.

Nothing in here touches files, the terminal or the screen; hosts (the UI, the CLI, tests) load content
through :mod:`game.files` and pull the game forward with :class:`Game`.
"""

from .explain import Clause, EndingCheck, EndingExplanation, explain_ending
from .expr import FUNCTIONS, ExprError, compile_expr
from .game import CONTINUE, Choice, Game, GameError, Outcome, Step, check_setup, touched
from .model import ContentFile, Critique, Ending, Event, Manifest, Meter, Option, Role, Scenario, Text
from .pack import Pack, Problem, build_pack
from .policy import STRATEGIES, choose_for, reason_for
from .state import Change, EventRecord, GameState, Note, RoundRecord

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
