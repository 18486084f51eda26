"""The Textual app: screens and widgets over the pure engine (imported only when the game is played)."""

from . import strings  # noqa: F401 - registers the UI's words with game.i18n.t
