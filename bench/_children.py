"""Child processes for the benchmarks that need a fresh interpreter or a running app.

``python -m bench._children startup game|bare``
    Start like ``wijkberaad`` does (or a bare Textual app with one label), headless, and print ``PAINTED``
    as soon as the first screen has been painted; the parent times process start to that line.
``python -m bench._children ui game|bare PACK``
    Play a whole single-player game through the app with Pilot (or press a key in a bare app), timing
    each key press until its consequence is on screen; print JSON with the times and the peak RSS.
"""

from __future__ import annotations

import sys


def _patch_run_headless(screen_name: str) -> None:
    """Make ``App.run`` headless; print PAINTED and exit when a screen called ``screen_name`` is first drawn.

    "Drawn" is the first update of that screen handed to the (headless) driver, so a spinner or a
    loading thread that keeps the app busy afterwards does not count.
    """
    import textual.app

    original_run = textual.app.App.run
    original_display = textual.app.App._display

    def display(self, screen, renderable) -> None:
        original_display(self, screen, renderable)
        if renderable is not None and not self._batch_count and type(screen).__name__ == screen_name:
            if not getattr(self, "_bench_painted", False):
                self._bench_painted = True
                sys.stdout.write("PAINTED\n")
                sys.stdout.flush()
                self.call_later(self.exit)

    def run(self, *args, **kwargs):
        kwargs.update(headless=True, size=(100, 32))
        return original_run(self, *args, **kwargs)

    textual.app.App._display = display  # type: ignore[method-assign]
    textual.app.App.run = run  # type: ignore[method-assign]


def startup(which: str) -> int:
    _patch_run_headless("TitleScreen" if which == "game" else "Screen")
    if which == "game":
        import os
        import tempfile

        from game.cli import main

        # the real start path: the command line, the title screen, content loading in the background
        os.environ["WIJKBERAAD_SAVES"] = tempfile.mkdtemp(prefix="wk-bench-")
        return main(["play"])
    from textual.app import App
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self):
            yield Label("Wijkberaad")

    Bare().run()
    return 0


def ui(which: str, pack_path: str) -> int:
    import asyncio
    import json
    import resource
    import tempfile
    import time
    from pathlib import Path

    times: list[float] = []
    rounds = 0
    # Every frame handed to the (headless) driver, with its screen: a key press is done when the frame
    # that shows its consequence is drawn, not when the app is idle again (spinners keep it busy).
    import textual.app

    frames: list[tuple[float, str]] = []
    original_display = textual.app.App._display

    def display(self, screen, renderable) -> None:
        original_display(self, screen, renderable)
        if renderable is not None and not self._batch_count:
            frames.append((time.perf_counter(), type(screen).__name__))

    textual.app.App._display = display  # type: ignore[method-assign]

    def first_frame(after: float, screen: str | None = None) -> float | None:
        for at, name in frames:
            if at >= after and (screen is None or name == screen):
                return at
        return None

    async def game() -> None:
        nonlocal rounds
        from game.engine.game import Game
        from game.files.loader import load_pack_or_raise
        from game.ui.app import WijkberaadApp

        chosen: list[float] = []
        original_choose = Game.choose

        def choose(self, choice_id):
            outcome = original_choose(self, choice_id)
            chosen.append(time.perf_counter())
            return outcome

        Game.choose = choose  # type: ignore[method-assign]
        pack = load_pack_or_raise(pack_path)
        scenario = next(iter(pack.scenarios.values()))
        human = scenario.roles[0]
        app = WijkberaadApp(
            pack,
            saves_dir=Path(tempfile.mkdtemp(prefix="wk-bench-")),
            seed=1,
            lang="nl",
            scenario=scenario.id,
            players={human: "Speler"},
            blink=False,
        )
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            for _ in range(2000):
                name = type(app.screen).__name__
                if name == "EndingScreen" or app.game is None or app.game.over:
                    break
                if name == "PlayScreen":
                    before = len(app.game.state.choices)
                    start = time.perf_counter()
                    await pilot.press("1")
                    while len(app.game.state.choices) == before:
                        await pilot.pause()  # pragma: no cover - the press already waited
                    await pilot.pause()  # the consequence (screen or board) is rendered
                    decided = chosen[-1] if chosen else start
                    drawn = first_frame(decided, "ConsequencesScreen") or first_frame(decided)
                    if drawn is not None:
                        times.append(drawn - start)
                else:
                    await pilot.press("enter")
                    await pilot.pause()
            rounds = app.game.state.round if app.game else 0

    async def bare() -> None:
        from textual.app import App
        from textual.binding import Binding
        from textual.widgets import Label

        class Bare(App[None]):
            BINDINGS = [Binding("1", "pick", "Pick")]
            count = 0

            def compose(self):
                yield Label("Wijkberaad", id="label")

            def action_pick(self) -> None:
                self.count += 1
                self.query_one("#label", Label).update(f"Gekozen: {self.count}")

        app = Bare()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            for _ in range(60):
                before = app.count
                start = time.perf_counter()
                await pilot.press("1")
                while app.count == before:
                    await pilot.pause()  # pragma: no cover
                await pilot.pause()
                drawn = first_frame(start)
                if drawn is not None:
                    times.append(drawn - start)

    asyncio.run(game() if which == "game" else bare())
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would count the parent's memory.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak_kb = int(line.split()[1])
    except OSError:
        pass
    print(json.dumps({"times": times, "peak_rss_kb": peak_kb, "rounds": rounds}))
    return 0


if __name__ == "__main__":
    kind, which, *rest = sys.argv[1:]
    sys.exit(startup(which) if kind == "startup" else ui(which, *rest))
