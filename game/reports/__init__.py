"""Documents for the debrief: one game's report and the class comparison, in the players' language."""

from . import strings  # noqa: F401 - registers the documents' words with game.i18n.t
