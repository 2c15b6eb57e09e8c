"""The app's footer: Textual's `Footer`, minus a memory leak and repeated work.

Every screen uses `AppFooter` instead of `textual.widgets.Footer`; it looks and
behaves the same (the stylesheet's `Footer` rules still apply to it).
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class AppFooter(Footer):
    """A `Footer` that rebuilds its keys only when they change, and lets old ones go."""

    def __init__(self, *, show_command_palette: bool = True, compact: bool = False) -> None:
        super().__init__(show_command_palette=show_command_palette, compact=compact)
        self._shown: Hashable = None

    def _bindings_shown(self) -> Hashable:
        """Everything the keys are built from (see Footer.compose)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            self.show_command_palette,
            tuple(
                (key, binding, enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == palette
            ),
        )

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        # Every focus change and every refresh_bindings() asks for a rebuild (six
        # before the first session frame): skip those that would show the same.
        shown = self._bindings_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
        # Textual 8.2.8: each FooterKey is bound with `data_bind(compact=…)`, a
        # watcher on this footer that is dropped only when `compact` changes.
        # Without this every replaced key stays referenced (~6 MB per minute of
        # use). Firing the watchers now prunes the removed keys; the new keys
        # just get the value they already have.
        self.mutate_reactive(Footer.compact)
