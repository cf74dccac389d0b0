"""A Footer that is rebuilt only when the keys it shows change.

Textual's Footer recomposes (new FooterKey widgets, their styles, their watchers) after every
focus move, because ``Screen.set_focus`` refreshes the bindings. On the board, focus moves on
every column key, and a profile showed a Pilot test spending its time in ``Footer._watch_compact``
(800 calls). The keys shown are the same for every column, so most rebuilds are for nothing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _shown: tuple | None = None
    rebuilds = 0  # counted, so a test can hold the footer to its promise

    def _signature(self, screen: Screen) -> tuple:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            signature = self._signature(screen)
            if signature == self._shown:
                self._bindings_ready = True
                return
            self._shown = signature
            self.rebuilds += 1
        super().bindings_changed(screen)
