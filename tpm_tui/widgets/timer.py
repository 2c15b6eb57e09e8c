"""A one-line timer, "Question 2:15/10:00", that repaints only the digits that change.

Reusable by any live screen (interview, practice). The elapsed time is read from
a callable (an `InterviewClock` stopwatch), never counted from ticks, so a late
or skipped repaint never makes it wrong. Styling lives in the app stylesheet:
`TimerDisplay.-warning` from 80% of the budget, `TimerDisplay.-over` past it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tpm_tui.report import clock as clock_text
from tpm_tui.timer import Pace, pace

# (elapsed seconds, budget seconds); a budget of 0 or less means "no budget".
TimerReading = Callable[[], tuple[float, float]]

PACE_CLASSES: dict[Pace, str] = {Pace.ON_PACE: "", Pace.WARNING: "-warning", Pace.OVER: "-over"}


def pace_class(elapsed: float, budget: float) -> str:
    """The CSS class for how `elapsed` stands against `budget` ("" when on pace)."""
    return PACE_CLASSES[pace(elapsed, budget)]


class _Digits(Widget):
    """A `width: auto` run of text: refreshing it repaints only its own few cells."""

    DEFAULT_CSS = """
    _Digits {
        width: auto;
        height: 1;
    }
    """

    def __init__(self, text: str = "", *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> None:
        """Repaint only when the text changes; relayout only when its width does."""
        if text == self._text:
            return
        resized = Content(text).cell_length != Content(self._text).cell_length
        self._text = text
        self.refresh(layout=resized)

    def render(self) -> Content:
        return Content(self._text)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return Content(self._text).cell_length


class TimerDisplay(HorizontalGroup):
    """`label elapsed/budget`, restyled at 80% and past 100% of the budget.

    Args:
        label: shown before the time, e.g. "Question" (plain text, not markup).
        read: returns `(elapsed, budget)` in seconds; called once a second and on
            `refresh_now()`. The budget may change (another question).
    """

    DEFAULT_CSS = """
    TimerDisplay {
        width: auto;
        height: 1;
    }
    """

    def __init__(self, label: str, read: TimerReading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self._read = read
        elapsed, budget = read()
        self._elapsed = _Digits(clock_text(int(elapsed)), classes="timer-elapsed")
        self._budget = _Digits(self._budget_text(budget), classes="timer-budget")
        self._apply_pace(elapsed, budget)

    def compose(self) -> ComposeResult:
        yield _Digits(f"{self.label} " if self.label else "", classes="timer-label")
        yield self._elapsed
        yield self._budget

    def on_mount(self) -> None:
        # Once a second is enough for whole seconds; unchanged text costs nothing.
        self.set_interval(1, self.refresh_now)

    @property
    def text(self) -> str:
        """What the timer shows now, e.g. "Question 2:15/10:00"."""
        label = f"{self.label} " if self.label else ""
        return f"{label}{self._elapsed.text}{self._budget.text}"

    def refresh_now(self) -> None:
        """Read the clock and update what changed (call after pause, resume or a switch)."""
        elapsed, budget = self._read()
        self._elapsed.show(clock_text(int(elapsed)))
        self._budget.show(self._budget_text(budget))
        self._apply_pace(elapsed, budget)

    @staticmethod
    def _budget_text(budget: float) -> str:
        return f"/{clock_text(int(budget))}" if budget > 0 else ""

    def _apply_pace(self, elapsed: float, budget: float) -> None:
        current = pace_class(elapsed, budget)
        for name in ("-warning", "-over"):
            self.set_class(name == current, name)
