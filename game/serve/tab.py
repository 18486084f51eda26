"""One browser tab's game: ``wijkberaad play`` with an autosave slot of its own.

textual-serve starts this module once per tab. The app names its autosave after scenario, seed and the
second the game started, so two tabs that start the same seeded game in the same second would share a
slot; the tab id (``WIJKBERAAD_TAB``, else a random one) goes to play's hidden ``--tab-id`` option, which
adds it to the session name so they never do. A tab also keeps no settings file: one tab's choice of theme
must not become every later tab's.
"""

from __future__ import annotations

import sys
import uuid

TAB_ENV = "WIJKBERAAD_TAB"


def tab_argv(argv: list[str], environ: dict[str, str] | None = None) -> list[str]:
    """Play's arguments for one tab: the server's, plus the tab's id."""
    import os

    tab = (environ if environ is not None else os.environ).get(TAB_ENV) or uuid.uuid4().hex[:8]
    return [*argv, "--tab-id", tab]


def main(argv: list[str] | None = None) -> int:
    import argparse

    from game.cli import play

    parser = argparse.ArgumentParser(prog="wijkberaad play")
    play.add_arguments(parser)
    return play.run(parser.parse_args(tab_argv(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    sys.exit(main())
