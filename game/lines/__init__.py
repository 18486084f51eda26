"""The game as plain lines on standard output, answered with typed numbers: ``wijkberaad play --lines``.

For screen readers, braille displays and terminals that are not full terminals. It reuses the view layer
the Textual screens use (game/ui/view.py) and never imports Textual or Rich; it holds no rules.
"""

from . import words  # noqa: F401 - registers the line mode's words with game.i18n.t
