"""Stopwatches for the interview clock: monotonic time, never counted ticks.

A repaint timer may fire late or not at all (a busy screen, a suspended
process); reading `time.monotonic()` keeps the elapsed time right regardless.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

Clock = Callable[[], float]


class Pace(Enum):
    """How elapsed time stands against a budget."""

    ON_PACE = "on-pace"
    WARNING = "warning"  # from 80% of the budget
    OVER = "over"  # past 100%


WARNING_FRACTION = 0.8


def clock(seconds: int) -> str:
    """`7:05`, or `1:02:03` for an hour or more."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(int(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02}:{secs:02}"
    return f"{sign}{minutes}:{secs:02}"


def pace(elapsed: float, budget: float) -> Pace:
    if budget <= 0:
        return Pace.ON_PACE
    if elapsed > budget:
        return Pace.OVER
    if elapsed >= budget * WARNING_FRACTION:
        return Pace.WARNING
    return Pace.ON_PACE


class Stopwatch:
    """Elapsed seconds that can start from a saved value, pause and resume."""

    def __init__(
        self, elapsed: float = 0.0, *, running: bool = False, clock: Clock = time.monotonic
    ) -> None:
        self._clock = clock
        self._banked = elapsed  # time accumulated before the current run
        self._started: float | None = None
        if running:
            self.start()

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def elapsed(self) -> float:
        if self._started is None:
            return self._banked
        return self._banked + (self._clock() - self._started)

    @property
    def seconds(self) -> int:
        """Whole seconds elapsed: what is saved and what ticks are stamped with."""
        return int(self.elapsed)

    def start(self) -> None:
        if self._started is None:
            self._started = self._clock()

    def stop(self) -> None:
        if self._started is not None:
            self._banked = self.elapsed
            self._started = None

    def reset(self, elapsed: float = 0.0) -> None:
        running = self.running
        self._banked = elapsed
        self._started = self._clock() if running else None


class InterviewClock:
    """The whole interview's stopwatch and the current question's, paused together."""

    def __init__(self, total: float, question: float, *, clock: Clock = time.monotonic) -> None:
        self.total = Stopwatch(total, clock=clock)
        self.question = Stopwatch(question, clock=clock)
        self.paused = True

    def resume(self) -> None:
        self.paused = False
        self.total.start()
        self.question.start()

    def pause(self) -> None:
        self.paused = True
        self.total.stop()
        self.question.stop()

    def toggle(self) -> bool:
        """Pause or resume; returns whether the clock is now paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()
        return self.paused

    def switch_question(self, elapsed: float) -> None:
        """Start timing another question from its own saved elapsed time."""
        self.question.reset(elapsed)
