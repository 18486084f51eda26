"""Child processes for the benchmarks that need a fresh interpreter and a running app.

``python -m bench._children ui game|bare PACK``
    Play a whole single-player game through the app with Pilot (or, in a bare app, press a key that pushes a
    screen of a title, a few paragraphs and a footer, as the consequences screen has), timing each key press
    until its consequence is on screen; print JSON with the times and the peak RSS.

Start-up is measured in a real pseudo-terminal instead (bench/terminal.py).
"""

from __future__ import annotations

import sys


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
        from game.ui.config import AppConfig, GameStart
        from game.ui.launch import make_app

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
        config = AppConfig(
            saves_dir=Path(tempfile.mkdtemp(prefix="wk-bench-")),
            seed=1,
            lang="nl",
            start=GameStart({human: "Speler"}, scenario.id),
            blink=False,
        )
        app = make_app(config, pack)
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
        from textual.screen import Screen
        from textual.widgets import Footer, Label, Static

        paragraph = "De gemeente en de corporatie kiezen samen. " * 12

        class Shown(Screen[None]):
            """About what the consequences screen shows: a title, paragraphs and a footer."""

            BINDINGS = [Binding("enter", "app.pop_screen", "Verder")]

            def __init__(self, count: int) -> None:
                super().__init__()
                self.count = count

            def compose(self):
                yield Static(f"Gevolgen van keuze {self.count}", classes="title")
                for n in range(4):
                    yield Static(f"{n + 1}. {paragraph}")
                yield Footer()

        class Bare(App[None]):
            BINDINGS = [Binding("1", "pick", "Kies")]
            count = 0

            def compose(self):
                yield Label("Wijkberaad", id="label")
                yield Footer()

            def action_pick(self) -> None:
                self.count += 1
                self.push_screen(Shown(self.count))

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
                drawn = first_frame(start, "Shown")
                if drawn is not None:
                    times.append(drawn - start)
                await pilot.press("enter")
                await pilot.pause()

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
    sys.exit(ui(which, *rest))
