"""One browser tab's game: ``wijkberaad play`` with an autosave slot of its own.

textual-serve starts this module once per tab. The app names its autosave after scenario, seed and the
second the game started, so two tabs that start the same seeded game in the same second would share a
slot; the tab id from ``WIJKBERAAD_TAB`` is added to the session name so they never do.
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from pathlib import Path

TAB_ENV = "WIJKBERAAD_TAB"


def main(argv: list[str] | None = None) -> int:
    from game.cli import play
    from game.ui import app as app_module

    tab = os.environ.get(TAB_ENV) or uuid.uuid4().hex[:8]
    base = app_module.WijkberaadApp

    class TabApp(base):  # type: ignore[misc, valid-type]
        # Textual reads a relative CSS_PATH beside the subclass's module; keep the app's own stylesheet.
        CSS_PATH = str(Path(sys.modules[base.__module__].__file__ or "").parent / str(base.CSS_PATH))

        def start_play(self, game, *, new_session, intro=False):  # noqa: ANN001, ANN202
            fresh = new_session or self.session is None
            super().start_play(game, new_session=new_session, intro=intro)
            if fresh and self.session is not None:
                self.session = f"{self.session}-{tab}"

    # play.run imports WijkberaadApp from game.ui.app when it runs; hand it the tab's subclass.
    app_module.WijkberaadApp = TabApp  # type: ignore[misc]
    parser = argparse.ArgumentParser(prog="wijkberaad play")
    play.add_arguments(parser)
    return play.run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
