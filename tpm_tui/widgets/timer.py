"""A one-line timer, "Question 2:15/10:00", that repaints only the digits that change.

Reusable by any live screen (interview, practice). The elapsed time is read from
a callable (an `InterviewClock` stopwatch), never counted from ticks, so a late
or skipped repaint never makes it wrong. Styling lives in the app stylesheet:
`TimerDisplay.-warning` from 80% of the budget, `TimerDisplay.-over` past it.
A long timer (the whole interview) can count whole minutes, "Total 12/45 min":
it then repaints once a minute, which matters over a slow SSH link.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import HorizontalGroup

from tpm_tui.domain.timer import Pace, pace
from tpm_tui.domain.timer import clock as clock_text
from tpm_tui.widgets.textpiece import TextPiece

# (elapsed seconds, budget seconds); a budget of 0 or less means "no budget".
TimerReading = Callable[[], tuple[float, float]]

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
    """

    DEFAULT_CSS = """
    TimerDisplay {
        width: auto;
        height: 1;
    }
    """

    def __init__(
        self,
        label: str,
        read: TimerReading,
        *,
        whole_minutes: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self._read = read
        self.whole_minutes = whole_minutes
        elapsed, budget = read()
        self._elapsed = TextPiece(self._elapsed_text(elapsed), classes="timer-elapsed")
        self._budget = TextPiece(self._budget_text(budget), classes="timer-budget")
        self._apply_pace(elapsed, budget)

    def compose(self) -> ComposeResult:
        yield TextPiece(f"{self.label} " if self.label else "", classes="timer-label")
        yield self._elapsed
        yield self._budget

    def on_mount(self) -> None:
        # Once a second is enough for whole seconds; unchanged text costs nothing.
        self.set_interval(1, self.refresh_now)

    @property
    def text(self) -> str:
        """What the timer shows now, e.g. "Question 2:15/10:00" or "Total 12/45 min"."""
        label = f"{self.label} " if self.label else ""
        return f"{label}{self._elapsed.text}{self._budget.text}"

    def refresh_now(self) -> None:
        """Read the clock and update what changed (call after pause, resume or a switch)."""
        elapsed, budget = self._read()
        self._elapsed.show(self._elapsed_text(elapsed))
        self._budget.show(self._budget_text(budget))
        self._apply_pace(elapsed, budget)

    def _elapsed_text(self, elapsed: float) -> str:
        return str(int(elapsed) // 60) if self.whole_minutes else clock_text(int(elapsed))

    def _budget_text(self, budget: float) -> str:
        if self.whole_minutes:
            return f"/{int(budget) // 60} min" if budget > 0 else " min"
        return f"/{clock_text(int(budget))}" if budget > 0 else ""

    def _apply_pace(self, elapsed: float, budget: float) -> None:
        current = pace_class(elapsed, budget)
        for name in ("-warning", "-over"):
            self.set_class(name == current, name)
