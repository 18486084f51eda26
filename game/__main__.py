"""``python -m game``: the same as the ``wijkberaad`` command."""

from game.cli import main

raise SystemExit(main())
