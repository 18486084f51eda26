"""Save and load dialogs over the save store; they answer with ``dismiss``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.files.safefile import shown
from game.i18n import save_error_detail, save_error_text, t

from ..titles import scenario_title
from .base import GameModal


class SaveScreen(GameModal[str | None]):
    """Ask for a name and save the game under it; answers with the slot, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Back", id="back")]

    def __init__(self) -> None:
        super().__init__()
        self.confirm_overwrite: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("save.title", self.lang), classes="page-title")
            field = Input(placeholder=t("save.name", self.lang), id="save-name")
            field.cursor_blink = self.wapp.blink
            yield field
            yield Static(id="save-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save.ok", self.lang), variant="primary", id="save-ok")
                yield Button(t("save.cancel", self.lang), id="save-cancel")

    def on_mount(self) -> None:
        self.query_one("#save-name", Input).focus()

    @on(Input.Submitted, "#save-name")
    @on(Button.Pressed, "#save-ok")
    def do_save(self) -> None:
        from game.files.saves import SaveError, slot_name

        app = self.wapp
        error = self.query_one("#save-error", Static)
        typed = self.query_one("#save-name", Input).value.strip()
        try:
            slot = slot_name(typed)
            info = app.store.save(app.game, slot, overwrite=self.confirm_overwrite == slot)
        except SaveError as err:
            if err.code == "exists":
                self.confirm_overwrite = slot_name(typed)
                error.update(t("saveerr.exists_confirm", self.lang, slot=self.confirm_overwrite))
            else:
                error.update(save_error_text(err, self.lang))
            return
        app.slot = info.slot
        app.notify(t("play.saved", self.lang, slot=info.slot))
        self.dismiss(info.slot)

    @on(Button.Pressed, "#save-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadScreen(GameModal[str | None]):
    """Every save in the folder, newest first; unreadable ones are listed with the reason."""

    BINDINGS = [Binding("escape", "cancel", "Back", id="back")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="load-box"):
            yield Static(t("load.title", self.lang), classes="page-title")
            yield OptionList(id="load-list")
            yield Static(id="load-empty", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save.cancel", self.lang), id="load-cancel")

    def on_mount(self) -> None:
        app = self.wapp
        listing = self.query_one("#load-list", OptionList)
        try:
            infos = app.store.list()
        except Exception as err:  # noqa: BLE001 - a broken folder is reported, not raised
            reason = save_error_detail(err, self.lang)
            self.query_one("#load-empty", Static).update(t("load.failed", self.lang, reason=reason))
            return
        pack = app.pack
        for info in infos:
            if not info.readable:
                reason = info.reason_text(self.lang) or "?"
                label = t("load.unreadable", self.lang, slot=shown(info.slot, 40), reason=shown(reason, 200))
                listing.add_option(Option(label, id=info.slot, disabled=True))
                continue
            scenario = shown(scenario_title(pack, info.scenario, info.variant, self.lang), 80) or "?"
            players = shown(", ".join(shown(n, 40) for n in info.players.values() if n), 80)
            when = f"{info.saved_at:%Y-%m-%d %H:%M}" if info.saved_at else ""
            slot = t("load.auto", self.lang) if info.auto else shown(info.slot, 40)
            label = t(
                "load.entry", self.lang, slot=slot, scenario=scenario, round=info.round, players=players
            )
            listing.add_option(Option(f"{label} · {when}" if when else label, id=info.slot))
        if not infos:
            listing.display = False
            self.query_one("#load-empty", Static).update(t("load.empty", self.lang))
            self.query_one("#load-cancel", Button).focus()
        else:
            # Enter loads at once: the newest readable save is highlighted.
            readable = [n for n, info in enumerate(infos) if info.readable]
            if readable:
                listing.highlighted = readable[0]
            listing.focus()

    @on(OptionList.OptionSelected, "#load-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    @on(Button.Pressed, "#load-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadChoiceScreen(GameModal[str | None]):
    """A save that does not replay as it was played: say so, and let the player choose how to go on.

    ``replay=False``: the decision log no longer replays (mostly: the content changed since the save); the
    only way on is the saved state. ``replay=True``: it replays, but not to the saved state; the player
    chooses between the replayed game and the saved state. Answers "snapshot", "replay" or None.
    """

    BINDINGS = [Binding("escape", "cancel", "Back", id="back")]

    def __init__(self, slot: str, detail: str, *, replay: bool) -> None:
        super().__init__()
        self.slot = slot
        self.detail = detail
        self.replay = replay

    def compose(self) -> ComposeResult:
        kind = "mismatch" if self.replay else "no_replay"
        with Vertical(classes="dialog", id="loadchoice-box"):
            yield Static(t(f"loadchoice.{kind}.title", self.lang, slot=self.slot), classes="page-title")
            with VerticalScroll(id="loadchoice-text"):
                yield Static(t(f"loadchoice.{kind}.explain", self.lang), id="loadchoice-explain")
                yield Static(
                    t("loadchoice.detail", self.lang, detail=self.detail),
                    classes="hint",
                    id="loadchoice-detail",
                )
            with Vertical(classes="dialog-choices"):
                if self.replay:
                    yield Button(
                        t("loadchoice.replay", self.lang),
                        variant="primary",
                        compact=True,
                        id="loadchoice-replay",
                    )
                yield Button(
                    t("loadchoice.snapshot", self.lang),
                    variant="default" if self.replay else "primary",
                    compact=True,
                    id="loadchoice-snapshot",
                )
                yield Button(t("loadchoice.cancel", self.lang), compact=True, id="loadchoice-cancel")

    def on_mount(self) -> None:
        self.query_one("#loadchoice-replay" if self.replay else "#loadchoice-snapshot", Button).focus()

    def relabel(self) -> None:
        self.call_later(self.recompose)

    @on(Button.Pressed, "#loadchoice-replay")
    def take_replay(self) -> None:
        self.dismiss("replay")

    @on(Button.Pressed, "#loadchoice-snapshot")
    def take_snapshot(self) -> None:
        self.dismiss("snapshot")

    @on(Button.Pressed, "#loadchoice-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
