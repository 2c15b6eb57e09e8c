"""The autosave loop of a live session, and the line that says when a save failed.

Shared by the interview and practice screens. Once a second, when the session
changed (or a clock is running, which changes the saved elapsed time), it takes
`keeper.snapshot()` on the UI thread (a consistent content; the keeper's `prepare`
hook brings in half-typed notes and running clocks) and renders and writes it
from a worker thread, so the screen never waits on the disk. A failed save shows
here and is retried on the next tick; the session stays in memory. When the file
changed on disk and saving moved to a conflict copy, that shows here for good.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.widgets import Static

from tpm_tui.context import AUTOSAVE_SECONDS
from tpm_tui.domain.textsafe import visible
from tpm_tui.keeper import SessionKeeper
from tpm_tui.storage.store import Snapshot


def _never() -> bool:
    return False


class AutosaveLine(Static):
    """Hidden while saves succeed; "Not saved: …" while they fail.

    Args:
        keeper: the live session and its file.
        running: whether a clock is running (then every tick saves).
        interval: seconds between ticks (the app context's `autosave_seconds`).
    """

    DEFAULT_CSS = """
    AutosaveLine {
        display: none;
        height: auto;
    }
    """

    @dataclass
    class Saved(Message):
        """A background save finished (`ok` False: see `keeper.error`)."""

        ok: bool
        announce: bool

    def __init__(
        self,
        keeper: SessionKeeper,
        *,
        running: Callable[[], bool] = _never,
        interval: float = AUTOSAVE_SECONDS,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.keeper = keeper
        self._clock_running = running
        self._interval = interval
        self._shown_notice: str | None = None

    def on_mount(self) -> None:
        self.set_interval(self._interval, self._tick)

    def _tick(self) -> None:
        if self.keeper.dirty or self._clock_running():
            self.save(announce=False)

    def save(self, *, announce: bool) -> None:
        """Save now in the background; `announce` says so when it is done (ctrl+s)."""
        change, content = self.keeper.snapshot()  # on the UI thread: a consistent content
        self._write(change, content, announce)

    @work(thread=True, exclusive=True, exit_on_error=False, group="session-save")
    def _write(self, change: int, content: Snapshot, announce: bool) -> None:
        ok = self.keeper.write(change, content)
        self.post_message(self.Saved(ok, announce))  # post_message is thread-safe

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        notice = self.keeper.notice
        if notice is not None and notice != self._shown_notice:
            self._shown_notice = notice
            self.notify(notice, title="Saved beside it", severity="warning", timeout=15,
                        markup=False)  # fmt: skip
        self.show_error()
        if not event.announce:
            return
        if event.ok:
            self.notify(f"Saved to {self.keeper.path.name}", timeout=3, markup=False)
        else:
            self.notify(self.keeper.error or "Save failed", severity="error", markup=False)

    def show_error(self) -> None:
        error, notice = self.keeper.error, self.keeper.notice
        self.display = error is not None or notice is not None
        self.set_class(error is None, "-notice")
        if error is not None:
            self.update(f"Not saved: {visible(error)} — kept in memory, retrying every second")
        elif notice is not None:
            self.update(visible(notice))
