"""The footer of the game's screens: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer, which builds its keys anew whenever its screen's bindings may have changed: after
    every focus change, every time its screen is shown and every ``refresh_bindings``. Built again, a key
    is a new widget that has to be styled, measured and drawn, also on a screen about to be covered, and
    the next time that screen is shown. This one keeps its keys while what they say stays the same."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: what the keys on the footer say (None: none built yet)
        self.built: Hashable | None = None
        #: whether the screen has told its bindings (Textual's footer builds no keys before)
        self.told = False

    def compose(self) -> ComposeResult:
        self.built = self.shown_keys() if self.told else None
        for key in super().compose():
            self._start_as_compact_as_the_footer(key)
            yield key

    def _start_as_compact_as_the_footer(self, key) -> None:
        """A key of Textual's footer is born compact and then bound to the footer's ``compact``: mounted in
        a footer that is not, it is restyled twice (made compact, then not), a tenth of the CPU time of
        showing a screen (measured over the UI tests). Born as the footer is, neither happens. The command
        palette's key is not bound, and stays compact."""
        compact = getattr(type(key), "compact", None)
        palette = getattr(key, "key", None) == self.palette_key
        if isinstance(compact, Reactive) and not self.compact and not palette:
            key.set_reactive(compact, False)

    @property
    def palette_key(self) -> str:
        """The key that opens the command palette (shown on the footer whatever its binding says)."""
        return self.app.COMMAND_PALETTE_BINDING

    def bindings_changed(self, screen: Screen) -> None:
        if self.built is None:
            self.told = True
            super().bindings_changed(screen)  # the first keys, as Textual builds them
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.rebuild)

    async def rebuild(self) -> None:
        """Build the keys again if they would say something else (Textual's ``bindings_changed`` does it
        unasked)."""
        if self.is_attached and self.shown_keys() != self.built:
            await self.recompose()

    def shown_keys(self) -> Hashable:
        """Everything the footer's keys are built from: the bindings it shows (and the command palette's),
        with whether each is enabled and its tooltip."""
        return tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.palette_key
        )
