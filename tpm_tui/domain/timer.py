"""Stopwatches for the interview clock: monotonic time, never counted ticks.

A repaint timer may fire late or not at all (a busy screen, a suspended
process); reading `time.monotonic()` keeps the elapsed time right regardless.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from enum import Enum
from typing import NamedTuple

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


class TimerFace(NamedTuple):
    """What a timer shows: a figure that changes often, words after it, its pace.

    Words say the pace too ("wrap up", "over", "behind"), so it reads without colour.
    """

    figure: str
    words: str
    pace: Pace


def elapsed_face(elapsed: float, budget: float, *, whole_minutes: bool = False) -> TimerFace:
    """`2:15/10:00`, or `12/45 min` in whole minutes: time used against the budget;
    past it, `11:05/10:00 over` (in words too, not only in colour)."""
    if whole_minutes:
        figure = str(int(elapsed) // 60)
        words = f"/{int(budget) // 60} min" if budget > 0 else " min"
    else:
        figure = clock(int(elapsed))
        words = f"/{clock(int(budget))}" if budget > 0 else ""
    state = pace(elapsed, budget)
    return TimerFace(figure, words + (" over" if state is Pace.OVER else ""), state)


def question_face(elapsed: float, budget: float) -> TimerFace:
    """A question's countdown: `7:55 left`, `1:55 left, wrap up` from 80% of the
    budget, `+2:05 over` past it (just the time used when there is no budget)."""
    state = pace(elapsed, budget)
    if budget <= 0:
        return TimerFace(clock(int(elapsed)), "", state)
    if state is Pace.OVER:
        return TimerFace(f"+{clock(int(elapsed) - int(budget))}", " over", state)
    left = clock(int(budget) - int(elapsed))
    return TimerFace(left, " left, wrap up" if state is Pace.WARNING else " left", state)


def still_needed(budgets: Sequence[float], elapsed: Sequence[float]) -> float:
    """Seconds the questions not yet done still need: each one's budget less the
    time already spent on it (never below 0)."""
    return sum(max(0.0, budget - used) for budget, used in zip(budgets, elapsed, strict=True))


def interview_face(elapsed: float, length: float, needed: float) -> TimerFace:
    """The whole interview in whole minutes (so it repaints once a minute).

    `38m left, on pace` while the time left covers what the questions not yet done
    still need (`needed`, see still_needed); `38m left, 3m behind` (a warning) when
    it falls short by that much; `+2m over` (over) past the interview's length.
    Minutes are rounded up: `1m left` means some time is left.
    """
    if length <= 0:
        return TimerFace(str(int(elapsed) // 60), " min", Pace.ON_PACE)
    left = length - elapsed
    if left < 0:
        return TimerFace(f"+{minutes_up(-left)}m", " over", Pace.OVER)
    figure = f"{minutes_up(left)}m"
    # In the line's whole minutes, so the two figures add up to what is needed
    # (`3m left, 27m behind` for 30). A shortfall of seconds is no warning: the two
    # clocks are read a moment apart, and at the start of a planned-to-the-minute
    # interview that moment alone would say `1m behind`.
    behind = minutes_up(needed) - minutes_up(left)
    if behind > 0:
        return TimerFace(figure, f" left, {behind}m behind", Pace.WARNING)
    return TimerFace(figure, " left, on pace", Pace.ON_PACE)


def minutes_up(seconds: float) -> int:
    """Whole minutes, rounded up: any time at all is at least a minute."""
    return math.ceil(seconds / 60)


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
