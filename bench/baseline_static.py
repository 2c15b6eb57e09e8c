"""Baseline for bench/tui.py: a bare Textual app with one Static, reacting to one key.

`1` toggles the Static's text, so key-to-update latency has a reference point.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    BINDINGS = [("1", "toggle", "Toggle")]

    def compose(self) -> ComposeResult:
        yield Static("baseline ready", id="text")

    def action_toggle(self) -> None:
        text = self.query_one("#text", Static)
        self._on = not getattr(self, "_on", False)
        text.update("baseline ready [x]" if self._on else "baseline ready [ ]")


if __name__ == "__main__":
    BareApp().run()
