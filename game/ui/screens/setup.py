"""The setup screen: scenario, length, who plays which role, and the seed."""

from __future__ import annotations

import random

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from game.i18n import LANGUAGES, t, text

from ..widgets.footer import KeysFooter
from ..widgets.session_code import SessionCodeLine
from .base import GameScreen, localise_textual


class SetupScreen(GameScreen[None]):
    """Set up a new game; Enter in a field moves to the next one, and only the Start button starts it."""

    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def __init__(self) -> None:
        super().__init__()
        pack = self.wapp.pack
        assert pack is not None
        self.scenario = next(iter(pack.scenarios))
        self.seed = self.wapp.seed if self.wapp.seed is not None else random.randrange(1, 100_000)

    def compose(self) -> ComposeResult:
        pack = self.wapp.pack
        assert pack is not None
        with VerticalScroll(classes="page", id="setup"):
            yield Static(t("setup.title", self.lang), classes="page-title", id="setup-title")
            with Horizontal(classes="setup-row"):
                yield Label(t("setup.scenario", self.lang), classes="setup-label", id="setup-scenario-label")
                yield Select(
                    self._scenarios(),
                    value=self.scenario,
                    allow_blank=False,
                    compact=True,
                    id="setup-scenario",
                )
            with Horizontal(classes="setup-row"):
                yield Label(t("setup.length", self.lang), classes="setup-label", id="setup-length-label")
                yield Select(self._lengths(), value="", allow_blank=False, compact=True, id="setup-length")
            yield Static(t("setup.roles", self.lang), classes="hint", id="setup-roles-hint")
            yield Vertical(*self._role_rows(), id="setup-roles")
            with Horizontal(classes="setup-row"):
                yield Label(t("setup.seed", self.lang), classes="setup-label", id="setup-seed-label")
                yield self._input(str(self.seed), id="setup-seed", placeholder="12345")
            yield SessionCodeLine(id="setup-classroom")
            yield Static(id="setup-error", classes="error")
            with Horizontal(id="setup-buttons"):
                yield Button(t("setup.start", self.lang), variant="primary", compact=True, id="setup-start")
                yield Button(t("setup.cancel", self.lang), compact=True, id="setup-back")
        yield KeysFooter()

    def on_mount(self) -> None:
        localise_textual(self, self.lang)
        self.query_one("#setup-roles Input", Input).focus()

    def relabel(self) -> None:
        """Every label in the new language; what the players typed or picked stays as it is."""
        pack = self.wapp.pack
        assert pack is not None
        self.query_one("#setup-title", Static).update(t("setup.title", self.lang))
        for part in ("scenario", "length", "seed"):
            self.query_one(f"#setup-{part}-label", Label).update(t(f"setup.{part}", self.lang))
        self.query_one("#setup-roles-hint", Static).update(t("setup.roles", self.lang))
        with self.prevent(Select.Changed):
            self._relist("#setup-scenario", self._scenarios())
            self._relist("#setup-length", self._lengths())
        for role in pack.scenarios[self.scenario].roles:
            self.query_one(f"#label-{role}", Label).update(text(pack.roles[role].name, self.lang))
            field = self.query_one(f"#role-{role}", Input)
            field.placeholder = t("setup.computer", self.lang)
            # The suggested name of the first role follows the language until someone types their own.
            if field.value in (t("setup.default_name", lang) for lang in LANGUAGES):
                field.value = t("setup.default_name", self.lang)
        self.query_one("#setup-start", Button).label = t("setup.start", self.lang)
        self.query_one("#setup-back", Button).label = t("setup.cancel", self.lang)
        self.query_one("#setup-error", Static).update("")
        self.query_one(SessionCodeLine).relabel()
        localise_textual(self, self.lang)

    def _relist(self, selector: str, options: list[tuple[str, str]]) -> None:
        select = self.query_one(selector, Select)
        value = select.value
        select.set_options(options)
        if any(v == value for _, v in options):
            select.value = value

    def _input(self, value: str, **kwargs: str) -> Input:
        field = Input(value, compact=True, **kwargs)
        field.cursor_blink = self.wapp.blink
        return field

    def _scenarios(self) -> list[tuple[str, str]]:
        pack = self.wapp.pack
        assert pack is not None
        return [(text(s.title, self.lang), s.id) for s in pack.scenarios.values()]

    def _lengths(self) -> list[tuple[str, str]]:
        pack = self.wapp.pack
        assert pack is not None
        sc = pack.scenarios[self.scenario]
        found = [(t("setup.full", self.lang, rounds=sc.rounds), "")]
        found += [
            (t("setup.variant", self.lang, title=text(v.title, self.lang), rounds=v.rounds), v.id)
            for v in sc.variants
        ]
        return found

    def _role_rows(self) -> list[Horizontal]:
        pack = self.wapp.pack
        assert pack is not None
        rows = []
        for n, role in enumerate(pack.scenarios[self.scenario].roles):
            default = t("setup.default_name", self.lang) if n == 0 else ""
            rows.append(
                Horizontal(
                    Label(text(pack.roles[role].name, self.lang), classes="setup-label", id=f"label-{role}"),
                    self._input(default, placeholder=t("setup.computer", self.lang), id=f"role-{role}"),
                    classes="setup-row",
                )
            )
        return rows

    @on(Select.Changed, "#setup-scenario")
    async def scenario_changed(self, event: Select.Changed) -> None:
        if event.value == self.scenario or not isinstance(event.value, str):
            return
        self.scenario = event.value
        length = self.query_one("#setup-length", Select)
        length.set_options(self._lengths())
        length.value = ""
        roles = self.query_one("#setup-roles", Vertical)
        await roles.remove_children()
        await roles.mount_all(self._role_rows())

    def players(self) -> dict[str, str | None]:
        pack = self.wapp.pack
        assert pack is not None
        found: dict[str, str | None] = {}
        for role in pack.scenarios[self.scenario].roles:
            name = self.query_one(f"#role-{role}", Input).value.strip()
            found[role] = name or None
        return found

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter in a field goes on to the next one: a game starts only from the Start button (a Tab and
        an Enter too many must not start a fifteen-year game with half the names filled in)."""
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#setup-start")
    def start(self) -> None:
        error = self.query_one("#setup-error", Static)
        players = self.players()
        if not any(players.values()):
            error.update(t("setup.need_player", self.lang))
            return
        seed_text = self.query_one("#setup-seed", Input).value.strip()
        try:
            seed = int(seed_text) if seed_text else self.seed
        except ValueError:
            error.update(t("setup.bad_seed", self.lang))
            return
        variant = self.query_one("#setup-length", Select).value
        self.wapp.new_game(
            self.scenario, variant if isinstance(variant, str) and variant else None, seed, players
        )

    @on(Button.Pressed, "#setup-back")
    def action_back(self) -> None:
        self.dismiss()
