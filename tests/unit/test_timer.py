"""Stopwatches read a clock; they never count ticks."""

from __future__ import annotations

import pytest

from tpm_tui.domain.timer import InterviewClock, Pace, Stopwatch, pace


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_stopwatch_counts_only_while_running() -> None:
    clock = FakeClock()
    watch = Stopwatch(10, clock=clock)
    clock.now += 5
    assert watch.seconds == 10
    watch.start()
    clock.now += 7.9
    assert watch.seconds == 17
    watch.stop()
    clock.now += 100
    assert watch.elapsed == pytest.approx(17.9)


def test_reset_keeps_running_state() -> None:
    clock = FakeClock()
    watch = Stopwatch(0, running=True, clock=clock)
    clock.now += 3
    watch.reset(42)
    clock.now += 2
    assert watch.seconds == 44


def test_interview_clock_pauses_both_and_switches_question() -> None:
    clock = FakeClock()
    interview = InterviewClock(total=100, question=20, clock=clock)
    assert interview.paused
    interview.resume()
    clock.now += 10
    assert (interview.total.seconds, interview.question.seconds) == (110, 30)
    assert interview.toggle() is True
    clock.now += 60
    assert (interview.total.seconds, interview.question.seconds) == (110, 30)
    interview.toggle()
    interview.switch_question(5)
    clock.now += 1
    assert (interview.total.seconds, interview.question.seconds) == (111, 6)


@pytest.mark.parametrize(
    ("elapsed", "budget", "expected"),
    [
        (0, 600, Pace.ON_PACE),
        (479, 600, Pace.ON_PACE),
        (480, 600, Pace.WARNING),
        (600, 600, Pace.WARNING),
        (601, 600, Pace.OVER),
        (5, 0, Pace.ON_PACE),
    ],
)
def test_pace_warns_at_80_percent_and_over_past_100(elapsed, budget, expected) -> None:
    assert pace(elapsed, budget) is expected
