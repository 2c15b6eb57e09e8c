"""A one-line timer, "Question 2:15/10:00" or "7:55 left", that repaints only what changes.

Reusable by any live screen (interview, practice). The elapsed time is read from
a callable (an `InterviewClock` stopwatch), never counted from ticks, so a late
or skipped repaint never makes it wrong. What it shows is a `TimerFace` (a figure,
words, a pace: see domain/timer.py); by default the time used against the budget.
Styling lives in the app stylesheet: `TimerDisplay.-warning` from 80% of the
budget, `TimerDisplay.-over` past it; the words say the same without colour.
A long timer (the whole interview) can count whole minutes, "Total 12/45 min":
it then repaints once a minute, which matters over a slow SSH link.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.message import Message

from tpm_tui.domain.timer import Pace, TimerFace, elapsed_face, pace
from tpm_tui.widgets.textpiece import TextPiece

# (elapsed seconds, budget seconds); a budget of 0 or less means "no budget".
TimerReading = Callable[[], tuple[float, float]]
FaceReading = Callable[[], TimerFace]

PACE_CLASSES: dict[Pace, str] = {Pace.ON_PACE: "", Pace.WARNING: "-warning", Pace.OVER: "-over"}


def pace_class(elapsed: float, budget: float) -> str:
    """The CSS class for how `elapsed` stands against `budget` ("" when on pace)."""
    return PACE_CLASSES[pace(elapsed, budget)]


class TimerDisplay(HorizontalGroup):
    """`label elapsed/budget`, restyled at 80% and past 100% of the budget.

    Args:
        label: shown before the time, e.g. "Question" (plain text, not markup).
        read: returns `(elapsed, budget)` in seconds; called once a second and on
            `refresh_now()`. The budget may change (another question).
        whole_minutes: show "12/45 min" (minutes started, rounded down) instead
            of "12:34/45:00". The pace classes still follow the exact time.
        face: instead of `read`, returns the whole `TimerFace` to show (a
            countdown, the interview's pace).
    """

    DEFAULT_CSS = """
    TimerDisplay {
        width: auto;
        height: 1;
    }
    """

    class PaceChanged(Message):
        """The pace changed (posted on a refresh, never for the first showing)."""

        def __init__(self, timer: TimerDisplay, pace: Pace) -> None:
            super().__init__()
            self.timer = timer
            self.pace = pace

        @property
        def control(self) -> TimerDisplay:
            return self.timer

    def __init__(
        self,
        label: str,
        read: TimerReading | None = None,
        *,
        whole_minutes: bool = False,
        face: FaceReading | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        if face is None:
            assert read is not None, "a timer reads (elapsed, budget) or a face"
            reading = read

            def face() -> TimerFace:
                return elapsed_face(*reading(), whole_minutes=whole_minutes)

        self._face = face
        shown = face()
        self._figure = TextPiece(shown.figure, classes="timer-elapsed")
        self._words = TextPiece(shown.words, classes="timer-budget")
        self.pace = shown.pace
        self._apply_pace(shown.pace)

    def compose(self) -> ComposeResult:
        yield TextPiece(f"{self.label} " if self.label else "", classes="timer-label")
        yield self._figure
        yield self._words

    def on_mount(self) -> None:
        # Once a second is enough for whole seconds; unchanged text costs nothing.
        self.set_interval(1, self.refresh_now)

    @property
    def text(self) -> str:
        """What the timer shows now, e.g. "Question 2:15/10:00" or "Total 12/45 min"."""
        label = f"{self.label} " if self.label else ""
        return f"{label}{self._figure.text}{self._words.text}"

    def refresh_now(self) -> None:
        """Read the clock and update what changed (call after pause, resume or a switch)."""
        shown = self._face()
        self._figure.show(shown.figure)
        self._words.show(shown.words)
        if shown.pace is not self.pace:
            self.pace = shown.pace
            self._apply_pace(shown.pace)
            self.post_message(self.PaceChanged(self, shown.pace))

    def _apply_pace(self, current: Pace) -> None:
        for name in ("-warning", "-over"):
            self.set_class(name == PACE_CLASSES[current], name)
