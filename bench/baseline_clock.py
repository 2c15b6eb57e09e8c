"""Baseline for bench/tui.py: a 1 Hz clock in a `width: auto` Static, nothing else."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class ClockApp(App[None]):
    CSS = "#clock { width: auto; }"

    def compose(self) -> ComposeResult:
        yield Static(self._now(), id="clock")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _now(self) -> str:
        return time.strftime("clock %H:%M:%S")

    def _tick(self) -> None:
        self.query_one("#clock", Static).update(self._now())


if __name__ == "__main__":
    ClockApp().run()
